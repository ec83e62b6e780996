"""代收款對帳 clicked like a clerk (issue 12 item 2): 【登錄撥款】 for the selected orders,
the dialog's short amount and its refusal without orders, 【匯入對帳單…】 with an unknown line
and an order already remitted, and the two lists after each."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_order_actions_gui import Dialogs, error_of, ok

from app.models.tables import CarrierRemittance, Order, RemittanceLine
from app.views.prompts import Kind
from app.views.remittances_page import RemittancesPage

TODAY = date.today()


@pytest.fixture
def page(shown, session, prompts, shop):
    return shown(RemittancesPage(session), (1100, 700))


@pytest.fixture
def picked(cod_order):
    """A COD order shipped by 黑貓宅急便 with ``tracking`` three days ago, picked up two days ago."""
    return lambda tracking: cod_order("COMPLETED", placed=5, shipped=3, carrier="黑貓宅急便",
                                      tracking=tracking, picked=2)


def _press(qtbot, button, *steps):
    driver = Dialogs(*steps)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    driver.check()


def test_record_a_remittance_for_the_selected_orders(qtbot, page, picked):
    a, b = picked("T001"), picked("T002")
    page.reload()
    assert page.unremitted_table.rowCount() == 2
    assert page.unremitted_label.text() == "已取貨、物流尚未撥款 (2)，合計 NT$1,640"
    assert page.unremitted_table.item(0, 5).text() == "2"  # days since pickup
    page.unremitted_table.selectRow(0)

    def none_checked(d):
        for i in range(d.orders.count()):
            d.orders.item(i).setCheckState(Qt.CheckState.Unchecked)
        d.amount.setText("800")
        ok(d)
        assert "請選擇" in error_of(d, "orders")  # refused, the dialog stays open
        d.orders.item(0).setCheckState(Qt.CheckState.Checked)
        d.fee.setText("15")
        assert d.summary.text() == "訂單代收合計 NT$820；實收＋手續費 NT$815：短少 NT$5"
        d.reference.setText("TCAT-01")
        ok(d)

    _press(qtbot, page.record_button, none_checked)
    r = CarrierRemittance.get()
    assert (r.carrier, r.amount, r.fee, r.difference, r.reference) == ("黑貓宅急便", 800, 15, -5, "TCAT-01")
    assert [line.order_id for line in RemittanceLine.select()] == [a]
    assert page.unremitted_table.rowCount() == 1
    assert page.remittances_table.item(0, 6).text() == "短少 NT$5"
    assert {Order.get_by_id(i).status for i in (a, b)} == {"COMPLETED"}


def test_import_a_statement_lists_unknown_and_already_remitted_lines(qtbot, page, picked, prompts,
                                                                     tmp_path):
    a, b = picked("T001"), picked("T002")
    page.reload()
    page.unremitted_table.selectRow(0)
    _press(qtbot, page.record_button, lambda d: (d.amount.setText("820"), ok(d)))
    path = tmp_path / "statement.csv"
    path.write_text("託運單號,代收金額,手續費\nT001,820,10\nT002,820,10\nX999,100,0\n", encoding="utf-8")
    prompts.answers[Kind.OPEN_FILE] = str(path)

    def confirm(d):
        notes = d.findChild(QLabel, "statement_notes").text()
        assert "第 2 列" in notes and "已對帳" in notes and "第 4 列 X999" in notes
        assert d.amount.text() == "810" and d.fee.text() == "10" and d.orders.count() == 1
        d.carrier.setEditText("黑貓宅急便")
        ok(d)

    _press(qtbot, page.import_button, confirm)
    assert RemittanceLine.select().count() == 2
    assert CarrierRemittance.select().order_by(CarrierRemittance.id.desc()).get().source == "statement"
    assert page.unremitted_table.rowCount() == 0 and page.remittances_table.rowCount() == 2
    assert {a, b} == {line.order_id for line in RemittanceLine.select()}
