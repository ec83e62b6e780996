"""A buyer name holding an upper-case letter beyond A-Z (É, Cyrillic, Greek, full-width Latin,
common in Taiwanese shop names: ＡＢＣ商行) must be found when typed exactly as it is written,
and the same on the three backends.  On PostgreSQL and MariaDB the index holds the server's
``LOWER`` of the name (which folds É to é, Ａ to ａ: ``grams._SOURCES``, the counter's
``_keys_of``), while the query is folded for A-Z only (``search._search_text`` ->
``grams.fold``): the name copied from the order's own row finds nothing, and its lower-case
form (which the name does not hold) finds it."""

import pytest
from db_rows import make_shop
from search_oracle import app_orders
from search_shop import place

from app.domain.tabs import OrderTab


@pytest.mark.parametrize("name,query", [
    ("Élodie Martin", "Élodie"),   # 4+ characters: grams and the LIKE check
    ("Élodie Martin", "Élo"),      # 3: one trigram
    ("Иван Петров", "Ив"),         # 2: the counter's pair key
    ("ＡＢＣ商行", "ＡＢＣ"),
    ("ＡＢＣ商行", "Ａ"),            # 1: the counter's character key
])
def test_a_name_is_found_as_it_is_written(anydb, name, query):
    shop = make_shop()
    oid = place(shop, name)
    place(shop, "王小明", phone="0987000111")
    rows, counts = app_orders(query)
    assert rows[OrderTab.ALL] == [oid] and counts[OrderTab.ALL] == 1, (rows, counts[OrderTab.ALL])


def test_awkward_texts_are_found_as_the_rule_says(anydb):
    """Twenty-two orders with awkward names, e-mails, phones and tracking numbers (accents,
    Cyrillic, Greek, full-width, emoji, characters beyond the BMP, SQL's wildcards and quotes,
    a phone with dashes, an international one with spaces): each fragment of each, and the
    wildcards and separators alone, finds on every tab, page by page, what the documented rule
    finds in Python, and every tab counts as many (``search_oracle``)."""
    from search_oracle import mismatches
    from search_shop import AWKWARD, awkward_shop

    awkward_shop(make_shop())
    texts = {"%", "_", "\\", "'", '"', "@", "09", "0", "-", " 9", "gmail", "2-3", "+886 912"}
    for row in AWKWARD:
        for value in filter(None, row):
            texts |= {value[:3], value[-3:], value[1:5], value[:2], value[-1:]}
    assert not mismatches(sorted(texts))
