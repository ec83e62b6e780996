"""Searches find what the clerk typed, whatever characters it holds; numbers follow the
shop's local day; a rejected request owes nothing."""

from datetime import datetime

import pytest

from app.domain.inputs import CancellationInput
from app.domain.tabs import CancelTab, OrderTab
from app.models.tables import CancellationRequest, Order
from app.services import cancel_list, queries
from app.services import cancellations as cx


def found(text: str) -> list[str]:
    rows, _ = queries.fetch_orders(queries.OrderFilter(search=text))
    return sorted(r.buyer_name for r in rows)


@pytest.mark.parametrize("name, typed", [("a_b", "a_b"), ("滿100%送", "100%"), ("C:\\客人", "C:\\"),
                                         ("王_小明", "_小")])
def test_name_search_with_like_wildcards(shop, place, name, typed):
    place(name=name)
    place(name="aXb 100X C:X 王X小明")  # what an unescaped _ or % would also match
    assert found(typed) == [name]
    assert queries.count_orders(queries.OrderFilter(search=typed))[OrderTab.ALL] == 1


def test_cancellation_reason_search_with_percent(shop, place):
    oid = place()
    cx.request_cancellation(oid, CancellationInput("改買 100%_款"), by=cx.CUSTOMER, operator="storefront")
    rows, _ = cancel_list.fetch_cancellations(cancel_list.CancelFilter(tab=CancelTab.ALL, search="100%"))
    assert [r.order_id for r in rows] == [oid]


def test_phone_typed_with_dashes_is_stored_as_digits_and_found_either_way(shop, place):
    oid = place(phone="0912-345-678")
    assert Order.get_by_id(oid).buyer_phone == "0912345678"
    for typed in ("0912-345", "0912345678", "0912 345 678".replace(" ", "-")):
        rows, _ = queries.fetch_orders(queries.OrderFilter(search=typed))
        assert [r.id for r in rows] == [oid], typed


def test_order_number_takes_the_shops_local_day(shop, place):
    # The shop's zone is Asia/Taipei until set (tests/test_clock.py: whatever the desk's zone).
    # 2026-11-26 23:30 UTC is 2026-11-27 07:30 in Taipei
    oid = place(order_date=datetime(2026, 11, 26, 23, 30))
    assert Order.get_by_id(oid).order_no == "O2026112700001"


def test_a_rejected_request_owes_nothing(shop, place):
    from datetime import date

    from app.domain.inputs import PaymentNotice, Remittance
    from app.services import orders as svc

    oid = place()
    svc.record_payment_notice(oid, PaymentNotice(date.today(), 820, "12345"), operator="x")
    ch = cx.request_cancellation(oid, CancellationInput("不要了", Remittance("812", "台北", "12345678", "王")),
                                 by=cx.CUSTOMER, operator="storefront")
    assert CancellationRequest.get_by_id(ch.cancellation_id).refund_due == 820
    cx.reject_cancellation(ch.cancellation_id, "CS1", "已出貨", operator="y")
    assert CancellationRequest.get_by_id(ch.cancellation_id).refund_due == 0


def _all_pages(f, limit=3):
    rows, cursor = queries.fetch_orders(f, limit=limit)
    while cursor is not None:
        more, cursor = queries.fetch_orders(f, cursor, limit=limit)
        rows += more
    return rows


def test_sort_by_store_goes_by_the_name_shown(shop, place):
    from app.models.tables import Store

    shop["store"].name = "山海茶行"
    shop["store"].save()
    other = Store.create(name="好日子生活選物")
    ids = [place(name=f"b{i}") for i in range(7)]
    Order.update(store=other.id).where(Order.id.in_(ids[::2])).execute()
    names = {shop["store"].id: "山海茶行", other.id: "好日子生活選物"}
    for descending in (False, True):
        rows = _all_pages(queries.OrderFilter(sort="store", descending=descending))
        shown = [names[r.store_id] for r in rows]
        assert shown == sorted(shown, reverse=descending) and len(rows) == 7
        assert len({r.id for r in rows}) == 7
    exported = [o.store_id for o in queries.order_query(queries.OrderFilter(sort="store", descending=False))]
    assert exported == [r.store_id for r in _all_pages(queries.OrderFilter(sort="store", descending=False))]


def test_sort_by_status_follows_the_lifecycle(shop, place):
    from datetime import date

    from app.domain.inputs import PaymentNotice
    from app.domain.statuses import OrderStatus
    from app.services import orders as svc

    _unpaid, b, c = place(), place(), place()
    svc.record_payment_notice(b, PaymentNotice(date.today(), 820, "12345"), operator="x")
    svc.record_payment_notice(c, PaymentNotice(date.today(), 820, "12345"), operator="x")
    svc.confirm_payment(c, operator="x")
    rows = _all_pages(queries.OrderFilter(sort="status", descending=False), limit=2)
    assert [r.status for r in rows] == [OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.AWAITING_SHIPMENT]
