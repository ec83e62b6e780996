"""新增送貨方式 / 修改送貨方式: title (送貨標題), fee (運費), free-shipping threshold
(免運費條件) and description (說明).  States the free-shipping rule in words and has a small
tester (a goods subtotal in, the fee that would be charged out), both computed by the shop's
one rule, ``shipping_fee_for``.  Returns a ``ShippingMethodInput``; it never saves."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.domain.errors import DomainError, ValidationError
from app.domain.money import format_ntd, parse_amount, shipping_fee_for
from app.domain.pickup import PickupChain
from app.services.methods import ShippingMethodInput, ShippingMethodRow
from app.widgets.format import money_edit
from app.widgets.hints import hint

from .form import ERROR_STYLE, error_text
from .method_form import MethodDialog

HINT_STYLE = "color: #555;"


def _money_field(edit: QLineEdit, name: str) -> QWidget:
    """``NT$ [____]``; the box takes ``name`` (FormDialog's field name), the edit ``name_edit``
    and is the box's focus proxy."""
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.addWidget(QLabel("NT$"))
    lay.addWidget(edit, 1)
    edit.setObjectName(f"{name}_edit")
    box.setFocusProxy(edit)
    return box


class ShippingMethodDialog(MethodDialog):
    def __init__(self, parent=None, existing: ShippingMethodRow | None = None, *, taken_titles=()):
        super().__init__(parent, existing, taken_titles, (self.tr("新增送貨方式"), self.tr("修改送貨方式")),
                         (self.tr("新增"), self.tr("修改")),
                         (self.tr("例如：宅配"), self.tr("例如：週一至週五出貨，約 2 至 3 天送達。")), 90)
        editing = existing is not None
        self.setMinimumWidth(500)
        self.fee_edit = money_edit(QLineEdit(str(existing.fee) if editing else ""))
        hint(self.fee_edit, self.tr("整數元，例如 120"))
        self.threshold_edit = money_edit(QLineEdit(
            "" if not editing or existing.free_threshold is None else str(existing.free_threshold)
        ))
        hint(self.threshold_edit, self.tr("留空表示不提供免運費"))

        self.rule_label = QLabel()
        self.rule_label.setObjectName("rule")
        self.rule_label.setWordWrap(True)

        self.add_field("title", self.tr("送貨標題"), self.title_edit)
        self.add_field("fee", self.tr("運費"), _money_field(self.fee_edit, "fee"))
        self.add_field(
            "free_threshold",
            self.tr("免運費條件"),
            _money_field(self.threshold_edit, "free_threshold"),
        )
        self.form.addRow("", self.rule_label)
        # Issue 12: a convenience-store pickup at a chain (its orders carry the pickup store).
        self.pickup_chain = QComboBox(self)
        self.pickup_chain.addItem(self.tr("宅配／郵寄（送到地址）"), "")
        for chain in PickupChain:
            self.pickup_chain.addItem(self.tr("超商取貨：{0}").format(
                QCoreApplication.translate("Pickup", chain.label)), chain.value)
        self.pickup_chain.setCurrentIndex(
            max(0, self.pickup_chain.findData(existing.pickup_chain if editing else "")))
        self.add_field("pickup_chain", self.tr("取貨方式"), self.pickup_chain)
        self.add_field("description", self.tr("說明"), self.description_edit)
        self.fee_error = self.errors["fee"]
        self.threshold_error = self.errors["free_threshold"]

        # The tester: a goods subtotal in, the fee that would be charged out.
        self.tester_edit = money_edit(QLineEdit())
        hint(self.tester_edit, self.tr("輸入商品小計，例如 999"))
        self.tester_result = QLabel()
        self.tester_result.setObjectName("tester_result")
        self.tester_result.setWordWrap(True)
        tester = QGroupBox(self.tr("運費試算"))
        tform = QFormLayout(tester)
        tform.addRow(self.tr("商品小計"), _money_field(self.tester_edit, "tester_subtotal"))
        tform.addRow(self.tr("應收運費"), self.tester_result)
        self.body_layout.insertWidget(self.body_layout.indexOf(self.general_error), tester)

        self.fee_edit.textEdited.connect(lambda _t: self.fee_error.hide())
        self.threshold_edit.textEdited.connect(lambda _t: self.threshold_error.hide())
        for edit in (self.fee_edit, self.threshold_edit, self.tester_edit):
            edit.textChanged.connect(self._update_rule)
        self._update_rule()

    # ------------------------------------------------------------ the rule and the tester

    def _amounts(self) -> tuple[int, int | None] | None:
        """(fee, threshold) as typed, or None while either is not a valid amount."""
        try:
            fee = parse_amount(self.fee_edit.text(), "fee")
            threshold = parse_amount(self.threshold_edit.text(), "free_threshold", allow_empty=True)
        except ValidationError:
            return None
        return fee, threshold

    def _update_rule(self) -> None:
        amounts = self._amounts()
        if amounts is None:
            self.rule_label.setStyleSheet(HINT_STYLE)
            self.rule_label.setText(self.tr("填入正確的運費與免運費條件後，這裡會說明免運規則。"))
        else:
            fee, threshold = amounts
            self.rule_label.setStyleSheet("")
            if fee == 0:
                text = self.tr("運費 NT$0：每筆訂單都免運費。")
            elif threshold is None:
                text = self.tr("不提供免運費：每筆訂單收運費 {fee}。").format(fee=format_ntd(fee))
            else:
                text = self.tr("商品小計達 {threshold} 的訂單免運費；未達者收運費 {fee}。").format(
                    threshold=format_ntd(threshold), fee=format_ntd(fee)
                )
            self.rule_label.setText(text)
        self._update_tester(amounts)

    def _update_tester(self, amounts) -> None:
        typed = self.tester_edit.text()
        if not typed.strip():
            self.tester_result.setStyleSheet(HINT_STYLE)
            self.tester_result.setText(self.tr("輸入商品小計即可試算。"))
            return
        try:
            subtotal = parse_amount(typed, "subtotal")
        except ValidationError as err:
            self.tester_result.setStyleSheet(ERROR_STYLE)
            self.tester_result.setText(error_text(err))
            return
        if amounts is None:
            self.tester_result.setStyleSheet(HINT_STYLE)
            self.tester_result.setText(self.tr("請先填寫正確的運費與免運費條件。"))
            return
        fee = shipping_fee_for(subtotal, *amounts)
        self.tester_result.setStyleSheet("")
        self.tester_result.setText(
            self.tr("運費 {fee}，訂單總計 {total}").format(
                fee=format_ntd(fee), total=format_ntd(subtotal + fee)
            )
        )

    def tester_fee(self) -> int | None:
        """The fee the tester shows, as a number (None when it shows none)."""
        amounts = self._amounts()
        try:
            subtotal = parse_amount(self.tester_edit.text(), "subtotal")
        except ValidationError:
            return None
        return None if amounts is None else shipping_fee_for(subtotal, *amounts)

    # ------------------------------------------------------------ OK

    def collect(self) -> ShippingMethodInput:
        raw = ShippingMethodInput(
            self.title_edit.text(),
            self.fee_edit.text(),
            self.threshold_edit.text(),
            self.description_edit.toPlainText(),
            self.pickup_chain.currentData() or "",
        )
        return raw.validated(self._taken)

    def accept(self) -> None:
        """Every field's problem at once, each next to its field; the dialog stays open."""
        self.clear_errors()
        checks = {
            "title": lambda: ShippingMethodInput(self.title_edit.text(), 0).validated(self._taken),
            "fee": lambda: parse_amount(self.fee_edit.text(), "fee"),
            "free_threshold": lambda: parse_amount(
                self.threshold_edit.text(), "free_threshold", allow_empty=True
            ),
        }
        problems = []
        for check in checks.values():
            try:
                check()
            except DomainError as err:
                problems.append(err)
        for err in reversed(problems):  # the first field's error takes the focus last
            self.show_error(err)
        if problems:
            return
        super().accept()
