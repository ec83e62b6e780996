"""Issue 15, item 7: one maximum for money and for quantities, and text the database can
store, enforced by the services (every backend: ``tests/server/test_server_bounds.py`` runs
the service tests again on PostgreSQL and MariaDB), the import (field and row named) and the
dialogs (``tests/test_methods_pages.py``); a NUL in the search box is no error."""

from __future__ import annotations

from datetime import date

import pytest
from db_rows import refused
from test_import import OH, order_row, write_csv

from app.domain.bounds import MAX_AMOUNT, MAX_ITEMS, MAX_QUANTITY, check_text, storable
from app.domain.errors import ValidationError
from app.domain.inputs import PaymentNotice, ShipInput
from app.domain.money import parse_amount
from app.models.tables import Order, OrderItem
from app.services import importer as im
from app.services import methods as methods_svc
from app.services import orders as svc
from app.services.orders import Buyer, Item, place_order
from app.services.queries import OrderFilter, count_orders, order_query


def _place(shop, items, buyer=None, **kw):
    return place_order(store_id=shop["store"].id, buyer=buyer or Buyer("王小明"), items=items,
                       payment_method_id=shop["atm"].id, shipping_method_id=shop["post"].id,
                       operator="storefront", **kw)


def _refused(call, field: str) -> str:
    """``call()`` raises ``ValidationError`` on ``field`` and writes nothing; its message."""
    error = refused(ValidationError, call)
    assert error.field == field, error.message()
    return error.message()


# ---------------------------------------------------------------- the domain


def test_one_maximum_for_money_in_every_form():
    assert parse_amount(MAX_AMOUNT) == MAX_AMOUNT
    assert parse_amount(f"NT${MAX_AMOUNT:,}") == MAX_AMOUNT
    for too_much in (MAX_AMOUNT + 1, 10**20, "1" + "0" * 5000, str(10**20)):
        with pytest.raises(ValidationError, match="不能超過 NT\\$9,999,999,999"):
            parse_amount(too_much, "fee")


def test_text_checks_name_the_limit_and_the_character():
    assert check_text("王" * 100, "buyer_name", 100) == "王" * 100
    with pytest.raises(ValidationError) as err:
        check_text("王" * 101, "buyer_name", 100)
    assert err.value.message() == "最多 100 個字（這一欄的長度上限），這裡有 101 個字。"
    with pytest.raises(ValidationError, match="NUL 字元（第 2 個字）"):
        check_text("a\x00b", "note")
    with pytest.raises(ValidationError, match="第 3 個字是不成對的 Unicode 代理字元"):
        check_text("ab\ud800", "note")
    assert storable("O2024\x00\udfff05") == "O202405"


# ---------------------------------------------------------------- the services


def test_money_past_32_bits_is_stored_and_read_back(shop):
    """2^31 broke the servers' 32-bit columns; migration 12 made them 64-bit."""
    price = 2**31 + 7
    ch = _place(shop, [Item("金條", 1, price)])
    o = Order.get_by_id(ch.order_id)
    assert (o.subtotal, o.total) == (price, price + 65)
    assert OrderItem.get(OrderItem.order == ch.order_id).unit_price == price


def test_place_order_refuses_amounts_and_quantities_past_the_maximum(shop):
    assert "NT$9,999,999,999" in _refused(
        lambda: _place(shop, [Item("x", 1, MAX_AMOUNT + 1)]), "unit_price")
    assert "99,999" in _refused(lambda: _place(shop, [Item("x", MAX_QUANTITY + 1, 1)]), "quantity")
    _refused(lambda: _place(shop, [Item("x", 2, MAX_AMOUNT // 2 + 1)]), "unit_price")  # the line
    _refused(lambda: _place(shop, [Item("x", 1, MAX_AMOUNT)] * 2), "total")  # the order
    _refused(lambda: _place(shop, [Item("x", 10**30, 1)]), "quantity")


def test_an_order_holds_at_most_max_items_lines(shop):
    """A thousand lines fit one order (and one record of the import on MariaDB's packet); one
    more is refused by field, nothing written."""
    assert "1,000" in _refused(lambda: _place(shop, [Item("品" * 200, 1, 1, "規" * 200)] * (MAX_ITEMS + 1)),
                               "items")
    _refused(lambda: _place(shop, []), "items")
    placed = _place(shop, [Item("品" * 200, 1, 1, "規" * 200)] * MAX_ITEMS)
    assert OrderItem.select().where(OrderItem.order == placed.order_id).count() == MAX_ITEMS


def test_the_import_refuses_an_order_of_more_than_max_items_rows(shop, tmp_path):
    """The order's first row is named, by 商品; its other rows too (the order is not imported);
    the orders beside it are."""
    rows = [order_row("G1"), order_row("BIG", product="第一項")]
    rows += [order_row("BIG", date="", store="", pay="", ship="", buyer="", product="再一項")] * MAX_ITEMS
    rows.append(order_row("G2"))
    plan = im.check_file(write_csv(tmp_path / "orders.csv", OH, rows))
    assert (3, "商品", "一筆訂單最多 1,000 項商品。") == (plan.bad[0].row, plan.bad[0].column, plan.bad[0].message())
    assert len(plan.bad) == MAX_ITEMS + 1 and {b.row for b in plan.bad} == set(range(3, MAX_ITEMS + 4))
    assert [o.order_no for o in plan.orders] == ["G1", "G2"]


@pytest.mark.parametrize("buyer, items, field, limit", [
    (Buyer("王" * 101), [Item("x", 1, 1)], "buyer_name", 100),
    (Buyer("王", "", "a" * 201), [Item("x", 1, 1)], "buyer_email", 200),
    (Buyer("王", "", "", "路" * 301), [Item("x", 1, 1)], "delivery_address", 300),
    (Buyer("王"), [Item("品" * 201, 1, 1)], "product", 200),
    (Buyer("王"), [Item("x", 1, 1, "規" * 201)], "options", 200),
])
def test_place_order_names_the_column_and_its_limit(shop, buyer, items, field, limit):
    assert f"最多 {limit} 個字" in _refused(lambda: _place(shop, items, buyer), field)


@pytest.mark.parametrize("bad", ["\x00", "\ud83d"])
def test_place_order_refuses_nul_and_lone_surrogates_by_field(shop, bad):
    _refused(lambda: _place(shop, [Item("x", 1, 1)], Buyer(f"王{bad}")), "buyer_name")
    _refused(lambda: _place(shop, [Item("x", 1, 1, f"黑{bad}")]), "options")
    _refused(lambda: _place(shop, [Item("x", 1, 1)], order_no=f"O{bad}1"), "order_no")
    _refused(lambda: _place(shop, [Item("x", 1, 1)], order_no="O" * 33), "order_no")


def test_the_order_actions_check_what_they_write(shop, place):
    oid = place()
    _refused(lambda: svc.record_payment_notice(
        oid, PaymentNotice(date.today(), MAX_AMOUNT + 1, "12345"), operator="甲"), "amount")
    _refused(lambda: svc.record_payment_notice(
        oid, PaymentNotice(date.today(), 820, "12345", "備\x00註"), operator="甲"), "note")
    svc.record_payment_notice(oid, PaymentNotice(date.today(), 820, "12345"), operator="甲")
    svc.confirm_payment(oid, operator="甲")
    _refused(lambda: svc.ship(oid, ShipInput(date.today(), "黑貓" * 60, "123"), operator="甲"),
             "carrier")
    # named as the 缺貨 dialog names its field (the column, out_of_stock_reason, before the
    # reason was checked with every free text: bounds.MAX_TEXT)
    _refused(lambda: svc.mark_out_of_stock(oid, "缺\x00貨", operator="甲"), "reason")
    _refused(lambda: svc.ship(oid, ShipInput(date.today(), "黑貓", "1"), operator="甲" * 101),
             "operator")


def test_method_texts_and_money(shop):
    _refused(lambda: methods_svc.add_payment_method(
        methods_svc.PaymentMethodInput("現金", "說\x00明"), operator="甲"), "description")
    _refused(lambda: methods_svc.edit_shipping_method(
        shop["home"].id, methods_svc.ShippingMethodInput("宅配", MAX_AMOUNT + 1), operator="甲"), "fee")


@pytest.mark.parametrize("search", ["\x00", "王\x00", "O2024\x00", "\ud800", "0912\x00"])
def test_a_nul_in_the_search_box_is_no_error(shop, place, search):
    place()
    flt = OrderFilter(search=search)
    list(order_query(flt).limit(5))
    assert sum(count_orders(flt).values()) >= 0


# ---------------------------------------------------------------- the import


def test_the_import_names_the_row_and_column_of_each_bound(shop, tmp_path):
    rows = [
        order_row("G1"),                                       # 2 good
        order_row("B1", options="規" * 201),                    # 3 規格 too long
        order_row("B2", product="藍\x00牙"),                    # 4 NUL
        order_row("B3", buyer="王" * 101),                      # 5 too long
        order_row("B4", price=MAX_AMOUNT + 1),                  # 6 price past the maximum
        order_row("B5", qty=MAX_QUANTITY + 1),                  # 7 quantity past the maximum
        order_row("B6", qty=2, price=MAX_AMOUNT // 2 + 1),      # 8 the line's total
        order_row("B7", price=MAX_AMOUNT // 2 + 1),             # 9 two lines: the order's total
        order_row("B7", price=MAX_AMOUNT // 2 + 1),             # 10
        order_row("B8", price=2**31 + 1),                       # 11 good: 64-bit money
        order_row("B\x009"),                                   # 12 NUL in the order number
    ]
    plan = im.check_file(write_csv(tmp_path / "orders.csv", OH, rows))
    limit = "金額不能超過 NT$9,999,999,999。"
    assert sorted((b.row, b.column, b.message()) for b in plan.bad) == [
        (3, "規格", "最多 200 個字（這一欄的長度上限），這裡有 201 個字。"),
        (4, "商品", "含有無法儲存的 NUL 字元（第 2 個字），請刪除後再試。"),
        (5, "訂購人", "不能超過 100 個字元。"),
        (6, "單價", limit),
        (7, "數量", "數量不能超過 99,999。"),
        (8, "單價", limit),  # the line's total
        (9, "單價", limit),  # the order's total
        (10, "", "訂單 B7 的其他列有錯誤，整筆訂單不匯入。"),
        (12, "訂單編號", "含有無法儲存的 NUL 字元（第 2 個字），請刪除後再試。"),
    ]
    assert [o.order_no for o in plan.orders] == ["G1", "B8"]
    im.apply_import(plan, operator="import")
    assert Order.get(Order.order_no == "B8").subtotal == 2**31 + 1
