"""Code 128 barcodes (ISO/IEC 15417) as bar and space widths, for the packing slip's order
number.  Pure Python: the widget that prints a slip draws the bars with QPainter.

Order numbers are a letter and digits (``O20261129000123``): code set B carries the letter, code
set C packs the digits two to a symbol, as the standard's rules for the shortest code say.
"""

from __future__ import annotations

#: Each symbol's widths in modules: bar, space, bar, space, bar, space (the stop has a last bar).
PATTERNS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
)
START_B, START_C = 104, 105
CODE_B, CODE_C = 100, 99  # "switch to" symbols (CODE_B in set C, CODE_C in set B)
STOP = 106
#: The quiet zone each side of the bars, in modules (the standard asks at least 10).
QUIET = 10


class NotEncodable(ValueError):
    """The text has a character Code 128's set B cannot carry (outside ASCII 32–126)."""


def _digits_at(text: str, i: int) -> int:
    n = 0
    while i + n < len(text) and text[i + n].isascii() and text[i + n].isdigit():
        n += 1
    return n


def symbols(text: str) -> list[int]:
    """The symbol values of ``text``: start, data, check symbol, stop."""
    if not text:
        raise NotEncodable("empty")
    bad = [c for c in text if not (32 <= ord(c) <= 126)]
    if bad:
        raise NotEncodable(f"cannot encode {bad[0]!r}")
    out: list[int] = []
    i = 0
    run = _digits_at(text, 0)
    code_c = run >= 4 or run == len(text) == 2
    out.append(START_C if code_c else START_B)
    while i < len(text):
        run = _digits_at(text, i)
        if code_c:
            if run >= 2:
                out.append(int(text[i:i + 2]))
                i += 2
                continue
            out.append(CODE_B)
            code_c = False
        # Set B: go to C for 4 digits ending the text or 6 inside it (an odd run's first
        # digit stays in B).
        if run >= 4 and (i + run == len(text) or run >= 6):
            if run % 2:
                out.append(ord(text[i]) - 32)
                i += 1
            out.append(CODE_C)
            code_c = True
            continue
        out.append(ord(text[i]) - 32)
        i += 1
    check = (out[0] + sum(pos * value for pos, value in enumerate(out[1:], start=1))) % 103
    return [*out, check, STOP]


def widths(text: str) -> list[int]:
    """The bars' and spaces' widths in modules, starting with a bar (no quiet zone)."""
    return [int(w) for value in symbols(text) for w in PATTERNS[value]]


def modules(text: str) -> int:
    """How many modules wide the code of ``text`` is, quiet zones included."""
    return sum(widths(text)) + 2 * QUIET
