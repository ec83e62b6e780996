"""MariaDB's rows read in one loop and its dates and times read at C speed
(``app/models/mysql_values.py``) come back exactly as PyMySQL's own reading gives them: the
same values of the same types, zero dates and impossible dates as the same strings, NULL as
None, long texts and binary values as they were."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from server_db import _admin_connection, connected

from app.models import mysql_values

converters = pytest.importorskip("pymysql.converters")

#: Texts the server sends, and texts it never does (PyMySQL's answer stands for them too).
DATETIME_TEXTS = [
    "2026-11-30 06:48:31", "2026-11-30 06:48:31.5", "2026-11-30 06:48:31.123",
    "2026-11-30 06:48:31.12345", "2026-11-30 06:48:31.123456", "2026-11-30 06:48:31.000000",
    "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999",
    "0000-00-00 00:00:00", "0000-00-00 00:00:00.000000", "2026-02-31 10:00:00",
    "2026-00-10 10:00:00", "2026-11-30 24:00:00", "2026-11-30 23:59:60",
    "2026-11-30T06:48:31", "2026-11-30 06:48:31,5", "2026-11-30 06:48:31+08:00",
    "2026-11-30 06:48:31.1234567", "2026-11-30", "2026-1-3 6:4:3", "", "garbage", "2026-11-30 06:48",
]
DATE_TEXTS = ["2026-11-30", "0001-01-01", "9999-12-31", "0000-00-00", "2026-02-31", "2026-00-10",
              "20261130", "2026-W48-1", "2026-1-3", "", "2026-11-30 06:48:31"]


def outcome(read, text):
    """What ``read(text)`` gives: its value and type, or the error it raises (PyMySQL's own
    ``convert_date`` raises TypeError for a text without a ``-``)."""
    try:
        value = read(text)
    except Exception as exc:  # noqa: BLE001 - compared, not handled
        return "raises", type(exc)
    return type(value), value


@pytest.mark.parametrize("text", DATETIME_TEXTS)
def test_a_datetime_reads_as_pymysql_reads_it(text):
    assert outcome(mysql_values.datetime_value, text) == outcome(converters.convert_datetime, text)


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_a_date_reads_as_pymysql_reads_it(text):
    assert outcome(mysql_values.date_value, text) == outcome(converters.convert_date, text)


@given(st.datetimes(min_value=datetime(1, 1, 1)), st.sampled_from([0, 1, 2, 3, 4, 5, 6]))
def test_any_datetime_the_server_sends_reads_the_same(value, digits):
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    if digits:
        text += "." + f"{value.microsecond:06d}"[:digits]
    assert outcome(mysql_values.datetime_value, text) == outcome(converters.convert_datetime, text)


@given(st.dates())
def test_any_date_the_server_sends_reads_the_same(value):
    text = value.strftime("%Y-%m-%d")
    assert outcome(mysql_values.date_value, text) == outcome(converters.convert_date, text)


def test_the_conversions_are_pymysqls_but_for_dates_and_times():
    from pymysql.constants import FIELD_TYPE

    conv = mysql_values.conversions()
    changed = {k for k in conv if conv[k] is not converters.conversions.get(k)}
    assert changed == {FIELD_TYPE.DATETIME, FIELD_TYPE.TIMESTAMP, FIELD_TYPE.DATE}
    assert converters.conversions[FIELD_TYPE.DATETIME] is converters.convert_datetime  # untouched


@pytest.mark.parametrize("values", [
    [b"abc", None, b"", b"x" * 250, b"y" * 251, b"z" * 300, b"w" * 70000, b"\xe8\xa8\x82"],
    [None, None, None], [b"12", b"-3"], []])
def test_a_rows_packet_reads_as_pymysql_reads_it(values):
    from pymysql.protocol import MysqlPacket

    data = b"".join(_coded(v) for v in values) + b"\xfe" + (2).to_bytes(8, "little") + b"42"
    plan = [("utf8", None)] * len(values) + [("ascii", int)]

    class Result:  # what PyMySQL's row reading uses of its result
        converters = plan

    pymysqls = pymysql_connections().MySQLResult._read_row_from_packet(Result(), MysqlPacket(data, "utf8"))
    assert mysql_values.read_row(data, plan) == pymysqls
    short = plan + [("utf8", None)]  # a row with fewer values than columns
    Result.converters = short
    assert mysql_values.read_row(data, short) == pymysql_connections().MySQLResult._read_row_from_packet(
        Result(), MysqlPacket(data, "utf8"))


def pymysql_connections():
    from pymysql import connections

    return connections


COLUMNS = ("dt DATETIME NULL, dt3 DATETIME(3) NULL, dt6 DATETIME(6) NULL, ts TIMESTAMP(6) NULL, "
           "d DATE NULL, money DECIMAL(12, 2) NULL, t TIME NULL, n BIGINT NULL, s VARCHAR(20) NULL, "
           "txt MEDIUMTEXT NULL, bin MEDIUMBLOB NULL, flag TINYINT(1) NULL, f DOUBLE NULL, "
           "y YEAR NULL, bits BIT(8) NULL")
ROWS = [
    ("2026-11-30 06:48:31", "2026-11-30 06:48:31.5", "2026-11-30 06:48:31.123456",
     "2026-11-30 06:48:31.000001", "2026-11-30", "12345.60", "10:11:12", 7, "訂單",
     "長" * 300, bytes(range(256)) * 300, 1, 0.1, 2026, b"\x05"),
    ("2026-11-30 06:48:31", "2026-11-30 06:48:31.000", "2026-11-30 06:48:31.000000",
     "2026-11-30 06:48:31", "0001-01-01", "-0.01", "-838:59:59", -1, "", "", b"", 0, -1e300, 1901,
     b"\x00"),
    ("0000-00-00 00:00:00", "0000-00-00 00:00:00", "0000-00-00 00:00:00", None, "0000-00-00",
     "0", "00:00:00", 0, "0000-00-00", "x" * 70000, b"\xff" * 251, None, None, None, None),
    (None,) * 15,
]


def plain_rows(url: str, sql: str) -> list[tuple]:
    """``sql``'s rows read by PyMySQL with its defaults."""
    plain = _admin_connection("mysql", url)
    try:
        with plain.cursor() as cur:
            cur.execute(sql)
            return [tuple(r) for r in cur.fetchall()]
    finally:
        plain.close()


@pytest.mark.server
def test_the_desks_connection_reads_every_value_as_plain_pymysql():
    pytest.importorskip("pymysql")
    from pymysql.constants import FIELD_TYPE
    from pymysql.cursors import SSCursor

    with connected("mysql") as db:
        db.execute_sql(f"CREATE TABLE od_values (id INT PRIMARY KEY, {COLUMNS})")
        db.execute_sql("SET SESSION sql_mode = ''")  # zero dates allowed, as an old server's
        marks = ", ".join(["%s"] * 16)
        for i, row in enumerate(ROWS):
            db.execute_sql(f"INSERT INTO od_values VALUES ({marks})", (i, *row))
        sql = "SELECT * FROM od_values ORDER BY id"
        ours = [tuple(r) for r in db.execute_sql(sql).fetchall()]
        with db.connection().cursor(SSCursor) as cur:  # unbuffered: row by row
            cur.execute(sql)
            unbuffered = [tuple(r) for r in cur.fetchall()]
        theirs = plain_rows(db.server_url, sql)
        assert len(ours) == len(ROWS)
        for mine, streamed, pymysqls in zip(ours, unbuffered, theirs, strict=True):
            assert [type(v) for v in mine] == [type(v) for v in pymysqls]
            assert mine == pymysqls == streamed
        assert ours[0][4] == datetime(2026, 11, 30, 6, 48, 31, 1)
        assert ours[1][5] == date(1, 1, 1)
        assert ours[2][1] == "0000-00-00 00:00:00" and ours[2][5] == "0000-00-00"
        assert ours[0][10] == "長" * 300 and ours[0][11] == bytes(range(256)) * 300
        assert ours[3] == (3,) + (None,) * 15
        conn = db.connection()
        assert conn.decoders[FIELD_TYPE.DATETIME] is mysql_values.datetime_value
        assert type(conn) is mysql_values.connection_class()
        assert type(conn).__name__ == "DeskConnection"  # PyMySQL's result reading is there


def test_an_untested_pymysql_reads_its_rows_its_own_way(monkeypatch):
    """``connection_class`` stands in for PyMySQL's result reading only on the releases it was
    read against; another release keeps PyMySQL's own ``Connection``."""
    import pymysql
    from pymysql import connections

    mysql_values.connection_class.cache_clear()
    monkeypatch.setattr(pymysql, "VERSION", (1, 3, 0, "final"))
    try:
        assert mysql_values.connection_class() is connections.Connection
    finally:
        mysql_values.connection_class.cache_clear()
    monkeypatch.undo()
    assert mysql_values.connection_class().__name__ == "DeskConnection"


def _coded(value: bytes | None) -> bytes:
    """A value as a row packet carries it: its length coded, then its bytes (NULL: 0xFB)."""
    if value is None:
        return b"\xfb"
    n = len(value)
    if n < 251:
        return bytes([n]) + value
    if n < 2**16:
        return b"\xfc" + n.to_bytes(2, "little") + value
    if n < 2**24:
        return b"\xfd" + n.to_bytes(3, "little") + value
    return b"\xfe" + n.to_bytes(8, "little") + value


def _stream(payloads: list[bytes], first_seq: int = 3) -> bytes:
    """The packets carrying ``payloads`` (one split over several when 16 MB or longer)."""
    from pymysql.connections import MAX_PACKET_LEN

    out, seq = [], first_seq
    for payload in payloads:
        while True:
            part, payload = payload[:MAX_PACKET_LEN], payload[MAX_PACKET_LEN:]
            out.append(len(part).to_bytes(3, "little") + bytes([seq % 256]) + part)
            seq += 1
            if len(part) < MAX_PACKET_LEN:
                break
    return b"".join(out)


EOF_PACKET = b"\xfe" + (1).to_bytes(2, "little") + (0x0008).to_bytes(2, "little")  # 1 warning, more results
ERROR_PACKET = b"\xff" + (1317).to_bytes(2, "little") + b"#70100Query execution was interrupted"


def _read_both(stream: bytes, plan, first_seq: int = 3):
    """The rows of ``stream`` read by PyMySQL's own ``_read_rowdata_packet`` and by
    ``read_rows``, each on a connection of its own: (result or error, connection open)."""
    import io

    from pymysql import connections

    class Sock:
        def settimeout(self, _t):
            pass

        def close(self):
            pass

    outcomes = []
    for reader in (connections.MySQLResult._read_rowdata_packet, mysql_values.read_rows):
        conn = connections.Connection(defer_connect=True)
        conn._sock, conn._rfile = Sock(), io.BufferedReader(io.BytesIO(stream))
        conn._next_seq_id, conn.encoding = first_seq, "utf8"
        conn._current_timeout = conn._read_timeout = None
        result = connections.MySQLResult(conn)
        result.converters = plan
        try:
            reader(result)
            got = (result.rows, result.affected_rows, result.warning_count, bool(result.has_next),
                   result.connection, conn._next_seq_id)
        except Exception as exc:  # noqa: BLE001 - compared
            got = (type(exc), exc.args)
        outcomes.append((got, conn._rfile is not None))
    return outcomes


TEXT = [("utf8", None), ("utf8", None), ("ascii", int)]


@pytest.mark.parametrize("case", ["rows", "none", "long row", "error", "cut short", "wrong number",
                                  "lost: number 0", "header cut"])
def test_a_results_packets_read_as_pymysql_reads_them(case):
    """``read_rows`` against PyMySQL's own reading of the same packets: the same rows, count,
    warnings and 'more results' flag; the same error, and the connection closed or kept alike."""
    rows = [_coded("訂單".encode()) + _coded(None) + _coded(b"42"),
            _coded(b"x" * 300) + _coded(b"") + _coded(b"-7")]
    first_seq = 3
    if case == "rows":
        stream = _stream([*rows, EOF_PACKET])
    elif case == "none":
        stream = _stream([EOF_PACKET])
    elif case == "long row":  # 17 MB in one row: two packets, the first exactly 16 MB - 1
        stream = _stream([rows[0], _coded(b"a" * (17 * 2**20)) + _coded(b"b") + _coded(b"1"), EOF_PACKET])
    elif case == "error":
        stream = _stream([rows[0], ERROR_PACKET])
    elif case == "cut short":
        stream = _stream([*rows, EOF_PACKET])[:-6]
    elif case == "header cut":  # the end packet's header cut after two bytes
        stream = _stream(rows) + b"\x05\x00"
    elif case == "wrong number":
        stream = _stream([rows[0]]) + _stream([rows[1], EOF_PACKET], first_seq=9)
    else:  # MariaDB shutting down sends its error with number 0
        stream = _stream([rows[0]]) + _stream([ERROR_PACKET], first_seq=0)
    pymysqls, ours = _read_both(stream, TEXT, first_seq)
    assert ours == pymysqls
    if case == "rows":
        assert ours[0][0] == (("訂單", None, 42), ("x" * 300, "", -7))
        assert ours[0][2:4] == (1, True) and ours[1]
    if case == "long row":
        assert ours[0][0][1] == ("a" * (17 * 2**20), "b", 1)
    if case in ("cut short", "wrong number", "lost: number 0", "header cut"):
        assert not ours[1]  # the connection closed, as PyMySQL closes it
