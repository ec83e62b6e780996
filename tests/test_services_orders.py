"""The order actions of docs/PRODUCT.md §3 and placing an order, checked on the database rows.

Every action: the order row after, the history record it appended, the ``Change`` it returned.
Every refusal (bad input, wrong status, stale version, no operator): the error, and nothing
written — the whole database is compared before and after.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from db_rows import drive_order, history, order_row, replay, snapshot

from app.domain.errors import NotFoundError, StaleError, TransitionError, ValidationError
from app.domain.inputs import PaymentNotice as Notice
from app.domain.inputs import Remittance, ShipInput
from app.domain.statuses import OrderAction, OrderStatus
from app.models.db import database
from app.models.tables import (
    Order,
    OrderItem,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
)
from app.services import orders as svc
from app.services import shop_clock, writes
from app.services.common import order_state, write_step
from app.services.orders import Buyer, Item

S = OrderStatus
A = OrderAction

ORDER_AT = datetime(2024, 5, 1, 2, 0, 0)  # naive UTC, as every timestamp column holds


def T(hours: float) -> datetime:  # noqa: N802 - a clock, read as "time + n hours"
    return ORDER_AT + timedelta(hours=hours)


NOTICE = Notice(date(2024, 5, 1), 820, "12345", "晚上轉帳")
SHIPMENT = ShipInput(date(2024, 5, 3), "黑貓宅急便", "TW-0001")
REMIT = Remittance("812", "台北分行", "123456789012", "王小明")

#: The dates above are chosen for a desktop on UTC; the local-time tests say otherwise.
pytestmark = pytest.mark.usefixtures("desktop_in_utc")


# --- helpers -----------------------------------------------------------------------------


@pytest.fixture
def placed(place):
    """An UNPAID order placed at ORDER_AT: 2 x 350 + 120 shipping = 820."""
    return place(order_date=ORDER_AT)


def drive(order_id: int, target: OrderStatus, *, operator: str = "店員甲") -> int:
    """Take a freshly placed order to ``target`` through the services."""
    return drive_order(order_id, target, at=T, notice=NOTICE, shipment=SHIPMENT, operator=operator)


# The plain order actions, each as (action, call(order_id, **kw)).
ACTIONS = {
    A.RECORD_PAYMENT: lambda oid, **kw: svc.record_payment_notice(oid, NOTICE, **kw),
    A.CONFIRM_PAYMENT: lambda oid, **kw: svc.confirm_payment(oid, **kw),
    A.SHIP: lambda oid, **kw: svc.ship(oid, SHIPMENT, **kw),
    A.OUT_OF_STOCK: lambda oid, **kw: svc.mark_out_of_stock(oid, "缺貨", **kw),
    A.BACK_TO_AWAITING: lambda oid, **kw: svc.back_to_awaiting_shipment(oid, **kw),
}
FROM = {
    A.RECORD_PAYMENT: S.UNPAID,
    A.CONFIRM_PAYMENT: S.PAID,
    A.SHIP: S.AWAITING_SHIPMENT,
    A.OUT_OF_STOCK: S.AWAITING_SHIPMENT,
    A.BACK_TO_AWAITING: S.OUT_OF_STOCK,
}
TO = {
    A.RECORD_PAYMENT: S.PAID,
    A.CONFIRM_PAYMENT: S.AWAITING_SHIPMENT,
    A.SHIP: S.COMPLETED,
    A.OUT_OF_STOCK: S.OUT_OF_STOCK,
    A.BACK_TO_AWAITING: S.AWAITING_SHIPMENT,
}


# --- place_order -------------------------------------------------------------------------


def test_place_order_writes_the_order_its_items_and_its_first_history_record(shop):
    ch = svc.place_order(
        store_id=shop["store"].id,
        buyer=Buyer(" 王小明 ", " 0912345678 ", " a@example.com ", " 台北市信義路 "),
        items=[Item(" 藍牙耳機 ", 2, 350, "黑色"), Item("充電線", 1, 99)],
        payment_method_id=shop["atm"].id,
        shipping_method_id=shop["home"].id,
        operator=" 店員甲 ",
        order_date=ORDER_AT,
    )
    o = order_row(ch.order_id)
    assert o.order_no == "O2024050100001"
    assert o.status == S.UNPAID and o.version == 1
    assert o.order_date == ORDER_AT
    assert (o.buyer_name, o.buyer_phone, o.buyer_email, o.delivery_address) == (
        "王小明", "0912345678", "a@example.com", "台北市信義路")
    assert o.store_id == shop["store"].id
    assert (o.payment_method_id, o.payment_method_name) == (shop["atm"].id, "ATM 轉帳")
    assert (o.shipping_method_id, o.shipping_method_name, o.shipping_method_fee) == (
        shop["home"].id, "宅配", 120)
    assert (o.subtotal, o.shipping_fee, o.total) == (799, 120, 919)
    assert o.ship_date is None and o.status_before_cancel is None
    assert (o.updated_by, o.updated_at) == ("店員甲", ORDER_AT)

    items = list(OrderItem.select().where(OrderItem.order == o.id).order_by(OrderItem.id))
    assert [(i.product, i.options, i.quantity, i.unit_price, i.line_total) for i in items] == [
        ("藍牙耳機", "黑色", 2, 350, 700), ("充電線", "", 1, 99, 99)]

    (h,) = history(o.id)
    assert (h.machine, h.from_status, h.to_status, h.action, h.operator, h.at) == (
        "order", None, "UNPAID", "PLACE", "店員甲", ORDER_AT)
    assert h.cancellation_id is None
    assert h.input_data == {"subtotal": 799, "shipping_fee": 120, "total": 919}

    assert ch.order_no == "O2024050100001"
    assert (ch.order_from, ch.order_to, ch.order_version) == (None, "UNPAID", 1)
    assert ch.history_ids == (h.id,)
    assert ch.order_statuses == {"UNPAID"}
    assert ch.cancel_statuses == frozenset()


def test_order_numbers_run_on_within_the_day_and_restart_the_next(place):
    a = order_row(place(order_date=ORDER_AT)).order_no
    b = order_row(place(order_date=T(3))).order_no
    c = order_row(place(order_date=ORDER_AT + timedelta(days=1))).order_no
    assert (a, b, c) == ("O2024050100001", "O2024050100002", "O2024050200001")


@pytest.mark.parametrize(
    ("unit_price", "shipping", "fee"),
    [
        (999, "home", 120),   # one below the threshold of 1000
        (1000, "home", 0),    # reaches it: free
        (1001, "home", 0),    # above it
        (5000, "post", 65),   # no threshold: never free
        (0, "post", 65),
    ],
)
def test_place_order_free_shipping_rule(shop, place, unit_price, shipping, fee):
    oid = place(total_items=(("商品", 1, unit_price),), shipping=shop[shipping])
    o = order_row(oid)
    assert (o.subtotal, o.shipping_fee, o.total) == (unit_price, fee, unit_price + fee)
    assert o.shipping_method_fee == shop[shipping].fee
    assert history(oid)[0].input_data == {"subtotal": unit_price, "shipping_fee": fee,
                                          "total": unit_price + fee}


def test_the_order_keeps_the_method_names_it_was_placed_with(shop, placed):
    PaymentMethod.update(title="改名的 ATM").where(PaymentMethod.id == shop["atm"].id).execute()
    ShippingMethod.update(title="改名的宅配", fee=999).where(
        ShippingMethod.id == shop["home"].id).execute()
    o = order_row(placed)
    assert (o.payment_method_name, o.shipping_method_name, o.shipping_method_fee, o.shipping_fee) == (
        "ATM 轉帳", "宅配", 120, 120)


def _place_kw(shop, **kw):
    base = dict(
        store_id=shop["store"].id,
        buyer=Buyer("王小明"),
        items=[Item("藍牙耳機", 1, 100)],
        payment_method_id=shop["atm"].id,
        shipping_method_id=shop["home"].id,
        operator="店員甲",
        order_date=ORDER_AT,
    )
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (dict(operator="  "), "operator"),
        (dict(operator=None), "operator"),
        (dict(buyer=Buyer("  ")), "buyer_name"),
        (dict(items=[]), "items"),
        (dict(items=[Item("  ", 1, 100)]), "product"),
        (dict(items=[Item("x", 0, 100)]), "quantity"),
        (dict(items=[Item("x", -1, 100)]), "quantity"),
        (dict(items=[Item("x", 1.5, 100)]), "quantity"),
        (dict(items=[Item("x", 1, -1)]), "unit_price"),
        (dict(items=[Item("x", 1, 9.5)]), "unit_price"),
        (dict(store_id=9999), "store"),
        (dict(payment_method_id=9999), "payment_method"),
        (dict(shipping_method_id=9999), "shipping_method"),
        # A phone with more than a number in it (its digits would be another number).
        (dict(buyer=Buyer("王小明", "call me maybe")), "buyer_phone"),
        (dict(buyer=Buyer("王小明", "02-2345-6789 #123")), "buyer_phone"),
        (dict(buyer=Buyer("王小明", "0912345678 / 0922333444")), "buyer_phone"),
        # An order from the future could never be paid nor shipped.
        (dict(order_date=datetime.now(UTC) + timedelta(days=2)), "order_date"),
    ],
)
def test_place_order_refuses_bad_input_and_writes_nothing(shop, change, field):
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        svc.place_order(**_place_kw(shop, **change))
    assert excinfo.value.field == field
    assert snapshot() == before


def test_place_order_names_what_is_wrong_with_a_unit_price(shop):
    """A price with cents is not "negative" (it said so)."""
    for price, text in ((9.5, "單價必須是整數元。"), ("abc", "單價必須是整數元。"), (-1, "單價不能是負數。")):
        with pytest.raises(ValidationError) as excinfo:
            svc.place_order(**_place_kw(shop, items=[Item("x", 1, price)]))
        assert excinfo.value.message() == text


def test_place_order_keeps_a_phone_typed_full_width_as_its_digits(shop):
    """A Chinese input method types digits full-width: the phone is kept as the digits a
    search finds, as the same number typed half-width is."""
    ch = svc.place_order(**_place_kw(shop, buyer=Buyer("王小明", "０９１２－３４５－６７８")))
    assert order_row(ch.order_id).buyer_phone == "0912345678"
    ch = svc.place_order(**_place_kw(shop, buyer=Buyer("王小明", "＋886 912 555 666"),
                                     order_date=datetime.now(UTC) + timedelta(minutes=5)))
    assert order_row(ch.order_id).buyer_phone == "+886912555666"  # a storefront's clock a bit ahead


@pytest.mark.parametrize("which", ["payment", "shipping"])
def test_place_order_refuses_an_archived_method(shop, which):
    if which == "payment":
        PaymentMethod.update(archived=True).where(PaymentMethod.id == shop["atm"].id).execute()
    else:
        ShippingMethod.update(archived=True).where(ShippingMethod.id == shop["home"].id).execute()
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        svc.place_order(**_place_kw(shop))
    assert excinfo.value.field == f"{which}_method"
    assert snapshot() == before
    assert Order.select().count() == 0


def test_place_order_refuses_a_duplicate_order_no(shop):
    svc.place_order(**_place_kw(shop, order_no="WEB-1"))
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        svc.place_order(**_place_kw(shop, order_no="WEB-1"))
    assert excinfo.value.field == "order_no"
    assert "WEB-1" in str(excinfo.value)
    assert snapshot() == before
    assert Order.select().count() == 1


def test_place_order_stores_an_aware_time_as_utc(shop):
    taipei = timezone(timedelta(hours=8))
    ch = svc.place_order(**_place_kw(shop, order_date=datetime(2024, 5, 1, 10, 0, tzinfo=taipei)))
    o = order_row(ch.order_id)
    assert o.order_date == datetime(2024, 5, 1, 2, 0)
    assert history(o.id)[0].at == datetime(2024, 5, 1, 2, 0)


def test_place_order_without_a_date_uses_the_clock(shop):
    before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    ch = svc.place_order(**_place_kw(shop, order_date=None))
    after = datetime.now(UTC).replace(tzinfo=None)
    o = order_row(ch.order_id)
    assert before <= o.order_date <= after
    assert o.order_no.startswith(f"O{shop_clock.local_date(o.order_date):%Y%m%d}")  # the shop's day


# --- each action, on the rows ------------------------------------------------------------


def test_record_payment_notice(placed):
    ch = svc.record_payment_notice(
        placed, Notice(date(2024, 5, 2), 820, " 54321 ", " 晚上轉 "), operator="店員乙", now=T(5))
    o = order_row(placed)
    assert (o.status, o.version, o.updated_by, o.updated_at) == ("PAID", 2, "店員乙", T(5))
    (n,) = PaymentNotice.select().where(PaymentNotice.order == placed)
    assert (n.transfer_date, n.amount, n.account_last5, n.note, n.recorded_at, n.recorded_by) == (
        date(2024, 5, 2), 820, "54321", "晚上轉", T(5), "店員乙")
    h = history(placed)[-1]
    assert (h.machine, h.from_status, h.to_status, h.action, h.operator, h.at) == (
        "order", "UNPAID", "PAID", "RECORD_PAYMENT", "店員乙", T(5))
    assert h.input_data == {"transfer_date": "2024-05-02", "amount": 820, "account_last5": "54321",
                            "note": "晚上轉"}
    assert (ch.order_id, ch.order_from, ch.order_to, ch.order_version, ch.history_ids) == (
        placed, "UNPAID", "PAID", 2, (h.id,))


def test_record_payment_notice_operator_is_stored_stripped(placed):
    svc.record_payment_notice(placed, NOTICE, operator="  店員乙  ", now=T(1))
    assert PaymentNotice.get(PaymentNotice.order == placed).recorded_by == "店員乙"
    assert history(placed)[-1].operator == "店員乙"
    assert order_row(placed).updated_by == "店員乙"


def test_confirm_payment(placed):
    drive(placed, S.PAID)
    ch = svc.confirm_payment(placed, operator="店員乙", expected_version=2, now=T(100))
    o = order_row(placed)
    assert (o.status, o.version, o.updated_by, o.updated_at) == ("AWAITING_SHIPMENT", 3, "店員乙", T(100))
    h = history(placed)[-1]
    assert (h.from_status, h.to_status, h.action, h.operator) == (
        "PAID", "AWAITING_SHIPMENT", "CONFIRM_PAYMENT", "店員乙")
    assert h.input_data == {"total": 820, "notice_amount": 820, "confirmed_amount": 820}
    assert o.confirmed_amount == 820
    assert (ch.order_from, ch.order_to, ch.order_version, ch.history_ids) == (
        "PAID", "AWAITING_SHIPMENT", 3, (h.id,))


def test_ship(placed):
    drive(placed, S.AWAITING_SHIPMENT)
    ch = svc.ship(placed, ShipInput(date(2024, 5, 3), " 黑貓 ", " TW-9 "), operator="店員乙",
                  now=T(50))
    o = order_row(placed)
    assert (o.status, o.version, o.ship_date, o.carrier, o.tracking_no) == (
        "COMPLETED", 4, date(2024, 5, 3), "黑貓", "TW-9")
    h = history(placed)[-1]
    assert (h.from_status, h.to_status, h.action, h.operator, h.at) == (
        "AWAITING_SHIPMENT", "COMPLETED", "SHIP", "店員乙", T(50))
    assert h.input_data == {"ship_date": "2024-05-03", "carrier": "黑貓", "tracking_no": "TW-9"}
    assert (ch.order_from, ch.order_to, ch.order_version) == ("AWAITING_SHIPMENT", "COMPLETED", 4)


def test_mark_out_of_stock_and_back(placed):
    drive(placed, S.AWAITING_SHIPMENT)
    ch = svc.mark_out_of_stock(placed, "  廠商缺貨  ", operator="店員乙", now=T(100))
    o = order_row(placed)
    assert (o.status, o.version, o.out_of_stock_reason) == ("OUT_OF_STOCK", 4, "廠商缺貨")
    h = history(placed)[-1]
    assert (h.from_status, h.to_status, h.action, h.input_data) == (
        "AWAITING_SHIPMENT", "OUT_OF_STOCK", "OUT_OF_STOCK", {"reason": "廠商缺貨"})
    assert (ch.order_from, ch.order_to, ch.order_version) == ("AWAITING_SHIPMENT", "OUT_OF_STOCK", 4)

    ch = svc.back_to_awaiting_shipment(placed, operator="店員丙", expected_version=4, now=T(101))
    o = order_row(placed)
    assert (o.status, o.version, o.updated_by) == ("AWAITING_SHIPMENT", 5, "店員丙")
    h = history(placed)[-1]
    assert (h.from_status, h.to_status, h.action, h.operator, h.input_data) == (
        "OUT_OF_STOCK", "AWAITING_SHIPMENT", "BACK_TO_AWAITING", "店員丙", {})
    assert (ch.order_from, ch.order_to, ch.order_version) == ("OUT_OF_STOCK", "AWAITING_SHIPMENT", 5)
    assert replay(placed) == S.AWAITING_SHIPMENT


def test_the_whole_happy_path_replays(placed):
    drive(placed, S.COMPLETED)
    rows = history(placed)
    assert [(r.from_status, r.to_status, r.action) for r in rows] == [
        (None, "UNPAID", "PLACE"),
        ("UNPAID", "PAID", "RECORD_PAYMENT"),
        ("PAID", "AWAITING_SHIPMENT", "CONFIRM_PAYMENT"),
        ("AWAITING_SHIPMENT", "COMPLETED", "SHIP"),
    ]
    assert [r.version for r in [order_row(placed)]] == [4]
    assert replay(placed) == S.COMPLETED


# --- refusals: wrong status --------------------------------------------------------------

REFUSED = [
    (action, status)
    for action in ACTIONS
    for status in OrderStatus
    # IN_DELIVERY is a cash-on-delivery order's (tests/test_services_cod.py)
    if status not in (FROM[action], S.IN_DELIVERY)
]


@pytest.mark.parametrize(("action", "status"), REFUSED, ids=lambda v: v.value)
def test_an_action_the_status_does_not_allow_is_refused_and_writes_nothing(placed, action, status):
    drive(placed, status)
    before = snapshot()
    with pytest.raises(TransitionError) as excinfo:
        ACTIONS[action](placed, operator="店員乙", now=T(99))
    assert status.label in str(excinfo.value)
    assert action.label in str(excinfo.value)
    assert snapshot() == before


@pytest.mark.parametrize("action", list(ACTIONS), ids=lambda v: v.value)
def test_each_action_from_its_own_status_moves_exactly_one_step(placed, action):
    drive(placed, FROM[action])
    n = len(history(placed))
    v = order_row(placed).version
    ch = ACTIONS[action](placed, operator="店員乙", expected_version=v, now=T(99))
    assert order_row(placed).status == TO[action] == ch.order_to
    assert order_row(placed).version == v + 1 == ch.order_version
    assert len(history(placed)) == n + 1
    assert replay(placed) == TO[action]


# --- refusals: stale version -------------------------------------------------------------


@pytest.mark.parametrize("action", list(ACTIONS), ids=lambda v: v.value)
def test_a_stale_version_is_refused_naming_who_and_when(placed, action):
    drive(placed, FROM[action], operator="店員乙")
    o = order_row(placed)
    before = snapshot()
    with pytest.raises(StaleError) as excinfo:
        ACTIONS[action](placed, operator="店員甲", expected_version=o.version - 1, now=T(99))
    err = excinfo.value
    assert err.changed_by == o.updated_by
    assert err.changed_at == o.updated_at
    assert err.number == o.order_no
    text = str(err)
    assert o.order_no in text and o.updated_by in text
    assert o.updated_at.strftime("%Y-%m-%d %H:%M:%S") in text
    assert snapshot() == before


def test_stale_error_names_the_other_clerk(placed):
    drive(placed, S.PAID)
    seen = order_row(placed).version  # both clerks' screens show version 2
    svc.confirm_payment(placed, operator="店員乙", expected_version=seen, now=T(100))
    before = snapshot()
    with pytest.raises(StaleError) as excinfo:
        svc.confirm_payment(placed, operator="店員甲", expected_version=seen, now=T(101))
    assert excinfo.value.changed_by == "店員乙"
    assert excinfo.value.changed_at == T(100)
    assert "店員乙" in str(excinfo.value)
    assert T(100).strftime("%Y-%m-%d %H:%M:%S") in str(excinfo.value)
    assert snapshot() == before


def test_a_future_version_is_stale_too(placed):
    before = snapshot()
    with pytest.raises(StaleError):
        svc.record_payment_notice(placed, NOTICE, operator="店員甲", expected_version=2)
    assert snapshot() == before


def test_the_write_is_conditional_on_status_and_version(placed):
    stale = order_row(placed)  # what a screen loaded
    svc.record_payment_notice(placed, NOTICE, operator="店員乙", now=T(1))
    before = snapshot()
    with pytest.raises(StaleError) as excinfo, database.atomic():
        write_step(writes.order_step(order_state(stale), OrderAction.RECORD_PAYMENT, NOTICE,
                                     operator="店員甲", at=T(2)), stale)
    assert excinfo.value.changed_by == "店員乙"
    assert snapshot() == before


def test_two_clerks_at_once_exactly_one_succeeds(db, placed):
    drive(placed, S.PAID)
    seen = order_row(placed).version
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def clerk(name):
        try:
            barrier.wait()
            results[name] = svc.confirm_payment(placed, operator=name, expected_version=seen)
        except Exception as e:  # noqa: BLE001 - recorded for the assertions below
            results[name] = e
        finally:
            if not database.is_closed():
                database.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in ("店員甲", "店員乙")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    wins = [n for n, r in results.items() if not isinstance(r, Exception)]
    losses = [r for r in results.values() if isinstance(r, Exception)]
    assert len(wins) == 1, results
    assert len(losses) == 1 and isinstance(losses[0], StaleError), results
    assert losses[0].changed_by == wins[0]
    o = order_row(placed)
    assert (o.status, o.version, o.updated_by) == ("AWAITING_SHIPMENT", seen + 1, wins[0])
    assert [h.action for h in history(placed)].count("CONFIRM_PAYMENT") == 1


# --- refusals: bad input, no operator, no order ------------------------------------------


@pytest.mark.parametrize("action", list(ACTIONS), ids=lambda v: v.value)
@pytest.mark.parametrize("operator", ["", "   ", None])
def test_an_empty_operator_is_refused(placed, action, operator):
    drive(placed, FROM[action])
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        ACTIONS[action](placed, operator=operator, now=T(99))
    assert excinfo.value.field == "operator"
    assert snapshot() == before


@pytest.mark.parametrize(
    ("notice", "field"),
    [
        (Notice(date(2024, 5, 1), 820, "1234"), "account_last5"),
        (Notice(date(2024, 5, 1), 820, "12a45"), "account_last5"),
        (Notice(date(2024, 5, 1), 0, "12345"), "amount"),
        (Notice(None, 820, "12345"), "transfer_date"),
        (Notice(date(2024, 4, 30), 820, "12345"), "transfer_date"),  # before the order date
    ],
)
def test_record_payment_notice_bad_input(placed, notice, field):
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        svc.record_payment_notice(placed, notice, operator="店員甲", now=T(1))
    assert excinfo.value.field == field
    assert snapshot() == before


@pytest.mark.parametrize(
    ("shipment", "field"),
    [
        (ShipInput(date(2024, 5, 3), "", "TW-1"), "carrier"),
        (ShipInput(date(2024, 5, 3), "黑貓", "  "), "tracking_no"),
        (ShipInput(None, "黑貓", "TW-1"), "ship_date"),
        (ShipInput(date(2024, 4, 30), "黑貓", "TW-1"), "ship_date"),  # before the order
        (ShipInput(date(2024, 5, 6), "黑貓", "TW-1"), "ship_date"),  # after "today"
    ],
)
def test_ship_bad_input(placed, shipment, field):
    drive(placed, S.AWAITING_SHIPMENT)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        svc.ship(placed, shipment, operator="店員甲", now=T(80))  # T(80) is 2024-05-04
    assert excinfo.value.field == field
    assert snapshot() == before


def test_ship_explicit_today(placed):
    drive(placed, S.AWAITING_SHIPMENT)
    with pytest.raises(ValidationError):
        svc.ship(placed, SHIPMENT, operator="店員甲", today=date(2024, 5, 2))
    svc.ship(placed, SHIPMENT, operator="店員甲", today=date(2024, 5, 3))
    assert order_row(placed).ship_date == date(2024, 5, 3)


@pytest.fixture
def taipei_clock(monkeypatch):
    """The clerk's desktop and the shop run on Taiwan time (``desktop_in_utc`` restores it)."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    monkeypatch.setattr(shop_clock, "shop_zone", lambda: ZoneInfo("Asia/Taipei"))
    monkeypatch.setenv("TZ", "Asia/Taipei")
    time.tzset()


def test_ship_today_is_the_clerks_calendar_day(taipei_clock, place):
    # Placed 2024-05-01 20:00 Taiwan time; shipped 2024-05-02 07:30 Taiwan time, which is
    # still 2024-05-01 in UTC.  The clerk's "today" is the 2nd.
    oid = place(order_date=datetime(2024, 5, 1, 12, 0))
    svc.record_payment_notice(oid, Notice(date(2024, 5, 1), 820, "12345"), operator="店員甲",
                              now=datetime(2024, 5, 1, 13, 0))
    svc.confirm_payment(oid, operator="店員甲", now=datetime(2024, 5, 1, 14, 0))
    svc.ship(oid, ShipInput(date(2024, 5, 2), "黑貓", "TW-1"), operator="店員甲",
             now=datetime(2024, 5, 1, 23, 30))
    assert order_row(oid).status == "COMPLETED"


def test_ship_order_date_is_the_clerks_calendar_day(taipei_clock, place):
    # Placed 2024-05-02 04:00 Taiwan time (2024-05-01 20:00 UTC): a ship date of the 1st is
    # before the order.
    oid = place(order_date=datetime(2024, 5, 1, 20, 0))
    svc.record_payment_notice(oid, Notice(date(2024, 5, 2), 820, "12345"), operator="店員甲",
                              now=datetime(2024, 5, 1, 21, 0))
    svc.confirm_payment(oid, operator="店員甲", now=datetime(2024, 5, 1, 22, 0))
    with pytest.raises(ValidationError) as excinfo:
        svc.ship(oid, ShipInput(date(2024, 5, 1), "黑貓", "TW-1"), operator="店員甲",
                 now=datetime(2024, 5, 3, 0, 0))
    assert excinfo.value.field == "ship_date"


def test_payment_notice_same_local_day_as_the_order(taipei_clock, place):
    # Placed 2024-05-02 04:00 Taiwan time; paid the same morning.
    oid = place(order_date=datetime(2024, 5, 1, 20, 0))
    svc.record_payment_notice(oid, Notice(date(2024, 5, 2), 820, "12345"), operator="店員甲",
                              now=datetime(2024, 5, 1, 21, 0))
    assert order_row(oid).status == "PAID"


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_out_of_stock_reason_required(placed, reason):
    drive(placed, S.AWAITING_SHIPMENT)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        svc.mark_out_of_stock(placed, reason, operator="店員甲")
    assert excinfo.value.field == "reason"
    assert snapshot() == before


@pytest.mark.parametrize("action", list(ACTIONS), ids=lambda v: v.value)
def test_an_unknown_order_is_not_found(db, action):
    with pytest.raises(NotFoundError):
        ACTIONS[action](424242, operator="店員甲", now=T(1))


def test_the_same_action_twice_is_refused_the_second_time(placed):
    svc.record_payment_notice(placed, NOTICE, operator="店員甲", now=T(1))
    before = snapshot()
    with pytest.raises(TransitionError):
        svc.record_payment_notice(placed, NOTICE, operator="店員甲", now=T(2))
    assert snapshot() == before
    assert PaymentNotice.select().count() == 1


def test_history_records_are_in_time_order_and_replay_for_many_orders(place):
    statuses = [s for s in OrderStatus if s is not S.IN_DELIVERY]  # a COD order's: test_services_cod.py
    ids = [drive(place(order_date=ORDER_AT), s) for s in statuses]
    for oid, status in zip(ids, statuses, strict=True):
        assert replay(oid) == status == order_row(oid).status
        ats = [h.at for h in history(oid)]
        assert ats == sorted(ats)
