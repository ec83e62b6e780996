"""Issue 15 item 8: a corpus of malformed import files, made here from code, each expecting
its message — naming the sheet, the row and the column — within seconds, with nothing
written; and imported phones stored as ``place_order`` stores them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from test_import import CH, OH, counts, order_row, write_csv, write_xlsx

from app.services import importer as im
from app.services import orders as order_svc
from app.services.common import local_date, now_or

#: An import that takes longer than this fails the test (what it guards against ran for 54
#: minutes, or to 3 GB and a MemoryError).
SECONDS = 10
ROOT = Path(__file__).resolve().parent.parent
TOMORROW = (local_date(now_or(None)) + timedelta(days=1)).isoformat()


def within(seconds: float, work):
    """``work()``'s result or exception; the test fails if it takes more than ``seconds``."""
    out: dict = {}

    def run():
        try:
            out["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in out:
        raise out["error"]
    return out["value"]


def check(path: Path) -> im.ImportPlan:
    return within(SECONDS, lambda: im.check_file(path))


# ---------------------------------------------------------------- bad values, CSV and xlsx

#: (case, the column's header, the cell, what the message says)
BAD_CELLS = [
    ("quantity NaN", "數量", "NaN", "數量必須是正整數"),
    ("quantity Infinity", "數量", "Infinity", "數量必須是正整數"),
    ("quantity -Infinity", "數量", "-Infinity", "數量必須是正整數"),
    ("quantity 1e999999999", "數量", "1e999999999", "數量不能超過 99,999"),
    ("quantity 1e-999999999", "數量", "1e-999999999", "數量必須是正整數"),
    ("quantity of 100,000 digits", "數量", "9" * 100_000, "數量不能超過 99,999"),
    ("quantity 100000", "數量", "100000", "數量不能超過 99,999"),
    ("quantity 2.5", "數量", "2.5", "數量必須是正整數"),
    ("price 1e999999999", "單價", "1e999999999", "金額"),
    ("date 0001-01-01", "訂單日期", "0001-01-01", "太早"),
    ("date 9999-12-31", "訂單日期", "9999-12-31", "晚於今天"),
    ("date 9999-12-31 23:59", "訂單日期", "9999-12-31 23:59", "晚於今天"),
    ("date tomorrow", "訂單日期", TOMORROW, "晚於今天"),
    ("date 民國8088年1月1日", "訂單日期", "民國8088年1月1日", "晚於今天"),
    ("date 10000000", "訂單日期", "10000000", "看不懂"),
    ("date 2026-02-30", "訂單日期", "2026-02-30", "看不懂"),
]
_COLUMN = {"數量": "qty", "單價": "price", "訂單日期": "date"}


def _bad_row(column: str, value) -> list:
    return order_row("X001", **{_COLUMN[column]: value})


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(("case", "column", "value", "says"), BAD_CELLS, ids=[c[0] for c in BAD_CELLS])
def test_a_bad_cell_is_named_by_sheet_row_and_column(shop, tmp_path, kind, case, column, value, says):
    rows = [order_row("G001"), _bad_row(column, value)]
    if kind == "csv":
        path, sheet = write_csv(tmp_path / "corpus.csv", OH, rows), "corpus.csv"
    else:
        path, sheet = write_xlsx(tmp_path / "corpus.xlsx", {"訂單": (OH, rows)}), "訂單"
    before = counts()
    plan = check(path)
    bad = [(b.sheet, b.row, b.column) for b in plan.bad]
    assert bad == [(sheet, 3, column)], [b.line() for b in plan.bad]
    assert says in plan.bad[0].message()
    assert [o.order_no for o in plan.orders] == ["G001"]  # the good order only
    im.apply_import(plan, operator="匯入")
    assert counts()["Order"] == before["Order"] + 1
    assert not order_svc.Order.select().where(order_svc.Order.order_no == "X001").exists()


def test_a_csv_cell_beyond_the_csv_modules_limit_names_its_row(shop, tmp_path):
    path = write_csv(tmp_path / "long.csv", OH, [order_row("L1"), _bad_row("數量", "9" * 200_000)])
    with pytest.raises(im.UnreadableFile) as err:
        check(path)
    assert "「long.csv」第 3 列" in err.value.message()


def test_future_and_ancient_dates_of_requests_and_notices(shop, tmp_path):
    from test_import import NH

    path = write_xlsx(tmp_path / "dates.xlsx", {
        "訂單": (OH, [order_row("D1"), order_row("D2")]),
        "付款通知": (NH, [["D1", "0001-01-01", 470, "12345", ""]]),
        "取消申請": (CH, [["D2", "9999-12-31", "買錯了", "", "", "", ""]]),
    })
    plan = check(path)
    assert sorted((b.sheet, b.row, b.column) for b in plan.bad) == [
        ("付款通知", 2, "轉帳日期"), ("取消申請", 2, "申請日期")]
    assert any("太早" in b.message() for b in plan.bad)
    assert any("晚於今天" in b.message() for b in plan.bad)


# ---------------------------------------------------------------- damaged workbooks


def _workbook(tmp_path: Path, name: str, edit, *, date_cell: bool = False) -> Path:
    """A two-order workbook (sheet 訂單) whose sheet XML ``edit`` changes."""
    made = write_xlsx(tmp_path / "made.xlsx", {"訂單": (OH, [
        order_row("W001", date=datetime(2026, 11, 1) if date_cell else "2026-11-01 10:00", qty=2),
        order_row("W002", qty=3, price=420)])})
    path = tmp_path / f"{name}.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                changed = edit(data)
                assert changed != data, name
                data = changed
            dst.writestr(info, data)
    return path


def _cell(ref: str, xml: bytes):
    """An edit putting ``xml`` in place of cell ``ref``."""
    return lambda data: re.sub(rb'<c r="' + ref.encode() + rb'"[^>]*>.*?</c>', xml, data, count=1)


#: (case, edit, the message's sheet / row / column, what it says) — the whole file refused.
DAMAGED = [
    ("a number cell holding abc", _cell("L2", b'<c r="L2" t="n"><v>abc</v></c>'),
     "第 2 列 L 欄", "不是數字"),
    ("a shared-string index abc", _cell("L2", b'<c r="L2" t="s"><v>abc</v></c>'),
     "第 2 列 L 欄", "共用字串「abc」不存在"),
    ("a shared-string index past the table", _cell("J3", b'<c r="J3" t="s"><v>99</v></c>'),
     "第 3 列 J 欄", "共用字串「99」不存在"),
    ("a boolean cell holding abc", _cell("L2", b'<c r="L2" t="b"><v>abc</v></c>'),
     "第 2 列 L 欄", "t=\"b\""),
    ("a cell of an unknown type", _cell("L2", b'<c r="L2" t="zz"><v>abc</v></c>'),
     "第 2 列 L 欄", "t=\"zz\""),
    ("a row numbered abc", lambda d: d.replace(b'<row r="3">', b'<row r="abc">'),
     "第 2 列之後的一列", "列號「abc」"),
    ("a cell at ZZZZZZZ2", _cell("M2", b'<c r="ZZZZZZZ2" t="n"><v>1</v></c>'),
     "第 2 列 ZZZZZZZ 欄", "ZZZZZZZ2"),
    ("a cell at XFD1048576", _cell("M3", b'<c r="XFD1048576" t="n"><v>1</v></c>'),
     "第 1048576 列 XFD 欄", "太遠"),
    ("a row at 1048576", lambda d: d.replace(b'<row r="3">', b'<row r="1048576">').replace(
        b' r="A3"', b' r="A1048576"'), "第 1048576 列 A 欄", "太遠"),
]


@pytest.mark.parametrize(("case", "edit", "where", "says"), DAMAGED, ids=[c[0] for c in DAMAGED])
def test_a_damaged_workbook_is_refused_naming_the_cell(shop, tmp_path, case, edit, where, says):
    path = _workbook(tmp_path, "damaged", edit)
    before = counts()
    with pytest.raises(im.UnreadableFile) as err:
        check(path)
    text = err.value.message()
    assert text.startswith("工作表「訂單」"), text
    assert where in text and says in text, text
    assert counts() == before


def test_a_date_cell_with_serial_ten_million_and_a_huge_dimension(shop, tmp_path):
    """A date cell holding 10^7 (year 29,349) is refused by its row; a <dimension> that
    claims ZZZZZZZ2 is ignored (calamine does not allocate from it): the rows import."""
    serial = _workbook(tmp_path, "serial", lambda d: re.sub(
        rb'(<c r="B2"[^>]*><v>)[^<]*', rb"\g<1>10000000", d), date_cell=True)
    plan = check(serial)
    assert [(b.sheet, b.row, b.column) for b in plan.bad] == [("訂單", 2, "訂單日期")]
    assert [o.order_no for o in plan.orders] == ["W002"]
    dimension = _workbook(tmp_path, "dimension", lambda d: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:ZZZZZZZ2"/>', d))
    plan = check(dimension)
    assert plan.bad == [] and [o.order_no for o in plan.orders] == ["W001", "W002"]


MEMORY_PROBE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB for the whole process
from app.services import importer as im
try:
    im.read_sheets(sys.argv[1])
except im.UnreadableFile as err:
    print(err.message())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS")
@pytest.mark.parametrize("ref", ["XFD1048576", "ZZZZZZZ2"])
def test_a_far_cell_is_refused_within_a_gigabyte(tmp_path, ref):
    """The 1 KB workbook that took calamine to 3 GB: refused in a process allowed 1 GB."""
    path = _workbook(tmp_path, "far", _cell("M3", f'<c r="{ref}" t="n"><v>1</v></c>'.encode()))
    assert path.stat().st_size < 10_000
    run = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True,
                         text=True, timeout=60, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr[-2000:]
    assert "工作表「訂單」" in run.stdout and ref[:3] in run.stdout


def test_a_big_ordinary_sheet_passes_the_guard_quickly(tmp_path):
    """200,000 rows of 13 columns: the guard's scan finds nothing to refuse."""
    from app.services import xlsx_guard

    row = ('<row r="{n}">' + "".join(f'<c r="{c}{{n}}" t="n"><v>1</v></c>' for c in "ABCDEFGHIJKLM")
           + "</row>")
    xml = ("<worksheet><sheetData>" + "".join(row.format(n=n) for n in range(1, 200_001))
           + "</sheetData></worksheet>").encode()
    import io

    within(SECONDS * 3, lambda: xlsx_guard.check_sheet(io.BytesIO(xml), "big"))


# ---------------------------------------------------------------- phones


def test_imported_phones_are_stored_as_place_order_stores_them(shop, tmp_path):
    rows = [order_row("P001"), order_row("P002")]
    rows[0][OH.index("電話")] = "0912-345-678"
    rows[1][OH.index("電話")] = " +886 912 345 678 "
    plan = check(write_csv(tmp_path / "phones.csv", OH, rows))
    assert plan.bad == []
    im.apply_import(plan, operator="匯入")
    placed = order_svc.place_order(
        store_id=shop["store"].id, buyer=order_svc.Buyer("王小明", "0912-345-678"),
        items=[order_svc.Item("茶葉", 1, 500)], payment_method_id=shop["atm"].id,
        shipping_method_id=shop["home"].id, operator="店員甲")
    phone = {o.order_no: o.buyer_phone for o in order_svc.Order.select()}
    assert phone["P001"] == phone[placed.order_no] == "0912345678"
    assert phone["P002"] == "+886912345678"


def test_today_is_not_refused(shop, tmp_path):
    today = date.today().isoformat()  # the desk stands in the shop's zone (conftest)
    plan = check(write_csv(tmp_path / "today.csv", OH, [order_row("T001", date=today)]))
    assert plan.bad == [] and len(plan.orders) == 1
