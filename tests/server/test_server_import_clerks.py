"""Imports that do not stop the shop (issue 15, item 5) on PostgreSQL and MariaDB: a clerk's
place_order and confirm_payment — on the import's own orders too — wait at most 2 s behind an
import, and none fails with a deadlock; the import is all there; one cut short is finished by
the next import; a deadlock inside a slice is run again, never reported raw
(tests/import_clerks.py)."""

from __future__ import annotations

import peewee
import pytest
from import_clerks import assert_whole_and_waits_bounded, figures, imported, prepared, race, whole

# SQLite's tests, here on the server (this folder's ``db`` is the server's database).
from test_import_clerks import (  # noqa: F401
    test_a_clerk_first_is_reported_by_row_not_failed,
    test_a_failure_in_the_first_slice_leaves_nothing,
    test_a_first_slice_committed_without_its_answer_is_finished_not_dropped,
    test_an_import_cut_short_is_finished_by_the_next_import,
)

from app.services import import_write
from app.services import importer as im

#: Enough orders for several seconds of writing on the servers (slower per order than SQLite).
ORDERS = 8_000


@pytest.mark.slow
def test_clerks_wait_at_most_two_seconds_behind_an_import(server_db, tmp_path):
    seen = race(tmp_path, ORDERS)
    print(f"{server_db.__class__.__name__}: {figures(seen)}")
    assert_whole_and_waits_bounded(seen)


class _Deadlock(Exception):
    """What the drivers' deadlock errors carry: PostgreSQL's SQLSTATE, MariaDB's number."""

    pgcode = "40P01"

    def __init__(self):
        super().__init__(1213, "Deadlock found when trying to get lock; try restarting transaction")


@pytest.mark.parametrize("which", [0, 3])
def test_a_deadlocked_slice_is_run_again(server_db, tmp_path, monkeypatch, which):
    """The server rolls back the first slice (nothing committed yet) or a later one as a
    deadlock victim: the slice runs again from its journal mark; every record once."""
    _shop, plan, _paid = prepared(tmp_path, 120)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.0)
    real, calls = import_write._write, []

    def deadlocks_once(*args):
        calls.append(1)
        if len(calls) == which + 1:
            raise peewee.OperationalError(_Deadlock())
        return real(*args)

    monkeypatch.setattr(import_write, "_write", deadlocks_once)
    result = im.apply_import(plan, operator="匯入")
    assert result.conflicts == () and imported(plan) == whole(plan)


def test_a_slice_deadlocked_every_time_stops_with_a_clear_message_and_is_finished_later(
        server_db, tmp_path, monkeypatch):
    """Past every retry the import stops (part of it written) with the domain's words, not the
    driver's; the next import finishes it, every record once."""
    from import_clerks import DAY

    from app.domain.errors import ServerUnavailableError

    _shop, plan, _paid = prepared(tmp_path, 120)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.0)
    real, calls = import_write._write, []

    def deadlocks_after_the_first(*args):
        calls.append(1)
        if len(calls) > 1:
            raise peewee.OperationalError(_Deadlock())
        return real(*args)

    monkeypatch.setattr(import_write, "_write", deadlocks_after_the_first)
    with pytest.raises(im.ImportInterrupted) as err:
        im.apply_import(plan, operator="匯入")
    assert isinstance(err.value.cause, ServerUnavailableError)
    assert "Deadlock" not in err.value.message() and "1213" not in err.value.message()
    assert 0 < imported(plan)["orders"] < len(plan.orders)
    monkeypatch.setattr(import_write, "_write", real)
    im.apply_import(im.check_file(tmp_path / "orders.csv", today=DAY), operator="匯入")
    assert imported(plan) == whole(plan)
