"""Invoices, voids and allowances through app/services/invoices.py (docs/PRODUCT.md §8): the
rows, the history records, the refusals that write nothing, the queues and the provider's
file.  Run again on PostgreSQL and MariaDB by tests/server_actions."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from db_rows import drive_order, history, order_row, snapshot

from app.domain import invoice as inv
from app.domain.errors import ValidationError
from app.domain.inputs import PaymentNotice, ShipInput
from app.domain.invoice import AllowanceInput, InvoiceInput, VoidInput
from app.domain.statuses import OrderStatus
from app.models.tables import CancellationRequest, Invoice, InvoiceAllowance, InvoiceVoid
from app.services import cancellations as cs
from app.services import invoices as svc

S = OrderStatus
ORDER_AT = datetime(2026, 2, 20, 2, 0, 0)  # 10:00 in Taipei; the shop's dates below are UTC's
TOTAL = 820  # 2 x 350 + 120 shipping

pytestmark = pytest.mark.usefixtures("desktop_in_utc")


def _T(hours: float) -> datetime:  # noqa: N802
    return ORDER_AT + timedelta(hours=hours)


def _order_in(place, status: S) -> int:
    oid = place(order_date=ORDER_AT)
    return drive_order(oid, status, at=_T, notice=PaymentNotice(date(2026, 2, 20), TOTAL, "12345"),
                       shipment=ShipInput(date(2026, 2, 23), "黑貓宅急便", "TW-1"))


B2B = InvoiceInput("AB12345678", date(2026, 2, 22), inv.B2B, TOTAL, inv.PRINTED, "",
                   "83045210", "好日子有限公司")
B2C = InvoiceInput("CD00000001", date(2026, 2, 22), inv.B2C, TOTAL, inv.MOBILE, "/ABC+123")


def test_record_b2b_invoice_writes_the_row_and_history(place):
    oid = _order_in(place, S.AWAITING_SHIPMENT)
    ch = svc.record_invoice(oid, B2B, operator="店員甲", now=_T(60))
    row = Invoice.get(Invoice.order == oid)
    assert (row.invoice_no, row.kind, row.total, row.before_tax, row.tax) == ("AB12345678", "B2B", 820, 781, 39)
    assert (row.buyer_ban, row.buyer_title, row.source, row.recorded_by) == ("83045210", "好日子有限公司",
                                                                             "clerk", "店員甲")
    h = history(oid, "invoice")
    assert len(h) == 1 and h[0].action == "ISSUE_INVOICE" and h[0].id == ch.history_ids[0]
    assert h[0].from_status == h[0].to_status == S.AWAITING_SHIPMENT
    assert h[0].input_data["invoice_no"] == "AB12345678" and h[0].input_data["tax"] == 39
    assert order_row(oid).status == S.AWAITING_SHIPMENT and ch.order_statuses == {S.AWAITING_SHIPMENT}


def test_record_b2c_invoice_total_defaults_to_the_orders(place):
    oid = _order_in(place, S.COMPLETED)
    given = InvoiceInput("cd00000001", date(2026, 2, 23), inv.B2C, 0, inv.DONATION, "919")
    svc.record_invoice(oid, given, operator="店員甲", now=_T(100))
    row = Invoice.get(Invoice.order == oid)
    assert (row.invoice_no, row.total, row.carrier_type, row.carrier_id) == ("CD00000001", 820,
                                                                             "donation", "919")


def test_a_number_is_never_used_twice(place):
    first = _order_in(place, S.AWAITING_SHIPMENT)
    second = _order_in(place, S.AWAITING_SHIPMENT)
    svc.record_invoice(first, B2C, operator="店員甲", now=_T(60))
    before = snapshot()
    with pytest.raises(ValidationError, match="CD00000001 已經用於訂單") as e:
        svc.record_invoice(second, B2C, operator="店員乙", now=_T(60))
    assert e.value.field == "invoice_no"
    assert snapshot() == before


def test_the_unique_index_refuses_a_number_another_desk_saved_first(place):
    """Two desks check the number at the same moment and both find it free: the database's
    unique index refuses the second insert, reported as the same clear message."""
    from app.models.db import write_transaction
    from app.services import writes
    from app.services.common import order_state

    first = _order_in(place, S.AWAITING_SHIPMENT)
    second = _order_in(place, S.AWAITING_SHIPMENT)
    svc.record_invoice(first, B2C, operator="店員甲", now=_T(60))
    before = snapshot()
    with pytest.raises(ValidationError, match="CD00000001 已經用於訂單") as e, write_transaction():
        rows = writes.invoice_issued(order_state(order_row(second)), B2C.validated(), source="clerk",
                                     operator="店員乙", at=_T(60))
        svc._insert(rows, lambda: svc._number_taken("CD00000001"))
    assert e.value.field == "invoice_no"
    assert snapshot() == before


@pytest.mark.parametrize("status", [S.UNPAID, S.CANCELLING, S.CANCELLED])
def test_no_invoice_for_an_order_that_is_not_a_sale(place, status):
    oid = _order_in(place, status)
    before = snapshot()
    with pytest.raises(ValidationError) as e:
        svc.record_invoice(oid, B2C, operator="店員甲", now=_T(60))
    assert e.value.field == "order" and snapshot() == before


def test_refusals_name_the_field(place):
    oid = _order_in(place, S.AWAITING_SHIPMENT)
    before = snapshot()
    for given, field in (
        (InvoiceInput("AB12345678", date(2026, 2, 22), inv.B2C, 800), "total"),
        (InvoiceInput("AB1234567", date(2026, 2, 22), inv.B2C, 820), "invoice_no"),
        (InvoiceInput("AB12345678", date(2026, 2, 19), inv.B2C, 820), "invoice_date"),
        (InvoiceInput("AB12345678", date(2026, 2, 22), inv.B2B, 820, buyer_ban="22099132",
                      buyer_title="x"), "buyer_ban"),
    ):
        with pytest.raises(ValidationError) as e:
            svc.record_invoice(oid, given, operator="店員甲", now=_T(60))
        assert e.value.field == field
    assert snapshot() == before


def test_one_open_invoice_per_order_and_reissue_after_a_void(place):
    oid = _order_in(place, S.AWAITING_SHIPMENT)
    svc.record_invoice(oid, B2C, operator="店員甲", now=_T(60))
    with pytest.raises(ValidationError, match="已有發票 CD00000001"):
        svc.record_invoice(oid, B2B, operator="店員甲", now=_T(60))
    first = Invoice.get(Invoice.invoice_no == "CD00000001")
    svc.void_invoice(first.id, VoidInput(date(2026, 2, 23), "統編打錯"), operator="店員甲", now=_T(72))
    svc.record_invoice(oid, B2B, operator="店員甲", now=_T(72))
    assert [r.invoice.invoice_no for r in svc.order_invoices(oid)] == ["CD00000001", "AB12345678"]
    assert svc.active_invoice(oid).invoice_no == "AB12345678"


def _cancelled_with_invoice(place, invoice=B2C, status=S.AWAITING_SHIPMENT):
    """An order in ``status`` with its invoice, cancelled by the customer and approved."""
    oid = _order_in(place, status)
    svc.record_invoice(oid, invoice, operator="店員甲", now=_T(60))
    from app.domain.inputs import CancellationInput, Remittance

    ch = cs.request_cancellation(oid, CancellationInput("不要了", Remittance("812", "台北", "123456", "王")),
                                 operator="顧客", by=cs.CUSTOMER, now=_T(70))
    cs.approve_cancellation(ch.cancellation_id, "CS-9", operator="店員甲", now=_T(71))
    return oid, ch.cancellation_id, Invoice.get(Invoice.order == oid)


def test_void_within_the_period_is_linked_to_the_request(place):
    oid, rid, invoice = _cancelled_with_invoice(place)
    assert svc.advice_for_request(rid, date(2026, 2, 28))[1] == inv.VOID
    assert [i.invoice_no for i in svc.needing_void_or_allowance()] == ["CD00000001"]
    ch = svc.void_invoice(invoice.id, VoidInput(date(2026, 2, 24), "取消訂單"), operator="店員甲",
                          cancellation_id=rid, now=_T(96))
    v = InvoiceVoid.get(InvoiceVoid.invoice == invoice.id)
    assert (v.void_date, v.reason, v.cancellation_id, v.recorded_by) == (date(2026, 2, 24), "取消訂單", rid,
                                                                        "店員甲")
    h = history(oid, "invoice")[-1]
    assert (h.action, h.cancellation_id, h.id) == ("VOID_INVOICE", rid, ch.history_ids[0])
    assert json.loads(h.input) == {"invoice_no": "CD00000001", "void_date": "2026-02-24", "reason": "取消訂單"}
    assert list(svc.needing_void_or_allowance()) == []
    assert svc.advice_for_request(rid) is None
    assert svc.request_invoices(rid)[0].void.id == v.id
    with pytest.raises(ValidationError, match="已經作廢"):
        svc.void_invoice(invoice.id, VoidInput(date(2026, 2, 24), "again"), operator="店員甲", now=_T(96))


def test_after_the_period_only_an_allowance(place):
    oid, rid, invoice = _cancelled_with_invoice(place)
    march = datetime(2026, 3, 2, 3, 0)
    assert svc.advice_for_request(rid, date(2026, 3, 1))[1] == inv.ALLOWANCE
    before = snapshot()
    with pytest.raises(ValidationError, match="2026-01/02") as e:
        svc.void_invoice(invoice.id, VoidInput(date(2026, 3, 1), "取消訂單"), operator="店員甲", now=march)
    assert e.value.field == "void_date" and snapshot() == before
    svc.issue_allowance(invoice.id, AllowanceInput("AL0001", date(2026, 3, 2), 525), operator="店員甲",
                        cancellation_id=rid, now=march)
    a = InvoiceAllowance.get(InvoiceAllowance.invoice == invoice.id)
    assert (a.allowance_no, a.total, a.before_tax, a.tax, a.cancellation_id) == ("AL0001", 525, 500, 25, rid)
    assert [i.invoice_no for i in svc.needing_void_or_allowance()] == ["CD00000001"]  # 295 left
    with pytest.raises(ValidationError, match="NT\\$295") as e:
        svc.issue_allowance(invoice.id, AllowanceInput("AL0002", date(2026, 3, 2), 300), operator="店員甲",
                            now=march)
    assert e.value.field == "allowance_total"
    with pytest.raises(ValidationError, match="AL0001 已經用過"):
        svc.issue_allowance(invoice.id, AllowanceInput("al0001", date(2026, 3, 2), 95), operator="店員甲",
                            now=march)
    svc.issue_allowance(invoice.id, AllowanceInput("AL0002", date(2026, 3, 2), 295), operator="店員甲",
                        now=march)
    assert list(svc.needing_void_or_allowance()) == []
    with pytest.raises(ValidationError, match="折讓單"):
        svc.void_invoice(invoice.id, VoidInput(date(2026, 3, 2), "x"), operator="店員甲", now=march)
    assert [h.action for h in history(oid, "invoice")] == ["ISSUE_INVOICE", "INVOICE_ALLOWANCE",
                                                            "INVOICE_ALLOWANCE"]


def test_the_queue_follows_the_shops_setting(place):
    paid = _order_in(place, S.PAID)
    awaiting = _order_in(place, S.AWAITING_SHIPMENT)
    shipped = _order_in(place, S.COMPLETED)
    assert svc.issue_at() == svc.AT_PAYMENT
    assert [o.id for o in svc.needing_invoice()] == [awaiting, shipped]
    svc.set_issue_at(svc.AT_SHIPMENT, operator="店長")
    assert svc.issue_at() == svc.AT_SHIPMENT
    assert [o.id for o in svc.needing_invoice()] == [shipped]
    svc.record_invoice(shipped, B2C, operator="店員甲", now=_T(100))
    assert list(svc.needing_invoice()) == []
    with pytest.raises(ValidationError):
        svc.set_issue_at("someday", operator="店長")
    assert paid


def _write_csv(tmp_path, rows, name="issued.csv"):
    path = tmp_path / name
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    return path


def test_the_providers_file(place, tmp_path):
    """The provider's issued-invoice file through the spreadsheet import (a sheet with a
    發票號碼 column), matched by order number; imported again, every row is skipped."""
    from app.services import importer

    a = _order_in(place, S.AWAITING_SHIPMENT)
    b = _order_in(place, S.COMPLETED)
    na, nb = order_row(a).order_no, order_row(b).order_no
    header = ["發票號碼", "發票日期", "自訂編號", "買方統編", "買方名稱", "發票金額", "載具類別", "載具編號", "愛心碼"]
    path = _write_csv(tmp_path, [header,
                                 ["XY00000010", "2026/02/22", na, "", "", "820", "手機條碼", "/ABC.123", ""],
                                 ["XY00000011", "2026-02-23", nb, "83045210", "好日子有限公司", "820", "", "", ""]])
    plan = importer.check_file(path)
    assert plan.bad == [] and [n.order_no for n in plan.invoices] == [na, nb] and plan.good == 2
    assert plan.summary().endswith("發票 2 張。")
    result = importer.apply_import(plan, operator="店員甲", now=_T(100))
    assert result.invoices == 2 and result.summary().endswith("發票 2 張。")
    rows = {i.invoice_no: i for i in Invoice.select()}
    assert rows["XY00000010"].order_id == a and rows["XY00000010"].carrier_id == "/ABC.123"
    assert rows["XY00000011"].kind == "B2B" and rows["XY00000011"].source == "import"
    assert history(b, "invoice")[0].input_data["source"] == "import"
    assert history(b, "invoice")[0].operator == "店員甲"
    again = importer.check_file(path)
    assert (again.invoices, len(again.skipped), again.bad) == ([], 2, [])


def test_the_providers_file_with_bad_rows_writes_nothing(place, tmp_path):
    """All or nothing: every bad row is named by row, column and reason, and the good rows
    stay out too."""
    from app.services import importer

    a = _order_in(place, S.AWAITING_SHIPMENT)
    b = _order_in(place, S.AWAITING_SHIPMENT)
    c = _order_in(place, S.UNPAID)
    d = _order_in(place, S.AWAITING_SHIPMENT)
    na, nb, nc, nd = (order_row(o).order_no for o in (a, b, c, d))
    svc.record_invoice(b, B2C, operator="店員甲", now=_T(60))
    header = ["訂單編號", "發票號碼", "發票日期", "發票類型", "總計", "統一編號"]
    path = _write_csv(tmp_path, [header,
                                 [na, "XY00000010", "2026-02-22", "B2C", "820", ""],
                                 ["O2099", "XY00000011", "2026-02-22", "B2C", "820", ""],
                                 [na, "XY00000010", "2026-02-22", "B2C", "820", ""],
                                 [na, "XY0000001", "2026-02-22", "三聯式", "820", "22099132"],
                                 [nb, "XY00000012", "2026-02-22", "B2C", "820", ""],
                                 [nc, "CD00000001", "2026-02-22", "B2C", "820", ""],
                                 [nd, "XY00000013", "2026-02-22", "B2C", "800", ""],
                                 [nd, "XY00000014", "2026/2/30", "B2C", "820", ""],
                                 [na, "XY00000015", "2026-02-22", "B2C", "820", ""]])
    plan = importer.check_file(path)
    assert sorted((i.row, i.column, i.message()) for i in plan.bad) == [
        (2, "", "檔案中的發票有 8 列錯誤：發票全部不匯入，改正後再匯入整個檔案。"),
        (3, "訂單編號", "找不到訂單 O2099。"),
        (4, "發票號碼", "發票號碼 XY00000010 重複：已在「issued.csv」第 2 列。"),
        (5, "發票號碼", "發票號碼必須是兩個英文大寫字母加八位數字，例如 AB12345678。"),
        (6, "訂單編號", f"訂單 {nb} 已有發票 CD00000001；要重開請先作廢它。"),
        (7, "訂單編號", f"訂單 {nc} 目前狀態不能開立發票（要已付款、尚未取消）。"),
        (8, "總計", "發票金額 NT$800 與訂單金額 NT$820 不符。"),
        (9, "發票日期", "日期「2026/2/30」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。"),
        (10, "訂單編號", f"訂單 {na} 在檔案中有兩張發票（另一張在第 2 列）。"),
    ]
    assert plan.invoices == [] and plan.good == 0
    before = snapshot()
    importer.apply_import(plan, operator="店員甲")
    assert snapshot() == before


# ---------------------------------------------------------------- with the return and refund steps


def _shipped_and_approved(place):
    """A shipped order with its invoice, cancelled and approved: waiting for the goods (等待退貨)."""
    return _cancelled_with_invoice(place, status=S.COMPLETED)


def test_return_done_records_the_void_in_its_transaction(place):
    oid, rid, invoice = _shipped_and_approved(place)
    ch = cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙",
                        invoice=VoidInput(date(2026, 2, 25), "退貨"), now=_T(120))
    assert CancellationRequest.get_by_id(rid).status == "REFUND_PENDING"
    v = InvoiceVoid.get(InvoiceVoid.invoice == invoice.id)
    assert (v.void_date, v.reason, v.cancellation_id, v.recorded_by) == (date(2026, 2, 25), "退貨", rid, "店員乙")
    records = [h for h in history(oid) if h.cancellation_id == rid and h.at == _T(120)]
    assert [(h.machine, h.action) for h in records] == [("cancellation", "RETURN_DONE"), ("invoice", "VOID_INVOICE")]
    assert set(ch.history_ids) == {h.id for h in records}
    assert records[0].input_data == {"invoice_returned": True, "goods_intact": True}
    assert list(svc.needing_void_or_allowance()) == [] and svc.advice_for_request(rid) is None


def test_refund_done_records_the_allowance_and_the_order_is_cancelled(place):
    oid, rid, invoice = _shipped_and_approved(place)
    cs.return_done(rid, invoice_returned=False, goods_intact=True, operator="店員乙", now=_T(120))
    march = datetime(2026, 3, 3, 3, 0)
    assert svc.advice_for_request(rid, date(2026, 3, 3))[1] == inv.ALLOWANCE
    ch = cs.refund_done(rid, refund_date=date(2026, 3, 3), amount=None, reference="R-1", operator="店員乙",
                        invoice=AllowanceInput("AL-77", date(2026, 3, 3), 820), now=march)
    assert order_row(oid).status == S.CANCELLED
    a = InvoiceAllowance.get(InvoiceAllowance.invoice == invoice.id)
    assert (a.allowance_no, a.total, a.before_tax, a.tax, a.cancellation_id) == ("AL-77", 820, 781, 39, rid)
    last = history(oid)[-1]
    assert (last.machine, last.action, last.from_status, last.to_status) == (
        "invoice", "INVOICE_ALLOWANCE", S.CANCELLED, S.CANCELLED)
    assert last.id in ch.history_ids and len(ch.history_ids) == 3  # request, order, invoice
    assert list(svc.needing_void_or_allowance()) == []


def test_a_refused_void_leaves_the_step_undone(place):
    """The step and its void are one transaction: a void the rules refuse (the period is over)
    keeps the request where it was, and the error names the void's field."""
    oid, rid, invoice = _shipped_and_approved(place)
    before = snapshot()
    with pytest.raises(ValidationError, match="2026-01/02") as e:
        cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙",
                       invoice=VoidInput(date(2026, 3, 2), "退貨"), now=datetime(2026, 3, 2, 3, 0))
    assert e.value.field == "void_date" and snapshot() == before
    with pytest.raises(ValidationError) as e:
        cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙",
                       invoice=AllowanceInput("AL-1", date(2026, 2, 25), 900), now=_T(120))
    assert e.value.field == "allowance_total" and snapshot() == before


def test_a_step_with_a_void_needs_an_open_invoice(place):
    oid, rid, invoice = _shipped_and_approved(place)
    svc.void_invoice(invoice.id, VoidInput(date(2026, 2, 24), "取消"), operator="店員甲", now=_T(100))
    before = snapshot()
    with pytest.raises(ValidationError, match="沒有尚未作廢的發票") as e:
        cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙",
                       invoice=VoidInput(date(2026, 2, 25), "退貨"), now=_T(120))
    assert e.value.field == "invoice_no" and snapshot() == before


# ---------------------------------------------------------------- VAT periods filed


def test_a_filed_period_is_allowed_never_voided(place):
    """A void recorded late, dated back into its period, is refused once that period's return
    was filed: the return would no longer hold."""
    oid, rid, invoice = _shipped_and_approved(place)
    march = datetime(2026, 3, 4, 3, 0)
    late = VoidInput(date(2026, 2, 27), "退貨")
    assert svc.filed_periods() == frozenset() and not svc.period_filed(date(2026, 2, 1))
    filing = svc.record_vat_filing("2026-01/02", filed_on=date(2026, 3, 3), operator="會計", now=march)
    assert (filing.period_start, filing.period_end, filing.recorded_by) == (date(2026, 1, 1), date(2026, 2, 28), "會計")
    assert svc.period_filed(date(2026, 2, 22)) and svc.filed_periods() == {date(2026, 1, 1)}
    assert svc.order_invoices(oid)[0].filed
    before = snapshot()
    with pytest.raises(ValidationError, match="已申報") as e:
        svc.void_invoice(invoice.id, late, operator="店員甲", cancellation_id=rid, now=march)
    assert e.value.field == "void_date" and snapshot() == before
    with pytest.raises(ValidationError, match="已申報"):
        cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙", invoice=late, now=march)
    assert snapshot() == before
    cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙", now=march,
                   invoice=AllowanceInput("AL-5", date(2026, 3, 4), 820))
    assert InvoiceAllowance.get().cancellation_id == rid


def test_a_late_void_before_the_filing_is_taken(place):
    oid, rid, invoice = _shipped_and_approved(place)
    svc.void_invoice(invoice.id, VoidInput(date(2026, 2, 27), "退貨"), operator="店員甲", cancellation_id=rid,
                     now=datetime(2026, 3, 4, 3, 0))
    assert InvoiceVoid.get().void_date == date(2026, 2, 27)


def test_filing_refusals(place):
    march = datetime(2026, 3, 4, 3, 0)
    before = snapshot()
    for period, filed_on, field, words in (
        ("2026-03/04", None, "period", "還沒結束"),
        ("2026-13", None, "period", "申報期別"),
        ("2026-01/02", date(2026, 2, 28), "filed_on", "結束之後"),
        ("2026-01/02", date(2026, 3, 5), "filed_on", "晚於今天"),
    ):
        with pytest.raises(ValidationError, match=words) as e:
            svc.record_vat_filing(period, filed_on=filed_on, operator="會計", now=march)
        assert e.value.field == field
    assert snapshot() == before
    svc.record_vat_filing(date(2026, 2, 10), operator="會計", now=march)
    assert svc.filings()[0].filed_on == date(2026, 3, 4)
    with pytest.raises(ValidationError, match="已經登錄申報完成（2026-03-04，會計）"):
        svc.record_vat_filing("2026-01", operator="店長", now=march)
