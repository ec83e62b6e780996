"""The import (issue 6): every bad-row reason, all or nothing, re-import adds nothing, CSV
encodings and xlsx, bulk rows equal to place_order's, and the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

import main
from app import resources
from app.domain.statuses import OrderStatus
from app.models import tables
from app.models.db import connect, database
from app.services import cancellations as cancel_svc
from app.services import import_bulk, import_check
from app.services import importer as im
from app.services import orders as order_svc
from app.services.common import now_or

SAMPLES = resources.import_samples()  # the samples the package ships

OH = ["訂單編號", "訂單日期", "商店名稱", "付款方式", "送貨方式", "訂購人", "電話", "電子郵件",
      "送貨地址", "商品", "規格", "數量", "單價"]
NH = ["訂單編號", "轉帳日期", "金額", "帳號末五碼", "備註"]
CH = ["訂單編號", "申請日期", "取消原因", "銀行代碼", "分行", "帳號", "戶名"]


def order_row(no, *, date="2026-11-01 10:00", store="測試商店", pay="ATM 轉帳", ship="宅配",
              buyer="王小明", product="藍牙耳機", options="黑", qty=1, price=350):
    return [no, date, store, pay, ship, buyer, "0912345678", "a@example.com", "台北市大安區",
            product, options, qty, price]


GOOD_ORDERS = [
    order_row("A001", qty=2, price=350),                                  # 700 + 120
    order_row("A001", date="", store="", pay="", ship="", buyer="", product="充電線", options="",
              qty=1, price=400),                                          # 1100: free shipping
    order_row("A002", pay="信用卡", ship="郵寄", buyer="林雅婷", product="茶葉", qty=3, price=500),
    order_row("A003", date="2026/11/02", product="馬克杯", price=420),
]


def write_csv(path: Path, header, rows, encoding="utf-8") -> Path:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, tuple[list, list]]) -> Path:
    wb = openpyxl.Workbook()
    first = True
    for title, (header, rows) in sheets.items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws.append(header)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in
            (tables.Order, tables.OrderItem, tables.PaymentNotice, tables.CancellationRequest, tables.StatusHistory)}


def reasons(plan: im.ImportPlan) -> list[tuple[str, int, str, str]]:
    return [(b.sheet, b.row, b.column, b.message()) for b in plan.bad]


# ---------------------------------------------------------------- good files


def test_orders_csv_with_the_shops_rule_and_real_history(shop, tmp_path):
    path = write_csv(tmp_path / "orders.csv", OH, GOOD_ORDERS)
    plan = im.check_file(path)
    assert plan.bad == [] and plan.skipped == []
    assert [o.order_no for o in plan.orders] == ["A001", "A002", "A003"]
    result = im.apply_import(plan, operator="import")
    assert (result.orders, result.items) == (3, 4)
    a1 = tables.Order.get(tables.Order.order_no == "A001")
    assert (a1.subtotal, a1.shipping_fee, a1.total) == (1100, 0, 1100)  # free at 1000 (宅配)
    assert [(i.product, i.options, i.quantity, i.unit_price) for i in a1.items.order_by(tables.OrderItem.id)] == [
        ("藍牙耳機", "黑", 2, 350), ("充電線", "", 1, 400)]
    a2 = tables.Order.get(tables.Order.order_no == "A002")
    assert (a2.subtotal, a2.shipping_fee, a2.total) == (1500, 65, 1565)  # 郵寄: no threshold
    assert a2.payment_method_name == "信用卡" and a2.shipping_method_name == "郵寄"
    assert a2.status == OrderStatus.UNPAID and a2.version == 1 and a2.updated_by == "import"
    # The order date is the clerk's local time, held as UTC.
    assert a1.order_date == now_or(datetime(2026, 11, 1, 10, 0).astimezone())
    h = tables.StatusHistory.get(tables.StatusHistory.order == a1.id)
    assert (h.from_status, h.to_status, h.action, h.operator) == (None, "UNPAID", "PLACE", "import")
    assert h.input_data == {"subtotal": 1100, "shipping_fee": 0, "total": 1100}
    assert h.at == a1.order_date


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "big5"])
def test_csv_encodings(shop, tmp_path, encoding):
    path = write_csv(tmp_path / "orders.csv", OH, GOOD_ORDERS, encoding)
    plan = im.check_file(path)
    assert plan.bad == []
    im.apply_import(plan, operator="import")
    assert sorted(tables.Order.select(tables.Order.buyer_name).tuples()) == [("林雅婷",), ("王小明",), ("王小明",)]
    assert tables.OrderItem.select().where(tables.OrderItem.product == "藍牙耳機").count() == 1


def test_a_column_given_twice_refuses_its_sheet_naming_both(shop, tmp_path):
    """Which of two 訂購人 columns holds the buyer cannot be told: the sheet is refused with
    both headers and their columns named, whatever the second is spelt (a key, an alias)."""
    for second in ("訂購人", "buyer_name"):
        rows = [[*r, "別人"] for r in GOOD_ORDERS]
        plan = im.check_file(write_csv(tmp_path / "twice.csv", [*OH, second], rows))
        assert plan.good == 0 and len(plan.bad) == 1
        issue = plan.bad[0]
        assert (issue.row, issue.column) == (1, second)
        assert issue.message() == (f"「訂購人」（F 欄）和「{second}」（N 欄）是同一個欄位：請只留一欄，"
                                   "這個工作表不匯入。")
    notices = write_csv(tmp_path / "n.csv", [*NH, "金額"], [["A001", "2026-11-02", "820", "12345", "", "820"]])
    assert "（C 欄）和「金額」（F 欄）" in im.check_file(notices).bad[0].message()
    assert tables.Order.select().count() == 0


@pytest.mark.parametrize("stream", [False, True], ids=["calamine", "streamed"])
def test_cells_merged_down_over_an_orders_item_rows_are_read_on_each_row(shop, tmp_path, monkeypatch, stream):
    """An order's 訂單編號 (and 訂購人, 規格) merged over its item rows, as a workbook laid out
    by hand shows them: each item row reads the merged value, as the clerk sees it; a row
    holding nothing but the merge is an empty row; both readers read the same."""
    from app.services import xlsx_stream

    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1 if stream else 1 << 40)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "訂單"
    ws.append(OH)
    ws.append(order_row("B001", qty=2, price=350))                                    # row 2
    ws.append(["", "", "", "", "", "", "", "", "", "充電線", "", 1, 400])              # row 3
    ws.append(order_row("B002", buyer="林雅婷", product="茶葉", options="烏龍", price=500))  # row 4
    ws.append(["", "", "", "", "", "", "", "", "", "茶杯", "", 2, 150])                # row 5
    ws.append(order_row("B003", product="馬克杯", price=420))                           # row 6
    for merged in ("A2:A3", "F2:F3", "A4:A5", "K4:K5", "A6:A8"):  # rows 7-8: only the merge
        ws.merge_cells(merged)
    path = tmp_path / "merged.xlsx"
    wb.save(path)

    plan = im.check_file(path)
    assert plan.bad == []
    assert [(o.order_no, len(o.items)) for o in plan.orders] == [("B001", 2), ("B002", 2), ("B003", 1)]
    im.apply_import(plan, operator="import")
    b2 = tables.Order.get(tables.Order.order_no == "B002")
    items = {(i.product, i.options) for i in b2.items}
    assert items == {("茶葉", "烏龍"), ("茶杯", "烏龍")}
    assert b2.buyer_name == "林雅婷"
    assert tables.Order.get(tables.Order.order_no == "B001").subtotal == 1100


def test_merged_down_spreads_a_range_below_the_header_only():
    """``merged_down``: a range that starts in the header row is left alone, a range's other
    columns stay empty, a row past the range keeps its own value."""
    from app.services.import_sheets import merged_down

    rows = [(2, ["A", "x", None]), (3, [None, "y"]), (4, [None, "z"]), (6, ["B", "w"])]
    merges = [(1, 2, 3), (2, 0, 4), (3, 1, 5)]  # C1:C3 from the header, A2:A4, B3:C5
    got = list(merged_down(iter([(n, list(v)) for n, v in rows]), merges, header=1))
    assert got == [(2, ["A", "x", None]), (3, ["A", "y"]), (4, ["A", "y"]), (6, ["B", "w"])]


def test_a_phone_is_kept_as_its_number_or_refused_naming_its_row(shop, tmp_path):
    """A full-width phone (a Chinese input method's digits) is kept as its digits; a phone with
    a word, an extension or two numbers in it is a bad row naming 電話 — its digits run
    together were kept before, another number."""
    phones = ["０９１２－３４５－６７８", "call me maybe", "02-2345-6789 #123", "0912345678 / 0922333444"]
    rows = [order_row(f"PH{i}", product="茶葉") for i in range(len(phones))]
    for row, phone in zip(rows, phones, strict=True):
        row[6] = phone
    plan = im.check_file(write_csv(tmp_path / "phones.csv", OH, rows))
    assert [(b.row, b.column) for b in plan.bad] == [(3, "電話"), (4, "電話"), (5, "電話")]
    assert plan.bad[0].message() == "電話只能有數字、空格、-、括號與開頭的 +。"
    im.apply_import(plan, operator="import")
    assert [(o.order_no, o.buyer_phone) for o in tables.Order.select()] == [("PH0", "0912345678")]


def test_unreadable_encoding_and_kind(shop, tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_bytes("訂單編號,金額\n".encode() + b"\xff\xfe\xfa\n")
    with pytest.raises(im.UnreadableFile):
        im.check_file(bad)
    with pytest.raises(im.UnreadableFile):
        im.check_file(write_csv(tmp_path / "x.txt", OH, GOOD_ORDERS))
    plan = im.check_file(write_csv(tmp_path / "y.csv", ["甲", "乙"], [["1", "2"]]))
    assert plan.good == 0 and len(plan.bad) == 1 and plan.bad[0].row == 1
    plan = im.check_file(write_csv(tmp_path / "z.csv", ["訂單編號", "商品", "數量"], [["A", "b", 1]]))
    assert plan.good == 0 and "缺少欄位" in plan.bad[0].message()
    assert "單價" in plan.bad[0].message()


def test_xlsx_with_three_sheets_english_headers_and_date_cells(shop, tmp_path):
    en = ["Order No", "Order Date", "Store", "Payment Method", "Shipping Method", "Buyer", "Phone",
          "Email", "Address", "Product", "Options", "Quantity", "Unit Price"]
    orders = [order_row("X1", date=datetime(2026, 11, 1, 9, 30), qty=2, price=350),
              order_row("X2", date=datetime(2026, 11, 1), price=600, ship="郵寄")]
    path = write_xlsx(tmp_path / "in.xlsx", {
        "訂單": (en, orders),
        "付款": (["order_no", "transfer_date", "amount", "account_last5", "note"],
                 [["X1", datetime(2026, 11, 2), 820, 12345, "已轉帳"]]),
        "取消": (CH, [["X2", datetime(2026, 11, 3), "買錯了", None, None, None, None]]),
    })
    plan = im.check_file(path)
    assert reasons(plan) == []
    assert [s.kind for s in plan.sheets] == [im.ORDERS, im.NOTICES, im.CANCELLATIONS]
    im.apply_import(plan, operator="import")
    x1 = tables.Order.get(tables.Order.order_no == "X1")
    x2 = tables.Order.get(tables.Order.order_no == "X2")
    assert x1.status == OrderStatus.PAID and x2.status == OrderStatus.CANCELLING
    notice = x1.payment_notices.get()
    assert (notice.amount, notice.account_last5, str(notice.transfer_date)) == (820, "12345", "2026-11-02")
    actions = [h.action for h in tables.StatusHistory.select().where(tables.StatusHistory.order == x1.id)
               .order_by(tables.StatusHistory.id)]
    assert actions == ["PLACE", "RECORD_PAYMENT"]
    req = x2.cancellations.get()
    assert (req.requested_by, req.status, req.paid, req.reason) == ("customer", "PENDING_REVIEW", False, "買錯了")
    assert req.requested_at == now_or(datetime(2026, 11, 3).astimezone())
    actions = [h.action for h in tables.StatusHistory.select().where(tables.StatusHistory.order == x2.id)
               .order_by(tables.StatusHistory.id)]
    assert actions == ["PLACE", "REQUEST_CANCEL_CUSTOMER", "FILE"]


def test_the_samples_import_and_say_so(db, tmp_path):
    from app.services.demo import build_demo

    build_demo(0)  # the demo's stores and methods, which the samples name
    plan = im.check_file(SAMPLES / "orders.xlsx")
    assert plan.bad == [] and (len(plan.orders), len(plan.notices), len(plan.requests)) == (3, 2, 2)
    for name in ("orders.csv", "orders-big5.csv"):
        assert im.check_file(SAMPLES / name).bad == []
    im.apply_import(plan, operator="import")
    invoices = im.check_file(SAMPLES / "invoices.csv")  # the provider's file, for the paid order
    assert invoices.bad == [] and [(n.order_no, n.invoice.invoice_no) for n in invoices.invoices] == [
        ("IMP-20261101-001", "QX20261101")]
    assert im.apply_import(invoices, operator="import").invoices == 1
    for name in ("payment_notices.csv", "cancellations.csv", "orders.csv", "orders-big5.csv", "invoices.csv"):
        again = im.check_file(SAMPLES / name)
        assert again.good == 0 and again.bad == [] and again.skipped, name


# ---------------------------------------------------------------- bad rows


def test_every_bad_row_reason_is_reported_and_good_rows_still_import(shop, tmp_path):
    tables.ShippingMethod.create(title="停用的物流", fee=10, archived=True)
    order_svc.place_order(store_id=shop["store"].id, buyer=order_svc.Buyer("舊客人"),
                          items=[order_svc.Item("舊貨", 1, 100)], payment_method_id=shop["atm"].id,
                          shipping_method_id=shop["home"].id, operator="店員甲", order_no="OLD1",
                          order_date=datetime(2026, 10, 15, 2))
    rows = [
        order_row("G1"),                                   # 2 good
        order_row("B1", store="不存在的店"),                # 3 unknown store
        order_row("B2", pay="比特幣"),                      # 4 unknown payment method
        order_row("B3", ship="停用的物流"),                  # 5 archived shipping method
        order_row(""),                                     # 6 missing order number
        order_row("B4", date="2026-13-45"),                # 7 bad date
        order_row("B5", price=-5),                         # 8 negative amount
        order_row("B6", price="abc"),                      # 9 non-numeric amount
        order_row("B7", qty=0),                            # 10 bad quantity
        order_row("G1", buyer="別人"),                      # 11 duplicate order number, other buyer
        order_row("OLD1"),                                 # 12 already imported: skipped
        order_row("B8", buyer=""),                         # 13 missing buyer
        order_row("G2"),                                   # 14 good
        order_row("B9"),                                   # 15 its second row is bad:
        order_row("B9", price="1.5"),                      # 16   the whole order stays out
    ]
    orders = write_csv(tmp_path / "orders.csv", OH, rows)
    plan = im.check_file(orders)
    got = {(b.row, b.column): b.message() for b in plan.bad}
    assert got == {
        (2, ""): "訂單 G1 的其他列有錯誤，整筆訂單不匯入。",
        (3, "商店名稱"): "找不到商店「不存在的店」。",
        (4, "付款方式"): "付款方式「比特幣」不存在或已封存。",
        (5, "送貨方式"): "送貨方式「停用的物流」不存在或已封存。",
        (6, "訂單編號"): "缺少訂單編號。",
        (7, "訂單日期"): "日期「2026-13-45」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。",
        (8, "單價"): "金額不能是負數。",
        (9, "單價"): "金額必須是數字。",
        (10, "數量"): "數量必須是正整數。",
        (11, "訂購人"): "訂單編號 G1 重複：這一列的「訂購人」與第 2 列不同。",
        (13, "訂購人"): "此欄位必填。",
        (15, ""): "訂單 B9 的其他列有錯誤，整筆訂單不匯入。",
        (16, "單價"): "金額必須是整數元，不能有小數。",
    }
    assert all(b.sheet == "orders.csv" for b in plan.bad)
    assert [(s.row, s.message()) for s in plan.skipped] == [(12, "訂單 OLD1 已在資料庫中（已匯入過），略過。")]
    # G1's order is refused as a whole (its second row disagrees); G2 goes in.
    assert [o.order_no for o in plan.orders] == ["G2"]
    im.apply_import(plan, operator="import")

    notices = write_csv(tmp_path / "notices.csv", NH, [
        ["G2", "2026-11-02", 470, "12345", ""],            # 2 good
        ["NOPE", "2026-11-02", 470, "12345", ""],          # 3 unknown order
        ["G2", "2026-11-02", -1, "12345", ""],             # 4 negative amount
        ["G2", "2026-11-02", "一千", "12345", ""],          # 5 non-numeric
        ["G2", "yesterday", 470, "12345", ""],             # 6 bad date
        ["G2", "2026-11-03", 470, "12345", ""],            # 7 second notice: the order is PAID
        ["", "2026-11-02", 470, "12345", ""],              # 8 missing order number
        ["G1", "2026-11-02", 470, "12345", ""],            # 9 G1 was not imported
        ["OLD1", "2026-10-01", 220, "12345", ""],          # 10 before the order date
        ["OLD1", "2026-10-20", 220, "123", ""],            # 11 not five digits
    ])
    plan = im.check_file(notices)
    got = {(b.row, b.column): b.message() for b in plan.bad}
    assert got[(3, "訂單編號")] == "找不到訂單 NOPE。"
    assert got[(4, "金額")] == "金額不能是負數。"
    assert got[(5, "金額")] == "金額必須是數字。"
    assert got[(6, "轉帳日期")].startswith("日期「yesterday」看不懂")
    assert got[(7, "訂單編號")].startswith("目前狀態為「已付款」")
    assert got[(8, "訂單編號")] == "缺少訂單編號。"
    assert got[(9, "訂單編號")] == "找不到訂單 G1。"
    assert got[(10, "轉帳日期")] == "轉帳日期不能早於訂單日期。"
    assert got[(11, "帳號末五碼")] == "帳號末五碼必須是五位數字。"
    assert len(plan.bad) == 9 and [n.row for n in plan.notices] == [2]

    requests = write_csv(tmp_path / "requests.csv", CH, [
        ["OLD1", "2026-11-30", "買錯了", "", "", "", ""],   # 2 good
        ["NOPE", "2026-11-30", "買錯了", "", "", "", ""],   # 3 unknown order
        ["OLD1", "2026-11-30", "又買錯了", "", "", "", ""],  # 4 in this file OLD1 is now CANCELLING: skipped
        ["OLD1", "11/30", "x", "", "", "", ""],             # 5 bad date
    ])
    plan = im.check_file(requests)
    got = {(b.row, b.column): b.message() for b in plan.bad}
    assert got == {(3, "訂單編號"): "找不到訂單 NOPE。",
                   (5, "申請日期"): "日期「11/30」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。"}
    assert [s.row for s in plan.skipped] == [4]
    assert len(plan.requests) == 1


def test_duplicate_order_number_across_sheets_and_paid_request_needs_remittance(shop, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", {
        "一": (OH, [order_row("D1")]),
        "二": (OH, [order_row("D1"), order_row("D2"), order_row("D3", qty="x")]),
        "付款": (NH, [["D2", "2026-11-02", 470, "54321", ""], ["D3", "2026-11-02", 470, "54321", ""]]),
        "取消": (CH, [["D2", "2026-11-03", "不要了", "", "", "", ""],
                     ["D1", "2026-11-03", "不要了", "12", "x", "123", "y"]]),
    })
    plan = im.check_file(path)
    got = {(b.sheet, b.row, b.column): b.message() for b in plan.bad}
    assert got == {
        ("二", 2, "訂單編號"): "訂單編號 D1 重複：已在「一」第 2 列。",
        ("二", 4, "數量"): "數量必須是正整數。",
        ("付款", 3, "訂單編號"): "訂單 D3 的列有錯誤而不匯入，所以這一列也不匯入。",
        ("取消", 2, "銀行代碼"): "已付款的訂單必須填寫退款匯款資料。",
        ("取消", 3, "銀行代碼"): "銀行代碼必須是三位數字。",
    }
    assert [o.order_no for o in plan.orders] == ["D1", "D2"] and len(plan.notices) == 1


def test_a_paid_card_order_is_cancelled_without_a_bank_account(shop, tmp_path):
    """Issue 19: a card payment is refunded by reversal, so the import asks no account; the
    request takes the card method's channel."""
    path = write_xlsx(tmp_path / "card.xlsx", {
        "訂單": (OH, [order_row("K1", pay="信用卡"), order_row("K2")]),
        "付款": (NH, [["K1", "2026-11-02", 470, "54321", ""], ["K2", "2026-11-02", 470, "54321", ""]]),
        "取消": (CH, [["K1", "2026-11-03", "不要了", "", "", "", ""],
                     ["K2", "2026-11-03", "不要了", "", "", "", ""]]),
    })
    plan = im.check_file(path)
    got = {(b.sheet, b.row, b.column): b.message() for b in plan.bad}
    assert got == {("取消", 3, "銀行代碼"): "已付款的訂單必須填寫退款匯款資料。"}  # K2: a transfer
    im.apply_import(plan, operator="店員甲")
    req = tables.Order.get(tables.Order.order_no == "K1").cancellations.get()
    assert (req.refund_channel, req.bank_code, req.refund_due) == ("reversal", None, 470)


# ---------------------------------------------------------------- all or nothing, re-import


def _mixed_file(tmp_path) -> Path:
    return write_xlsx(tmp_path / "mixed.xlsx", {
        "訂單": (OH, GOOD_ORDERS),
        "付款": (NH, [["A001", "2026-11-02", 1100, "12345", ""], ["A003", "2026-11-02", 540, "22222", ""]]),
        "取消": (CH, [["A002", "2026-11-03", "不要了", "", "", "", ""],
                     ["A003", "2026-11-04", "不要了", "808", "板橋分行", "12345678", "王小明"]]),
    })


def test_nothing_is_written_before_apply_and_a_failure_in_the_middle_leaves_nothing(shop, tmp_path,
                                                                                    monkeypatch):
    before = counts()
    plan = im.check_file(_mixed_file(tmp_path))
    assert plan.good == 7 and counts() == before
    real = cancel_svc.request_cancellation
    calls = []

    def second_fails(*a, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the server went away")
        return real(*a, **kw)

    monkeypatch.setattr(cancel_svc, "request_cancellation", second_fails)
    with pytest.raises(im.ImportFailed, match="the server went away"):
        im.apply_import(plan, operator="import")
    assert len(calls) == 2 and counts() == before
    monkeypatch.setattr(cancel_svc, "request_cancellation", real)
    # A database error in the middle of the bulk orders: reported, nothing written.
    monkeypatch.setattr(import_bulk, "BATCH", 1)
    tables.Order.create(order_no="A003", store=shop["store"], order_date=datetime(2026, 1, 1), status="UNPAID",
                 buyer_name="x", payment_method=shop["atm"], payment_method_name="x",
                 shipping_method=shop["home"], shipping_method_name="x", shipping_method_fee=0,
                 subtotal=0, shipping_fee=0, total=0, updated_at=datetime(2026, 1, 1), updated_by="x")
    before = counts()
    with pytest.raises(im.ImportFailed):
        im.apply_import(plan, operator="import")
    assert counts() == before


def test_cancel_during_write_leaves_nothing(shop, tmp_path):
    plan = im.check_file(_mixed_file(tmp_path))
    before = counts()
    with pytest.raises(im.ImportCancelled):
        im.apply_import(plan, operator="import", cancelled=lambda: True)
    assert counts() == before


def test_reimport_adds_nothing(shop, tmp_path):
    path = _mixed_file(tmp_path)
    im.apply_import(im.check_file(path), operator="import")
    after = counts()
    assert after["Order"] == 3 and after["PaymentNotice"] == 2 and after["CancellationRequest"] == 2
    a3 = tables.Order.get(tables.Order.order_no == "A003")
    assert a3.status == OrderStatus.CANCELLING and a3.cancellations.get().paid
    again = im.check_file(path)
    assert again.good == 0 and again.bad == [] and len(again.skipped) == 8
    im.apply_import(again, operator="import")
    assert counts() == after


# ---------------------------------------------------------------- bulk == services


TABLES = ("order", "order_item", "payment_notice", "cancellation_request", "status_history")


def test_bulk_writes_what_place_order_writes(tmp_path):
    """The same file imported twice over, in bulk and through place_order one by one, into
    databases that already hold an order: identical tables, column for column."""
    rows = [order_row(f"S{i:03d}", date=f"2026-11-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
                      ship=("宅配", "郵寄")[i % 2], pay=("ATM 轉帳", "信用卡")[i % 3 == 0],
                      product=f" 商品{i} ", options=("", "紅 / L")[i % 2], qty=1 + i % 3,
                      price=(200, 450, 999)[i % 3], buyer=f" 客人{i} ") for i in range(60)]
    rows += [order_row("S001", date="", store="", pay="", ship="", buyer="", product="加購", price=50),
             order_row("LATE", date="2026-12-20 08:00")]  # after the import's clock
    path = write_xlsx(tmp_path / "in.xlsx", {
        "訂單": (OH, rows),
        "付款": (NH, [[f"S{i:03d}", "2026-12-01", 100 + i, f"{i:05d}", "備註"] for i in range(0, 60, 4)]
                 + [["FIRST", "2026-12-01", 1, "99999", "先來的 \"引號\""], ["LATE", "2026-12-21", 470, 1, ""]]),
        "取消": (CH, [[f"S{i:03d}", "2026-12-02", "不要了", "", "", "", ""] for i in range(1, 60, 4)]),
    })
    now = datetime(2026, 12, 5, 3, 4, 5)
    dumps = []
    try:
        for name, bulk in (("services", False), ("bulk", True)):
            d = connect("sqlite:///" + str(tmp_path / f"{name}.db"))
            store = tables.Store.create(name="測試商店")
            atm = tables.PaymentMethod.create(title="ATM 轉帳", position=1)
            tables.PaymentMethod.create(title="信用卡", position=2)
            home = tables.ShippingMethod.create(title="宅配", fee=120, free_threshold=1000, position=1)
            tables.ShippingMethod.create(title="郵寄", fee=65, free_threshold=None, position=2)
            order_svc.place_order(store_id=store.id, buyer=order_svc.Buyer("先來的"),
                                  items=[order_svc.Item("x", 1, 1)], payment_method_id=atm.id,
                                  shipping_method_id=home.id, operator="店員甲", order_no="FIRST",
                                  order_date=datetime(2026, 10, 1, 1, 2, 3))
            plan = im.check_file(path, today=date(2026, 12, 21))  # LATE's notice is not ahead
            assert plan.bad == []
            im.apply_import(plan, operator="匯入", bulk=bulk, now=now)
            dumps.append({t: d.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in TABLES})
            d.close()
    finally:
        database.initialize(None)
    services, bulk = dumps
    assert len(services["order"]) == 62 and len(services["payment_notice"]) == 17
    for table in TABLES:
        assert len(services[table]) == len(bulk[table]), table
        for a, b in zip(services[table], bulk[table], strict=True):
            assert a == b, table
    # The PLACE input as record_history writes it.
    # Both sides of the free-shipping rule are in the file.
    fees = {json.loads(r[-1])["shipping_fee"] for r in bulk["status_history"] if "PLACE" in r}
    assert fees == {0, 65, 120}
    # Every action the import can take is in the comparison (column 6 is the action).
    assert {r[6] for r in bulk["status_history"]} == {
        "PLACE", "RECORD_PAYMENT", "REQUEST_CANCEL_CUSTOMER", "FILE"}


# ---------------------------------------------------------------- the command line


def _db_url(tmp_path) -> str:
    return "sqlite:///" + str(tmp_path / "test.db")


def test_cli_lists_bad_rows_asks_and_imports(shop, tmp_path, capsys, monkeypatch):
    path = write_csv(tmp_path / "orders.csv", OH, GOOD_ORDERS + [order_row("B1", store="不存在的店")])
    url = _db_url(tmp_path)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main.main(["import", str(path), "--db", url]) == 1
    out = capsys.readouterr().out
    assert "bad row orders.csv:6 [商店名稱] 找不到商店「不存在的店」。" in out
    connect(url)
    assert tables.Order.select().count() == 0
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "y")
    assert main.main(["import", str(path), "--db", url, "--operator", "小芳"]) == 0
    assert "leave out the 1 bad rows" in asked[0]
    connect(url)
    assert tables.Order.select().count() == 3
    assert {h.operator for h in tables.StatusHistory.select()} == {"小芳"}
    capsys.readouterr()
    assert main.main(["import", str(path), "--db", url, "--yes"]) == 2  # the one bad row is all that is left
    out = capsys.readouterr().out
    assert "skipped orders.csv:2" in out and "bad row orders.csv:6" in out


def test_cli_yes_default_operator_and_nothing_valid(shop, tmp_path, capsys, monkeypatch):
    url = _db_url(tmp_path)
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("--yes must not ask"))
    path = write_csv(tmp_path / "orders.csv", OH, GOOD_ORDERS, "big5")
    assert main.main(["import", str(path), "--db", url, "--yes"]) == 0
    connect(url)
    assert tables.Order.select().count() == 3 and {h.operator for h in tables.StatusHistory.select()} == {"import"}
    assert main.main(["import", str(path), "--db", url, "--yes"]) == 0  # all already imported
    connect(url)
    assert tables.Order.select().count() == 3
    bad = write_csv(tmp_path / "bad.csv", NH, [["NOPE", "2026-11-02", 1, "12345", ""]])
    assert main.main(["import", str(bad), "--db", url, "--yes"]) == 2
    assert "bad row bad.csv:2 [訂單編號] 找不到訂單 NOPE。" in capsys.readouterr().out
    assert main.main(["import", str(tmp_path / "missing.csv"), "--db", url]) == 2


def test_an_order_changed_between_check_and_write_fails_the_whole_import(shop, place, tmp_path):
    from app.domain.inputs import PaymentNotice as NoticeInput

    oid = place(order_date=datetime(2026, 1, 1, 2))
    no = tables.Order.get_by_id(oid).order_no
    path = write_xlsx(tmp_path / "in.xlsx", {
        "訂單": (OH, [order_row("N1")]),
        "付款": (NH, [[no, "2026-01-02", 820, "12345", ""]]),
    })
    plan = im.check_file(path)
    assert plan.bad == [] and plan.good == 2
    order_svc.record_payment_notice(oid, NoticeInput(datetime(2026, 1, 2).date(), 820, "55555"),
                                    operator="店員甲")  # another clerk, after the check
    before = counts()
    with pytest.raises(im.ImportFailed) as err:
        im.apply_import(plan, operator="import")
    assert err.value.message() == f"訂單 {no} 在檢查之後已被其他店員變更，這次匯入沒有寫入任何資料，請重新匯入。"
    assert counts() == before


def test_the_xlsx_reader_gives_what_openpyxl_gives(tmp_path):
    from datetime import date

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    path = tmp_path / "cells.xlsx"
    for write_only in (False, True):
        wb = openpyxl.Workbook(write_only=write_only)
        ws = wb.create_sheet("甲") if write_only else wb.active
        rows = [
            ["訂單編號", "文字", None, "數字", "日期"],
            ["A1", CellRichText("粗", TextBlock(InlineFont(b=True), "體")), None, 1.5, date(2026, 11, 1)],
            [],
            [None, "只有B", None, 12345, datetime(2026, 11, 1, 14, 30)],
            ["A4", True, "", -3, "2026-11-01"],
        ]
        for r in rows:
            ws.append(r)
        wb.save(path)
        mine = im.read_sheets(path)[0]
        got = [(1, mine.header)] + list(mine.rows)
        theirs = openpyxl.load_workbook(path, read_only=True, data_only=True).worksheets[0]
        want = [(i, list(r)) for i, r in enumerate(theirs.iter_rows(values_only=True), start=1)]
        want = [(i, r) for i, r in want if any(v is not None for v in r)]

        def trim(r):
            r = [None if v == "" else v for v in r]
            while r and r[-1] is None:
                r.pop()
            return r

        assert [(i, trim(r)) for i, r in got if trim(r)] == [(i, trim(r)) for i, r in want], write_only


def test_a_damaged_workbook_is_reported(shop, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(im.UnreadableFile) as err:
        im.check_file(path)
    assert err.value.message().startswith("無法讀取檔案")


def test_cancel_during_the_check(shop, tmp_path, monkeypatch):
    monkeypatch.setattr(import_check, "STEP", 1)
    seen = []
    with pytest.raises(im.ImportCancelled):
        im.check_file(write_csv(tmp_path / "o.csv", OH, GOOD_ORDERS),
                      progress=lambda done, total: seen.append((done, total)), cancelled=lambda: True)
    assert counts()["Order"] == 0


def test_xlsx_rows_without_r_attributes_are_numbered_by_counting(shop, tmp_path):
    """Some writers leave out a row's (and its cells') ``r``: the rows are then counted, and a
    bad row is reported on its own line, not on one taken from a cell's value."""
    import re
    import zipfile

    made = write_xlsx(tmp_path / "made.xlsx", {"訂單": (OH, [
        order_row("R1", qty=2, price=350),
        order_row("R2", qty="x", price=420),  # row 3: bad quantity
        order_row("R3", price=600),
    ])})
    path = tmp_path / "no-r.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'(<(?:\w+:)?(?:row|c)\b[^>]*?) r="[A-Z]*\d+"', rb"\1", data)
                assert n > 0
            dst.writestr(info, data)
    plan = im.check_file(path)
    assert [(b.row, b.column) for b in plan.bad] == [(3, "數量")]
    assert [(o.order_no, o.row) for o in plan.orders] == [("R1", 2), ("R3", 4)]


def test_pickup_orders_import_their_store_and_one_without_is_refused_with_its_row(shop, tmp_path):
    """Issue 12: 取貨門市代碼 / 取貨門市名稱 / 取貨門市地址 (optional columns) fill a pickup
    method's order's store; a pickup order without one is a bad row, named."""
    tables.ShippingMethod.create(title="7-11 取貨", fee=60, free_threshold=999, position=3,
                                 pickup_chain="7-11")
    header = [*OH, "取貨門市代碼", "取貨門市名稱", "取貨門市地址"]
    rows = [[*order_row("P001", ship="7-11 取貨"), "123456", "鑫泰門市", "台北市信義路 1 號"],
            [*order_row("P002", ship="7-11 取貨"), "", "", ""],
            [*order_row("P003"), "", "", ""]]
    plan = im.check_file(write_csv(tmp_path / "pickup.csv", header, rows))
    assert [(b.row, b.column) for b in plan.bad] == [(3, "取貨門市代碼")]
    assert [o.order_no for o in plan.orders] == ["P001", "P003"]
    im.apply_import(plan, operator="import")
    p1 = tables.Order.get(tables.Order.order_no == "P001")
    assert (p1.pickup_store_code, p1.pickup_store_name, p1.pickup_store_address) == (
        "123456", "鑫泰門市", "台北市信義路 1 號")
    assert tables.Order.get(tables.Order.order_no == "P003").pickup_store_code is None
