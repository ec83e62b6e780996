"""A buyer name edited so that only its accents (or its emoji, or its width) change must be found
by its new spelling and no longer by its old: on MariaDB the gram trigger compares the old and
new name in the column's _ci collation (``grams._changed``: ``OLD.c <=> NEW.c``), takes
"Jose" and "José" for one, and keeps the old grams."""

import pytest
from db_rows import make_shop
from search_oracle import app_orders, mismatches
from search_shop import place

from app.domain.clerk_edits import DeliveryInput
from app.domain.tabs import OrderTab
from app.services import clerk_edits


@pytest.mark.parametrize("old,new,query", [
    ("Jose Lin", "José Lin", "josé"),        # an accent added
    ("王小明😀", "王小明😎", "明😎"),          # another emoji (every emoji is one in unicode_ci)
    ("好店123", "好店１２３", "店１２"),         # half-width digits to full width
])
def test_an_accent_only_edit_moves_the_grams(anydb, old, new, query):
    shop = make_shop()
    oid = place(shop, old)
    clerk_edits.edit_delivery(oid, DeliveryInput(new, "0912345678", "台北市"), operator="乙")
    rows, counts = app_orders(query)
    assert rows[OrderTab.ALL] == [oid] and counts[OrderTab.ALL] == 1, (rows, counts)
    assert not mismatches([query, old[-3:], new[-3:], old[-2:], new[-2:]])
