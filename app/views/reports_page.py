"""The 報表 (Reports) module: a tab per report.  Its first tab, 帳務明細, is the accountant's
ledger (issue 14): every money event of a period, filtered by store, payment method and kind,
with the sums by payment method, store or day beside it, whether the period is closed, and
【匯出 Excel】.  結帳／重新開啟 (the settings menu) is asked from here too.

The rows and sums come from ``app.services.ledger`` (computed by the database); the workbook
from ``app.services.ledger_export`` in a worker thread.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dialogs.close_month_dialog import CloseMonthDialog, CloseMonthInput, MonthChoice
from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import ledger, shop_clock
from app.services.credentials import redact
from app.services.export import ExportCancelled
from app.services.ledger_export import describe, export_ledger
from app.services.op_changes import OpChanges
from app.widgets import format as fmt
from app.widgets.dates import localised, show_dates
from app.widgets.tables import RowsModel, rows_view

from . import prompts
from .background import Job, JobController
from .order_detail import OrderDetailDialog
from .overview_page import OverviewPage
from .runner import Runner
from .settings_keys import EXPORT_DIR
from .stale import ReloadsWhenShown

CTX = "ReportsPage"


def signed_money(amount: int | None) -> str:
    """NT$1,234 / −NT$1,234 (a refund reads as money going out)."""
    if amount is None:
        return ""
    return f"−{fmt.money(-amount)}" if amount < 0 else fmt.money(amount)


def _kind(kind: str) -> str:
    return QCoreApplication.translate("Ledger", ledger.KINDS[kind])


#: The events table's columns: header, how a row shows, whether it is money (right-aligned).
EVENT_COLUMNS = (
    (QT_TRANSLATE_NOOP("ReportsPage", "日期"), lambda e: fmt.day(e.day), False),
    (QT_TRANSLATE_NOOP("ReportsPage", "類別"), lambda e: _kind(e.kind), False),
    (QT_TRANSLATE_NOOP("ReportsPage", "訂單編號"), lambda e: e.order_no, False),
    (QT_TRANSLATE_NOOP("ReportsPage", "商店"), lambda e: e.store, False),
    (QT_TRANSLATE_NOOP("ReportsPage", "付款方式"), lambda e: e.payment_method, False),
    (QT_TRANSLATE_NOOP("ReportsPage", "收付金額"), lambda e: signed_money(e.amount) if e.amount else "", True),
    (QT_TRANSLATE_NOOP("ReportsPage", "參考金額"), lambda e: signed_money(e.noted), True),
    (QT_TRANSLATE_NOOP("ReportsPage", "參考號碼"), lambda e: e.reference or "", False),
    (QT_TRANSLATE_NOOP("ReportsPage", "收款帳戶"), lambda e: e.account or "", False),
    (QT_TRANSLATE_NOOP("ReportsPage", "操作人員"), lambda e: e.operator, False),
    (QT_TRANSLATE_NOOP("ReportsPage", "備註"), lambda e: e.details or "", False),
)

TOTAL_COLUMNS = (
    (QT_TRANSLATE_NOOP("ReportsPage", "項目"), lambda t: fmt.day(t.key) if isinstance(t.key, date) else str(t.key), False),
    (QT_TRANSLATE_NOOP("ReportsPage", "收款"), lambda t: fmt.money(t.received), True),
    (QT_TRANSLATE_NOOP("ReportsPage", "退款"), lambda t: fmt.money(t.refunded), True),
    (QT_TRANSLATE_NOOP("ReportsPage", "淨額"), lambda t: signed_money(t.net), True),
)

#: What the sums can be grouped by: (``ledger.totals``'s ``by``, label).
GROUPS = (
    ("payment_method", QT_TRANSLATE_NOOP("ReportsPage", "依付款方式")),
    ("store", QT_TRANSLATE_NOOP("ReportsPage", "依商店")),
    ("day", QT_TRANSLATE_NOOP("ReportsPage", "依日期")),
)


class LedgerRows(RowsModel):
    context = CTX


def _table(model, parent, name: str) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    return rows_view(view, name)


def _month_start(d: date) -> date:
    return d.replace(day=1)


class LedgerPage(ReloadsWhenShown, QWidget):
    """帳務明細: the filters along the top, the events on the left, the sums on the right."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("ledger_page")
        self.session = session
        self.runner = Runner(self, session, refresh=self.reload)
        self.jobs = JobController(self)
        self._stale = True
        self._sized = False
        today = shop_clock.today()
        self.date_from = localised(QDateEdit(QDate(_month_start(today)), self, calendarPopup=True,
                                             displayFormat="yyyy-MM-dd"))
        self.date_to = localised(QDateEdit(QDate(today), self, calendarPopup=True,
                                           displayFormat="yyyy-MM-dd"))
        self.date_from.setObjectName("ledger_from")
        self.date_to.setObjectName("ledger_to")
        self.this_month = QPushButton(fmt.bracketed(self.tr("本月")), self)
        self.this_month.setObjectName("button_this_month")
        self.last_month = QPushButton(fmt.bracketed(self.tr("上個月")), self)
        self.last_month.setObjectName("button_last_month")
        self.store = QComboBox(self)
        self.store.setObjectName("ledger_store")
        self.method = QComboBox(self)
        self.method.setObjectName("ledger_method")
        self.kind = QComboBox(self)
        self.kind.setObjectName("ledger_kind")
        self.kind.addItem(self.tr("全部類別"), None)
        for key in ledger.KINDS:
            self.kind.addItem(_kind(key), key)
        self.state = QLabel(self)
        self.state.setObjectName("ledger_state")
        self.export_button = QPushButton(fmt.bracketed(self.tr("匯出 Excel")), self)
        self.export_button.setObjectName("button_export")
        self.close_button = QPushButton(fmt.bracketed(self.tr("結帳／重新開啟…")), self)
        self.close_button.setObjectName("button_close_month")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("期間"), self))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("～", self))
        top.addWidget(self.date_to)
        top.addWidget(self.this_month)
        top.addWidget(self.last_month)
        top.addSpacing(12)
        for label, combo in ((self.tr("商店"), self.store), (self.tr("付款方式"), self.method),
                             (self.tr("類別"), self.kind)):
            top.addWidget(QLabel(label, self))
            top.addWidget(combo)
        top.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.state, 1)
        second.addWidget(self.close_button)
        second.addWidget(self.export_button)

        self.events = LedgerRows(EVENT_COLUMNS, self)
        self.events_view = _table(self.events, self, "ledger_events")
        self.totals = LedgerRows(TOTAL_COLUMNS, self)
        self.totals_view = _table(self.totals, self, "ledger_totals")
        self.group = QComboBox(self)
        self.group.setObjectName("ledger_group")
        for key, label in GROUPS:
            self.group.addItem(QCoreApplication.translate(CTX, label), key)
        self.whole = QLabel(self)
        self.whole.setObjectName("ledger_whole")
        self.whole.setWordWrap(True)
        side = QWidget(self)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.whole)
        sl.addWidget(self.group)
        sl.addWidget(self.totals_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.events_view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 400])
        self.count_label = QLabel(self)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(second)
        lay.addWidget(split, 1)
        lay.addWidget(self.count_label)

        self._fill_choices()
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.reload())
        for combo in (self.store, self.method, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.group.currentIndexChanged.connect(lambda _i: self._load_totals())
        self.this_month.clicked.connect(lambda: self.set_period(_month_start(shop_clock.today()),
                                                                shop_clock.today()))
        self.last_month.clicked.connect(self._last_month)
        self.export_button.clicked.connect(self.export)
        self.events_view.doubleClicked.connect(self.show_order)
        self.close_button.clicked.connect(self.ask_close_month)
        session.changed.connect(lambda _c: self.reload_or_mark_stale())

    # ---- filters

    def _fill_choices(self) -> None:
        stores, methods = ledger.choices()
        for combo, everything, items in ((self.store, self.tr("全部商店"), stores),
                                         (self.method, self.tr("全部付款方式"), methods)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for key, name in items:
                combo.addItem(name, key)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def set_period(self, date_from: date, date_to: date) -> None:
        show_dates((self.date_from, date_from), (self.date_to, date_to))
        self.reload()

    def _last_month(self) -> None:
        end = _month_start(shop_clock.today()) - timedelta(days=1)
        self.set_period(_month_start(end), end)

    def filter(self) -> ledger.LedgerFilter:
        kind = self.kind.currentData()
        return ledger.LedgerFilter(self.date_from.date().toPython(), self.date_to.date().toPython(),
                                   store_id=self.store.currentData(),
                                   payment_method_id=self.method.currentData(),
                                   kinds=(kind,) if kind else ())

    # ---- loading

    def reload(self) -> None:
        self._stale = False
        self._fill_choices()  # a store or payment method added since
        flt = self.filter()
        try:
            rows = ledger.events(flt)
        except ValidationError as err:
            self.events.set_rows([])
            self.totals.set_rows([])
            self.state.setText(err.message(QCoreApplication.translate))
            self.state.setStyleSheet("color: #c62828;")
            self.whole.clear()
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self.events.set_rows(rows)
        if rows and not self._sized:  # once: it samples up to 1,000 rows (docs/PERFORMANCE.md)
            self.events_view.resizeColumnsToContents()
            self._sized = True
        whole = ledger.totals(flt)[0]
        text = self.tr("收款 {0}　退款 {1}　淨額 {2}").format(
            fmt.money(whole.received), fmt.money(whole.refunded), signed_money(whole.net))
        if whole.invoiced or whole.voided or whole.allowances:
            text += "<br>" + self.tr("發票 {0}　作廢 {1}　折讓 {2}").format(
                fmt.money(whole.invoiced), fmt.money(whole.voided), fmt.money(whole.allowances))
        self.whole.setText(text)
        self.count_label.setText(self.tr("共 {0:,} 筆").format(len(rows)))
        self._show_state(flt)
        self._load_totals()

    def _load_totals(self) -> None:
        try:
            self.totals.set_rows(ledger.totals(self.filter(), self.group.currentData()))
        except ValidationError:
            self.totals.set_rows([])
        self.totals_view.resizeColumnsToContents()

    def _show_state(self, flt: ledger.LedgerFilter) -> None:
        closed = ledger.period_closed(flt)
        if closed is True:
            text, colour = self.tr("已結帳：這段期間的帳務已固定，再匯出也是同樣的內容。"), "#2e7d32"
        elif closed is None:
            text, colour = self.tr("部分結帳：{0}").format(
                self._month_words(flt)), "#ef6c00"
        else:
            text, colour = self.tr("未結帳：帳務仍可能因補登而變動。"), "#555555"
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold;")

    @staticmethod
    def _month_words(flt) -> str:
        from app.services.ledger_export import month_words

        return month_words(flt, QCoreApplication.translate)

    def show_order(self, index) -> None:
        """A double-click on an event opens its order (檢視商品訂單資訊)."""
        if index.isValid() and 0 <= index.row() < len(self.events.rows):
            OrderDetailDialog.show_for(self, self.events.rows[index.row()].order_id)

    # ---- 匯出 Excel

    def export(self) -> Job | None:
        title = self.tr("匯出 Excel")
        operator = self.runner.operator()
        if not operator:
            return None
        try:
            flt = self.filter().checked()
        except ValidationError as err:
            self.runner.tell(title, err.message(QCoreApplication.translate))
            return None
        folder = str(EXPORT_DIR.read(self.session.settings)) or str(Path.home())
        name = self.tr("帳務明細-{0:%Y%m%d}-{1:%Y%m%d}.xlsx").format(flt.date_from, flt.date_to)
        path = prompts.save_path(self, title, str(Path(folder) / name), self.tr("Excel 活頁簿 (*.xlsx)"))
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        filters_text = describe(flt, store_name=self.store.currentText(),
                                method_name=self.method.currentText(),
                                translate=QCoreApplication.translate)
        job = Job(lambda **run: export_ledger(flt, path, operator=operator, filters_text=filters_text,
                                              translate=QCoreApplication.translate, **run))
        job.show_progress(self, self.tr("正在匯出帳務明細…"), cancel=self.tr("取消"), title=title,
                          name="ledger_progress")
        job.signals.done.connect(lambda result: self._exported(job, title, result))
        job.signals.failed.connect(lambda exc: self._export_failed(job, title, exc))
        return self.jobs.launch(job)

    def _export_failed(self, job: Job, title: str, exc: BaseException) -> None:
        self.jobs.end(job)
        if isinstance(exc, ExportCancelled):
            self.jobs.stop(QCoreApplication.translate("ExportController", "已取消匯出，沒有寫入檔案。"))
            return
        self.runner.tell(title, self.tr("匯出失敗，沒有寫入檔案：{0}").format(redact(str(exc))))

    def _exported(self, job: Job, title: str, result) -> None:
        self.jobs.end(job)
        EXPORT_DIR.write(self.session.settings, str(Path(result.path).parent))
        self.jobs.status(self.tr("已匯出 {0:,} 筆到 {1}").format(result.rows, result.path))
        self.jobs.finished.emit(result)

    # ---- 結帳／重新開啟

    def month_choices(self, back: int = 12) -> list[MonthChoice]:
        """The last ``back`` ended months, newest first, and any older closed month."""
        first = _month_start(shop_clock.today())
        start = first
        for _ in range(back):
            start = _month_start(start - timedelta(days=1))
        states = {s.month: s for s in ledger.month_states(start, first - timedelta(days=1))}
        states.update({s.month: s for s in ledger.closed_list()})
        out = []
        for month in sorted(states, reverse=True):
            s = states[month]
            when = (f"{s.closed_by} {shop_clock.to_local(s.closed_at):%Y-%m-%d %H:%M}"
                    if s.closed else None)
            out.append(MonthChoice(month, when))
        return out

    def ask_close_month(self):
        """The close dialog, then ``close_month`` or ``reopen_month``; the result or None."""
        title = self.tr("結帳／重新開啟月份")
        choices = self.month_choices()

        def call(value: CloseMonthInput, operator: str):
            if value.reopen:
                return ledger.reopen_month(value.month, value.reason, operator=operator)
            return ledger.close_month(value.month, operator=operator)

        result = self.runner.run(title, call, reopen=True, changes=lambda _r: OpChanges.all(),
                                 ask=lambda initial, error: CloseMonthDialog.ask(
                                     self, choices, initial=initial, error=error))
        if isinstance(result, ledger.Closed):
            self.session.say(self.tr("{0} 已結帳：{1:,} 筆，淨額 {2}").format(
                result.month, result.events, signed_money(result.totals.net)))
        elif result is not None:
            self.session.say(self.tr("已重新開啟月份"))
        return result


class ReportsPage(QTabWidget):
    """The 報表 module: 帳務明細, then 概況 (charts); other report pages join with
    ``add_page``."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("reports_page")
        self.session = session
        self.ledger = LedgerPage(session, self)
        self.add_page(self.ledger, self.tr("帳務明細"))
        self.overview = OverviewPage(self)
        self.add_page(self.overview, self.tr("概況"))
        self.currentChanged.connect(lambda _i: self.reload_if_stale())

    def add_page(self, widget: QWidget, label: str) -> int:
        """Another report as a tab (e.g. 概況); its ``reload_if_stale`` is called when shown,
        if it has one."""
        return self.addTab(widget, label)

    def reload_if_stale(self) -> None:
        page = self.currentWidget()
        if hasattr(page, "reload_if_stale"):
            page.reload_if_stale()

    def ask_close_month(self):
        return self.ledger.ask_close_month()
