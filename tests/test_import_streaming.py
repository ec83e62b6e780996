"""The import streams (issue 11, item 10): however long the file, the importer holds one chunk
of its rows at a time and none of its checked records (they wait in a spool), so that its
memory does not grow with the file's rows.  Proven by counting the rows and the records
alive while a CSV is checked and written (small chunks stand in for a large file)."""

from __future__ import annotations

import csv
from datetime import date

from app.models import tables
from app.services import import_bulk, import_check, import_records, import_write
from app.services import import_journal as journal
from app.services import importer as im
from tests.test_import import NH, OH, order_row, write_csv

ORDERS = 600
#: The patched sizes: rows of a notices chunk, orders of an orders chunk, records staged.
CHUNK, LOOKUP, STAGE = 25, 20, 50


class Alive:
    """How many objects of a counted kind exist now, and the most there were."""

    def __init__(self):
        self.now = self.most = self.made = 0

    def born(self) -> None:
        self.now += 1
        self.made += 1
        self.most = max(self.most, self.now)

    def died(self) -> None:
        self.now -= 1


def counted(monkeypatch) -> tuple[Alive, Alive]:
    """The rows the csv module reads and the ``NewOrder`` records, counted while alive."""
    rows, orders = Alive(), Alive()

    class Row(list):
        def __del__(self):
            rows.died()

    real_reader = csv.reader

    def reader(*args, **kwargs):
        for values in real_reader(*args, **kwargs):
            rows.born()
            yield Row(values)

    class Counted(im.NewOrder):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            orders.born()

        def __del__(self):
            orders.died()

    monkeypatch.setattr(csv, "reader", reader)
    # Where each is read: the check makes the orders, the journal's form (``_decode``) too.
    monkeypatch.setattr(import_check, "NewOrder", Counted)
    monkeypatch.setattr(import_records, "NewOrder", Counted)
    monkeypatch.setattr(import_check, "CHUNK", CHUNK)
    for module in (import_check, import_write, import_bulk):
        monkeypatch.setattr(module, "LOOKUP", LOOKUP)
    monkeypatch.setattr(journal, "STAGE", STAGE)
    monkeypatch.setattr(import_write, "SQLITE_GAP", 0)
    return rows, orders


def files(tmp_path):
    """600 orders of 1–3 rows (order 7's second row comes three rows later: rows of one order
    need not be next to each other), and a payment notice for every second order."""
    rows = []
    for i in range(ORDERS):
        for k in range(1 + i % 3):
            rows.append(order_row(f"S{i:04d}", product=f"商品{k}", price=100) if k == 0 else
                        order_row(f"S{i:04d}", date="", store="", pay="", ship="", buyer="",
                                  product=f"商品{k}", price=100))
    at = next(n for n, r in enumerate(rows) if r[0] == "S0007" and r[9] == "商品1")
    late = rows.pop(at)
    rows.insert(at + 3, late)
    notices = [[f"S{i:04d}", "2026-11-02", 100 * (1 + i % 3) + 120, "12345", ""]
               for i in range(0, ORDERS, 2)]
    return (write_csv(tmp_path / "orders.csv", OH, rows),
            write_csv(tmp_path / "notices.csv", NH, notices), len(rows))


def test_the_import_holds_a_chunk_of_rows_and_no_records(shop, tmp_path, monkeypatch):
    rows, orders = counted(monkeypatch)
    order_file, notice_file, order_rows = files(tmp_path)

    plan = im.check_file(order_file, today=date(2026, 11, 30))
    assert plan.bad == [] and plan.good == ORDERS and plan.items == order_rows
    # Every row was read (twice: the order numbers first), never all of them at once: an
    # orders chunk is LOOKUP orders of at most 3 rows, and the row S0007 waits for.
    assert rows.made == 2 * (order_rows + 1)
    assert rows.most <= 3 * LOOKUP + 5 < order_rows
    # The checked orders are in the spool, not in memory.
    assert orders.made == ORDERS and orders.now == 0 and orders.most <= 2
    result = im.apply_import(plan, operator="匯入")
    assert (result.orders, result.items) == (ORDERS, order_rows)
    # Written a staged chunk at a time.
    assert orders.made == 2 * ORDERS and orders.most <= STAGE < ORDERS

    plan = im.check_file(notice_file, today=date(2026, 11, 30))
    assert plan.bad == [] and plan.good == ORDERS // 2
    assert rows.most <= 3 * LOOKUP + 5 and rows.now <= 1
    im.apply_import(plan, operator="匯入")

    assert tables.Order.select().count() == ORDERS
    assert tables.OrderItem.select().count() == order_rows
    assert tables.PaymentNotice.select().count() == ORDERS // 2
    s7 = tables.Order.get(tables.Order.order_no == "S0007")
    assert sorted(i.product for i in s7.items) == ["商品0", "商品1"]
    assert (s7.subtotal, s7.status) == (200, "UNPAID")  # no notice for odd orders
    paid = tables.Order.get(tables.Order.order_no == "S0008")
    assert (paid.total, paid.status) == (420, "PAID")


def test_reading_back_a_plans_records(shop, tmp_path, monkeypatch):
    """``plan.orders`` reads the spooled records back as they were checked; the list is the
    plan's from then on (what it imports)."""
    counted(monkeypatch)
    order_file, _notices, _rows = files(tmp_path)
    plan = im.check_file(order_file, today=date(2026, 11, 30))
    assert [o.order_no for o in plan.orders[:3]] == ["S0000", "S0001", "S0002"]
    assert [(i.product, i.quantity, i.unit_price) for i in plan.orders[7].items] == [
        ("商品0", 1, 100), ("商品1", 1, 100)]
    del plan.orders[10:]
    assert plan.good == 10 and plan.items == sum(1 + i % 3 for i in range(10))
    assert im.apply_import(plan, operator="匯入").orders == 10
    assert tables.Order.select().count() == 10
