"""取消訂單: the cancellation requests in their six status tabs, and all requests.

Each tab offers the actions that fit its status (``cancellation_actions``); 【查詢】 opens
檢視取消訂單資訊 with its three blocks (``cancellation_detail``).  A line under the filters says
what the last action did and where the request went.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.tabs import CancelTab
from app.services import queries
from app.widgets import format as fmt

from .cancellation_actions import CancellationActions
from .paged_model import Column
from .status_page import StatusTabsPage

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
        Column("order_no", QT_TRANSLATE_NOOP("Columns", "訂單編號"), lambda r: r.order_no, 150),
        Column("requested_at", QT_TRANSLATE_NOOP("Columns", "申請日期"), lambda r: fmt.local_dt(r.requested_at), 140),
        Column("reason", QT_TRANSLATE_NOOP("Columns", "取消原因"), lambda r: r.reason, 200, tooltip=lambda r: r.reason),
        Column("paid", QT_TRANSLATE_NOOP("Columns", "付款狀態"), _paid, 80),
        Column("shipped", QT_TRANSLATE_NOOP("Columns", "出貨狀態"), _shipped, 80),
        Column("payment_method", QT_TRANSLATE_NOOP("Columns", "付款方式"), lambda r: r.payment_method, 100),
        Column("requested_by", QT_TRANSLATE_NOOP("Columns", "申請人"), _who, 80),
        Column("refund_due", QT_TRANSLATE_NOOP("Columns", "應退金額"), lambda r: fmt.money(r.refund_due), 100, RIGHT,
               widest=fmt.WIDEST_MONEY),
        Column("status", QT_TRANSLATE_NOOP("Columns", "處理狀態"), lambda r: fmt.cancel_status(r.status), 90),
    ]


class CancellationsPage(StatusTabsPage):
    TABS = CancelTab
    FILTER = queries.CancelFilter
    SETTINGS_KEY = "cancellations"
    fetch = staticmethod(queries.fetch_cancellations)
    count = staticmethod(queries.count_cancellations)

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            date_label=self.tr("申請日期"),
            placeholder=self.tr("訂單編號、訂購人、電話或取消原因"),
            parent=parent,
        )
        self.message = QLabel(self)
        self.message.setObjectName("status_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.hide()
        self.layout().insertWidget(1, self.message)
        self.row_actions = CancellationActions(self)

    def show_message(self, text: str) -> None:
        """What the last action did, under the filters (no box to click away)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def columns(self):
        return cancel_columns()

    def touched(self, change) -> frozenset[str]:
        return change.cancel_statuses

    def open_detail(self, row) -> None:
        from .cancellation_detail import CancellationDetailDialog

        CancellationDetailDialog.show_for(self, row.id)
