"""The demo's bulk path (``app.services.demo``): the plans' rows (``demo_rows``) written with
raw ``executemany`` in fixed-size batches, one transaction each, the secondary indexes and the
search index's triggers dropped meanwhile and put back at the end (``_bulk_load``); on an
empty PostgreSQL shop, the whole load in one transaction by COPY, with a forked helper making
every other batch's text and a thread copying them in (``_load_at_once``).

No Qt here.
"""

from __future__ import annotations

import gc
import io
import itertools
import os
import queue
import sys
import threading
from collections import Counter, defaultdict
from datetime import datetime

import peewee as pw

from app.models import filter_counts, grams, tables
from app.models.db import database, is_sqlite, own_connection, write_transaction
from app.models.repair import sync_sequences

from .bulk import COPY_ESCAPED, Inserter, copy_text, quote
from .demo_plan import _Plan, _Shop, _Tally
from .demo_rows import _BULK_WRITES, _ORDER_FIELDS, _BulkWriter

#: Orders per transaction in the bulk path.  Fixed: one statement per table per batch.
BULK_BATCH = 10_000


def _max_id(db: pw.Database, model) -> int:
    cur = db.execute_sql(f"SELECT MAX(id) FROM {quote(db, model._meta.table_name)}")
    return cur.fetchone()[0] or 0


_BULK_MODELS = (tables.Order, tables.OrderItem, tables.StatusHistory)


def _drop_secondary_indexes(db: pw.Database) -> list[str]:
    """On a SQLite or PostgreSQL database without orders: drop the non-unique indexes of the
    order, item and history tables (loading into them and building each index once at the end is faster
    than keeping them up to date row by row).  Returns the SQL that recreates them; if the
    load is killed before, the next open builds them (``app.models.repair``)."""
    if not (is_sqlite(db) or isinstance(db, pw.PostgresqlDatabase)) or tables.Order.select().exists():
        return []
    recreate = []
    for model in _BULK_MODELS:
        for index in db.get_indexes(model._meta.table_name):
            if not index.unique and index.sql:
                recreate.append(index.sql)
                db.execute_sql(f"DROP INDEX {quote(db, index.name)}")
    return recreate


def _drop_search_triggers(db: pw.Database) -> bool:
    """On a shop without orders: drop the search index's triggers (``app/models/grams.py``),
    so the load writes no grams row by row; ``_bulk_load`` puts them back and fills the index
    set-based at the end (SQLite, 100,000 orders: 15 s added
    to the build instead of 81 s).  If the load is killed before, the next open
    does (``app.models.repair``).  Whether they were dropped."""
    if tables.Order.select().exists():
        return False
    grams.drop_triggers(db)
    return True


def _bulk_load(shop: _Shop, plans, start: datetime, n: int, progress, tally: _Tally) -> None:
    db = database.obj
    if _loads_at_once(db):
        _load_at_once(shop, plans, start, n, progress, tally)
        return
    writers = [Inserter(db, model, fields) for model, fields in _BULK_WRITES]
    with write_transaction():
        recreate = _drop_secondary_indexes(db)
        regram = _drop_search_triggers(db)
    # The load makes millions of short-lived rows and no cycles: the cycle collector would only
    # walk the batch again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        writer = _BulkWriter(shop, start)
        done = 0
        batch: list[_Plan] = []
        for plan in plans:
            batch.append(plan)
            if len(batch) == BULK_BATCH:
                done += _write_batch(db, writer, batch, tally, writers)
                batch = []
                if progress:
                    progress(min(done, n - 1), n)
        if batch:
            _write_batch(db, writer, batch, tally, writers)
    finally:
        if collecting:
            gc.enable()
        if recreate:
            with write_transaction():
                _build_indexes(db, recreate)
        if regram:
            with write_transaction():
                grams.install_triggers(db)
                grams.fill_grams(db)
                grams.fill_counts(db)
        sync_sequences(db)  # PostgreSQL: explicit ids do not advance the id sequences


# ---- PostgreSQL: the whole load in one transaction, by COPY, with no trigger firing


def _loads_at_once(db: pw.Database) -> bool:
    """Whether ``_load_at_once`` may load this database: PostgreSQL, no orders yet, a login
    that may set ``session_replication_role`` (a superuser) and is no person (whose login the
    ``*_who`` triggers would write into the rows)."""
    if not isinstance(db, pw.PostgresqlDatabase) or tables.Order.select().exists():
        return False
    (ok,) = db.execute_sql(
        "SELECT r.rolsuper AND NOT EXISTS (SELECT 1 FROM person WHERE login = session_user) "
        "FROM pg_roles r WHERE r.rolname = current_user").fetchone()
    return bool(ok)


def _load_at_once(shop: _Shop, plans, start: datetime, n: int, progress, tally: _Tally) -> None:
    """The bulk load on an empty PostgreSQL shop (issue 11 item 10): this thread makes the rows
    and their COPY text, ``_Copier`` copies them in, in one transaction of its own connection,
    meanwhile (the server works on one batch while the next is made).  Where a second process
    may be forked (``_helper_context``), a helper makes every other batch's text (``_help``).
    No trigger fires and the secondary indexes and the gram index's key are built once at the
    end, so that transaction writes itself what the triggers would have: each order's grams
    (``grams.row_grams``, computed here, the rule the triggers' SQL has), the two counter
    tables, one change notice.  A load cut short leaves the shop as it was (100,000 orders on
    the loaded machine: 191 s through the triggers and indexes, 101 s so; docs/PERFORMANCE.md)."""
    db = database.obj
    by_python = grams.folds_as_python(db)
    ids = tuple(_max_id(db, m) + 1 for m in (tables.Order, tables.CancellationRequest, tables.Invoice))
    writer = _BulkWriter(shop, start, fresh=True)
    collecting = gc.isenabled()
    gc.disable()  # as _bulk_load: millions of short-lived rows and no cycles
    helper = _Helper.start(plans, writer, ids, by_python) if n > BULK_BATCH else None
    copier = _Copier(helper, by_python)
    copier.start()
    try:
        done = 0
        mine = (lambda k: k % 2 == 0) if helper is not None else (lambda k: True)
        for batch, texts in _batches(plans, writer, ids, by_python, mine):
            copier.put(_FROM_HELPER if texts is None else texts)
            for p in batch:
                tally.add(p)
            done += len(batch)
            if progress:
                progress(min(done, n - 1), n)
        copier.finish()
        if helper is not None:
            helper.finish()
    except BaseException:
        if helper is not None:
            helper.stop()
        copier.abort()
        raise
    finally:
        if collecting:
            gc.enable()


def _batches(plans, writer: _BulkWriter, ids: tuple[int, int, int], by_python: bool, mine):
    """``plans`` in batches of ``BULK_BATCH``, each yielded with its text (``_texts``) when
    ``mine(k)`` holds for its index ``k``, else with None: its rows are made elsewhere, and
    ``writer`` only numbers past them (``_BulkWriter.skip``)."""
    oid, rid, iid = ids
    batch: list[_Plan] = []
    k = 0
    for plan in itertools.chain(plans, (None,)):
        if plan is not None:
            batch.append(plan)
            if len(batch) < BULK_BATCH:
                continue
        if not batch:
            break
        if mine(k):
            rows = writer.rows(batch, oid, rid, iid)
            n_requests, n_invoices = len(rows[3]), len(rows[5])
            texts = _texts(rows, by_python)
        else:
            n_requests, n_invoices = writer.skip(batch)
            texts = None
        oid, rid, iid = oid + len(batch), rid + n_requests, iid + n_invoices
        yield batch, texts
        batch = []
        k += 1


def _texts(rows, by_python: bool) -> tuple[list, str, list[int], Counter]:
    """A batch's rows (``_BulkWriter.rows``) in COPY's text format (None for a table without
    rows), with their grams' text, the orders whose grams and counts SQL must write and the
    counts of the others (``_gram_text``)."""
    return ([copy_text(r) if r else None for r in rows], *_gram_text(rows[0], by_python))


_GRAM_COLUMNS = tuple(_ORDER_FIELDS.index(f) for f in ("id", *grams.COLUMNS))


def _gram_text(orders: list[tuple], by_python: bool) -> tuple[str, list[int], Counter]:
    """The grams of ``orders`` (rows of ``_ORDER_FIELDS``, by id) in COPY's text format, the
    ids of the orders whose grams and counts SQL must write (``grams.row_grams`` or
    ``grams.count_keys`` gave None, or a value holds a character COPY escapes), and the
    one-character search's counts of the others ({(key, store, status): orders}).  The grams
    come sorted by gram, then order (Python orders text by code point, as the "C" collation
    the gram has): the key built at the end sorts runs of a batch each instead of rows in no
    order (16.5M grams: 27.3 → 13.9 s)."""
    i_id, i_no, i_name, i_phone, i_email, i_track = _GRAM_COLUMNS
    by_gram: defaultdict[str, list[str]] = defaultdict(list)
    counts: Counter = Counter()
    odd: list[int] = []
    for row in orders:
        oid = row[i_id]
        values = (row[i_no], row[i_name], row[i_phone], row[i_email], row[i_track])
        got = grams.row_grams(*values) if by_python else None
        keys = grams.count_keys(values[0], values[1], values[2]) if got is not None else None
        if keys is None or COPY_ESCAPED.search("".join([v or "" for v in values])):
            odd.append(oid)
            continue
        soid = str(oid)
        for g in got:
            by_gram[g].append(soid)
        store, status = row[_I_STORE], row[_I_STATUS]
        for k in keys:
            counts[(k, store, status)] += 1
    parts = []
    add = parts.append
    for g in sorted(by_gram):
        head = g + "\t"
        add(head)
        add(("\n" + head).join(by_gram[g]))
        add("\n")
    return "".join(parts), odd, counts


_I_STORE, _I_STATUS = _ORDER_FIELDS.index("store"), _ORDER_FIELDS.index("status")


#: A batch's slot in ``_Copier``'s queue: the rows of the next batch are made meanwhile.
_QUEUED = 2
#: In ``_Copier``'s queue: the next batch is the helper's (``_Helper.receive``).
_FROM_HELPER = "helper"


def _helper_context():
    """The ``multiprocessing`` context that forks ``_load_at_once``'s helper, or None where it
    may not: only on Linux (a forked child of a macOS process with Qt's threads may crash;
    Windows cannot fork), and only with a second core for it."""
    import multiprocessing

    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return None
    return multiprocessing.get_context("fork")


class _Helper:
    """A forked child that makes every other batch's COPY text (``_help``) and sends it down a
    pipe to ``_Copier``.  Forked before any plan is drawn, it draws the same plans from the
    same random state, numbering past the batches this process makes (``_BulkWriter.skip``):
    Python's row making, most of the load's work, runs on two cores.  It never touches the
    database (its copy of the connection is left alone: ``multiprocessing`` ends a forked
    child with ``os._exit``)."""

    def __init__(self, process, conn):
        self.process = process
        self.conn = conn

    @classmethod
    def start(cls, plans, writer: _BulkWriter, ids: tuple[int, int, int], by_python: bool) -> _Helper | None:
        ctx = _helper_context()
        if ctx is None:
            return None
        receive, send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_help, args=(send, receive, plans, writer, ids, by_python),
                              name="demo-rows", daemon=True)
        process.start()
        send.close()  # the child's end: a child gone is then an EOFError here
        return cls(process, receive)

    def receive(self):
        """The helper's next batch (``_texts``), in the order it makes them."""
        try:
            kind, value = self.conn.recv()
        except EOFError:
            raise RuntimeError("the demo's helper process ended") from None
        if kind == "error":
            raise RuntimeError(f"the demo's helper process failed: {value}")
        return value

    def finish(self) -> None:
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.conn.close()


def _help(conn, parents_end, plans, writer: _BulkWriter, ids: tuple[int, int, int], by_python: bool) -> None:
    """The helper's work (``_Helper``): the odd batches' text, each sent as made.  The pipe's
    other end, which the fork copied here too, is closed first: with the build killed, a send
    then fails (the pipe has no reader left) and the helper ends, rather than wait for ever
    on a full pipe it holds open itself."""
    parents_end.close()
    gc.disable()
    try:
        for _batch, texts in _batches(plans, writer, ids, by_python, lambda k: k % 2 == 1):
            if texts is not None:
                conn.send(("texts", texts))
    except BaseException as exc:  # told to the copy thread, which raises it in the build
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class _Copier(threading.Thread):
    """``_load_at_once``'s writer: one transaction on this thread's own connection, with
    ``session_replication_role = replica`` (no trigger, no foreign-key check fires: the rows
    are consistent as built, and a test compares them with what the triggers write)."""

    def __init__(self, helper: _Helper | None = None, by_python: bool = True):
        super().__init__(name="demo-copy", daemon=True)
        self.by_python = by_python
        self.queue: queue.Queue = queue.Queue(_QUEUED)
        self.helper = helper
        self.error: BaseException | None = None
        self.stop = False

    def put(self, item) -> None:
        while True:
            if self.error is not None or not self.is_alive():
                self.join()
                raise self.error or RuntimeError("the demo's copy thread ended")
            try:
                self.queue.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        self.put(None)
        self.join()
        if self.error is not None:
            raise self.error

    def abort(self) -> None:
        self.stop = True
        try:
            self.queue.put_nowait(None)
        except queue.Full:
            pass
        self.join()

    def run(self) -> None:
        try:
            with own_connection(), write_transaction():
                self._load()
        except BaseException as exc:  # handed to the building thread
            self.error = exc

    def _load(self) -> None:
        db = database.obj
        for sql in ("SET LOCAL session_replication_role = replica",
                    "SET LOCAL maintenance_work_mem = '512MB'", "SET LOCAL work_mem = '64MB'"):
            db.execute_sql(sql)
        recreate = _drop_secondary_indexes(db)
        db.execute_sql("ALTER TABLE order_gram DROP CONSTRAINT order_gram_pkey")
        writers = [Inserter(db, model, fields) for model, fields in _BULK_WRITES]
        copy_grams = "COPY order_gram (gram, order_id) FROM STDIN"
        odd: list[int] = []
        counts: Counter = Counter()
        while True:
            item = self.queue.get()
            if self.stop:
                raise RuntimeError("the demo build was stopped")
            if item is None:
                break
            texts, text, more, batch_counts = self.helper.receive() if item is _FROM_HELPER else item
            cursor = db.cursor()
            for insert, data in zip(writers, texts, strict=True):
                if data is not None:
                    cursor.copy_expert(insert.sql, io.StringIO(data))
            cursor.copy_expert(copy_grams, io.StringIO(text))
            odd += more
            counts.update(batch_counts)
        grams.fill_grams_of(db, odd)
        # What the counters' triggers would have added, an order (a request) at a time.
        db.execute_sql(
            "INSERT INTO order_status_count (store_id, status, n) "
            'SELECT store_id, status, COUNT(*) FROM "order" GROUP BY store_id, status '
            "ON CONFLICT (store_id, status) DO UPDATE SET n = order_status_count.n + EXCLUDED.n")
        db.execute_sql(
            "INSERT INTO cancel_status_count (store_id, status, n) "
            'SELECT o.store_id, c.status, COUNT(*) FROM cancellation_request c JOIN "order" o '
            "ON o.id = c.order_id GROUP BY o.store_id, c.status "
            "ON CONFLICT (store_id, status) DO UPDATE SET n = cancel_status_count.n + EXCLUDED.n")
        # the one-character search's counter (migration 24) and the date and method filters'
        # (migration 25): written afresh, the shop had no order before
        if self.by_python:  # counted as the rows were made, the odd orders by SQL
            db.execute_sql(f"DELETE FROM {grams.COUNT_TABLE}")
            _copy_counts(db, counts)
            grams.add_counts_of(db, odd)
        else:
            grams.fill_counts(db)
        filter_counts.fill(db)
        # The gram index's key, a sort of some 55 rows an order, is most of what is left to do
        # here; the rows are made, so the build may take both cores: parallel workers for it
        # alone (the table's searches keep none, ``grams.create_table``).
        db.execute_sql("ALTER TABLE order_gram SET (parallel_workers = 2)")
        db.execute_sql("ALTER TABLE order_gram ADD CONSTRAINT order_gram_pkey PRIMARY KEY (gram, order_id)")
        db.execute_sql("ALTER TABLE order_gram SET (parallel_workers = 0)")
        _build_indexes(db, recreate)
        sync_sequences(db)  # explicit ids do not advance the id sequences
        db.execute_sql("SELECT pg_notify('orderdesk_changes', 'status_history')")  # as its trigger


def _build_indexes(db: pw.Database, statements: list[str]) -> None:
    """The secondary indexes dropped for a bulk load, built again (``statements``).  On
    PostgreSQL with the server's parallel workers for ``order``'s, as for any table of its
    size: its searches keep none (migration 26), its index builds may take both cores."""
    server = isinstance(db, pw.PostgresqlDatabase)
    if server:
        db.execute_sql('ALTER TABLE "order" RESET (parallel_workers)')
    for sql in statements:
        db.execute_sql(sql)
    if server:
        db.execute_sql('ALTER TABLE "order" SET (parallel_workers = 0)')


def _copy_counts(db: pw.Database, counts: Counter) -> None:
    """The one-character search's counts (``_gram_text``) into its empty counter, by COPY."""
    if counts:
        text = copy_text([(key, store, status, n) for (key, store, status), n in counts.items()])
        db.cursor().copy_expert(f"COPY {grams.COUNT_TABLE} (gram, store_id, status, n) FROM STDIN",
                                io.StringIO(text))


def _write_batch(db, writer: _BulkWriter, batch: list[_Plan], tally: _Tally, writers: list[Inserter]) -> int:
    with write_transaction():
        rows = writer.rows(batch, _max_id(db, tables.Order) + 1, _max_id(db, tables.CancellationRequest) + 1,
                           _max_id(db, tables.Invoice) + 1)
        cursor = db.cursor()
        for insert, data in zip(writers, rows, strict=True):
            insert(cursor, data)
    for plan in batch:
        tally.add(plan)
    return len(batch)
