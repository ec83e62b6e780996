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
