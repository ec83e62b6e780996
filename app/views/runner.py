"""One runner takes a clerk's click to a service, for every action of the views.

``Runner.run``: ask the clerk's name (once), open the action's dialog, call the service, then
announce what changed (one ``OpChanges``) — or, when the service refuses (a ``DomainError``),
say why through the one message door (``prompts``) and refresh.  A ``ValidationError`` reopens
the dialog with the clerk's input and the error under its field where the page asks for that
(``reopen=True``); elsewhere it is told like any refusal.

Every clerk's action carries an idempotency key (issue 15, item 2; ``common.action_key``): a
new one per click, kept when the clerk presses 重試 after the database failed to answer
(``ServerUnavailableError``) — an action that was saved after all is then answered from what
was saved, never done twice.  Each row of the bulk form has a key of its own.

``Runner.run_each``: the bulk form — one dialog for all the rows, then the service once per
row, each in its own transaction; one row that cannot move does not stop the others, a lost
connection stops the rest ("沒有完成").  One announcement at the end, then the outcomes.
``Runner.run_bulk``: the same form over one set-based service call (``orders.bulk_action``:
chunks of orders, each one transaction) in a background job with a progress dialog.

Both then go on (docs/PRODUCT.md §8, act and go on): on a page of status tabs the next order of
the tab is selected — the row that took the acted row's place, or the last — with the focus in
the table, and the status bar says what was done (``Session.say``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.errors import DomainError, ServerUnavailableError, ValidationError
from app.domain.later import dataclass_when_used
from app.services.changes import is_connection_error
from app.services.credentials import redact
from app.services.keys import action_key
from app.services.op_changes import OpChanges, merge
from app.widgets.format import error_text

from . import background, prompts
from .background import Job
from .session import Session

if TYPE_CHECKING:
    from app.dialogs.bulk_dialogs import Outcome


def __getattr__(name: str):
    """``BulkResultDialog`` and ``Outcome``, from ``app.dialogs.bulk_dialogs``: imported when a
    bulk form first needs them, not while the window starts (issue 11, item 8)."""
    if name in ("BulkResultDialog", "Outcome"):
        from app.dialogs import bulk_dialogs

        return getattr(bulk_dialogs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Vanished(Exception):  # noqa: N818 - a signal to the runner, not an error to report
    """Raised by a dialog step when its row is gone: reload, say nothing."""


def changes_of(result: Any) -> OpChanges:
    """The announcement for a service's result: an action's ``Change``, or an ``OpChanges``."""
    if isinstance(result, OpChanges):
        return result
    from app.services.common import Change  # with the write path: once an action has run

    if isinstance(result, Change):
        return OpChanges.of(result)
    raise TypeError(f"no OpChanges for {type(result).__name__}; pass changes=")


def new_key() -> str:
    """A clerk's action's idempotency key: a uuid4's 32 hex digits."""
    return uuid.uuid4().hex


def _first_line(exc: BaseException) -> str:
    text = redact(exc).strip()  # a driver's words may hold the server's URL
    return text.splitlines()[0] if text else type(exc).__name__


class Runner:
    """The actions of one page.  ``refresh`` runs after a refusal (default: announce
    ``OpChanges.all()``); ``refresh_when_invalid`` refreshes after a told ``ValidationError``
    too (the methods pages: another clerk may have taken the title)."""

    def __init__(self, page: QWidget, session: Session, *,
                 refresh: Callable[[], None] | None = None, refresh_when_invalid: bool = False):
        self.page = page
        self.session = session
        self._refresh = refresh
        self.refresh_when_invalid = refresh_when_invalid
        #: The bulk jobs running (``run_bulk``).
        self.jobs: set[Job] = set()

    # ---- the steps, for pages that need one of them alone

    def operator(self) -> str | None:
        return self.session.operator(self.page)

    def announce(self, changes: OpChanges) -> None:
        self.session.announce(changes)

    def refresh(self) -> None:
        if self._refresh is not None:
            self._refresh()
        else:
            self.session.announce(OpChanges.all())

    def tell(self, title: str, text: str, *, kind: prompts.Kind = prompts.WARNING) -> None:
        prompts.tell(self.page, title, text, kind=kind)

    def _acted(self, rows: list | None = None):
        """The list the action starts from, its rows (``rows`` or the selected ones) and where
        the first of them stands (no list off a page of status tabs)."""
        current = getattr(self.page, "current_list", None)
        lt = current() if callable(current) else None
        if lt is None:
            return None, list(rows or []), 0
        acted = lt.selected_rows() if rows is None else rows
        return lt, acted, lt.position_of(acted)

    def go_on(self, title: str, start: tuple, done: int, failed: int = 0) -> None:
        """After ``done`` rows succeeded: select the next order of the list the action started
        from (``start``, from ``_acted``) and say what was done."""
        lt, acted, position = start
        if lt is None:  # a page without status tabs (the methods pages) says it its own way
            return
        lt.select_next([r.id for r in acted], position)
        if len(acted) == 1 and done == 1:
            text = QCoreApplication.translate("Runner", "已完成「{0}」：訂單 {1}").format(
                title, getattr(acted[0], "order_no", ""))
        else:
            text = QCoreApplication.translate("Runner", "已完成「{0}」：{1} 筆訂單").format(title, done)
            if failed:
                text += QCoreApplication.translate("Runner", "（{0} 筆未完成）").format(failed)
        self.session.say(text)

    def refuse(self, title: str, err: DomainError) -> None:
        """Say why ``err`` stopped the action, and refresh (the screen was out of date)."""
        self.tell(title, error_text(err))
        self.refresh()

    # ---- one action

    def run(self, title: str, call: Callable[[Any, str], Any], *,
            ask: Callable[[Any, DomainError | None], Any] | None = None, reopen: bool = False,
            changes: Callable[[Any], OpChanges] = changes_of) -> Any:
        """Ask the name, ``ask(initial, error)`` for the input (None: the clerk cancelled), then
        ``call(value, operator)``; announce ``changes(result)`` and return the result.  None
        when the clerk cancelled or the service refused (and the clerk was told why)."""
        start = self._acted()
        operator = self.operator()
        if not operator:
            return None
        initial = error = None
        key = new_key()
        retry = False
        while True:
            if not retry:
                value = None
            if ask is not None and not retry:
                try:
                    value = ask(initial, error)
                except Vanished:
                    self.refresh()
                    return None
                except DomainError as err:
                    self.refuse(title, err)
                    return None
                if value is None:
                    return None
            retry = False
            try:
                with action_key(key):
                    result = call(value, operator)
            except ValidationError as err:
                if reopen and ask is not None:
                    initial, error = value, err
                    key = new_key()  # new input: another action
                    continue
                self.tell(title, error_text(err))
                if self.refresh_when_invalid:
                    self.refresh()
                return None
            except ServerUnavailableError as err:  # the database did not answer
                if not _retry_is_safe(err):
                    self.refuse(title, err)  # saved or not, unknown: the clerk looks first
                    return None
                if self.offer_retry(title, err):  # nothing saved, or the key makes it safe
                    retry = True
                    continue
                self.refresh()
                return None
            except DomainError as err:  # another desk was first, the status moved on, it is gone
                self.refuse(title, err)
                return None
            self.announce(changes(result))
            self.go_on(title, start, 1)
            return result

    def offer_retry(self, title: str, err: ServerUnavailableError) -> bool:
        """Say why the database did not answer and ask whether to try again (the same action,
        under the same key: done once whatever happened before)."""
        text = error_text(err) + "\n\n" + QCoreApplication.translate(
            "Runner", "按「重試」再試一次：已儲存的操作不會重複儲存。")
        return prompts.confirm(self.page, title, text,
                               yes=QCoreApplication.translate("Runner", "重試"),
                               no=QCoreApplication.translate("Runner", "取消"))

    # ---- the bulk form

    def run_each(self, title: str, rows: list, call: Callable[[Any, Any, str], Any], *,
                 ask: Callable[[list], Any], done: Callable[[Any], str]) -> list[Outcome] | None:
        """Ask the name, ``ask(rows)`` once (None or False: cancelled), then
        ``call(row, value, operator)`` for each row; ``done(result)`` says where a row went.
        Returns the outcomes shown, or None when nothing ran."""
        from app.dialogs.bulk_dialogs import Outcome

        asked = self._ask_bulk(rows, ask)
        if asked is None:
            return None
        start, operator, value = asked
        outcomes: list[Outcome] = []
        results: list[OpChanges] = []
        refresh_all = False
        key = new_key()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for i, row in enumerate(rows):
                try:
                    with action_key(f"{key}-{i}"):  # each row's own
                        result = call(row, value, operator)
                except DomainError as err:
                    refresh_all = refresh_all or not isinstance(err, ValidationError)
                    if is_connection_error(err):  # the server went away: stop here
                        outcomes += [Outcome(r.id, r.order_no, False, error_text(err)) for r in rows[i:]]
                        break
                    outcomes.append(Outcome(row.id, row.order_no, False, error_text(err)))
                    continue
                except Exception as exc:  # noqa: BLE001 - e.g. the server went away: stop here
                    refresh_all = True
                    why = QCoreApplication.translate("Runner", "沒有完成（{0}）").format(_first_line(exc))
                    outcomes += [Outcome(r.id, r.order_no, False, why) for r in rows[i:]]
                    break
                results.append(changes_of(result))
                outcomes.append(Outcome(row.id, row.order_no, True, done(result)))
        finally:
            QApplication.restoreOverrideCursor()
        self._bulk_report(title, start, outcomes, OpChanges.all() if refresh_all else merge(results))
        return outcomes

    def _ask_bulk(self, rows: list, ask: Callable[[list], Any]) -> tuple | None:
        """A bulk form's start: where it starts (``_acted``), the clerk's name and ``ask(rows)``;
        None when the clerk gave no name or cancelled (None or False)."""
        start = self._acted(rows)
        operator = self.operator()
        if not operator:
            return None
        value = ask(rows)
        if value is None or value is False:
            return None
        return start, operator, value

    def _bulk_report(self, title: str, start: tuple, outcomes: list[Outcome], changes: OpChanges) -> None:
        """A bulk form's end: one announcement, go on, the outcomes shown, the table's focus."""
        from app.dialogs.bulk_dialogs import BulkResultDialog

        self.announce(changes)
        done = sum(o.ok for o in outcomes)
        self.go_on(title, start, done, len(outcomes) - done)
        BulkResultDialog.report(self.page, title, outcomes)
        if start[0] is not None:
            start[0].view.setFocus()

    # ---- the set-based bulk form (issue 11 item 7)

    def run_bulk(self, title: str, rows: list, work: Callable[..., list], *,
                 ask: Callable[[list], Any], done: Callable[[Any], str]) -> Job | None:
        """Like ``run_each``, but one set-based service call for all the rows, off the UI
        thread: ask the name, ``ask(rows)`` once (None or False: cancelled), then
        ``work(rows, value, operator, keys, progress=, cancelled=)`` in a background ``Job``
        with a progress dialog that can cancel (the window stays usable); ``keys`` holds each
        row's idempotency key (one per row per click), and it returns one outcome per row, in
        order (``change`` or ``error``, as ``orders.BulkOutcome``).  When the database did not
        answer for some rows and a retry is safe, the clerk is offered 重試: those rows run
        again under the same keys, so a row saved after all is answered, not done twice.  At
        the end one announcement, the next order selected, and the outcomes shown.  Returns
        the job, or None when nothing ran."""
        asked = self._ask_bulk(rows, ask)
        if asked is None:
            return None
        start, operator, value = asked
        key = new_key()
        keys = [f"{key}-{i}" for i in range(len(rows))]  # each row's own

        def call(todo: list, todo_keys: list, **job):
            return work(todo, value, operator, todo_keys, **job)

        return self._bulk_job(_BulkRun(title, start, rows, keys, call, done), {})

    def _bulk_job(self, run: _BulkRun, prior: dict) -> Job:
        """One background job of ``run_bulk`` over the rows not in ``prior`` (the outcomes of
        the rows done before a 重試, by index)."""
        todo = [i for i in range(len(run.rows)) if i not in prior]
        job = Job(lambda **kw: run.call([run.rows[i] for i in todo], [run.keys[i] for i in todo], **kw))
        job.show_progress(self.page, QCoreApplication.translate("Runner", "正在處理 {0} 筆訂單…").format(len(todo)),
                          cancel=QCoreApplication.translate("Runner", "停止"), title=run.title, name="bulk_progress")
        job.signals.done.connect(lambda outcomes: self._bulk_done(job, run, prior, todo, outcomes))
        job.signals.failed.connect(lambda exc: self._bulk_done(job, run, prior, todo, exc))
        self.jobs.add(job)
        app = QCoreApplication.instance()
        if app is not None:  # quitting stops it before its next chunk
            app.aboutToQuit.connect(job.cancel)
        background.start(job)
        return job

    def _bulk_done(self, job: Job, run: _BulkRun, prior: dict, todo: list, result) -> None:
        """``run_bulk``'s end, on the UI thread: ``result`` is the outcomes of the rows of
        ``todo``, or the exception that stopped the whole call (then no row is told done)."""
        from app.dialogs.bulk_dialogs import Outcome

        job.close_dialog()
        self.jobs.discard(job)
        if isinstance(result, BaseException):
            result = [_Stopped(result)] * len(todo)
        merged = {**prior, **dict(zip(todo, result, strict=True))}
        again = [i for i in todo if _retry_is_safe(merged[i].error)]
        if again and self.offer_retry(run.title, merged[again[0]].error):
            self._bulk_job(run, {i: o for i, o in merged.items() if i not in again})
            return
        outcomes: list[Outcome] = []
        results: list[OpChanges] = []
        refresh_all = False
        for i, row in enumerate(run.rows):
            o = merged[i]
            if o.change is not None:
                results.append(changes_of(o.change))
                outcomes.append(Outcome(row.id, row.order_no, True, run.done(o.change)))
                continue
            refresh_all = refresh_all or not isinstance(o.error, ValidationError)
            if isinstance(o.error, DomainError):
                why = error_text(o.error)
            else:  # e.g. the server went away: the rest was not done
                why = QCoreApplication.translate("Runner", "沒有完成（{0}）").format(_first_line(o.error))
            outcomes.append(Outcome(row.id, row.order_no, False, why))
        self._bulk_report(run.title, run.start, outcomes, OpChanges.all() if refresh_all else merge(results))


def _retry_is_safe(err: BaseException | None) -> bool:
    """Whether running a row again is safe after ``err``: the database did not answer, and
    either nothing was saved or the row's key makes a retry safe (as ``Runner.run`` decides)."""
    return isinstance(err, ServerUnavailableError) and (
        err.reason != ServerUnavailableError.UNCERTAIN or err.retryable)


@dataclass_when_used(frozen=True)
class _BulkRun:
    """One click's ``run_bulk``: its rows, their keys (kept by 重試) and the call."""

    title: str
    start: tuple
    rows: list
    keys: list
    call: Callable[..., list]
    done: Callable[[Any], str]


class _Stopped:
    """Every row's outcome when the bulk call itself failed."""

    change = None

    def __init__(self, error: BaseException):
        self.error = error


__all__ = ["Runner", "Vanished", "changes_of"]
