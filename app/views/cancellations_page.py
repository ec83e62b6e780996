"""取消訂單: the cancellation requests in their six status tabs, and all requests.

Each tab offers the actions that fit its status (``cancellation_actions``); 【查詢】 opens
檢視取消訂單資訊 with its three blocks (``cancellation_detail``).  A line under the filters says
what the last action did and where the request went.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.domain.deadlines import REFUND_DEADLINE_DAYS, Deadline, refund_days, refund_deadline
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.tabs import CancelTab
from app.services import cancel_list, queries, shop_clock
from app.widgets import format as fmt

from .cancellation_actions import CancellationActions
from .cancellation_invoice_actions import CancellationInvoiceActions
from .clerk_edit_actions import install_clerk_edits
from .order_columns import note_column
from .paged_model import Column
from .status_page import PageSpec, StatusTabsPage

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WHO = {"customer": QT_TRANSLATE_NOOP("Columns", "顧客"), "clerk": QT_TRANSLATE_NOOP("Columns", "管理人員")}


def _who(row) -> str:
    return fmt.translate("Columns", WHO.get(row.requested_by, row.requested_by))


def _paid(row) -> str:
    return fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "已付款") if row.paid else QT_TRANSLATE_NOOP("Columns", "未付款"))


def _shipped(row) -> str:
    return fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "已出貨") if row.shipped else QT_TRANSLATE_NOOP("Columns", "未出貨"))


def cancel_columns() -> list[Column]:
    return [
        Column("order_no", QT_TRANSLATE_NOOP("Columns", "訂單編號"), lambda r: r.order_no, 100,
               widest="O2026123100009"),
        Column("requested_at", QT_TRANSLATE_NOOP("Columns", "申請日期"), lambda r: fmt.local_dt(r.requested_at), 100,
               widest="2026-12-31 23:59"),
        Column("reason", QT_TRANSLATE_NOOP("Columns", "取消原因"), lambda r: r.reason, 200, tooltip=lambda r: r.reason),
        Column("paid", QT_TRANSLATE_NOOP("Columns", "付款狀態"), _paid, 80),
        Column("shipped", QT_TRANSLATE_NOOP("Columns", "出貨狀態"), _shipped, 80),
        Column("payment_method", QT_TRANSLATE_NOOP("Columns", "付款方式"), lambda r: r.payment_method, 100),
        Column("requested_by", QT_TRANSLATE_NOOP("Columns", "申請人"), _who, 80),
        Column("refund_due", QT_TRANSLATE_NOOP("Columns", "應退金額"), lambda r: fmt.money(r.refund_due), 100, RIGHT,
               widest=fmt.WIDEST_MONEY),
        Column("status", QT_TRANSLATE_NOOP("Columns", "處理狀態"), lambda r: fmt.cancel_status(r.status), 90),
        Column("refunded", QT_TRANSLATE_NOOP("Columns", "已退金額"), lambda r: fmt.money(r.refunded), 100, RIGHT,
               widest=fmt.WIDEST_MONEY),
        Column("outstanding", QT_TRANSLATE_NOOP("Columns", "未退金額"), lambda r: fmt.money(r.outstanding),
               100, RIGHT, sortable=False, color=lambda r: "#c62828" if r.outstanding and r.refunded else None,
               widest=fmt.WIDEST_MONEY),
        note_column(),
    ]


def _days(row) -> int | None:
    if row.refund_since is None:
        return None
    return refund_days(shop_clock.local_date(row.refund_since), shop_clock.today())


def _days_text(row) -> str:
    days = _days(row)
    return "" if days is None else fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "{0} 天")).format(days)


def _deadline_text(row) -> str:
    days = _days(row)
    if days is None:
        return ""
    state = refund_deadline(days)
    if state is Deadline.PAST:
        return fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "已逾期 {0} 天")).format(
            days - REFUND_DEADLINE_DAYS)
    if state is Deadline.NEAR:
        return fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "即將到期（剩 {0} 天）")).format(
            REFUND_DEADLINE_DAYS - days)
    return fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "剩 {0} 天")).format(
        REFUND_DEADLINE_DAYS - days)


_DEADLINE_COLORS = {Deadline.PAST: "#c62828", Deadline.NEAR: "#e65100"}


def _deadline_color(row) -> str | None:
    days = _days(row)
    return None if days is None else _DEADLINE_COLORS.get(refund_deadline(days))


def refund_columns() -> list[Column]:
    """The refund tabs' extra columns: the days since the refund became due (the goods came
    back, else the approval) and the 15-day deadline of 消保法 §19-2, near or past marked."""
    tip = QT_TRANSLATE_NOOP("Columns", "消保法 §19-2：退貨（或核准取消）後 15 日內退款")
    return [
        Column("refund_since", QT_TRANSLATE_NOOP("Columns", "待退天數"), _days_text, 80, RIGHT,
               tooltip=lambda r: fmt.local_dt(r.refund_since)),
        Column("deadline", QT_TRANSLATE_NOOP("Columns", "退款期限"), _deadline_text, 100, sortable=False,
               tooltip=lambda r: fmt.translate("Columns", tip), color=_deadline_color,
               widest=fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "即將到期（剩 {0} 天）")).format(3)),
    ]


class CancellationsPage(StatusTabsPage):
    SPEC = PageSpec(CancelTab, cancel_list.CancelFilter, cancel_list.CANCELLATIONS,
                    cancel_list.count_cancellations, "cancellations",
                    QT_TRANSLATE_NOOP("CancellationsPage", "訂單編號、訂購人、電話或取消原因"),
                    count_within=queries.COUNT_NOW)
    #: All its tabs with the page (built when the page is first shown, never at start): the row
    #: of buttons of 尚未退款 and 退款失敗 is wider than the filter bar, and the page's minimum
    #: width (so the window's) is its widest tab's from the moment the page is shown.
    TABS_WHEN_SHOWN = False

    def install_actions(self) -> None:
        """The line that tells what the last action did, and the row actions."""
        self.message = QLabel(self)
        self.message.setObjectName("status_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.hide()
        self.layout().insertWidget(1, self.message)
        self.row_actions = CancellationActions(self)
        self.invoice_actions = CancellationInvoiceActions(self)
        self.clerk_edits = install_clerk_edits(self, requests=True)

    def show_message(self, text: str) -> None:
        """What the last action did, under the filters (no box to click away)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def columns(self):
        return cancel_columns()

    def columns_for(self, tab):
        columns = cancel_columns()
        if tab in (CancelTab.REFUND_PENDING, CancelTab.REFUND_FAILED):
            # The deadline beside the request's date, where it is seen first.
            return columns[:2] + refund_columns() + columns[2:]
        return columns

    def touched(self, change) -> frozenset[str]:
        return change.cancel_statuses

    def open_detail(self, row) -> None:
        from .cancellation_detail import CancellationDetailDialog

        CancellationDetailDialog.show_for(self, row.id, session=self.session)
