"""MariaDB's dates and times read at C speed (issue 11: MariaDB's pages within 2x of SQLite's).

PyMySQL reads every value as text and turns a DATETIME into a ``datetime`` with a regular
expression and seven ``int()`` calls, a DATE with a split: 1.5 and 1.1 µs a value, the
greater part of a 200-row page's decoding (2.4 ms: three such values a row, the order date,
the status date and the order date again as the page's key).  ``datetime.fromisoformat`` and
``date.fromisoformat`` read the server's text in 0.1 µs.  They are used only on the exact
shape the server sends (``YYYY-MM-DD HH:MM:SS[.ffffff]``, ``YYYY-MM-DD``); anything else,
and any value they refuse (a zero date ``0000-00-00``, 31 February), goes to PyMySQL's own
converter, which gives it back as PyMySQL always did (a string).  So every value comes back
exactly as PyMySQL's defaults give it (``tests/server/test_server_mysql_values.py``).

``conversions()`` is PyMySQL's ``conv`` mapping with them in; PyMySQL is imported when a
server is opened, never at start-up (``drivers``).
"""

from __future__ import annotations

import functools
from datetime import date, datetime


def datetime_value(text: str):
    """A DATETIME or TIMESTAMP column's text as PyMySQL's ``convert_datetime`` reads it:
    ``fromisoformat`` on the server's shape, ``YYYY-MM-DD HH:MM:SS`` with or without ``.``
    and a fraction (it also takes a ``T``, a ``,`` or a zone, which PyMySQL does not)."""
    n = len(text)
    if (n == 19 or (21 <= n <= 26 and text[19] == ".")) and text[10] == " ":
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass  # a zero date, 31 February: PyMySQL's answer below
    from pymysql.converters import convert_datetime

    return convert_datetime(text)


def date_value(text: str):
    """A DATE column's text as PyMySQL's ``convert_date`` reads it: ``fromisoformat`` on
    ``YYYY-MM-DD`` (it also takes ``YYYYMMDD`` and week dates, which PyMySQL does not)."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    from pymysql.converters import convert_date

    return convert_date(text)


@functools.cache
def conversions() -> dict:
    """PyMySQL's default ``conv`` (its encoders and decoders), DATETIME, TIMESTAMP and DATE
    read by ``datetime_value`` and ``date_value``: a copy, PyMySQL's own left as it is."""
    from pymysql import converters
    from pymysql.constants import FIELD_TYPE

    conv = dict(converters.conversions)
    conv[FIELD_TYPE.DATETIME] = conv[FIELD_TYPE.TIMESTAMP] = datetime_value
    conv[FIELD_TYPE.DATE] = date_value
    return conv
