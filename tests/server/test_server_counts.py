"""The counter table and its triggers on PostgreSQL and MariaDB."""

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


def test_migration_29_counts_an_order_another_desk_places_while_it_runs(server_db, server_kind, shop,
                                                                        place, monkeypatch):
    """The step makes every counter's triggers again: an order another desk places right after
    the old trigger is dropped waits for the step (MariaDB: ``LOCK TABLES``; PostgreSQL: the
    step's lock on ``order``) and is counted by every counter — it was counted by none on
    MariaDB, or the step failed on a duplicate key."""
    import threading
    from datetime import datetime

    from test_status_counts import counts_agree

    from app.models.db import own_connection
    from app.models.migrations import MIGRATIONS

    place(name="before", order_date=datetime(2026, 10, 1, 3))
    dropped = "DROP TRIGGER IF EXISTS ofc_insert" if server_kind == "mysql" else \
        'DROP TRIGGER IF EXISTS order_tally_filter_keep ON "order"'
    real = type(server_db).execute_sql
    other: dict = {}

    def during():
        with own_connection():
            other["id"] = place(name="during", order_date=datetime(2026, 10, 1, 4))

    def spy(self, sql, params=None, *args, **kwargs):
        out = real(self, sql, params, *args, **kwargs)
        if sql.startswith(dropped) and threading.current_thread() is threading.main_thread():
            other["desk"] = threading.Thread(target=during)
            other["desk"].start()
            other["desk"].join(1.0)  # it waits for the step (or, unheld, is placed at once)
        return out

    monkeypatch.setattr(type(server_db), "execute_sql", spy)
    with server_db.atomic():
        MIGRATIONS[29](server_db)
    monkeypatch.undo()
    other["desk"].join(30)
    assert not other["desk"].is_alive() and other.get("id")
    counts_agree()  # two orders, each in every counter


def test_a_far_jump_by_the_day_counter_lands_where_stepping_does(server_db, shop, place):
    from test_status_counts import test_a_far_jump_by_the_day_counter_lands_where_stepping_does as on_sqlite

    on_sqlite(server_db, shop, place)
