"""Payment and shipping methods (docs/PRODUCT.md §5, §6, issue 5), checked on the database rows.

Every action's rows and its MethodHistory record; every refusal writes nothing; a method that
orders refer to is archived, never lost; orders keep the names and fee they were placed with;
the free-shipping rule at its boundary; migration 3 on an old database.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import openpyxl
import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import NotFoundError, ValidationError
from app.domain.money import shipping_fee_for
from app.models import migrations
from app.models.db import connect
from app.models.tables import (
    MethodHistory,
    Order,
    OrderItem,
    PaymentMethod,
    ShippingMethod,
    StatusHistory,
    Store,
)
from app.services import export, queries
from app.services import methods as svc
from app.services.methods import PaymentMethodInput as PayIn
from app.services.methods import ShippingMethodInput as ShipIn
from app.services.orders import Buyer, Item, place_order

OP = "店員甲"
AT = datetime(2024, 6, 1, 3, 4, 5)


def method_rows() -> dict:
    return {
        m.__name__: list(m.select().order_by(m.id).dicts())
        for m in (PaymentMethod, ShippingMethod, MethodHistory)
    }


def history(kind: str, method_id: int | None = None) -> list[tuple]:
    return [(h.method_id, h.action, h.operator) for h in svc.method_history(kind, method_id)]


def titles(rows) -> list[str]:
    return [r.title for r in rows]


# --- add ---------------------------------------------------------------------------------


def test_add_payment_method_is_saved_at_the_end_with_its_record(shop):
    row = svc.add_payment_method(PayIn("  LINE Pay ", " 掃碼付款 "), operator=OP, now=AT)
    assert (row.title, row.description, row.archived, row.in_use) == ("LINE Pay", "掃碼付款", False, False)
    assert titles(svc.list_payment_methods()) == ["ATM 轉帳", "信用卡", "LINE Pay"]
    db_row = PaymentMethod.get_by_id(row.id)
    assert (db_row.title, db_row.position, db_row.archived) == ("LINE Pay", 3, False)
    (h,) = svc.method_history("payment", row.id)
    assert (h.action, h.operator, h.at, h.before) == ("add", OP, AT, None)
    assert h.after == {"title": "LINE Pay", "description": "掃碼付款", "position": 3, "archived": False,
                       "refund_channel": "remittance"}


def test_add_shipping_method_parses_money_and_empty_threshold(db):
    a = svc.add_shipping_method(ShipIn("宅配", "NT$1,200", "", "黑貓"), operator=OP)
    b = svc.add_shipping_method(ShipIn("超商", 60, 499), operator=OP)
    assert (a.fee, a.free_threshold) == (1200, None)
    assert (b.fee, b.free_threshold) == (60, 499)
    assert ShippingMethod.get_by_id(a.id).free_threshold is None
    assert history("shipping") == [(a.id, "add", OP), (b.id, "add", OP)]


@pytest.mark.parametrize(
    "field, typed",
    [(f, t) for f in ("fee", "free_threshold") for t in ("abc", "-5", "12.5")] + [("fee", "")],
)
def test_bad_money_names_the_field_and_saves_nothing(shop, field, typed):
    """(An empty threshold is fine: no free shipping.  An empty fee is not.)"""
    before = method_rows()
    fields = {"fee": "100", "free_threshold": "1000", field: typed}
    with pytest.raises(ValidationError) as e:
        svc.add_shipping_method(ShipIn("快遞", fields["fee"], fields["free_threshold"]), operator=OP)
    assert e.value.field == field
    with pytest.raises(ValidationError) as e:
        svc.edit_shipping_method(
            shop["home"].id, ShipIn("宅配", fields["fee"], fields["free_threshold"]), operator=OP
        )
    assert e.value.field == field
    assert method_rows() == before


@pytest.mark.parametrize(
    "title, message",
    [("", "此欄位必填。"), ("   ", "此欄位必填。"), ("x" * 101, "標題不能超過 100 個字。"),
     ("信用卡", "已有名為「信用卡」的付款方式，請換一個標題。"),
     (" 信用卡 ", "已有名為「信用卡」的付款方式，請換一個標題。")],
)
def test_payment_title_required_short_and_unique(shop, title, message):
    before = method_rows()
    with pytest.raises(ValidationError) as e:
        svc.add_payment_method(PayIn(title), operator=OP)
    assert (e.value.field, e.value.message()) == ("title", message)
    assert method_rows() == before


def test_title_unique_among_active_only(shop, place):
    place()  # ATM 轉帳 is in use: deleting archives it
    svc.delete_payment_methods([shop["atm"].id], operator=OP)
    again = svc.add_payment_method(PayIn("ATM 轉帳"), operator=OP)  # the archived one is no rival
    assert titles(svc.list_payment_methods()) == ["信用卡", "ATM 轉帳"]
    with pytest.raises(ValidationError) as e:
        svc.restore_payment_method(shop["atm"].id, operator=OP)
    assert e.value.field == "title"
    assert PaymentMethod.get_by_id(shop["atm"].id).archived
    # Renamed while archived, it can come back.
    svc.edit_payment_method(shop["atm"].id, PayIn("ATM 轉帳（舊帳戶）"), operator=OP)
    svc.restore_payment_method(shop["atm"].id, operator=OP)
    assert titles(svc.list_payment_methods()) == ["信用卡", "ATM 轉帳", "ATM 轉帳（舊帳戶）"]
    assert again.id != shop["atm"].id


def test_the_database_keeps_titles_unique_among_active(shop):
    with pytest.raises(pw.IntegrityError):
        PaymentMethod.create(title="信用卡")
    with pytest.raises(pw.IntegrityError):
        ShippingMethod.create(title="宅配", fee=1)
    PaymentMethod.create(title="信用卡", archived=True)  # archived duplicates are fine


def test_no_operator_no_change(shop):
    before = method_rows()
    for call in (
        lambda: svc.add_payment_method(PayIn("x"), operator=" "),
        lambda: svc.edit_shipping_method(shop["home"].id, ShipIn("x", 1), operator=""),
        lambda: svc.delete_payment_methods([shop["card"].id], operator=""),
        lambda: svc.move_shipping_method(shop["post"].id, -1, operator=""),
    ):
        with pytest.raises(ValidationError) as e:
            call()
        assert e.value.field == "operator"
    assert method_rows() == before


# --- edit --------------------------------------------------------------------------------


def test_edit_records_before_and_after(shop):
    row = svc.edit_shipping_method(
        shop["home"].id, ShipIn("宅配到府", "150", "2,000", "週末不出貨"), operator="店員乙", now=AT
    )
    assert (row.title, row.fee, row.free_threshold, row.description) == ("宅配到府", 150, 2000, "週末不出貨")
    m = ShippingMethod.get_by_id(shop["home"].id)
    assert (m.title, m.fee, m.free_threshold) == ("宅配到府", 150, 2000)
    (h,) = svc.method_history("shipping", m.id)
    assert (h.action, h.operator, h.at) == ("edit", "店員乙", AT)
    assert h.before["title"] == "宅配" and h.before["fee"] == 120 and h.before["free_threshold"] == 1000
    assert h.after["title"] == "宅配到府" and h.after["fee"] == 150 and h.after["free_threshold"] == 2000


def test_edit_that_changes_nothing_records_nothing(shop):
    svc.edit_payment_method(shop["card"].id, PayIn(" 信用卡 ", "", "reversal"), operator=OP)
    assert svc.method_history("payment") == []


def test_edit_keeps_its_own_title_and_refuses_another(shop):
    svc.edit_payment_method(shop["card"].id, PayIn("信用卡", "一次付清"), operator=OP)
    with pytest.raises(ValidationError):
        svc.edit_payment_method(shop["card"].id, PayIn("ATM 轉帳"), operator=OP)
    assert PaymentMethod.get_by_id(shop["card"].id).title == "信用卡"


def test_edit_missing_method(shop):
    with pytest.raises(NotFoundError):
        svc.edit_payment_method(9999, PayIn("x"), operator=OP)


# --- delete, archive, restore ------------------------------------------------------------


def test_delete_unreferenced_deletes_and_referenced_archives(shop, place):
    place()  # ATM 轉帳 + 宅配
    result = svc.delete_payment_methods([shop["atm"].id, shop["card"].id], operator=OP, now=AT)
    assert (result.deleted, result.archived, result.already_archived) == (("信用卡",), ("ATM 轉帳",), ())
    assert PaymentMethod.get_or_none(PaymentMethod.id == shop["card"].id) is None
    assert PaymentMethod.get_by_id(shop["atm"].id).archived
    assert svc.list_payment_methods() == []
    assert titles(svc.list_payment_methods(include_archived=True)) == ["ATM 轉帳"]
    assert sorted(history("payment")) == [(shop["atm"].id, "archive", OP), (shop["card"].id, "delete", OP)]
    deleted = svc.method_history("payment", shop["card"].id)[0]
    assert deleted.before["title"] == "信用卡" and deleted.after is None and deleted.at == AT
    # Ticked again while archived: left as it is, nothing recorded.
    again = svc.delete_payment_methods([shop["atm"].id], operator=OP)
    assert (again.deleted, again.archived, again.already_archived) == ((), (), ("ATM 轉帳",))
    assert len(svc.method_history("payment")) == 2


def test_archived_methods_cannot_be_used_by_new_orders(shop, place):
    place()
    svc.delete_shipping_methods([shop["home"].id], operator=OP)
    with pytest.raises(ValidationError) as e:
        place(shipping=shop["home"])
    assert e.value.field == "shipping_method"
    svc.restore_shipping_method(shop["home"].id, operator=OP)
    assert place(shipping=shop["home"])


def test_restore_puts_the_method_back_at_the_end(shop, place):
    place()
    svc.delete_payment_methods([shop["atm"].id], operator=OP)
    svc.add_payment_method(PayIn("LINE Pay"), operator=OP)
    row = svc.restore_payment_method(shop["atm"].id, operator="店員乙", now=AT)
    assert (row.archived, row.in_use) == (False, True)
    assert titles(svc.list_payment_methods()) == ["信用卡", "LINE Pay", "ATM 轉帳"]
    h = svc.method_history("payment", shop["atm"].id)[-1]
    assert (h.action, h.operator, h.at, h.before["archived"], h.after["archived"]) == (
        "restore", "店員乙", AT, True, False)
    # Restoring an active method does nothing.
    svc.restore_payment_method(shop["atm"].id, operator=OP)
    assert svc.method_history("payment", shop["atm"].id)[-1].id == h.id


def test_the_database_refuses_to_delete_a_referenced_method(shop, place, db):
    place()
    with pytest.raises(pw.IntegrityError):
        PaymentMethod.delete().where(PaymentMethod.id == shop["atm"].id).execute()
    with pytest.raises(pw.IntegrityError):
        ShippingMethod.delete_by_id(shop["home"].id)
    # Even a connection that does not enforce foreign keys (the sqlite3 shell's default).
    raw = sqlite3.connect(db.database)
    try:
        assert raw.execute("PRAGMA foreign_keys").fetchone() == (0,)
        for table, mid in (("payment_method", shop["atm"].id), ("shipping_method", shop["home"].id)):
            with pytest.raises(sqlite3.IntegrityError):
                raw.execute(f"DELETE FROM {table} WHERE id = ?", (mid,))
            raw.rollback()
        raw.execute("DELETE FROM payment_method WHERE id = ?", (shop["card"].id,))  # unused: fine
        raw.rollback()
    finally:
        raw.close()
    assert PaymentMethod.get_by_id(shop["atm"].id) and PaymentMethod.get_by_id(shop["card"].id)


def test_method_history_is_append_only(shop):
    svc.add_payment_method(PayIn("LINE Pay"), operator=OP)
    # (SQLite says IntegrityError, PostgreSQL InternalError, MariaDB OperationalError.)
    with pytest.raises(pw.DatabaseError):
        MethodHistory.update(operator="someone else").execute()
    with pytest.raises(pw.DatabaseError):
        MethodHistory.delete().execute()


def test_history_outlives_a_deleted_method(shop):
    row = svc.add_shipping_method(ShipIn("快遞", 200), operator=OP)
    svc.delete_shipping_methods([row.id], operator="店員乙")
    assert history("shipping", row.id) == [(row.id, "add", OP), (row.id, "delete", "店員乙")]


# --- display order -----------------------------------------------------------------------


def test_move_up_and_down(shop):
    svc.add_payment_method(PayIn("LINE Pay"), operator=OP)
    lp = svc.list_payment_methods()[-1]
    assert svc.move_payment_method(lp.id, -1, operator=OP) is True
    assert titles(svc.list_payment_methods()) == ["ATM 轉帳", "LINE Pay", "信用卡"]
    assert svc.move_payment_method(lp.id, -1, operator=OP) is True
    assert titles(svc.list_payment_methods()) == ["LINE Pay", "ATM 轉帳", "信用卡"]
    assert svc.move_payment_method(lp.id, -1, operator=OP) is False  # already first
    assert [r.position for r in svc.list_payment_methods()] == [1, 2, 3]
    assert svc.move_payment_method(shop["card"].id, 1, operator=OP) is False  # already last
    assert svc.move_payment_method(shop["atm"].id, 1, operator=OP) is True
    assert titles(svc.list_payment_methods()) == ["LINE Pay", "信用卡", "ATM 轉帳"]
    moves = [h for h in svc.method_history("payment") if h.action == "move"]
    assert [(h.method_id, h.before, h.after) for h in moves] == [
        (lp.id, {"position": 3}, {"position": 2}),
        (lp.id, {"position": 2}, {"position": 1}),
        (shop["atm"].id, {"position": 2}, {"position": 3}),
    ]


def test_move_skips_archived_methods(shop, place):
    place()
    svc.add_shipping_method(ShipIn("快遞", 200), operator=OP)
    svc.delete_shipping_methods([shop["home"].id], operator=OP)  # archived, position 1
    fast = svc.list_shipping_methods()[-1]
    assert svc.move_shipping_method(fast.id, -1, operator=OP)
    assert titles(svc.list_shipping_methods()) == ["快遞", "郵寄"]
    assert svc.move_shipping_method(fast.id, -1, operator=OP) is False
    assert svc.move_shipping_method(shop["home"].id, -1, operator=OP) is False
    with pytest.raises(ValueError):
        svc.move_shipping_method(fast.id, 2, operator=OP)


def test_new_orders_see_methods_in_display_order(shop):
    """The storefront offers ``list_*_methods()`` as they come: display order, no archived."""
    svc.move_shipping_method(shop["post"].id, -1, operator=OP)
    assert titles(svc.list_shipping_methods()) == ["郵寄", "宅配"]


def test_in_use_flag(shop, place):
    place()
    flags = {r.title: r.in_use for r in svc.list_payment_methods()}
    assert flags == {"ATM 轉帳": True, "信用卡": False}
    flags = {r.title: r.in_use for r in svc.list_shipping_methods()}
    assert flags == {"宅配": True, "郵寄": False}


# --- nothing lost ------------------------------------------------------------------------


def orders_as_stored() -> list:
    """Every order's full row, its items and its history, as the detail page and an export
    read them."""
    out = []
    for o in Order.select().order_by(Order.id).dicts():
        items = list(OrderItem.select().where(OrderItem.order == o["id"]).order_by(OrderItem.id).dicts())
        hist = list(StatusHistory.select().where(StatusHistory.order == o["id"]).order_by(StatusHistory.id).dicts())
        out.append((o, items, hist))
    return out


def _orders_then_churn(shop, place):
    place()  # ATM 轉帳 + 宅配, 700 < 1000: fee 120
    place(total_items=(("行動電源", 1, 1290),))  # free shipping
    place(total_items=(("傳輸線", 3, 99),), shipping=shop["post"])

    def churn():
        svc.edit_payment_method(shop["atm"].id, PayIn("銀行轉帳", "新帳戶"), operator=OP)
        svc.edit_shipping_method(shop["home"].id, ShipIn("黑貓宅配", 150, 3000), operator=OP)
        svc.edit_shipping_method(shop["post"].id, ShipIn("中華郵政", 90, 500), operator=OP)
        svc.move_payment_method(shop["card"].id, -1, operator=OP)
        result = svc.delete_payment_methods([shop["atm"].id, shop["card"].id], operator=OP)
        assert result.archived == ("銀行轉帳",) and result.deleted == ("信用卡",)
        result = svc.delete_shipping_methods([shop["home"].id, shop["post"].id], operator=OP)
        assert set(result.archived) == {"黑貓宅配", "中華郵政"}

    return churn


def test_renaming_and_deleting_methods_changes_no_order(shop, place):
    churn = _orders_then_churn(shop, place)
    before = orders_as_stored()
    assert [o["payment_method_name"] for o, _, _ in before] == ["ATM 轉帳"] * 3
    assert [(o["shipping_method_name"], o["shipping_method_fee"], o["shipping_fee"], o["total"])
            for o, _, _ in before] == [("宅配", 120, 120, 820), ("宅配", 120, 0, 1290), ("郵寄", 65, 65, 362)]
    churn()
    assert orders_as_stored() == before


def test_renaming_and_deleting_methods_changes_no_order_detail_list_row_or_export(shop, place, tmp_path):
    """The same, read as the order pages show it and as the Excel export writes it."""
    churn = _orders_then_churn(shop, place)
    ids = [o.id for o in Order.select(Order.id).order_by(Order.id)]
    f = queries.OrderFilter(sort="order_no", descending=False)

    def read(name):
        rows, _ = queries.fetch_orders(f)
        target = tmp_path / f"{name}.xlsx"
        export.export_orders(f, target, operator=OP, filters_text="", now=AT)
        book = openpyxl.load_workbook(target)
        sheets = {
            title: [tuple(c.value for c in row) for row in book[title].iter_rows()]
            for title in ("訂單", "商品明細")
        }
        return rows, sheets, [queries.order_detail(i) for i in ids]

    before = read("before")
    assert [r.payment_method for r in before[0]] == ["ATM 轉帳"] * 3
    assert [row[5:7] for row in before[1]["訂單"][1:4]] == [("ATM 轉帳", "宅配")] * 2 + [("ATM 轉帳", "郵寄")]
    churn()
    assert read("after") == before


def test_a_renamed_method_names_new_orders_only(shop, place):
    first = place()
    svc.edit_shipping_method(shop["home"].id, ShipIn("黑貓宅配", 150, 1000), operator=OP)
    second = place()
    a, b = Order.get_by_id(first), Order.get_by_id(second)
    assert (a.shipping_method_name, a.shipping_method_fee, a.shipping_fee) == ("宅配", 120, 120)
    assert (b.shipping_method_name, b.shipping_method_fee, b.shipping_fee) == ("黑貓宅配", 150, 150)


# --- the free-shipping rule, at its boundary ---------------------------------------------


@pytest.mark.parametrize(
    "subtotal, fee",
    [(0, 120), (1, 120), (999, 120), (1000, 0), (1001, 0), (50_000, 0)],
)
def test_order_totals_follow_the_rule_at_the_threshold(shop, place, subtotal, fee):
    assert shipping_fee_for(subtotal, 120, 1000) == fee
    oid = place(total_items=(("商品", 1, subtotal),))
    o = Order.get_by_id(oid)
    assert (o.subtotal, o.shipping_fee, o.total) == (subtotal, fee, subtotal + fee)


@pytest.mark.parametrize("subtotal", [0, 999, 1000, 10**7])
def test_no_threshold_never_ships_free(shop, place, subtotal):
    o = Order.get_by_id(place(total_items=(("商品", 1, subtotal),), shipping=shop["post"]))
    assert (o.shipping_fee, o.total) == (65, subtotal + 65)


def test_a_zero_threshold_ships_everything_free(shop, place):
    svc.edit_shipping_method(shop["post"].id, ShipIn("郵寄", 65, 0), operator=OP)
    o = Order.get_by_id(place(total_items=(("商品", 1, 0),), shipping=shop["post"]))
    assert (o.shipping_fee, o.total) == (0, 0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    quantity=st.integers(1, 5),
    price=st.integers(0, 3000),
    fee=st.integers(0, 500),
    threshold=st.one_of(st.none(), st.integers(0, 6000)),
)
def test_every_new_order_follows_the_one_rule(shop, place, quantity, price, fee, threshold):
    svc.edit_shipping_method(shop["home"].id, ShipIn("宅配", fee, threshold), operator=OP)
    o = Order.get_by_id(place(total_items=(("商品", quantity, price),)))
    subtotal = quantity * price
    expected = shipping_fee_for(subtotal, fee, threshold)
    assert (o.subtotal, o.shipping_fee, o.total, o.shipping_method_fee) == (
        subtotal, expected, subtotal + expected, fee)
    if threshold is not None:
        assert expected == (0 if subtotal >= threshold else fee)


# --- migration 3 -------------------------------------------------------------------------


def test_migration_3_on_a_version_2_database(tmp_path):
    path = tmp_path / "old.db"
    old = connect("sqlite:///" + str(path), migrate=False)
    with old.bind_ctx([migrations.SchemaVersion]):
        old.create_tables([migrations.SchemaVersion])
        migrations.MIGRATIONS[1](old)
        migrations.MIGRATIONS[2](old)
        migrations.SchemaVersion.create(version=2, migrated_at=AT)
    for title, archived in [("ATM", 0), ("ATM", 0), ("ATM", 0), ("ATM (2)", 0), ("卡", 0), ("卡", 1)]:
        PaymentMethod.create(title=title, archived=bool(archived))
    store = Store.create(name="s")
    ship = ShippingMethod.create(title="宅配", fee=100)
    place_order(store_id=store.id, buyer=Buyer("王"), items=[Item("x", 1, 10)],
                payment_method_id=2, shipping_method_id=ship.id, operator=OP,
                order_no="O2024060100001")  # its own number: no counter table before step 12

    assert migrations.migrate_to_latest(old) == [n for n in sorted(migrations.MIGRATIONS) if n >= 3]
    assert (tmp_path / "old.db.v2.bak").exists()
    assert [(p.title, p.archived) for p in PaymentMethod.select().order_by(PaymentMethod.id)] == [
        ("ATM", False), ("ATM (3)", False), ("ATM (4)", False), ("ATM (2)", False), ("卡", False),
        ("卡", True),
    ]
    renames = svc.method_history("payment")
    assert [(h.method_id, h.action, h.before, h.after) for h in renames] == [
        (2, "edit", {"title": "ATM"}, {"title": "ATM (3)"}),
        (3, "edit", {"title": "ATM"}, {"title": "ATM (4)"}),
    ]
    assert Order.get_by_id(1).payment_method_name == "ATM"  # the order keeps its copy
    with pytest.raises(pw.IntegrityError):
        PaymentMethod.create(title="卡")
    old.close()
