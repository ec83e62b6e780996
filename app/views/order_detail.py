"""檢視商品訂單資訊: the dialog around the order's detail blocks (``app.widgets.order_detail``),
and what it shares with the cancellation's detail dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from app.services import queries
from app.widgets.order_detail import OrderDetailView

from . import prompts


class DetailDialog(QDialog):
    """A record's detail in a window with 【關閉】 under it."""

    def _lay_out(self, body: QWidget, close_text: str, width: int, height: int) -> None:
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(close_text, QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(body)
        lay.addWidget(buttons)
        self.resize(width, height)

    @classmethod
    def _open(cls, parent, detail, title: str, missing: str, **kw):
        """Run the dialog on ``detail``; when the record is gone (None), say ``missing``."""
        if detail is None:
            prompts.tell(parent, title, missing)
            return None
        dialog = cls(detail, parent, **kw)
        dialog.exec()
        return dialog


class OrderDetailDialog(DetailDialog):
    def __init__(self, detail: queries.OrderDetail, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("檢視商品訂單資訊 — {0}").format(detail.order_no))
        self.detail = detail
        self.view = OrderDetailView(detail, parent=self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        self._lay_out(scroll, self.tr("關閉"), 980, 760)

    @classmethod
    def show_for(cls, parent, order_id: int) -> OrderDetailDialog | None:
        return cls._open(parent, queries.order_detail(order_id),
                         QCoreApplication.translate("OrderDetailDialog", "檢視商品訂單資訊"),
                         QCoreApplication.translate("OrderDetailDialog", "找不到這筆訂單。"))
