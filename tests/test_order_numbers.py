"""Issue 15, item 4: order numbers never collide, however many ``place_order`` calls run at
once.  The day's number comes from a counter row updated in the placing transaction; a number
already used (an order imported under its own number) moves the counter past it; the tries
are bounded and end in a clear ``OrderNumberError``, never a raw driver error.

The race (8 processes placing orders at the same moment) runs here on SQLite and in
``tests/server/test_server_order_numbers.py`` on PostgreSQL and MariaDB."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from db_rows import race, reporting, snapshot

from app.domain.errors import ValidationError
from app.models.tables import Order, OrderNoCounter
from app.services import orders as svc
from app.services.orders import Buyer, Item, place_order

AT = datetime(2024, 5, 1, 2, 0, 0)  # 2024-05-01 in Taipei


def _place(shop, **kw):
    return place_order(store_id=shop["store"].id, buyer=Buyer("王小明"), items=[Item("杯子", 1, 300)],
                       payment_method_id=shop["atm"].id, shipping_method_id=shop["home"].id,
                       operator="storefront", order_date=AT, **kw)


def test_numbers_follow_the_day_counter(shop):
    assert [_place(shop).order_no for _ in range(3)] == [
        "O2024050100001", "O2024050100002", "O2024050100003"]
    assert OrderNoCounter.get_by_id("20240501").last == 3


def test_a_day_starts_after_the_orders_numbered_before_the_counter(shop):
    _place(shop, order_no="O2024050100041")  # imported, or placed before migration 12
    assert _place(shop).order_no == "O2024050100042"


def test_a_number_used_meanwhile_moves_the_counter_past_it(shop):
    _place(shop)
    for n in (2, 3, 4):  # orders placed under their own numbers, after the counter's row
        _place(shop, order_no=f"O20240501{n:05d}")
    assert _place(shop).order_no == "O2024050100005"
    assert _place(shop).order_no == "O2024050100006"


def test_a_number_given_twice_is_refused_by_name(shop):
    _place(shop, order_no="SHOP-1")
    before = snapshot()
    with pytest.raises(ValidationError) as err:
        _place(shop, order_no="SHOP-1")
    assert err.value.field == "order_no" and snapshot() == before


def test_tries_are_bounded_and_end_in_a_clear_error(shop, monkeypatch):
    monkeypatch.setattr(svc, "_insert", lambda fields, number: None)  # every number taken
    before = snapshot()
    with pytest.raises(svc.OrderNumberError) as err:
        _place(shop)
    assert "無法取得新的訂單編號" in err.value.message() and snapshot() == before


# ---------------------------------------------------------------- the race

PLACERS = 8
EACH = 25


def placer(url: str, ids: dict, name: str, each: int, barrier, results) -> None:
    """One storefront process placing ``each`` orders as fast as it can; puts {"numbers":
    [...], "errors": [...]} on ``results`` (any exception is an error)."""
    out = {"numbers": [], "errors": []}
    with reporting(out, results):
        from app.models.db import connect

        connect(url, migrate=False)
        barrier.wait(60)
        for i in range(each):
            with reporting(out):
                ch = place_order(store_id=ids["store"], buyer=Buyer(f"{name}-{i}"),
                                 items=[Item("杯子", 1, 300)], payment_method_id=ids["pay"],
                                 shipping_method_id=ids["ship"], operator=name, order_date=AT)
                out["numbers"].append(ch.order_no)


def race_placing(url: str, shop, db) -> None:
    """8 processes place orders at once on ``url``: every call succeeds, every number once."""
    ids = {"store": shop["store"].id, "pay": shop["atm"].id, "ship": shop["home"].id}
    db.close()
    out = race(placer, [(url, ids, f"前台{i}", EACH) for i in range(PLACERS)], 300)
    db.connect(reuse_if_open=True)
    errors = [e for r in out for e in r["errors"]]
    assert errors == [], errors[0]
    numbers = [n for r in out for n in r["numbers"]]
    assert len(numbers) == PLACERS * EACH
    assert max(Counter(numbers).values()) == 1
    assert sorted(numbers) == [f"O20240501{n:05d}" for n in range(1, PLACERS * EACH + 1)]
    assert Order.select().count() == PLACERS * EACH


@pytest.mark.slow
def test_eight_processes_placing_at_once_get_distinct_numbers(tmp_path, db, shop):
    race_placing("sqlite:///" + str(tmp_path / "test.db"), shop, db)
