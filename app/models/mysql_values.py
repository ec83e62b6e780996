"""MariaDB's rows read faster by PyMySQL, its dates and times at C speed (issue 11: MariaDB's
pages within 2x of SQLite's).

PyMySQL reads every value as text and turns a DATETIME into a ``datetime`` with a regular
expression and seven ``int()`` calls, a DATE with a split: 1.5 and 1.1 µs a value, the
greater part of a 200-row page's decoding (2.4 ms: three such values a row, the order date,
the status date and the order date again as the page's key).  ``datetime.fromisoformat`` and
``date.fromisoformat`` read the server's text in 0.1 µs.  They are used only on the exact
shape the server sends (``YYYY-MM-DD HH:MM:SS[.ffffff]``, ``YYYY-MM-DD``); anything else,
and any value they refuse (a zero date ``0000-00-00``, 31 February), goes to PyMySQL's own
converter, which gives it back as PyMySQL always did (a string).  ``conversions()`` is
PyMySQL's ``conv`` mapping with them in.

Then PyMySQL reads a row's values one by one through three method calls each (the length,
the bytes, their bounds checked): 1.25 ms of 21 columns by 200 rows.  ``read_row`` reads the
row's packet in one loop with the same decoding and converters (0.79 ms).
``connection_class()`` is PyMySQL's ``Connection`` whose results read their rows so; it
reaches into PyMySQL's result reading (``MySQLResult._read_row_from_packet``, written
against PyMySQL 1.1-1.2), and is PyMySQL's own ``Connection`` when that is not there.

Every value comes back exactly as PyMySQL's defaults give it
(``tests/server/test_server_mysql_values.py``).  PyMySQL is imported when a server is opened,
never at start-up (``drivers``).
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


def read_row(data: bytes, plan) -> tuple:
    """One row's values from its packet ``data``: PyMySQL's ``_read_row_from_packet`` in one
    loop.  ``plan``: each column's (encoding, converter), PyMySQL's ``MySQLResult.converters``.
    A value is a length-coded string (its length in one byte under 251, or 252, 253, 254 and
    2, 3 or 8 bytes; 251 is NULL), decoded by its encoding, then read by its converter."""
    row = []
    append = row.append
    pos, end = 0, len(data)
    for encoding, converter in plan:
        if pos >= end:
            break  # a row with fewer values than columns, as PyMySQL reads it
        n = data[pos]
        pos += 1
        if n > 250:
            if n == 252:
                n = data[pos] | data[pos + 1] << 8
                pos += 2
            elif n == 253:
                n = int.from_bytes(data[pos:pos + 3], "little")
                pos += 3
            elif n == 254:
                n = int.from_bytes(data[pos:pos + 8], "little")
                pos += 8
            else:  # 251, NULL (and 255, never a value: PyMySQL reads it as None too)
                append(None)
                continue
        value = data[pos:pos + n]
        pos += n
        if encoding is not None:
            value = value.decode(encoding)
        if converter is not None:
            value = converter(value)
        append(value)
    return tuple(row)


def read_rows(result) -> None:
    """PyMySQL's ``MySQLResult._read_rowdata_packet`` (1.1-1.2) in one loop: each row's packet
    read off the connection's buffered socket and given to ``read_row``, without
    PyMySQL's packet object and the five method calls it makes a row (``_read_packet``,
    ``_read_bytes`` twice, ``is_error_packet``, ``_check_packet_is_eof``).  What PyMySQL checks
    is checked the same way: each packet's sequence number (a wrong one closes the connection
    and raises PyMySQL's error), a socket that fails or ends early (the connection closed,
    PyMySQL's ``OperationalError``), a row longer than one packet (16 MB) read from the packets
    that carry it, an error packet raised as PyMySQL raises it, and the end (the EOF packet's
    warning count and whether more results follow)."""
    from pymysql import err
    from pymysql.connections import MAX_PACKET_LEN
    from pymysql.constants import CR
    from pymysql.protocol import EOFPacketWrapper, MysqlPacket

    conn = result.connection
    read = conn._rfile.read  # its timeout set: the result's first packets were read already
    plan = result.converters
    rows = []
    append = rows.append
    chunks: list[bytes] = []
    try:
        while True:
            header = read(4)
            if len(header) < 4:
                raise EOFError
            size = header[0] | header[1] << 8 | header[2] << 16
            if header[3] != conn._next_seq_id:
                conn._force_close()
                if header[3] == 0:  # MariaDB's error packet when it shuts down
                    raise err.OperationalError(CR.CR_SERVER_LOST, "Lost connection to MySQL server during query")
                raise err.InternalError(
                    f"Packet sequence number wrong - got {header[3]} expected {conn._next_seq_id}")
            conn._next_seq_id = (conn._next_seq_id + 1) % 256
            data = read(size)
            if len(data) < size:
                raise EOFError
            if size == MAX_PACKET_LEN or chunks:  # a row longer than a packet goes on in the next
                chunks.append(data)
                if size == MAX_PACKET_LEN:
                    continue
                data = b"".join(chunks)
                chunks.clear()
            first = data[0]
            if first == 0xFE and len(data) < 9:  # the end
                end = EOFPacketWrapper(MysqlPacket(data, conn.encoding))
                result.warning_count = end.warning_count
                result.has_next = end.has_next
                break
            if first == 0xFF:
                MysqlPacket(data, conn.encoding).raise_for_error()
            append(read_row(data, plan))
    except err.MySQLError:
        raise
    except EOFError:
        conn._force_close()
        raise err.OperationalError(CR.CR_SERVER_LOST, "Lost connection to MySQL server during query") from None
    except OSError as exc:
        conn._force_close()
        raise err.OperationalError(CR.CR_SERVER_LOST, f"Lost connection to MySQL server during query ({exc})") from exc
    except BaseException:  # a converter's error too: the result's other packets are unread
        conn._force_close()
        raise
    result.connection = None  # as PyMySQL: no cycle kept
    result.affected_rows = len(rows)
    result.rows = tuple(rows)


#: The PyMySQL releases whose result reading ``connection_class`` stands in for (read against
#: their code, and tested: tests/server/test_server_mysql_values.py).
TESTED_PYMYSQL = ((1, 1), (1, 2))


@functools.cache
def connection_class():
    """PyMySQL's ``Connection`` whose query results read each row with ``read_row``; PyMySQL's
    own when its result reading is not the one ``read_row`` stands in for."""
    import pymysql
    from pymysql import connections

    result_class, connection = connections.MySQLResult, connections.Connection
    if tuple(pymysql.VERSION[:2]) not in TESTED_PYMYSQL:
        return connection  # its result reading may have changed: PyMySQL's own
    if not all(callable(getattr(cls, name, None)) for cls, name in (
            (result_class, "_read_row_from_packet"), (result_class, "_read_rowdata_packet"),
            (result_class, "read"), (connection, "_read_bytes"), (connection, "_force_close"),
            (result_class, "init_unbuffered_query"), (connection, "_read_query_result"),
            (connections.MysqlPacket, "get_all_data"))):
        return connection

    class DeskResult(result_class):
        def _read_row_from_packet(self, packet):  # an unbuffered result's rows
            return read_row(packet.get_all_data(), self.converters)

        def _read_rowdata_packet(self):
            read_rows(self)

    class DeskConnection(connection):
        def _read_query_result(self, unbuffered=False):
            """PyMySQL's own (1.1-1.2), with ``DeskResult``."""
            self._result = None
            result = DeskResult(self)
            if unbuffered:
                result.init_unbuffered_query()
            else:
                result.read()
            self._result = result
            if result.server_status is not None:
                self.server_status = result.server_status
            return result.affected_rows

    return DeskConnection
