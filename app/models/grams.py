"""The search index: every order's character n-grams (issue 11 item 5, migration 23).

The lists' search finds any fragment of an order's number, buyer phone, tracking number,
e-mail or buyer name.  A substring test (``LIKE '%…%'``) reads every order, and a trigram index
(SQLite's FTS5 trigram tokenizer, PostgreSQL's ``pg_trgm``) cannot serve the one- and
two-character fragments that Chinese names are searched by (most given names are two
characters).  So the database keeps a table of grams, the same on the three backends:

``order_gram(gram, order_id)``, primary key ``(gram, order_id)`` (a clustered key on MariaDB,
in a binary no-pad collation, so "e " and "e" are two grams; ``WITHOUT ROWID`` on SQLite: the
key is the table), holding for each order the distinct

* 1-, 2- and 3-character grams of its buyer name,
* 3-character grams of its order number, buyer phone (stored as digits), e-mail and tracking
  number,

each folded to lower case (A–Z; SQLite's ``LOWER`` folds nothing else, so the query folds only
those too).  A search of 1 or 2 characters looks its one gram up (names only: a phone or order
number fragment that short matches most orders, and keeps the indexed prefix ranges it always
had); a longer one intersects its trigrams (at most ``MAX_QUERY_GRAMS`` of them, spread over
it, rarest first) and, when longer than 3, checks the candidates with ``LIKE`` on the five
columns.  The tab counts under a search use the same grams (``app.services.search.Search``;
figures in docs/PERFORMANCE.md, "Search by any fragment").

**Kept in step by the database.**  Triggers on ``order`` (``AFTER INSERT``, ``AFTER UPDATE`` of
the five columns, ``AFTER DELETE``) write the grams, so every write path — the services, the
import, the demo's bulk load, a set-based bulk action, SQL typed by hand — keeps the index
without a second copy of the rules.  An update writes only the difference (the grams of the
new values ``EXCEPT`` those of the old, and the reverse deleted), so 【出貨】 setting a
tracking number adds about ten rows.  Triggers cannot loop in SQLite (nor use ``WITH``), so the
positions come from a table of numbers, ``gram_pos(n)`` 1…``MAX_POS``; the same SQL serves the
three backends and the set-based fill (``fill_grams``: migration 23, and the demo's bulk load,
which drops the triggers on an empty shop and fills the grams once at the end, as it
does the indexes; on PostgreSQL it computes them with ``row_grams``, the same rule in Python,
and copies them in with the rows).  On PostgreSQL the trigger function runs with its owner's rights, so desks
need no write right on the index (it is read-only to them, like the counters), and it fires on
any update of an order and compares the five columns itself (a column an ``UPDATE OF``
trigger names can no longer change type).

**The counts of the commonest searches** (migration 24).  A one-character search (陳 is in one
buyer name of nine) joined 136,086 gram rows to the orders at 1M (94 ms), and a prefix of one
or two digits (``0``, ``09``) read every order (6 s): ``gram_status_count`` holds the orders
per (key, store, status) — a key being a character of the buyer name or a short prefix of the
phone or order number (``_keys_of``) — kept by triggers beside these, so such a search's counts
are a sum over a few rows (``queries.count_orders``).  Migration 28 added each two characters of
a name in a row: most Chinese given names are two (雅婷: 31,000 orders at 1M, 24 ms joined on
SQLite, 57 on PostgreSQL).
"""

from __future__ import annotations

import peewee as pw

from .filter_counts import orders_held
from .proxy import is_sqlite
from .stats import analyze

#: The highest position a gram starts at: the longest indexed column (``buyer_email``, 200).
MAX_POS = 200
#: At most this many of a long search's trigrams are joined (the first, the last and some
#: between): each more narrows less and costs an index probe per candidate.
MAX_QUERY_GRAMS = 4

#: (SQL of a column of the row ``{r}``, the gram lengths indexed from it).
_SOURCES = (
    ("LOWER({r}.buyer_name)", (1, 2, 3)),
    ("LOWER({r}.order_no)", (3,)),
    ("{r}.buyer_phone", (3,)),
    ("LOWER({r}.buyer_email)", (3,)),
    ("LOWER(COALESCE({r}.tracking_no, ''))", (3,)),
)
#: The columns whose change moves the grams.
COLUMNS = ("order_no", "buyer_name", "buyer_phone", "buyer_email", "tracking_no")


def _kind(db: pw.Database) -> str:
    if is_sqlite(db):
        return "sqlite"
    return "pg" if isinstance(db, pw.PostgresqlDatabase) else "mysql"


def _length(kind: str) -> str:
    return "length" if kind == "sqlite" else "CHAR_LENGTH"


def _gram_selects(kind: str, r: str, id_sql: str | None = None, p: str = "p") -> list[str]:
    """One SELECT per (column, gram length) of the row named ``r``: its grams as ``g`` (and
    ``id_sql`` as ``order_id`` when given), the positions named ``p``."""
    length = _length(kind)
    collate = " COLLATE utf8mb4_nopad_bin" if kind == "mysql" else ""
    out = []
    for col, sizes in _SOURCES:
        expr = col.format(r=r)
        for k in sizes:
            cols = f"SUBSTR({expr}, {p}.n, {k}){collate} AS g"
            if id_sql:
                cols += f", {id_sql} AS order_id"
            out.append(f"SELECT {cols} FROM gram_pos {p} WHERE {p}.n <= {length}({expr}) - {k - 1}")
    return out


#: The SELECTs of one order's grams (``_gram_selects``).
GRAM_SELECTS = sum(len(sizes) for _col, sizes in _SOURCES)


def _fill_selects(kind: str, where: str) -> list[str]:
    """``_gram_selects`` over the orders meeting ``where`` (naming the order ``{o}``): the n-th
    SELECT names the order ``o<n>`` and the positions ``p<n>``, as a MariaDB session holding
    ``LOCK TABLES`` reads a table once a statement under each alias it locked
    (``grams_locked``)."""
    order = "`order`" if kind == "mysql" else '"order"'
    out = []
    for n in range(GRAM_SELECTS):
        o, p = f"o{n + 1}", f"p{n + 1}"
        select = _gram_selects(kind, o, f"{o}.id", p)[n]
        out.append(select.replace(f"FROM gram_pos {p}", f"FROM {order} {o} JOIN gram_pos {p} ON 1 = 1")
                   + " AND " + where.format(o=o))
    return out


def grams_of(kind: str, r: str) -> str:
    """A SELECT of the distinct grams (``g``) of the row ``r`` (``NEW`` / ``OLD`` in a trigger)."""
    return " UNION ".join(_gram_selects(kind, r))


def _diff(kind: str, a: str, b: str) -> str:
    """The grams of row ``a`` that row ``b`` has not."""
    return f"SELECT g FROM ({grams_of(kind, a)}) ga EXCEPT SELECT g FROM ({grams_of(kind, b)}) gb"


def _insert(kind: str) -> str:
    return {"sqlite": "INSERT OR IGNORE INTO", "pg": "INSERT INTO", "mysql": "INSERT IGNORE INTO"}[kind]


def _on_conflict(kind: str) -> str:
    return " ON CONFLICT DO NOTHING" if kind == "pg" else ""


def create_table(db: pw.Database) -> None:
    """``order_gram`` and ``gram_pos`` (filled), unless there."""
    kind = _kind(db)
    if kind == "sqlite":
        db.execute_sql("CREATE TABLE IF NOT EXISTS order_gram (gram TEXT NOT NULL, order_id INTEGER NOT NULL, "
                       "PRIMARY KEY (gram, order_id)) WITHOUT ROWID")
        db.execute_sql("CREATE TABLE IF NOT EXISTS gram_pos (n INTEGER PRIMARY KEY)")
    elif kind == "pg":
        db.execute_sql('CREATE TABLE IF NOT EXISTS order_gram (gram VARCHAR(3) COLLATE "C" NOT NULL, '
                       "order_id INTEGER NOT NULL, PRIMARY KEY (gram, order_id))")
        # No parallel workers for a lookup of a few thousand keys: starting them cost 10-14 ms
        # of a 0.1 ms search (docs/PERFORMANCE.md); and the commonest grams' counts in the
        # statistics, so the planner knows a surname's thousands from a rare gram's few.
        db.execute_sql("ALTER TABLE order_gram SET (parallel_workers = 0)")
        db.execute_sql("ALTER TABLE order_gram ALTER COLUMN gram SET STATISTICS 1000")
        db.execute_sql("CREATE TABLE IF NOT EXISTS gram_pos (n INTEGER PRIMARY KEY)")
    else:
        db.execute_sql("CREATE TABLE IF NOT EXISTS order_gram (gram VARCHAR(3) CHARACTER SET utf8mb4 "
                       "COLLATE utf8mb4_nopad_bin NOT NULL, order_id INTEGER NOT NULL, "
                       "PRIMARY KEY (gram, order_id)) ENGINE=InnoDB")
        db.execute_sql("CREATE TABLE IF NOT EXISTS gram_pos (n INTEGER NOT NULL PRIMARY KEY) ENGINE=InnoDB")
    (have,) = db.execute_sql("SELECT COUNT(*) FROM gram_pos").fetchone()
    if have != MAX_POS:
        db.execute_sql("DELETE FROM gram_pos")
        p = db.param
        db.cursor().executemany(f"INSERT INTO gram_pos (n) VALUES ({p})", [(n,) for n in range(1, MAX_POS + 1)])


def _changed(kind: str) -> str:
    """Whether an update changed a column the grams come from.  On MariaDB byte by byte, as the
    counter's triggers compare (``install_count_triggers``): ``<=>`` in the columns' ``_ci``
    collation took "José" for "Jose", one emoji for another, full-width digits for ASCII
    ones, and such an edit kept the old spelling's grams (migration 31)."""
    if kind == "mysql":
        return " OR ".join(f"NOT (CAST(OLD.{c} AS BINARY) <=> CAST(NEW.{c} AS BINARY))" for c in COLUMNS)
    same = "IS" if kind == "sqlite" else "IS NOT DISTINCT FROM"
    return " OR ".join(f"NOT (OLD.{c} {same} NEW.{c})" for c in COLUMNS)


def update_trigger_compares_bytes(db: pw.Database) -> bool:
    """MariaDB: whether ``order_gram_update`` is there and compares old and new byte by byte
    (``_changed``; migration 31)."""
    found = db.execute_sql(
        "SELECT ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
        "AND TRIGGER_NAME = 'order_gram_update'").fetchone()
    return found is not None and "AS BINARY" in found[0].upper()


#: The triggers' names (SQLite and MariaDB: one per event; PostgreSQL: one, and its function).
TRIGGERS = ("order_gram_insert", "order_gram_update", "order_gram_delete")
#: The counter's triggers (migration 24), the same way.
COUNT_TRIGGERS = ("gram_count_insert", "gram_count_update", "gram_count_delete")
#: The counter of the one-character grams (migration 24).
COUNT_TABLE = "gram_status_count"


def install_triggers(db: pw.Database) -> None:
    """The triggers that keep ``order_gram`` in step with ``order`` (replaced if there), and
    those of the counter (``install_count_triggers``) once migration 24 made it."""
    _install_gram_triggers(db)
    if _has_counter(db):
        install_count_triggers(db)


def _install_gram_triggers(db: pw.Database) -> None:
    kind = _kind(db)
    ins, conflict = _insert(kind), _on_conflict(kind)
    add_new = f"{ins} order_gram (gram, order_id) SELECT g, NEW.id FROM ({_diff(kind, 'NEW', 'OLD')}) d{conflict};"
    drop_old = f"DELETE FROM order_gram WHERE order_id = OLD.id AND gram IN ({_diff(kind, 'OLD', 'NEW')});"
    insert_all = f"{ins} order_gram (gram, order_id) SELECT g, NEW.id FROM ({grams_of(kind, 'NEW')}) d{conflict};"
    delete_all = f"DELETE FROM order_gram WHERE order_id = OLD.id AND gram IN ({grams_of(kind, 'OLD')});"
    if kind == "pg":
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION order_gram_keep() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP = 'INSERT' THEN {insert_all} "
            f"ELSIF TG_OP = 'DELETE' THEN {delete_all} "
            f"ELSIF {_changed(kind)} THEN {drop_old} {add_new} END IF; "
            "RETURN NULL; END; $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT")
        db.execute_sql('DROP TRIGGER IF EXISTS order_gram_keep ON "order"')
        # Not "UPDATE OF" the columns: a column named in a trigger's definition can no longer
        # change type (migration 4 does, when run again).
        db.execute_sql('CREATE TRIGGER order_gram_keep AFTER INSERT OR DELETE OR UPDATE '
                       'ON "order" FOR EACH ROW EXECUTE FUNCTION order_gram_keep()')
        return
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    if kind == "sqlite":
        db.execute_sql(f'CREATE TRIGGER order_gram_insert AFTER INSERT ON "order" BEGIN {insert_all} END')
        db.execute_sql(f'CREATE TRIGGER order_gram_update AFTER UPDATE OF {", ".join(COLUMNS)} ON "order" '
                       f"WHEN {_changed(kind)} BEGIN {drop_old} {add_new} END")
        db.execute_sql(f'CREATE TRIGGER order_gram_delete AFTER DELETE ON "order" BEGIN {delete_all} END')
    else:
        db.execute_sql(f"CREATE TRIGGER order_gram_insert AFTER INSERT ON `order` FOR EACH ROW BEGIN {insert_all} END")
        db.execute_sql("CREATE TRIGGER order_gram_update AFTER UPDATE ON `order` FOR EACH ROW BEGIN "
                       f"IF {_changed(kind)} THEN {drop_old} {add_new} END IF; END")
        db.execute_sql(f"CREATE TRIGGER order_gram_delete AFTER DELETE ON `order` FOR EACH ROW BEGIN {delete_all} END")


#: PostgreSQL fires a table's triggers in the order of their names: the counter's after
#: migration 5's ``order_status_count_keep``, whose (store, status) rows then serialise two
#: clerks moving orders between the same statuses before either locks a gram's row (a
#: trigger named before it let two bulk moves lock their gram rows first and deadlock).
PG_COUNT_TRIGGER = "order_tally_gram_keep"


def drop_triggers(db: pw.Database) -> None:
    """Remove the triggers, the counter's too (the bulk load on an empty shop;
    ``install_triggers`` puts them back, ``fill_grams`` and ``fill_counts`` fill)."""
    if _kind(db) == "pg":
        db.execute_sql('DROP TRIGGER IF EXISTS order_gram_keep ON "order"')
        db.execute_sql(f'DROP TRIGGER IF EXISTS {PG_COUNT_TRIGGER} ON "order"')
        return
    for name in TRIGGERS + COUNT_TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")


def _trigger_names(db: pw.Database) -> tuple[str, ...]:
    """The names of the triggers that should be there."""
    counter = _has_counter(db)
    if _kind(db) == "pg":
        return ("order_gram_keep", PG_COUNT_TRIGGER) if counter else ("order_gram_keep",)
    return TRIGGERS + COUNT_TRIGGERS if counter else TRIGGERS


def triggers_present(db: pw.Database) -> bool:
    """Whether the triggers are there (a bulk load killed while they were dropped: ``repair``)."""
    kind = _kind(db)
    names = _trigger_names(db)
    marks = ", ".join([db.param] * len(names))
    if kind == "sqlite":
        sql = f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})"
    elif kind == "pg":
        sql = f"SELECT COUNT(*) FROM pg_trigger WHERE tgname IN ({marks})"
    else:
        sql = ("SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
               f"AND TRIGGER_NAME IN ({marks})")
    (n,) = db.execute_sql(sql, names).fetchone()
    return n == len(names)


#: Orders per statement of the set-based fill: each statement sorts its grams and merges them
#: into the key in one pass.
FILL_BATCH = 20000


def fill_grams(db: pw.Database, after_id: int = 0) -> int:
    """Write the grams of every order whose id is above ``after_id`` (set-based, in batches of
    ``FILL_BATCH`` orders, within the caller's transaction); returns the orders covered.

    On PostgreSQL an empty index is filled without its key and the key built once at the end
    (a sort: inserting 5.5 million rows into the key one by one took 104 s at 100,000 orders;
    its distinct rows then the key: docs/PERFORMANCE.md)."""
    kind = _kind(db)
    order = "`order`" if kind == "mysql" else '"order"'
    p = db.param
    (top,) = db.execute_sql(f"SELECT MAX(id) FROM {order}").fetchone()
    if top is None:
        return 0
    fresh = kind == "pg" and db.execute_sql("SELECT NOT EXISTS (SELECT 1 FROM order_gram)").fetchone()[0]
    # UNION ALL, the duplicates ignored by the insert (faster than UNION's own sort); into an
    # empty PostgreSQL table without its key, UNION (each order's grams are all in one batch).
    selects = (" UNION " if fresh else " UNION ALL ").join(_fill_selects(kind, f"{{o}}.id > {p} AND {{o}}.id <= {p}"))
    sql = (f"{_insert(kind)} order_gram (gram, order_id) SELECT g, order_id FROM ({selects}) a "
           f"ORDER BY g, order_id{'' if fresh else _on_conflict(kind)}")
    if fresh:
        db.execute_sql("ALTER TABLE order_gram DROP CONSTRAINT order_gram_pkey")
    n = GRAM_SELECTS
    lo = after_id
    while lo < top:
        hi = lo + FILL_BATCH
        db.execute_sql(sql, (lo, hi) * n)
        lo = hi
    if fresh:
        db.execute_sql("ALTER TABLE order_gram ADD CONSTRAINT order_gram_pkey PRIMARY KEY (gram, order_id)")
    (count,) = db.execute_sql(f"SELECT COUNT(*) FROM {order} WHERE id > {p}", (after_id,)).fetchone()
    return count


def _plain(text: str) -> bool:
    """Whether every letter of ``text`` beyond ASCII is caseless (CJK): no server's ``LOWER``
    can fold it otherwise than ``fold`` does."""
    return text.isascii() or all(c.lower() == c == c.upper() for c in text if c > "\x7f")


def row_grams(order_no: str, buyer_name: str, buyer_phone: str, buyer_email: str,
              tracking_no: str | None) -> set[str] | None:
    """The grams the triggers write for an order holding these values (``_SOURCES``'s rule,
    computed here: the demo's bulk load on PostgreSQL copies them in); None when a folded
    value holds a cased letter beyond A–Z, which a server's ``LOWER`` may fold otherwise (the
    caller has SQL write that order's grams, ``fill_grams_of``).  A–Z must fold as ``fold``
    does on the server (``folds_as_python``)."""
    texts = (buyer_name, order_no, buyer_email, tracking_no or "")
    if not all(map(_plain, texts)):
        return None
    name = buyer_name.translate(_FOLD)
    out = {name[i:i + k] for k in (1, 2, 3) for i in range(min(MAX_POS, len(name) - k + 1))}
    for text in (order_no.translate(_FOLD), buyer_phone, buyer_email.translate(_FOLD),
                 (tracking_no or "").translate(_FOLD)):
        out.update([text[i:i + 3] for i in range(min(MAX_POS, len(text) - 2))])
    return out


def folds_as_python(db: pw.Database) -> bool:
    """Whether the server's ``LOWER`` folds A–Z as ``fold`` (a Turkish locale folds "I" to
    "ı"): ``row_grams`` is the triggers' rule only then."""
    upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    (low,) = db.execute_sql(f"SELECT LOWER({db.param})", (upper,)).fetchone()
    return low == fold(upper)


def fill_grams_of(db: pw.Database, ids: list[int]) -> None:
    """Write the grams of the orders ``ids`` by the triggers' SQL (no conflict handling: for
    orders that have none yet, into a table that may be without its key)."""
    if not ids:
        return
    kind = _kind(db)
    for at in range(0, len(ids), FILL_BATCH):
        chunk = tuple(ids[at:at + FILL_BATCH])
        marks = ", ".join([db.param] * len(chunk))
        selects = " UNION ".join(_fill_selects(kind, f"{{o}}.id IN ({marks})"))
        db.execute_sql(f"INSERT INTO order_gram (gram, order_id) SELECT g, order_id FROM ({selects}) a",
                       chunk * GRAM_SELECTS)


def install(db: pw.Database) -> None:
    """Migration 23: the tables, the triggers, the grams of the orders there are, and the
    planner's statistics of them (PostgreSQL guessed 105 orders for any gram and, for a
    gram 3,000 orders hold, probed the index once per order: 233 ms against 15 ms)."""
    create_table(db)
    install_triggers(db)
    db.execute_sql("DELETE FROM order_gram")
    fill_grams(db)
    analyze(db, ["order_gram"])


# ---------------------------------------------------------------- the one-character counter


#: The mark in front of the counter's prefix keys (``#09``); no name key starts with it.
MARK = "#"


def name_key(gram: str) -> bool:
    """Whether the counter counts a buyer name's gram under itself: one character, or two not
    starting with ``MARK`` (a name's ``#0`` would be the phones starting with 0)."""
    return len(gram) == 1 or (len(gram) == 2 and gram[0] != MARK)


def _has_counter(db: pw.Database) -> bool:
    """Whether migration 24 made the counter (step 23 alone, run on an older shop, has none)."""
    return COUNT_TABLE in db.get_tables()


def _keys_of(kind: str, r: str, cols: str = "", source: str = "gram_pos p WHERE", *,
             pairs_only: bool = False) -> str:
    """A SELECT of the distinct keys (``g``) the counter counts the row ``r`` under (``cols``
    added in front of each; ``source``: what the rows come from, ``gram_pos p`` in a trigger):

    * each character of its buyer name, and each two characters in a row not starting with
      ``#`` (A–Z folded: the same expressions as ``order_gram``'s one- and two-character
      grams, ``_SOURCES``), so the counter counts exactly the orders that table joins
      (migration 28 added the two);
    * ``#`` and the first one and two digits of its phone, and of its order number after its
      ``O``, and ``#O`` and the order number's first digit: the keys of the prefix searches of
      one or two digits (``0``, ``09``) and of ``O`` and a digit (``search.Search``).

    ``pairs_only``: the two characters of the name alone (migration 28 counts those).  A
    ``source`` naming ``{o}`` and ``{p}`` (``FILL_SOURCE``) has the n-th SELECT name the row
    ``o<n>`` and the positions ``p<n>`` (``r`` and ``cols`` say ``o`` for it): a MariaDB
    session holding ``LOCK TABLES`` reads a table once a statement under each alias it locked
    (``COUNTS_LOCKED``)."""
    collate = " COLLATE utf8mb4_nopad_bin" if kind == "mysql" else ""
    length = _length(kind)

    def key(expr: str) -> str:
        return f"CONCAT('{MARK}', {expr})" if kind == "mysql" else f"'{MARK}' || {expr}"

    def selects(r: str, p: str) -> tuple:
        name, phone, no = f"LOWER({r}.buyer_name)", f"{r}.buyer_phone", f"{r}.order_no"
        o_no = f"SUBSTR({no}, 1, 1) = 'O'"
        pair = (f"SUBSTR({name}, {p}.n, 2)",
                f"{p}.n < {length}({name}) AND SUBSTR({name}, {p}.n, 1) <> '{MARK}'")
        if pairs_only:
            return (pair,)
        return (
            (f"SUBSTR({name}, {p}.n, 1)", f"{p}.n <= {length}({name})"),
            pair,
            (key(f"SUBSTR({phone}, 1, {p}.n)"), f"{p}.n <= 2 AND {p}.n <= {length}({phone})"),
            (key(f"SUBSTR({no}, 2, {p}.n)"), f"{p}.n <= 2 AND {p}.n < {length}({no}) AND {o_no}"),
            (key(f"SUBSTR({no}, 1, 2)"), f"{p}.n = 1 AND {length}({no}) >= 2 AND {o_no}"),
        )

    numbered = "{o}" in source
    parts = []
    for n in range(len(selects(r, "p"))):
        o, p = (f"o{n + 1}", f"p{n + 1}") if numbered else (r, "p")
        expr, where = selects(o, p)[n]
        row = cols.replace(f"{r}.", f"{o}.") if numbered else cols
        parts.append(f"SELECT {'DISTINCT ' if pairs_only else ''}{row}{expr}{collate} AS g "
                     f"FROM {source.format(o=o, p=p) if numbered else source} {where}")
    # pairs_only DISTINCT, as the UNION of them all: 陳陳陳 counted once under 陳陳
    return " UNION ".join(parts)


#: The SELECTs of an order's keys (``_keys_of``: name characters, name pairs, phone, order
#: number, ``#O``); ``tests/test_search_grams.py`` counts them.
KEY_SELECTS = 5
#: The rows the fills count keys of (``_keys_of``): each SELECT under its own aliases.
FILL_SOURCE = "{order} {o} JOIN gram_pos {p} ON"


def _count_sql(kind: str) -> tuple[str, str]:
    """A trigger's statements adding the NEW order to the counter rows of its keys, and taking
    the OLD one from its own (in the keys' order: two transactions lock the rows of one status
    in the same order)."""
    upsert = {"sqlite": "ON CONFLICT (gram, store_id, status) DO UPDATE SET n = n + 1",
              "pg": f"ON CONFLICT (gram, store_id, status) DO UPDATE SET n = {COUNT_TABLE}.n + 1",
              "mysql": "ON DUPLICATE KEY UPDATE n = n + 1"}[kind]
    # "WHERE 1 = 1": SQLite would read the upsert's ON as the join's.
    inc = (f"INSERT INTO {COUNT_TABLE} (gram, store_id, status, n) SELECT g, NEW.store_id, NEW.status, 1 "
           f"FROM ({_keys_of(kind, 'NEW')}) d WHERE 1 = 1 ORDER BY g {upsert};")
    if kind == "mysql":  # a join, not IN (a subquery): MariaDB's single-table UPDATE scans
        dec = (f"UPDATE {COUNT_TABLE} s JOIN ({_keys_of(kind, 'OLD')}) d ON s.gram = d.g SET s.n = s.n - 1 "
               "WHERE s.store_id = OLD.store_id AND s.status = OLD.status;")
    else:
        dec = (f"UPDATE {COUNT_TABLE} SET n = n - 1 WHERE store_id = OLD.store_id AND status = OLD.status "
               f"AND gram IN ({_keys_of(kind, 'OLD')});")
    return inc, dec


#: The columns whose change moves an order between the counter's rows.
COUNT_COLUMNS = ("status", "store_id", "buyer_name", "buyer_phone", "order_no")


def create_count_table(db: pw.Database) -> None:
    """``gram_status_count(gram, store_id, status, n)``: how many orders of a store in a status
    have the key (``_keys_of``), unless there."""
    kind = _kind(db)
    gram = {"sqlite": "TEXT", "pg": 'VARCHAR(4) COLLATE "C"',
            "mysql": "VARCHAR(4) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin"}[kind]
    tail = {"sqlite": " WITHOUT ROWID", "pg": "", "mysql": " ENGINE=InnoDB"}[kind]
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {COUNT_TABLE} (gram {gram} NOT NULL, store_id INTEGER NOT NULL, "
                   "status VARCHAR(20) NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (gram, store_id, status))"
                   f"{tail}")


def install_count_triggers(db: pw.Database) -> None:
    """The triggers that keep the counter in step with ``order``: an insert adds the order to
    its keys' rows, a delete takes it away, and an update of its status, store, buyer name,
    phone or order number moves it (the old keys' rows down, the new ones' up).  An update touches the
    rows of the smaller status first, as the order counters' trigger does (migration 5), so
    two clerks moving orders in opposite directions never deadlock on them."""
    kind = _kind(db)
    inc, dec = _count_sql(kind)
    if kind == "pg":
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION gram_count_keep() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP = 'INSERT' THEN {inc} "
            f"ELSIF TG_OP = 'DELETE' THEN {dec} "
            "ELSIF " + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COUNT_COLUMNS) + " THEN "
            f"IF OLD.status < NEW.status THEN {dec} {inc} ELSE {inc} {dec} END IF; END IF; "
            "RETURN NULL; END; $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT")
        db.execute_sql(f'DROP TRIGGER IF EXISTS {PG_COUNT_TRIGGER} ON "order"')
        db.execute_sql(f'CREATE TRIGGER {PG_COUNT_TRIGGER} AFTER INSERT OR DELETE OR UPDATE '
                       'ON "order" FOR EACH ROW EXECUTE FUNCTION gram_count_keep()')
        return
    for name in COUNT_TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    if kind == "sqlite":
        db.execute_sql(f'CREATE TRIGGER gram_count_insert AFTER INSERT ON "order" BEGIN {inc} END')
        db.execute_sql(f'CREATE TRIGGER gram_count_update AFTER UPDATE OF {", ".join(COUNT_COLUMNS)} ON "order" '
                       "WHEN " + " OR ".join(f"NOT (OLD.{c} IS NEW.{c})" for c in COUNT_COLUMNS)
                       + f" BEGIN {dec} {inc} END")
        db.execute_sql(f'CREATE TRIGGER gram_count_delete AFTER DELETE ON "order" BEGIN {dec} END')
        return
    db.execute_sql(f"CREATE TRIGGER gram_count_insert AFTER INSERT ON `order` FOR EACH ROW BEGIN {inc} END")
    # Compared byte by byte: a name's collation takes "é" and "e" for one.
    same = " AND ".join(f"CAST(OLD.{c} AS BINARY) <=> CAST(NEW.{c} AS BINARY)" for c in COUNT_COLUMNS)
    db.execute_sql(
        f"CREATE TRIGGER gram_count_update AFTER UPDATE ON `order` FOR EACH ROW BEGIN IF NOT ({same}) THEN "
        f"IF OLD.status < NEW.status THEN {dec} {inc} ELSE {inc} {dec} END IF; END IF; END")
    db.execute_sql(f"CREATE TRIGGER gram_count_delete AFTER DELETE ON `order` FOR EACH ROW BEGIN {dec} END")


def fill_counts(db: pw.Database) -> None:
    """The counter written afresh from the orders there are (set-based, within the caller's
    transaction): migration 24, the demo's bulk load after ``fill_grams``, ``repair``."""
    kind = _kind(db)
    order = "`order`" if kind == "mysql" else '"order"'
    keys = _keys_of(kind, "o", "o.id, o.store_id, o.status, ", FILL_SOURCE.replace("{order}", order))
    db.execute_sql(f"DELETE FROM {COUNT_TABLE}")
    db.execute_sql(f"INSERT INTO {COUNT_TABLE} (gram, store_id, status, n) "
                   f"SELECT g, store_id, status, COUNT(*) FROM ({keys}) d GROUP BY g, store_id, status")


def fill_pair_counts(db: pw.Database) -> None:
    """Migration 28: the counts of each two characters in a row of the orders' names written
    afresh (set-based, within the caller's transaction), the rest of the counter as it is — a
    fifth of the rows ``fill_counts`` groups (1,000,000 orders on SQLite: 56 s to count every
    key)."""
    kind = _kind(db)
    order = "`order`" if kind == "mysql" else '"order"'
    keys = _keys_of(kind, "o", "o.id, o.store_id, o.status, ", FILL_SOURCE.replace("{order}", order),
                    pairs_only=True)
    length = _length(kind)
    db.execute_sql(f"DELETE FROM {COUNT_TABLE} WHERE {length}(gram) = 2 AND SUBSTR(gram, 1, 1) <> '{MARK}'")
    db.execute_sql(f"INSERT INTO {COUNT_TABLE} (gram, store_id, status, n) "
                   f"SELECT g, store_id, status, COUNT(*) FROM ({keys}) d GROUP BY g, store_id, status")


def count_keys(order_no: str, buyer_name: str, buyer_phone: str) -> set[str] | None:
    """The keys the counter counts an order holding these values under (``_keys_of``'s rule,
    computed here: the demo's bulk load on PostgreSQL counts its orders itself); None when the
    name holds a cased letter beyond A–Z (as ``row_grams``: the caller has SQL count that
    order, ``add_counts_of``).  A–Z must fold as ``fold`` does on the server
    (``folds_as_python``)."""
    if not _plain(buyer_name):
        return None
    name = buyer_name.translate(_FOLD)
    keys = set(name[:MAX_POS])
    keys.update(filter(name_key, (name[i:i + 2] for i in range(min(MAX_POS, len(name) - 1)))))
    phone = buyer_phone or ""
    keys.update([MARK + phone[:n] for n in (1, 2) if n <= len(phone)])
    if order_no[:1] == "O":
        keys.update([MARK + order_no[1:1 + n] for n in (1, 2) if n < len(order_no)])
        if len(order_no) >= 2:
            keys.add(MARK + order_no[:2])
    return keys


def add_counts_of(db: pw.Database, ids: list[int]) -> None:
    """Add the orders ``ids`` to the counter by its SQL (``fill_counts``' rule, for orders it
    does not hold yet)."""
    if not ids:
        return
    kind = _kind(db)
    order = "`order`" if kind == "mysql" else '"order"'
    upsert = {"sqlite": "ON CONFLICT (gram, store_id, status) DO UPDATE SET n = n + excluded.n",
              "pg": f"ON CONFLICT (gram, store_id, status) DO UPDATE SET n = {COUNT_TABLE}.n + EXCLUDED.n",
              "mysql": "ON DUPLICATE KEY UPDATE n = n + VALUES(n)"}[kind]
    for at in range(0, len(ids), FILL_BATCH):
        chunk = tuple(ids[at:at + FILL_BATCH])
        marks = ", ".join([db.param] * len(chunk))
        keys = _keys_of(kind, "o", "o.id, o.store_id, o.status, ",
                        f"{order} o JOIN gram_pos p ON o.id IN ({marks}) AND")
        n = keys.count(" UNION ") + 1
        db.execute_sql(f"INSERT INTO {COUNT_TABLE} (gram, store_id, status, n) "
                       f"SELECT g, store_id, status, COUNT(*) FROM ({keys}) d WHERE 1 = 1 "
                       f"GROUP BY g, store_id, status {upsert}", chunk * n)


#: What the counter's steps lock on MariaDB (``filter_counts.orders_held``): the orders, and
#: the orders and positions the fill reads under each SELECT's aliases (``FILL_SOURCE``), the
#: counter it writes.
def _locks(selects: int, *written: str) -> str:
    """``LOCK TABLES``' list: the orders, the orders and positions under the aliases of
    ``selects`` SELECTs (``o<n>``, ``p<n>``), and the tables ``written``."""
    read = [f"`order` AS o{n} READ, gram_pos AS p{n} READ" for n in range(1, selects + 1)]
    return ", ".join(["`order` WRITE", *read, *(f"{t} WRITE" for t in written)])


COUNTS_LOCKED = _locks(KEY_SELECTS, COUNT_TABLE)


def grams_locked(db: pw.Database) -> str:
    """What ``repair.restore_grams`` locks on MariaDB (``filter_counts.orders_held``): the
    orders, and the orders and positions the fills read under each SELECT's aliases
    (``_fill_selects``, ``FILL_SOURCE``), the grams and the counter (if there) they write."""
    return _locks(max(GRAM_SELECTS, KEY_SELECTS), "order_gram", *([COUNT_TABLE] if _has_counter(db) else []))


def install_counts(db: pw.Database) -> None:
    """Migration 24: the counter, its triggers, and the counts of the orders there are (no
    order written meanwhile)."""
    create_count_table(db)
    with orders_held(db, COUNTS_LOCKED):
        install_count_triggers(db)
        fill_counts(db)
    analyze(db, [COUNT_TABLE])


# ---------------------------------------------------------------- the query side


def fold(text: str) -> str:
    """What the index holds of ``text``: A–Z folded to a–z, nothing else changed (as SQLite's
    ``LOWER``)."""
    return text.translate(_FOLD)


_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold_as_stored(db: pw.Database, text: str) -> str:
    """What the index holds of ``text`` on ``db``: ``fold`` on SQLite, whose ``LOWER`` folds
    A–Z only, and of a text whose letters beyond ASCII have no case (CJK); else the server's
    own ``LOWER`` of it, as the triggers wrote the grams (PostgreSQL's and MariaDB's fold É,
    Ж and Ａ too: ``fold`` left "Élodie" as typed, which no gram of the name holds)."""
    if is_sqlite(db) or _plain(text):
        return fold(text)
    if isinstance(db, pw.PostgresqlDatabase):
        sql = f"SELECT LOWER({db.param})"
    else:  # in the name column's collation, as the triggers' ``LOWER`` (not the connection's)
        sql = f"SELECT LOWER(CONVERT({db.param} USING utf8mb4) COLLATE {_name_collation(db)})"
    (low,) = db.execute_sql(sql, (text,)).fetchone()
    return low


def _name_collation(db: pw.Database) -> str:
    """MariaDB: the collation of ``order.buyer_name`` (``utf8mb4_unicode_ci`` as OrderDesk makes
    it), read once per database object."""
    found = getattr(db, "orderdesk_name_collation", None)
    if found is None:
        (found,) = db.execute_sql(
            "SELECT collation_name FROM information_schema.columns WHERE table_schema = DATABASE() "
            "AND table_name = 'order' AND column_name = 'buyer_name'").fetchone()
        if not found.replace("_", "").isalnum():  # it is written into the statement
            raise ValueError(f"unexpected collation {found!r}")
        db.orderdesk_name_collation = found
    return found


def query_grams(folded: str) -> list[str]:
    """The grams a search of ``folded`` (already ``fold``-ed) looks up: itself when 1–3
    characters long, else up to ``MAX_QUERY_GRAMS`` of its distinct trigrams spread over it
    (the first and the last among them)."""
    if len(folded) <= 3:
        return [folded] if folded else []
    tri = list(dict.fromkeys(folded[i:i + 3] for i in range(len(folded) - 2)))
    if len(tri) <= MAX_QUERY_GRAMS:
        return tri
    step = (len(tri) - 1) / (MAX_QUERY_GRAMS - 1)
    return list(dict.fromkeys(tri[round(i * step)] for i in range(MAX_QUERY_GRAMS)))
