"""Imports that do not stop the shop (issue 15, item 5), on SQLite: a clerk's action waits at
most 2 s behind an import; an import cut short is finished, never left half; a row whose order
a clerk changed while the import was written is left out and reported by sheet and row.  The
servers' twins are in tests/server/test_server_import_clerks.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from import_clerks import (
    DAY,
    a_clerk_first_is_reported_by_row,
    assert_whole_and_waits_bounded,
    cut_short_then_finished,
    failing_first_slice_leaves_nothing,
    figures,
    race,
)

from app.models.db import database, sqlite_url
from app.services import importer as im


@pytest.mark.slow
def test_clerks_wait_at_most_two_seconds_behind_an_import(db, tmp_path):
    seen = race(tmp_path, 30_000)
    print(figures(seen))
    assert_whole_and_waits_bounded(seen)


def test_an_import_cut_short_is_finished_on_the_next_open(db, tmp_path, monkeypatch):
    import main

    cut_short_then_finished(tmp_path, monkeypatch, lambda: main.open_database(sqlite_url(db.database)))


def test_an_import_cut_short_is_finished_by_the_next_import(db, tmp_path, monkeypatch):
    cut_short_then_finished(tmp_path, monkeypatch, lambda: im.apply_import(
        im.check_file(tmp_path / "orders.csv", today=DAY), operator="匯入"))


def test_a_failure_in_the_first_slice_leaves_nothing(db, tmp_path, monkeypatch):
    failing_first_slice_leaves_nothing(tmp_path, monkeypatch)


def test_a_clerk_first_is_reported_by_row_not_failed(db, tmp_path, monkeypatch):
    a_clerk_first_is_reported_by_row(tmp_path, monkeypatch)


#: ``python -c KILLED_AFTER_A_SLICE URL FILE MARKER``: imports FILE into URL in slices of a few
#: records, and after the first slice has committed makes MARKER and waits to be killed.
KILLED_AFTER_A_SLICE = """
import sys, time
from app.services import importer as im
real = im._slice_again
def slice_then_wait(*args):
    done = real(*args)
    open(sys.argv[3], "w").close()
    time.sleep(120)
im._slice_again = slice_then_wait
im.SLICE_SECONDS = 0.0
from app.models.db import connect
connect(sys.argv[1])
im.apply_import(im.check_file(sys.argv[2]), operator="匯入")
"""


def test_a_killed_import_is_finished_by_the_next_open_once_its_lease_is_over(tmp_path, monkeypatch):
    """kill -9 after the first slice: part of the import is there; another desk leaves it
    alone while its importer may still be alive (``LEASE``), then the next open finishes it."""
    from db_rows import make_shop
    from kill_helpers import kill_when, start
    from test_import import OH, order_row, write_csv

    import main
    from app.models.db import connect
    from app.models.tables import ImportBatch, Order
    from app.services import import_journal as journal

    url = sqlite_url(str(tmp_path / "shop.db"))
    connect(url)
    make_shop()
    csv_path = write_csv(tmp_path / "orders.csv", OH, [order_row(f"K{i:05d}") for i in range(3000)])
    marker = tmp_path / "sliced"
    kill_when(start(["-c", KILLED_AFTER_A_SLICE, url, str(csv_path), str(marker)], tmp_path), marker.exists)
    connect(url)
    try:
        half = Order.select().count()
        assert 0 < half < 3000
        assert im.finish_interrupted() == []  # its importer may be alive: left alone
        assert Order.select().count() == half and ImportBatch.get().state == journal.APPLYING
        monkeypatch.setattr(journal, "LEASE", timedelta(0))  # ... until its lease is over
        main.open_database(url)
        assert Order.select().count() == 3000
        assert sorted(no for (no,) in Order.select(Order.order_no).tuples()) == [f"K{i:05d}" for i in range(3000)]
        assert ImportBatch.get().state == journal.DONE
    finally:
        database.close()
