"""A workbook too large for python-calamine's copy is read a row at a time (issue 11, item
10; app/services/xlsx_stream.py): the same sheets, row numbers and values as calamine gives,
on every sample and hostile workbook of tests/test_xlsx_calamine.py, on Excel's shared
strings (rich text, a phonetic guide), and the same plan and messages from an import."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, time
from pathlib import Path

import openpyxl
import pytest
from test_import import OH, order_row, write_xlsx
from test_xlsx_calamine import error_cells, hostile_workbook, kind, rewrite, samples, with_cells

from app.services import importer as im
from app.services import xlsx_stream


def read(path: Path, stream: bool, monkeypatch) -> list:
    """Each sheet's name, header and rows, with the one reader or the other."""
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1 if stream else 1 << 40)
    sheets = im.read_sheets(path)
    got = [(s.name, s.header, list(s.rows), list(s.reopen()) if s.reopen else None)
           for s in sheets]
    return got


def same(path: Path, monkeypatch) -> list:
    want = read(path, False, monkeypatch)
    got = read(path, True, monkeypatch)
    assert [g[0] for g in got] == [w[0] for w in want]
    for (name, gh, grows, gagain), (_, wh, wrows, wagain) in zip(got, want, strict=True):
        assert gh == wh, name
        assert [n for n, _ in grows] == [n for n, _ in wrows], name
        for (n, gv), (_, wv) in zip(grows, wrows, strict=True):
            assert gv == wv, (name, n)
            # Of the same kind: a date stays a date, text stays text.
            assert [kind(v) for v in gv] == [kind(v) for v in wv], (name, n)
        assert gagain == grows and wagain == wrows  # read again from the start, the same
    return got


@pytest.mark.parametrize("path", samples(), ids=lambda p: p.name)
def test_the_samples_stream_the_same(path, monkeypatch):
    assert sum(len(rows) for _n, _h, rows, _a in same(path, monkeypatch)) > 3


def hostile(tmp_path: Path) -> Path:
    """test_xlsx_calamine's hostile workbook, with 1e20, TRUE and spaces kept in row 6."""

    def extra(ws):
        ws["N6"], ws["O6"], ws["P6"] = 1e20, True, " 前後空白 "

    return hostile_workbook(tmp_path / "made.xlsx", extra)


def test_hostile_workbooks_stream_the_same(tmp_path, monkeypatch):
    made = hostile(tmp_path)
    got = same(made, monkeypatch)
    assert [name for name, *_ in got] == ["訂單", "空的", "偏右", "第三列起"]
    assert got[3][1:3] == ([None, "訂單編號", "商品"], [(5, [None, "L1", None, "0800"])])
    rows = dict(got[0][2])
    assert rows[2][6] == "0912345678"
    assert rows[6][1:2] + rows[6][11:] == [datetime(2026, 11, 3), time(10, 30), 12345.5, 1e20,
                                          True, " 前後空白 "]
    assert rows[8] == [None, None, "只有C"]

    no_r = rewrite(made, tmp_path / "no-r.xlsx", lambda name, data: re.sub(
        rb'(<(?:\w+:)?(?:row|c)\b[^>]*?) r="[A-Z]*\d+"', rb"\1", data)
        if name.startswith("xl/worksheets/") else data)
    same(no_r, monkeypatch)

    mac = rewrite(made, tmp_path / "1904.xlsx", lambda name, data: re.sub(
        rb"<workbookPr\b[^>]*/>", b'<workbookPr date1904="1"/>', data, count=1)
        if name == "xl/workbook.xml" else data)
    assert dict(same(mac, monkeypatch)[0][2])[4][1] == datetime(2030, 11, 3, 9, 30)

    # A prefixed namespace (<x:c>), as some writers save: the same cells.
    prefixed = rewrite(made, tmp_path / "prefixed.xlsx", lambda name, data: re.sub(
        rb"<(/?)(?!\?)(\w+)", rb"<\1x:\2", data).replace(
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        if name.startswith("xl/worksheets/") else data)
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1)
    assert [list(s.rows) for s in im.read_sheets(prefixed)] == [rows for _n, _h, rows, _a in got]


def shared_strings(src: Path, dst: Path) -> Path:
    """The workbook as Excel saves it: every text cell an index into ``sharedStrings.xml``,
    and two more strings there, rich text in runs and a Japanese name with its phonetic
    guide (which is not part of the text)."""
    table: list[bytes] = [
        '<r><rPr><b/></rPr><t>粗體</t></r><r><t xml:space="preserve"> 與一般</t></r>'.encode(),
        '<t>山田</t><rPh sb="0" eb="2"><t>やまだ</t></rPh>'.encode()]

    def to_shared(m: re.Match) -> bytes:
        table.append(m.group(2))
        return m.group(1) + b' t="s"><v>' + str(len(table) - 1).encode() + b"</v></c>"

    def edit(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            data = re.sub(rb'(<c\b[^>]*?) t="inlineStr"><is>(.*?)</is></c>', to_shared, data)
            # The two extra strings in the first sheet's row 2, columns Q and R.
            return re.sub(rb'(<row r="2".*?)</row>', rb'\1<c r="Q2" t="s"><v>0</v></c>'
                          rb'<c r="R2" t="s"><v>1</v></c></row>', data, count=1)
        return data

    rewrite(src, dst, edit)
    with zipfile.ZipFile(dst, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?>'
                    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    + b"".join(b"<si>" + s + b"</si>" for s in table) + b"</sst>")
    return dst


def test_date_cells_beyond_the_calendar_read_as_calamine_reads_them(tmp_path, monkeypatch):
    """A date-formatted cell past 9999-12-31 (or 1e300) is its number, the last day and the
    first day of the calendar and Excel's fictional 1900-02-29 as calamine reads them; the
    reading never stops on them."""
    made = tmp_path / "dates.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["訂單編號", "訂單日期"])
    serials = [b"1e300", b"2958466", b"2958465.5", b"0", b"60", b"61.25"]
    for _ in serials:
        ws.append(["A1", datetime(2026, 1, 1)])
    wb.save(made)

    def edit(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            for row, serial in enumerate(serials, start=2):
                data = re.sub(rb'(<c r="B%d"[^>]*><v>)[^<]*' % row, rb"\g<1>" + serial, data)
        return data

    got = same(rewrite(made, tmp_path / "edited.xlsx", edit), monkeypatch)
    assert [v[1] for _n, v in got[0][2]] == [1e300, 2958466, datetime(9999, 12, 31, 12), time(0, 0),
                                            datetime(1900, 2, 28), datetime(1900, 3, 1, 6)]


def test_shared_strings_as_excel_saves_them(tmp_path, monkeypatch):
    path = shared_strings(hostile(tmp_path), tmp_path / "shared.xlsx")
    with zipfile.ZipFile(path) as zf:
        assert b't="s"' in zf.read("xl/worksheets/sheet1.xml")
        table = xlsx_stream.SharedStrings(zf)
    assert (table[0], table[1]) == ("粗體 與一般", "山田")
    assert len(table) > 40
    with pytest.raises(IndexError):
        table[len(table)]
    got = same(path, monkeypatch)
    assert dict(got[0][2])[2][16:] == ["粗體 與一般", "山田"]
    assert dict(got[0][2])[2][5] == "王小明"


def test_an_error_cell_and_a_damaged_cell_stream_as_calamine_reads_them(shop, tmp_path,
                                                                        monkeypatch):
    path = error_cells(tmp_path)
    assert same(path, monkeypatch)[0][2][0][1][11] == "#DIV/0!"
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1)
    plan = im.check_file(path)
    assert [(b.row, b.column, b.message()) for b in plan.bad] == [(2, "數量", "數量必須是正整數。")]
    assert [o.order_no for o in plan.orders] == ["X2"]

    # A number cell that is not a number, and a shared string that is not there: the message
    # names the sheet, the row and the column, whichever row it is on.
    rows = [order_row(f"D{i}") for i in range(1, 400)]
    made = write_xlsx(tmp_path / "many.xlsx", {"訂單": (OH, rows)})
    bad = with_cells(made, tmp_path / "bad.xlsx", L300=b'<c r="L300" t="n"><v>two</v></c>')
    with pytest.raises(im.UnreadableFile) as err:
        im.check_file(bad)
    assert err.value.message().startswith("工作表「訂單」第 300 列 L 欄：數字儲存格的值「two」不是數字")
    gone = with_cells(made, tmp_path / "gone.xlsx", F7=b'<c r="F7" t="s"><v>9</v></c>')
    with pytest.raises(im.UnreadableFile) as err:
        im.check_file(gone)
    assert err.value.message().startswith("工作表「訂單」第 7 列 F 欄：文字儲存格指向的共用字串「9」不存在")
    # Cut short (the XML ends mid-row): a clear message, not the parser's error.
    cut = rewrite(made, tmp_path / "cut.xlsx", lambda name, data: data[:len(data) // 2]
                  if name.startswith("xl/worksheets/") else data)
    with pytest.raises(im.UnreadableFile) as err:
        im.check_file(cut)
    assert re.match(r"「訂單」第 \d+ 列無法讀取（unclosed token: line 1, column \d+），檔案可能已損壞",
                    err.value.message()), err.value.message()


def test_an_import_streamed_is_the_import_read_whole(shop, tmp_path, monkeypatch):
    """The same plan either way: its orders, their items and the refused rows."""
    rows = [order_row(f"S{i:03d}", qty=1 + i % 3, price=100 + i) for i in range(1, 120)]
    rows[10][11] = 0  # refused: 數量
    path = write_xlsx(tmp_path / "orders.xlsx", {"訂單": (OH, rows)})
    plans = []
    for limit in (1 << 40, -1):
        monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", limit)
        plan = im.check_file(path)
        plans.append(([(o.order_no, [(i.product, i.quantity, i.unit_price) for i in o.items])
                       for o in plan.orders], [(b.row, b.column) for b in plan.bad]))
    assert plans[0] == plans[1]
    assert len(plans[1][0]) == 118 and plans[1][1] == [(12, "數量")]


def test_the_streamed_reader_is_chosen_by_the_sheets_size(tmp_path):
    path = write_xlsx(tmp_path / "small.xlsx", {"訂單": (OH, [order_row("A1")])})
    assert 0 < xlsx_stream.worksheet_bytes(path) < xlsx_stream.STREAM_ABOVE


def test_reading_a_large_sheet_holds_a_few_rows(tmp_path, monkeypatch):
    """20,000 rows read through while traced: the reader's memory stays under 2 MB (a
    feed's worth of rows), where the rows kept take 8 MB and more."""
    import tracemalloc

    path = tmp_path / "long.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("訂單")
    ws.append(OH)
    for i in range(20_000):
        ws.append(order_row(f"L{i:05d}", buyer=f"客人{i}", price=100 + i % 900))
    wb.save(path)
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1)
    monkeypatch.setattr(xlsx_stream, "FEED", 64 << 10)
    tracemalloc.start()
    try:
        sheet = im.read_sheets(path)[0]  # the guard's scan and the header: 1 MB chunks
        tracemalloc.reset_peak()
        count = 0
        for row in sheet.rows:
            count, last = count + 1, row
        _now, peak = tracemalloc.get_traced_memory()
        kept = [values for _n, values in sheet.reopen()]
        _now, whole = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000 and last == (20_001, order_row("L19999", buyer="客人19999", price=100 + 19999 % 900))
    assert len(kept) == 20_000
    assert peak < 2 << 20 < 8 << 20 < whole, (peak, whole)
