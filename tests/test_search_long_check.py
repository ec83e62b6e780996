"""A longer search joins at most four of its trigrams (``grams.query_grams``: for 15 characters
the 1st, 5th, 9th and 13th: characters 4, 8 and 12 are in none) and then checks the candidates
with ``LIKE`` (``search.Search.of``: ``check``).  On MariaDB that ``LIKE`` runs in the
columns' ``utf8mb4_unicode_ci`` collation, taking "é" for "e" and any emoji for any other, so
what a search finds depends on where in the text an accent falls: "abceefghijklmno" finds
"abcéefghijklmno" but "abcdefghijkémno" is not found by "abcdefghijkemno"; SQLite and
PostgreSQL find neither (the documented rule: the name holds the text, A-Z folded)."""

import pytest
from db_rows import make_shop
from search_oracle import app_orders
from search_shop import place

from app.domain.tabs import OrderTab


@pytest.mark.parametrize("name,query", [
    ("abcéefghijklmno", "abceefghijklmno"),       # é at the 4th character, in no looked-up trigram
])
def test_a_long_search_finds_only_names_holding_it(anydb, name, query):
    shop = make_shop()
    place(shop, name)
    rows, counts = app_orders(query)
    assert rows[OrderTab.ALL] == [] and counts[OrderTab.ALL] == 0, (rows, counts[OrderTab.ALL])
