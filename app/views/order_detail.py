"""檢視商品訂單資訊: the dialog around the order's detail blocks (``app.widgets.order_detail``),
and what it shares with the cancellation's detail dialog.

Opened from a page (with its ``Session``), the detail offers 【新增備註】 and, until the order
ships, 【修改收件資訊】 (``clerk_edit_actions``), and reloads after either; a double-click on
one of the buyer's other orders opens that order's detail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services import queries
from app.widgets.order_detail import OrderDetailView

from . import prompts
from .clerk_edit_actions import editable, run_edit, run_note
from .runner import Runner


class DetailDialog(QDialog):
    """A record's detail in a window with 【關閉】 under it."""

    def _lay_out(self, body: QWidget, close_text: str, width: int, height: int) -> None:
        self.button_box = buttons = QDialogButtonBox(self)
        close = buttons.addButton(close_text, QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(body)
        lay.addWidget(buttons)
        self.resize(width, height)

    def add_button(self, text: str, name: str, slot) -> QPushButton:
        """An action button beside 【關閉】."""
        button = self.button_box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

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
    def __init__(self, detail: queries.OrderDetail, parent=None, *, session=None):
        super().__init__(parent)
        self.session = session
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self._lay_out(self.scroll, self.tr("關閉"), 980, 760)
        self.note_button = self.edit_button = None
        if session is not None:
            self.runner = Runner(self, session)
            self.note_button = self.add_button(self.tr("【新增備註】"), "add_note", self.add_note)
            self.edit_button = self.add_button(self.tr("【修改收件資訊】"), "edit_delivery",
                                               self.edit_delivery)
        self._show(detail)

    def _show(self, detail: queries.OrderDetail) -> None:
        self.detail = detail
        self.setWindowTitle(self.tr("檢視商品訂單資訊 — {0}").format(detail.order_no))
        self.view = OrderDetailView(detail, parent=self)
        self.view.open_order.connect(self.open_order)
        self.scroll.setWidget(self.view)
        if self.edit_button is not None:
            self.edit_button.setEnabled(editable(detail.status))
            self.edit_button.setToolTip("" if editable(detail.status) else
                                        self.tr("訂單已出貨或已取消，不能修改收件資訊。"))

    def reload(self) -> None:
        detail = queries.order_detail(self.detail.id)
        if detail is not None:
            self._show(detail)

    def add_note(self) -> None:
        if run_note(self.runner, self, self.detail.id, self.detail.order_no) is not None:
            self.reload()

    def edit_delivery(self) -> None:
        run_edit(self.runner, self, self.detail.id)
        self.reload()  # saved, or refused because the order moved on: show it as it is

    def open_order(self, order_id: int) -> None:
        """One of the buyer's other orders, in its own detail window."""
        OrderDetailDialog.show_for(self, order_id, session=self.session)

    @classmethod
    def show_for(cls, parent, order_id: int, *, session=None) -> OrderDetailDialog | None:
        return cls._open(parent, queries.order_detail(order_id),
                         QCoreApplication.translate("OrderDetailDialog", "檢視商品訂單資訊"),
                         QCoreApplication.translate("OrderDetailDialog", "找不到這筆訂單。"),
                         session=session)
