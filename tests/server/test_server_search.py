"""``tests/test_search_grams.py`` on PostgreSQL and MariaDB: the triggers keep the gram index
for every write path, and every kind of fragment is found and counted."""

from test_search_grams import exercise_write_paths, grams_agree


def test_fragments_and_service_writes(server_db, shop):
    exercise_write_paths(shop)


def test_the_import_keeps_the_index(server_db, shop, tmp_path):
    from test_search_grams import test_the_import_keeps_the_index as on_sqlite

    on_sqlite(shop, tmp_path)


def test_the_demo_in_bulk_keeps_the_index(server_db):
    from test_search_grams import test_the_demo_in_bulk_and_through_the_services_keeps_the_index as on_sqlite

    on_sqlite(server_db)
    grams_agree()
