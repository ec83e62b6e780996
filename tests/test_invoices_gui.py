"""The 發票 page with a clerk's hands (docs/PRODUCT.md §8): 【開立發票】 on an order of the
待開發票 queue, a refused 統一編號 shown under its field, then 【作廢發票】 on the cancelled
order's invoice in 待作廢／折讓 — checked on the database rows and on the queues."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QRadioButton
from test_cancellations_gui import click, on_dialog, when_up

from app.dialogs.bulk_dialogs import BulkResultDialog
from app.domain.inputs import CancellationInput, Remittance
from app.domain.inputs import PaymentNotice as Notice
from app.models.tables import Invoice, InvoiceVoid, StatusHistory
from app.services import cancellations as cs
from app.services import orders as svc
from app.services import shop_clock
from app.views.invoices_page import InvoicesPage


@pytest.fixture
def paid_order(place):
    oid = place()
    today = shop_clock.today()
    svc.record_payment_notice(oid, Notice(today, 820, "12345"), operator="店員甲")
    svc.confirm_payment(oid, operator="店員甲")
    return oid


@pytest.fixture
def page(shown, session, prompts, shop):
    return shown(InvoicesPage(session), (1100, 600))


def pick(qtbot, tab, row: int = 0) -> None:
    rect = tab.view.visualRect(tab.model.index(row, 0))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_record_an_invoice_then_void_it(qtbot, paid_order, page, prompts):
    tab = page.issue_tab
    assert [r.id for r in tab.model.rows] == [paid_order]
    assert page.tabs.tabText(page.ISSUE) == "待開發票 (1)"
    pick(qtbot, tab)
    seen = {}

    def fill(dialog):
        dialog.findChild(QLineEdit, "invoice_no").setText("ab12345678")
        kind = dialog.findChild(QComboBox, "kind")
        kind.setCurrentIndex(kind.findData("B2B"))
        dialog.findChild(QLineEdit, "buyer_ban").setText("83045211")  # bad checksum
        dialog.findChild(QLineEdit, "buyer_title").setText("好日子有限公司")
        click(qtbot, dialog.findChild(QPushButton, "ok"))
        error = dialog.findChild(QLabel, "buyer_ban_error")
        seen["error"] = error.text()
        assert dialog.isVisible() and error.isVisible()
        dialog.findChild(QLineEdit, "buyer_ban").setText("83045210")  # valid only since 2023
        seen["amounts"] = dialog.findChild(QLabel, "total").text()
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    driver = on_dialog(fill)
    click(qtbot, tab.findChild(QPushButton, "button_issue"))
    driver.check()
    assert "檢查碼" in seen["error"]
    assert "781" in seen["amounts"] and "39" in seen["amounts"]
    invoice = Invoice.get(Invoice.order == paid_order)
    assert (invoice.invoice_no, invoice.kind, invoice.buyer_ban, invoice.tax) == ("AB12345678", "B2B", "83045210", 39)
    assert invoice.recorded_by == "店員甲"
    assert tab.model.rows == [] and page.tabs.tabText(page.ISSUE) == "待開發票 (0)"

    # The customer cancels; the request is approved; the invoice waits for its void.
    ch = cs.request_cancellation(paid_order, CancellationInput("不要了", Remittance("812", "台北", "123456", "王")),
                                 operator="顧客", by=cs.CUSTOMER)
    cs.approve_cancellation(ch.cancellation_id, "CS-1", operator="店員甲")
    page.reload()
    tab = page.cancel_tab
    assert [r.invoice_no for r in tab.model.rows] == ["AB12345678"]
    assert tab.model.data(tab.model.index(0, 7)) == "作廢"
    pick(qtbot, tab)

    def void(dialog):
        assert "請作廢" in dialog.findChild(QLabel, "advice").text()
        dialog.findChild(QLineEdit, "reason").setText("顧客取消訂單")
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    driver = on_dialog(void)
    click(qtbot, tab.findChild(QPushButton, "button_void"))
    driver.check()
    v = InvoiceVoid.get(InvoiceVoid.invoice == invoice.id)
    assert (v.reason, v.void_date, v.cancellation_id) == ("顧客取消訂單", shop_clock.today(), ch.cancellation_id)
    assert tab.model.rows == []
    assert [h.action for h in StatusHistory.select().where(StatusHistory.machine == "invoice")] == [
        "ISSUE_INVOICE", "VOID_INVOICE"]
    assert not [m for m in prompts.messages if m[0] == "warning"]


def test_bulk_invoices_numbered_on(qtbot, page, place, prompts):
    ids = []
    for _ in range(3):
        oid = place()
        svc.record_payment_notice(oid, Notice(shop_clock.today(), 820, "12345"), operator="店員甲")
        svc.confirm_payment(oid, operator="店員甲")
        ids.append(oid)
    page.reload()
    tab = page.issue_tab
    tab.view.selectAll()

    def fill(dialog):
        dialog.findChild(QLineEdit, "invoice_no").setText("ZZ99999998")
        click(qtbot, dialog.findChild(QPushButton, "ok"))
        assert "不夠" in dialog.findChild(QLabel, "invoice_no_error").text()
        dialog.findChild(QLineEdit, "invoice_no").setText("ZZ00000098")
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    outcomes = []

    def close_result(dialog):
        outcomes.append(dialog.summary.text())
        dialog.reject()

    driver = on_dialog(fill)
    when_up(QApplication.activeModalWidget, BulkResultDialog, close_result)
    click(qtbot, tab.findChild(QPushButton, "button_issue"))
    driver.check()
    assert len(outcomes) == 1 and outcomes[0].startswith("成功 3 筆")
    got = {i.order_id: i.invoice_no for i in Invoice.select()}
    assert got == dict(zip(ids, ["ZZ00000098", "ZZ00000099", "ZZ00000100"], strict=True))
    assert all(i.invoice_date == date.today() for i in Invoice.select())


def test_queue_models(qtmodeltester, paid_order, page):
    assert page.issue_tab.model.rowCount() == 1
    qtmodeltester.check(page.issue_tab.model)
    qtmodeltester.check(page.cancel_tab.model)


def test_allowance_from_the_refund_tab(qtbot, session, prompts, place, shown):
    """An invoice of an earlier VAT period: the approve dialog says an allowance is needed, and
    【開立折讓單】 on 尚未退款 records it, linked to the request."""
    from datetime import datetime, timedelta

    from test_cancellations_gui import act

    from app.domain.tabs import CancelTab
    from app.models.tables import InvoiceAllowance
    from app.services import invoices as invoice_svc
    from app.views.cancellations_page import CancellationsPage

    then = datetime.utcnow().replace(microsecond=0) - timedelta(days=70)
    oid = place(order_date=then)
    day = shop_clock.local_date(then)
    svc.record_payment_notice(oid, Notice(day, 820, "12345"), operator="店員甲", now=then)
    svc.confirm_payment(oid, operator="店員甲", now=then)
    invoice_svc.record_invoice(oid, invoice_svc.InvoiceInput("AB00000001", day, "B2C", 820), operator="店員甲",
                               now=then)
    ch = cs.request_cancellation(oid, CancellationInput("不要了", Remittance("812", "台北", "123456", "王")),
                                 operator="顧客", by=cs.CUSTOMER)
    page = shown(CancellationsPage(session), (1200, 600))
    notes = []

    def approve(dialog):
        notes.append(dialog.findChild(QLabel, "invoice_note").text())
        dialog.findChild(QLineEdit, "cs_number").setText("CS-7")
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    act(qtbot, page, CancelTab.PENDING_REVIEW, ch.cancellation_id, "approve", approve)
    assert "AB00000001" in notes[0] and "需開立折讓單" in notes[0]

    def allowance(dialog):
        assert "請開立折讓單" in dialog.findChild(QLabel, "advice").text()
        dialog.findChild(QLineEdit, "allowance_no").setText("AL-9")
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    act(qtbot, page, CancelTab.REFUND_PENDING, ch.cancellation_id, "invoice_allowance", allowance)
    a = InvoiceAllowance.get()
    assert (a.allowance_no, a.total, a.tax, a.cancellation_id) == ("AL-9", 820, 39, ch.cancellation_id)
    assert "AL-9" not in page.message.text() and "開立折讓單" in page.message.text()
    assert invoice_svc.needing_void_or_allowance().count() == 0


def _shipped_with_invoice(place, *, days_ago: int = 0):
    """A shipped order with its invoice (dated ``days_ago``), cancelled by the customer and
    approved: waiting in 等待退貨."""
    from datetime import datetime, timedelta

    from app.domain.inputs import ShipInput
    from app.services import invoices as invoice_svc

    then = datetime.utcnow().replace(microsecond=0) - timedelta(days=days_ago)
    day = shop_clock.local_date(then)
    oid = place(order_date=then)
    svc.record_payment_notice(oid, Notice(day, 820, "12345"), operator="店員甲", now=then)
    svc.confirm_payment(oid, operator="店員甲", now=then)
    svc.ship(oid, ShipInput(day, "黑貓宅急便", "TW-1"), operator="店員甲", now=then)
    invoice_svc.record_invoice(oid, invoice_svc.InvoiceInput("AB00000002", day, "B2C", 820), operator="店員甲",
                               now=then)
    ch = cs.request_cancellation(oid, CancellationInput("尺寸不合", Remittance("812", "台北", "123456", "王")),
                                 operator="顧客", by=cs.CUSTOMER)
    cs.approve_cancellation(ch.cancellation_id, "CS-8", operator="店員甲")
    return oid, ch.cancellation_id


def test_return_done_records_the_void_in_the_same_step(qtbot, session, prompts, place, shown):
    """【退貨完成】 on an order whose invoice is of the current VAT period: the dialog advises a
    void and records it with the step; a refused void date keeps the dialog open with the
    error under its field and nothing written."""
    from test_cancellations_gui import act

    from app.dialogs.invoice_dialogs import LATER
    from app.domain.tabs import CancelTab
    from app.models.tables import CancellationRequest
    from app.views.cancellations_page import CancellationsPage

    oid, rid = _shipped_with_invoice(place)
    page = shown(CancellationsPage(session), (1200, 600))
    seen = {}

    def done(dialog):
        seen["note"] = dialog.findChild(QLabel, "invoice_note").text()
        choice = dialog.findChild(QComboBox, "settle_invoice")
        seen["choices"] = [choice.itemData(i) for i in range(choice.count())]
        assert dialog.findChild(QLineEdit, "reason").isVisible()
        assert not dialog.findChild(QLineEdit, "allowance_no").isVisible()
        for yes_no in dialog.findChildren(QRadioButton, "yes"):
            yes_no.setChecked(True)
        dialog.findChild(QLineEdit, "reason").setText("")
        click(qtbot, dialog.findChild(QPushButton, "ok"))
        assert dialog.isVisible() and dialog.findChild(QLabel, "reason_error").isVisible()
        assert CancellationRequest.get_by_id(rid).status == "AWAITING_RETURN"
        dialog.findChild(QLineEdit, "reason").setText("顧客退貨")
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    act(qtbot, page, CancelTab.AWAITING_RETURN, rid, "return_done", done)
    assert "AB00000002" in seen["note"] and "需作廢" in seen["note"]
    assert seen["choices"] == ["void", "allowance", LATER]
    req = CancellationRequest.get_by_id(rid)
    assert (req.status, req.invoice_returned) == ("REFUND_PENDING", True)
    v = InvoiceVoid.get()
    assert (v.reason, v.void_date, v.cancellation_id, v.recorded_by) == ("顧客退貨", shop_clock.today(), rid, "店員甲")
    actions = [h.action for h in StatusHistory.select().where(StatusHistory.cancellation == rid)]
    assert actions[-2:] == ["RETURN_DONE", "VOID_INVOICE"]
    assert not [m for m in prompts.messages if m[0] == "warning"]
    # 審核狀況: 是否退回發票 (發票已退回) shows the record made with the return.
    from PySide6.QtWidgets import QGroupBox

    from app.services.cancellation_queries import cancellation_detail
    from app.views.cancellation_detail import CancellationDetailView

    view = CancellationDetailView(cancellation_detail(rid))
    texts = [label.text() for label in view.findChild(QGroupBox, "group_return").findChildren(QLabel)]
    assert any(t.startswith("是：發票 AB00000002") and "已作廢" in t and "顧客退貨" in t for t in texts), texts


def test_refund_done_records_an_allowance_or_leaves_it_for_later(qtbot, session, prompts, place, shown):
    """An invoice of an earlier period: 【退款成功】 offers only the allowance (or later); the
    clerk records it with the refund."""
    from test_cancellations_gui import act

    from app.domain.tabs import CancelTab
    from app.models.tables import InvoiceAllowance, Order
    from app.views.cancellations_page import CancellationsPage

    oid, rid = _shipped_with_invoice(place, days_ago=70)
    cs.return_done(rid, invoice_returned=False, goods_intact=True, operator="店員甲")
    page = shown(CancellationsPage(session), (1200, 600))
    seen = {}

    def refund(dialog):
        choice = dialog.findChild(QComboBox, "settle_invoice")
        seen["choices"] = [choice.itemData(i) for i in range(choice.count())]
        assert dialog.findChild(QLineEdit, "reason") is None
        seen["split"] = dialog.findChild(QLabel, "split").text()
        dialog.findChild(QLineEdit, "reference").setText("TX-1")
        dialog.findChild(QLineEdit, "allowance_no").setText("DA-7")
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    act(qtbot, page, CancelTab.REFUND_PENDING, rid, "refund_done", refund)
    assert seen["choices"] == ["allowance", "later"] and "39" in seen["split"]
    a = InvoiceAllowance.get()
    assert (a.allowance_no, a.total, a.tax, a.cancellation_id) == ("DA-7", 820, 39, rid)
    assert Order.get_by_id(oid).status == "CANCELLED"


def test_file_a_vat_period(qtbot, page, prompts):
    """【申報完成】: the last ended period is offered first; once recorded, the page says so and
    the period is no longer offered."""
    from app.domain import invoice as inv
    from app.services import invoices as invoice_svc

    last = inv.vat_period(inv.vat_period(shop_clock.today())[0] - timedelta(days=1))
    assert page.findChild(QLabel, "filed_label").text() == "尚未登錄申報"
    button = page.findChild(QPushButton, "button_vat_filed")
    assert button.text() == "【申報完成】"
    seen = {}

    def fill(dialog):
        period = dialog.findChild(QComboBox, "period")
        seen["first"] = period.currentData()
        click(qtbot, dialog.findChild(QPushButton, "ok"))

    driver = on_dialog(fill)
    click(qtbot, button)
    driver.check()
    assert seen["first"] == last[0]
    (filing,) = invoice_svc.filings()
    assert (filing.period_start, filing.filed_on, filing.recorded_by) == (last[0], shop_clock.today(), "店員甲")
    assert inv.vat_period_label(last[0]) in page.findChild(QLabel, "filed_label").text()

    def again(dialog):
        period = dialog.findChild(QComboBox, "period")
        seen["offered"] = [period.itemData(i) for i in range(period.count())]
        dialog.reject()

    driver = on_dialog(again)
    click(qtbot, button)
    driver.check()
    assert last[0] not in seen["offered"] and len(seen["offered"]) == 11


def test_the_pages_buttons_are_bracketed(page):
    texts = {b.objectName(): b.text() for b in page.findChildren(QPushButton) if b.objectName().startswith("button_")}
    assert texts["button_issue"] == "【開立發票】" and texts["button_void"] == "【作廢發票】"
    assert texts["button_import_invoices"] == "【匯入發票檔】" and texts["button_register"] == "【匯出發票明細帳】"
    assert all(t.startswith("【") and t.endswith("】") for t in texts.values())
