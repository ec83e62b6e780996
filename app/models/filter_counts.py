"""Counter tables for the tab counts under a date or a method filter (issue 11 item 4).

``order_status_count`` (migration 5) answers the counts with no filter or a store's.  Under a
date range the counts walked every order of the range on an index: at 1,000,000 orders a
month took 80 ms and a year 485 ms; under a payment or shipping method (no index leads with
it) every order: 13 s.  Two more counters, kept by the same kind of triggers on ``order``:

* ``order_hour_count``: orders per (store, status, hour of ``order_date``).  A shop's day
  starts on a UTC hour in most zones, but not in all (+05:30, +05:45): a date range's counts
  add up the whole hours inside it here, and count the orders of the partial hours at its
  two ends on the order table (``queries.count_orders``).  A year is about 9,000 hours per
  status and store: a few thousand small rows.
* ``order_method_count``: orders per (store, status, payment method, shipping method): a few
  hundred rows.
* ``order_day_count`` (migration 29): orders per (store, status, UTC day of ``order_date``).
  A range of many days reads its whole UTC days here and only the hours at its two ends in
  ``order_hour_count``: a year a few thousand rows where it was some 9,000 per status and
  store (MariaDB 7 ms at 100,000 orders).
* ``order_ship_day_count`` (migration 32): shipped orders per (store, status, ship date); an
  order not shipped is in none of its rows.  A far jump in a list by 出貨日期 reads which
  ship date holds its row here and steps over that day's orders only (at 1,000,000 orders
  PostgreSQL stepped over 500,000 index entries for it: 26–31 ms).

A change moves an order between two counter rows of each table in the same fixed order as
migration 5's (the smaller status first), so two clerks moving orders in opposite
directions never deadlock on them.  ``fill`` writes both from the orders there are.
"""

from __future__ import annotations

from contextlib import contextmanager

import peewee as pw

from .proxy import is_sqlite

HOUR = "order_hour_count"
METHOD = "order_method_count"
DAY = "order_day_count"
SHIP = "order_ship_day_count"

_HOUR_KEYS = ("store_id", "status", "at_hour")
_METHOD_KEYS = ("store_id", "status", "payment_method_id", "shipping_method_id")
_DAY_KEYS = ("store_id", "status", "at_day")
_SHIP_KEYS = ("store_id", "status", "ship_day")
_KEYS = {HOUR: _HOUR_KEYS, METHOD: _METHOD_KEYS, DAY: _DAY_KEYS, SHIP: _SHIP_KEYS}
#: A counter that leaves out the orders whose column is NULL: the ship dates' (no row holds
#: an order not shipped; taking one away matches no row by itself: ``= NULL`` is not true).
_ONLY_WITH = {SHIP: "ship_date"}
#: The order columns whose change moves an order between counter rows.
_WATCHED = ("status", "store_id", "order_date", "payment_method_id", "shipping_method_id", "ship_date")


def _hour_of(db: pw.Database, col: str) -> str:
    """SQL for the hour ``col`` (an order's date) falls in, as the counter stores it."""
    if is_sqlite(db):
        return f"strftime('%Y-%m-%d %H:00:00', {col})"
    if isinstance(db, pw.PostgresqlDatabase):
        return f"date_trunc('hour', {col})"
    # pymysql formats every statement with its parameters: %% is one % in the server's text
    return f"DATE_FORMAT({col}, '%%Y-%%m-%%d %%H:00:00')"


def _day_of(db: pw.Database, col: str) -> str:
    """SQL for the UTC day ``col`` (an order's date, or an hour of the hour counter) falls in."""
    if is_sqlite(db):
        return f"date({col})"
    if isinstance(db, pw.PostgresqlDatabase):
        return f"CAST({col} AS DATE)"
    return f"DATE({col})"


def _values(db: pw.Database, row: str) -> dict[str, list[str]]:
    """Each counter's key values for the order ``row`` (NEW or OLD)."""
    return {
        HOUR: [f"{row}.store_id", f"{row}.status", _hour_of(db, f"{row}.order_date")],
        METHOD: [f"{row}.{k}" for k in _METHOD_KEYS],
        DAY: [f"{row}.store_id", f"{row}.status", _day_of(db, f"{row}.order_date")],
        SHIP: [f"{row}.store_id", f"{row}.status", f"{row}.ship_date"],
    }


def _inc(db: pw.Database) -> str:
    """The statements adding NEW to its row of each counter."""
    out = []
    for table, values in _values(db, "NEW").items():
        keys = _KEYS[table]
        if table in _ONLY_WITH:  # SQLite's upsert after a SELECT needs its WHERE: there is one
            dual = " FROM DUAL" if isinstance(db, pw.MySQLDatabase) else ""
            rows = f"SELECT {', '.join(values)}, 1{dual} WHERE NEW.{_ONLY_WITH[table]} IS NOT NULL"
        else:
            rows = f"VALUES ({', '.join(values)}, 1)"
        sql = f"INSERT INTO {table} ({', '.join(keys)}, n) {rows} "
        if isinstance(db, pw.MySQLDatabase):
            sql += "ON DUPLICATE KEY UPDATE n = n + 1;"
        elif is_sqlite(db):
            sql += f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = n + 1;"
        else:
            sql += f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = {table}.n + 1;"
        out.append(sql)
    return " ".join(out)


def _dec(db: pw.Database) -> str:
    """The statements taking OLD from its row of each counter."""
    out = []
    for table, values in _values(db, "OLD").items():
        keys = _KEYS[table]
        where = " AND ".join(f"{k} = {v}" for k, v in zip(keys, values, strict=True))
        out.append(f"UPDATE {table} SET n = n - 1 WHERE {where};")
    return " ".join(out)


def _tables(db: pw.Database) -> None:
    hour_type = "TIMESTAMP" if isinstance(db, pw.PostgresqlDatabase) else (
        "DATETIME" if isinstance(db, pw.MySQLDatabase) else "TEXT")
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {HOUR} (store_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, "
        f"at_hour {hour_type} NOT NULL, n INTEGER NOT NULL, PRIMARY KEY ({', '.join(_HOUR_KEYS)}))"
    )
    # A range of hours over every store and status: the date filter's usual question.
    _range_index(db, HOUR, "at_hour")
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {METHOD} (store_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, "
        "payment_method_id INTEGER NOT NULL, shipping_method_id INTEGER NOT NULL, n INTEGER NOT NULL, "
        f"PRIMARY KEY ({', '.join(_METHOD_KEYS)}))"
    )


def _range_index(db: pw.Database, table: str, column: str) -> None:
    """The index of ``table``'s rows by ``column`` (then status, with the count)."""
    name = f"{table}_{column}"
    if isinstance(db, pw.MySQLDatabase):
        exists = db.execute_sql(
            "SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
            f"AND TABLE_NAME = '{table}' AND INDEX_NAME = '{name}'").fetchone()
        if not exists:
            db.execute_sql(f"CREATE INDEX {name} ON {table} ({column}, status, n)")
    else:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column}, status, n)")


def _day_table(db: pw.Database, table: str = DAY, column: str = "at_day") -> None:
    """A counter per (store, status, day): the order dates' (``DAY``) or the ship dates'
    (``SHIP``), with its index read in the days' order."""
    day_type = "TEXT" if is_sqlite(db) else "DATE"
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {table} (store_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, "
        f"{column} {day_type} NOT NULL, n INTEGER NOT NULL, PRIMARY KEY ({', '.join(_KEYS[table])}))"
    )
    _range_index(db, table, column)


def _ship_table(db: pw.Database) -> None:
    _day_table(db, SHIP, "ship_day")  # read in the order of the days (``ShipDaySeek``)


def _triggers(db: pw.Database) -> None:
    """Every counter's triggers (made again: the statements they run change with the counters)."""
    if is_sqlite(db):
        for name in ("ofc_insert", "ofc_update", "ofc_delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
        _triggers_sqlite(db)
    elif isinstance(db, pw.PostgresqlDatabase):
        _triggers_pg(db)
    elif isinstance(db, pw.MySQLDatabase):
        _triggers_mysql(db)


def _triggers_sqlite(db: pw.Database) -> None:
    inc, dec = _inc(db), _dec(db)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _WATCHED)
    db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS ofc_insert AFTER INSERT ON "order" BEGIN {inc} END')
    db.execute_sql(
        f'CREATE TRIGGER IF NOT EXISTS ofc_update AFTER UPDATE OF {", ".join(_WATCHED)} ON "order" '
        f"WHEN {changed} BEGIN {dec} {inc} END"
    )
    db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS ofc_delete AFTER DELETE ON "order" BEGIN {dec} END')


def pg_counter_function(name: str, changed: str, inc: str, dec: str) -> str:
    """A PostgreSQL trigger function keeping a counter: ``inc`` on insert, ``dec`` on delete,
    both on an update where ``changed`` — the two rows in a fixed order (the smaller status
    first) so two clerks moving rows in opposite directions never deadlock; with its owner's
    rights (the desks may not write the counter)."""
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ "
        "BEGIN "
        f"IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND ({changed})) THEN "
        f"  IF TG_OP = 'UPDATE' AND OLD.status < NEW.status THEN {dec} END IF; "
        f"  {inc} "
        f"  IF TG_OP = 'UPDATE' AND OLD.status >= NEW.status THEN {dec} END IF; "
        f"ELSIF TG_OP = 'DELETE' THEN {dec} "
        "END IF; "
        "RETURN NULL; END; $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT"
    )


def _triggers_pg(db: pw.Database) -> None:
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in _WATCHED)
    db.execute_sql(pg_counter_function("order_filter_count_keep", changed, _inc(db), _dec(db)))
    # Named to fire after migration 5's order_status_count_keep (PostgreSQL fires a table's
    # triggers by name): its (store, status) rows serialise two clerks moving orders between
    # the same statuses before either locks an hour's row, which could otherwise deadlock.
    db.execute_sql('DROP TRIGGER IF EXISTS order_tally_filter_keep ON "order"')
    db.execute_sql(
        'CREATE TRIGGER order_tally_filter_keep AFTER INSERT OR UPDATE OR DELETE ON "order" '
        "FOR EACH ROW EXECUTE FUNCTION order_filter_count_keep()"
    )


def _triggers_mysql(db: pw.Database) -> None:
    inc, dec = _inc(db), _dec(db)
    same = " AND ".join(f"OLD.{c} <=> NEW.{c}" for c in _WATCHED)
    for name in ("ofc_insert", "ofc_update", "ofc_delete"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    db.execute_sql(f"CREATE TRIGGER ofc_insert AFTER INSERT ON `order` FOR EACH ROW BEGIN {inc} END")
    db.execute_sql(
        "CREATE TRIGGER ofc_update AFTER UPDATE ON `order` FOR EACH ROW BEGIN "
        f"IF NOT ({same}) THEN "
        f"IF OLD.status < NEW.status THEN {dec} {inc} ELSE {inc} {dec} END IF; "
        "END IF; END"
    )
    db.execute_sql(f"CREATE TRIGGER ofc_delete AFTER DELETE ON `order` FOR EACH ROW BEGIN {dec} END")


def fill(db: pw.Database) -> None:
    """Every counter written afresh from the orders there are (set-based)."""
    order = "`order`" if isinstance(db, pw.MySQLDatabase) else '"order"'
    hour = _hour_of(db, "order_date")
    db.execute_sql(f"DELETE FROM {HOUR}")
    db.execute_sql(
        f"INSERT INTO {HOUR} ({', '.join(_HOUR_KEYS)}, n) SELECT store_id, status, {hour}, COUNT(*) "
        f"FROM {order} GROUP BY store_id, status, {hour}"
    )
    db.execute_sql(f"DELETE FROM {METHOD}")
    keys = ", ".join(_METHOD_KEYS)
    db.execute_sql(f"INSERT INTO {METHOD} ({keys}, n) SELECT {keys}, COUNT(*) FROM {order} GROUP BY {keys}")
    fill_days(db)
    fill_ship_days(db)


def fill_days(db: pw.Database) -> None:
    """The day counter written afresh from the hour counter (a 24th of the orders' rows or
    fewer; the same counts, as every hour lies in one UTC day)."""
    day = _day_of(db, "at_hour")
    db.execute_sql(f"DELETE FROM {DAY}")
    db.execute_sql(
        f"INSERT INTO {DAY} ({', '.join(_DAY_KEYS)}, n) SELECT store_id, status, {day}, SUM(n) "
        f"FROM {HOUR} GROUP BY store_id, status, {day}"
    )


def fill_ship_days(db: pw.Database) -> None:
    """The ship dates' counter written afresh from the shipped orders."""
    order = "`order`" if isinstance(db, pw.MySQLDatabase) else '"order"'
    db.execute_sql(f"DELETE FROM {SHIP}")
    db.execute_sql(
        f"INSERT INTO {SHIP} ({', '.join(_SHIP_KEYS)}, n) SELECT store_id, status, ship_date, COUNT(*) "
        f"FROM {order} WHERE ship_date IS NOT NULL GROUP BY store_id, status, ship_date"
    )


#: What this module's steps lock on MariaDB (``orders_held``): the orders and the counters
#: they fill.
COUNTERS_LOCKED = f"`order` WRITE, {HOUR} WRITE, {METHOD} WRITE, {DAY} WRITE, {SHIP} WRITE"


@contextmanager
def orders_held(db: pw.Database, tables: str = COUNTERS_LOCKED):
    """No other desk writes an order (nor a counter) while the triggers are made again and the
    counters filled.  MariaDB commits each trigger's DROP and CREATE by itself: an order placed
    between them would be counted by no counter, and one placed while a counter is filled
    would collide with the fill's rows (a duplicate key, the step failed) — so the tables are
    locked for writing meanwhile (``LOCK TABLES tables``: other desks wait, then go on; every
    table the step's statements name, by the alias they name it with, for MariaDB lets a
    locking session read no other; the tables the triggers write are locked with ``order``).
    PostgreSQL holds ``order``'s lock from the first trigger statement to the step's commit,
    and SQLite's step holds the file's write lock: nothing to add there."""
    if not isinstance(db, pw.MySQLDatabase):
        yield
        return
    db.execute_sql(f"LOCK TABLES {tables}")
    try:
        yield
    finally:
        db.execute_sql("UNLOCK TABLES")


def install(db: pw.Database) -> None:
    """The tables, their triggers, and their rows (migration 25; the day counter's since
    migration 29, the ship dates' since 32: the triggers keep every counter, so each step
    that makes them makes every table)."""
    _tables(db)
    _day_table(db)
    _ship_table(db)
    with orders_held(db):
        _triggers(db)
        fill(db)


def install_days(db: pw.Database) -> None:
    """Migration 29: the day counter, every counter's triggers made again to keep it too, its
    rows from the hour counter's (no order written meanwhile: ``orders_held``); the ship dates'
    counter too, which the triggers keep since migration 32."""
    _day_table(db)
    _ship_table(db)
    with orders_held(db):
        _triggers(db)
        fill_days(db)
        fill_ship_days(db)


def install_ship_days(db: pw.Database) -> None:
    """Migration 32: the ship dates' counter, every counter's triggers made again to keep it
    too, its rows from the shipped orders (no order written meanwhile: ``orders_held``)."""
    _ship_table(db)
    with orders_held(db):
        _triggers(db)
        fill_ship_days(db)
