"""On SQLite the import inserts new orders and their history rows ``bulk.ROWS`` rows a
statement: a statement that fires the order table's triggers runs with a statement journal,
into which SQLite copies every page it changes first, and one order's grams change some 80
pages — a statement per order made 100,000 orders take 92 s to write, 48 s this way."""

from datetime import date

from db_rows import make_shop
from test_import import OH, order_row, write_csv

from app.models.tables import Order, StatusHistory
from app.services import bulk
from app.services import importer as im


def test_orders_and_their_history_go_in_rows_a_statement(db, tmp_path, monkeypatch):
    make_shop()
    path = write_csv(tmp_path / "orders.csv", OH, [order_row(f"R{i:04d}") for i in range(250)])
    plan = im.check_file(path, today=date(2026, 11, 20))
    runs: dict[str, int] = {}  # statements run, by table
    real = bulk.executemany

    def counted(db_, cursor, sql, rows):
        table = sql.split()[2]
        runs[table] = runs.get(table, 0) + len(rows)
        return real(db_, cursor, sql, rows)

    monkeypatch.setattr(bulk, "executemany", counted)  # (bulk.insert_rows calls it)
    im.apply_import(plan, operator="匯入")
    assert Order.select().count() == 250 and StatusHistory.select().count() >= 250
    # a statement per sub-batch of the slices (the first ones of ten: the pace not yet
    # known), not one per order
    assert runs['"order"'] < 40 and runs['"status_history"'] < 40, runs
