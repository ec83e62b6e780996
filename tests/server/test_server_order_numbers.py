"""Issue 15, item 4 on PostgreSQL and MariaDB: ``tests/test_order_numbers.py``'s tests on a
server database, and 8 processes placing orders at the same moment all succeed with distinct
numbers (before, some escaped as a raw IntegrityError on the order number)."""

from __future__ import annotations

import pytest
from test_order_numbers import (  # noqa: F401 - collected here on the servers
    race_placing,
    test_a_day_starts_after_the_orders_numbered_before_the_counter,
    test_a_number_given_twice_is_refused_by_name,
    test_a_number_used_meanwhile_moves_the_counter_past_it,
    test_numbers_follow_the_day_counter,
    test_tries_are_bounded_and_end_in_a_clear_error,
)


@pytest.mark.slow
def test_eight_processes_placing_at_once_get_distinct_numbers(server_db, shop):
    race_placing(server_db.server_url, shop, server_db)
