"""The shop's clock (issue 10): days are the shop's, kept in the database, whatever the desk's
own time zone.  Order numbers, "today", the day filters, the export's dates and the import's
times come out the same on a desk set to Asia/Taipei, UTC or America/New_York, and change
when the shop's zone changes."""

from __future__ import annotations

import csv
import os
import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from db_rows import database_at_version

from app.domain import clock
from app.domain.errors import ValidationError
from app.domain.inputs import PaymentNotice, ShipInput
from app.models.db import connect, sqlite_url
from app.models.tables import Order, ShopSetting
from app.services import export as ex
from app.services import importer as im
from app.services import orders as svc
from app.services import shop_clock
from app.services.queries import OrderFilter, fetch_orders

TAIPEI = ZoneInfo("Asia/Taipei")
NEW_YORK = ZoneInfo("America/New_York")

#: 23:30 on 1 March and 00:30 on 2 March in Taipei; 10:30 and 11:30 on 1 March in New York.
LATE = datetime(2026, 3, 1, 15, 30)
AFTER_MIDNIGHT = datetime(2026, 3, 1, 16, 30)


def set_desk_zone(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()


@pytest.fixture(params=["Asia/Taipei", "UTC", "America/New_York"])
def desk_zone(request):
    """The desk's own time zone (the process's TZ), restored after the test."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is Unix-only")
    old = os.environ.get("TZ")
    set_desk_zone(request.param)
    try:
        yield request.param
    finally:
        set_desk_zone(old)


def day_rows(day: date) -> list[str]:
    rows, _ = fetch_orders(OrderFilter(date_from=day, date_to=day, sort="order_no", descending=False))
    return [r.order_no for r in rows]


def exported_dates(path) -> dict[str, datetime]:
    ex.export_tab(OrderFilter(), path, operator="會計小林", filters_text="無")
    ws = openpyxl.load_workbook(path)["訂單"]
    return {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True) if (row[0] or "").startswith("O")}


def what_the_desk_sees(place, tmp_path) -> dict:
    """Two orders either side of the shop's midnight, and everything reckoned from them."""
    late = Order.get_by_id(place(order_date=LATE)).order_no
    after = Order.get_by_id(place(order_date=AFTER_MIDNIGHT)).order_no
    return {
        "numbers": (late, after),
        "1 March": day_rows(date(2026, 3, 1)),
        "2 March": day_rows(date(2026, 3, 2)),
        "export": exported_dates(tmp_path / "orders.xlsx"),
        "today": shop_clock.today(AFTER_MIDNIGHT),
    }


# ---------------------------------------------------------------- whatever the desk's zone


def test_the_desks_zone_changes_nothing(desk_zone, place, tmp_path):
    seen = what_the_desk_sees(place, tmp_path)
    assert seen == {
        "numbers": ("O2026030100001", "O2026030200001"),
        "1 March": ["O2026030100001"],
        "2 March": ["O2026030200001"],
        "export": {"O2026030100001": datetime(2026, 3, 1, 23, 30),
                   "O2026030200001": datetime(2026, 3, 2, 0, 30)},
        "today": date(2026, 3, 2),
    }, desk_zone


def test_today_for_ship_and_transfer_dates_is_the_shops(desk_zone, place):
    # Placed 23:30 on 1 March in Taipei; at 00:30 on 2 March (Taipei) the clerk ships with
    # today's date.  A desk in New York or UTC is still on 1 March, and it does not matter.
    oid = place(order_date=LATE)
    svc.record_payment_notice(oid, PaymentNotice(date(2026, 3, 1), 820, "12345"), operator="店員甲",
                              now=LATE)
    svc.confirm_payment(oid, operator="店員甲", now=LATE)
    svc.ship(oid, ShipInput(date(2026, 3, 2), "黑貓", "TW-1"), operator="店員甲", now=AFTER_MIDNIGHT)
    assert Order.get_by_id(oid).ship_date == date(2026, 3, 2)


def test_import_times_are_the_shops(desk_zone, shop, tmp_path):
    path = tmp_path / "orders.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["訂單編號", "訂單日期", "商店名稱", "付款方式", "送貨方式", "訂購人", "商品", "數量", "單價"])
        w.writerow(["A1", "2026-03-02 00:30", "測試商店", "ATM 轉帳", "宅配", "王小明", "茶葉", 1, 500])
    plan = im.check_file(path)
    assert not plan.bad
    im.apply_import(plan, operator="import")
    (order,) = Order.select()
    assert order.order_date == AFTER_MIDNIGHT


# ---------------------------------------------------------------- the shop's setting


def test_a_new_database_keeps_taipei(db):
    row = ShopSetting.get_by_id("time_zone")
    assert (row.value, row.updated_by) == ("Asia/Taipei", "OrderDesk schema 6")
    assert shop_clock.shop_zone() == TAIPEI


def test_migration_6_on_an_existing_database_and_again(tmp_path):
    from app.models.migrations import MIGRATIONS, current_version

    path = str(tmp_path / "v5.db")
    db = database_at_version(path, 5, datetime(2026, 1, 1))
    assert "shop_setting" not in db.get_tables()
    assert shop_clock.shop_zone() == TAIPEI  # not migrated yet: the default
    db.close()

    db = connect(sqlite_url(path))
    try:
        assert current_version(db) >= 6
        assert ShopSetting.get_by_id("time_zone").value == "Asia/Taipei"
        shop_clock.set_shop_zone("UTC", operator="店長")
        MIGRATIONS[6](db)  # a step cut short runs again: what is there stays
        assert [(r.name, r.value) for r in ShopSetting.select()] == [("time_zone", "UTC")]
    finally:
        db.close()


def test_changing_the_shops_zone_changes_the_days(place, tmp_path):
    shop_clock.set_shop_zone("America/New_York", operator="店長", now=datetime(2026, 2, 1))
    row = ShopSetting.get_by_id("time_zone")
    assert (row.value, row.updated_by, row.updated_at) == ("America/New_York", "店長", datetime(2026, 2, 1))
    seen = what_the_desk_sees(place, tmp_path)
    assert seen == {
        "numbers": ("O2026030100001", "O2026030100002"),
        "1 March": ["O2026030100001", "O2026030100002"],
        "2 March": [],
        "export": {"O2026030100001": datetime(2026, 3, 1, 10, 30),
                   "O2026030100002": datetime(2026, 3, 1, 11, 30)},
        "today": date(2026, 3, 1),
    }


def test_the_zone_is_the_databases_and_read_once_per_connection(db, tmp_path):
    path = db.database
    shop_clock.set_shop_zone("UTC", operator="店長")
    # Another desk changes it behind this connection's back: this one keeps what it read ...
    ShopSetting.update(value="Europe/Paris").execute()
    assert shop_clock.shop_zone() == ZoneInfo("UTC")
    # ... until it connects again.
    again = connect(sqlite_url(path))
    try:
        assert shop_clock.shop_zone() == ZoneInfo("Europe/Paris")
        assert shop_clock.local_date(datetime(2026, 3, 1, 23, 30)) == date(2026, 3, 2)
    finally:
        again.close()


@pytest.mark.parametrize("name", ["", "Asia", "Mars/Olympus", "asia/taipei", "../etc/passwd", "/etc/localtime"])
def test_an_unknown_zone_is_refused_and_nothing_changes(db, name):
    with pytest.raises(ValidationError) as excinfo:
        shop_clock.set_shop_zone(name, operator="店長")
    assert excinfo.value.field == "time_zone"
    assert ShopSetting.get_by_id("time_zone").value == "Asia/Taipei"
    assert shop_clock.shop_zone() == TAIPEI


def test_setting_the_zone_needs_an_operator(db):
    with pytest.raises(ValidationError) as excinfo:
        shop_clock.set_shop_zone("UTC", operator="  ")
    assert excinfo.value.field == "operator"
    assert ShopSetting.get_by_id("time_zone").value == "Asia/Taipei"


# ---------------------------------------------------------------- the conversions


def test_conversions_in_taipei():
    assert clock.to_local(LATE, TAIPEI) == datetime(2026, 3, 1, 23, 30)
    assert clock.to_utc(datetime(2026, 3, 2, 0, 30), TAIPEI) == AFTER_MIDNIGHT
    assert clock.local_date(AFTER_MIDNIGHT, TAIPEI) == date(2026, 3, 2)
    assert clock.day_start_utc(date(2026, 3, 2), TAIPEI) == datetime(2026, 3, 1, 16, 0)


def test_conversions_across_a_daylight_saving_change():
    # New York moves from UTC-5 to UTC-4 at 02:00 on 8 March 2026.
    assert clock.day_start_utc(date(2026, 3, 8), NEW_YORK) == datetime(2026, 3, 8, 5, 0)
    assert clock.day_start_utc(date(2026, 3, 9), NEW_YORK) == datetime(2026, 3, 9, 4, 0)
    assert clock.to_local(datetime(2026, 3, 8, 6, 59), NEW_YORK) == datetime(2026, 3, 8, 1, 59)
    assert clock.to_local(datetime(2026, 3, 8, 7, 0), NEW_YORK) == datetime(2026, 3, 8, 3, 0)
    assert clock.utc_offset(datetime(2026, 3, 8, 1, 0), NEW_YORK).total_seconds() == -5 * 3600
    assert clock.utc_offset(datetime(2026, 3, 8, 3, 0), NEW_YORK).total_seconds() == -4 * 3600
    for utc in (datetime(2026, 3, 8, 4, 15), datetime(2026, 3, 8, 9, 45), datetime(2026, 11, 1, 5, 30)):
        assert clock.to_utc(clock.to_local(utc, NEW_YORK), NEW_YORK) == utc
    # 01:30 on 1 November happens twice; a naive local time means the first.
    assert clock.to_local(datetime(2026, 11, 1, 6, 30), NEW_YORK) == datetime(2026, 11, 1, 1, 30)
    assert clock.to_utc(datetime(2026, 11, 1, 1, 30), NEW_YORK) == datetime(2026, 11, 1, 5, 30)


def test_without_a_database_the_default_zone():
    from app.models.db import database

    saved = database.obj
    database.initialize(None)
    try:
        assert shop_clock.shop_zone() == ZoneInfo(clock.DEFAULT_ZONE) == TAIPEI
    finally:
        database.initialize(saved)


def test_the_command_line_shows_and_sets_the_zone(tmp_path, capsys):
    import main

    url = sqlite_url(str(tmp_path / "cli.db"))
    assert main.main(["time-zone", "--db", url]) == 0
    assert capsys.readouterr().out == "Asia/Taipei\n"
    assert main.main(["time-zone", "America/New_York", "--operator", "店長", "--db", url]) == 0
    assert capsys.readouterr().out == "America/New_York\n"
    assert main.main(["time-zone", "Mars/Olympus", "--db", url]) == 2
    assert "Mars/Olympus" in capsys.readouterr().err
    assert main.main(["time-zone", "--db", url]) == 0
    assert capsys.readouterr().out == "America/New_York\n"
    assert ShopSetting.get_by_id("time_zone").updated_by == "店長"


def test_a_failed_imports_stale_time_is_the_shops(desk_zone, shop):
    from app.dialogs.form import error_text
    from app.domain.errors import StaleError

    stale = StaleError("request", "O2026010100001", "店員甲", datetime(2026, 1, 1, 1, 2, 3))  # UTC
    expected = "訂單 O2026010100001 的取消申請已被 店員甲 於 2026-01-01 09:02:03 變更"
    assert im.ImportFailed(stale).message().startswith(expected)  # the command line's words
    assert error_text(im.ImportFailed(stale).cause).startswith(expected)  # the window's


def test_setting_the_zone_with_a_key_is_done_once(db, tmp_path, capsys):
    """Issue 15 item 2: the zone setting takes an idempotency key (``op_key``, ``--key``): the
    same key again answers the zone it set and writes nothing, even after another desk set
    another zone meanwhile; the answer is kept in ``action_key`` (the setting has no history
    record)."""
    import main
    from app.models.tables import ActionKey

    at = datetime(2026, 2, 1)
    assert shop_clock.set_shop_zone("UTC", operator="店長", now=at, op_key="tz-1") == ZoneInfo("UTC")
    shop_clock.set_shop_zone("Europe/Paris", operator="副店長")
    assert shop_clock.set_shop_zone("UTC", operator="店長", op_key="tz-1") == ZoneInfo("UTC")
    row = ShopSetting.get_by_id("time_zone")
    assert (row.value, row.updated_by) == ("Europe/Paris", "副店長")  # not set again
    assert [k.op_key for k in ActionKey.select()] == ["tz-1"]
    path = db.database
    db.close()
    args = ["time-zone", "America/New_York", "--operator", "店長", "--db", sqlite_url(path), "--key", "tz-2"]
    assert main.main(args) == 0
    assert main.main(["time-zone", "Asia/Taipei", "--operator", "店長", "--db", sqlite_url(path)]) == 0
    assert main.main(args) == 0  # the same key: answered, not set again
    assert capsys.readouterr().out.splitlines() == ["America/New_York", "Asia/Taipei", "America/New_York"]
    assert ShopSetting.get_by_id("time_zone").value == "Asia/Taipei"
