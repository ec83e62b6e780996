"""A ``.xlsx`` sheet read one row at a time, for workbooks too large for python-calamine
(issue 11, item 10: an import of 1,000,000 order rows within 300 MB).

python-calamine is the import's reader (issue 18: about twice as fast), but it holds a whole
sheet, every cell a Rust value: a 1,000,000-row sheet took 1,150 MB.  It has no reader that
streams.  A workbook whose sheets' XML is larger than ``STREAM_ABOVE`` is read here instead,
with the standard library's expat parser: each row is dropped once read, so memory stays
flat whatever the size (tests/test_xlsx_stream.py checks both readers give the same rows).

The values are calamine's as the importer gives them (``importer._cell``): text stays text,
a number is ``int`` when whole (below 10^15) else ``float``, a date-formatted number is a
``datetime`` (a time of day when below one day), ``True``/``False``, an error cell its text
(``#DIV/0!``), an empty cell ``None``.  Trailing empty cells are dropped and a row with no
value is skipped; each row carries its own number in the sheet.

Shared strings (Excel writes every text cell as an index into ``sharedStrings.xml``) are kept
as one UTF-8 buffer and the offsets into it (``SharedStrings``), not as a million Python
strings: 2,000,000 distinct strings cost about 60 MB rather than 200.
"""

from __future__ import annotations

import zipfile
import zlib
from array import array
from collections.abc import Iterator
from datetime import datetime
from xml.etree.ElementTree import fromstring
from xml.parsers.expat import ExpatError, ParserCreate

from app.services.xlsx_guard import MAIN

#: Above this many bytes of worksheet XML (uncompressed) the workbook is streamed: about
#: 80,000 rows of an order sheet, where calamine's copy passes 100 MB.
STREAM_ABOVE = 64 << 20

#: The names expat gives (``namespace_separator=" "``): the namespace, a space, the tag.
_NS = MAIN.strip("{}") + " "
_C, _V, _T, _ROW, _SI, _RPH = (_NS + t for t in ("c", "v", "t", "row", "si", "rPh"))

#: What reading a damaged sheet raises: a value that does not fit its cell's type, an index
#: past the shared strings, XML that is not, a zip member cut short or corrupt.
READ_ERRORS = (ValueError, IndexError, ArithmeticError, ExpatError, OSError, EOFError,
               zlib.error, zipfile.BadZipFile)


#: The XML fed to expat at a time: the rows it holds are what the reader holds.
FEED = 1 << 20


def _parse(stream, start, end, data) -> Iterator[None]:
    """Feed ``stream`` to expat with these handlers, ``FEED`` bytes at a time, pausing after
    each."""
    parser = ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = data
    while chunk := stream.read(FEED):
        parser.Parse(chunk, False)
        yield
    parser.Parse(b"", True)
    yield


def worksheet_bytes(path) -> int:
    """The uncompressed size of the workbook's worksheets, as its zip directory states it."""
    with zipfile.ZipFile(path) as zf:
        return sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))


class SharedStrings:
    """The workbook's shared strings, compact: ``self[i]`` is the i-th string.  A string is
    its text, or its runs' text; never the phonetic guide (rPh) Excel adds to Japanese."""

    def __init__(self, zf: zipfile.ZipFile):
        self._text = bytearray()
        self._ends = array("Q")
        if "xl/sharedStrings.xml" not in zf.namelist():
            return
        parts: list[str] = []
        reading = False
        phonetic = 0

        def start(name, _attrs):
            nonlocal reading, phonetic
            if name == _T and not phonetic:
                reading = True
            elif name == _RPH:
                phonetic += 1

        def end(name):
            nonlocal reading, phonetic
            if name == _T:
                reading = False
            elif name == _SI:
                self._text += "".join(parts).encode("utf-8")
                self._ends.append(len(self._text))
                parts.clear()
            elif name == _RPH:
                phonetic -= 1

        def data(chunk):
            if reading:
                parts.append(chunk)

        with zf.open("xl/sharedStrings.xml") as f:
            for _ in _parse(f, start, end, data):
                pass

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        if i < 0:
            raise IndexError(i)
        return self._text[self._ends[i - 1] if i else 0:self._ends[i]].decode("utf-8")


def date_styles(zf: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles (``s``) whose number format is a date or a time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    if "xl/styles.xml" not in zf.namelist():
        return frozenset()
    styles = fromstring(zf.read("xl/styles.xml"))
    custom = {int(n.get("numFmtId")): n.get("formatCode", "") for n in styles.iter(f"{MAIN}numFmt")}
    xfs = styles.find(f"{MAIN}cellXfs")
    found = set()
    for i, xf in enumerate(xfs if xfs is not None else ()):
        fid = int(xf.get("numFmtId", 0))
        if is_date_format(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General")):
            found.add(i)
    return frozenset(found)


def epoch_1904(zf: zipfile.ZipFile) -> bool:
    pr = fromstring(zf.read("xl/workbook.xml")).find(f"{MAIN}workbookPr")
    return pr is not None and pr.get("date1904") in ("1", "true")


def dimension_rows(zf: zipfile.ZipFile, target: str) -> int | None:
    """The last row of the sheet's ``<dimension ref>``, when it states one near the top."""
    import re

    with zf.open(target) as f:
        head = f.read(4096)
    m = re.search(rb'<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]*\d+:[A-Z]*(\d+)"', head)
    return int(m.group(1)) if m else None


def rows(zf_path, target: str, shared: SharedStrings, dates: frozenset[int],
         mac: bool) -> Iterator[tuple[int, list]]:
    """(row number, values) of each row of the sheet at ``target`` that holds a value.

    expat's callbacks, not ``iterparse``: building an element for every cell and value took
    three times as long as calamine, the callbacks about 1.3 times."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
    done: list[tuple[int, list]] = []
    values: list = []
    number = 0
    kind = style = None
    text: list[str] | None = None  # the cell's <v> (or inline <t>) text, once one is open
    reading = False
    phonetic = 0  # inside an inline string's phonetic guide (rPh): not its text

    def start(name, attrs):
        nonlocal values, number, kind, style, text, reading, phonetic
        if name == _C:
            ref = attrs.get("r")
            if ref:
                col = 0
                for ch in ref:
                    if ch <= "9":
                        break
                    col = col * 26 + ord(ch) - 64
                if len(values) < col - 1:
                    values.extend([None] * (col - 1 - len(values)))
            kind, style, text = attrs.get("t"), attrs.get("s"), None
        elif name == _V or name == _T:
            if not phonetic:
                reading = True
                if text is None:
                    text = []
        elif name == _ROW:
            values = []
            number = int(attrs.get("r") or 0) or number + 1
        elif name == _RPH:
            phonetic += 1

    def end(name):
        nonlocal reading, phonetic
        if name == _C:
            values.append(None if text is None else cell("".join(text)))
        elif name == _V or name == _T:
            reading = False
        elif name == _ROW:
            while values and values[-1] is None:
                values.pop()
            if values:
                done.append((number, values))
        elif name == _RPH:
            phonetic -= 1

    def data(chunk):
        if reading:
            text.append(chunk)

    def cell(value: str):
        if kind == "s":
            return shared[int(value)] or None
        if kind == "inlineStr" or kind == "str" or kind == "e":
            return value or None
        if kind == "b":
            return value in ("1", "true")
        if kind == "d":
            return datetime.fromisoformat(value)
        real = float(value)
        if style is not None and int(style) in dates and real >= 0:
            try:
                return from_excel(real, epoch)
            except (OverflowError, ValueError):
                pass  # no date (past 9999): the number, as calamine reads it
        if real.is_integer() and abs(real) < 1e15:
            return int(real)
        return real

    with zipfile.ZipFile(zf_path) as zf, zf.open(target) as f:
        for _ in _parse(f, start, end, data):
            yield from done
            done.clear()
