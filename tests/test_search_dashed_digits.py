"""A fragment of a tracking number (or an imported order number) that holds digits and dashes,
copied as it is written, must find its order: the search finds "any fragment of ... a tracking
number".  ``search._search_text`` drops every "-" and " " of a text that is otherwise digits
(meant for a phone typed with dashes) and looks for the bare digits only, which the tracking
number does not hold."""

from db_rows import make_shop
from search_oracle import app_orders
from search_shop import place, ship

from app.domain.tabs import OrderTab


def test_a_dashed_fragment_of_a_tracking_number_is_found(anydb):
    shop = make_shop()
    oid = place(shop, "王小明", phone="0912345678")
    ship(oid, "TW-2026-5555-01")
    place(shop, "陳美玲", phone="0987000111")
    assert app_orders("TW-2026-5555")[0][OrderTab.ALL] == [oid]   # with its letters: found
    rows, counts = app_orders("2026-5555")                        # its digits and dashes: not
    assert rows[OrderTab.ALL] == [oid] and counts[OrderTab.ALL] == 1, (rows, counts[OrderTab.ALL])


def test_an_international_phone_typed_with_spaces_or_dashes_is_found(anydb):
    """A phone is found "typed with or without dashes" (docs/PERFORMANCE.md): the order keeps
    "+886 912 555 666" as "+886912555666" (``writes.normalise_phone`` keeps the leading +), but
    ``search._search_text`` only strips dashes and spaces from a text that is then all digits,
    so "+886 912 555 666" and "+886-912-555-666" look for the dashes and spaces themselves."""
    shop = make_shop()
    oid = place(shop, "王小明", phone="+886 912 555 666")
    place(shop, "陳美玲", phone="0987000111")
    assert app_orders("+886912555666")[0][OrderTab.ALL] == [oid]   # as stored: found
    for typed in ("+886 912 555 666", "+886-912-555-666"):
        rows, counts = app_orders(typed)
        assert rows[OrderTab.ALL] == [oid] and counts[OrderTab.ALL] == 1, (typed, rows, counts[OrderTab.ALL])


def test_a_number_typed_full_width_is_found(anydb):
    """A Chinese input method types digits and letters full-width unless switched: the search
    looks for their half-width characters, as the numbers are kept."""
    shop = make_shop()
    oid = place(shop, "王小明", phone="0912345678")
    place(shop, "陳美玲", phone="0987000111")
    for typed in ("０９１２３４５６７８", "０９１２－３４５－６７８", "３４５６"):
        rows, counts = app_orders(typed)
        assert rows[OrderTab.ALL] == [oid] and counts[OrderTab.ALL] == 1, (typed, rows, counts[OrderTab.ALL])
