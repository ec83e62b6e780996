"""The 發票 page (docs/PRODUCT.md §8, E-invoices): the shop's setting of when invoices are
issued, and two queues — orders past that point with no invoice (【開立發票】, one or several;
匯入發票檔…, the window's import), and cancelled orders whose invoice is neither voided nor allowed (【作廢發票】,
【開立折讓單】) — and 匯出發票明細帳….

Every click goes through the views' ``Runner``; the dialogs return plain values; the services
in ``app.services.invoices`` write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dialogs.invoice_dialogs import (
    AllowanceDialog,
    BulkInvoiceDialog,
    FilingDialog,
    InvoiceDialog,
    InvoiceShown,
    InvoiceTarget,
    RegisterDialog,
    VoidDialog,
)
from app.domain import invoice as inv
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import invoice_register, shop_clock
from app.services import invoices as svc
from app.services.op_changes import OpChanges
from app.widgets import format as fmt
from app.widgets.tables import RowsModel

from . import prompts
from .background import Job, JobController
from .order_detail import OrderDetailDialog
from .runner import Runner
from .settings_keys import EXPORT_DIR
from .stale import ReloadsWhenShown

#: At most this many rows of a queue are shown (the count says how many there are).
SHOWN = 1000


@dataclass(frozen=True)
class QueueRow:
    """One order of 待開發票 (``invoice_id`` None) or one invoice of 待作廢／折讓."""

    id: int  # the order's id
    order_no: str
    order_date: datetime
    status: str
    buyer_name: str
    total: int
    invoice_id: int | None = None
    invoice_no: str = ""
    invoice_date: date | None = None
    remaining: int = 0
    #: The return of the invoice's VAT period was filed.
    filed: bool = False


def issue_rows() -> tuple[list[QueueRow], int]:
    q = svc.needing_invoice()
    return ([QueueRow(o.id, o.order_no, o.order_date, o.status, o.buyer_name, o.total)
             for o in q.limit(SHOWN)], q.count())


def cancel_rows() -> tuple[list[QueueRow], int]:
    q = svc.needing_void_or_allowance()
    filed = svc.filed_periods()
    rows = []
    for i in q.limit(SHOWN):
        o = i.order
        rows.append(QueueRow(o.id, o.order_no, o.order_date, o.status, o.buyer_name, o.total, i.id,
                             i.invoice_no, i.invoice_date, i.total - svc.allowed_total(i.id),
                             inv.vat_period(i.invoice_date)[0] in filed))
    return rows, q.count()


def invoice_target(r: QueueRow) -> InvoiceTarget:
    """What the invoice dialogs show of an order of 待開發票."""
    return InvoiceTarget(r.order_no, shop_clock.local_date(r.order_date), r.buyer_name, r.total)


def invoice_shown(r: QueueRow) -> InvoiceShown:
    """What the void and allowance dialogs show of an invoice of 待作廢／折讓."""
    return InvoiceShown(r.invoice_no, r.invoice_date, r.order_no, r.total, r.remaining,
                        inv.void_or_allowance(r.invoice_date, shop_clock.today(), filed=r.filed), r.filed)


# The columns both queues show of the order.
_ORDER_NO = (QT_TRANSLATE_NOOP("InvoicesPage", "訂單編號"), lambda r: r.order_no)
_STATUS = (QT_TRANSLATE_NOOP("InvoicesPage", "目前狀態"), lambda r: fmt.order_status(r.status))
_BUYER = (QT_TRANSLATE_NOOP("InvoicesPage", "訂購人"), lambda r: r.buyer_name)

ISSUE_COLUMNS = (
    _ORDER_NO,
    (QT_TRANSLATE_NOOP("InvoicesPage", "訂單日期"), lambda r: fmt.local_dt(r.order_date)),
    _STATUS,
    _BUYER,
    (QT_TRANSLATE_NOOP("InvoicesPage", "訂單金額"), lambda r: fmt.money(r.total)),
)


def _advice(r: QueueRow) -> str:
    what = inv.void_or_allowance(r.invoice_date, shop_clock.today(), filed=r.filed)
    if what == inv.VOID:
        return QCoreApplication.translate("InvoicesPage", "作廢")
    return QCoreApplication.translate("InvoicesPage", "開立折讓單")


CANCEL_COLUMNS = (
    (QT_TRANSLATE_NOOP("InvoicesPage", "發票號碼"), lambda r: r.invoice_no),
    (QT_TRANSLATE_NOOP("InvoicesPage", "發票日期"), lambda r: fmt.day(r.invoice_date)),
    (QT_TRANSLATE_NOOP("InvoicesPage", "申報期別"), lambda r: inv.vat_period_label(r.invoice_date)),
    _ORDER_NO,
    _STATUS,
    _BUYER,
    (QT_TRANSLATE_NOOP("InvoicesPage", "尚餘金額"), lambda r: fmt.money(r.remaining)),
    (QT_TRANSLATE_NOOP("InvoicesPage", "應辦理"), _advice),
)
_MONEY_HEADS = {"訂單金額", "尚餘金額"}


class QueueModel(RowsModel):
    """A queue's rows (at most ``SHOWN``), read-only; columns declared beside it."""

    context = "InvoicesPage"

    def __init__(self, columns, load, parent=None):
        super().__init__(columns, parent)
        self.load = load
        self.total = 0

    def reload(self) -> None:
        self.beginResetModel()
        self.rows, self.total = self.load()
        self.endResetModel()

    def right_aligned(self, column) -> bool:
        return column[0] in _MONEY_HEADS


class QueueTab(QWidget):
    """A queue: its buttons over its table."""

    def __init__(self, columns, load, parent=None):
        super().__init__(parent)
        self.model = QueueModel(columns, load, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.buttons = QHBoxLayout()
        self.rules: list[tuple[QPushButton, object]] = []
        self.session = None  # the page's Session: a supervisor's buttons disabled for a clerk
        self.count_label = QLabel(self)
        lay = QVBoxLayout(self)
        lay.addLayout(self.buttons)
        lay.addWidget(self.view)
        lay.addWidget(self.count_label)
        self.buttons.addStretch(1)

    def add_button(self, name: str, text: str, slot, enabled) -> QPushButton:
        button = QPushButton(fmt.bracketed(text), self)
        button.setObjectName(f"button_{name}")
        button.clicked.connect(lambda: slot(self.selected()))
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        self.rules.append((button, enabled))
        return button

    def refuse(self, session) -> None:
        """A clerk's window: the supervisor's buttons disabled, the reason as their tooltip."""
        for button, _enabled in self.rules:
            session.refuse(button.objectName().removeprefix("button_"), button)

    def selected(self) -> list[QueueRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def update_buttons(self) -> None:
        rows = self.selected()
        for button, enabled in self.rules:
            button.setEnabled(enabled(rows))
        if self.session is not None:
            self.refuse(self.session)

    def reload(self) -> None:
        self.model.reload()
        self.view.resizeColumnsToContents()
        shown, total = len(self.model.rows), self.model.total
        if total > shown:
            self.count_label.setText(self.tr("顯示最早的 {0:,} 筆，共 {1:,} 筆").format(shown, total))
        else:
            self.count_label.setText(self.tr("共 {0:,} 筆").format(total))
        self.update_buttons()


def _one(rows) -> bool:
    return len(rows) == 1


def _some(rows) -> bool:
    return bool(rows)


class InvoicesPage(ReloadsWhenShown, QWidget):
    ISSUE, CANCELLED = range(2)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.runner = Runner(self, session, refresh=self.reload)
        self.jobs = JobController(self)
        self._stale = True

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("開立發票時機："), self))
        self.issue_at = QComboBox(self)
        self.issue_at.setObjectName("issue_at")
        for key, label in svc.ISSUE_AT_LABELS.items():
            self.issue_at.addItem(QCoreApplication.translate("Invoice", label), key)
        self.issue_at.activated.connect(self._set_issue_at)
        top.addWidget(self.issue_at)
        top.addSpacing(16)
        self.filed_label = QLabel(self)
        self.filed_label.setObjectName("filed_label")
        top.addWidget(self.filed_label)
        self.filing_button = QPushButton(fmt.bracketed(self.tr("申報完成")), self)
        self.filing_button.setObjectName("button_vat_filed")
        self.filing_button.setToolTip(self.tr("登錄某一期營業稅已申報：之後這一期的發票只能開立折讓單"))
        self.filing_button.clicked.connect(self.record_filing)
        top.addWidget(self.filing_button)
        top.addStretch(1)
        # The provider's issued-invoice file goes through the window's import (檔案 → 匯入…),
        # which the main window connects to this button.
        self.import_button = QPushButton(fmt.bracketed(self.tr("匯入發票檔")), self)
        self.import_button.setObjectName("button_import_invoices")
        self.import_button.setToolTip(self.tr("服務商的已開立發票檔，以訂單編號對應（同「檔案 → 匯入…」）"))
        top.addWidget(self.import_button)
        self.register_button = QPushButton(fmt.bracketed(self.tr("匯出發票明細帳")), self)
        self.register_button.setObjectName("button_register")
        self.register_button.clicked.connect(self.export_register)
        top.addWidget(self.register_button)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("invoice_tabs")
        self.issue_tab = QueueTab(ISSUE_COLUMNS, issue_rows, self)
        self.cancel_tab = QueueTab(CANCEL_COLUMNS, cancel_rows, self)
        self.tabs.addTab(self.issue_tab, "")
        self.tabs.addTab(self.cancel_tab, "")
        self.issue_tab.add_button("issue", self.tr("開立發票"), self.issue, _some)
        for tab in (self.issue_tab, self.cancel_tab):
            tab.add_button("detail", self.tr("查詢"), self.show_detail, _one)
            tab.view.doubleClicked.connect(lambda _i, tab=tab: self.show_detail(tab.selected()))
        self.cancel_tab.add_button("void", self.tr("作廢發票"), self.void, _one)
        self.cancel_tab.add_button("allowance", self.tr("開立折讓單"), self.allowance, _one)
        for tab in (self.issue_tab, self.cancel_tab):
            tab.session = session
        session.refuse("issue_at", self.issue_at)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs)
        session.changed.connect(self._changed)

    # ---- loading

    def _changed(self, changes: OpChanges) -> None:
        if changes.methods and not (changes.order_statuses or changes.reloads_lists):
            return
        self.reload_or_mark_stale()

    def reload(self) -> None:
        self._stale = False
        self.issue_at.setCurrentIndex(max(self.issue_at.findData(svc.issue_at()), 0))
        self.issue_tab.reload()
        self.cancel_tab.reload()
        self.tabs.setTabText(self.ISSUE, self.tr("待開發票 ({0})").format(self.issue_tab.model.total))
        self.tabs.setTabText(self.CANCELLED, self.tr("待作廢／折讓 ({0})").format(self.cancel_tab.model.total))
        last = next(iter(svc.filings()), None)
        self.filed_label.setText(
            self.tr("最近申報：{period}（{day}，{who}）").format(
                period=inv.vat_period_label(last.period_start), day=fmt.day(last.filed_on), who=last.recorded_by)
            if last else self.tr("尚未登錄申報"))

    # ---- actions

    def _set_issue_at(self, _index: int) -> None:
        value = self.issue_at.currentData()
        self.runner.run(self.tr("開立發票時機"),
                        lambda _v, operator: svc.set_issue_at(value, operator=operator),
                        changes=lambda _r: OpChanges.all())

    def record_filing(self) -> None:
        """【申報完成】: a VAT period's return was filed; its invoices get allowances from now on."""
        self.runner.run(self.tr("申報完成"),
                        lambda value, operator: svc.record_vat_filing(value[0], filed_on=value[1],
                                                                      operator=operator),
                        ask=lambda initial, error: FilingDialog.ask(self, svc.filed_periods(), initial=initial,
                                                                    error=error),
                        reopen=True, changes=lambda _r: OpChanges.all())

    def issue(self, rows: list[QueueRow]) -> None:
        title = self.tr("開立發票")
        targets = [invoice_target(r) for r in rows]
        if len(rows) == 1:
            row = rows[0]
            self.runner.run(title, lambda value, operator: svc.record_invoice(row.id, value, operator=operator),
                            ask=lambda initial, error: InvoiceDialog.ask(self, targets[0], initial=initial,
                                                                         error=error),
                            reopen=True)
            return
        self.runner.run_each(
            title, rows, lambda row, values, operator: svc.record_invoice(
                row.id, values[row.order_no], operator=operator),
            ask=lambda _rows: BulkInvoiceDialog.ask(self, targets),
            done=lambda _change: QCoreApplication.translate("InvoicesPage", "已登錄發票"))

    def void(self, rows: list[QueueRow]) -> None:
        self._settle(rows[0], self.tr("作廢發票"), svc.void_invoice, VoidDialog)

    def allowance(self, rows: list[QueueRow]) -> None:
        self._settle(rows[0], self.tr("開立折讓單"), svc.issue_allowance, AllowanceDialog)

    def _settle(self, row: QueueRow, title: str, service, dialog) -> None:
        """Void the invoice of a cancelled order or issue its allowance: ``service`` takes the
        invoice's id and what ``dialog`` asked, tied to the order's approved cancellation."""
        self.runner.run(title,
                        lambda value, operator: service(
                            row.invoice_id, value, operator=operator,
                            cancellation_id=svc.approved_request_id(row.id)),
                        ask=lambda initial, error: dialog.ask(self, invoice_shown(row), initial=initial,
                                                              error=error),
                        reopen=True)

    def show_detail(self, rows: list[QueueRow]) -> None:
        if len(rows) == 1:
            OrderDetailDialog.show_for(self, rows[0].id, session=self.session)

    # ---- the register

    def export_register(self) -> Job | None:
        title = self.tr("匯出發票明細帳")
        operator = self.runner.operator()
        if not operator:
            return None
        period = RegisterDialog.ask(self)
        if period is None:
            return None
        start, end = period
        folder = str(EXPORT_DIR.read(self.session.settings)) or str(Path.home())
        name = QCoreApplication.translate("Export", invoice_register.TITLE)
        path = prompts.save_path(self, title, str(Path(folder) / f"{name}-{start:%Y%m}-{end:%Y%m}.xlsx"),
                                 self.tr("Excel 活頁簿 (*.xlsx)"))
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        job = Job(lambda **run: invoice_register.export_register(
            path, date_from=start, date_to=end, operator=operator,
            translate=QCoreApplication.translate, **run))
        job.show_progress(self, self.tr("正在匯出發票明細帳…"), cancel=self.tr("取消"), title=title,
                          name="register_progress")
        job.signals.done.connect(lambda result: (self.jobs.end(job), self.runner.tell(
            title, self.tr("已匯出 {0} 張發票、{1} 張折讓單到 {2}").format(result.rows, result.items, result.path),
            kind=prompts.INFO), EXPORT_DIR.write(self.session.settings, str(Path(path).parent))))
        job.signals.failed.connect(lambda exc: (self.jobs.end(job), self.runner.tell(
            title, self.tr("匯出失敗，沒有寫入檔案：{0}").format(exc))))
        return self.jobs.launch(job)
