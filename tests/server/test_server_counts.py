"""The counter table and its triggers on PostgreSQL and MariaDB."""

import pytest
from test_status_counts import counts_agree, exercise


def test_counter_table_follows_every_move(server_db, shop, place):
    exercise(place, shop)
    counts_agree()


def test_cancel_counter_follows_random_steps(server_db, shop, place):
    from test_status_counts import exercise_cancellations

    exercise_cancellations(place, shop)


def test_counts_under_a_date_range_or_a_method_are_the_orders_counted(server_db, shop, place):
    from test_status_counts import (
        test_counts_under_a_date_range_or_a_method_are_the_orders_counted as on_sqlite,
    )

    on_sqlite(server_db, shop, place)


def test_counts_under_ranges_of_many_days_are_the_orders_counted(server_db, shop, place):
    from test_status_counts import test_counts_under_ranges_of_many_days_are_the_orders_counted as on_sqlite

    on_sqlite(server_db, shop, place)


def test_migration_29_fills_the_day_counter_from_the_hour_counter(server_db, shop, place):
    from test_status_counts import test_migration_29_fills_the_day_counter_from_the_hour_counter as on_sqlite

    on_sqlite(server_db, shop, place)


def test_migration_32_counts_the_shipped_orders_by_ship_date(server_db, shop, place):
    from test_status_counts import test_migration_32_counts_the_shipped_orders_by_ship_date as on_sqlite

    on_sqlite(server_db, shop, place)


def run_step_while_another_desk_places(server_db, monkeypatch, step: int, dropped: str, place_order) -> None:
    """Run migration ``step`` in a transaction; right after the statement starting with
    ``dropped`` another desk (a thread on its own connection) runs ``place_order``, waited
    for one second (the step holding the orders, it waits for the step), then to its end."""
    import threading

    from app.models.db import own_connection
    from app.models.migrations import MIGRATIONS

    real = type(server_db).execute_sql
    other: dict = {}

    def during():
        with own_connection():
            other["id"] = place_order()

    def spy(self, sql, params=None, *args, **kwargs):
        out = real(self, sql, params, *args, **kwargs)
        if sql.startswith(dropped) and threading.current_thread() is threading.main_thread():
            other["desk"] = threading.Thread(target=during)
            other["desk"].start()
            other["desk"].join(1.0)  # it waits for the step (or, unheld, is placed at once)
        return out

    monkeypatch.setattr(type(server_db), "execute_sql", spy)
    with server_db.atomic():
        MIGRATIONS[step](server_db)
    monkeypatch.undo()
    other["desk"].join(30)
    assert not other["desk"].is_alive() and other.get("id")


def test_migration_29_counts_an_order_another_desk_places_while_it_runs(server_db, server_kind, shop,
                                                                        place, monkeypatch):
    """The step makes every counter's triggers again: an order another desk places right after
    the old trigger is dropped waits for the step (MariaDB: ``LOCK TABLES``; PostgreSQL: the
    step's lock on ``order``) and is counted by every counter — it was counted by none on
    MariaDB, or the step failed on a duplicate key."""
    from datetime import datetime

    from test_status_counts import counts_agree

    place(name="before", order_date=datetime(2026, 10, 1, 3))
    dropped = "DROP TRIGGER IF EXISTS ofc_insert" if server_kind == "mysql" else \
        'DROP TRIGGER IF EXISTS order_tally_filter_keep ON "order"'
    run_step_while_another_desk_places(server_db, monkeypatch, 29, dropped,
                                       lambda: place(name="during", order_date=datetime(2026, 10, 1, 4)))
    counts_agree()  # two orders, each in every counter


def test_migration_32_counts_an_order_another_desk_ships_while_it_runs(server_db, server_kind, shop,
                                                                      place, monkeypatch):
    """As step 29: an order another desk ships right after the old trigger is dropped waits for
    the step and is counted by every counter, the ship dates' too."""
    from datetime import date, datetime

    from test_status_counts import counts_agree, paid

    from app.domain.inputs import ShipInput
    from app.services import orders as svc

    oid = paid(place, name="before", order_date=datetime(2026, 10, 1, 3))
    dropped = "DROP TRIGGER IF EXISTS ofc_update" if server_kind == "mysql" else \
        'DROP TRIGGER IF EXISTS order_tally_filter_keep ON "order"'

    def ship() -> int:
        svc.ship(oid, ShipInput(date(2026, 10, 21), "黑貓", "T1"), operator="x")
        return oid

    run_step_while_another_desk_places(server_db, monkeypatch, 32, dropped, ship)
    counts_agree()  # shipped on the 21st, in every counter


@pytest.mark.parametrize("step", [24, 28])
def test_the_gram_counter_steps_count_an_order_another_desk_places_while_they_run(
        server_db, server_kind, shop, place, monkeypatch, step):
    """Migrations 24 and 28 make the search counter's triggers again and fill it: an order
    another desk places right after the old trigger is dropped waits for the step (MariaDB:
    ``LOCK TABLES``) and is counted once under each of its keys.  Step 28 ran unlocked on
    MariaDB: that order's 陳 and 雅婷 were counted by no trigger (step 24 recounts every key
    after, but an order placed during its fill could fail it on a duplicate key)."""
    from test_search_grams import gram_counts_agree

    from app.models import grams

    place(name="林雅婷")
    dropped = "DROP TRIGGER IF EXISTS gram_count_insert" if server_kind == "mysql" else \
        f'DROP TRIGGER IF EXISTS {grams.PG_COUNT_TRIGGER} ON "order"'
    run_step_while_another_desk_places(server_db, monkeypatch, step, dropped, lambda: place(name="陳雅婷"))
    gram_counts_agree()  # 雅婷 counted twice, 陳 once, 林 once


def test_a_far_jump_by_the_day_counter_lands_where_stepping_does(server_db, shop, place):
    from test_status_counts import test_a_far_jump_by_the_day_counter_lands_where_stepping_does as on_sqlite

    on_sqlite(server_db, shop, place)


def test_step_30_indexes_the_phone_with_the_id(server_db, place):
    from test_models_migrations import phone_index_step_runs

    place(phone="0912345678")
    place(phone="0912345678")
    place(phone="0922000111")
    phone_index_step_runs(server_db)


def test_a_step_from_a_key_lands_where_the_walk_does(server_db, shop, place):
    from test_status_counts import test_a_step_from_a_key_lands_where_the_walk_does as on_sqlite

    on_sqlite(server_db, shop, place)


def test_step_31_writes_every_order_s_grams_afresh(server_db, server_kind, shop, place, monkeypatch):
    """Migration 31 (MariaDB): the grams an edit between two spellings its ``_ci`` collation
    took for one left behind (the old trigger kept "Jose"'s grams when the name became "José")
    are written afresh for every order, and the triggers made again compare bytes; an order
    another desk places right after the index is emptied waits for the step (``LOCK TABLES``)
    and is indexed once.  A shop whose triggers already compare bytes (made new) is left as it
    is, as is PostgreSQL's index (its triggers compared exactly)."""
    from test_search_grams import grams_agree

    from app.domain.clerk_edits import DeliveryInput
    from app.models import grams
    from app.models.migrations import MIGRATIONS
    from app.models.tables import Order, OrderGram
    from app.services import clerk_edits

    edited = place(name="Jose Lin")
    place(name="陳雅婷")
    index = set(OrderGram.select(OrderGram.gram, OrderGram.order_id).tuples())
    with server_db.atomic():
        MIGRATIONS[31](server_db)  # a new shop: nothing to do
    assert set(OrderGram.select(OrderGram.gram, OrderGram.order_id).tuples()) == index
    if server_kind == "mysql":  # the update trigger as it was before the step
        assert grams.update_trigger_compares_bytes(server_db)
        monkeypatch.setattr(grams, "_changed", lambda kind: " OR ".join(
            f"NOT (OLD.{c} <=> NEW.{c})" for c in grams.COLUMNS))
        grams.install_triggers(server_db)
        monkeypatch.undo()
        assert not grams.update_trigger_compares_bytes(server_db)
    Order.update(buyer_name="José Lin").where(Order.id == edited).execute()
    if server_kind == "mysql":
        assert ("jos", edited) in set(OrderGram.select(OrderGram.gram, OrderGram.order_id).tuples())  # stale
        run_step_while_another_desk_places(server_db, monkeypatch, 31, "DELETE FROM order_gram",
                                           lambda: place(name="Renée Wu"))
        assert grams.update_trigger_compares_bytes(server_db)
    grams_agree()
    clerk_edits.edit_delivery(edited, DeliveryInput("Jose Lin", "0912345678", "台北市"), operator="乙")
    grams_agree()  # back to "Jose": the trigger saw the accent go
