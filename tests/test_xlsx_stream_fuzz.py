"""The streamed .xlsx reader (app/services/xlsx_stream.py) against python-calamine on workbooks
made at random from a fixed seed: by openpyxl (normal and write-only), by LibreOffice, and as
hand-written XML the way other writers save it (shared strings with runs and phonetic guides,
inline strings, a namespace prefix, strict OOXML's namespaces, no ``r``, cells out of order
or twice, pretty-printed XML, CDATA, character references, CR/LF, ``_x000D_`` escapes, empty
``<v/>``, formulas with and without a value, ``t="str"``, ``"e"``, ``"b"``, ``"d"``, built-in
and custom date, time and duration formats, 1904 workbooks, a sheet with only its header,
empty, hidden and chart sheets).  Both readers must give the same sheets, headers, row
numbers and values of the same Python types.

And damaged workbooks: whatever the damage, reading the rows (and reading them again) either
works or raises ``UnreadableFile`` naming the sheet, never another exception.

Where the two readers differ on purpose (calamine is the wrong one), the streamed reader's
value is asserted on its own: ``test_where_calamine_is_wrong``."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from app.services import importer as im
from app.services import xlsx_guard, xlsx_stream

SEED = 20261130
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


# ---------------------------------------------------------------- reading with either reader


def read(path: Path, stream: bool, monkeypatch) -> list | tuple:
    """Each sheet's (name, header, rows, rows read again), or ("unreadable", message)."""
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1 if stream else 1 << 40)
    try:
        sheets = im.read_sheets(path)
        return [(s.name, s.header, list(s.rows), list(s.reopen())) for s in sheets]
    except im.UnreadableFile as err:
        return ("unreadable", err.message())


def typed(value):
    """The value with its type: 1 == 1.0 == True in Python, not to a clerk."""
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, tuple):
        return tuple(typed(v) for v in value)
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def same(path: Path, monkeypatch) -> list:
    want = read(path, False, monkeypatch)
    got = read(path, True, monkeypatch)
    assert not isinstance(want, tuple), want
    assert not isinstance(got, tuple), got
    assert [g[0] for g in got] == [w[0] for w in want]
    for g, w in zip(got, want, strict=True):
        assert typed(g[1]) == typed(w[1]), (path.name, g[0], "header")
        assert [n for n, _ in g[2]] == [n for n, _ in w[2]], (path.name, g[0])
        for (n, gv), (_, wv) in zip(g[2], w[2], strict=True):
            assert typed(gv) == typed(wv), (path.name, g[0], n)
        assert typed(g[3]) == typed(w[3]), (path.name, g[0], "again")
    return got


# ---------------------------------------------------------------- hand-written workbooks

#: Built-in and custom number formats: dates (14, 22, 民國 30), a time (21), a duration (46),
#: custom date, time, duration and not-a-date codes.  Style i uses FORMATS[i].
FORMATS: list[tuple[int, str | None]] = [
    (0, None), (14, None), (22, None), (30, None), (21, None), (46, None), (2, None), (49, None),
    (164, "yyyy/mm/dd hh:mm"), (165, "[h]:mm"), (166, "mm:ss.0"), (167, "0.00"),
    (168, "[Red]0.00"), (169, '"y"0'), (170, "[$-404]e/m/d"), (171, "0.0_);[Red]\\(0.0\\)"),
    (172, "h:mm AM/PM"), (173, "[ss]"), (174, "#,##0*d"), (175, "@"),
]
DATE_STYLES = [i for i, (fid, code) in enumerate(FORMATS)
               if fid in (14, 22, 30, 21, 46) or (code and code[0] in "y[mh")]

TEXTS = ["訂單", "王小明", "A&B", "<tag>", "a > b", "0912345678", " 前後空白 ", "😀 表情",
         "line1\nline2", "tab\there", "_x000D_ escaped", "_x005F_x0041_", "x_x0041_y", "&amp;",
         "𠀋𡃁 造字?", "'quote\"", "   ", "9", "1e5", "TRUE", "#N/A text", "Ωmega", "a\r\nb"]
NUMBERS = ["1E+20", "-0", "0.30000000000000004", "123456789012345678", "999999999999999",
           "1e15", "42", "-3.5", "1.5e-7", "+5", ".5", "5.", "1e-300", "7", "0"]
ISO = ["2026-11-01T10:30:00", "2026-11-01", "10:30:00", "2026-11-01T10:30:00.123",
       "2026-11-01T10:30:00Z", "1999-1-2", "23:59", "2026-02-30", "not a date"]
ERRORS = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"]
BOOLS = ["1", "0", "true", "FALSE"]


class Writer:
    """One hand-written workbook's XML: a namespace prefix or none, ``r`` or none, pretty or
    compact, and a shared-string table."""

    def __init__(self, rng: random.Random, *, prefix: str = "", with_r: bool = True,
                 pretty: bool = False):
        self.rng, self.p, self.with_r, self.pretty = rng, prefix, with_r, pretty
        self.shared: list[str] = []

    def tag(self, name: str) -> str:
        return f"{self.p}{name}"

    def nl(self, depth: int) -> str:
        return "\n" + "  " * depth if self.pretty else ""

    def text_xml(self, text: str, cdata: bool = True) -> str:
        """The text as a writer might put it: escaped, as character references, or CDATA
        (not in a <v>: calamine reads <v><![CDATA[…]]></v> as empty, see
        ``test_where_calamine_is_wrong``)."""
        how = self.rng.random()
        if how < 0.15 and cdata and "]]>" not in text:
            return f"<![CDATA[{text}]]>"
        if how < 0.3:
            return "".join(f"&#{ord(c)};" if self.rng.random() < 0.5 else
                           f"&#x{ord(c):X};" for c in text)
        return escape(text)

    def t(self, text: str) -> str:
        space = ' xml:space="preserve"' if text != text.strip() or self.rng.random() < 0.3 else ""
        return f"<{self.tag('t')}{space}>{self.text_xml(text)}</{self.tag('t')}>"

    def rich(self, text: str) -> str:
        """A string as <t>, or as runs, maybe with a phonetic guide after them."""
        if len(text) > 1 and self.rng.random() < 0.4:
            cut = self.rng.randrange(1, len(text))
            r, rpr = self.tag("r"), f"<{self.tag('rPr')}><{self.tag('b')}/></{self.tag('rPr')}>"
            body = f"<{r}>{rpr}{self.t(text[:cut])}</{r}><{r}>{self.t(text[cut:])}</{r}>"
        else:
            body = self.t(text)
        if self.rng.random() < 0.2:
            rph = self.tag("rPh")
            body += f'<{rph} sb="0" eb="1">{self.t("ふりがな")}</{rph}>'
        return body

    def cell(self, ref: str | None) -> tuple[str, bool]:
        """A random cell's XML, and whether it is an error cell."""
        rng, c, v = self.rng, self.tag("c"), self.tag("v")
        r = f' r="{ref}"' if ref else ""
        roll = rng.random()
        if roll < 0.2:
            self.shared.append(self.rich(rng.choice(TEXTS)))
            return f'<{c}{r} t="s"><{v}>{len(self.shared) - 1}</{v}></{c}>', False
        if roll < 0.3:
            is_ = self.tag("is")  # (an <is> is text whatever t says: some writers leave it out)
            t = rng.choice([' t="inlineStr"'] * 4 + ["", ' t="n"'])
            return f"<{c}{r}{t}><{is_}>{self.rich(rng.choice(TEXTS))}</{is_}></{c}>", False
        if roll < 0.45:
            return f"<{c}{r}><{v}>{rng.choice(NUMBERS)}</{v}></{c}>", False
        if roll < 0.6:
            style = rng.choice(DATE_STYLES + [6, 11, 12, 13, 15, 16, 18, 19])
            serial = rng.choice([rng.uniform(0, 1), rng.uniform(1, 100), rng.uniform(1, 80000),
                                 float(rng.randrange(1, 60000)), rng.uniform(0, 3_000_000)])
            return f'<{c}{r} s="{style}"><{v}>{serial!r}</{v}></{c}>', False
        if roll < 0.67:
            f = self.tag("f")
            value = rng.choice(TEXTS)
            cached = f"<{v}>{self.text_xml(value, cdata=False)}</{v}>" if rng.random() < 0.7 else ""
            return f'<{c}{r} t="str"><{f}>A1&amp;""</{f}>{cached}</{c}>', False
        if roll < 0.72:
            f = self.tag("f")
            cached = f"<{v}>{rng.choice(NUMBERS)}</{v}>" if rng.random() < 0.6 else ""
            return f"<{c}{r}><{f}>1+1</{f}>{cached}</{c}>", False
        if roll < 0.77 and ref:  # an error cell (calamine's path finds its text by r)
            f = self.tag("f")
            return f'<{c}{r} t="e"><{f}>1/0</{f}><{v}>{rng.choice(ERRORS)}</{v}></{c}>', True
        if roll < 0.83:
            return f'<{c}{r} t="b"><{v}>{rng.choice(BOOLS)}</{v}></{c}>', False
        if roll < 0.88:
            return f'<{c}{r} t="d"><{v}>{rng.choice(ISO)}</{v}></{c}>', False
        if roll < 0.93:  # an empty value of some type
            t = rng.choice(["", ' t="s"', ' t="str"', ' t="n"', ' t="b"'])
            return f"<{c}{r}{t}><{v}/></{c}>", False
        return f'<{c}{r} s="{rng.randrange(len(FORMATS))}"/>', False  # styled, no value

    def sheet(self, rows: int, cols: int) -> str:
        rng, row_t = self.rng, self.tag("row")
        out, number = [], 0
        for i in range(rows):
            step = 1 if not self.with_r or i == 0 or rng.random() < 0.7 else rng.randrange(2, 4)
            for _ in range(step - 1):  # without r, a gap is written as empty rows
                number += 1
            number += 1
            cells = []
            for col in range(1, cols + 1):
                if i > 0 and rng.random() < 0.25:  # a gap
                    if not self.with_r:
                        cells.append(f"<{self.tag('c')}/>")
                    continue
                ref = f"{xlsx_guard.column_letters(col)}{number}" if self.with_r else None
                if i == 0:  # the header: text
                    self.shared.append(self.rich(f"欄{col}"))
                    r = f' r="{ref}"' if ref else ""
                    c, v = self.tag("c"), self.tag("v")
                    cells.append(f'<{c}{r} t="s"><{v}>{len(self.shared) - 1}</{v}></{c}>')
                else:
                    cells.append(self.cell(ref)[0])
            if self.with_r and i and rng.random() < 0.1:  # cells out of order, one twice
                rng.shuffle(cells)
                plain = [c for c in cells if ' t="e"' not in c]  # (calamine's path puts an
                if plain:  # error's text back over a later cell with its r)
                    ref = re.search(r' r="(\w+)"', rng.choice(plain)).group(1)
                    cells.append(f'<{self.tag("c")} r="{ref}"><{self.tag("v")}>7</{self.tag("v")}>'
                                 f'</{self.tag("c")}>')
            r = f' r="{number}"' if self.with_r else ""
            inner = "".join(self.nl(3) + c for c in cells)
            out.append(f"{self.nl(2)}<{row_t}{r}>{inner}{self.nl(2)}</{row_t}>")
        return "".join(out)

    def worksheet(self, sheet_data: str) -> str:
        x = f":{self.p[:-1]}" if self.p else ""
        sd = self.tag("sheetData")
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<{self.tag("worksheet")} xmlns{x}="{MAIN_NS}" xmlns:r="{REL_NS}">'
                f'{self.nl(1)}<{sd}>{sheet_data}{self.nl(1)}</{sd}>{self.nl(0)}'
                f'</{self.tag("worksheet")}>')

    def sst(self) -> str:
        x = f":{self.p[:-1]}" if self.p else ""
        si = self.tag("si")
        items = "".join(f"{self.nl(1)}<{si}>{s}</{si}>" for s in self.shared)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{self.tag("sst")} xmlns{x}="{MAIN_NS}"'
                f' count="{len(self.shared)}">{items}{self.nl(0)}</{self.tag("sst")}>')


def styles_xml(formats: list[tuple[int, str | None]]) -> str:
    custom = "".join(f'<numFmt numFmtId="{fid}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
                     for fid, code in formats if code)
    xfs = "".join(f'<xf numFmtId="{fid}" fontId="0" fillId="0" borderId="0" xfId="0"'
                  f' applyNumberFormat="1"/>' for fid, _ in formats)
    return (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}">'
            f'<numFmts count="{sum(1 for _f, c in formats if c)}">{custom}</numFmts>'
            '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"'
            ' fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(formats)}">{xfs}</cellXfs></styleSheet>')


def package(path: Path, sheets: list[tuple[str, str, str]], *, shared: str | None,
            mac: bool = False, formats: list[tuple[int, str | None]] = FORMATS) -> Path:
    """A workbook of ``sheets`` (name, state, worksheet XML)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG_REL}">'
                   f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        listed = "".join(f'<sheet name="{escape(name)}" sheetId="{i}" state="{state}" r:id="rId{i}"/>'
                         for i, (name, state, _x) in enumerate(sheets, 1))
        pr = '<workbookPr date1904="1"/>' if mac else "<workbookPr/>"
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN_NS}" '
                   f'xmlns:r="{REL_NS}">{pr}<sheets>{listed}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" '
                       f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships '
                   f'xmlns="{PKG_REL}">{rels}</Relationships>')
        for i, (_name, _state, xml) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/styles.xml", styles_xml(formats))
    return path


def hand_written(path: Path, rng: random.Random) -> Path:
    w = Writer(rng, prefix=rng.choice(["", "", "x:"]), with_r=rng.random() < 0.75,
               pretty=rng.random() < 0.4)
    sheets = []
    for i in range(rng.randrange(1, 4)):
        shape = rng.random()
        rows = 0 if shape < 0.1 else 1 if shape < 0.2 else rng.randrange(2, 14)
        data = w.sheet(rows, rng.randrange(1, 9))
        sheets.append((f"表{i}", rng.choice(["visible", "visible", "hidden"]), w.worksheet(data)))
    return package(path, sheets, shared=w.sst() if w.shared else None, mac=rng.random() < 0.25)


def strict(src: Path, dst: Path) -> Path:
    """The workbook as Excel saves it as 「Strict Open XML 試算表」: other namespaces."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info).replace(
                MAIN_NS.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main").replace(
                REL_NS.encode(), b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    return dst


def test_a_worksheet_kept_outside_xl_worksheets_is_read(tmp_path, monkeypatch):
    """A writer may put a worksheet's part anywhere its relationship points (calamine follows
    it): read the same, and counted in the size that chooses the reader."""
    w = Writer(random.Random(SEED))
    sheet = w.worksheet(w.sheet(5, 3))
    made = package(tmp_path / "made.xlsx", [("S", "visible", sheet)], shared=w.sst())
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(moved, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info).replace(b"worksheets/sheet1.xml", b"sheets/s1.xml")
            zout.writestr(info.filename.replace("worksheets/sheet1.xml", "sheets/s1.xml"), data)
    assert len(same(moved, monkeypatch)[0][2]) == 4
    assert xlsx_stream.worksheet_bytes(moved) == xlsx_stream.worksheet_bytes(made) > 0


def test_hand_written_workbooks_read_the_same(tmp_path, monkeypatch):
    rng = random.Random(SEED)
    for i in range(120):
        path = hand_written(tmp_path / f"hand{i}.xlsx", rng)
        got = same(path, monkeypatch)
        if i % 4 == 0:  # and saved as strict: the same again
            assert typed(same(strict(path, tmp_path / f"strict{i}.xlsx"), monkeypatch)) == typed(got)


# ---------------------------------------------------------------- openpyxl, LibreOffice


def random_value(rng: random.Random):
    roll = rng.random()
    if roll < 0.25:
        return rng.choice([t for t in TEXTS if "\r" not in t and "_x" not in t])
    if roll < 0.45:
        return rng.choice([0, 1, -7, 123456789012345678, 10**15, rng.randrange(-10**6, 10**6)])
    if roll < 0.6:
        return rng.choice([0.1 + 0.2, 1e20, -0.0, 12345.5, rng.uniform(-1e6, 1e6), 1.5e-7])
    if roll < 0.7:
        return datetime(2026, 1, 1) + timedelta(seconds=rng.randrange(0, 10**8))
    if roll < 0.75:
        return date(1990, 1, 1) + timedelta(days=rng.randrange(0, 20000))
    if roll < 0.8:
        return time(rng.randrange(24), rng.randrange(60), rng.randrange(60))
    if roll < 0.85:
        return rng.random() < 0.5
    if roll < 0.9:
        return "=1+1"
    return None


def openpyxl_book(path: Path, rng: random.Random, write_only: bool) -> Path:
    wb = openpyxl.Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    for i in range(rng.randrange(1, 4)):
        ws = wb.create_sheet(f"工作表{i}")
        if i and rng.random() < 0.3:  # (the first is shown: a workbook shows one at least)
            ws.sheet_state = "hidden"
        rows = rng.choice([0, 1, rng.randrange(2, 12)])
        cols = rng.randrange(1, 8)
        for r in range(rows):
            ws.append([f"欄{c}" for c in range(cols)] if r == 0 else
                      [random_value(rng) for _ in range(cols)])
    if rng.random() < 0.3:
        wb.create_chartsheet("圖表")
    if rng.random() < 0.2:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.save(path)
    return path


def test_openpyxl_workbooks_read_the_same(tmp_path, monkeypatch):
    rng = random.Random(SEED + 1)
    for i in range(40):
        same(openpyxl_book(tmp_path / f"op{i}.xlsx", rng, write_only=i % 2 == 1), monkeypatch)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice_reads_the_same(tmp_path, monkeypatch):
    """LibreOffice writes every text as a shared string, its own styles and numbers."""
    rng = random.Random(SEED + 2)
    src = tmp_path / "src"
    src.mkdir()
    books = [openpyxl_book(src / f"lo{i}.xlsx", rng, write_only=False) for i in range(3)]
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), *map(str, books)],
                   check=True, capture_output=True, timeout=120)
    shared = 0
    for book in books:
        saved = out / book.name
        with zipfile.ZipFile(saved) as zf:
            shared += "xl/sharedStrings.xml" in zf.namelist()
        same(saved, monkeypatch)
    assert shared


# ---------------------------------------------------------------- damaged workbooks


def rewrite(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, edit(info.filename, data) if info.filename.startswith(
                "xl/worksheets/") else data)
    return dst


def base(tmp_path: Path) -> Path:
    """300 rows of text, numbers, dates and shared strings: long enough for a damaged row to
    come after the header."""
    w = Writer(random.Random(SEED + 3))
    rows = []
    for n in range(1, 301):
        cells = []
        for col, what in enumerate(["s", "n", "d", "s"], 1):
            ref = f"{xlsx_guard.column_letters(col)}{n}"
            if what == "s":
                w.shared.append(f"<t>{'欄' if n == 1 else '值'}{n}-{col}</t>")
                cells.append(f'<c r="{ref}" t="s"><v>{len(w.shared) - 1}</v></c>')
            elif what == "n":
                cells.append(f'<c r="{ref}"><v>{n * 1.5}</v></c>')
            else:
                cells.append(f'<c r="{ref}" s="1"><v>{45000 + n}</v></c>')
        rows.append(f'<row r="{n}">{"".join(cells)}</row>')
    return package(tmp_path / "base.xlsx", [("訂單", "visible", w.worksheet("".join(rows)))],
                   shared=w.sst())


def read_all(path: Path, stream: bool, monkeypatch) -> list:
    """Every row of every sheet, then every row again; only ``UnreadableFile`` may stop it."""
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1 if stream else 1 << 40)
    sheets = im.read_sheets(path)
    return [(list(s.rows), list(s.reopen())) for s in sheets]


def refused(path: Path, monkeypatch, *, during_rows: bool = True) -> str:
    """The streamed reader's message; when ``during_rows``, the header read and the damage
    found while the rows are iterated, by ``sheet.rows`` and by ``sheet.reopen()`` alike."""
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1)
    if not during_rows:
        with pytest.raises(im.UnreadableFile) as err:
            read_all(path, True, monkeypatch)
        return err.value.message()
    sheet = im._stream_xlsx(path)[0]  # past the guard's scan: the reader's own refusal
    assert sheet.header
    before: list = []
    with pytest.raises(im.UnreadableFile) as err:
        before.extend(n for n, _v in sheet.rows)
    again: list = []
    with pytest.raises(im.UnreadableFile) as err_again:
        again.extend(n for n, _v in sheet.reopen())
    assert err_again.value.message() == err.value.message()
    # the rows before the damage are read, then the damage refused
    damaged = int(re.search(r"第 (\d+) 列", err.value.message()).group(1))
    assert before == again == list(range(2, damaged))
    # The whole way, guard and all: refused too (by the guard or by the reader).
    with pytest.raises(im.UnreadableFile):
        read_all(path, True, monkeypatch)
    return err.value.message()


def sub(pattern: bytes, repl: bytes):
    return lambda _name, data: re.sub(pattern, repl, data, count=1, flags=re.S)


def test_damaged_cells_are_refused_naming_the_sheet_row_and_cell(tmp_path, monkeypatch):
    made = base(tmp_path)
    assert read_all(made, True, monkeypatch) == read_all(made, False, monkeypatch)
    cases = {
        "not-a-number": (sub(rb'<c r="B200"><v>[^<]*</v>', b'<c r="B200" t="n"><v>two</v>'),
                         "第 200 列 B 欄：數字儲存格的值「two」不是數字"),
        "shared-past-the-table": (sub(rb'<c r="A150" t="s"><v>\d+</v>',
                                      b'<c r="A150" t="s"><v>99999</v>'),
                                  "第 150 列 A 欄：文字儲存格指向的共用字串「99999」不存在"),
        # (calamine reads "x1" as the first shared string: test_where_calamine_is_wrong)
        "shared-not-an-index": (sub(rb'<c r="D120" t="s"><v>\d+</v>',
                                    b'<c r="D120" t="s"><v>x1</v>'), "第 120 列 D 欄"),
        "not-a-boolean": (sub(rb'<c r="B90"><v>[^<]*</v>', b'<c r="B90" t="b"><v>yes</v>'),
                          "第 90 列 B 欄"),
        "no-such-type": (sub(rb'<c r="B95"><v>', b'<c r="B95" t="zz"><v>'), "第 95 列 B 欄"),
    }
    for name, (edit, expected) in cases.items():
        message = refused(rewrite(made, tmp_path / f"{name}.xlsx", edit), monkeypatch)
        assert "「訂單」" in message and expected in message, (name, message)
        if name != "shared-not-an-index":  # calamine's path refuses it too, with a message
            with pytest.raises(im.UnreadableFile):
                read_all(tmp_path / f"{name}.xlsx", False, monkeypatch)


def test_damaged_xml_is_refused_naming_the_row(tmp_path, monkeypatch):
    made = base(tmp_path)

    def cut_in_row(_name, data):
        at = data.index(b'<c r="C250"')
        return data[:at + 9]

    message = refused(rewrite(made, tmp_path / "cut.xlsx", cut_in_row), monkeypatch)
    assert message.startswith("「訂單」第 250 列無法讀取（"), message
    junk = rewrite(made, tmp_path / "junk.xlsx", sub(rb'(<row r="210")', b"\x00\xff\xfe\\1"))
    message = refused(junk, monkeypatch)
    assert message.startswith("「訂單」第 210 列無法讀取（"), message
    # A cell past the last column, read past the guard (which refuses it first): refused by
    # the reader too, not a list of billions of empty cells.
    far = rewrite(made, tmp_path / "far.xlsx", sub(rb'<c r="D260"', b"<c r='ZZZZZZZ260'"))
    monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1)
    sheet = im._stream_xlsx(far)[0]
    with pytest.raises(im.UnreadableFile) as err:
        list(sheet.rows)
    assert err.value.message().startswith("「訂單」第 260 列無法讀取（ZZZZZZZ260: past column XFD）")


def test_the_guard_reads_a_reference_as_expat_and_calamine_do(tmp_path, monkeypatch):
    """r='XFD1048576' (single quotes) or r = "XFD1048576" (spaces around =) is valid XML that
    expat and calamine read as a reference: calamine would hold 17 billion cells for it.  The
    guard refuses it before calamine sees it, naming the sheet; so does the import."""
    from app.services import xlsx_guard

    made = base(tmp_path)
    for i, far in enumerate([b"<c r='XFD1048576'", b'<c r = "XFD1048576"', b"<c\tr=\n'ZZZZZZZ260'",
                             b"<c r='XFD1048576\"'"]):
        path = rewrite(made, tmp_path / f"far{i}.xlsx", sub(rb'<c r="D260"', far))
        with pytest.raises(xlsx_guard.MalformedSheet) as err:
            xlsx_guard.check_workbook(path)  # (first: without it, calamine's path below
        assert "工作表「訂單」" in err.value.message()  # would take the machine's memory)
        for stream in (False, True):
            with pytest.raises(im.UnreadableFile):
                read_all(path, stream, monkeypatch)
    ordinary = rewrite(made, tmp_path / "quoted.xlsx", sub(rb'<c r="D260"', b"<c r='D260'"))
    xlsx_guard.check_workbook(ordinary)
    assert same(ordinary, monkeypatch)[0][2][258][1][3] == "值260-4"


def test_a_corrupt_zip_member_is_refused(tmp_path, monkeypatch):
    made = base(tmp_path)
    raw = bytearray(made.read_bytes())
    with zipfile.ZipFile(made) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    # The member's data starts after its local header (30 bytes, the name, the extra field).
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in (info.compress_size // 2, info.compress_size - 40):
        bad = bytearray(raw)
        for i in range(start + offset, start + offset + 16):
            bad[i] ^= 0x5A
        path = tmp_path / f"corrupt{offset}.xlsx"
        path.write_bytes(bytes(bad))
        for stream in (True, False):
            with pytest.raises(im.UnreadableFile) as err:
                read_all(path, stream, monkeypatch)
            assert err.value.message()
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(random.Random(SEED).randbytes(5000))
    for stream in (True, False):
        with pytest.raises(im.UnreadableFile):
            read_all(garbage, stream, monkeypatch)


def test_an_unknown_style_reads_as_a_plain_number(tmp_path, monkeypatch):
    """``s="999"`` (no such style) or ``s="abc"``: the number, by both readers, as Excel shows a
    cell whose style it cannot find (General)."""
    made = base(tmp_path)
    path = rewrite(made, tmp_path / "style.xlsx", lambda _n, data: data.replace(
        b'<c r="C5" s="1">', b'<c r="C5" s="999">').replace(b'<c r="C6" s="1">', b'<c r="C6" s="abc">'))
    got = same(path, monkeypatch)
    rows = dict(got[0][2])
    assert rows[5][2] == 45005 and rows[6][2] == 45006 and isinstance(rows[7][2], datetime)


def test_random_damage_is_a_message_or_nothing(tmp_path, monkeypatch):
    """A hundred random damages of a sheet's XML (cut short, a byte changed, a tag or a value
    replaced): each read either works or is refused with ``UnreadableFile``, by both readers,
    while the rows are read and read again."""
    rng = random.Random(SEED + 4)
    made = base(tmp_path)
    with zipfile.ZipFile(made) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    junk = [b"", b"<", b">", b"&", b"&bogus;", b"</c>", b"<c>", b"<v>", b"\x00", b"\xff",
            b"x", b"-1", b"1e999", b"<row>", b' r="A0"', b' t="s"', b' t="b"', b' s="9"', b"]]>"]
    refusals = 0
    for i in range(100):
        at = rng.randrange(len(xml) // 10, len(xml))
        how = rng.random()
        if how < 0.2:
            data = xml[:at]
        elif how < 0.6:
            data = xml[:at] + rng.choice(junk) + xml[at + rng.randrange(0, 4):]
        else:
            m = list(re.finditer(rb"<v>([^<]*)</v>", xml))[rng.randrange(300)]
            data = xml[:m.start(1)] + rng.choice(junk + [b"abc", b"99999", b" 1 "]) + xml[m.end(1):]
        path = rewrite(made, tmp_path / f"dmg{i}.xlsx", lambda _n, _d, data=data: data)
        for stream in (True, False):
            try:
                read_all(path, stream, monkeypatch)
            except im.UnreadableFile as err:
                assert err.message()
                refusals += 1
        # and the streamed reader's own refusals, past the guard
        monkeypatch.setattr(xlsx_stream, "STREAM_ABOVE", -1)
        try:
            for sheet in im._stream_xlsx(path):
                list(sheet.rows)
                list(sheet.reopen())
        except im.UnreadableFile as err:
            assert "「訂單」" in err.message()
    assert refusals > 20


# ---------------------------------------------------------------- where calamine is wrong


def test_where_calamine_is_wrong(tmp_path, monkeypatch):
    """The streamed reader's value where python-calamine's path reads something else:

    * a negative serial in a date cell (Excel shows ####): the number, where calamine gives
      the time of day of its fraction (-5.5 -> 12:00);
    * an error cell without ``r``: its text, where ``importer._error_cells`` (which finds
      calamine's error cells by their r) leaves it empty;
    * an error Excel 365 writes (#SPILL!, #CALC!): its text, where calamine refuses the whole
      workbook ("Unsupported cell error value");
    * a value in CDATA (<v><![CDATA[…]]></v>, valid XML): its text, where calamine reads empty;
    * a shared-string index that is not a number ("x1", "-1"): refused, where calamine reads
      the first shared string."""
    w = Writer(random.Random(SEED))
    sheet = w.worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>'
                        '<row r="2"><c r="A2" s="1"><v>-5.5</v></c><c r="B2" s="5"><v>-1.25</v></c>'
                        '<c t="e"><v>#N/A</v></c><c r="D2" t="str"><f>A1</f><v><![CDATA[a<b]]></v>'
                        '</c><c r="E2"><v><![CDATA[12]]></v></c></row>')
    path = package(tmp_path / "wrong.xlsx", [("S", "visible", sheet)], shared=None)
    got = read(path, True, monkeypatch)
    assert got[0][2] == [(2, [-5.5, timedelta(days=-1.25), "#N/A", "a<b", 12])]
    assert read(path, False, monkeypatch)[0][2] == [(2, [time(12), timedelta(days=-1.25)])]

    spill = package(tmp_path / "spill.xlsx", [("S", "visible", w.worksheet(
        '<row r="1"><c r="A1" t="e"><f>A2#</f><v>#SPILL!</v></c><c r="B1" t="e"><v>#CALC!</v></c>'
        "</row>"))], shared=None)
    assert read(spill, True, monkeypatch)[0][1] == ["#SPILL!", "#CALC!"]
    assert isinstance(read(spill, False, monkeypatch), tuple)  # "Unsupported cell error value"

    index = package(tmp_path / "index.xlsx", [("S", "visible", w.worksheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>-1</v></c></row>'))],
        shared=w.sst().replace("</sst>", "<si><t>first</t></si></sst>")
        if w.shared else f'<sst xmlns="{MAIN_NS}"><si><t>first</t></si></sst>')
    assert read(index, True, monkeypatch)[0] == "unreadable"
    assert read(index, False, monkeypatch)[0][1] == ["first", "first"]


# ---------------------------------------------------------------- formats and serials


def test_random_number_formats_are_told_apart_as_calamine_does(tmp_path, monkeypatch):
    """400 format codes made of the characters that matter (date letters, brackets, quotes,
    escapes, AM/PM, sections): a date, a duration or a number, by both readers alike."""
    rng = random.Random(SEED + 5)
    pieces = ["y", "m", "d", "h", "s", "M", "D", "H", "S", "Y", "e", "g", "a", "p", "A/P",
              "AM/PM", "[h]", "[mm]", "[ss]", "[hm]", "[Red]", "[$-404]", "[=1]", "[>=100]",
              '"d"', '"h"', "\\d", "_m", "*y", "0", "#", ",", ".", "0.00", ";", "@", "/", ":",
              "-", " ", "E+", "General", "B2", "[", "]"]
    codes = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6))) for _ in range(400)]
    formats = [(0, None)] + [(164 + i, code) for i, code in enumerate(codes)]
    cells = "".join(f'<c r="{xlsx_guard.column_letters(i)}2" s="{i}"><v>45000.25</v></c>'
                    for i in range(1, len(formats)))
    sheet = Writer(rng).worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c>'
                                  f'</row><row r="2">{cells}</row>')
    path = package(tmp_path / "formats.xlsx", [("S", "visible", sheet)], shared=None,
                   formats=formats)
    row = same(path, monkeypatch)[0][2][0][1]
    kinds = {type(v).__name__ for v in row}
    assert kinds == {"float", "datetime", "timedelta"}, kinds  # all three were made


def test_random_serials_read_to_the_millisecond_as_calamine_does(tmp_path, monkeypatch):
    """3,000 serials in date, time and duration cells, 1900 and 1904 workbooks: the same
    datetime, time or timedelta to the millisecond (and the number past 9999)."""
    rng = random.Random(SEED + 6)
    serials = ([rng.uniform(0, 1) for _ in range(500)] + [rng.uniform(1, 61) for _ in range(300)]
               + [rng.uniform(1, 2_958_466) for _ in range(1800)]
               + [rng.randrange(1, 2_958_466) + rng.randrange(86_400_000) / 86_400_000
                  for _ in range(400)])
    styles = [1, 2, 4, 5, 8, 9, 10]  # 14, 22, 21, 46, custom date, [h]:mm, mm:ss.0
    rows = "".join(f'<row r="{n}"><c r="A{n}" s="{styles[n % len(styles)]}"><v>{v!r}</v></c></row>'
                   for n, v in enumerate(serials, 2))
    sheet = Writer(rng).worksheet('<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c>'
                                  f'</row>{rows}')
    for mac in (False, True):
        path = package(tmp_path / f"serials{mac}.xlsx", [("S", "visible", sheet)], shared=None,
                       mac=mac)
        assert len(same(path, monkeypatch)[0][2]) == len(serials)
