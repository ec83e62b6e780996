"""``tests/test_search_grams.py`` on PostgreSQL and MariaDB: the triggers keep the gram index
for every write path, and every kind of fragment is found and counted."""

from test_search_grams import exercise_one_character_counts, exercise_write_paths, grams_agree


def test_fragments_and_service_writes(server_db, shop):
    exercise_write_paths(shop)


def test_one_character_counts_follow_every_write(server_db, shop):
    exercise_one_character_counts(shop)


def test_the_import_keeps_the_index(server_db, shop, tmp_path):
    from test_search_grams import test_the_import_keeps_the_index as on_sqlite

    on_sqlite(shop, tmp_path)


def test_the_demo_in_bulk_keeps_the_index(server_db):
    from test_search_grams import test_the_demo_in_bulk_and_through_the_services_keeps_the_index as on_sqlite

    on_sqlite(server_db)
    grams_agree()


def test_a_bulk_load_into_an_empty_shop_fills_the_index_at_the_end(server_db):
    """The triggers dropped, the grams written set-based at the end (on PostgreSQL without the
    key, built after), the triggers back."""
    from datetime import datetime

    from app.models import grams
    from app.services import demo

    demo.build_demo(300, bulk_threshold=10, now=datetime(2026, 11, 29, 12, 0))
    grams_agree()
    assert grams.triggers_present(server_db)
    from test_search_grams import found

    from app.models.tables import Order

    some = Order.select().order_by(Order.id.desc()).first()
    assert some.id in found(some.buyer_name[-2:]) and some.id in found(some.order_no[-6:])
