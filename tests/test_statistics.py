"""Issue 11 item 6: the planner's statistics after bulk writes, so the store filter on 訂單清單
reads the date index instead of sorting the store's orders (not timed)."""

import sqlite3

from app.domain.tabs import OrderTab
from app.models.proxy import database
from app.services import queries
from app.services.demo import build_demo


def store_filter_plan() -> list[str]:
    store = database.obj.execute_sql("SELECT MIN(id) FROM store").fetchone()[0]
    sql, params = queries.order_query(queries.OrderFilter(tab=OrderTab.ALL, store_id=store)).sql()
    return [row[-1] for row in database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]


def analysed(table: str) -> bool:
    db = database.obj
    if not db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return False
    return db.execute_sql("SELECT 1 FROM sqlite_stat1 WHERE tbl = ?", (table,)).fetchone() is not None


def test_the_demo_build_leaves_statistics_and_the_store_filter_reads_the_date_index(db):
    build_demo(6000, bulk_threshold=1000)
    for table in ("order", "order_item", "status_history"):
        assert analysed(table), table
    plan = store_filter_plan()
    assert any("USING INDEX order_order_date_id" in line for line in plan), plan
    assert not any("TEMP B-TREE" in line for line in plan), plan
    # Without the statistics SQLite guesses: the store's own index, then a sort of its orders.
    db.execute_sql("DROP TABLE sqlite_stat1")
    db.close()
    db.connect()
    assert any("TEMP B-TREE" in line for line in store_filter_plan())


def test_an_import_gathers_statistics(shop, tmp_path):
    from test_import import GOOD_ORDERS, OH, write_csv

    from app.services import importer as im

    assert not analysed("order")
    im.apply_import(im.check_file(write_csv(tmp_path / "orders.csv", OH, GOOD_ORDERS)), operator="import")
    assert analysed("order") and analysed("status_history")


def test_closing_a_sqlite_connection_runs_pragma_optimize(db):
    seen = []
    original = sqlite3.Connection.execute
    conn = db.connection()

    class Spy:
        def __getattr__(self, name):
            return getattr(conn, name)

        def execute(self, sql, *args):
            seen.append(sql)
            return original(conn, sql, *args)

    db._close(Spy())
    assert "PRAGMA optimize" in seen
