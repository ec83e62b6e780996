"""Reading an import's file into sheets (``importer.read_sheets``).

A ``.xlsx`` workbook's sheets through python-calamine (a workbook too large for it streamed a
row at a time by ``xlsx_stream``), its error cells put back from the sheet's XML
(``_error_cells``); a ``.csv`` file in UTF-16, UTF-8 or Windows' Big5 with its 造字
(``decode_csv``), read a line at a time.  Each is a ``Sheet``: its header, its rows numbered
as the file shows them (read lazily, and again when asked), and the cells holding 造字."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.domain.i18n import QT_TRANSLATE_NOOP

from . import xlsx_guard, xlsx_stream
from .import_cells import _text
from .import_records import UnreadableFile

# ---------------------------------------------------------------- reading


@dataclass
class Sheet:
    name: str
    header: list
    rows: Iterator[tuple[int, list]]  # (row number as the file shows it, values)
    total: int  # rows, for progress (an estimate for xlsx)
    #: (row number, column header, the cell's text) of each cell holding a user-defined
    #: character (造字), filled while ``rows`` is read.
    private: list[tuple[int, str, str]] = field(default_factory=list)
    #: The rows read again from the start (after the header), unflagged: an orders sheet is
    #: read twice (``_Checker.orders``) rather than held.
    reopen: Callable[[], Iterator[tuple[int, list]]] | None = None


#: Unicode's private-use area: where Windows puts Big5's user-defined characters (造字).
_PRIVATE = re.compile("[\ue000-\uf8ff]+")
#: One Big5 character of Windows cp950's user-defined (EUDC) ranges: FA40–FEFE, 8E40–A0FE,
#: 8140–8DFE and C6A1–C8FE (Python's cp950 refuses the first three and reads most of the last
#: as the ETen extension's kana; Windows reads all four as private-use code points).
_EUDC_PAIR = rb"(?:[\x81-\xa0\xfa-\xfe][\x40-\x7e\xa1-\xfe]|\xc6[\xa1-\xfe]|[\xc7\xc8][\x40-\x7e\xa1-\xfe])"
#: Everything before the next EUDC character, taken one whole character at a time so that a
#: trail byte is never read as a lead byte.
_EUDC_SPLIT = re.compile(rb"((?:[\x00-\x80]|(?!" + _EUDC_PAIR + rb")[\x81-\xfe][\x40-\x7e\xa1-\xfe]"
                         rb"|[\x81-\xfe](?![\x40-\x7e\xa1-\xfe])|\xff)*?)(" + _EUDC_PAIR + rb")")
#: Each EUDC range: (first lead byte, last lead byte, the code point of its first lead's trail
#: byte 40).  157 characters per lead byte (trail 40–7E, A1–FE); C6's start at trail A1.
_EUDC_RANGES = ((0xFA, 0xFE, 0xE000), (0x8E, 0xA0, 0xE311), (0x81, 0x8D, 0xEEB8),
                (0xC6, 0xC8, 0xF6B1 - 63))


def _eudc(pair: bytes) -> str:
    """The private-use code point Windows cp950 gives a user-defined Big5 character."""
    lead, trail = pair
    index = trail - 0x40 if trail <= 0x7E else trail - 0xA1 + 63
    first, base = next((first, base) for first, last, base in _EUDC_RANGES if first <= lead <= last)
    return chr(base + (lead - first) * 157 + index)


def _eten(pair: bytes) -> str:
    try:
        return pair.decode("cp950")
    except UnicodeDecodeError:
        return ""


#: What Python's cp950 reads in C6A1–C8FE (ETen's kana, circled numbers…): a line holding
#: one of them is decoded again the slow way, in case it came from those bytes.
_ETEN = re.compile("[" + re.escape("".join(
    _eten(bytes((lead, trail))) for lead in (0xC6, 0xC7, 0xC8) for trail in range(0x40, 0xFF)
    if (lead, trail) >= (0xC6, 0xA1) and (trail <= 0x7E or trail >= 0xA1))) + "]")


def _decode_cp950(data: bytes) -> str:
    """Big5 as Windows reads it: cp950, with the user-defined characters as private-use code
    points (U+E000…U+F848) instead of an error.  Line by line (a line feed is never part of a
    Big5 character): most lines take the codec's fast path."""
    try:
        text = data.decode("cp950")
        if not _ETEN.search(text):
            return text
    except UnicodeDecodeError:
        pass
    lines = []
    for line in data.split(b"\n"):
        try:
            text = line.decode("cp950")
            if not _ETEN.search(text):
                lines.append(text)
                continue
        except UnicodeDecodeError:
            pass
        parts, end = [], 0
        while m := _EUDC_SPLIT.match(line, end):  # anchored: never inside a character
            parts.append(m.group(1).decode("cp950"))
            parts.append(_eudc(m.group(2)))
            end = m.end()
        parts.append(line[end:].decode("cp950"))
        lines.append("".join(parts))
    return "\n".join(lines)


def decode_csv(data: bytes) -> str:
    """UTF-16 with its BOM (Excel's 「Unicode 文字」), UTF-8 (with or without BOM), else Big5 as
    Windows writes it (cp950, a superset, with its user-defined characters)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            return _decode_cp950(data)
        except UnicodeDecodeError:
            pass
    raise UnreadableFile(QT_TRANSLATE_NOOP(
        "Importer", "無法辨識檔案的文字編碼：請存成 UTF-8、Big5 或 Unicode（UTF-16）的 CSV。")) from None


def _delimiter(text: str) -> str:
    """A tab when the header line has more tabs than commas (Excel's 「Unicode 文字」 and
    「文字檔（Tab 字元分隔）」 are tab-separated), else a comma."""
    line = text.split("\n", 1)[0]
    return "\t" if line.count("\t") > line.count(",") else ","


def read_sheets(path: str | Path) -> list[Sheet]:
    """The file's sheets: a CSV is one sheet named after the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return [_read_csv(path)]
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
    except UnreadableFile:
        raise
    except (OSError, ValueError, KeyError, csv.Error) as exc:
        raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "無法讀取檔案：{error}"),
                             error=str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged workbook raises many kinds
        raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "無法讀取檔案：{error}"),
                             error=f"{type(exc).__name__}: {exc}") from exc
    raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "只能匯入 .xlsx 或 .csv 檔案。"))


def _read_csv(path: Path) -> Sheet:
    """The CSV file as a sheet whose rows are read from the file as they are checked (never
    the whole text in memory): a first reading finds its encoding (``decode_csv``'s choice,
    by decoding all of it), its lines, its delimiter and whether it has 造字."""
    codec, lines, first, private = _scan_csv(path)
    delimiter = _delimiter(first)

    def reopen(header: list | None = None) -> Iterator[tuple[int, list]]:
        reader = csv.reader(_csv_lines(path, codec), delimiter=delimiter)
        found = next(reader, [])
        if header is not None:
            header.extend(found)
        return _csv_rows(reader, path.name)

    header: list = []
    sheet = Sheet(path.name, header, reopen(header), max(lines - 1, 0), reopen=reopen)
    if private:
        _flag_private(sheet)
    return sheet


def _scan_csv(path: Path) -> tuple[str, int, str, bool]:
    """(codec, line feeds, first line, whether a cell may hold 造字) of a CSV file, decoded a
    piece at a time as ``decode_csv`` decodes it whole: UTF-16 with its BOM, UTF-8 with its
    BOM, else UTF-8, else Windows' Big5 (``_CP950``); ``UnreadableFile`` when none reads it."""
    with open(path, "rb") as f:
        head = f.read(3)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codecs_ = ("utf-16",)
    elif head.startswith(b"\xef\xbb\xbf"):
        codecs_ = ("utf-8-sig",)
    else:
        codecs_ = ("utf-8", _CP950)
    for codec in codecs_:
        lines, first, private = 0, "", False
        try:
            for piece in _decoded(path, codec):
                if not lines:  # the header line: until the first line feed
                    first += piece
                lines += piece.count("\n")
                private = private or bool(_PRIVATE.search(piece))
            return codec, lines, first.split("\n", 1)[0], private
        except UnicodeDecodeError:
            if codec == "utf-8-sig":  # as decode_csv: the codec's own error
                path.read_bytes()[3:].decode("utf-8")
    raise UnreadableFile(QT_TRANSLATE_NOOP(
        "Importer", "無法辨識檔案的文字編碼：請存成 UTF-8、Big5 或 Unicode（UTF-16）的 CSV。")) from None


#: Windows' Big5 with its user-defined characters (``_decode_cp950``), read line by line.
_CP950 = "cp950+eudc"


def _decoded(path: Path, codec: str) -> Iterator[str]:
    """The file's text a piece at a time (``UnicodeDecodeError`` where ``codec`` fails)."""
    with open(path, "rb") as f:
        if codec == _CP950:
            for line in f:
                yield _decode_cp950(line)  # a line feed is never part of a Big5 character
            return
        import codecs

        decoder = codecs.getincrementaldecoder(codec)()
        while piece := f.read(1 << 20):
            yield decoder.decode(piece)
        yield decoder.decode(b"", final=True)


def _csv_lines(path: Path, codec: str) -> Iterator[str]:
    """The file's lines for the ``csv`` module (line ends as they are)."""
    if codec == _CP950:
        yield from _decoded(path, codec)
        return
    with open(path, encoding=codec, newline="") as f:
        yield from f


def _csv_rows(reader, name: str) -> Iterator[tuple[int, list]]:
    """The rows numbered as the file's lines; a line the csv module refuses (a cell of more
    than 131,072 characters, a NUL) refuses the file, naming the line."""
    try:
        yield from enumerate(reader, start=2)
    except csv.Error as exc:
        raise UnreadableFile(QT_TRANSLATE_NOOP(
            "Importer", "「{sheet}」第 {row} 列無法讀取（{error}），檔案可能已損壞，無法匯入。"),
            sheet=name, row=reader.line_num, error=str(exc)) from None


def _flag_private(sheet: Sheet) -> Sheet:
    """The sheet, its rows noting in ``sheet.private`` each cell with a user-defined character.
    Those rows are imported as they are (the character is kept, and shows right on a desk
    with the same 造字 font), with a warning: elsewhere it may show as a box or blank."""
    header = sheet.header
    rows = sheet.rows

    def flagged():
        for number, values in rows:
            for i, v in enumerate(values):
                if type(v) is str and _PRIVATE.search(v):
                    column = _text(header[i]) if i < len(header) else ""
                    sheet.private.append((number, column, v.strip()[:60]))
            yield number, values

    sheet.rows = flagged()
    return sheet


#: How an OLE compound file begins: Excel's workbook saved with a password, or an old .xls.
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")


def _a_zip(path: Path) -> None:
    """An .xlsx is a zip: else ``UnreadableFile`` in the clerk's words (the reader's own was
    "BadZipFile: File is not a zip file", whatever the file was)."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head == _OLE:
        raise UnreadableFile(QT_TRANSLATE_NOOP(
            "Importer", "這個檔案設有密碼，或是舊版 Excel（.xls）活頁簿：請在 Excel 移除密碼，"
                        "或另存成 Excel 活頁簿（.xlsx）後再匯入。"))
    if not head.startswith(b"PK"):
        raise UnreadableFile(QT_TRANSLATE_NOOP(
            "Importer", "這個檔案不是 Excel 活頁簿（.xlsx）：可能只下載了一部分、已經損壞，"
                        "或是改了副檔名的其他檔案（例如 CSV）。"))


def _read_xlsx(path: Path) -> list[Sheet]:
    """The workbook's sheets through python-calamine (Rust; about 4× faster than the
    ``iterparse`` reader it replaced, tests/old_xlsx_reader.py), with that reader's values:
    text stays text (a phone number typed as text keeps its leading zero), numbers are ``int``
    when whole else ``float``, date cells are ``datetime`` (a time-only cell a ``time``), empty
    cells ``None``, and each row carries the spreadsheet's own row number.  Calamine reads an
    error cell as empty: its text (#DIV/0!, #N/A…) is put back from the sheet's XML, so that
    the row is refused naming it rather than read as blank."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    _a_zip(path)
    try:
        merges = xlsx_guard.check_workbook(path)  # nothing calamine would hold in gigabytes
    except xlsx_guard.MalformedSheet as err:
        raise UnreadableFile(err.template, **err.params) from None
    if xlsx_stream.worksheet_bytes(path) > xlsx_stream.STREAM_ABOVE:
        return _stream_xlsx(path, merges)
    book = CalamineWorkbook.from_path(str(path))
    errors = _error_cells(path)
    sheets = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:  # a chart sheet has no rows
            continue
        name = meta.name
        try:
            sheet = book.get_sheet_by_name(name)
        except Exception as exc:  # noqa: BLE001 - calamine's own error: say which cell
            why = xlsx_guard.explain(path, name)
            if why is None:
                raise
            raise UnreadableFile(why.template, **why.params) from exc
        rows = _calamine_rows(sheet, errors.get(name, {}))
        first = next(rows, None)
        header, after = (first[1], first[0]) if first else ([], 0)
        merged = merges.get(name, [])
        sheets.append(_flag_private(Sheet(name, header, merged_down(rows, merged, after), max(sheet.height - 1, 0),
                                          reopen=_reopen(sheet, errors.get(name, {}), merged, after))))
    return sheets


def _stream_xlsx(path: Path, merges: dict[str, list[xlsx_guard.Merge]] | None = None) -> list[Sheet]:
    """The workbook's sheets read one row at a time (``xlsx_stream``: a workbook too large for
    calamine's copy), the same values as ``_read_xlsx`` gives (``merges``: the sheets' merged
    ranges, ``xlsx_guard.check_workbook``'s).  A cell that does not fit its type stops the
    reading with ``xlsx_guard.explain``'s message naming it."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        shared = xlsx_stream.SharedStrings(zf)
        dates = xlsx_stream.date_styles(zf)
        mac = xlsx_stream.epoch_1904(zf)
        targets = xlsx_guard.sheet_targets(zf)
        worksheets = xlsx_stream.worksheets(zf)
        totals = [xlsx_stream.dimension_rows(zf, target) or zf.getinfo(target).file_size // 800
                  for _name, target in targets]

    def opener(name: str, target: str) -> Callable[[], Iterator[tuple[int, list]]]:
        def rows() -> Iterator[tuple[int, list]]:
            number = 0
            try:
                for number, values in xlsx_stream.rows(path, target, shared, dates, mac):
                    yield number, values
            except xlsx_stream.READ_ERRORS as exc:
                why = xlsx_guard.explain(path, name)
                if why is None:  # the XML itself is damaged, or a cell (named in the error)
                    raise UnreadableFile(QT_TRANSLATE_NOOP(
                        "Importer", "「{sheet}」第 {row} 列無法讀取（{error}），檔案可能已損壞，無法匯入。"),
                        sheet=name, row=getattr(exc, "row", number + 1), error=str(exc)) from None
                raise UnreadableFile(why.template, **why.params) from None

        def after_header() -> Iterator[tuple[int, list]]:
            rows_ = rows()
            first = next(rows_, None)
            return merged_down(rows_, (merges or {}).get(name, []), first[0] if first else 0)

        return rows, after_header

    sheets = []
    for (name, target), total in zip(targets, totals, strict=True):
        if target not in worksheets:  # a chart sheet has no rows
            continue
        rows, after_header = opener(name, target)
        read = rows()
        first = next(read, None)
        header, after = (first[1], first[0]) if first else ([], 0)
        sheets.append(_flag_private(Sheet(name, header, merged_down(read, (merges or {}).get(name, []), after),
                                          max(total - 1, 0), reopen=after_header)))
    return sheets


def _reopen(sheet, errors: dict[int, list], merges: list[xlsx_guard.Merge],
            header: int) -> Callable[[], Iterator[tuple[int, list]]]:
    """The sheet's rows after its header (row ``header``), read again from calamine's copy
    (calamine holds the whole sheet anyway: python-calamine has no reader that streams a
    sheet)."""

    def rows():
        rows = _calamine_rows(sheet, errors)
        next(rows, None)
        return merged_down(rows, merges, header)

    return rows


def merged_down(rows: Iterator[tuple[int, list]], merges: list[xlsx_guard.Merge],
                header: int) -> Iterator[tuple[int, list]]:
    """``rows`` as the sheet shows them where cells are merged down: a range merged over
    several rows shows its first cell on each of them (an order's 訂單編號 and 訂購人 merged
    over its item rows), so each of those rows that holds a value of its own gets that value
    in the range's first column.  A range's other columns, covered by the merge, stay empty
    (Excel keeps no value there); a range that starts in the header row (``header``) or above
    it is left alone; a row with nothing but the merge is still an empty row."""
    starts: dict[int, list[tuple[int, int]]] = {}
    for first, col, last in merges:
        if first > header:
            starts.setdefault(first, []).append((col, last))
    if not starts:
        yield from rows
        return
    filling: list[tuple[int, int, object]] = []  # (column, last row, value)
    for number, values in rows:
        filling = [f for f in filling if f[1] >= number]
        for col, _last, value in filling:
            if col >= len(values):
                values.extend([None] * (col + 1 - len(values)))
            values[col] = value
        for col, last in starts.get(number, ()):
            if col < len(values) and values[col] is not None:
                filling.append((col, last, values[col]))
        yield number, values


def _calamine_rows(sheet, errors: dict[int, list]) -> Iterator[tuple[int, list]]:
    """(row number, values) of the rows that have a value, as the old reader gave them.
    ``iter_rows`` starts at the sheet's first row and at its first used column."""
    left = [None] * (sheet.start[1] if sheet.start else 0)
    for index, raw in enumerate(sheet.iter_rows()):
        values = left + [_cell(v) for v in raw]
        number = index + 1
        for col, text in errors.get(number, ()):
            values.extend([None] * (col + 1 - len(values)))
            values[col] = text
        while values and values[-1] is None:
            values.pop()
        if values:
            yield number, values


def _cell(value):
    if value == "":
        return None
    cls = type(value)
    if cls is float:
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if cls is date:
        return datetime(value.year, value.month, value.day)
    return value


#: An error cell in a sheet's XML: <c r="D5" ... t="e" ...><f>…</f><v>#DIV/0!</v></c>.
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*\bt="e")[^>]*\br="([A-Z]+)(\d+)"[^>]*(?<!/)>'
                         rb'(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>', re.S)


def _error_cells(path: Path) -> dict[str, dict[int, list]]:
    """What calamine does not tell (it reads an error cell as empty): sheet name -> {row
    number: [(column index, error text)]} of the workbook's error cells.  Each sheet's XML is
    streamed and searched for ``t="e"`` (1 s for 175 MB of XML); only a sheet that has one is
    parsed for them."""
    import zipfile

    marker = b't="e"'
    found: dict[str, dict[int, list]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, target in xlsx_guard.sheet_targets(zf):
            with zf.open(target) as f:
                tail = b""
                while chunk := f.read(1 << 20):
                    if marker in tail + chunk[:len(marker)] or marker in chunk:
                        break
                    tail = chunk[-len(marker):]
                else:
                    continue
            cells = found.setdefault(name, {})
            for m in _ERROR_CELL.finditer(zf.read(target)):
                col = 0
                for ch in m.group(1):
                    col = col * 26 + ch - 64
                cells.setdefault(int(m.group(2)), []).append(
                    (col - 1, m.group(3).decode("utf-8", "replace")))
    return found
