"""Excel export (issue 6): read each workbook back and check what accounting will open.

Cell types, values, number formats and totals; the tab's rows in the tab's order; hostile
customer text coming back as the same text (also through LibreOffice when it is installed);
a cancelled export, a failing save and a refused move leave the target as it was and no
temporary file; the command line.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from app import __version__
from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.tabs import CancelTab, OrderTab
from app.models.tables import CancellationRequest, Order, OrderItem
from app.services import cancellations as cs
from app.services import export as ex
from app.services import orders as svc
from app.services.cancel_list import CancelFilter, fetch_cancellations
from app.services.queries import OrderFilter, fetch_orders, utc_to_local

MONEY = ex.MONEY_FORMAT
REMIT = Remittance("812", "台北分行", "1234-5678-9012", "王小明")
BASE = datetime(2026, 10, 1, 2, 0)  # UTC; 10:00 in Taipei

#: Local time differs from UTC, so a missed conversion shows.
pytestmark = pytest.mark.usefixtures("desk_in_taipei")


@pytest.fixture
def orders(place, shop):
    """Five orders: 0 unpaid, 1 paid (notice), 2 confirmed, 3 shipped (two items), 4 unpaid
    with a phone starting 00."""
    ids = []
    for i in range(5):
        when = BASE + timedelta(days=i, minutes=7 * i)
        items = ((("藍牙耳機", 2, 350),) if i != 3 else (("藍牙耳機", 1, 350), ("保溫瓶", 3, 499)))
        oid = place(total_items=items, name=f"買家{i}", phone=f"09120000{i:02d}" if i != 4 else "0012345",
                    order_date=when)
        ids.append(oid)
        if 1 <= i <= 3:
            svc.record_payment_notice(oid, Notice(when.date(), Order.get_by_id(oid).total, "12345"),
                                      operator="x", now=when + timedelta(hours=1))
        if 2 <= i <= 3:
            svc.confirm_payment(oid, operator="x", now=when + timedelta(hours=2))
        if i == 3:
            svc.ship(oid, ShipInput(date(2026, 10, 5), "黑貓", "T1"), operator="x",
                     now=when + timedelta(days=1))
    return ids


def export(flt, path, **kw):
    kw.setdefault("operator", "會計小林")
    kw.setdefault("filters_text", "無")
    return ex.export_tab(flt, path, **kw)


def sheet_rows(ws, *, values_only=True):
    return list(ws.iter_rows(values_only=values_only))


def all_rows(fetch, flt):
    rows, cursor = fetch(flt)
    while cursor is not None:
        more, cursor = fetch(flt, cursor)
        rows += more
    return rows


# ---------------------------------------------------------------- the orders workbook


def test_orders_workbook_cells_formats_and_totals(tmp_path, orders):
    target = tmp_path / "orders.xlsx"
    when = datetime(2026, 11, 1, 9, 30)
    result = export(OrderFilter(), target, now=when)
    assert result.rows == 5 and result.items == 6
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["訂單", "商品明細", "說明"]
    ws = wb["訂單"]
    header = [c.value for c in ws[1]]
    assert header == ["訂單編號", "訂單日期", "目前狀態", "出貨日期", "商店名稱", "付款方式",
                      "運送方式", "訂購人", "電話", "商品小計", "運費", "訂單金額", "實收金額",
                      "發票號碼", "轉帳日期", "通知金額", "帳號末五碼", "確認付款人員", "確認付款時間",
                      "物流業者", "貨運單號", "取貨門市代碼", "取貨門市名稱", "取貨門市地址"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:X6"
    assert all(ws.column_dimensions[col].width >= 8 for col in "ABCDEFGHIJKL")

    by_no = {}
    for row in ws.iter_rows(min_row=2, max_row=6):
        by_no[row[0].value] = row
    newest_first = [Order.get_by_id(i).order_no for i in reversed(orders)]
    assert [r[0].value for r in ws.iter_rows(min_row=2, max_row=6)] == newest_first

    for oid in orders:
        o = Order.get_by_id(oid)
        row = by_no[o.order_no]
        (no, odate, status, sdate, store, pm, sm, name, phone, sub, fee, total, received, invoice_no,
         notice_day, notice_amount, last5, confirmed_by, confirmed_at, carrier, tracking, *_pickup) = row
        i = orders.index(oid)
        placed = BASE + timedelta(days=i, minutes=7 * i)
        if 1 <= i <= 3:  # the notice the clerk recorded
            assert notice_day.is_date and notice_day.value == datetime.combine(placed.date(), datetime.min.time())
            assert notice_amount.value == o.total and notice_amount.number_format == MONEY
            assert last5.value == "12345" and last5.data_type == "s"
        else:
            assert (notice_day.value, notice_amount.value, last5.value) == (None, None, None)
        if 2 <= i <= 3:  # who confirmed the money, and when (the shop's time)
            assert confirmed_by.value == "x"
            assert confirmed_at.value == utc_to_local(placed + timedelta(hours=2))
        else:
            assert (confirmed_by.value, confirmed_at.value) == (None, None)
        assert (carrier.value, tracking.value) == (("黑貓", "T1") if i == 3 else (None, None))
        assert received.value == o.confirmed_amount  # empty until a clerk confirmed the money
        assert no.data_type == "s" and invoice_no.value is None  # no invoice recorded
        assert odate.is_date and odate.number_format == ex.DATETIME_FORMAT
        assert odate.value == utc_to_local(o.order_date)
        assert odate.value.hour == (o.order_date.hour + 8) % 24  # Taipei
        assert store.value == "測試商店"
        assert (pm.value, sm.value) == (o.payment_method_name, o.shipping_method_name)
        assert name.value == o.buyer_name
        assert phone.data_type == "s" and phone.value == o.buyer_phone
        for cell, amount in ((sub, o.subtotal), (fee, o.shipping_fee), (total, o.total)):
            assert cell.data_type == "n" and cell.value == amount and cell.number_format == MONEY
        if o.ship_date:
            assert sdate.is_date and sdate.number_format == ex.DATE_FORMAT
            assert sdate.value == datetime(2026, 10, 5)
        else:
            assert sdate.value is None
    statuses = [by_no[Order.get_by_id(i).order_no][2].value for i in orders]
    assert statuses == ["未付款", "已付款", "等待出貨", "已完成", "未付款"]
    assert by_no[Order.get_by_id(orders[4]).order_no][8].value == "0012345"  # leading zeros

    # Totals: a row of stored sums under the money columns, one blank row below the data
    # (outside the filter), and under it the same sums as SUBTOTAL formulas for filtering.
    assert all(c.value is None for c in ws[7])
    totals, filtered = ws[8], ws[9]
    assert totals[0].value == "合計" and filtered[0].value == "篩選列合計"
    assert [totals[i].value for i in (9, 10, 11)] == [
        sum(Order.get_by_id(i).subtotal for i in orders), sum(Order.get_by_id(i).shipping_fee for i in orders),
        sum(Order.get_by_id(i).total for i in orders)]
    assert [filtered[i].value for i in (9, 10, 11)] == [
        "=SUBTOTAL(109,J2:J6)", "=SUBTOTAL(109,K2:K6)", "=SUBTOTAL(109,L2:L6)"]
    assert all(row[i].number_format == MONEY for i in (9, 10, 11) for row in (totals, filtered))
    assert ws.max_row == 9

    items = wb["商品明細"]
    assert [c.value for c in items[1]] == ["訂單編號", "商品", "規格", "數量", "單價", "小計"]
    lines = sheet_rows(items)[1:7]
    expected = []
    for oid in reversed(orders):  # the orders' order, each order's items in their own order
        no = Order.get_by_id(oid).order_no
        for it in OrderItem.select().where(OrderItem.order == oid).order_by(OrderItem.id):
            expected.append((no, it.product, None if not it.options else it.options, it.quantity,
                             it.unit_price, it.quantity * it.unit_price))
    assert lines == expected
    assert items["E2"].number_format == MONEY and items["F2"].number_format == MONEY
    assert items["D2"].data_type == "n"
    assert items.auto_filter.ref == "A1:F7" and items.freeze_panes == "A2"
    assert items["F9"].value == sum(r[5] for r in expected)
    assert items["F10"].value == "=SUBTOTAL(109,F2:F7)"

    about = dict(sheet_rows(wb["說明"])[1:])
    assert about["清單"] == "訂單清單"
    assert about["篩選條件"] == "無"
    assert about["排序"] == "訂單日期（遞減）"
    assert about["筆數"] == 5
    assert about["商品明細筆數"] == 6
    assert about["匯出人員"] == "會計小林"
    assert about["匯出時間"] == when
    assert about["程式版本"] == f"OrderDesk {__version__}"
    assert about["範圍"] == "清單顯示的全部列"
    assert wb.properties.lastModifiedBy == "會計小林"


def test_totals_computed_equal_the_orders(tmp_path, orders):
    """The SUBTOTAL formulas cover exactly the data rows: their sum is the orders' sum."""
    target = tmp_path / "t.xlsx"
    export(OrderFilter(), target)
    ws = openpyxl.load_workbook(target)["訂單"]
    col = [ws.cell(row=r, column=12).value for r in range(2, 7)]
    assert sum(col) == sum(Order.get_by_id(i).total for i in orders)


@pytest.mark.parametrize("flt", [
    OrderFilter(),
    OrderFilter(tab=OrderTab.UNPAID),
    OrderFilter(search="買家", sort="total", descending=False),
    OrderFilter(search="0912", sort="buyer_name", descending=True),
    OrderFilter(date_from=date(2026, 10, 2), date_to=date(2026, 10, 4), sort="order_no",
                descending=False),
    OrderFilter(sort="ship_date", descending=False),
], ids=["all", "unpaid", "search-by-total", "phone-by-name", "dates", "ship-date"])
def test_exactly_the_tabs_rows_in_its_order(tmp_path, orders, flt):
    target = tmp_path / "x.xlsx"
    result = export(flt, target)
    shown = [r.order_no for r in all_rows(fetch_orders, flt)]
    ws = openpyxl.load_workbook(target)["訂單"]
    assert [r[0] for r in sheet_rows(ws)[1:1 + len(shown)]] == shown
    assert result.rows == len(shown)


def test_more_rows_than_one_page_and_one_batch(tmp_path, place, shop, monkeypatch):
    """All rows, not the first page of the view (200) nor one item batch."""
    monkeypatch.setattr(ex, "STEP", 7)
    for i in range(230):
        place(name=f"買家{i:03d}", order_date=BASE + timedelta(minutes=i))
    seen = []
    export(OrderFilter(), tmp_path / "big.xlsx", progress=lambda d, t: seen.append((d, t)))
    wb = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)
    rows = list(wb["訂單"].iter_rows(min_row=2, max_row=231, values_only=True))
    assert [r[7] for r in rows] == [f"買家{i:03d}" for i in reversed(range(230))]
    items = list(wb["商品明細"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in items if r and r[0] and r[0] not in ("合計", "篩選列合計")] == [r[0] for r in rows]
    assert seen[0] == (0, 230) and seen[-1] == (230, 230)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    wb.close()


def test_selected_rows_only_in_the_tabs_order(tmp_path, orders):
    target = tmp_path / "sel.xlsx"
    pick = [orders[1], orders[3], orders[0]]
    result = export(OrderFilter(sort="order_date", descending=False), target, ids=pick)
    assert result.rows == 3
    wb = openpyxl.load_workbook(target)
    nos = [r[0] for r in sheet_rows(wb["訂單"])[1:4]]
    assert nos == [Order.get_by_id(i).order_no for i in (orders[0], orders[1], orders[3])]
    about = dict(sheet_rows(wb["說明"])[1:])
    assert about["範圍"] == "僅選取的列" and about["筆數"] == 3


@pytest.mark.parametrize("max_sql_ids", [900, 1])
def test_many_selected_ids_are_picked_while_reading(tmp_path, orders, requests, monkeypatch,
                                                    max_sql_ids):
    """A select-all of many loaded pages: more ids than SQL parameters still exports."""
    monkeypatch.setattr(ex, "MAX_SQL_IDS", max_sql_ids)
    target = tmp_path / "sel.xlsx"
    flt = OrderFilter(sort="total", descending=True)
    pick = [orders[0], orders[3], orders[2]]
    assert export(flt, target, ids=pick).rows == 3
    nos = [r[0] for r in sheet_rows(openpyxl.load_workbook(target)["訂單"])[1:4]]
    assert nos == [r.order_no for r in all_rows(fetch_orders, flt) if r.id in pick]
    req = [requests["refunded"], requests["pending"]]
    assert export(CancelFilter(tab=CancelTab.ALL), target, ids=req).rows == 2


def test_translate_is_used_for_every_word(tmp_path, orders):
    calls = set()

    def translate(context, text):
        calls.add(context)
        return f"[{text}]"

    export(OrderFilter(), tmp_path / "t.xlsx", translate=translate)
    wb = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert wb.sheetnames == ["(訂單)", "(商品明細)", "(說明)"]  # Excel refuses [ ] in names
    ws = wb["(訂單)"]
    assert ws["A1"].value == "[訂單編號]" and ws["C2"].value == "[未付款]"
    assert dict(sheet_rows(wb["(說明)"])[1:])["[清單]"] == "[訂單清單]"
    assert {"Export", "Status", "Tabs"} <= calls


def test_empty_tab_still_makes_a_workbook(tmp_path, orders):
    target = tmp_path / "empty.xlsx"
    assert export(OrderFilter(tab=OrderTab.OUT_OF_STOCK), target).rows == 0
    ws = openpyxl.load_workbook(target)["訂單"]
    assert ws.max_row == 4 and ws["A3"].value == "合計" and ws["J3"].value == 0


# ---------------------------------------------------------------- cancellation requests


def test_a_failed_refund_stays_in_the_workbook_after_its_retry(tmp_path, orders):
    """The accountant sees every attempt: a refund that failed and then went through lists
    the failure (its date and reason) beside the successful reference."""
    t = BASE + timedelta(days=10)
    rid = cs.request_cancellation(orders[2], CancellationInput("不想要了", REMIT), operator="顧客",
                                  by=cs.CUSTOMER, now=t).cancellation_id
    cs.approve_cancellation(rid, "CS-9", operator="主管", now=t + timedelta(hours=1))
    cs.refund_failed(rid, refund_date=date(2026, 10, 12), amount=None, reference="R-F",
                     reason="帳號錯誤", operator="y", now=t + timedelta(days=1))
    cs.refund_done(rid, refund_date=date(2026, 10, 15), amount=None, reference="R-OK",
                   operator="y", now=t + timedelta(days=4))
    target = tmp_path / "c.xlsx"
    export(CancelFilter(tab=CancelTab.COMPLETED), target)
    ws = openpyxl.load_workbook(target)["取消申請"]
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert (row["退款結果"], row["匯款編號"], row["退款日期"]) == ("退款成功", "R-OK", datetime(2026, 10, 15))
    assert row["失敗紀錄"] == "2026-10-12 退款失敗：帳號錯誤"


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_on_every_page(tmp_path, requests):
    target = tmp_path / "p.xlsx"
    export(CancelFilter(tab=CancelTab.ALL), target)
    export(OrderFilter(), tmp_path / "o.xlsx")
    for path in (target, tmp_path / "o.xlsx"):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            setup = ws.page_setup
            assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0), ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            if ws.title != "說明":
                assert ws.print_title_rows == "$1:$1", ws.title


@pytest.fixture
def requests(orders):
    """Four requests: pending (unpaid order), rejected, refunded (paid), return failed."""
    t = BASE + timedelta(days=10)
    pending = cs.request_cancellation(orders[0], CancellationInput("不想要了"), operator="顧客",
                                      by=cs.CUSTOMER, now=t).cancellation_id
    rejected = cs.request_cancellation(orders[4], CancellationInput("買錯了"), operator="顧客",
                                       by=cs.CUSTOMER, now=t + timedelta(hours=1)).cancellation_id
    cs.reject_cancellation(rejected, "CS-1", "已出貨前取消期限已過", operator="y",
                           now=t + timedelta(hours=2))
    refunded = cs.request_cancellation(orders[2], CancellationInput("重複下單", REMIT), operator="顧客",
                                       by=cs.CUSTOMER, now=t + timedelta(hours=3)).cancellation_id
    cs.approve_cancellation(refunded, "CS-2", operator="y", now=t + timedelta(hours=4))
    cs.refund_done(refunded, refund_date=date(2026, 10, 20), amount=500, reference="R1",
                   partial_reason="先退 500", operator="y", now=t + timedelta(hours=5))
    cs.write_off(refunded, "顧客同意扣除運費與折損", operator="主管", now=t + timedelta(hours=5, minutes=30))
    returning = cs.request_cancellation(orders[3], CancellationInput("=尺寸不合", REMIT), operator="顧客",
                                        by=cs.CUSTOMER, now=t + timedelta(hours=6)).cancellation_id
    cs.approve_cancellation(returning, "CS-3", operator="y", now=t + timedelta(hours=7))
    cs.return_failed(returning, invoice_returned=False, goods_intact=True, reason="發票未附",
                     operator="y", now=t + timedelta(hours=8))
    return dict(pending=pending, rejected=rejected, refunded=refunded, returning=returning)


def test_cancellation_workbook(tmp_path, requests):
    target = tmp_path / "c.xlsx"
    flt = CancelFilter(tab=CancelTab.ALL)
    result = export(flt, target, filters_text="搜尋：買")
    assert result.rows == 4
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["取消申請", "說明"]
    ws = wb["取消申請"]
    header = [c.value for c in ws[1]]
    assert header == ["訂單編號", "申請日期", "處理狀態", "商店名稱", "付款方式", "訂購人", "申請人",
                      "取消原因", "付款狀態", "出貨狀態", "審核結果", "客服單號", "不通過原因",
                      "退貨結果", "退貨完成日期", "應退金額", "退款結果", "退款金額", "退款日期",
                      "退款方式", "未退金額", "註銷金額", "註銷原因", "結案原因（主管）", "發票號碼",
                      "審核人員", "審核時間", "發票已退回", "商品完好", "匯款編號", "退款帳戶", "失敗紀錄"]
    shown = all_rows(fetch_cancellations, flt)
    data = list(ws.iter_rows(min_row=2, max_row=5))
    assert [r[0].value for r in data] == [r.order_no for r in shown]
    rows = {r[0].value: {h: c for h, c in zip(header, r, strict=True)} for r in data}

    def row(key):
        return rows[CancellationRequest.get_by_id(requests[key]).order.order_no]

    p = row("pending")
    assert p["處理狀態"].value == "等待審核" and p["審核結果"].value is None
    assert p["申請日期"].is_date and p["申請日期"].number_format == ex.DATETIME_FORMAT
    assert p["申請日期"].value == datetime(2026, 10, 11, 10, 0)  # 02:00 UTC in Taipei
    assert p["申請人"].value == "顧客" and p["付款狀態"].value == "未付款"
    r = row("rejected")
    assert (r["處理狀態"].value, r["審核結果"].value, r["客服單號"].value, r["不通過原因"].value) == (
        "不通過", "不通過", "CS-1", "已出貨前取消期限已過")
    f = row("refunded")
    assert (f["處理狀態"].value, f["審核結果"].value, f["退款結果"].value) == (
        "取消完成", "通過", "部分退款，餘額註銷")
    assert f["退款金額"].value == 500 and f["退款金額"].number_format == MONEY
    due = f["應退金額"].value
    assert (f["未退金額"].value, f["註銷金額"].value, f["註銷原因"].value) == (
        0, due - 500, "顧客同意扣除運費與折損")
    assert f["退款方式"].value == "匯款退款" and p["退款方式"].value is None
    assert f["退款日期"].is_date and f["退款日期"].value == datetime(2026, 10, 20)
    assert f["應退金額"].value == Order.get_by_id(CancellationRequest.get_by_id(requests["refunded"]).order_id).total
    assert f["應退金額"].number_format == MONEY
    g = row("returning")
    assert g["處理狀態"].value == "退貨失敗" and g["退貨結果"].value == "退貨失敗：發票未附"
    assert g["取消原因"].value == "=尺寸不合" and g["取消原因"].data_type == "s"
    assert g["出貨狀態"].value == "已出貨"
    # What reconciliation needs: reviewer and time, the return's answers, the refund's
    # reference and payee, every failed attempt.
    assert (f["審核人員"].value, f["匯款編號"].value) == ("y", "R1")
    assert f["審核時間"].value == utc_to_local(BASE + timedelta(days=10, hours=4))
    assert f["退款帳戶"].value == "812 台北分行 123456789012 王小明"
    assert (g["發票已退回"].value, g["商品完好"].value) == ("否", "是")
    assert g["失敗紀錄"].value == "2026-10-11 退貨失敗：發票未附"
    assert p["審核人員"].value is None and p["失敗紀錄"].value is None and p["發票已退回"].value is None
    totals, filtered = ws[7], ws[8]
    assert totals[0].value == "合計" and totals[17].value == 500
    assert totals[15].value == sum(r["應退金額"].value or 0 for r in rows.values())
    assert filtered[15].value == "=SUBTOTAL(109,P2:P5)" and filtered[17].value == "=SUBTOTAL(109,R2:R5)"
    assert filtered[20].value == "=SUBTOTAL(109,U2:U5)" and filtered[21].value == "=SUBTOTAL(109,V2:V5)"
    assert ws.auto_filter.ref == "A1:AF5" and ws.freeze_panes == "A2"
    about = dict(sheet_rows(wb["說明"])[1:])
    assert about["清單"] == "全部申請" and about["篩選條件"] == "搜尋：買" and about["筆數"] == 4
    assert about["排序"] == "申請日期（遞減）"


def test_cancellation_tab_and_selection(tmp_path, requests):
    target = tmp_path / "c.xlsx"
    assert export(CancelFilter(tab=CancelTab.PENDING_REVIEW), target).rows == 1
    assert export(CancelFilter(tab=CancelTab.ALL), target,
                  ids=[requests["pending"], requests["refunded"]]).rows == 2


# ---------------------------------------------------------------- hostile customer text

HOSTILE = [
    ("=1+1", "=1+1"),
    ('=HYPERLINK("http://evil.example","點我")', '=HYPERLINK("http://evil.example","點我")'),
    ("+886 912", "+886 912"),
    ("-2+3", "-2+3"),
    ("@SUM(A1)", "@SUM(A1)"),
    ("\t=1+1", "\t=1+1"),
    ("\r=1+1", "\r=1+1"),
    ("=", "="),
    ("#N/A", "#N/A"),
    ("#DIV/0!", "#DIV/0!"),
    ("#REF!", "#REF!"),
    ("#n/a", "#n/a"),
    ("王\x00小\x07明\x1b", "王小明"),
    ("\x01=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"),
    ("行一\n行二", "行一\n行二"),
    ("  前後空白  ", "  前後空白  "),
    ("長" * 5000, "長" * 5000),
    ("x" * 40000, "x" * 32767),
    ("0912345678", "0912345678"),
    ("1e5", "1e5"),
    ("TRUE", "TRUE"),
]


@pytest.mark.parametrize(("typed", "expected"), HOSTILE, ids=[repr(t[:12]) for t, _ in HOSTILE])
def test_hostile_customer_text_comes_back_as_text(tmp_path, orders, typed, expected):
    Order.update(buyer_name=typed).where(Order.id == orders[0]).execute()
    OrderItem.update(product=typed, options=typed).where(OrderItem.order == orders[0]).execute()
    target = tmp_path / "h.xlsx"
    export(OrderFilter(), target)
    wb = openpyxl.load_workbook(target)
    no = Order.get_by_id(orders[0]).order_no
    row = next(r for r in wb["訂單"].iter_rows(min_row=2) if r[0].value == no)
    assert row[7].value == expected
    assert row[7].data_type == "s"
    if expected[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert row[7].quotePrefix  # Excel keeps it text when the cell is edited
    item = next(r for r in wb["商品明細"].iter_rows(min_row=2) if r[0].value == no)
    assert (item[1].value, item[2].value) == (expected, expected)
    assert item[1].data_type == "s"


@pytest.mark.parametrize(("typed", "expected"), HOSTILE[:14], ids=[repr(t[:12]) for t, _ in HOSTILE[:14]])
def test_hostile_cancellation_reason(tmp_path, requests, typed, expected):
    CancellationRequest.update(reason=typed).where(CancellationRequest.id == requests["pending"]).execute()
    target = tmp_path / "h.xlsx"
    export(CancelFilter(tab=CancelTab.PENDING_REVIEW), target)
    ws = openpyxl.load_workbook(target).active
    assert ws["H2"].value == expected and ws["H2"].data_type == "s"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_hostile_text_as_text_and_computes_totals(tmp_path, place, shop):
    texts = [t for t, _ in HOSTILE if len(t) < 100]
    expected = {}
    for i, typed in enumerate(texts):
        oid = place(name=f"n{i}", order_date=BASE + timedelta(minutes=i))
        Order.update(buyer_name=typed).where(Order.id == oid).execute()
        expected[Order.get_by_id(oid).order_no] = dict(HOSTILE)[typed]
    target = tmp_path / "lo.xlsx"
    export(OrderFilter(), target)
    out = tmp_path / "csv"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", "--outdir",
         str(out), str(target)],
        check=True, capture_output=True, timeout=180)
    with open(out / "lo.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    got = {r[0]: r[7] for r in rows[1:len(texts) + 1]}
    for no, want in expected.items():
        assert got[no] == want, (no, want)
    totals = rows[len(texts) + 2]
    assert totals[0] == "合計"
    assert totals[11].replace("NT$", "").replace(",", "") == str(
        sum(o.total for o in Order.select()))


# ---------------------------------------------------------------- whole or not at all


def leftovers(folder) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def sheet_tmp(tmp_path, monkeypatch):
    """openpyxl's own temporary files (one per write-only sheet) go here, to be counted."""
    folder = tmp_path / "systmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def old_target(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "accounts.xlsx"
    target.write_bytes(b"last month's workbook")
    return target

def assert_old_workbook_kept(old_target, sheet_tmp) -> None:
    """A failed export left last month's workbook as it was and no temporary file anywhere."""
    assert old_target.read_bytes() == b"last month's workbook"
    assert leftovers(old_target.parent) == ["accounts.xlsx"]
    assert leftovers(sheet_tmp) == []



def test_cancelled_export_leaves_target_and_no_temp_file(orders, old_target, sheet_tmp, monkeypatch):
    monkeypatch.setattr(ex, "STEP", 2)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) >= 2  # cancel in the middle

    with pytest.raises(ex.ExportCancelled):
        export(OrderFilter(), old_target, cancelled=cancelled)
    assert_old_workbook_kept(old_target, sheet_tmp)


def test_cancelled_new_export_leaves_no_file(orders, tmp_path, sheet_tmp):
    target = tmp_path / "new.xlsx"
    with pytest.raises(ex.ExportCancelled):
        export(OrderFilter(), target, cancelled=lambda: True)
    assert not target.exists()
    assert [p for p in leftovers(tmp_path) if p not in ("test.db", "test.db-wal", "test.db-shm", "systmp")] == []
    assert leftovers(sheet_tmp) == []


def test_failing_save_leaves_target_and_no_temp_file(orders, old_target, sheet_tmp, monkeypatch):
    from openpyxl.workbook.workbook import Workbook

    real_save = Workbook.save

    def save(self, filename):
        real_save(self, filename)  # a whole file in the temporary name ...
        raise OSError(28, "No space left on device")  # ... and then the disk says no

    monkeypatch.setattr(Workbook, "save", save)
    with pytest.raises(OSError, match="No space"):
        export(OrderFilter(), old_target)
    assert_old_workbook_kept(old_target, sheet_tmp)


def test_failing_query_leaves_no_temp_file(orders, old_target, sheet_tmp, monkeypatch):
    def boom(_sheet, _batch):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ex, "_write_items", boom)
    with pytest.raises(RuntimeError):
        export(OrderFilter(), old_target)
    assert_old_workbook_kept(old_target, sheet_tmp)


def test_refused_move_is_target_locked(orders, old_target, sheet_tmp, monkeypatch):
    """Windows refuses to replace a workbook that Excel has open: PermissionError."""

    def replace(_src, _dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ex.TargetLocked) as info:
        export(OrderFilter(), old_target)
    assert info.value.path == old_target
    assert_old_workbook_kept(old_target, sheet_tmp)


def test_replaces_an_existing_file_whole(orders, old_target):
    export(OrderFilter(), old_target)
    assert openpyxl.load_workbook(old_target)["說明"]["B6"].value == 5
    assert leftovers(old_target.parent) == ["accounts.xlsx"]
    mode = old_target.stat().st_mode & 0o777
    assert mode & 0o044  # readable by others as any new file is (not mkstemp's 0600)


def test_missing_folder_is_an_export_error(orders, tmp_path):
    with pytest.raises(ex.ExportError):
        export(OrderFilter(), tmp_path / "nope" / "x.xlsx")


def test_sheet_titles_excel_accepts():
    assert ex.sheet_title("a[b]:c*d?e/f\\g") == "a(b)_c_d_e_f_g"
    assert len(ex.sheet_title("長" * 40)) == 31
    assert ex.sheet_title("\x00") == "Sheet"


def test_describe_filters():
    assert ex.describe_filters(OrderFilter()) == "無"
    text = ex.describe_filters(
        OrderFilter(search="王", date_from=date(2026, 1, 1), date_to=date(2026, 1, 31), store_id=1),
        store_name="山海茶行")
    assert text == "搜尋：王；訂單日期：2026-01-01 ～ 2026-01-31；商店：山海茶行"


# ---------------------------------------------------------------- the command line


def run_cli(*args):
    import main

    return main.main(list(args))


def test_cli_exports_a_list(tmp_path, db, orders, capsys):
    url = "sqlite:///" + str(tmp_path / "test.db")
    out = tmp_path / "unpaid.xlsx"
    assert run_cli("export", "--db", url, "--list", "unpaid", "--out", str(out)) == 0
    wb = openpyxl.load_workbook(out)
    nos = [r[0] for r in sheet_rows(wb["訂單"])[1:3]]
    assert nos == [Order.get_by_id(orders[4]).order_no, Order.get_by_id(orders[0]).order_no]
    about = dict(sheet_rows(wb["說明"])[1:])
    assert about["清單"] == "未付款清單" and about["筆數"] == 2
    assert "2" in capsys.readouterr().out


def test_cli_dates_store_and_cancellation_list(tmp_path, db, requests, capsys):
    url = "sqlite:///" + str(tmp_path / "test.db")
    out = tmp_path / "o.xlsx"
    assert run_cli("export", "--db", url, "--list", "all", "--from", "2026-10-02", "--to", "2026-10-03",
                   "--store", "測試商店", "--out", str(out)) == 0
    about = dict(sheet_rows(openpyxl.load_workbook(out)["說明"])[1:])
    assert about["筆數"] == 2
    assert about["篩選條件"] == "訂單日期：2026-10-02 ～ 2026-10-03；商店：測試商店"
    out2 = tmp_path / "c.xlsx"
    assert run_cli("export", "--db", url, "--list", "all-requests", "--out", str(out2)) == 0
    assert dict(sheet_rows(openpyxl.load_workbook(out2)["說明"])[1:])["筆數"] == 4
    out3 = tmp_path / "p.xlsx"
    assert run_cli("export", "--db", url, "--list", "pending-review", "--out", str(out3)) == 0
    assert dict(sheet_rows(openpyxl.load_workbook(out3)["說明"])[1:])["清單"] == "取消訂單審核"


def test_cli_unknown_store(tmp_path, db, orders, capsys):
    url = "sqlite:///" + str(tmp_path / "test.db")
    out = tmp_path / "x.xlsx"
    assert run_cli("export", "--db", url, "--list", "all", "--store", "沒有這家", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "沒有這家" in err and "測試商店" in err
    assert not out.exists()


def test_cli_help_lists_every_list(capsys):
    with pytest.raises(SystemExit) as info:
        run_cli("export", "--help")
    assert info.value.code == 0
    text = capsys.readouterr().out
    for name in [*(t.value for t in OrderTab), *(t.value for t in CancelTab)]:
        assert name in text
    assert len({*(t.value for t in OrderTab), *(t.value for t in CancelTab)}) == 14


def test_cli_bad_list_and_date(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        run_cli("export", "--list", "nonsense", "--out", str(tmp_path / "x.xlsx"))
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        run_cli("export", "--list", "all", "--from", "2026-13-01", "--out", str(tmp_path / "x.xlsx"))
    assert info.value.code == 2
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("out, said", [
    ("folder", "is a folder: name the file to write, ending in .xlsx"),  # an OS error on a temporary
    ("a.csv", "does not end in .xlsx: the file written is an Excel workbook"),  # was a workbook named a.csv
])
def test_cli_an_out_that_is_no_workbook_is_refused(tmp_path, capsys, out, said):
    (tmp_path / "folder").mkdir()
    for args in (("export", "--list", "all"), ("ledger", "--from", "2026-01-01", "--to", "2026-01-31")):
        with pytest.raises(SystemExit) as info:
            run_cli(*args, "--out", str(tmp_path / out))
        assert info.value.code == 2 and said in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"] and not any((tmp_path / "folder").iterdir())


@pytest.mark.parametrize("args", [
    ("export", "--list", "all", "--from", "0001-01-01"),  # a traceback once: before any UTC
    ("export", "--list", "pending-review", "--to", "9999-12-31"),  # its day after overflowed
    ("ledger", "--from", "2026-01-01", "--to", "9999-12-31"),
])
def test_cli_a_day_past_the_shops_is_refused_by_name(tmp_path, capsys, args):
    with pytest.raises(SystemExit) as info:
        run_cli(*args, "--out", str(tmp_path / "x.xlsx"))
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "is not a day from 1970-01-01 to 9998-12-31" in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()
