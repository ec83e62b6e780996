"""python-calamine reads the .xlsx imports (issue 18): the values, the row numbers and the
sheets are those of the hand-written reader it replaced (tests/old_xlsx_reader.py), on every
sample and on hostile workbooks: rows and cells without ``r``, gaps, an error cell, rich
text, a time-only cell, a 1904 workbook, numbers typed as text."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from old_xlsx_reader import read_xlsx as old_read
from test_import import OH, order_row, write_xlsx

from app.services import importer as im

ROOT = Path(__file__).resolve().parent.parent


def samples() -> list[Path]:
    """Every .xlsx sample shipped with the app, wherever the package keeps them."""
    found = sorted(p for p in ROOT.rglob("*.xlsx") if "import-samples" in p.parts
                   and ".venv" not in p.parts)
    assert found
    return found


def trim(values: list) -> list:
    values = [None if v == "" else v for v in values]
    while values and values[-1] is None:
        values.pop()
    return values


def old_rows(path: Path) -> list:
    """Each sheet's rows as the old reader gave them; the first (the header) numbered 0."""
    sheets = []
    for name, rows in old_read(path):
        rows = [(n, trim(v)) for n, v in rows if trim(v)]
        sheets.append((name, [(0, rows[0][1]), *rows[1:]] if rows else []))
    return sheets


def new_rows(path: Path) -> list:
    """Each sheet's header (numbered 0: ``Sheet`` has no number for it) and rows."""
    return [(s.name, [(n, v) for n, v in [(0, s.header), *s.rows] if v])
            for s in im.read_sheets(path)]


def same(path: Path) -> list:
    """The sheets with rows, read by both; equal."""
    want = [(n, rows) for n, rows in old_rows(path) if rows]
    got = [(n, rows) for n, rows in new_rows(path) if rows]
    assert [n for n, _ in got] == [n for n, _ in want]
    for (name, g), (_, w) in zip(got, want, strict=True):
        # Row numbers equal, values equal, and of the same kind (a date stays a date, text
        # stays text: "0912345678" is not the number 912345678).
        assert [n for n, _ in g] == [n for n, _ in w], name
        for (n, gv), (_, wv) in zip(g, w, strict=True):
            assert gv == wv, (name, n)
            assert [kind(v) for v in gv] == [kind(v) for v in wv], (name, n)
    return got


def kind(v):
    return "number" if isinstance(v, (int, float)) and not isinstance(v, bool) else type(v).__name__


@pytest.mark.parametrize("path", samples(), ids=lambda p: p.name)
def test_the_samples_read_the_same(path):
    sheets = same(path)
    assert sum(len(rows) for _name, rows in sheets) > 3


def rewrite(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(info.filename, data))
    return dst


def hostile_workbook(made: Path, extra=None) -> Path:
    """Gaps, a phone typed as text, a date, a time-only cell, a sheet starting right and
    one starting low, an empty one and a chart sheet; ``extra(ws)`` adds cells first."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "訂單"
    ws.append(OH)
    ws.append(order_row("H1", qty=2, price=350))
    ws["G2"].number_format = "@"  # the phone typed as text keeps its leading zero
    ws.append([])
    ws.append(order_row("H2", date=datetime(2026, 11, 2, 9, 30), qty=1.5, price=-3))
    ws["A6"] = "H3"
    ws["B6"] = date(2026, 11, 3)
    ws["L6"] = time(10, 30)
    ws["M6"] = 12345.5
    ws["C8"] = "只有C"
    if extra is not None:
        extra(ws)
    wb.create_sheet("空的")
    wb.create_sheet("偏右").append([None, None, "訂單編號", "商品"])
    low = wb.create_sheet("第三列起")
    low["B3"], low["C3"], low["B5"], low["D5"] = "訂單編號", "商品", "L1", "0800"
    wb.create_chartsheet("圖表")
    wb.save(made)
    return made


def test_hostile_workbooks_read_the_same(tmp_path):
    made = hostile_workbook(tmp_path / "made.xlsx")
    got = same(made)
    # The sheets a clerk sees, none for the chart; an empty one gives no rows (and is ignored).
    assert [s.name for s in im.read_sheets(made)] == ["訂單", "空的", "偏右", "第三列起"]
    assert [name for name, _rows in got] == ["訂單", "偏右", "第三列起"]
    assert got[2][1] == [(0, [None, "訂單編號", "商品"]), (5, [None, "L1", None, "0800"])]
    assert got[0][1][1][1][6] == "0912345678"

    # Rows and cells without r, as some writers save them.
    no_r = rewrite(made, tmp_path / "no-r.xlsx", lambda name, data: re.sub(
        rb'(<(?:\w+:)?(?:row|c)\b[^>]*?) r="[A-Z]*\d+"', rb"\1", data)
        if name.startswith("xl/worksheets/") else data)
    same(no_r)

    # A date1904 workbook (Excel for Mac's old default).
    mac = rewrite(made, tmp_path / "1904.xlsx", lambda name, data: re.sub(
        rb"<workbookPr\b[^>]*/>", b'<workbookPr date1904="1"/>', data, count=1)
        if name == "xl/workbook.xml" else data)
    got = same(mac)
    assert got[0][1][2][1][1] == datetime(2030, 11, 3, 9, 30)  # the same serial, 4 years on


def test_what_the_old_reader_got_wrong(tmp_path):
    """A number written 1e+20 stopped the old reader (``int('1e+20')``)."""
    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["訂單編號", "單價"])
    wb.active.append(["B1", 1e20])
    wb.save(path)
    with pytest.raises(ValueError):
        old_rows(path)
    assert new_rows(path)[0][1] == [(0, ["訂單編號", "單價"]), (2, ["B1", 1e20])]


def with_cells(src: Path, dst: Path, **cells: bytes) -> Path:
    """``src`` with each named cell of its sheets (``L2=…``) written anew as the XML given,
    in the order given."""

    def edit(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            for ref, xml in cells.items():
                data = re.sub(rb'<c r="%s"[^>]*>.*?</c>' % ref.encode(), xml, data)
        return data

    return rewrite(src, dst, edit)


def error_cells(tmp_path: Path) -> Path:
    """Orders X1 and X2, X1's quantity an error cell (#DIV/0!), X2's options one with no text."""
    made = write_xlsx(tmp_path / "made.xlsx", {"訂單": (OH, [order_row("X1", qty=2), order_row("X2")])})
    return with_cells(made, tmp_path / "err.xlsx", K3=b'<c r="K3" t="e"/>',
                      L2=b'<c r="L2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')


def test_an_error_cell_is_read_as_its_text_and_refused_naming_it(shop, tmp_path):
    path = error_cells(tmp_path)
    assert new_rows(path)[0][1][1][1][11] == "#DIV/0!"
    same(path)
    plan = im.check_file(path)
    assert [(b.row, b.column, b.message()) for b in plan.bad] == [(2, "數量", "數量必須是正整數。")]
    assert [o.order_no for o in plan.orders] == ["X2"]


def test_a_damaged_cell_is_a_clear_message_not_a_traceback(shop, tmp_path):
    made = write_xlsx(tmp_path / "made.xlsx", {"訂單": (OH, [order_row("X1", qty=2)])})
    path = with_cells(made, tmp_path / "bad.xlsx", L2=b'<c r="L2" t="n"><v>two</v></c>')
    with pytest.raises(im.UnreadableFile) as err:
        im.check_file(path)
    assert err.value.message().startswith("工作表「訂單」第 2 列 L 欄：數字儲存格的值「two」不是數字")
