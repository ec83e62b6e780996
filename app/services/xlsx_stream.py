"""A ``.xlsx`` sheet read one row at a time, for workbooks too large for python-calamine
(issue 11, item 10: an import of 1,000,000 order rows within 300 MB).

python-calamine is the import's reader (issue 18: about twice as fast), but it holds a whole
sheet, every cell a Rust value: a 1,000,000-row sheet took 1,150 MB.  It has no reader that
streams.  A workbook whose sheets' XML is larger than ``STREAM_ABOVE`` is read here instead,
with the standard library's expat parser: each row is dropped once read, so memory stays
flat whatever the size (tests/test_xlsx_stream.py checks both readers give the same rows,
tests/test_xlsx_stream_fuzz.py on workbooks made at random).

The values are calamine's as the importer gives them (``importer._cell``): text stays text
(``_x000D_`` read as the character it stands for), a number is ``int`` when whole (below
10^15) else ``float``, a date-formatted number is a ``datetime`` to the millisecond (a time
of day when below one day; a ``timedelta`` for an elapsed-time format such as ``[h]:mm``),
``True``/``False``, an error cell its text (``#DIV/0!``), an empty cell (or ``<v/>``)
``None``.  Trailing empty cells are dropped and a row with no value is skipped; each row
carries its own number in the sheet.  Where the two differ on purpose (a negative serial in
a date cell stays its number; calamine gives the time of day of its fraction) the test says.

A damaged sheet raises ``DamagedSheet`` naming the row (and the cell), after the rows read
whole before the damage.

Shared strings (Excel writes every text cell as an index into ``sharedStrings.xml``) are kept
as one UTF-8 buffer and the offsets into it (``SharedStrings``), not as a million Python
strings: 2,000,000 distinct strings cost about 60 MB rather than 200.
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from itertools import pairwise
from xml.etree.ElementTree import fromstring
from xml.parsers.expat import ExpatError, ParserCreate

from app.services.xlsx_guard import MAIN, MAX_COL, STRICT_MAIN, column_letters, main_of, workbook_parts

#: Above this many bytes of worksheet XML (uncompressed) the workbook is streamed: about
#: 80,000 rows of an order sheet, where calamine's copy passes 100 MB.
STREAM_ABOVE = 64 << 20


def _tags(zf: zipfile.ZipFile, member: str) -> tuple[str, ...]:
    """The names expat gives (``namespace_separator=" "``: the namespace, a space, the tag)
    to <c>, <v>, <t>, <row>, <si> and <rPh> in this part: a strict workbook's namespace is
    not the usual one."""
    with zf.open(member) as f:
        head = f.read(4096)
    ns = STRICT_MAIN if STRICT_MAIN.strip("{}").encode() in head else MAIN
    return tuple(ns.strip("{}") + " " + t for t in ("c", "v", "t", "row", "si", "rPh"))


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


def worksheets(zf: zipfile.ZipFile) -> set[str]:
    """The parts of the workbook's worksheets, wherever it keeps them (xl/worksheets/ as Excel
    does, or elsewhere), by their relationship's type: its chart, dialog and macro sheets
    left out, as calamine leaves them."""
    return {part for part, kind in workbook_parts(zf).values() if kind.endswith("/worksheet")}


def worksheet_bytes(path) -> int:
    """The uncompressed size of the workbook's worksheets, as its zip directory states it."""
    with zipfile.ZipFile(path) as zf:
        parts = worksheets(zf)
        return sum(i.file_size for i in zf.infolist()
                   if i.filename in parts or i.filename.startswith("xl/worksheets/"))


class SharedStrings:
    """The workbook's shared strings, compact: ``self[i]`` is the i-th string.  A string is
    its text, or its runs' text; never the phonetic guide (rPh) Excel adds to Japanese."""

    def __init__(self, zf: zipfile.ZipFile):
        self._text = bytearray()
        self._ends = array("Q")
        if "xl/sharedStrings.xml" not in zf.namelist():
            return
        _C, _V, _T, _ROW, _SI, _RPH = _tags(zf, "xl/sharedStrings.xml")
        parts: list[str] = []
        reading = False
        phonetic = 0
        first = 0  # where the <t> being read starts in parts

        def start(name, _attrs):
            nonlocal reading, phonetic, first
            if name == _T and not phonetic:
                reading, first = True, len(parts)
            elif name == _RPH:
                phonetic += 1

        def end(name):
            nonlocal reading, phonetic
            if name == _T:
                if reading:  # an escape is within one <t>, not across a rich text's runs
                    _unescape_from(parts, first)
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


#: The built-in number formats (``numFmtId`` with no ``<numFmt>`` of its own) that show a date
#: or a time: 14–22 and 45, 47 everywhere, 27–36 and 50–58 the East Asian ones (民國 dates in a
#: Taiwanese Excel); 46 (``[h]:mm:ss``) shows a duration.  As python-calamine reads them.
_BUILTIN_DATES = frozenset([*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)])
_BUILTIN_DURATION = 46

#: What a date style makes of a number: a date (or a time of day), or a duration.
DATE, DURATION = "date", "duration"


def format_kind(code: str) -> str | None:
    """``DATE``, ``DURATION`` or None for a number format code, as python-calamine decides it
    (which ``openpyxl``'s ``is_date_format`` does not quite: ``[h]:mm`` is a duration there).

    Only the first section counts (up to ``;``).  Quoted text, a character after ``\\``, ``_``
    or ``*``, and anything in brackets are not format letters, except a bracket holding only
    one repeated h, m or s (``[h]``, ``[mm]``): an elapsed time, a duration.  Outside them a d,
    m, h, y or s makes a date; after an ``a`` (AM/PM) so does a p, m or ``/``."""
    literal = quoted = False
    depth = 0
    elapsed = False  # inside [ with only h, m or s so far
    prev = " "
    after_a = False
    for ch in code:
        if literal:
            literal = False
        elif quoted:
            quoted = ch != '"'
        elif ch in "\\_*":
            literal = True
        elif ch == '"':
            quoted = True
        elif ch == ";":
            return None
        elif ch == "[":
            depth += 1
        elif ch == "]":
            if depth == 1 and elapsed:
                return DURATION
            depth = max(depth - 1, 0)
        elif depth == 0 and not after_a and ch in "aA":
            after_a = True
        elif depth == 0 and after_a and ch in "pmPM/":
            return DATE
        elif depth == 0 and not after_a and ch in "dmhysDMHYS":
            return DATE
        elif not (elapsed and ch.lower() == prev.lower()):
            elapsed = prev == "[" and ch in "hmsHMS"
        prev = ch
    return None


def date_styles(zf: zipfile.ZipFile) -> dict[str, str]:
    """The cell styles (``s``, as the sheet writes it) whose number format shows a date or a
    time (``DATE``) or a duration (``DURATION``)."""
    if "xl/styles.xml" not in zf.namelist():
        return {}
    styles = fromstring(zf.read("xl/styles.xml"))
    main = main_of(styles)
    custom = {n.get("numFmtId", "").strip(): n.get("formatCode", "")
              for n in styles.iter(f"{main}numFmt")}
    xfs = styles.find(f"{main}cellXfs")
    found = {}
    for i, xf in enumerate(xfs if xfs is not None else ()):
        fid = xf.get("numFmtId", "0").strip()
        if fid in custom:
            kind = format_kind(custom[fid])
        elif fid.isdigit():
            n = int(fid)
            kind = DATE if n in _BUILTIN_DATES else DURATION if n == _BUILTIN_DURATION else None
        else:
            kind = None
        if kind:
            found[str(i)] = kind
    return found


def epoch_1904(zf: zipfile.ZipFile) -> bool:
    book = fromstring(zf.read("xl/workbook.xml"))
    pr = book.find(f"{main_of(book)}workbookPr")
    return pr is not None and pr.get("date1904") in ("1", "true")


def dimension_rows(zf: zipfile.ZipFile, target: str) -> int | None:
    """The last row of the sheet's ``<dimension ref>``, when it states one near the top."""
    with zf.open(target) as f:
        head = f.read(4096)
    m = re.search(rb'<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]*\d+:[A-Z]*(\d+)"', head)
    return int(m.group(1)) if m else None


class DamagedSheet(ValueError):
    """A sheet that stops being readable at ``row`` (its number in the sheet): a cell whose
    value does not fit its type, or XML cut short."""

    def __init__(self, row: int, what: str):
        super().__init__(what)
        self.row = row


#: A character Excel cannot put in XML, written ``_x000D_`` (ST_Xstring); ``_x005F_`` is ``_``.
#: The surrogates and U+FFFE/U+FFFF stay as written, as python-calamine leaves them.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(m: re.Match) -> str:
    n = int(m.group(1), 16)
    return m.group() if 0xD800 <= n <= 0xDFFF or n >= 0xFFFE else chr(n)


def unescape(text: str) -> str:
    return _ESCAPED.sub(_unescape, text) if "_x" in text else text


def _unescape_from(parts: list[str], first: int) -> None:
    """``parts[first:]``, the text of one <t> or <v>, unescaped (``_x000D_``) in place."""
    if len(parts) == first + 1:
        if "_x" in parts[first]:
            parts[first] = unescape(parts[first])
    elif len(parts) > first:
        parts[first:] = [unescape("".join(parts[first:]))]


#: A ``t="d"`` cell's ISO 8601 text, as python-calamine accepts it (else it stays text): a
#: date and time with seconds, a date, or a time; one- or two-digit fields, no time zone.
_ISO_DATETIME = re.compile(r"\s*(\d{4})-(\d\d?)-(\d\d?)T(\d\d?):(\d\d?):(\d\d?)(?:\.(\d+))?\s*")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d\d?)-(\d\d?)\s*")
_ISO_TIME = re.compile(r"\s*(\d\d?):(\d\d?)(?::(\d\d?)(?:\.(\d+))?)?\s*")


def iso_date(text: str) -> datetime | time | str:
    """A ``t="d"`` cell's value: a ``datetime`` (a date at midnight), a ``time``, or its text
    when it is none of these (a time zone, no seconds after a date, a 30th of February)."""
    try:
        if m := _ISO_DATETIME.fullmatch(text):
            y, mo, d, h, mi, sec, frac = m.groups()
            return datetime(int(y), int(mo), int(d), int(h), int(mi), min(int(sec), 59),
                            int((frac or "0")[:6].ljust(6, "0")))
        if m := _ISO_DATE.fullmatch(text):
            return datetime(*map(int, m.groups()))
        if m := _ISO_TIME.fullmatch(text):
            h, mi, sec, frac = m.groups()
            return time(int(h), int(mi), min(int(sec or 0), 59), int((frac or "0")[:6].ljust(6, "0")))
    except ValueError:
        pass
    return text


def rows(zf_path, target: str, shared: SharedStrings, dates: dict[str, str],
         mac: bool) -> Iterator[tuple[int, list]]:
    """(row number, values) of each row of the sheet at ``target`` that holds a value;
    ``DamagedSheet`` naming the row (and the cell) where it cannot be read.

    expat's callbacks, not ``iterparse``: building an element for every cell and value took
    three times as long as calamine, the callbacks about 1.3 times."""
    with zipfile.ZipFile(zf_path) as zf:
        _C, _V, _T, _ROW, _SI, _RPH = _tags(zf, target)
    done: list[tuple[int, list]] = []
    values: list = []
    number = 0
    numbered = True  # the row has its r, or a cell's r has given its number
    in_row = False
    kind = style = None
    text: list[str] | None = None  # the cell's <v> (or inline <t>) text, once one is open
    reading = False
    phonetic = 0  # inside an inline string's phonetic guide (rPh): not its text
    runs: list[int] | None = None  # where each <t> after an inline string's first starts in text
    back: int | None = None  # the cell's place when its r is left of the cells read before it

    def start(name, attrs):
        nonlocal values, number, numbered, in_row, kind, style, text, reading, phonetic, runs, back
        if name == _C:
            ref = attrs.get("r")
            if ref:
                col = 0
                for ch in ref:
                    if ch <= "9":
                        break
                    col = col * 26 + ord(ch) - 64
                if not numbered:  # a <row> without r: its first cell's r numbers it
                    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                    if digits.isdigit():
                        number, numbered = int(digits), True
                gap = col - 1 - len(values)
                if gap:
                    if gap > 0:
                        if col > MAX_COL:
                            raise DamagedSheet(number, f"{ref[:20]}: past column XFD")
                        values.extend([None] * gap)
                    elif col:  # left of the cells already read: in its own place
                        back = col - 1
            kind, style, text, runs = attrs.get("t"), attrs.get("s"), None, None
        elif name == _V:
            reading = True
            if text is None:
                text = []
        elif name == _T:
            if not phonetic:
                reading = True
                kind = "inlineStr"  # an <is> is text whatever t says, as calamine reads it
                if text is None:
                    text = []
                elif runs is None:
                    runs = [len(text)]
                else:
                    runs.append(len(text))
        elif name == _ROW:
            values, in_row = [], True
            r = attrs.get("r")
            numbered = bool(r)
            number = int(r) if r else number + 1
        elif name == _RPH:
            phonetic += 1

    def end(name):
        nonlocal reading, phonetic, in_row, back
        if name == _C:
            if text is None:
                if back is None:
                    values.append(None)
                back = None
                return
            try:
                value = cell("".join(text))
            except (ValueError, IndexError, ArithmeticError) as exc:
                ref = column_letters((len(values) if back is None else back) + 1) + str(number)
                raise DamagedSheet(number, f"{ref}: {exc}") from None
            if back is None:
                values.append(value)
            else:  # in its place; of two cells with one r, the last (as calamine)
                values[back] = value
                back = None
        elif name == _V or name == _T:
            reading = False
        elif name == _ROW:
            in_row = False
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
        if not value:
            return None  # <v/>: an empty cell, whatever its type
        if kind == "s":
            return shared[int(value)] or None
        if kind is None or kind == "n":
            try:  # as Rust's f64 parser (calamine's) reads it: no spaces, no "1_000", no "１２"
                real = float(value)
                if not value.isascii() or "_" in value or value[0] <= " " or value[-1] <= " ":
                    real = None
            except ValueError:
                real = None
            if real is None:
                if kind is None:  # no type, not a number: calamine reads it as text
                    return value
                raise ValueError(f"not a number: {value[:40]!r}")
            shown = dates.get(style) if style is not None else None
            if shown is not None and real == real and (shown == DURATION or real >= 0):
                try:
                    return _serial(real, shown, mac)
                except OverflowError:
                    pass  # no date (past 9999): the number, as calamine reads it
            if real.is_integer() and abs(real) < 1e15:
                return int(real)
            return real
        if kind == "inlineStr" or kind == "str":
            if "_x" not in value:
                return value
            if runs is None:
                return unescape(value)
            # an escape (_x000D_) is within one <t>, not across a rich text's runs
            cuts = [0, *runs, len(text)]
            return "".join(unescape("".join(text[a:b])) for a, b in pairwise(cuts))
        if kind == "e":
            return value
        if kind == "b":
            flag = value.strip().lower()
            if flag in ("1", "true"):
                return True
            if flag in ("0", "false"):
                return False
            raise ValueError(f"not a boolean: {value[:40]!r}")
        if kind == "d":
            return iso_date(value)
        raise ValueError(f'no cell type t="{kind[:20]}"')

    try:
        with zipfile.ZipFile(zf_path) as zf, zf.open(target) as f:
            for _ in _parse(f, start, end, data):
                yield from done
                done.clear()
        return
    except DamagedSheet as exc:
        damage = exc
    except READ_ERRORS as exc:  # the XML or the zip member broken: in the row being read
        damage = DamagedSheet(number if in_row else number + 1, str(exc))
        damage.__cause__ = exc
    yield from done  # the rows read whole before the damage, then the damage
    raise damage


#: Day 1 of Excel's calendar is 1900-01-01; from day 60 (its 1900-02-29, a day that never was)
#: the days count from 1899-12-30.  A 1904 workbook's day 0 is 1904-01-01, day 1462 of 1900's.
_DAY_0, _DAY_0_AFTER_FEB_1900 = datetime(1899, 12, 31), datetime(1899, 12, 30)
_MS_A_DAY = 86_400_000


def _ms(days: float) -> int:
    """The days in whole milliseconds, a half rounded away from zero (as calamine rounds)."""
    ms = days * _MS_A_DAY
    return math.floor(ms + 0.5) if ms >= 0 else -math.floor(-ms + 0.5)


def _serial(real: float, shown: str, mac: bool) -> datetime | time | timedelta:
    """A date cell's number as python-calamine gives it: a duration, a time of day when below
    one (23:59:59.9996 rounds to 00:00), else a date and time to the millisecond;
    ``OverflowError`` past 9999-12-31."""
    if shown == DURATION:
        return timedelta(milliseconds=_ms(real))
    if real < 1:
        ms = _ms(real) % _MS_A_DAY
        return time(ms // 3_600_000, ms // 60_000 % 60, ms // 1000 % 60, ms % 1000 * 1000)
    if mac:
        real += 1462
    try:
        return (_DAY_0 if real < 60 else _DAY_0_AFTER_FEB_1900) + timedelta(milliseconds=_ms(real))
    except ValueError as exc:  # (ms past what an int64 holds)
        raise OverflowError(str(exc)) from None
