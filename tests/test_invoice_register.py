"""The invoice register (app/services/invoice_register.py, `orderdesk export --list invoices`):
the sums of the VAT return are stored values equal to SQL's sums, the detail sheets hold
every invoice, void and allowance of the period, and LibreOffice computes the same sums from
the details (docs/PRODUCT.md §8)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from db_rows import drive_order

from app.domain import invoice as inv
from app.domain.inputs import PaymentNotice, ShipInput
from app.domain.invoice import AllowanceInput, InvoiceInput, VoidInput
from app.domain.statuses import OrderStatus
from app.models.db import database
from app.models.tables import Invoice, Order
from app.services import invoice_register as reg
from app.services import invoices as svc

pytestmark = pytest.mark.usefixtures("desktop_in_utc")
ORDER_AT = datetime(2026, 2, 20, 2, 0)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _at(hours):
    return ORDER_AT + timedelta(hours=hours)


@pytest.fixture
def invoices(place):
    """Jan–Feb: a B2B, a voided B2C, a B2C allowed in March; Mar–Apr: a B2C of 1,234."""
    def order(items=(("藍牙耳機", 2, 350),)):
        oid = place(order_date=ORDER_AT, total_items=items)
        paid = Order.get_by_id(oid).total  # the whole amount: a shortfall would need a reason
        return drive_order(oid, OrderStatus.AWAITING_SHIPMENT, at=_at,
                           notice=PaymentNotice(date(2026, 2, 20), paid, "12345"),
                           shipment=ShipInput(date(2026, 2, 21), "x", "y"))

    feb = _at(150)
    a, b, c, d = order(), order(), order(), order((("音響", 1, 1234),))
    svc.record_invoice(a, InvoiceInput("AA00000001", date(2026, 2, 22), inv.B2B, 0, inv.PRINTED, "",
                                       "83045210", '="好日子"有限公司'), operator="甲", now=feb)
    svc.record_invoice(b, InvoiceInput("AA00000002", date(2026, 2, 22), inv.B2C, 0, inv.MOBILE,
                                       "/ABC.123"), operator="甲", now=feb)
    svc.void_invoice(Invoice.get(Invoice.invoice_no == "AA00000002").id,
                     VoidInput(date(2026, 2, 24), "取消"), operator="甲", now=feb)
    svc.record_invoice(c, InvoiceInput("AA00000003", date(2026, 2, 25), inv.B2C, 0, inv.DONATION, "919"),
                       operator="甲", now=feb)
    march = datetime(2026, 3, 5, 3, 0)
    svc.issue_allowance(Invoice.get(Invoice.invoice_no == "AA00000003").id,
                        AllowanceInput("AL-1", date(2026, 3, 2), 300), operator="甲", now=march)
    svc.record_invoice(d, InvoiceInput("BB00000001", date(2026, 3, 3), inv.B2C, 0), operator="甲",
                       now=march)


def sql_sums(start: date, end: date) -> dict:
    """The sums as an accountant's SQL would have them, written independently of the code."""
    p = database.obj.param
    one = lambda sql, *args: database.obj.execute_sql(sql, args).fetchone()[0] or 0  # noqa: E731
    valid = "NOT EXISTS (SELECT 1 FROM invoice_void v WHERE v.invoice_id = i.id)"
    period = f"i.invoice_date BETWEEN {p} AND {p}"
    return {
        "invoices": one(f"SELECT COUNT(*) FROM invoice i WHERE {period}", start, end),
        "voided": one(f"SELECT COUNT(*) FROM invoice i WHERE {period} AND NOT ({valid})", start, end),
        "sales": one(f"SELECT SUM(before_tax) FROM invoice i WHERE {period} AND {valid}", start, end),
        "tax": one(f"SELECT SUM(tax) FROM invoice i WHERE {period} AND {valid}", start, end),
        "total": one(f"SELECT SUM(total) FROM invoice i WHERE {period} AND {valid}", start, end),
        "allowances": one(f"SELECT COUNT(*) FROM invoice_allowance WHERE allowance_date BETWEEN {p} AND {p}",
                          start, end),
        "allowance_sales": one("SELECT SUM(before_tax) FROM invoice_allowance "
                               f"WHERE allowance_date BETWEEN {p} AND {p}", start, end),
        "allowance_tax": one(f"SELECT SUM(tax) FROM invoice_allowance WHERE allowance_date BETWEEN {p} AND {p}",
                             start, end),
    }


def summary_of(path) -> dict:
    ws = openpyxl.load_workbook(path)["申報彙總"]
    labels = {label: key for key, label in reg.SUMMARY_LINES}
    return {labels[r[0]]: r[1] for r in ws.iter_rows(min_row=3, values_only=True) if r[0] in labels}


@pytest.mark.parametrize("period", ["2026-01/02", "2026-03/04"])
def test_stored_sums_equal_sql(invoices, tmp_path, period):
    start, end = inv.parse_vat_period(period)
    target = tmp_path / "register.xlsx"
    result = reg.export_register(target, date_from=start, date_to=end, operator="會計")
    got = summary_of(target)
    want = sql_sums(start, end)
    for key, value in want.items():
        assert got[key] == value, key
    assert got["net_sales"] == want["sales"] - want["allowance_sales"]
    assert got["net_tax"] == want["tax"] - want["allowance_tax"]
    assert all(isinstance(v, int) for v in got.values())  # stored numbers, not formulas
    if period == "2026-01/02":
        assert (got["invoices"], got["voided"], got["sales"], got["tax"]) == (3, 1, 1562, 78)
        assert (got["b2b_sales"], got["b2b_tax"], got["b2c_total"]) == (781, 39, 820)
        assert result.rows == 3 and result.items == 0
    else:
        assert (got["invoices"], got["sales"], got["tax"], got["allowances"]) == (1, 1175, 59, 1)
        assert (got["allowance_sales"], got["allowance_tax"], got["net_tax"]) == (286, 14, 45)


def test_detail_sheets(invoices, tmp_path):
    target = tmp_path / "r.xlsx"
    reg.export_register(target, date_from=date(2026, 1, 1), date_to=date(2026, 3, 31), operator="會計")
    wb = openpyxl.load_workbook(target)
    rows = list(wb["發票"].iter_rows(min_row=2, max_row=5, values_only=True))
    assert [r[0] for r in rows] == ["AA00000001", "AA00000002", "AA00000003", "BB00000001"]
    assert rows[0][1] == datetime(2026, 2, 22) and rows[0][4] == "83045210"
    assert rows[0][5] == '="好日子"有限公司' and wb["發票"]["F2"].data_type == "s"  # text, never a formula
    assert rows[1][11:14] == ("作廢", datetime(2026, 2, 24), "取消")
    assert rows[2][6:8] == ("捐贈", "919")
    allowance = next(wb["折讓"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert allowance[:3] == ("AL-1", datetime(2026, 3, 2), "AA00000003")
    assert allowance[6:] == (286, 14, 300)
    assert wb.sheetnames[0] == "申報彙總"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_computes_the_same_sums(invoices, tmp_path):
    target = tmp_path / "lo.xlsx"
    reg.export_register(target, date_from=date(2026, 1, 1), date_to=date(2026, 4, 30), operator="會計")
    out = tmp_path / "csv"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", "--outdir", str(out),
         str(target)], check=True, capture_output=True, timeout=180)
    with open(out / "lo.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    stored = summary_of(target)
    labels = dict(reg.SUMMARY_LINES)
    computed = {r[0]: r for r in rows[2:]}
    assert len(computed) == len(reg.SUMMARY_LINES)
    for key, label in labels.items():
        line = computed[label]
        assert line[1].replace(",", "") == str(stored[key]), (key, line)
        assert line[2].replace(",", "") == str(stored[key]), (key, line)  # LibreOffice's own sum
    assert stored["invoices"] == 4 and stored["allowances"] == 1


def test_command_line(invoices, tmp_path, db):
    import main

    url = "sqlite:///" + str(tmp_path / "test.db")
    target = tmp_path / "cli.xlsx"
    assert main.main(["export", "--list", "invoices", "--period", "2026-03/04", "--out", str(target),
                      "--operator", "會計", "--db", url]) == 0
    assert summary_of(target)["sales"] == 1175
    assert main.main(["export", "--list", "invoices", "--period", "2026-02/03", "--out", str(target),
                      "--db", url]) == 2
    assert main.main(["export", "--list", "invoices", "--out", str(target), "--db", url]) == 2
    assert main.main(["export", "--list", "invoices", "--from", "2026-02-22", "--to", "2026-02-22",
                      "--out", str(target), "--db", url]) == 0
    assert summary_of(target)["invoices"] == 2


def test_order_and_cancellation_exports_carry_the_invoice_number(invoices, tmp_path):
    from app.domain.tabs import CancelTab, OrderTab
    from app.services import export as ex
    from app.services.cancel_list import CancelFilter
    from app.services.queries import OrderFilter

    target = tmp_path / "orders.xlsx"
    ex.export_orders(OrderFilter(tab=OrderTab.ALL), target, operator="會計", filters_text="")
    ws = openpyxl.load_workbook(target)["訂單"]
    heads = [c.value for c in ws[1]]
    assert heads[heads.index("實收金額") + 1] == "發票號碼"  # after 實收金額
    col = heads.index("發票號碼")
    got = {r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] and r[0].startswith("O")}
    want = {o.order_no: Invoice.get(Invoice.order == o.id).invoice_no for o in Order.select()}
    assert got == want and "AA00000002" in got.values()  # the voided one too
    # A cancellation of the order with the allowance.
    from app.domain.inputs import CancellationInput, Remittance
    from app.services import cancellations as cs

    oid = Invoice.get(Invoice.invoice_no == "AA00000003").order_id
    cs.request_cancellation(oid, CancellationInput("退貨", Remittance("812", "台北", "123456", "王")),
                            operator="顧客", by=cs.CUSTOMER)
    target = tmp_path / "cancels.xlsx"
    ex.export_cancellations(CancelFilter(tab=CancelTab.ALL), target, operator="會計", filters_text="")
    ws = openpyxl.load_workbook(target)["取消申請"]
    heads = [c.value for c in ws[1]]
    assert heads[heads.index("結案原因（主管）") + 1] == "發票號碼"  # after issue 19's refund columns
    assert ws.cell(2, heads.index("發票號碼") + 1).value == "AA00000003"


def test_the_command_line_records_a_vat_filing(tmp_path, capsys):
    """`orderdesk vat-filed PERIOD [--on DATE]` records a period's return as filed; without a
    period it lists them; a refusal says why with exit code 2."""
    import main
    from app.services import invoices as invoice_svc
    from app.services import shop_clock

    url = "sqlite:///" + str(tmp_path / "cli.db")
    last = inv.vat_period(inv.vat_period(date.today())[0] - timedelta(days=1))
    label = inv.vat_period_label(last[0])
    day = last[1] + timedelta(days=1)
    assert main.main(["vat-filed", label, "--on", day.isoformat(), "--operator", "會計", "--db", url]) == 0
    assert capsys.readouterr().out.startswith(f"{label} filed on {day}")
    (filing,) = invoice_svc.filings()
    assert (filing.period_start, filing.filed_on, filing.recorded_by) == (last[0], day, "會計")
    assert main.main(["vat-filed", label, "--db", url]) == 2
    assert "已經登錄申報完成" in capsys.readouterr().err
    assert main.main(["vat-filed", inv.vat_period_label(shop_clock.today()), "--db", url]) == 2
    assert "還沒結束" in capsys.readouterr().err
    assert main.main(["vat-filed", "--db", url]) == 0
    assert capsys.readouterr().out.startswith(f"{label}  filed {day}  recorded by 會計")



def test_the_tours_invoiced_order_is_the_allowed_one_or_else_an_invoiced_one(place):
    """The tour shows an order's invoice in its detail: the first allowed order's, or, in a
    demo built at a minute that gave it no allowance, the first invoiced order's."""
    oid = place(order_date=ORDER_AT)
    paid = Order.get_by_id(oid).total
    drive_order(oid, OrderStatus.AWAITING_SHIPMENT, at=_at, notice=PaymentNotice(date(2026, 2, 20), paid, "12345"),
                shipment=ShipInput(date(2026, 2, 21), "x", "y"))
    assert svc.an_allowed_order() is None
    svc.record_invoice(oid, InvoiceInput("AA00000009", date(2026, 2, 22), inv.B2C, 0, inv.MOBILE, "/ABC.123"),
                       operator="甲", now=_at(150))
    assert svc.an_allowed_order() == oid
    svc.issue_allowance(Invoice.get(Invoice.invoice_no == "AA00000009").id,
                        AllowanceInput("AL-9", date(2026, 3, 2), 300), operator="甲", now=datetime(2026, 3, 5, 3))
    assert svc.an_allowed_order() == oid


def test_the_tour_prefers_the_allowed_order(invoices):
    assert svc.an_allowed_order() == Invoice.get(Invoice.invoice_no == "AA00000003").order_id
