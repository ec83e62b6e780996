"""A page of status tabs with counts over one filter bar: 訂單管理 and 取消訂單 are both one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from time import monotonic

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from app.domain.errors import DomainError
from app.domain.tabs import date_label
from app.services import order_counters, queries
from app.services.credentials import redact
from app.services.op_changes import OpChanges
from app.widgets.format import error_text

from . import settings_keys as keys
from .background import Job, start
from .export_action import install_export
from .filter_bar import FilterBar
from .list_tab import ListTab
from .paged_model import Counting, PagedTableModel
from .session import Session


@dataclass(frozen=True)
class PageSpec:
    """What one page of status tabs lists: the tabs (an enum whose members have ``label`` and
    ``statuses``), the filter dataclass, its rows (``queries.ListSource``) and the counts of
    every tab, the key its settings are saved under,
    and its search box's hint (untranslated, in the page class's context).  The date filter
    is named after the date the current tab filters on (``tabs.date_label``)."""

    tabs: type
    filter: type
    source: object  # a ``queries.ListSource``: the tab's pages and its count
    count: Callable
    settings_key: str
    placeholder: str
    #: The most rows ``count`` reads on the UI thread (its ``within``); a search or filter that
    #: would read more is counted off it (``StatusTabsPage.all_counts``).  None: always at once.
    count_within: int | None = None


class _CountStopper:
    """Stops the page's running count when the page is destroyed (its ``destroyed``): the
    page's pool, one of its children, would otherwise wait there for the count to end — the
    old window closed on switching databases, seconds at a million orders.  Not a method of
    the page, whose Python side is gone by then."""

    def __init__(self):
        self.work: order_counters.CountApart | None = None

    def __call__(self, *_args) -> None:
        if self.work is not None:
            self.work.cancel()


class _Lists(Mapping):
    """``page.tab_of``: each tab's ``ListTab``, built when first asked for (``built``: those
    built so far)."""

    def __init__(self, page: StatusTabsPage):
        self.page = page
        self.built: dict = {}

    def __getitem__(self, tab) -> ListTab:
        lt = self.built.get(tab)
        if lt is None:
            if tab not in self.page._holders:
                raise KeyError(tab)
            lt = self.page._build(tab)
        return lt

    def __iter__(self):
        return iter(self.page.SPEC.tabs)

    def __len__(self) -> int:
        return len(self.page.SPEC.tabs)

    def __contains__(self, tab) -> bool:
        return tab in self.page._holders


class StatusTabsPage(QWidget):
    """Tabs reload only when a change touched their statuses; a hidden tab reloads when it is
    shown (docs/STYLE.md: change flags, Electrum's deferred refresh).

    Subclasses set ``SPEC`` (a ``PageSpec``), implement ``columns()``, ``touched(change)``
    and ``open_detail(row)``, and add their own widgets and actions in ``install_actions()``.
    """

    SPEC: PageSpec
    counts_changed = Signal(dict)
    #: Whether each tab's table is built when the tab is first shown (else all with the page).
    TABS_WHEN_SHOWN = True

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        stores = queries.list_stores()
        self.store_names = dict(stores)
        context = type(self).__name__
        self.filter_bar = FilterBar(stores, date_label=self._date_label(next(iter(self.SPEC.tabs))),
                                    placeholder=QCoreApplication.translate(context, self.SPEC.placeholder),
                                    methods=self.filter_methods(), parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName(f"{self.SPEC.settings_key}_tabs")
        # Each tab's table is built, and its rows read, when the tab is first shown (issue 11,
        # item 8): until then an empty holder stands in the tab, and ``tab_of[tab]`` builds it.
        self.tab_of = _Lists(self)
        self._holders: dict = {}
        self._installers: list[Callable[[object, ListTab], None]] = []
        #: The filters the tabs not built yet take when built (those of the last ``apply_filters``).
        self._base = self.SPEC.filter()
        #: A tab's header as saved (``restore_state``) and a saved view's sort, for a tab not built yet.
        self._saved_headers: dict = {}
        self._saved_sorts: dict = {}
        self.counts: dict = {}
        self._counted: tuple | None = None  # (filter, counts) of the last count of every tab
        #: The last counts taken before a change (shown, as ``Counting``, while they are taken
        #: again off the UI thread), the count running there and its filter, and the changes
        #: seen (a count started before one is taken again when it ends).
        self._before: tuple | None = None
        self._count_job: tuple | None = None
        self._changes = 0
        #: Why the last count taken off the UI thread failed (None: it did not), until the
        #: counts are asked for again (``_count_failed``).
        self._failed: str | None = None
        self._count_pool: QThreadPool | None = None
        self._count_stopper = _CountStopper()
        #: The filters counted again once the desk has rested (``_rest_then_count``), and the
        #: timer of that rest (made when first needed).
        self._rest_key = None
        self._rest: QTimer | None = None
        for tab in self.SPEC.tabs:
            holder = QWidget(self.tabs)
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self._holders[tab] = holder
            self.tabs.addTab(holder, QCoreApplication.translate("Tabs", tab.label))
            if not self.TABS_WHEN_SHOWN:
                self._build(tab)
        self._dirty = set(self.SPEC.tabs)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.filter_bar.changed.connect(self.apply_filters)
        self.filter_bar.search.returnPressed.connect(self._search_entered)  # after the reload
        self._keys()
        session.changed.connect(self.on_change)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter_bar)
        lay.addWidget(self.tabs)
        self._reload_visible()  # the visible tab's rows, and every tab's count
        install_export(self)
        self.install_actions()

    # ---- the tabs' tables, each built when first shown

    def _build(self, tab) -> ListTab:
        """``tab``'s table, with its filters and sort as if it had been there from the start,
        and every row action installed so far (``each_list``)."""
        default = self.SPEC.filter()
        flt = replace(self._base, tab=tab, sort=default.sort, descending=default.descending)
        model = PagedTableModel(self.columns_for(tab), self.SPEC.source, flt, count=self.tab_count, parent=self)
        lt = ListTab(model, self._holders[tab])
        lt.gate = self.session.refusal  # a clerk's window: a supervisor's actions disabled, and why
        lt.setObjectName(f"tab_{tab.value}")
        lt.open_requested.connect(self.open_detail)
        lt.before_whole_tab = partial(self.count_now, lt)
        self.tab_of.built[tab] = lt
        self._holders[tab].layout().addWidget(lt)
        if self._holders[tab].isVisible():
            lt.show()  # now, not when the layout gets round to it: no blank tab painted first
        state = self._saved_headers.pop(tab, None)
        if state is not None:
            lt.restore_header(state)
        sort = self._saved_sorts.pop(tab, None)
        if sort is not None:
            self._sort_list(lt, *sort)
        for install in self._installers:
            install(tab, lt)
        _follow_in_focus_chain(self._holders[tab], lt)
        return lt

    def each_list(self, install: Callable[[object, ListTab], None]) -> None:
        """Call ``install(tab, list_tab)`` for every tab's table: now for those built, the
        others when they are built (row actions, buttons)."""
        self._installers.append(install)
        for tab, lt in list(self.tab_of.built.items()):
            install(tab, lt)

    def all_lists(self) -> list[ListTab]:
        """Every tab's table, those not shown yet built now (the window's list of shortcuts
        names their row actions too)."""
        return [self.tab_of[tab] for tab in self.SPEC.tabs]

    def built_lists(self) -> list[ListTab]:
        """The tabs' tables built so far (a tab not shown yet has none)."""
        return list(self.tab_of.built.values())

    def sort_tabs(self, key: str, descending: bool) -> None:
        """Sort every tab that has the column ``key`` by it (a saved view; each loads when
        next shown)."""
        for tab in self.SPEC.tabs:
            lt = self.tab_of.built.get(tab)
            if lt is not None:
                self._sort_list(lt, key, descending)
            elif key in [c.key for c in self.columns_for(tab)]:
                self._saved_sorts[tab] = (key, descending)

    @staticmethod
    def _sort_list(lt: ListTab, key: str, descending: bool) -> None:
        columns = [c.key for c in lt.model.columns]
        if key not in columns:
            return  # a tab without the column (等待天數) keeps its own sort
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header = lt.view.horizontalHeader()
        header.blockSignals(True)  # the model sorts once, with the filters
        header.setSortIndicator(columns.index(key), order)
        header.blockSignals(False)
        lt.model.set_sort(key, descending)

    @staticmethod
    def _date_label(tab) -> str:
        return QCoreApplication.translate("FilterBar", date_label(tab))

    def _tab_changed(self, _index: int) -> None:
        """The date filter names the tab's own date (each tab's query filters on it)."""
        tab = self.current_tab()
        self.filter_bar.set_date_label(self._date_label(tab))
        self._reload_visible(keep_position=True)

    def columns_for(self, tab) -> list:
        """The columns of ``tab``'s list: ``columns()`` unless a page shows more on some tabs."""
        return self.columns()

    def _keys(self) -> None:
        """Ctrl+PgDn/PgUp and Ctrl+1…9 switch the tabs; Ctrl+F goes to the search box."""

        def key(text: str, shortcut, slot) -> None:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        key(self.tr("下一個分頁"), "Ctrl+PgDown", lambda: self._step_tab(1))
        key(self.tr("上一個分頁"), "Ctrl+PgUp", lambda: self._step_tab(-1))
        for i in range(min(9, self.tabs.count())):
            key(self.tr("第 {0} 個分頁").format(i + 1), f"Ctrl+{i + 1}", partial(self._go_tab, i))
        key(self.tr("搜尋"), QKeySequence.StandardKey.Find, self._find)

    def _step_tab(self, step: int) -> None:
        self._go_tab((self.tabs.currentIndex() + step) % self.tabs.count())

    def _go_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        lt = self.current_list()
        if not lt.selected_rows():
            lt.select_next([], 0)
        lt.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _find(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def _search_entered(self) -> None:
        """Enter in the search box: one hit in all the tabs opens it; otherwise on to the
        table of the current tab."""
        hits = {t: n for t, n in self.counts.items() if n and t.statuses is not None}  # not 全部
        if sum(hits.values()) == 1:
            tab = next(iter(hits))
            self.set_tab(tab)
            lt = self.tab_of[tab]
            lt.select_next([], 0)
            rows = lt.selected_rows()
            if rows:
                self.open_detail(rows[0])
            return
        lt = self.current_list()
        if lt.model.rowCount():
            lt.select_next([], 0)

    # ---- for subclasses (besides SPEC, columns() and open_detail(row), which each subclass
    # defines)

    def install_actions(self) -> None:
        """The page's own widgets and row actions, once the tabs are built (none by default)."""

    def filter_methods(self) -> tuple[list, list] | None:
        """The payment and shipping methods the filter bar offers, or None for no method
        filters (the default)."""
        return None

    def touched(self, change: OpChanges) -> frozenset[str]:
        """The statuses of this page's tabs that ``change`` touched (none by default)."""
        return frozenset()

    def in_place(self, change: OpChanges, tab, flt) -> bool:
        """Whether ``change`` left every row of ``tab`` (under ``flt``) where it was, so that
        only its changed rows are read again (``PagedTableModel.update_rows``).  Never, by
        default: the tab reloads its rows on screen."""
        return False

    # ---- filters and reloads

    def base_filter(self):
        return self.SPEC.filter(**self.filter_bar.values())

    def current_tab(self):
        return list(self.SPEC.tabs)[self.tabs.currentIndex()]

    def current_list(self) -> ListTab:
        return self.tab_of[self.current_tab()]

    def set_tab(self, tab) -> None:
        self.tabs.setCurrentIndex(list(self.SPEC.tabs).index(tab))
        self._reload_visible(keep_position=True)

    def apply_filters(self) -> None:
        base = self._base = self.base_filter()
        for tab, lt in self.tab_of.built.items():
            old = lt.model.filter
            lt.model.set_filter(replace(base, tab=tab, sort=old.sort, descending=old.descending), load=False)
        self._dirty = set(self.SPEC.tabs)
        self._reload_visible()  # counts every tab too (the visible one is dirty)

    def on_change(self, change: OpChanges) -> None:
        """Mark the tabs a change touched; reload the visible one now, the rest when shown."""
        if change.methods or change.everything:
            methods = self.filter_methods()
            if methods is not None:
                self.filter_bar.set_methods(*methods)
        self._forget_counts()  # counted again: other desks' changes too
        if change.reloads_lists:
            self._dirty = set(self.SPEC.tabs)
        else:
            touched = self.touched(change)
            if not touched:
                return
            for tab in self.SPEC.tabs:
                if tab.statuses is None or touched & {s.value for s in tab.statuses}:
                    self._dirty.add(tab)
        done = self._update_in_place(change)
        if done:
            return
        # When the rows could not be updated in place after all, the tabs were counted for it
        # just now: the reload keeps those counts rather than counting again.
        if not self._reload_visible(keep_position=True, recount=done is None):
            self.update_counts()  # only hidden tabs changed: their labels

    def _update_in_place(self, change: OpChanges) -> bool | None:
        """Issue 11 item 2: when the change moved no row of the visible tab, count the tabs
        and read again only its changed rows that are in the cache (none read when none is);
        whether that was enough (None: not tried, nothing counted)."""
        tab = self.current_tab()
        lt = self.tab_of[tab]
        if tab not in self._dirty or not lt.model.is_loaded or not self.in_place(change, tab, lt.model.filter):
            return None
        self.update_counts()
        if not lt.model.update_rows(change.order_ids, self.counts[tab]):
            return False  # rows came or went after all: the tab reloads
        self._dirty.discard(tab)
        lt.rows_changed(change.order_ids)
        lt.update_buttons()
        return True

    def refresh(self) -> None:
        self.on_change(OpChanges.all())

    def reload_if_stale(self) -> None:
        """Reload the visible tab if it changed while the page was hidden."""
        self._reload_visible(keep_position=True)

    def _reload_visible(self, keep_position: bool = False, recount: bool = True) -> bool:
        """Reload the visible tab if it is dirty or not loaded yet, and count every tab then
        (``recount`` False: the counts just taken stand); whether it did."""
        tab = self.current_tab()
        lt = self.tab_of[tab]
        if tab in self._dirty or not lt.model.is_loaded:
            self._dirty.discard(tab)
            if recount:
                self._forget_counts()  # the table's size and the tabs' labels counted now
            if keep_position and lt.model.is_loaded:
                lt.refresh()
            else:
                lt.model.reload(keep=0)
            lt.update_buttons()
            self.update_counts()
            return True
        return False

    def _forget_counts(self) -> None:
        """A change: the counts are taken again when next asked for (those known meanwhile
        kept, to show while a count that takes long is taken off the UI thread)."""
        if self._counted is not None:
            self._before = self._counted
        self._counted = None
        self._failed = None
        self._changes += 1

    def _count_key(self, flt):
        return replace(flt, tab=next(iter(self.SPEC.tabs)), sort=self.SPEC.filter().sort, descending=True)

    def all_counts(self, flt) -> dict:
        """Every tab's count under ``flt``'s filters (its tab and sort aside): one count for
        the tabs' labels and each table's size, until a change or another filter.

        A search most orders match, or a search or a method under a date range, takes seconds
        to count at a million orders (``count_orders(within=…)`` says so in a few
        milliseconds): it is counted off the UI thread, and until then each tab's count is a
        ``Counting`` — the last one known under the same filters, else 0 (its table shows the
        rows read so far and reads on as the clerk scrolls)."""
        key = self._count_key(flt)
        if self._counted is None or self._counted[0] != key:
            within = self.SPEC.count_within
            counts = self.SPEC.count(key) if within is None else self.SPEC.count(key, within=within)
            if counts is None:
                counts = self._meanwhile(key)
                self._count_apart(key)
            else:
                self._stop_counting()  # another filter's count, no longer wanted
            self._counted = (key, counts)
            self._failed = None
        return self._counted[1]

    def _meanwhile(self, key) -> dict:
        """What each tab shows while ``key``'s counts are taken off the UI thread: the last
        count known under those filters, else 0 (``Counting``)."""
        before = self._before[1] if self._before is not None and self._before[0] == key else {}
        return {tab: Counting(before.get(tab, 0)) for tab in self.SPEC.tabs}

    def _count_apart(self, key) -> None:
        """Count ``key``'s tabs in a worker thread (one at a time: one of other filters is
        stopped); ``_counted_apart`` takes the counts.  One of the same filters runs on to its
        end, however many changes come meanwhile (a busy shop's change a second would
        otherwise stop every count of a few seconds): its counts are shown, and taken again.
        Not while the desk rests before counting the same filters again: that count, started
        after this change, counts it."""
        if self._rest_key == key:
            return
        self._stop_rest()
        running = self._count_job
        if running is not None:
            if running[1] == key:
                return
            running[0].work.cancel()
        job = Job(order_counters.CountApart(self.SPEC.count, key))
        self._count_job = (job, key, self._changes, monotonic())
        self._count_stopper.work = job.work
        # Bound methods of the page: a page closed meanwhile is not called.
        job.signals.done.connect(self._counted_apart)
        job.signals.failed.connect(self._counted_apart)
        if self._count_pool is None:
            self._count_pool = QThreadPool(self)
            self._count_pool.setMaxThreadCount(1)
            QCoreApplication.instance().aboutToQuit.connect(self._stop_counting)
            self.destroyed.connect(self._count_stopper)
        start(job, self._count_pool)

    def _stop_counting(self) -> None:
        self._stop_rest()
        if self._count_job is not None:
            self._count_job[0].work.cancel()
            self._count_job = None

    def _rest_then_count(self, key, took: float) -> None:
        """Count ``key`` again once the desk has rested as long as its last count took (a
        change came while it counted): a busy shop's change a second would otherwise keep the
        desk counting back to back, a core of its machine and of the server's each."""
        if self._rest is None:
            self._rest = QTimer(self)
            self._rest.setSingleShot(True)
            self._rest.timeout.connect(self._count_after_rest)
        self._rest_key = key
        self._rest.start(max(0, round(took * 1000)))

    def _count_after_rest(self) -> None:
        key, self._rest_key = self._rest_key, None
        # Still the filters shown (forgotten by a change: counted when next asked for).
        if self._counted is not None and self._counted[0] == key:
            self._count_apart(key)

    def _stop_rest(self) -> None:
        self._rest_key = None
        if self._rest is not None:
            self._rest.stop()

    def _counted_apart(self, counts) -> None:
        """A count taken off the UI thread ended (its job's ``done`` or ``failed``): if it is
        still the one wanted, the tabs' labels and their tables' sizes take it (counted again
        if a change came meanwhile).  One that failed (the server gone) leaves the counts as
        they were (``_count_failed``)."""
        running = self._count_job
        if running is None or running[0].signals is not self.sender():
            return  # stopped: another filter, or another change
        self._count_job = None
        _job, key, changes, began = running
        # Counts forgotten by a change that touched none of the page's tabs (another page's
        # statuses, a method) are asked for next with the same filters: still wanted.
        if self._counted is not None and self._counted[0] != key:
            return
        if not isinstance(counts, dict):
            self._count_failed(key, counts)
            return
        if changes != self._changes:  # a change came while it counted: shown, and counted again
            counts = {tab: Counting(n) for tab, n in counts.items()}
            self._rest_then_count(key, monotonic() - began)
        self._take_counts(key, counts)

    def _count_failed(self, key, exc) -> None:
        """The count taken off the UI thread failed (the server gone, a statement refused):
        each label says "?" where no count is known, its tooltip and the status bar say why,
        and the table reads on as the clerk scrolls.  Not taken again on its own (a server
        that is gone would fail each time): a refresh (F5), the next change or filter, or the
        connection coming back (the live refresh reloads it all) counts again."""
        if self._counted is None:  # forgotten by a change that asked for none
            self._counted = (key, self._meanwhile(key))
        why = error_text(exc) if isinstance(exc, DomainError) else redact(exc)
        self._failed = QCoreApplication.translate(
            "StatusTabsPage", "各分頁的筆數未能計算：{0}\n按 F5 重新整理，再計算一次。").format(why)
        self.update_counts()
        self.session.say(self._failed.replace("\n", " "))

    def _take_counts(self, key, counts: dict) -> None:
        """``key``'s counts for the labels and the sizes of the tables under it."""
        self._counted = (key, counts)
        self._failed = None
        for tab, lt in self.tab_of.built.items():
            if lt.model.is_loaded and self._count_key(lt.model.filter) == key:
                lt.model.set_count(counts[tab])
        self.update_counts()
        self.current_list().update_buttons()

    def count_now(self, lt: ListTab) -> None:
        """Before a select-all of a table whose tab is being counted, or Ctrl+End: the counts
        taken now, on the UI thread (the wait cursor shown), so that every row of the tab is
        selected, or its last row is reached."""
        if not lt.model.counting:
            return
        key = self._count_key(lt.model.filter)
        self._stop_counting()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            counts = self.SPEC.count(key)
        except Exception as exc:
            self._count_failed(key, exc)  # not "…" for good: the count is stopped
            raise  # the select-all not done: the window's error hook says why
        finally:
            QApplication.restoreOverrideCursor()
        self._take_counts(key, counts)

    @property
    def counting(self) -> bool:
        """Whether the tabs are being counted off the UI thread (or will be, once the desk
        has rested: ``_rest_then_count``)."""
        return self._count_job is not None or self._rest_key is not None

    def tab_count(self, flt) -> int:
        """How many rows ``flt``'s tab has: the size of its table."""
        return self.all_counts(flt)[flt.tab]

    def update_counts(self) -> None:
        self.counts = self.all_counts(self.base_filter())
        tip = QCoreApplication.translate("StatusTabsPage", "各分頁的筆數計算中…") if self.counting else ""
        unknown = "?" if self._failed is not None else "…"
        tip = self._failed or tip
        for i, tab in enumerate(self.SPEC.tabs):
            label = QCoreApplication.translate("Tabs", tab.label)
            n = self.counts[tab]
            shown = unknown if isinstance(n, Counting) and not n else f"{n:,}"
            self.tabs.setTabText(i, f"{label} ({shown})")
            self.tabs.setTabToolTip(i, tip)
        self.counts_changed.emit(self.counts)

    # ---- settings

    def save_state(self, settings: QSettings) -> None:
        keys.page_tab(self.SPEC.settings_key).write(settings, self.tabs.currentIndex())
        for tab, lt in self.tab_of.built.items():  # a tab never shown keeps what was saved
            keys.page_header(self.SPEC.settings_key, tab.value).write(settings, lt.header_state())

    def restore_state(self, settings: QSettings) -> None:
        for tab in self.SPEC.tabs:
            state = keys.page_header(self.SPEC.settings_key, tab.value).read(settings)
            lt = self.tab_of.built.get(tab)
            if lt is not None:
                lt.restore_header(state)
            elif state:
                self._saved_headers[tab] = state
        index = int(keys.page_tab(self.SPEC.settings_key).read(settings) or 0)
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
        self._reload_visible()


def _follow_in_focus_chain(holder: QWidget, widget: QWidget) -> None:
    """Put the widgets of ``widget`` that Tab reaches right after those before ``holder`` in
    the window's focus chain, where they would be had they been built with it (a widget is
    built at the chain's end): Tab then goes from a table built later to the widget after
    its tab, as from one built with the page."""
    def tabbed(w: QWidget) -> bool:
        return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)

    window = holder.window()
    # Most often nothing that takes focus was made between the holder and the table (the
    # tab shown first, a page that builds every tab): it is in its place already.  (Walking
    # the whole chain asks PySide6 for the scroll areas' viewports, and the first time one is
    # asked for it builds the Python types of every Qt widget class: not before the first paint.)
    w = holder.nextInFocusChain()
    while w is not widget and w is not window and not tabbed(w):
        w = w.nextInFocusChain()
    if w is widget:
        return
    previous = holder.previousInFocusChain()
    while previous is not window and not tabbed(previous):
        previous = previous.previousInFocusChain()
    if previous is window:
        return  # nothing before it takes focus: it goes first anyway
    ours, w = [], window.nextInFocusChain()
    while w is not window:
        if widget.isAncestorOf(w) and tabbed(w):
            ours.append(w)
        w = w.nextInFocusChain()
    for w in ours:
        if previous.nextInFocusChain() is not w:
            QWidget.setTabOrder(previous, w)
        previous = w
