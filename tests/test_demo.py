"""The demo data: every status present, every history one the state machines allow, and the
bulk path writing what the action services write."""

from __future__ import annotations

import os
import re
import time
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest

from app.domain.machines import (
    OPEN_CANCEL_STATUSES,
    SHIPPED_STATUSES,
    money_in,
    next_cancel_status,
    next_order_status,
    order_status_for_request,
)
from app.domain.money import shipping_fee_for
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus, RefundChannel
from app.domain.tabs import CancelTab, OrderTab
from app.models import tables
from app.models.db import connect, database
from app.models.tables import utcnow
from app.services import demo
from app.services.cancel_list import CancelFilter, count_cancellations
from app.services.common import local_date
from app.services.demo import build_demo, ensure_demo
from app.services.queries import OrderFilter, count_orders

TABLES = ("store", "payment_method", "shipping_method", "order", "order_item", "payment_notice",
          "cancellation_request", "status_history", "invoice", "invoice_void", "invoice_allowance",
          "carrier_remittance", "remittance_line")


def _rows(sql: str):
    return database.obj.execute_sql(sql).fetchall()


def _as_dt(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


# ---------------------------------------------------------------- the checks


def check_every_status():
    order_statuses = {s for (s,) in _rows('SELECT DISTINCT status FROM "order"')}
    assert order_statuses == {s.value for s in OrderStatus}
    request_statuses = {s for (s,) in _rows("SELECT DISTINCT status FROM cancellation_request")}
    assert request_statuses == {s.value for s in CancelStatus}
    customer = {s for (s,) in _rows(
        "SELECT DISTINCT status FROM cancellation_request WHERE requested_by = 'customer'")}
    assert customer == {s.value for s in CancelStatus}
    clerk = _rows("SELECT status, order_status_before FROM cancellation_request WHERE requested_by = 'clerk'")
    assert len(clerk) >= 3
    assert {before for _s, before in clerk} == {OrderStatus.OUT_OF_STOCK.value}  # the manual's rule
    # Issue 19: a request closed with 【結案】, a partial refund, a corrected account, a card
    # reversal — all made through the services (or their builders).
    assert _rows("SELECT COUNT(*) FROM cancellation_request WHERE close_reason IS NOT NULL")[0][0] >= 2
    assert _rows("SELECT COUNT(*) FROM cancellation_request WHERE refunded_amount < refund_due "
                 "AND refunded_amount > 0")[0][0] >= 2
    assert _rows("SELECT COUNT(*) FROM status_history WHERE action = 'CORRECT_ACCOUNT'")[0][0] >= 1
    reversals = _rows("SELECT refund_reference, bank_code FROM cancellation_request "
                      "WHERE refund_channel = 'reversal' AND refunded_amount IS NOT NULL")
    assert reversals and all(ref.startswith("AUTH") and bank is None for ref, bank in reversals)


def check_histories(now: datetime):
    """Replaying each order's and each request's history through the state machines gives its
    status, the chain is continuous, and times run forward, never beyond ``now``."""
    orders = {o.id: o for o in tables.Order.select()}
    requests = {r.id: r for r in tables.CancellationRequest.select()}
    by_order: dict[int, list] = defaultdict(list)
    by_request: dict[int, list] = defaultdict(list)
    for h in tables.StatusHistory.select().order_by(tables.StatusHistory.id):
        if h.machine == "order":
            by_order[h.order_id].append(h)
        elif h.machine in ("invoice", "remittance"):  # the order's status does not move
            assert h.from_status == h.to_status
        else:
            assert h.machine == "cancellation"
            by_request[h.cancellation_id].append(h)
    assert set(by_order) == set(orders)
    assert set(by_request) == set(requests)

    for oid, rows in by_order.items():
        order = orders[oid]
        first = rows[0]
        assert (first.from_status, first.to_status, first.action) == (None, "UNPAID", "PLACE")
        assert _as_dt(first.at) == _as_dt(order.order_date)
        status, last_at = None, None
        for h in rows:
            assert h.from_status == status, (order.order_no, h.id)
            if h.action == OrderAction.PLACE:
                assert status is None
                status = OrderStatus.UNPAID
            else:
                restore = None
                if h.action in (OrderAction.CANCEL_REJECTED, OrderAction.CANCEL_CLOSED):
                    restore = requests[h.cancellation_id].order_status_before
                status = next_order_status(status, OrderAction(h.action), restore_to=restore,
                                           cod=order.collect_on_delivery)
            assert status == h.to_status
            at = _as_dt(h.at)
            assert last_at is None or at >= last_at
            assert at <= now
            last_at = at
        assert status == order.status, order.order_no
        # One version per status change after placing; the last change stamps the order.
        assert order.version == len(rows)
        assert _as_dt(order.updated_at) == _as_dt(rows[-1].at)
        assert order.updated_by == rows[-1].operator

    for rid, rows in by_request.items():
        req = requests[rid]
        assert (rows[0].from_status, rows[0].to_status, rows[0].action) == (
            None, "PENDING_REVIEW", CancelAction.FILE)
        status = None
        for h in rows[1:]:
            assert h.from_status == (status or CancelStatus.PENDING_REVIEW)
            status = next_cancel_status(h.from_status, CancelAction(h.action),
                                        shipped=req.shipped, paid=req.paid)
            assert status == h.to_status
        assert (status or CancelStatus.PENDING_REVIEW) == req.status
        assert req.version == len(rows)
        assert all(h.order_id == req.order_id for h in rows)


def check_columns():
    methods = {m.id: m for m in tables.ShippingMethod.select()}
    pay_titles = {m.id: m.title for m in tables.PaymentMethod.select()}
    lines: dict[int, list] = defaultdict(list)
    for item in tables.OrderItem.select():
        lines[item.order_id].append(item)
    notices: dict[int, list] = defaultdict(list)
    for n in tables.PaymentNotice.select():
        notices[n.order_id].append(n)
    actions: dict[int, list] = defaultdict(list)
    for oid, action in _rows("SELECT order_id, action FROM status_history WHERE machine = 'order' ORDER BY id"):
        actions[oid].append(action)
    # Transfer, ship and refund dates are the clerk's calendar day when it happened.
    dated = {"RECORD_PAYMENT": "transfer_date", "SHIP": "ship_date", "REFUND_DONE": "refund_date",
             "REFUND_FAILED": "refund_date"}
    for h in tables.StatusHistory.select().where(tables.StatusHistory.action.in_(list(dated))):
        assert h.input_data[dated[h.action]] == local_date(_as_dt(h.at)).isoformat(), (h.action, h.at)
    requests: dict[int, list] = defaultdict(list)
    for r in tables.CancellationRequest.select().order_by(tables.CancellationRequest.id):
        requests[r.order_id].append(r)
    phone = re.compile(r"^09\d{8}$")
    for o in tables.Order.select():
        items = lines[o.id]
        assert 1 <= len(items) <= 3
        assert all(i.quantity > 0 and i.unit_price > 0 for i in items)
        assert sum(i.quantity * i.unit_price for i in items) == o.subtotal
        sm = methods[o.shipping_method_id]
        assert o.shipping_method_name == sm.title and o.shipping_method_fee == sm.fee
        assert o.shipping_fee == shipping_fee_for(o.subtotal, sm.fee, sm.free_threshold)
        assert o.total == o.subtotal + o.shipping_fee
        assert o.payment_method_name == pay_titles[o.payment_method_id]
        assert phone.match(o.buyer_phone) and o.buyer_name
        # A pickup method's order has its store in its own fields and no delivery address.
        if sm.pickup_chain:
            assert o.pickup_store_code and o.pickup_store_name and not o.delivery_address
        else:
            assert o.delivery_address and o.pickup_store_code is None
        acts = actions[o.id]
        # Ship data exactly when the order was shipped, out-of-stock reason when it ran out.
        shipped = OrderAction.SHIP in acts
        assert (o.ship_date is not None) == shipped == (o.carrier is not None) == (o.tracking_no is not None)
        if shipped:
            assert o.ship_date >= _as_dt(o.order_date).date()
        assert (o.out_of_stock_reason is not None) == (OrderAction.OUT_OF_STOCK in acts)
        assert len(notices[o.id]) == acts.count(OrderAction.RECORD_PAYMENT)
        assert all(n.amount == o.total for n in notices[o.id])
        if o.status in (OrderStatus.COMPLETED, OrderStatus.IN_DELIVERY):
            assert shipped
        if o.collect_on_delivery:  # the carrier collects: never a notice; received once picked up
            assert not notices[o.id]
            assert (o.confirmed_amount == o.total) == (OrderAction.PICKED_UP in acts)
        reqs = requests[o.id]
        assert len(reqs) == acts.count(OrderAction.REQUEST_CANCEL_CLERK) + acts.count(
            OrderAction.REQUEST_CANCEL_CUSTOMER)
        assert sum(r.status in OPEN_CANCEL_STATUSES for r in reqs) <= 1
        if o.status == OrderStatus.CANCELLED and acts[-1] == OrderAction.NOT_COLLECTED:
            # A COD parcel back uncollected: cancelled without a request, nothing paid.
            assert o.collect_on_delivery and not notices[o.id] and o.confirmed_amount is None
            assert all(r.status in (CancelStatus.REJECTED, CancelStatus.CLOSED) for r in reqs)
        elif o.status in (OrderStatus.CANCELLING, OrderStatus.CANCELLED):
            last = reqs[-1]
            assert order_status_for_request(last.status, last.order_status_before) == o.status
            assert o.status_before_cancel == last.order_status_before
        else:
            assert o.status_before_cancel is None
            assert all(r.status in (CancelStatus.REJECTED, CancelStatus.CLOSED) for r in reqs)
        for r in reqs:
            check_request(r, o)


def check_request(r: tables.CancellationRequest, o: tables.Order):
    paid = money_in(r.order_status_before, cod=o.collect_on_delivery) and o.total > 0
    assert r.paid == paid
    assert r.shipped == (OrderStatus(r.order_status_before) in SHIPPED_STATUSES)
    # A rejected request, or one closed without a refund, owes nothing; the rest owe what was
    # received (the demo's notices are for the order's total).
    owed = paid and r.status not in (CancelStatus.REJECTED, CancelStatus.CLOSED)
    assert r.refund_due == (o.total if owed else 0)
    channel = RefundChannel(r.refund_channel)
    assert channel.value == o.payment_method.refund_channel
    by_account = paid and channel.needs_account
    assert (r.bank_code is not None) == by_account == (r.account_number is not None)
    if r.requested_by == "customer":
        assert r.requester == demo.STOREFRONT
    else:
        assert r.requested_by == "clerk" and r.requester in demo.CLERKS
    status = CancelStatus(r.status)
    if status is CancelStatus.PENDING_REVIEW:
        assert r.decision is None and r.cs_number is None and r.reviewed_at is None
    elif status is CancelStatus.REJECTED:
        assert r.decision == "rejected" and r.cs_number and r.reject_reason and r.reviewed_by
    else:
        assert r.decision == "approved" and r.cs_number and r.reviewed_at and r.reject_reason is None
    ended = status in (CancelStatus.COMPLETED, CancelStatus.CLOSED)
    assert (r.completed_at is not None) == ended
    assert (r.close_reason is not None) == (r.closed_at is not None)
    if status is CancelStatus.CLOSED:
        assert r.close_reason and r.refunded_amount is None
    if status is CancelStatus.AWAITING_RETURN:
        assert r.shipped and r.invoice_returned is None
    if status is CancelStatus.RETURN_FAILED:
        assert r.return_fail_reason and r.returned_at is None
    if status is CancelStatus.REFUND_FAILED:
        assert r.refund_fail_reason and r.refunded_amount is None
    if status is CancelStatus.REFUND_PENDING and r.refunded_amount:  # a partial refund
        assert 0 < r.refunded_amount < r.refund_due
    if status is CancelStatus.COMPLETED:
        # Refunded in full, or partly with the rest written off.
        assert (r.refunded_amount or 0) + (r.written_off or 0) == r.refund_due
        assert (r.written_off is not None) == (r.write_off_reason is not None)
        # The goods came back, or a supervisor closed the return (【結案】) on to the refund.
        assert (r.returned_at is not None or r.close_reason is not None) == r.shipped


def _check_tab_counts(tabs, counts: dict, sql: str) -> None:
    """Each tab's count equals the rows of its statuses that ``sql`` (status, count) finds."""
    by_status = dict(_rows(sql))
    for tab in tabs:
        statuses = tab.statuses
        expected = sum(n for s, n in by_status.items() if statuses is None or s in statuses)
        assert counts[tab] == expected, tab


def check_counts():
    counts = count_orders(OrderFilter())
    _check_tab_counts(OrderTab, counts, 'SELECT status, COUNT(*) FROM "order" GROUP BY status')
    assert counts[OrderTab.ALL] == tables.Order.select().count()
    _check_tab_counts(CancelTab, count_cancellations(CancelFilter()),
                      "SELECT status, COUNT(*) FROM cancellation_request GROUP BY status")


def check_all(now: datetime):
    check_every_status()
    check_histories(now)
    check_columns()
    check_counts()


# ---------------------------------------------------------------- the tests


def test_default_demo_through_services_and_ensure_demo_once(db):
    assert ensure_demo() is True
    now = utcnow()
    assert tables.Order.select().count() == demo.DEFAULT_ORDERS
    assert sorted(s.name for s in tables.Store.select()) == sorted(demo.STORES)
    # The methods were added through the methods service, before the first order.
    adds = list(tables.MethodHistory.select().where(tables.MethodHistory.action == "add"))
    assert len(adds) == len(demo.PAYMENT_METHODS) + len(demo.SHIPPING_METHODS)
    assert all(a.operator in demo.CLERKS for a in adds)
    # Chronological: ids follow order dates, all within the last 120 days.
    dates = [_as_dt(d) for (d,) in _rows('SELECT order_date FROM "order" ORDER BY id')]
    assert dates == sorted(dates)
    assert (now - dates[0]).days <= demo.DAYS and dates[-1] <= now
    assert min(a.at for a in adds) < dates[0]
    check_all(now)
    history = tables.StatusHistory.select().count()
    assert ensure_demo() is False
    assert tables.Order.select().count() == demo.DEFAULT_ORDERS
    assert tables.StatusHistory.select().count() == history


def test_bulk_path_passes_the_same_checks(db):
    summary = build_demo(3000, bulk_threshold=1000)
    now = utcnow()
    assert tables.Order.select().count() == 3000
    assert "3,000" in summary and "in bulk" in summary
    for s in OrderStatus:
        n = tables.Order.select().where(tables.Order.status == s).count()
        assert f"{s.value} {n:,}" in summary
    check_all(now)
    # Indexes dropped for the load are back.
    names = {i.name for m in (tables.Order, tables.OrderItem, tables.StatusHistory) for i in db.get_indexes(m._meta.table_name)}
    assert {"order_status_order_date_id", "order_order_date_id", "status_history_order_id"} <= names


@pytest.fixture(params=[None, "Asia/Taipei", "America/Los_Angeles"])
def local_zone(request):
    """The clerk's time zone: ship, payment and refund dates are the local calendar day, so a
    demo that used UTC days would be refused by the services east or west of UTC."""
    if request.param is None:
        yield None
        return
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is Unix-only")
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_bulk_writes_what_the_services_write(tmp_path, local_zone):
    """Same seed and clock, once through the services, once in bulk: identical tables, twice
    over (the second build adds to a database that already has orders on the same days)."""
    now = datetime(2026, 3, 1, 9, 37, 41)  # not on a quarter hour: days turn at local midnight
    dumps = []
    try:
        for name, threshold in (("services", 10**9), ("bulk", 0)):
            d = connect("sqlite:///" + str(tmp_path / f"{name}.db"))
            build_demo(150, seed=11, now=now, bulk_threshold=threshold)
            build_demo(60, seed=12, now=now, bulk_threshold=threshold)
            dumps.append({t: d.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in TABLES})
            d.close()
    finally:
        database.initialize(None)
    services, bulk = dumps
    for table in TABLES:
        assert len(services[table]) == len(bulk[table]), table
        for a, b in zip(services[table], bulk[table], strict=True):
            assert a == b, table
    assert len(services["order"]) == 210


def test_methods_and_stores_are_reused(db):
    card = tables.PaymentMethod.create(title="信用卡", description="我們自己的", position=9)
    build_demo(40)
    build_demo(40, seed=8, bulk_threshold=10)
    assert tables.Store.select().count() == 2
    assert tables.PaymentMethod.select().count() == 4
    assert tables.ShippingMethod.select().count() == 4
    assert tables.PaymentMethod.get_by_id(card.id).description == "我們自己的"
    assert tables.MethodHistory.select().where(tables.MethodHistory.action == "add").count() == 7
    assert tables.Order.select().count() == 80
    assert len({no for (no,) in _rows('SELECT order_no FROM "order"')}) == 80
    check_histories(utcnow())
    check_columns()


@pytest.mark.parametrize("n", [0, 1, 5])
def test_tiny_demos(db, n):
    summary = build_demo(n)
    assert tables.Order.select().count() == n
    assert f"Built {n:,} demo orders" in summary
    check_histories(utcnow())


@pytest.mark.parametrize("bulk", [False, True])
def test_every_demo_has_a_company_s_allowance_whatever_minute_it_is_built(db, bulk):
    """A demo built at 14:02 UTC on 2026-11-30 had no allowance at all (its B2B cancellations
    that day all fell to a void): one scripted return is a company's that keeps its invoice
    (``COMPANY_RETURN``), through the services and the bulk path alike."""
    from app.domain import invoice as inv
    from app.models.tables import InvoiceAllowance

    build_demo(300, now=datetime(2026, 11, 30, 14, 2), **({"bulk_threshold": 0} if bulk else {}))
    b2b = [a for a in InvoiceAllowance.select() if a.invoice.kind == inv.B2B]
    assert b2b, "no B2B allowance"
    for a in b2b:
        assert a.total == a.invoice.total == a.invoice.order.total
        assert a.cancellation.order_id == a.invoice.order_id


def test_demo_invoices_voids_and_allowances(db):
    """The demo has B2C and B2B invoices, voids and allowances, each a valid record, and some
    orders left in both invoice queues."""
    from app.domain import invoice as inv
    from app.models.tables import Invoice, InvoiceAllowance, InvoiceVoid
    from app.services import invoices as invoice_svc

    build_demo(400, seed=3, now=datetime(2026, 3, 1, 9, 0))
    kinds = {k for (k,) in Invoice.select(Invoice.kind).tuples()}
    assert kinds == {inv.B2C, inv.B2B}
    assert InvoiceVoid.select().count() > 0 and InvoiceAllowance.select().count() > 0
    for i in Invoice.select():
        assert inv.invoice_number(i.invoice_no) == i.invoice_no
        assert (i.before_tax, i.tax) == inv.tax_split(i.total) and i.total == i.order.total
        if i.kind == inv.B2B:
            assert inv.ban_checksum_ok(i.buyer_ban) and i.buyer_title
    for v in InvoiceVoid.select():
        assert inv.void_or_allowance(v.invoice.invoice_date, v.void_date) == inv.VOID
        assert v.cancellation.order_id == v.invoice.order_id
    for a in InvoiceAllowance.select():  # a later period, or a company that kept its invoice
        later = inv.vat_period(a.invoice.invoice_date) != inv.vat_period(a.allowance_date)
        assert later or a.invoice.kind == inv.B2B
        assert a.cancellation.order_id == a.invoice.order_id
    assert invoice_svc.needing_invoice().count() > 0
    assert invoice_svc.needing_void_or_allowance().count() > 0
    # The accountant filed every period whose filing day (the 10th after it) has come:
    # 2025-11/12 of the 120 days before 2026-03-01 (2026-01/02 is filed in March), after
    # every void in it.
    filings = invoice_svc.filings()
    assert [(f.period_start, f.filed_on) for f in filings] == [(date(2025, 11, 1), date(2026, 1, 10))]
    for v in InvoiceVoid.select():
        assert all(v.void_date <= f.period_end or v.invoice.invoice_date > f.period_end for f in filings)


def test_demo_cash_on_delivery_orders_in_every_status_without_notices(db):
    """The demo shop shows COD orders in 配送中／待取貨, picked up and back uncollected; none
    has a payment notice."""
    build_demo(300)
    cod = list(tables.Order.select().where(tables.Order.collect_on_delivery))
    statuses = {o.status for o in cod}
    assert {OrderStatus.IN_DELIVERY, OrderStatus.COMPLETED, OrderStatus.CANCELLED} <= statuses
    assert tables.PaymentNotice.select().where(tables.PaymentNotice.order.in_([o.id for o in cod])).count() == 0
    uncollected = (tables.StatusHistory.select()
                   .where(tables.StatusHistory.action == OrderAction.NOT_COLLECTED).count())
    picked = tables.StatusHistory.select().where(tables.StatusHistory.action == OrderAction.PICKED_UP).count()
    assert uncollected >= 1 and picked >= 1
    assert all(o.payment_method_name == "貨到付款" for o in cod)
    check_histories(utcnow())


def test_demo_carriers_remit_last_weeks_collections_and_this_weeks_wait(db):
    """代收款對帳 in the demo shop: each carrier's remittance of a week's collected parcels on
    the next week's Wednesday, fee NT$15 a parcel, the first NT$20 short, recorded through the
    service (a history record on each order); parcels picked up since then still wait."""
    from app.services import remittances

    now = datetime(2026, 3, 1, 9, 0)
    build_demo(300, now=now)
    recorded = remittances.remittances()
    assert recorded
    for r in recorded:
        assert r.remitted_on.weekday() == 2 and r.remitted_on <= local_date(now)
        assert r.fee == 15 * r.orders
        picked = {o.id: o for o in tables.Order.select().join(tables.RemittanceLine).where(
            tables.RemittanceLine.remittance == r.id)}
        assert len(picked) == r.orders and all(o.collect_on_delivery for o in picked.values())
        assert r.collected == sum(o.confirmed_amount for o in picked.values())
        records = tables.StatusHistory.select().where(
            (tables.StatusHistory.machine == "remittance") & tables.StatusHistory.order.in_(list(picked)))
        assert len(records) == r.orders and {h.operator for h in records} == {"會計"}
    oldest = min(recorded, key=lambda r: (r.remitted_on, r.id))
    assert [r.difference for r in recorded if r.difference] == [-20] and oldest.difference == -20
    waiting = remittances.unremitted(today=local_date(now))
    assert all(u.picked_up_on >= oldest.remitted_on for u in waiting)
    newest = max(r.remitted_on for r in recorded)
    assert all(u.picked_up_on > newest - timedelta(days=10) for u in waiting)


@pytest.mark.parametrize("at", ["2026-11-30 04:45:40", "2026-11-30 04:46:20", "2026-11-30 04:47:40",
                                "2026-06-30 03:00:00"])
def test_a_small_demo_shows_everything_whenever_it_is_built(db, at):
    """A 200-order demo (the server tests' size) shows every status and each of issue 19's
    paths — a card reversal among them, given to a scripted order, not left to the random
    walk: built at these instants its 200 orders held no refunded card (the walk's steps
    fall on other days as ``now`` moves, and the refunds on the horizon's far side)."""
    build_demo(200, now=datetime.fromisoformat(at))
    check_every_status()
