"""The spreadsheet import on PostgreSQL and MariaDB: the bulk path writes what the services
write, with ids the server hands out (other desks keep placing orders meanwhile)."""

from __future__ import annotations

from datetime import datetime

from db_rows import make_shop
from server_db import fresh_database
from test_import import CH, NH, OH, TABLES, order_row, write_xlsx

from app.models.db import connect, database
from app.models.tables import Order
from app.services import importer as im
from app.services import orders as order_svc


def test_bulk_import_writes_what_the_services_write(tmp_path, server_kind):
    rows = [order_row(f"S{i:03d}", date=f"2026-11-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
                      ship=("宅配", "郵寄")[i % 2], qty=1 + i % 3, price=(200, 450, 999)[i % 3],
                      buyer=f"客人{i}") for i in range(40)]
    path = write_xlsx(tmp_path / "in.xlsx", {
        "訂單": (OH, rows),
        "付款": (NH, [[f"S{i:03d}", "2026-12-01", 100 + i, f"{i:05d}", "備註"] for i in range(0, 40, 4)]),
        "取消": (CH, [[f"S{i:03d}", "2026-12-02", "不要了", "", "", "", ""] for i in range(1, 40, 4)]),
    })
    now = datetime(2026, 12, 5, 3, 4, 5)
    dumps = []
    try:
        for bulk in (False, True):
            with fresh_database(server_kind) as url:
                d = connect(url)
                shop = make_shop()
                store, atm, home = shop["store"], shop["atm"], shop["home"]
                order_svc.place_order(store_id=store.id, buyer=order_svc.Buyer("先來的"),
                                      items=[order_svc.Item("x", 1, 1)], payment_method_id=atm.id,
                                      shipping_method_id=home.id, operator="店員甲", order_no="FIRST",
                                      order_date=datetime(2026, 10, 1, 1, 2, 3))
                plan = im.check_file(path)
                assert plan.bad == []
                im.apply_import(plan, operator="匯入", bulk=bulk, now=now)
                q = d.quote[0], d.quote[-1]
                dumps.append({t: d.execute_sql(f"SELECT * FROM {q[0]}{t}{q[1]} ORDER BY id").fetchall()
                              for t in TABLES})
                # the server's id sequence still hands out free ids afterwards
                after = order_svc.place_order(store_id=store.id, buyer=order_svc.Buyer("後來的"),
                                              items=[order_svc.Item("y", 1, 1)], payment_method_id=atm.id,
                                              shipping_method_id=home.id, operator="店員乙")
                assert Order.get_by_id(after.order_id).buyer_name == "後來的"
                d.close()
    finally:
        database.initialize(None)
    services, bulk = dumps
    assert len(services["order"]) == 41
    for table in TABLES:
        assert services[table] == bulk[table], table
