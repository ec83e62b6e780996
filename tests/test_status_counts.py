"""The tab counts come from a counter table the database keeps: it always equals COUNT(*)."""

from datetime import date, datetime, timedelta

import peewee as pw

from app.domain.inputs import CancellationInput, PaymentNotice, Remittance, ShipInput
from app.domain.tabs import OrderTab
from app.models.tables import Order, OrderStatusCount, Store
from app.services import cancellations as cx
from app.services import orders as svc
from app.services import queries, shop_clock


def counts_agree() -> None:
    real = {(s, st): n for s, st, n in Order.select(Order.store, Order.status, pw.fn.COUNT(Order.id))
            .group_by(Order.store, Order.status).tuples()}
    kept = {(r.store_id, r.status): r.n for r in OrderStatusCount.select() if r.n}
    assert kept == real


def exercise(place, shop) -> None:
    """Orders through every move, in both directions, in two stores."""
    other = Store.create(name="第二家")
    ids = [place(name=f"b{i}", order_date=datetime(2026, 10, 1) + timedelta(hours=i)) for i in range(8)]
    counts_agree()
    for oid in ids[2:]:
        svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 2), 820, "12345"), operator="x")
    for oid in ids[4:]:
        svc.confirm_payment(oid, operator="x")
    svc.ship(ids[4], ShipInput(date(2026, 10, 3), "黑貓", "T1"), operator="x")
    svc.mark_out_of_stock(ids[5], "缺", operator="x")
    svc.mark_out_of_stock(ids[6], "缺", operator="x")
    svc.back_to_awaiting_shipment(ids[6], operator="x")
    ch = cx.request_cancellation(ids[5], CancellationInput("不等了", Remittance("812", "台北", "12345678", "王")),
                                 operator="x")
    cx.approve_cancellation(ch.cancellation_id, "CS1", operator="y")
    cx.refund_done(ch.cancellation_id, refund_date=shop_clock.today(), amount=None, reference="R",
                   operator="y")  # the request is of today: a refund is not dated before it
    ch = cx.request_cancellation(ids[0], CancellationInput("買錯"), by=cx.CUSTOMER, operator="storefront")
    cx.reject_cancellation(ch.cancellation_id, "CS2", "已出貨前聯絡", operator="y")
    Order.update(store=other.id).where(Order.id == ids[1]).execute()
    counts_agree()
    f = queries.OrderFilter()
    tab_counts = queries.count_orders(f)
    assert tab_counts[OrderTab.ALL] == Order.select().count()
    assert tab_counts[OrderTab.COMPLETED] == 1 and tab_counts[OrderTab.AWAITING_SHIPMENT] == 2
    by_store = queries.count_orders(queries.OrderFilter(store_id=other.id))
    assert by_store[OrderTab.ALL] == 1 and by_store[OrderTab.UNPAID] == 1
    # a date filter counts with COUNT(*) and gives the same answer for a range covering all
    dated = queries.count_orders(queries.OrderFilter(date_from=date(2020, 1, 1), date_to=date(2030, 1, 1)))
    assert dated == tab_counts


def test_counter_table_follows_every_move(db, shop, place):
    exercise(place, shop)


def test_migration_fills_the_counter_from_existing_orders(db, shop, place):
    from app.models.migrations import MIGRATIONS

    for i in range(3):
        place(name=f"x{i}")
    db.execute_sql("DELETE FROM order_status_count")
    MIGRATIONS[5](db)  # re-running the step rebuilds the counts
    counts_agree()
