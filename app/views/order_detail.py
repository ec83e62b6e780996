"""檢視商品訂單資訊: the dialog around the order's detail blocks (``app.widgets.order_detail``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QScrollArea, QVBoxLayout

from app.services import queries
from app.widgets.order_detail import OrderDetailView


class OrderDetailDialog(QDialog):
    def __init__(self, detail: queries.OrderDetail, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("檢視商品訂單資訊 — {0}").format(detail.order_no))
        self.detail = detail
        self.view = OrderDetailView(detail, parent=self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(self.tr("關閉"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll)
        lay.addWidget(buttons)
        self.resize(980, 760)

    @classmethod
    def show_for(cls, parent, order_id: int) -> OrderDetailDialog | None:
        detail = queries.order_detail(order_id)
        if detail is None:
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("OrderDetailDialog", "檢視商品訂單資訊"),
                QCoreApplication.translate("OrderDetailDialog", "找不到這筆訂單。"),
            )
            return None
        dialog = cls(detail, parent)
        dialog.exec()
        return dialog
