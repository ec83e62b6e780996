"""Issue 15 item 2 on SQLite: ``place_order``'s ``client_ref`` (the storefront's order
reference) is its idempotency key: the same reference again returns the original ``Change``
and writes nothing; the reference is kept on the order (migration 18, unique)."""

from __future__ import annotations

import pytest
from db_rows import place_ref

from app.domain.errors import ValidationError
from app.models.tables import Order, StatusHistory


def test_the_same_reference_again_returns_the_original_change(shop):
    first = place_ref(shop, "SHOP-2026-0001")
    again = place_ref(shop, "SHOP-2026-0001")
    assert again == first
    assert Order.select().count() == 1
    assert StatusHistory.select().count() == 1
    assert Order.get_by_id(first.order_id).client_ref == "SHOP-2026-0001"
    other = place_ref(shop, "SHOP-2026-0002")
    assert other.order_id != first.order_id
    place_ref(shop, None)
    place_ref(shop, None)  # without a reference: a new order each time, as before
    assert Order.select().count() == 4


def test_a_reference_is_checked(shop):
    with pytest.raises(ValidationError) as err:
        place_ref(shop, "x" * 65)
    assert err.value.field == "client_ref" and "64" in err.value.message()
    with pytest.raises(ValidationError) as err:
        place_ref(shop, "   ")
    assert err.value.field == "client_ref"
    assert Order.select().count() == 0
