"""The import's journal (issue 15, item 5): where an import's records wait while it is written
in short transactions, and what says how far it got.

An import is *staged* first: its records, as JSON, in ``import_chunk`` rows of at most ``STAGE``
records (and ``STAGE_BYTES`` bytes) each, under one ``import_batch`` row in state "staging" —
each chunk its own short transaction, touching none of the shop's tables.  The importer then writes the records
(``app.services.importer``), moving a chunk's ``done`` in the same transaction as the rows it
wrote; its first transaction also turns the batch "applying" (``advance``).  So the state says
which way an import that stopped goes, whatever stopped it (even a COMMIT whose answer was
lost):

* "staging": nothing of it is in the shop's tables — it is removed (``discard``): none;
* "applying": part of it is — the rest is written by the next import or the next open
  (``claimable``), from each chunk's ``done``: all.  A batch is claimable once its importer
  gave it up (``touched_at`` NULL) or has not written for ``LEASE`` (a process killed).

Nothing here knows what a record is: the importer encodes and decodes them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta

from app.models.db import database, is_sqlite, write_transaction
from app.models.tables import ImportBatch, ImportChunk, utcnow

STAGING, APPLYING, DONE = "staging", "applying", "done"
#: Records per staged chunk, at most (a few hundred KB of JSON for orders of a few items)...
STAGE = 2000
#: ...and bytes of JSON per chunk, at most, however long its records' texts: MariaDB refuses a
#: statement beyond its ``max_allowed_packet`` (16 MB by default) and drops the connection —
#: 2,000 orders of eight items whose 商品 and 規格 were 200 characters each (19 MB) made a
#: file that could never be imported, blamed on the network.  A record longer than this
#: makes a chunk of its own.
STAGE_BYTES = 4 << 20
#: An importer that has not written for this long is taken to be gone: another desk (the
#: next open, the next import) finishes its batch.  Its slices take well under a second.
LEASE = timedelta(seconds=60)


def record_line(record: list) -> str:
    """A record as one line of the JSON the journal keeps (a checked plan's spool,
    ``importer._Spool``, holds its records so until they are staged)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def record_of(line: str) -> list:
    return json.loads(line)


def _staged_chunks(records) -> Iterator[tuple[int, str]]:
    """``records`` (JSON-able) as chunks of at most ``STAGE`` records and ``STAGE_BYTES``
    bytes of JSON: (how many records, the chunk's JSON array)."""
    lines: list[str] = []
    size = 0
    for record in records:
        line = record_line(record)
        n = len(line.encode("utf-8")) + 1
        if lines and size + n > STAGE_BYTES:
            yield len(lines), "[" + ",".join(lines) + "]"
            lines, size = [], 0
        lines.append(line)
        size += n
        if len(lines) >= STAGE:
            yield len(lines), "[" + ",".join(lines) + "]"
            lines, size = [], 0
    if lines:
        yield len(lines), "[" + ",".join(lines) + "]"


def stage(fields: dict, records, cancelled=lambda: False) -> int:
    """A new batch (``fields``: ``ImportBatch``'s columns) with ``records`` (JSON-able) staged
    in chunks (``_staged_chunks``), ready to write; its id.  ``cancelled()`` is asked before
    each chunk; on any error or a cancel the staged rows are removed and the error goes on."""
    with write_transaction():
        batch = ImportBatch.create(state=STAGING, started_at=utcnow(), touched_at=utcnow(),
                                   **fields).id
    try:
        for seq, (size, text) in enumerate(_staged_chunks(records)):
            if cancelled():
                raise StageCancelled()
            with write_transaction():
                ImportChunk.insert(batch=batch, seq=seq, size=size, payload=text).execute()
                ImportBatch.update(touched_at=utcnow()).where(ImportBatch.id == batch).execute()
                # (not the row count: MariaDB counts only rows whose value changed)
                alive = ImportBatch.select().where(ImportBatch.id == batch).exists()
            if not alive:  # removed by another desk as left over (``claimable``)
                raise StageLost()
    except BaseException:
        discard(batch)
        raise
    return batch


class StageCancelled(Exception):  # noqa: N818 - the importer raises its ImportCancelled
    """``cancelled()`` said so while staging: nothing is left."""


class StageLost(Exception):  # noqa: N818 - the importer's ImportFailed says it
    """The batch being staged was removed meanwhile (its staging stalled past ``LEASE``)."""

    def __str__(self) -> str:
        return "the import's journal was cleared while it was being staged; import the file again"


def discard(batch: int) -> bool | None:
    """Remove a batch still "staging" (nothing of it written): True; False when it is
    "applying" (its first slice committed after all) or gone; None when the database could not
    be asked (a leftover is removed by ``claimable`` once its lease is over)."""
    try:
        with write_transaction():
            gone = ImportBatch.delete().where(
                (ImportBatch.id == batch) & (ImportBatch.state == STAGING)).execute()
            if gone:
                ImportChunk.delete().where(ImportChunk.batch == batch).execute()
        return bool(gone)
    except Exception:  # noqa: BLE001 - a dead connection: the lease decides
        return None


def release(batch: int) -> None:
    """This desk gave the batch up (an error it could not get past): any desk may finish it
    at once."""
    try:
        with write_transaction():
            ImportBatch.update(touched_at=None).where(ImportBatch.id == batch).execute()
    except Exception:  # noqa: BLE001 - then the lease runs out instead
        pass


def claimable(now: datetime | None = None) -> list[int]:
    """The batches an importer stopped writing (oldest first); leftover staging removed."""
    now = now or utcnow()
    stale = now - LEASE
    gone = (ImportBatch.touched_at.is_null()) | (ImportBatch.touched_at <= stale)
    for (batch,) in ImportBatch.select(ImportBatch.id).where(
            (ImportBatch.state == STAGING) & gone).tuples():
        discard(batch)
    return [b for (b,) in ImportBatch.select(ImportBatch.id).where(
        (ImportBatch.state == APPLYING) & gone).order_by(ImportBatch.id).tuples()]


def chunks(batch: int) -> list[tuple[int, int, int]]:
    """(id, size, done) of the batch's chunks, in order."""
    return list(ImportChunk.select(ImportChunk.id, ImportChunk.size, ImportChunk.done)
                .where(ImportChunk.batch == batch).order_by(ImportChunk.seq).tuples())


def payload(chunk: int) -> list:
    return json.loads(ImportChunk.select(ImportChunk.payload).where(ImportChunk.id == chunk).scalar())


def lock_chunk(chunk: int) -> tuple[int, list]:
    """Inside the caller's write transaction: the chunk's (done, report), its row held until
    the transaction ends (SQLite's write lock already is), so two desks finishing one batch
    never write the same records."""
    query = ImportChunk.select(ImportChunk.done, ImportChunk.report).where(ImportChunk.id == chunk)
    if not is_sqlite(database.obj):
        query = query.for_update()
    done, report = query.tuples().get()
    return done, json.loads(report or "[]")


def advance(batch: int, chunk: int, done: int, report: list, *, first: bool = False) -> None:
    """Inside the caller's write transaction: ``done`` records of the chunk are written; the
    ``first`` slice of a batch also turns it "applying" (``StageLost`` if it was removed)."""
    ImportChunk.update(done=done, report=json.dumps(report, ensure_ascii=False, default=str)).where(
        ImportChunk.id == chunk).execute()
    ImportBatch.update(touched_at=utcnow(), **({"state": APPLYING} if first else {})).where(
        ImportBatch.id == batch).execute()
    if first and not ImportBatch.select().where(ImportBatch.id == batch).exists():
        raise StageLost()


def finish(batch: int) -> list:
    """The batch is written whole: "done", its payloads emptied; the rows left out (every
    chunk's report, in order)."""
    with write_transaction():
        left_out = reports(batch)
        ImportChunk.update(payload="").where(ImportChunk.batch == batch).execute()
        ImportBatch.update(state=DONE, finished_at=utcnow(), touched_at=utcnow()).where(
            ImportBatch.id == batch).execute()
    return left_out


def reports(batch: int) -> list:
    """The rows left out so far (every chunk's report, in order)."""
    return [issue for (r,) in ImportChunk.select(ImportChunk.report).where(
        ImportChunk.batch == batch).order_by(ImportChunk.seq).tuples() for issue in json.loads(r or "[]")]


def batch_row(batch: int) -> ImportBatch:
    return ImportBatch.get_by_id(batch)
