"""COPY's text format as the PostgreSQL bulk paths send it (``bulk.copy_text``): values taken
as ``str`` gives them when none needs escaping, each escaped otherwise — the same text either
way as escaping every value."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services.bulk import _copy_text, copy_text


def escaped_each(rows) -> str:
    return "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)


@pytest.mark.parametrize("awkward", [None, "王\t小明", "第一行\n第二行", "a\rb", "C:\\path", "\\N", "x\\"])
def test_copy_text_is_every_value_escaped(awkward):
    rows = [(1, "陳怡君", None, True, False, date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, 5), ""),
            [2, "", "O2026010200001", None, None, None, None, "b"],
            (3, awkward, 0, 1, "t", "\\", "", None) if awkward is not None else (3, "c", 0, 1, "t", "d", "", None)]
    text = copy_text(rows)
    assert text == escaped_each(rows)
    assert text.count("\n") == 3
    if awkward is None:
        assert text.split("\n")[0] == "1\t陳怡君\t\\N\tt\tf\t2026-01-02\t2026-01-02 03:04:05\t"
