"""The shop's clock on a shared server: the ``shop_setting`` row migration 6 writes, a zone
set by one desk and read by the next connection, and the shop's days in numbers and filters
(``tests/test_clock.py`` has the rest, on SQLite)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.models.db import connect
from app.models.tables import Order, ShopSetting
from app.services import shop_clock
from app.services.queries import OrderFilter, fetch_orders

LATE = datetime(2026, 3, 1, 15, 30)  # 23:30 on 1 March in Taipei
AFTER_MIDNIGHT = datetime(2026, 3, 1, 16, 30)  # 00:30 on 2 March in Taipei


def day_rows(day: date) -> list[str]:
    rows, _ = fetch_orders(OrderFilter(date_from=day, date_to=day, sort="order_no", descending=False))
    return [r.order_no for r in rows]


def test_the_shops_zone_is_kept_on_the_server(server_db, place):
    assert ShopSetting.get_by_id("time_zone").value == "Asia/Taipei"
    late = Order.get_by_id(place(order_date=LATE)).order_no
    after = Order.get_by_id(place(order_date=AFTER_MIDNIGHT)).order_no
    assert (late, after) == ("O2026030100001", "O2026030200001")
    assert (day_rows(date(2026, 3, 1)), day_rows(date(2026, 3, 2))) == ([late], [after])

    shop_clock.set_shop_zone("America/New_York", operator="店長")
    assert day_rows(date(2026, 3, 1)) == [late, after]
    again = connect(server_db.server_url)
    try:
        assert shop_clock.shop_zone() == ZoneInfo("America/New_York")
        assert ShopSetting.get_by_id("time_zone").updated_by == "店長"
    finally:
        again.close()


def test_the_zone_set_with_a_key_is_set_once(server_db):
    """Issue 15 item 2 on the server: the same key again answers the zone it set and writes
    nothing, even after another desk set another zone."""
    from app.models.tables import ActionKey

    assert shop_clock.set_shop_zone("UTC", operator="店長", op_key="tz-server") == ZoneInfo("UTC")
    shop_clock.set_shop_zone("Europe/Paris", operator="副店長")
    assert shop_clock.set_shop_zone("UTC", operator="店長", op_key="tz-server") == ZoneInfo("UTC")
    row = ShopSetting.get_by_id("time_zone")
    assert (row.value, row.updated_by) == ("Europe/Paris", "副店長")
    assert ActionKey.select().where(ActionKey.op_key == "tz-server").count() == 1
