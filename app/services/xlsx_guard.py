"""A workbook's sheets checked before python-calamine reads them, and calamine's refusals
explained (issue 15: bad import files).

Calamine holds a sheet as one dense block from its first used cell to its last: a single
cell at ``ZZZZZZZ2`` (or ``XFD1048576``) in a 1 KB file makes it allocate gigabytes (the
``<dimension ref>`` it ignores).  ``check_workbook`` streams each sheet's XML before calamine
sees it and refuses, naming the sheet, the row and the column:

* a cell or row reference that is not one (``<row r="abc">``, ``r="ZZZZZZZ2"``: beyond
  Excel's last cell XFD1048576);
* a sheet whose block would be far larger than the cells it holds (``AREA_FLOOR`` cells at
  least, else ``AREA_FACTOR`` times the cells present): memory stays bounded by the rows
  actually there.

The scan runs at the speed of the regular-expression engine: it looks only for references
beyond the largest row and column seen so far (each time it finds one, the bound at least
doubles), so an ordinary sheet yields a few dozen matches, not one per cell.

On the way it notes the sheet's merged ranges (``<mergeCell ref="A2:A5"/>``, after the rows):
the import reads a cell merged down over several rows on each of them (``check_workbook``'s
answer, ``import_sheets.merged_down``).

When calamine refuses a sheet anyway (a number cell holding ``<v>abc</v>``, a shared-string
index ``abc`` or past the table), ``explain`` finds the cell and says which.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree.ElementTree import ParseError, fromstring, iterparse

from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: The same in a workbook Excel saves as 「Strict Open XML 試算表」 (ISO 29500 strict).
STRICT_MAIN = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
STRICT_REL_ID = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
#: Excel's last row and column (XFD).
MAX_ROW = 1_048_576
MAX_COL = 16_384
#: A sheet may span this many cells whatever it holds (a few stray cells far out are fine)...
AREA_FLOOR = 4_000_000
#: ... and otherwise at most this many times the cells it holds.
AREA_FACTOR = 8
CHUNK = 1 << 20

CTX = "Importer"


class MalformedSheet(DomainError):
    """A sheet that cannot be read safely; names the sheet, the row and the column."""

    context = CTX


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _at_most(text: str, first: str, last: str) -> str:
    """A pattern for the strings over ``first``–``last`` (no leading zero for numbers) not
    greater than ``text`` in the order of numbers: shorter, or as long and not greater."""
    lead = "1" if first == "0" else first
    alts = [f"[{lead}-{last}][{first}-{last}]{{0,{len(text) - 2}}}"] if len(text) > 1 else []
    for i, ch in enumerate(text):
        low = lead if i == 0 else first
        if ch > low:
            alts.append(re.escape(text[:i]) + f"[{low}-{chr(ord(ch) - 1)}][{first}-{last}]{{{len(text) - i - 1}}}")
    alts.append(re.escape(text))
    return "(?:" + "|".join(alts) + ")"


def _pattern(rows: int, cols: int, space: bytes = b" ") -> re.Pattern:
    r"""The ` r="…"` references that are malformed, or past row ``rows`` or column ``cols``:
    those not of the form 0–3 letters up to ``cols``, then a row number up to ``rows``.  (A
    literal space before ``r`` lets the engine skip ahead at full speed; ``space=rb"\s"``
    for a file that puts a tab or a line feed there.)  XML lets the value be quoted with '
    as well, and spaces around the =: expat and calamine read ``r = 'XFD1048576'`` as a
    reference, so the scan does too.  The reference is group 2."""
    within = f"(?:{_at_most(column_letters(cols), 'A', 'Z')})?{_at_most(str(rows), '0', '9')}"
    return re.compile(space + rb"""r\s*=\s*(["'])(?!""" + within.encode() + rb"\1)(.*?)\1", re.S)


_REF = re.compile(r"([A-Z]{0,3})([1-9][0-9]{0,6})")
_ROW_START = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,7})"')
_OTHER_SPACE = re.compile(rb"[\t\n\r]r\s*=")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b")


def _row_before(data: bytes, pos: int, last_row: int) -> int:
    """The number of the row element that holds position ``pos`` (else the last one seen)."""
    start = data.rfind(b"<row", 0, pos)
    start = max(start, data.rfind(b":row", 0, pos))
    if start >= 0:
        m = _ROW_START.match(data, data.rfind(b"<", 0, start + 1))
        if m:
            return int(m.group(1))
    return last_row


def _refuse(template: str, sheet: str, row, column: str, **params) -> MalformedSheet:
    return MalformedSheet(template, sheet=sheet, row=row, column=column, **params)


#: A merged range as the sheet's XML gives it: ``<mergeCell ref="A2:A5"/>`` (a prefixed tag too).
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\b[^>]*?\sref\s*=\s*["']([A-Z]{1,3})([1-9][0-9]{0,6}):([A-Z]{1,3})([1-9][0-9]{0,6})["']""")

#: A merged range: (its first row, its first column, its last row), the rows numbered as the
#: sheet numbers them, the column counted from 0 (A is 0).
Merge = tuple[int, int, int]


def check_sheet(stream, sheet: str) -> list[Merge]:
    """Stream one sheet's XML; ``MalformedSheet`` for a bad reference or a sheet calamine
    would hold in far more memory than its cells need.  The sheet's merged ranges that span
    more than one row are its answer."""
    merges: list[Merge] = []
    rows, cols = 1024, 26  # the bounds so far: every reference at or under them is fine
    far = None  # the reference that set the largest bound
    cells = 0
    space, cell = b" ", None
    pattern = _pattern(rows, cols)
    rest, last_row = b"", 0
    while True:
        chunk = stream.read(CHUNK)
        data = rest + chunk
        cut = data.rfind(b">") + 1 if chunk else len(data)
        if cell is None:  # <c …>, or <x:c …> in a workbook that prefixes its tags
            cell = b":c " if re.search(rb"<\w+:sheetData", data) else b"<c "
        cells += data.count(cell, 0, cut)
        if space == b" " and _OTHER_SPACE.search(data):
            space = rb"\s"
            pattern = _pattern(rows, cols, space)
        pos = 0
        while m := pattern.search(data, pos, cut):
            pos = m.end()
            ref = m.group(2).decode("ascii", "replace")
            good = _REF.fullmatch(ref)
            row_here = _row_before(data, m.start(), last_row)
            if not good or int(good.group(2)) > MAX_ROW or column_number(good.group(1)) > MAX_COL:
                tag = data.rfind(b"<", 0, m.start())
                if _ROW_TAG.match(data, tag):
                    raise _refuse(QT_TRANSLATE_NOOP(
                        "Importer", "工作表「{sheet}」第 {row} 列之後的一列（{column} 欄起）：列號「{ref}」不是 Excel 的"
                                    "列號（1 到 1048576），檔案可能已損壞，無法匯入。"),
                        sheet, _row_before(data, tag, last_row), "A", ref=ref[:40])
                raise _refuse(QT_TRANSLATE_NOOP(
                    "Importer", "工作表「{sheet}」第 {row} 列 {column} 欄：儲存格位置「{ref}」不是 Excel 的"
                                "儲存格位置（最多到 XFD1048576），檔案可能已損壞，無法匯入。"),
                    sheet, row_here, _letters(ref) or "?", ref=ref[:40])
            row, col = int(good.group(2)), column_number(good.group(1)) if good.group(1) else 0
            if row > rows or col > cols:
                far = (row, good.group(1) or "A")  # a row's: its first column
                if row > rows:  # each bound at least doubles: a few dozen matches per sheet
                    rows = max(row, min(2 * rows, MAX_ROW))
                if col > cols:
                    cols = max(col, min(2 * cols, MAX_COL))
                pattern = _pattern(rows, cols, space)
        if data.find(b"mergeCell", 0, cut) >= 0:
            for m in _MERGE.finditer(data, 0, cut):
                first, col, last = int(m.group(2)), column_number(m.group(1).decode()), int(m.group(4))
                if first < last <= MAX_ROW and col <= MAX_COL:
                    merges.append((first, col - 1, last))
        if not chunk:
            break
        last_row = _row_before(data, cut, last_row)
        rest = data[cut:]
    if far and rows * cols > max(AREA_FLOOR, AREA_FACTOR * cells):
        raise _refuse(QT_TRANSLATE_NOOP(
            "Importer", "工作表「{sheet}」第 {row} 列 {column} 欄：這個儲存格離其他資料太遠（工作表只有 {cells:,} 個"
                        "儲存格，卻要讀入約 {area:,} 個），請刪除多餘的儲存格或另存新檔後再匯入。"),
            sheet, far[0], far[1], cells=cells, area=rows * cols)
    return merges


def _letters(ref: str) -> str:
    m = re.match(r"[A-Za-z]*", ref)
    return m.group() if m else ""


def main_of(root) -> str:
    """``{namespace}`` of a workbook part's root: the usual one or the strict one."""
    return STRICT_MAIN if root.tag.startswith(STRICT_MAIN) else MAIN


def workbook_parts(zf: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """The workbook's relationships: id -> (the part, as the zip names it; its type)."""
    if "xl/_rels/workbook.xml.rels" not in zf.namelist():
        return {}
    parts = {}
    for r in fromstring(zf.read("xl/_rels/workbook.xml.rels")):
        target = r.get("Target", "").lstrip("/")
        parts[r.get("Id")] = (target if target.startswith("xl/") else "xl/" + target, r.get("Type", ""))
    return parts


def sheet_targets(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, its XML part) of the workbook's sheets, in order."""
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        return []
    targets = {rid: part for rid, (part, _type) in workbook_parts(zf).items()}
    book = fromstring(zf.read("xl/workbook.xml"))
    main = main_of(book)
    rel_id = STRICT_REL_ID if main == STRICT_MAIN else REL_ID
    return [(sheet.get("name", ""), targets[sheet.get(rel_id)])
            for sheet in book.iter(f"{main}sheet")
            if targets.get(sheet.get(rel_id)) in names]


def check_workbook(path) -> dict[str, list[Merge]]:
    """``check_sheet`` for every sheet of the workbook at ``path``: each sheet's merged
    ranges of more than one row, by its name."""
    merges = {}
    with zipfile.ZipFile(path) as zf:
        for name, target in sheet_targets(zf):
            with zf.open(target) as stream:
                merges[name] = check_sheet(stream, name)
    return merges


def _shared_count(zf: zipfile.ZipFile) -> int:
    if "xl/sharedStrings.xml" not in zf.namelist():
        return 0
    n = 0
    with zf.open("xl/sharedStrings.xml") as f:
        for _event, el in iterparse(f):
            if el.tag == f"{MAIN}si":
                n += 1
                el.clear()
    return n


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


#: The cell types (``t``) of SpreadsheetML, and a boolean cell's values.
_KINDS = frozenset({"n", "s", "str", "inlineStr", "b", "e", "d"})
_BOOLEANS = frozenset({"0", "1", "true", "false"})


def explain(path, sheet: str) -> MalformedSheet | None:
    """Why calamine refused ``sheet``: the first cell whose value does not fit its type (a
    number cell that is not a number, a shared-string index that is not one or is past the
    table, a boolean that is neither 0 nor 1, a type SpreadsheetML does not have), as a
    ``MalformedSheet``; None when none is found."""
    try:
        with zipfile.ZipFile(path) as zf:
            target = dict(sheet_targets(zf)).get(sheet)
            if target is None:
                return None
            shared = _shared_count(zf)
            row = 0
            with zf.open(target) as f:
                for _event, el in iterparse(f):
                    if el.tag == f"{MAIN}row":
                        el.clear()
                        continue
                    if el.tag != f"{MAIN}c":
                        continue
                    ref = el.get("r", "")
                    good = _REF.fullmatch(ref)
                    row = int(good.group(2)) if good else row
                    column = good.group(1) if good else ""
                    kind = el.get("t", "n")
                    v = el.find(f"{MAIN}v")
                    text = (v.text or "").strip() if v is not None else None
                    el.clear()
                    if text is None:
                        continue
                    if kind == "n" and not _number(text):
                        return _refuse(QT_TRANSLATE_NOOP(
                            "Importer", "工作表「{sheet}」第 {row} 列 {column} 欄：數字儲存格的值「{value}」不是數字，"
                                        "檔案可能已損壞，無法匯入。"), sheet, row, column, value=text[:40])
                    if kind not in _KINDS or (kind == "b" and text.lower() not in _BOOLEANS):
                        return _refuse(QT_TRANSLATE_NOOP(
                            "Importer", "工作表「{sheet}」第 {row} 列 {column} 欄：儲存格的內容「{value}」與它的類型"
                                        "（t=\"{kind}\"）不符，檔案可能已損壞，無法匯入。"),
                            sheet, row, column, value=text[:40], kind=kind[:20])
                    if kind == "s" and not (text.isdigit() and int(text) < shared):
                        return _refuse(QT_TRANSLATE_NOOP(
                            "Importer", "工作表「{sheet}」第 {row} 列 {column} 欄：文字儲存格指向的共用字串「{value}」"
                                        "不存在（共有 {count} 個），檔案可能已損壞，無法匯入。"),
                            sheet, row, column, value=text[:40], count=shared)
    except (OSError, KeyError, zipfile.BadZipFile, ParseError):
        return None
    return None
