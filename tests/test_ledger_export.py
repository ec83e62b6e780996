"""The ledger workbook and the command line (issue 14): 帳務明細, 彙總 with stored sums that
openpyxl (data_only) and LibreOffice read as the database sums them, 說明, print setup; a
closed month exported again gives the same cells whatever happened later."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date, datetime

import openpyxl
import pytest
from test_ledger import ACCOUNT, NOV, OCT, T, books  # noqa: F401 - the fixture

from app.domain.errors import ValidationError
from app.domain.inputs import CancellationInput, PaymentNotice
from app.models.db import sqlite_url
from app.services import cancellations as cs
from app.services import importer, ledger, shop_clock
from app.services import orders as svc
from app.services.ledger_export import export_ledger

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
WHEN = datetime(2026, 11, 20, 9, 30)


def _export(path, flt=OCT, **kw):
    kw.setdefault("operator", "會計乙")
    kw.setdefault("now", WHEN)
    return export_ledger(flt, path, **kw)


def _values(path, *, skip_time=False):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in wb.worksheets:
        rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
        if skip_time:
            rows = [r for r in rows if r[0] != "匯出時間"]
        out[ws.title] = rows
    return out


def test_the_workbook_carries_every_event_and_stored_sums(books, tmp_path):  # noqa: F811 - the fixture
    target = tmp_path / "oct.xlsx"
    result = _export(target)
    assert result.rows == 7
    sheets = _values(target)
    assert list(sheets) == ["帳務明細", "彙總", "說明"]
    events = sheets["帳務明細"]
    assert events[0][:6] == ("日期", "類別", "訂單編號", "商店", "付款方式", "收付金額")
    refund = next(r for r in events if r[1] == "退款")
    assert refund[5] == -300 and refund[7] == "R-1" and refund[8] == "812 台北分行 00012345678901 王小明"
    assert refund[9] == "會計乙"
    totals_row = next(r for r in events if r[0] == "合計")
    assert totals_row[5] == 520  # stored, not only a formula
    summary = {(r[0], r[1]): r[2:] for r in sheets["彙總"][1:]}
    whole = ledger.totals(OCT)[0]
    assert summary[("全期", "整個期間")] == (whole.received, whole.refunded, whole.net, whole.events,
                                            whole.invoiced, whole.voided, whole.allowances)
    for t in ledger.totals(OCT, "payment_method"):
        assert summary[("付款方式", t.key)][:4] == (t.received, t.refunded, t.net, t.events)
    for t in ledger.totals(OCT, "store"):
        assert summary[("商店", t.key)][:3] == (t.received, t.refunded, t.net)
    for t in ledger.totals(OCT, "day"):
        assert summary[("日期", t.key.isoformat())][:3] == (t.received, t.refunded, t.net)
    about = dict(r[:2] for r in sheets["說明"])
    assert about["期間"] == "2026-10-01 ～ 2026-10-31"
    assert about["結帳狀態"] == "2026-10 未結帳"
    assert about["篩選條件"] == "無" and about["匯出人員"] == "會計乙"
    ws = openpyxl.load_workbook(target)["帳務明細"]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"


def test_a_closed_month_exports_the_same_cells_whatever_happens_later(books, place, tmp_path):  # noqa: F811 - the fixture
    o3 = place(order_date=T(10, 6))
    svc.record_payment_notice(o3, PaymentNotice(date(2026, 10, 6), 820, "22222"), operator="店員甲",
                              now=T(10, 6))
    svc.confirm_payment(o3, operator="會計乙", now=T(10, 7))
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    first = tmp_path / "first.xlsx"
    _export(first)
    assert "2026-10 已結帳（會計乙，2026-11-05 10:00）" in dict(
        r[:2] for r in _values(first)["說明"]).values()
    # Later: a refund of an October order, today; a cancellation; a refused back-dated refund;
    # a refused late import of an October payment notice; a renamed store.
    rid = cs.request_cancellation(o3, CancellationInput("不要了", ACCOUNT), by=cs.CUSTOMER,
                                  operator="顧客").cancellation_id
    cs.approve_cancellation(rid, "CS-3", operator="主管")
    with pytest.raises(ValidationError):
        cs.refund_done(rid, refund_date=date(2026, 10, 31), amount=None, reference="R-8",
                       operator="會計乙")
    cs.refund_done(rid, refund_date=shop_clock.today(), amount=None, reference="R-9", operator="會計乙")
    late = place(order_date=T(10, 9))
    from app.models.tables import Order, Store

    sheet = tmp_path / "late.csv"
    sheet.write_text("訂單編號,轉帳日期,金額,帳號末五碼\n"
                     f"{Order.get_by_id(late).order_no},2026-10-10,820,33333\n", encoding="utf-8")
    plan = importer.check_file(sheet)
    assert plan.bad and "2026-10" in plan.bad[0].message() and not plan.notices
    Store.update(name="測試商店（改名）").execute()
    again = tmp_path / "again.xlsx"
    _export(again, now=datetime(2026, 11, 28, 18, 0))
    assert _values(again, skip_time=True) == _values(first, skip_time=True)


def test_an_import_checked_before_the_close_is_refused_when_applied(books, place, tmp_path):  # noqa: F811 - the fixture
    from app.models.tables import Order
    from app.models.tables import PaymentNotice as NoticeRow

    late = place(order_date=T(10, 9))
    sheet = tmp_path / "late.csv"
    sheet.write_text("訂單編號,轉帳日期,金額,帳號末五碼\n"
                     f"{Order.get_by_id(late).order_no},2026-10-10,820,33333\n", encoding="utf-8")
    plan = importer.check_file(sheet)
    assert plan.notices and not plan.bad
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    count = NoticeRow.select().count()
    with pytest.raises(importer.ImportFailed) as err:
        importer.apply_import(plan, operator="匯入")
    assert "2026-10" in err.value.message()
    assert NoticeRow.select().count() == count


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_same_sums(books, tmp_path):  # noqa: F811 - the fixture
    target = tmp_path / "lo.xlsx"
    _export(target, flt=ledger.LedgerFilter(OCT.date_from, NOV.date_to))
    out = tmp_path / "csv"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(out), str(target)],
        check=True, capture_output=True, timeout=180)

    def read(name):
        with open(out / f"lo-{name}.csv", encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    def money(text):
        return int(text.replace("NT$", "").replace(",", "")) if text else 0

    stored = _values(target)
    summary = read("彙總")
    assert len(summary) == len(stored["彙總"])
    for lo_row, row in zip(summary[1:], stored["彙總"][1:], strict=True):
        assert [money(v) for v in lo_row[2:5]] == list(row[2:5])
    events = read("帳務明細")
    total, subtotal = events[-2], events[-1]
    whole = ledger.totals(ledger.LedgerFilter(OCT.date_from, NOV.date_to))[0]
    assert total[0] == "合計" and money(total[5]) == whole.net
    assert money(subtotal[5]) == whole.net  # the SUBTOTAL formula, computed by LibreOffice


def test_the_command_line(books, db, tmp_path, capsys):  # noqa: F811 - the fixture
    import main

    url = sqlite_url(db.database)
    out = tmp_path / "cli.xlsx"
    assert main.main(["ledger", "--from", "2026-10-01", "--to", "2026-10-31", "--store", "測試商店",
                      "--operator", "會計乙", "--out", str(out), "--db", url]) == 0
    assert "7 events written" in capsys.readouterr().out
    assert dict(r[:2] for r in _values(out)["說明"])["篩選條件"] == "商店：測試商店"
    assert main.main(["ledger", "--from", "2026-10-01", "--to", "2026-10-31", "--store", "沒有",
                      "--out", str(out), "--db", url]) == 2
    assert "測試商店" in capsys.readouterr().err
    assert main.main(["close-month", "2026-10", "--operator", "會計乙", "--db", url]) == 0
    assert "2026-10 closed: 7 events" in capsys.readouterr().out
    assert main.main(["close-month", "2026-10", "--db", url]) == 2
    assert "已經結帳" in capsys.readouterr().err
    assert main.main(["reopen-month", "2026-10", "--reason", "補登", "--operator", "主管",
                      "--db", url]) == 0
    assert [h.action for h in ledger.books_history()] == ["CLOSE_MONTH", "REOPEN_MONTH"]
    assert main.main(["close-month", "2099-01", "--db", url]) == 2


def test_a_cancelled_export_writes_no_file_and_reports_its_progress(books, tmp_path):  # noqa: F811 - the fixture
    """報表's 【取消】: the ledger export stops between batches of events (``ExportCancelled``),
    the target is not written; until then it reports how far it got."""
    from app.services.export import ExportCancelled

    target = tmp_path / "oct.xlsx"
    seen = []
    with pytest.raises(ExportCancelled):
        _export(target, progress=lambda done, total: seen.append((done, total)), cancelled=lambda: True)
    assert not target.exists() and seen == [(0, 7)]
    assert _export(target, cancelled=lambda: False).rows == 7 and target.exists()
