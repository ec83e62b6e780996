"""Numbered schema versions (docs/STYLE.md: Vorta's ``store/migrations.py``).

``schema_version`` holds one row.  Each step runs in its own transaction and bumps the
number; a SQLite file is copied aside before an existing schema is migrated (with SQLite's
online backup API, verified, under its final name only when complete: ``sqlite_backup``).
After the steps, what a killed bulk load left is put right (``repair``): missing indexes are
built, PostgreSQL's id sequences caught up.
"""

from __future__ import annotations

import json
from contextlib import contextmanager

import peewee as pw

from . import desk_roles, filter_counts, grams
from .proxy import is_sqlite
from .repair import repair
from .sqlite_backup import Progress, backup_sqlite, quiet
from .stats import analyze
from .tables import (
    ALL_TABLES,
    IMPORT_TABLES,
    INVOICE_TABLES,
    LEDGER_TABLES,
    REMITTANCE_TABLES,
    ActionKey,
    Carrier,
    MethodHistory,
    OrderNoCounter,
    OrderNote,
    ShopSetting,
    VatFiling,
    utcnow,
)


class SchemaVersion(pw.Model):
    version = pw.IntegerField()
    migrated_at = pw.DateTimeField()

    class Meta:
        table_name = "schema_version"


def _create_tables(db: pw.Database) -> None:
    db.create_tables(ALL_TABLES)


def _append_only(db: pw.Database, table: str) -> None:
    """``table`` refuses UPDATE and DELETE at the database level."""
    if is_sqlite(db):
        for verb in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} "
                f"BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    elif isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql(
            f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql"
        )
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        db.execute_sql(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
    elif isinstance(db, pw.MySQLDatabase):
        for verb in ("UPDATE", "DELETE"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_{verb.lower()}")
            db.execute_sql(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                "FOR EACH ROW SIGNAL SQLSTATE '45000' "
                f"SET MESSAGE_TEXT = '{table} is append-only'"
            )


def _history_append_only(db: pw.Database) -> None:
    """The history refuses UPDATE and DELETE at the database level."""
    _append_only(db, "status_history")


_METHOD_TABLES = (("payment", "payment_method"), ("shipping", "shipping_method"))


def _rename_duplicate_active_titles(db: pw.Database) -> None:
    """Before titles become unique among active methods: a later active duplicate is renamed
    "title (2)", "title (3)", ... (orders keep their own copy of the name), and the rename is
    recorded in method_history."""
    p = db.param
    now = utcnow()
    for kind, table in _METHOD_TABLES:
        rows = db.execute_sql(
            f"SELECT id, title FROM {table} WHERE NOT archived ORDER BY position, id"
        ).fetchall()
        taken = {title for _, title in rows}
        seen: set[str] = set()
        for method_id, title in rows:
            if title not in seen:
                seen.add(title)
                continue
            n = 2
            while True:
                suffix = f" ({n})"
                new_title = title[: 100 - len(suffix)] + suffix
                if new_title not in taken:
                    break
                n += 1
            taken.add(new_title)
            db.execute_sql(f"UPDATE {table} SET title = {p} WHERE id = {p}", (new_title, method_id))
            MethodHistory.insert(
                kind=kind,
                method_id=method_id,
                action="edit",
                operator="OrderDesk schema 3",
                at=now,
                before=json.dumps({"title": title}, ensure_ascii=False),
                after=json.dumps({"title": new_title}, ensure_ascii=False),
            ).execute(db)


def _methods_history_and_rules(db: pw.Database) -> None:
    """Payment and shipping methods: their history table (append-only), titles unique among
    active methods, and (SQLite) a referenced method refuses deletion even when the
    connection does not enforce foreign keys."""
    db.create_tables([MethodHistory])
    _rename_duplicate_active_titles(db)
    _append_only(db, "method_history")
    if is_sqlite(db) or isinstance(db, pw.PostgresqlDatabase):
        for _kind, table in _METHOD_TABLES:
            db.execute_sql(
                f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_active_title "
                f"ON {table} (title) WHERE NOT archived"
            )
    if is_sqlite(db):
        for _kind, table in _METHOD_TABLES:
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete_referenced "
                f"BEFORE DELETE ON {table} "
                f'WHEN EXISTS (SELECT 1 FROM "order" WHERE {table}_id = OLD.id) '
                f"BEGIN SELECT RAISE(ABORT, '{table} is referenced by orders; archive it'); END"
            )
    elif isinstance(db, pw.MySQLDatabase):
        # No partial indexes: a generated column that is NULL for archived rows, made unique.
        # Each DDL statement commits at once on MySQL / MariaDB, so a step cut short is not
        # rolled back: what is already there is skipped when the step runs again.
        for _kind, table in _METHOD_TABLES:
            if not _mysql_has(db, "COLUMNS", table, "COLUMN_NAME", "active_title"):
                db.execute_sql(
                    f"ALTER TABLE {table} ADD COLUMN active_title VARCHAR(100) "
                    "AS (IF(archived, NULL, title)) VIRTUAL"
                )
            if not _mysql_has(db, "STATISTICS", table, "INDEX_NAME", f"{table}_active_title"):
                db.execute_sql(f"CREATE UNIQUE INDEX {table}_active_title ON {table} (active_title)")


def _mysql_has(db: pw.Database, view: str, table: str, column: str, name: str) -> bool:
    """Whether information_schema.{view} lists ``name`` for ``table`` of this database."""
    return bool(
        db.execute_sql(
            f"SELECT 1 FROM information_schema.{view} WHERE TABLE_SCHEMA = DATABASE() "
            f"AND TABLE_NAME = %s AND {column} = %s LIMIT 1",
            (table, name),
        ).fetchone()
    )


def _codes_compare_bytewise(db: pw.Database) -> None:
    """Order numbers and phone numbers compare byte by byte on every server.

    The next order number and the lists' search read prefix ranges such as
    ``order_no >= 'O20240501' AND order_no < 'O20240501~'``.  In a linguistic collation (a
    PostgreSQL database created in en_US or with ICU, MariaDB's utf8mb4_unicode_ci, MySQL 8's
    default utf8mb4_0900_ai_ci) "~" sorts before the digits, so those ranges were empty.
    SQLite compares bytes already.  Running again changes nothing."""
    if isinstance(db, pw.PostgresqlDatabase):
        for column, length in (("order_no", 32), ("buyer_phone", 30)):
            db.execute_sql(
                f'ALTER TABLE "order" ALTER COLUMN {column} TYPE VARCHAR({length}) COLLATE "C"'
            )
    elif isinstance(db, pw.MySQLDatabase):
        db.execute_sql(
            "ALTER TABLE `order` MODIFY order_no VARCHAR(32) NOT NULL COLLATE utf8mb4_bin, "
            "MODIFY buyer_phone VARCHAR(30) NOT NULL COLLATE utf8mb4_bin"
        )


def _status_counts_and_notify(db: pw.Database) -> None:
    """The six tab counts in constant time, and (PostgreSQL) a NOTIFY for every change.

    ``order_status_count`` holds the number of orders per (store, status), kept by triggers on
    ``order``; the order page reads it when no date or search filter is set (a COUNT over an
    index walks ~800k entries at 1M orders: docs/PERFORMANCE.md).  An update touches its two
    counter rows in a fixed order (the smaller status first), so two clerks moving orders in
    opposite directions never deadlock on them.  On PostgreSQL every history insert also
    sends ``NOTIFY orderdesk_changes`` so other desks refresh at once.
    """
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS order_status_count ("
        "store_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (store_id, status))"
    )
    if is_sqlite(db):
        inc = ("INSERT INTO order_status_count (store_id, status, n) VALUES (NEW.store_id, NEW.status, 1) "
               "ON CONFLICT (store_id, status) DO UPDATE SET n = n + 1;")
        dec = "UPDATE order_status_count SET n = n - 1 WHERE store_id = OLD.store_id AND status = OLD.status;"
        db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS osc_insert AFTER INSERT ON "order" BEGIN {inc} END')
        db.execute_sql(
            'CREATE TRIGGER IF NOT EXISTS osc_update AFTER UPDATE OF status, store_id ON "order" '
            f"WHEN OLD.status <> NEW.status OR OLD.store_id <> NEW.store_id BEGIN {dec} {inc} END"
        )
        db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS osc_delete AFTER DELETE ON "order" BEGIN {dec} END')
    elif isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION order_status_count_keep() RETURNS trigger AS $$ "
            "BEGIN "
            "IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD.status <> NEW.status OR OLD.store_id <> NEW.store_id)) THEN "
            "  IF TG_OP = 'UPDATE' AND OLD.status < NEW.status THEN "
            "    UPDATE order_status_count SET n = n - 1 WHERE store_id = OLD.store_id AND status = OLD.status; "
            "  END IF; "
            "  INSERT INTO order_status_count (store_id, status, n) VALUES (NEW.store_id, NEW.status, 1) "
            "  ON CONFLICT (store_id, status) DO UPDATE SET n = order_status_count.n + 1; "
            "  IF TG_OP = 'UPDATE' AND OLD.status >= NEW.status THEN "
            "    UPDATE order_status_count SET n = n - 1 WHERE store_id = OLD.store_id AND status = OLD.status; "
            "  END IF; "
            "ELSIF TG_OP = 'DELETE' THEN "
            "  UPDATE order_status_count SET n = n - 1 WHERE store_id = OLD.store_id AND status = OLD.status; "
            "END IF; "
            "RETURN NULL; END; $$ LANGUAGE plpgsql"
        )
        db.execute_sql('DROP TRIGGER IF EXISTS order_status_count_keep ON "order"')
        db.execute_sql(
            'CREATE TRIGGER order_status_count_keep AFTER INSERT OR UPDATE OR DELETE ON "order" '
            "FOR EACH ROW EXECUTE FUNCTION order_status_count_keep()"
        )
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION orderdesk_notify_change() RETURNS trigger AS $$ "
            "BEGIN PERFORM pg_notify('orderdesk_changes', TG_TABLE_NAME); RETURN NULL; END; "
            "$$ LANGUAGE plpgsql"
        )
        for table in ("status_history", "method_history"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
            db.execute_sql(
                f"CREATE TRIGGER {table}_notify AFTER INSERT ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_notify_change()"
            )
    elif isinstance(db, pw.MySQLDatabase):
        inc = ("INSERT INTO order_status_count (store_id, status, n) VALUES (NEW.store_id, NEW.status, 1) "
               "ON DUPLICATE KEY UPDATE n = n + 1;")
        dec = "UPDATE order_status_count SET n = n - 1 WHERE store_id = OLD.store_id AND status = OLD.status;"
        for name in ("osc_insert", "osc_update", "osc_delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
        db.execute_sql(f"CREATE TRIGGER osc_insert AFTER INSERT ON `order` FOR EACH ROW BEGIN {inc} END")
        db.execute_sql(
            "CREATE TRIGGER osc_update AFTER UPDATE ON `order` FOR EACH ROW BEGIN "
            "IF NOT (OLD.status <=> NEW.status AND OLD.store_id <=> NEW.store_id) THEN "
            f"IF OLD.status < NEW.status THEN {dec} {inc} ELSE {inc} {dec} END IF; "
            "END IF; END"
        )
        db.execute_sql(f"CREATE TRIGGER osc_delete AFTER DELETE ON `order` FOR EACH ROW BEGIN {dec} END")
    # Start from what is there (the triggers keep it from now on, in this same transaction).
    db.execute_sql("DELETE FROM order_status_count")
    order = "`order`" if isinstance(db, pw.MySQLDatabase) else '"order"'
    db.execute_sql(
        "INSERT INTO order_status_count (store_id, status, n) "
        f"SELECT store_id, status, COUNT(*) FROM {order} GROUP BY store_id, status"
    )


#: The shop's time zone before anyone sets one (``app.domain.clock.DEFAULT_ZONE`` when this
#: step was written; a released step keeps its own copy).
_FIRST_TIME_ZONE = "Asia/Taipei"


def _shop_settings(db: pw.Database) -> None:
    """The shop's settings, shared by every desk: ``shop_setting`` with the shop's time zone.

    Until now each desk reckoned days in its own zone; a shop's desks stood in Taiwan, so the
    zone they shared is the one written here.  On MySQL / MariaDB the CREATE commits at once:
    a step cut short is run again, and the row is written only if it is not there."""
    db.create_tables([ShopSetting])
    if not ShopSetting.select().where(ShopSetting.name == "time_zone").exists(db):
        ShopSetting.insert(name="time_zone", value=_FIRST_TIME_ZONE, updated_at=utcnow(),
                           updated_by="OrderDesk schema 6").execute(db)


def _history_never_replaced(db: pw.Database) -> None:
    """(SQLite) No insert replaces a history row.

    ``INSERT OR REPLACE`` / ``REPLACE INTO`` with an existing id deletes the old row first, and
    with recursive_triggers off (SQLite's default) that delete fires no DELETE trigger, so the
    append-only triggers of steps 2 and 3 let it through.  A BEFORE INSERT trigger runs before
    the conflict is resolved: it refuses an id that is already there.  PostgreSQL has no
    REPLACE (an upsert fires the UPDATE trigger) and MariaDB's REPLACE fires the DELETE one."""
    if not is_sqlite(db):
        return
    for table in ("status_history", "method_history"):
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


#: The columns migration 8 adds: (table, column, SQL type and default).
_REFUND_COLUMNS = (
    ("payment_method", "refund_channel", "VARCHAR(12) NOT NULL DEFAULT 'remittance'"),
    ("order", "confirmed_amount", "INTEGER NULL"),
    ("order", "payment_shortfall_reason", "TEXT NULL"),
    ("cancellation_request", "refund_channel", "VARCHAR(12) NOT NULL DEFAULT 'remittance'"),
    ("cancellation_request", "written_off", "INTEGER NULL"),
    ("cancellation_request", "write_off_reason", "TEXT NULL"),
    ("cancellation_request", "close_reason", "TEXT NULL"),
    ("cancellation_request", "closed_at", "TIMESTAMP NULL"),
)


def _add_columns(db: pw.Database, columns) -> str:
    """ALTER TABLE … ADD COLUMN each (table, column, SQL type) not there yet (a MariaDB step
    cut short runs again: each ALTER commits at once); returns the identifier quote."""
    mysql = isinstance(db, pw.MySQLDatabase)
    q = "`" if mysql else '"'
    for table, column, sql_type in columns:
        if column in {c.name for c in db.get_columns(table)}:
            continue
        if mysql:
            sql_type = sql_type.replace("TIMESTAMP NULL", "DATETIME NULL")
        db.execute_sql(f"ALTER TABLE {q}{table}{q} ADD COLUMN {column} {sql_type}")
    return q


def _refunds_follow_the_money(db: pw.Database) -> None:
    """Issue 19: a payment method says how its money is refunded (``refund_channel``), an
    order remembers the amount a clerk confirmed as received, a request its channel, what was
    written off and its supervisor's 【結案】.

    Existing data: methods whose title names a card (信用卡, 刷卡, card) are refunded by
    reversal, 貨到付款 / COD by remittance as COD; a confirmed order's received amount is its
    latest payment notice's (else its total, as it was counted before); a request takes its
    order's method's channel.  A column already there is skipped: step 1 creates the tables as
    the models are now, and on MySQL / MariaDB each ALTER commits at once, so a step cut short
    runs again."""
    q = _add_columns(db, _REFUND_COLUMNS)
    p = db.param  # the patterns as parameters: "%" is the drivers' placeholder sign
    for channel, patterns in (("reversal", ("%信用卡%", "%刷卡%", "%card%")),
                              ("cod", ("%貨到付款%", "%cod%"))):
        where = " OR ".join([f"LOWER(title) LIKE {p}"] * len(patterns))
        db.execute_sql(f"UPDATE payment_method SET refund_channel = {p} WHERE {where}",
                       (channel, *patterns))
    order = f"{q}order{q}"
    confirmed = "('AWAITING_SHIPMENT', 'OUT_OF_STOCK', 'COMPLETED')"
    db.execute_sql(
        f"UPDATE {order} SET confirmed_amount = COALESCE((SELECT n.amount FROM payment_notice n "
        f"WHERE n.order_id = {order}.id ORDER BY n.id DESC LIMIT 1), total) "
        f"WHERE status IN {confirmed} OR status_before_cancel IN {confirmed}"
    )
    # An open request owes at most the money received (a NT$1 notice on a NT$1,000 order
    # owes NT$1).
    db.execute_sql(
        f"UPDATE cancellation_request SET refund_due = (SELECT o.confirmed_amount FROM {order} o "
        "WHERE o.id = cancellation_request.order_id) "
        "WHERE status IN ('PENDING_REVIEW', 'AWAITING_RETURN', 'RETURN_FAILED', 'REFUND_PENDING', "
        "'REFUND_FAILED') AND paid AND refund_due > (SELECT COALESCE(o.confirmed_amount, "
        f"refund_due) FROM {order} o WHERE o.id = cancellation_request.order_id)"
    )
    db.execute_sql(
        "UPDATE cancellation_request SET refund_channel = COALESCE((SELECT m.refund_channel "
        f"FROM {order} o JOIN payment_method m ON m.id = o.payment_method_id "
        "WHERE o.id = cancellation_request.order_id), 'remittance')"
    )


def _invoices(db: pw.Database) -> None:
    """Invoices, their voids and allowances (docs/PRODUCT.md §8, E-invoices): invoice and
    allowance numbers unique, one void per invoice.  ``create_tables`` skips what exists, so
    the step runs again after a MariaDB DDL commit cut it short."""
    db.create_tables(INVOICE_TABLES)


def _vat_filings(db: pw.Database) -> None:
    """The VAT periods whose return the shop filed (``vat_filing``, docs/PRODUCT.md §8,
    E-invoices): once filed, a period's invoices are allowed, never voided.  Runs again
    after a MariaDB DDL commit cut it short."""
    db.create_tables([VatFiling])


def _notes_and_buyer_lookup(db: pw.Database) -> None:
    """Issue 17: clerks' notes (``order_note``, append-only), each order's count of them
    (``order.note_count``, so a list marks orders with notes without a query per row), and
    an index on the buyer's e-mail for the detail's 「此訂購人的其他訂單」 (by phone uses the
    index on ``buyer_phone``).

    Existing orders have no notes: the count starts at 0.  Adding a column with a constant
    default is a change of the catalogue only on SQLite, PostgreSQL 11+ and MariaDB 10.3+
    (no rewrite of a million orders); the index is built once.  What is already there is
    skipped, so the step runs again after a MariaDB DDL commit cut it short."""
    mysql = isinstance(db, pw.MySQLDatabase)
    q = "`" if mysql else '"'
    if "note_count" not in {c.name for c in db.get_columns("order")}:
        db.execute_sql(f"ALTER TABLE {q}order{q} ADD COLUMN note_count INTEGER NOT NULL DEFAULT 0")
    if mysql:
        if not _mysql_has(db, "STATISTICS", "order", "INDEX_NAME", "order_buyer_email"):
            db.execute_sql("CREATE INDEX order_buyer_email ON `order` (buyer_email)")
    else:
        db.execute_sql('CREATE INDEX IF NOT EXISTS order_buyer_email ON "order" (buyer_email)')
    db.create_tables([OrderNote])
    _append_only(db, "order_note")


#: Migration 12's money columns: (table, column, nullable).  Written out, not read from the
#: models, so the step stays what it was when released.
_MONEY_COLUMNS = (
    ("shipping_method", "fee", False),
    ("shipping_method", "free_threshold", True),
    ("order", "shipping_method_fee", False),
    ("order", "subtotal", False),
    ("order", "shipping_fee", False),
    ("order", "total", False),
    ("order", "confirmed_amount", True),
    ("order_item", "unit_price", False),
    ("payment_notice", "amount", False),
    ("cancellation_request", "refund_due", False),
    ("cancellation_request", "refunded_amount", True),
    ("cancellation_request", "written_off", True),
    ("invoice", "total", False),
    ("invoice", "before_tax", False),
    ("invoice", "tax", False),
    ("invoice_allowance", "total", False),
    ("invoice_allowance", "before_tax", False),
    ("invoice_allowance", "tax", False),
)


def _versions_counters_and_wide_money(db: pw.Database) -> None:
    """Issue 15: payment and shipping methods get a ``version`` (an edit names the version the
    clerk saw, so a second clerk's stale edit is refused); the day's order numbers come from
    a counter row (``order_no_counter``) that ``place_order`` updates in its transaction; money
    columns are 64-bit on the servers (SQLite's INTEGER already is).  Every part skips what is
    there already: on MySQL / MariaDB each ALTER commits at once, so a step cut short runs
    again."""
    mysql = isinstance(db, pw.MySQLDatabase)
    q = "`" if mysql else '"'
    for table in ("payment_method", "shipping_method"):
        if "version" not in {c.name for c in db.get_columns(table)}:
            db.execute_sql(
                f"ALTER TABLE {q}{table}{q} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.create_tables([OrderNoCounter])
    if is_sqlite(db):
        return
    for table, column, nullable in _MONEY_COLUMNS:
        types = {c.name: c.data_type.lower() for c in db.get_columns(table)}
        if types.get(column, "bigint") == "bigint":
            continue
        if mysql:
            null = "NULL" if nullable else "NOT NULL"
            db.execute_sql(f"ALTER TABLE `{table}` MODIFY `{column}` BIGINT {null}")
        else:
            db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE BIGINT')


def _people(db: pw.Database) -> None:
    """Issue 16: each clerk signs in as themself on a server (``app/models/desk_roles.py``).

    The ``person`` table; triggers that write the session's login as the history's operator
    and the rows' ``updated_by`` when the login is a person's; a clerk cannot finish a
    cancellation by hand; (PostgreSQL) the counters' trigger runs with the owner's rights.
    Then the two group roles, their grants and the people functions, if this login may create
    roles — if not (an owner without CREATEROLE / CREATE USER), the shop keeps working with
    one shared login until the owner runs ``orderdesk users setup``.  SQLite: the table only
    (it stays empty: a single desk signs in as nobody)."""
    desk_roles.install_triggers(db)
    if not is_sqlite(db):
        desk_roles.setup_roles_if_allowed(db)


def _month_close(db: pw.Database) -> None:
    """Issue 14, month close: ``closed_month`` (who closed which month, when), the closed
    months' ledger rows (``ledger_snapshot``) and ``shop_history``, the append-only record of
    closing and reopening (the shop's books have no order, so ``status_history`` cannot hold
    it), and an index ``(action, at)`` on the history for the ledger's periods.
    ``create_tables`` skips what exists, the index is made when missing and the triggers are
    created again harmlessly, so the step runs again after a MariaDB DDL commit."""
    db.create_tables(LEDGER_TABLES)
    _append_only(db, "shop_history")
    # The ledger reads the history by action within a period.
    if "status_history_action_at" not in {i.name for i in db.get_indexes("status_history")}:
        db.execute_sql("CREATE INDEX status_history_action_at ON status_history (action, at)")
    if is_sqlite(db):
        db.execute_sql(
            "CREATE TRIGGER IF NOT EXISTS shop_history_no_replace BEFORE INSERT ON shop_history "
            "WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM shop_history WHERE id = NEW.id) "
            "BEGIN SELECT RAISE(ABORT, 'shop_history is append-only'); END"
        )
def _cash_on_delivery(db: pw.Database) -> None:
    """Issue 12: an order copies whether its payment method is collected on delivery (the
    method's refund channel ``cod``) when it is placed.  Orders placed before keep false: they
    were handled as transfers, with notices and confirmations."""
    _add_columns(db, (("order", "collect_on_delivery", "BOOLEAN NOT NULL DEFAULT FALSE"),))


#: Migration 16's carriers, as released: (name, tracking page's address).
SEED_CARRIERS = (
    ("黑貓宅急便", "https://www.t-cat.com.tw/inquire/trace.aspx?no={tracking_no}"),
    # The others' tracking pages take no number in their address: a search for it on their site.
    ("新竹物流", "https://www.google.com/search?q={tracking_no}+site%3Ahct.com.tw"),
    ("中華郵政", "https://www.google.com/search?q={tracking_no}+site%3Apost.gov.tw"),
    ("7-ELEVEN 交貨便", "https://www.google.com/search?q={tracking_no}+site%3A7-11.com.tw"),
    ("全家店到店", "https://www.google.com/search?q={tracking_no}+site%3Afamily.com.tw"),
    ("萊爾富", "https://www.google.com/search?q={tracking_no}+site%3Ahilife.com.tw"),
    ("OK超商", "https://www.google.com/search?q={tracking_no}+site%3Aokmart.com.tw"),
)


def _carriers_and_store_pickup(db: pw.Database) -> None:
    """Issue 12: the carriers the ship dialog offers (``carrier``, kept like the methods,
    seeded with the usual ones, each with its tracking page); a shipping method says whether it is a
    convenience-store pickup and of which chain (``shipping_method.pickup_chain``, empty
    for delivery); an order carries its pickup store's code, name and address.  Existing
    orders keep their stores inside ``delivery_address``.  What is there already is
    skipped (a MariaDB step cut short runs again)."""
    _add_columns(db, (
        ("shipping_method", "pickup_chain", "VARCHAR(12) NOT NULL DEFAULT ''"),
        ("order", "pickup_store_code", "VARCHAR(20) NULL"),
        ("order", "pickup_store_name", "VARCHAR(100) NULL"),
        ("order", "pickup_store_address", "VARCHAR(300) NULL"),
    ))
    db.create_tables([Carrier])
    with db.bind_ctx([Carrier]):
        if not Carrier.select().exists():
            Carrier.insert_many([{"title": n, "tracking_url": u, "description": "", "position": i,
                                  "archived": False, "version": 1}
                                 for i, (n, u) in enumerate(SEED_CARRIERS, 1)]).execute()


def _cancel_status_counts(db: pw.Database) -> None:
    """Issue 11 item 4: the seven cancellation counts in constant time, like the order tabs'.

    ``cancel_status_count`` holds the number of cancellation requests per (store, status), the
    store being the order's; kept by triggers on ``cancellation_request`` (and on ``order``
    when an order moves to another store).  A status change touches its two counter rows in
    the same fixed order as migration 5's (the smaller status first), so two clerks moving
    requests in opposite directions never deadlock on them.  Filled from the rows there are."""
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS cancel_status_count ("
        "store_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (store_id, status))"
    )
    if is_sqlite(db):
        _cancel_counts_sqlite(db)
    elif isinstance(db, pw.PostgresqlDatabase):
        _cancel_counts_pg(db)
    elif isinstance(db, pw.MySQLDatabase):
        _cancel_counts_mysql(db)
    db.execute_sql("DELETE FROM cancel_status_count")
    order = "`order`" if isinstance(db, pw.MySQLDatabase) else '"order"'
    db.execute_sql(
        "INSERT INTO cancel_status_count (store_id, status, n) "
        f"SELECT o.store_id, c.status, COUNT(*) FROM cancellation_request c JOIN {order} o "
        "ON o.id = c.order_id GROUP BY o.store_id, c.status"
    )


def _cancel_inc_dec(order: str, upsert: str) -> tuple[str, str]:
    """A trigger's statements adding the NEW request to its counter row and taking the OLD one
    from its own (the store is the request's order's)."""
    inc = ("INSERT INTO cancel_status_count (store_id, status, n) VALUES "
           f"((SELECT store_id FROM {order} WHERE id = NEW.order_id), NEW.status, 1) {upsert};")
    dec = ("UPDATE cancel_status_count SET n = n - 1 WHERE status = OLD.status AND "
           f"store_id = (SELECT store_id FROM {order} WHERE id = OLD.order_id);")
    return inc, dec


def _cancel_counts_sqlite(db: pw.Database) -> None:
    inc, dec = _cancel_inc_dec('"order"', "ON CONFLICT (store_id, status) DO UPDATE SET n = n + 1")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS csc_insert AFTER INSERT ON cancellation_request BEGIN {inc} END")
    db.execute_sql(
        "CREATE TRIGGER IF NOT EXISTS csc_update AFTER UPDATE OF status, order_id ON cancellation_request "
        f"WHEN OLD.status <> NEW.status OR OLD.order_id <> NEW.order_id BEGIN {dec} {inc} END"
    )
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS csc_delete AFTER DELETE ON cancellation_request BEGIN {dec} END")
    db.execute_sql(
        'CREATE TRIGGER IF NOT EXISTS csc_order_store AFTER UPDATE OF store_id ON "order" '
        "WHEN OLD.store_id <> NEW.store_id BEGIN "
        "UPDATE cancel_status_count SET n = n - (SELECT COUNT(*) FROM cancellation_request c "
        "WHERE c.order_id = NEW.id AND c.status = cancel_status_count.status) "
        "WHERE store_id = OLD.store_id AND status IN (SELECT status FROM cancellation_request WHERE order_id = NEW.id); "
        "INSERT INTO cancel_status_count (store_id, status, n) SELECT NEW.store_id, status, COUNT(*) "
        "FROM cancellation_request WHERE order_id = NEW.id GROUP BY status "
        "ON CONFLICT (store_id, status) DO UPDATE SET n = n + excluded.n; END"
    )


def _cancel_counts_pg(db: pw.Database) -> None:
    inc, dec = _cancel_inc_dec('"order"', "ON CONFLICT (store_id, status) DO UPDATE SET n = cancel_status_count.n + 1")
    db.execute_sql(filter_counts.pg_counter_function(
        "cancel_status_count_keep", "OLD.status <> NEW.status OR OLD.order_id <> NEW.order_id", inc, dec))
    db.execute_sql("DROP TRIGGER IF EXISTS cancel_status_count_keep ON cancellation_request")
    db.execute_sql(
        "CREATE TRIGGER cancel_status_count_keep AFTER INSERT OR UPDATE OR DELETE ON cancellation_request "
        "FOR EACH ROW EXECUTE FUNCTION cancel_status_count_keep()"
    )
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION cancel_status_count_store() RETURNS trigger AS $$ "
        "BEGIN "
        "UPDATE cancel_status_count SET n = n - c.k FROM (SELECT status, COUNT(*) AS k "
        "FROM cancellation_request WHERE order_id = NEW.id GROUP BY status) c "
        "WHERE cancel_status_count.store_id = OLD.store_id AND cancel_status_count.status = c.status; "
        "INSERT INTO cancel_status_count (store_id, status, n) SELECT NEW.store_id, status, COUNT(*) "
        "FROM cancellation_request WHERE order_id = NEW.id GROUP BY status "
        "ON CONFLICT (store_id, status) DO UPDATE SET n = cancel_status_count.n + EXCLUDED.n; "
        "RETURN NULL; END; $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT"
    )
    db.execute_sql('DROP TRIGGER IF EXISTS cancel_status_count_store ON "order"')
    db.execute_sql(
        'CREATE TRIGGER cancel_status_count_store AFTER UPDATE OF store_id ON "order" '
        "FOR EACH ROW WHEN (OLD.store_id <> NEW.store_id) EXECUTE FUNCTION cancel_status_count_store()"
    )


def _cancel_counts_mysql(db: pw.Database) -> None:
    inc, dec = _cancel_inc_dec("`order`", "ON DUPLICATE KEY UPDATE n = n + 1")
    for name in ("csc_insert", "csc_update", "csc_delete", "csc_order_store"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    db.execute_sql(f"CREATE TRIGGER csc_insert AFTER INSERT ON cancellation_request FOR EACH ROW BEGIN {inc} END")
    db.execute_sql(
        "CREATE TRIGGER csc_update AFTER UPDATE ON cancellation_request FOR EACH ROW BEGIN "
        "IF NOT (OLD.status <=> NEW.status AND OLD.order_id <=> NEW.order_id) THEN "
        f"IF OLD.status < NEW.status THEN {dec} {inc} ELSE {inc} {dec} END IF; "
        "END IF; END"
    )
    db.execute_sql(f"CREATE TRIGGER csc_delete AFTER DELETE ON cancellation_request FOR EACH ROW BEGIN {dec} END")
    db.execute_sql(
        "CREATE TRIGGER csc_order_store AFTER UPDATE ON `order` FOR EACH ROW BEGIN "
        "IF NOT (OLD.store_id <=> NEW.store_id) THEN "
        "UPDATE cancel_status_count s JOIN (SELECT status, COUNT(*) AS k FROM cancellation_request "
        "WHERE order_id = NEW.id GROUP BY status) c ON c.status = s.status "
        "SET s.n = s.n - c.k WHERE s.store_id = OLD.store_id; "
        "INSERT INTO cancel_status_count (store_id, status, n) SELECT NEW.store_id, status, COUNT(*) "
        "FROM cancellation_request WHERE order_id = NEW.id GROUP BY status "
        "ON DUPLICATE KEY UPDATE n = n + VALUES(n); "
        "END IF; END"
    )


def _order_index(db: pw.Database, name: str, columns: str) -> None:
    """An index on the order table, unless it is there already."""
    if isinstance(db, pw.MySQLDatabase):
        if not _mysql_has(db, "STATISTICS", "order", "INDEX_NAME", name):
            db.execute_sql(f"CREATE INDEX {name} ON `order` ({columns})")
    else:
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS {name} ON "order" ({columns})')


def _carrier_remittances(db: pw.Database) -> None:
    """Issue 12: carriers' remittances of cash-on-delivery money (``carrier_remittance``) and
    the orders each covers (``remittance_line``, an order at most once), both append-only;
    on a server, their who-columns are the session's login (``desk_roles.WHO_COLUMNS``).  Two
    indexes on orders: the collected COD orders, and tracking numbers.  Runs again after a
    MariaDB DDL commit cut it short."""
    db.create_tables(REMITTANCE_TABLES)
    for table in ("carrier_remittance", "remittance_line"):
        _append_only(db, table)
    # 代收款對帳 lists the collected COD orders, and a statement finds orders by tracking number
    # (named as the model's indexes, which a fresh database has from step 1).
    _order_index(db, "order_collect_on_delivery", "collect_on_delivery")
    _order_index(db, "order_tracking_no", "tracking_no")
    if not is_sqlite(db):
        desk_roles.install_triggers(db)


def _client_refs(db: pw.Database) -> None:
    """Issue 15, item 2: an order keeps the storefront's reference it was placed under
    (``order.client_ref``), unique: ``place_order`` repeated with the same reference returns
    the order placed first, and after a commit whose outcome was unknown it finds out whether
    the order was saved.  Orders placed before have none (NULL: any number of them)."""
    q = _add_columns(db, (("order", "client_ref", "VARCHAR(64) NULL"),))
    if isinstance(db, pw.MySQLDatabase):
        if not _mysql_has(db, "STATISTICS", "order", "INDEX_NAME", "order_client_ref"):
            db.execute_sql("CREATE UNIQUE INDEX order_client_ref ON `order` (client_ref)")
    else:
        db.execute_sql(f"CREATE UNIQUE INDEX IF NOT EXISTS order_client_ref ON {q}order{q} (client_ref)")


def _status_since(db: pw.Database) -> None:
    """Issue 17: an order remembers when it entered its status (``status_since``), so the
    lists' 等待天數 counts the days an order has waited in 已付款, 等待出貨 or 缺貨 — not since
    it was placed — and sorts by it on an index.  Existing orders take the time of their
    latest history record into their status (else their order date)."""
    q = _add_columns(db, (("order", "status_since", "TIMESTAMP NULL"),))
    order = f"{q}order{q}"
    db.execute_sql(
        f"UPDATE {order} SET status_since = COALESCE((SELECT MAX(h.at) FROM status_history h "
        f"WHERE h.order_id = {order}.id AND h.machine = 'order' AND h.to_status = {order}.status), "
        "order_date) WHERE status_since IS NULL")
    _order_index(db, "order_status_status_since_id", "status, status_since, id")


#: The history tables whose first record of an action carries its idempotency key (step 21).
_KEYED_HISTORY = ("status_history", "method_history", "shop_history")


def _action_keys(db: pw.Database) -> None:
    """Issue 15, item 2: every action may carry an idempotency key (a client-made id).  The
    first history record the action writes keeps it (``op_key``, unique; NULL on every other
    record and on the records before: any number of them), and ``action_key`` keeps what the
    action answered, so that a repeated call, or one whose COMMIT's outcome was unknown,
    answers from there instead of acting twice.  The keys compare byte by byte on MariaDB
    (its default collation would take "A" and "a" for one key).  Runs again after a MariaDB
    DDL commit cut it short."""
    mysql = isinstance(db, pw.MySQLDatabase)
    bytewise = " COLLATE utf8mb4_bin" if mysql else ""
    for table in _KEYED_HISTORY:
        _add_columns(db, ((table, "op_key", "VARCHAR(64) NULL"),))
        if mysql:
            db.execute_sql(f"ALTER TABLE {table} MODIFY op_key VARCHAR(64) NULL{bytewise}")
            if not _mysql_has(db, "STATISTICS", table, "INDEX_NAME", f"{table}_op_key"):
                db.execute_sql(f"CREATE UNIQUE INDEX {table}_op_key ON {table} (op_key)")
        else:
            db.execute_sql(f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_op_key ON {table} (op_key)")
    db.create_tables([ActionKey])
    if mysql:
        db.execute_sql(f"ALTER TABLE action_key MODIFY op_key VARCHAR(64) NOT NULL{bytewise}")
    _append_only(db, "action_key")


def _import_journal(db: pw.Database) -> None:
    """Issue 15, item 5: the import's journal (``import_batch``, ``import_chunk``): an import is
    staged there, then written in short transactions, so a clerk's action never waits behind
    the whole import, and an import cut short is finished on the next open.  A chunk's
    records are JSON of up to a few MB: LONGTEXT on MariaDB (its TEXT holds 64 KB)."""
    db.create_tables(IMPORT_TABLES)
    if isinstance(db, pw.MySQLDatabase):
        for column in ("payload", "report"):
            db.execute_sql(f"ALTER TABLE `import_chunk` MODIFY `{column}` LONGTEXT NOT NULL")


def _order_grams(db: pw.Database) -> None:
    """Issue 11 item 5: the search index (``order_gram``: each order's character n-grams,
    ``app/models/grams.py``), the table of positions its triggers read, the triggers that keep
    it in step with every write to ``order``, and the grams of the orders there are (set-based,
    in batches).  Runs again after a MariaDB DDL commit cut it short (the grams are written
    afresh).  And an index of (id, status, store) on orders: the counts under a search read
    each found order's status and store by id from it."""
    grams.install(db)
    _order_index(db, "order_id_status_store_id", "id, status, store_id")
    analyze(db, ["order"])


def _one_character_counts(db: pw.Database) -> None:
    """Issue 11 items 4 and 5: the counts of a one-character search in constant time.  A
    search of one character (a surname: 陳 is in one buyer name of nine) joined each of its
    orders' gram rows to the order (136,086 of them at 1M orders on SQLite: 94 ms, the bare
    join 54 ms).  ``gram_status_count`` holds, per one-character gram of the buyer names, the
    orders per (store, status), kept by triggers on ``order`` like the order counters
    (``app/models/grams.py``); filled from the orders there are.  Runs again after a MariaDB
    DDL commit cut it short (the counts are written afresh)."""
    grams.install_counts(db)


def _filter_counts(db: pw.Database) -> None:
    """Issue 11 item 4: the tab counts under a date range or a payment / shipping method from
    counter tables kept by triggers (``app/models/filter_counts.py``), filled from the orders
    there are."""
    filter_counts.install(db)
    analyze(db, [filter_counts.HOUR, filter_counts.METHOD])


#: The expressions a search tests on orders, beside their columns' own statistics: a search
#: longer than three characters, ``LOWER(column) ILIKE '%…%'`` on each of the five; a prefix
#: of one or two digits that most orders hold, its first characters (``search.Search.bare``).
SEARCHED_EXPRESSIONS = {
    **{f"order_lower_{c}": f'LOWER("{c}")' for c in grams.COLUMNS},
    "order_phone_first_1": 'SUBSTR("buyer_phone", 1, 1)',
    "order_phone_first_2": 'SUBSTR("buyer_phone", 1, 2)',
    "order_no_first_2": 'SUBSTR("order_no", 1, 2)',
    "order_no_first_3": 'SUBSTR("order_no", 1, 3)',
}


def _search_statistics(db: pw.Database) -> None:
    """Issue 11 item 5, PostgreSQL: plans for a search most orders match.

    * 14 and later: statistics of the expressions a search tests (``SEARCHED_EXPRESSIONS``).
      Without them the planner guessed each test true of one order in 200 (its default), so
      for ``gmail`` (60,003 orders of 100,000) it read every order and sorted them (365 ms)
      rather than walk the date index to its first 200 (13 ms), and for ``0`` in the last
      30 days sorted the month's 29,298 orders (18.6 ms against 0.07).  ``ANALYZE`` keeps
      them, as it does the columns'.
    * No parallel workers for ``order`` (as for ``order_gram``, migration 23): starting two
      took 12 ms of a two-character name's first page that walks 7,000 orders in 6 ms; a
      desk's statements read a page, a count or some rows by id, and on a server shared by
      many desks the workers only add their CPU."""
    if not isinstance(db, pw.PostgresqlDatabase):
        return
    db.execute_sql('ALTER TABLE "order" SET (parallel_workers = 0)')
    if db.connection().server_version < 140000:
        return
    for name, expression in SEARCHED_EXPRESSIONS.items():
        db.execute_sql(f'CREATE STATISTICS IF NOT EXISTS "{name}" ON ({expression}) FROM "order"')
    analyze(db, ["order"])


def _cancel_reasons_index(db: pw.Database) -> None:
    """Issue 11 item 5, SQLite: an index of the cancellation requests' reasons, which the
    search box of 取消訂單 reads (``LIKE '%…%'``, no index can seek it) for every search:
    reading the reasons from this index rather than the requests' rows, 110,554 requests at
    1,000,000 orders took 31 ms instead of 63.  Not on the servers: a B-tree entry there has
    a size limit (PostgreSQL's about 2.7 kB) and a reason has none."""
    if is_sqlite(db):
        db.execute_sql('CREATE INDEX IF NOT EXISTS "cancellation_request_reason" '
                       'ON "cancellation_request" ("reason")')
        analyze(db, ["cancellation_request"])


def _two_character_counts(db: pw.Database) -> None:
    """Issue 11 items 4 and 5: the counts of a two-character search in constant time.  Most
    Chinese given names are two characters (雅婷 is in one buyer name of 32): such a search
    joined its 31,000 orders' gram rows to the orders at 1,000,000 (24 ms on SQLite, 57 on
    PostgreSQL), and more than ``queries.COUNT_NOW`` were counted apart from the window.
    ``gram_status_count`` now counts each two characters of a name in a row too
    (``grams._keys_of``): its triggers written again, those counts added (set-based; afresh
    when a MariaDB DDL commit cut the step short; no order written meanwhile)."""
    with filter_counts.orders_held(db, grams.COUNTS_LOCKED):
        grams.install_count_triggers(db)
        grams.fill_pair_counts(db)
    analyze(db, [grams.COUNT_TABLE])


def _day_counts(db: pw.Database) -> None:
    """Issue 11 item 4: the counts under a range of many days read its whole UTC days from a
    counter of orders per (store, status, UTC day) — a year some 9,000 rows of the hour
    counter per status and store before — and only the hours at its ends from the hour
    counter (``filter_counts.install_days``: the table, every counter's triggers made again,
    its rows summed from the hour counter's)."""
    filter_counts.install_days(db)
    analyze(db, [filter_counts.DAY])


def _ship_day_counts(db: pw.Database) -> None:
    """Issue 11 item 3: a far jump in a list by 出貨日期 stepped over every shipped order before
    its row on the index (the middle of 訂單清單 at 1,000,000 orders: 500,000 entries, 26–31 ms
    on PostgreSQL).  A counter of shipped orders per (store, status, ship date) says which ship
    date holds the row, and the seek steps over that day's orders only
    (``filter_counts.install_ship_days``: the table, every counter's triggers made again, its
    rows counted from the shipped orders)."""
    filter_counts.install_ship_days(db)
    analyze(db, [filter_counts.SHIP])


def _phone_index_with_id(db: pw.Database) -> None:
    """Issue 11 item 3: 訂單清單 by 電話 is paged by (buyer_phone, id), which PostgreSQL's index
    on the phone alone does not hold (SQLite's and InnoDB's end with the row id): a far jump
    read half the orders' rows to sort their ids (780 ms at 1,000,000 orders).  The index on
    the phone is made again on (buyer_phone, id), which serves its lookups by phone as well
    (the same entries on SQLite).  On MariaDB the old index stays: a desk still running the
    OrderDesk before this step names it to the server (``FORCE INDEX``, ``queries._forced``)
    and would fail on its next page by phone.  Runs again after a MariaDB DDL commit cut it
    short."""
    _order_index(db, "order_buyer_phone_id", "buyer_phone, id")
    if not isinstance(db, pw.MySQLDatabase):
        db.execute_sql("DROP INDEX IF EXISTS order_buyer_phone")
    if is_sqlite(db):  # the planner's statistics of the new index (the others' are there)
        db.execute_sql("ANALYZE order_buyer_phone_id")


def _grams_follow_every_edit(db: pw.Database) -> None:
    """Issue 11 item 5, MariaDB: the search index's update trigger compared a row's old and new
    values in the columns' ``_ci`` collation, which takes "José" for "Jose", one emoji for
    another and full-width digits for ASCII ones: an edit between two such spellings kept the
    old one's grams, so the new one was not found and the old one still was.  The triggers
    are made again comparing bytes (``grams._changed``), and every order's grams written
    afresh (which orders an edit left stale cannot be told), no order written meanwhile (as
    ``repair.restore_grams``: the triggers last, so a step cut short runs again whole at the
    next open).  Nothing to do elsewhere, nor where step 23 made the triggers as they are now
    (a new shop: no order written under the old one)."""
    if not isinstance(db, pw.MySQLDatabase) or grams.update_trigger_compares_bytes(db):
        return
    with filter_counts.orders_held(db, grams.grams_locked(db)):
        db.execute_sql("DELETE FROM order_gram")
        grams.fill_grams(db)
        grams.install_triggers(db)


#: Step n takes the schema from version n-1 to n (a number given to work still being merged
#: may be missing for a while: the steps run in order of their numbers).  Append; never edit a
#: released step.
MIGRATIONS = {
    1: _create_tables,
    2: _history_append_only,
    3: _methods_history_and_rules,
    4: _codes_compare_bytewise,
    5: _status_counts_and_notify,
    6: _shop_settings,
    7: _history_never_replaced,
    8: _refunds_follow_the_money,
    9: _invoices,
    10: _vat_filings,
    11: _notes_and_buyer_lookup,
    12: _versions_counters_and_wide_money,
    13: _cash_on_delivery,
    14: _people,
    15: _month_close,
    16: _carriers_and_store_pickup,
    17: _carrier_remittances,
    18: _client_refs,
    19: _cancel_status_counts,
    20: _status_since,
    21: _action_keys,
    22: _import_journal,
    23: _order_grams,
    24: _one_character_counts,
    25: _filter_counts,
    26: _search_statistics,
    27: _cancel_reasons_index,
    28: _two_character_counts,
    29: _day_counts,
    30: _phone_index_with_id,
    31: _grams_follow_every_edit,
    32: _ship_day_counts,
}
LATEST = max(MIGRATIONS)


def current_version(db: pw.Database) -> int:
    with db.bind_ctx([SchemaVersion]):
        if not SchemaVersion.table_exists():
            return 0
        row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
        return row.version if row else 0


#: PostgreSQL advisory lock key (per database) and MariaDB / MySQL lock name prefix.
MIGRATION_LOCK = 0x4F44_0007
MIGRATION_LOCK_SECONDS = 120


@contextmanager
def migration_lock(db: pw.Database):
    """One OrderDesk at a time checks and migrates a server database: several clerks starting
    OrderDesk at once would otherwise run the same steps together (and collide creating the
    tables).  SQLite needs none: its steps take the write lock."""
    if isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            yield
        finally:
            db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    elif isinstance(db, pw.MySQLDatabase):
        name = f"orderdesk_migrate.{db.database}"[:64]  # GET_LOCK names are server-wide
        (got,) = db.execute_sql("SELECT GET_LOCK(%s, %s)", (name, MIGRATION_LOCK_SECONDS)).fetchone()
        if got != 1:
            raise RuntimeError(
                f"Another OrderDesk has been updating the database {db.database} for "
                f"{MIGRATION_LOCK_SECONDS} s; try again in a moment."
            )
        try:
            yield
        finally:
            db.execute_sql("SELECT RELEASE_LOCK(%s)", (name,))
    else:
        yield


def pending_steps(db: pw.Database) -> list[int]:
    """The steps ``migrate_to_latest`` would run on ``db`` now (none for a database newer
    than this OrderDesk: it refuses that one)."""
    return _steps_above(current_version(db))


def _steps_above(version: int) -> list[int]:
    return sorted(n for n in MIGRATIONS if n > version)


#: How long a desk opening a SQLite file waits for another desk's migration step to end
#: (its write lock; MariaDB's lock is waited for ``MIGRATION_LOCK_SECONDS``, PostgreSQL's for
#: as long as it takes).  A step on a large file takes longer than the 10 s a write waits.
SQLITE_STEP_WAIT_MS = 300_000


@contextmanager
def _busy_timeout(db: pw.Database, ms: int):
    """SQLite: how long a statement waits for another connection's lock, ``ms`` meanwhile."""
    if not is_sqlite(db):
        yield
        return
    (before,) = db.execute_sql("PRAGMA busy_timeout").fetchone()
    db.execute_sql(f"PRAGMA busy_timeout = {int(ms)}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(before)}")


#: SQLite's result code for a lock another connection holds.
SQLITE_BUSY = 5


def _another_desk_writing(db: pw.Database) -> bool:
    """SQLite: whether another desk holds the file's write lock now (asked without waiting):
    it is running a step this desk would wait for."""
    if not is_sqlite(db):
        return False
    conn = db.connection()
    if conn.in_transaction:
        return False
    with _busy_timeout(db, 0):
        try:
            conn.execute("BEGIN IMMEDIATE")
        except pw.sqlite3.OperationalError as exc:  # the driver peewee uses (pysqlite3 if there)
            # busy: another connection writes; anything else (a read-only file) is the step's
            return getattr(exc, "sqlite_errorcode", SQLITE_BUSY) == SQLITE_BUSY
        conn.execute("ROLLBACK")
        return False


def migrate_to_latest(db: pw.Database, progress: Progress = quiet) -> list[int]:
    """Run every step above the database's version, then put right what a killed bulk load
    left (``repair``: missing indexes, sequences behind); returns the steps run.

    ``progress(phase, done, total)`` is told how far it is, on the calling thread: a SQLite
    file's copy (``"backup"``, pages; ``"check"``), then each step (``"step"``: the steps done
    and all of them; ``"wait"`` first while another desk runs it on the same SQLite file),
    then ``"repair"``; nothing when there is no step to run."""
    with migration_lock(db), _busy_timeout(db, SQLITE_STEP_WAIT_MS), db.bind_ctx([SchemaVersion]):
        version = current_version(db)
        done = []
        if version > LATEST:  # before creating anything: a desk's own login may not
            raise RuntimeError(
                f"The database has schema version {version}; this OrderDesk knows up to {LATEST}. "
                "Update OrderDesk."
            )
        if version != LATEST:  # at the latest, create nothing: a desk's own login may not
            db.create_tables([SchemaVersion])
            if 0 < version < LATEST and is_sqlite(db) and db.database not in ("", ":memory:"):
                # 0600, as the file; not if another desk has run a step meanwhile
                backup_sqlite(db, f"{db.database}.v{version}.bak", progress,
                              unchanged=lambda: current_version(db) == version)
            steps = _steps_above(version)
            for i, step in enumerate(steps):
                waiting = _another_desk_writing(db)
                progress("wait" if waiting else "step", i, len(steps))
                # SQLite takes no lock above: the write lock first, then the version again —
                # another OrderDesk opening the file at the same moment may have run the step
                # meanwhile (it is not run twice).
                with db.atomic(*(("IMMEDIATE",) if is_sqlite(db) else ())):
                    if current_version(db) >= step:
                        continue
                    if waiting:  # the other desk's write was another: the step is this desk's
                        progress("step", i, len(steps))
                    MIGRATIONS[step](db)
                    SchemaVersion.delete().execute()
                    SchemaVersion.create(version=step, migrated_at=utcnow())
                done.append(step)
            if done:
                desk_roles.refresh_grants(db)  # the tables a step added get the desks' grants
            if steps:
                progress("repair", len(steps), len(steps))
        repair(db)
        return done
