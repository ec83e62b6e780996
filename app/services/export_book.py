"""The workbook writer of the exports (split from ``export``): safe cell values
(``clean_text``, ``sheet_title``, ``_is_risky``), the write-only sheet with its formats,
totals and print setup (``_Sheet``, ``_print_ready``), the workbook saved beside its target and
moved into place (``_Workbook``), and the errors an export raises.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from app import __version__
from app.domain.i18n import QT_TRANSLATE_NOOP

from .export_files import _remove, _stream_beside, scratch_file

Translate = Callable[[str, str], str]

MAX_CELL_TEXT = 32767  # Excel's limit on the characters in one cell

MONEY_FORMAT = '"NT$"#,##0;-"NT$"#,##0'
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"

#: Characters XML 1.0 cannot carry (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F),
#: and the C1 controls, which no customer means to type.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: What a spreadsheet would read as the start of a formula (or strip, for tab / CR).
FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")
_ERROR_LOOKALIKES = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
)


_UMASK = os.umask(0o022)
os.umask(_UMASK)


class ExportError(Exception):
    """An export that did not produce its file (the target is untouched)."""


class ExportCancelled(ExportError):
    """The clerk pressed Cancel."""


class TargetLocked(ExportError):
    """The target could not be replaced: most often it is open in Excel (Windows refuses)."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


FILTERED_TOTAL = QT_TRANSLATE_NOOP("Export", "篩選列合計")


# ---------------------------------------------------------------- cell values


def clean_text(value) -> str:
    """Customer text as a cell can hold it: unsafe characters removed, at most 32,767 chars."""
    text = value if isinstance(value, str) else str(value)
    if _UNSAFE_CHARS.search(text):
        text = _UNSAFE_CHARS.sub("", text)
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT]


_SHEET_TITLE_BAD = str.maketrans({"[": "(", "]": ")", ":": "_", "*": "_", "?": "_", "/": "_",
                                  "\\": "_"})


def sheet_title(text: str) -> str:
    """A (translated) sheet name Excel accepts: none of ``[]:*?/\\``, at most 31 characters."""
    return clean_text(text).translate(_SHEET_TITLE_BAD).strip("'")[:31] or "Sheet"


_STARTER_SET = frozenset(FORMULA_STARTERS)


def _is_risky(text: str) -> bool:
    first = text[:1]
    return first in _STARTER_SET or (first == "#" and text.upper() in _ERROR_LOOKALIKES)


class _Sheet:
    """A write-only worksheet with one reusable styled cell per typed column."""

    def __init__(self, wb, title: str, columns: list[tuple[str, str, float]], translate: Translate,
                 *, freeze: bool = True):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self._cell = WriteOnlyCell
        self._translate = translate
        self.ws = wb.create_sheet(sheet_title(title))
        self.kinds = [kind for _h, kind, _w in columns]
        if freeze:
            self.ws.freeze_panes = "A2"  # before the first row: write-only mode writes it first
        _print_ready(self.ws, repeat_header=freeze)
        for i, (_h, _k, width) in enumerate(columns, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        bold = Font(bold=True)
        header = []
        for head, _k, _w in columns:
            c = WriteOnlyCell(self.ws, translate("Export", head))
            c.font = bold
            header.append(c)
        _stream_beside(self.ws, wb.scratch_folder)
        self.ws.append(header)
        formats = {"money": MONEY_FORMAT, "datetime": DATETIME_FORMAT, "date": DATE_FORMAT}
        self.templates = []
        for kind in self.kinds:
            if kind in formats:
                c = WriteOnlyCell(self.ws)
                c.number_format = formats[kind]
                self.templates.append(c)
            else:
                self.templates.append(None)
        self.rows = 0
        self.last_col = get_column_letter(len(columns))
        #: The money columns' sums so far (index → NT$), stored in the totals row.
        self.sums = [0] * len(columns)

    def text(self, value):
        if value is None:
            return None
        text = clean_text(value)
        if not _is_risky(text):
            return text
        c = self._cell(self.ws, text)
        c.data_type = "s"  # never a formula or an error value
        c.quotePrefix = True  # and Excel keeps it text when the cell is edited
        return c

    def append(self, values: Iterable) -> None:
        row = []
        for value, kind, template in zip(values, self.kinds, self.templates, strict=True):
            if value is None or value == "":
                row.append(None)
            elif kind == "text":
                row.append(self.text(value))
            elif template is not None:
                template.value = value
                row.append(template)
                if kind == "money":
                    self.sums[len(row) - 1] += value
            else:
                row.append(value)
        self.ws.append(row)
        self.rows += 1

    def finish(self, money_columns: list[int], label: str) -> None:
        """Autofilter over header and rows; under the money columns a totals row of stored
        sums (what pandas, previews and ``data_only`` readers see), and below it the same sums
        as SUBTOTAL formulas, which follow the rows the accountant filters in Excel."""
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        last = self.rows + 1
        self.ws.auto_filter.ref = f"A1:{self.last_col}{last}"
        if not money_columns:
            return
        self.ws.append([])
        stored = [None] * len(self.kinds)
        formulas = [None] * len(self.kinds)
        stored[0] = self.text(label)
        formulas[0] = self.text(self._translate("Export", FILTERED_TOTAL))
        for i in money_columns:
            letter = get_column_letter(i + 1)
            for row, value in ((stored, self.sums[i]), (formulas, f"=SUBTOTAL(109,{letter}2:{letter}{max(last, 2)})")):
                c = self._cell(self.ws, value)
                c.number_format = MONEY_FORMAT
                c.font = Font(bold=True)
                row[i] = c
        self.ws.append(stored)
        self.ws.append(formulas)


def _print_ready(ws, *, repeat_header: bool) -> None:
    """Every sheet prints landscape, as wide as the page, as many pages down as it takes,
    with its header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_header:
        ws.print_title_rows = "1:1"


# ---------------------------------------------------------------- the workbook file


class _Workbook:
    """A write-only workbook that is saved beside ``path`` and moved into place."""

    def __init__(self, path: Path, *, operator: str, title: str):
        from openpyxl import Workbook

        self.path = Path(path)
        self.wb = Workbook(write_only=True)
        self.wb.scratch_folder = self.path.parent  # where ``_Sheet`` puts its stream
        self.wb.properties.creator = f"OrderDesk {__version__}"
        self.wb.properties.lastModifiedBy = operator
        self.wb.properties.title = title

    def __enter__(self) -> _Workbook:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        """Saved when the sheets were written; else (and when saving fails) discarded."""
        if exc_type is not None:
            self.discard()
            return
        try:
            self.save()
        except BaseException:
            self.discard()
            raise

    def save(self) -> None:
        tmp = scratch_file(self.path.parent, "xlsx")
        try:
            self.wb.save(tmp)  # 0600 (mkstemp's) while it is written and until it is in place
            try:
                os.replace(tmp, self.path)
            except PermissionError as exc:
                raise TargetLocked(self.path) from exc
            os.chmod(self.path, 0o666 & ~_UMASK)  # 0600 would hide the workbook from colleagues
        except BaseException:
            _remove(tmp)
            raise

    def discard(self) -> None:
        """Drop the sheets' own temporary files after a cancelled or failed export."""
        for ws in self.wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            rows = getattr(ws, "_rows", None)
            try:
                if rows is not None:
                    rows.close()
                writer.xf.close()
            except Exception:  # noqa: BLE001, S110 - best effort on the way out
                pass
            out = getattr(writer, "out", None)
            if isinstance(out, str):
                _remove(out)
