"""Issue 12, items 3-5: convenience-store pickup as data (a pickup method's orders carry their
store; 修改取貨門市 before shipping, old and new in the history), carriers as data (a list kept
like the methods, each with its tracking page) and no-shows (a buyer whose earlier COD parcels
came back uncollected, counted by phone).  Run on the servers too (tests/server_actions)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from db_rows import history, order_row, snapshot

from app.domain.carriers import tracking_link
from app.domain.errors import StaleError, TransitionError, ValidationError
from app.domain.inputs import ShipInput
from app.domain.pickup import PickupStore
from app.models.tables import MethodHistory, PaymentMethod, ShippingMethod
from app.services import clerk_edits, methods, queries
from app.services import orders as svc
from app.services.orders import Buyer, Item

AT = datetime(2026, 11, 2, 2, 0)
STORE = PickupStore("123456", "鑫泰門市", "台北市大安區信義路三段 1 號")


@pytest.fixture
def seven(shop):
    return ShippingMethod.create(title="7-11 取貨", fee=60, free_threshold=999, position=3,
                                 pickup_chain="7-11")


def _place_pickup(shop, seven, store=STORE, phone="0912345678", payment=None):
    return svc.place_order(
        store_id=shop["store"].id, buyer=Buyer("王小明", phone, "", "", store),
        items=[Item("藍牙耳機", 1, 350)], payment_method_id=(payment or shop["atm"]).id,
        shipping_method_id=seven.id, operator="店員甲", order_date=AT).order_id


def test_a_pickup_order_carries_its_store_in_its_own_fields(shop, seven):
    o = order_row(_place_pickup(shop, seven))
    assert (o.pickup_store_code, o.pickup_store_name, o.pickup_store_address) == (
        STORE.code, STORE.name, STORE.address)
    assert o.delivery_address == ""
    detail = queries.order_detail(o.id)
    assert detail.pickup_store_name == "鑫泰門市"
    rows, _ = queries.fetch_orders(queries.OrderFilter(), limit=10)
    assert rows[0].pickup_store_code == "123456"


def test_a_pickup_order_without_a_store_is_refused_and_a_delivery_keeps_none(shop, seven, place):
    before = snapshot()
    with pytest.raises(ValidationError) as err:
        _place_pickup(shop, seven, store=None)
    assert err.value.field == "pickup_store_code"
    with pytest.raises(ValidationError) as err:
        _place_pickup(shop, seven, store=PickupStore("123456", "", ""))
    assert err.value.field == "pickup_store_name"
    assert snapshot() == before
    o = order_row(place())
    assert o.pickup_store_code is None and o.pickup_store_name is None


def test_the_clerk_changes_the_pickup_store_before_shipping_with_old_and_new_in_history(shop, seven):
    oid = _place_pickup(shop, seven)
    new = PickupStore("654321", "新門市", "新北市板橋區")
    ch = clerk_edits.edit_pickup_store(oid, new, operator="店員乙", expected_version=1)
    o = order_row(oid)
    assert (o.pickup_store_code, o.pickup_store_name, o.version) == ("654321", "新門市", 2)
    assert ch.order_from == ch.order_to == o.status
    h = history(oid)[-1]
    assert h.action == "EDIT_PICKUP_STORE" and h.operator == "店員乙"
    data = json.loads(h.input)
    assert data["pickup_store_code"] == {"old": "123456", "new": "654321"}
    with pytest.raises(StaleError):
        clerk_edits.edit_pickup_store(oid, STORE, operator="店員乙", expected_version=1)
    with pytest.raises(ValidationError):  # nothing changed
        clerk_edits.edit_pickup_store(oid, new, operator="店員乙")


def test_the_pickup_store_is_fixed_once_shipped_and_a_delivery_has_none(shop, seven, place):
    oid = _place_pickup(shop, seven)
    svc.record_payment_notice(oid, _notice(), operator="店員")
    svc.confirm_payment(oid, operator="店員")
    svc.ship(oid, ShipInput(date(2026, 11, 3), "7-ELEVEN 交貨便", "E1"), operator="店員",
             today=date(2026, 11, 3))
    with pytest.raises(TransitionError):
        clerk_edits.edit_pickup_store(oid, PickupStore("1", "x"), operator="店員")
    with pytest.raises(ValidationError):
        clerk_edits.edit_pickup_store(place(), PickupStore("1", "x"), operator="店員")


def _notice():
    from app.domain.inputs import PaymentNotice

    return PaymentNotice(date(2026, 11, 2), 410, "12345")


def test_a_shipping_method_is_marked_pickup_with_its_chain(shop):
    row = methods.add_shipping_method(
        methods.ShippingMethodInput("全家取貨", 60, 999, "", "family"), operator="店長")
    assert row.pickup_chain == "family" == ShippingMethod.get_by_id(row.id).pickup_chain
    with pytest.raises(ValidationError) as err:
        methods.add_shipping_method(methods.ShippingMethodInput("X", 60, None, "", "nope"),
                                    operator="店長")
    assert err.value.field == "pickup_chain"


def test_carriers_are_kept_like_methods_with_their_tracking_page(shop):
    row = methods.add_carrier(methods.CarrierInput(
        "測試物流", "https://track.example.com/?no={tracking_no}"), operator="店長")
    assert row.title in [c.title for c in methods.list_carriers()]
    edited = methods.edit_carrier(row.id, methods.CarrierInput(
        "測試物流", "https://track.example.com/t/{tracking_no}"), operator="店長",
        expected_version=row.version)
    assert edited.version == row.version + 1
    with pytest.raises(StaleError):
        methods.edit_carrier(row.id, methods.CarrierInput("測試物流", ""), operator="店長",
                             expected_version=row.version)
    with pytest.raises(ValidationError) as err:
        methods.add_carrier(methods.CarrierInput("壞網址", "ftp://x/{tracking_no}"), operator="店長")
    assert err.value.field == "tracking_url"
    with pytest.raises(ValidationError) as err:
        methods.add_carrier(methods.CarrierInput("沒有單號", "https://x.example.com/"), operator="店長")
    assert err.value.field == "tracking_url"
    kinds = {h.kind for h in MethodHistory.select().where(MethodHistory.method_id == row.id)}
    assert "carrier" in kinds
    assert [h.action for h in methods.method_history("carrier", row.id)] == ["add", "edit"]
    done = methods.delete_carriers([row.id], operator="店長")
    assert done.deleted == ("測試物流",)  # orders keep the name: nothing refers to it
    assert "測試物流" not in [c.title for c in methods.list_carriers(include_archived=True)]


def test_the_detail_links_the_tracking_number_to_its_carriers_page(shop, place):
    methods.add_carrier(methods.CarrierInput("連結物流", "https://t.example.com/?no={tracking_no}"),
                        operator="店長")
    oid = place(order_date=AT)
    svc.record_payment_notice(oid, _notice(), operator="店員")
    svc.confirm_payment(oid, operator="店員", shortfall_reason="測試")
    svc.ship(oid, ShipInput(date(2026, 11, 3), "連結物流", "AB 12/3"), operator="店員",
             today=date(2026, 11, 3))
    detail = queries.order_detail(oid)
    assert detail.tracking_url == "https://t.example.com/?no=AB%2012%2F3"
    rows, _ = queries.fetch_orders(queries.OrderFilter(), limit=10)
    assert rows[0].tracking_no == "AB 12/3" and rows[0].carrier == "連結物流"
    assert tracking_link("", "1") == "" and tracking_link("https://x/{tracking_no}", "") == ""


def test_no_shows_are_counted_by_phone_from_not_collected_parcels(shop):
    cod = PaymentMethod.create(title="貨到付款", position=3, refund_channel="cod")
    home = shop["home"]

    def cod_order(phone, hours):
        return svc.place_order(
            store_id=shop["store"].id, buyer=Buyer("林小華", phone, "", "台北市"),
            items=[Item("杯子", 1, 300)], payment_method_id=cod.id, shipping_method_id=home.id,
            operator="店員", order_date=AT + timedelta(hours=hours)).order_id

    for i in range(2):
        oid = cod_order("0911222333", i)
        svc.accept_order(oid, operator="店員")
        svc.ship(oid, ShipInput(date(2026, 11, 3), "黑貓宅急便", f"T{i}"), operator="店員",
                 today=date(2026, 11, 3))
        svc.not_collected(oid, "超過 7 天未取件", operator="店員")
    assert queries.no_show_counts(["0911222333", "0900000000", ""]) == {"0911222333": 2}
    assert queries.no_show_counts([]) == {}


def test_a_pickup_orders_recipient_is_corrected_without_a_delivery_address(shop, seven, place):
    from app.domain.clerk_edits import DeliveryInput

    oid = _place_pickup(shop, seven)
    clerk_edits.edit_delivery(oid, DeliveryInput("王大明", "0912345678", ""), operator="店員")
    assert order_row(oid).buyer_name == "王大明"
    with pytest.raises(ValidationError) as err:  # a delivery still needs its address
        clerk_edits.edit_delivery(place(), DeliveryInput("王大明", "0912345678", ""), operator="店員")
    assert err.value.field == "delivery_address"
