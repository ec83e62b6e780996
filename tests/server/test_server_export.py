"""`orderdesk demo` then `orderdesk export` against a server URL: the workbook holds the
server's rows, with real dates and numbers."""

from __future__ import annotations

import datetime as dt

import openpyxl

import main
from app.models.db import connect
from app.models.tables import Order


def test_demo_then_export_on_the_server(tmp_path, server_db, capsys):
    url = server_db.server_url
    assert main.main(["demo", "--orders", "120", "--db", url]) == 0
    out = tmp_path / "unpaid.xlsx"
    assert main.main(["export", "--list", "unpaid", "--db", url, "--out", str(out)]) == 0
    connect(url)  # the commands bound their own connection; look with ours
    unpaid = list(Order.select().where(Order.status == "UNPAID").order_by(Order.order_date.desc(), Order.id.desc()))
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] and str(r[0]).startswith("O")]
    assert [r[0] for r in rows] == [o.order_no for o in unpaid]
    assert all(isinstance(r[1], dt.datetime) for r in rows)  # order date: a real date cell
    header = [c.value for c in ws[1]]
    col = header.index("訂單金額")
    assert [r[col] for r in rows] == [o.total for o in unpaid]  # money as numbers, same values
