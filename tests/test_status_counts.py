"""The tab counts come from a counter table the database keeps: it always equals COUNT(*)."""

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import peewee as pw
from list_truth import truth_ids
from test_search_grams import gram_counts_agree

from app.domain.inputs import CancellationInput, PaymentNotice, Remittance, ShipInput
from app.domain.tabs import OrderTab
from app.models.tables import Order, OrderShipDayCount, OrderStatusCount, Store
from app.services import cancel_list, queries, shop_clock
from app.services import cancellations as cx
from app.services import orders as svc


def counts_agree() -> None:
    """Every counter of the orders (migrations 5 and 24) equals the orders counted."""
    from collections import Counter

    from app.models.tables import OrderDayCount, OrderHourCount, OrderMethodCount, OrderShipDayCount

    real = {(s, st): n for s, st, n in Order.select(Order.store, Order.status, pw.fn.COUNT(Order.id))
            .group_by(Order.store, Order.status).tuples()}
    kept = {(r.store_id, r.status): r.n for r in OrderStatusCount.select() if r.n}
    assert kept == real
    orders = list(Order.select(Order.store, Order.status, Order.order_date, Order.payment_method,
                               Order.shipping_method).tuples())
    hours = Counter((s, st, at.replace(minute=0, second=0, microsecond=0)) for s, st, at, _p, _m in orders)
    assert {(r.store_id, r.status, r.at_hour): r.n for r in OrderHourCount.select() if r.n} == dict(hours)
    days = Counter((s, st, at.date()) for s, st, at, _p, _m in orders)
    assert {(r.store_id, r.status, r.at_day): r.n for r in OrderDayCount.select() if r.n} == dict(days)
    shipped = Counter((s, st, on) for s, st, on in Order.select(Order.store, Order.status, Order.ship_date)
                      .where(Order.ship_date.is_null(False)).tuples())
    assert {(r.store_id, r.status, r.ship_day): r.n for r in OrderShipDayCount.select() if r.n} == dict(shipped)
    methods = Counter((s, st, p, m) for s, st, _at, p, m in orders)
    assert {(r.store_id, r.status, r.payment_method_id, r.shipping_method_id): r.n
            for r in OrderMethodCount.select() if r.n} == dict(methods)
    gram_counts_agree()  # the one-character search's counter (migration 24) too


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
    # an order's date and methods moved (no service does it today; the triggers follow anyway)
    Order.update(order_date=datetime(2026, 9, 30, 23, 30), payment_method=shop["card"].id,
                 shipping_method=shop["post"].id).where(Order.id == ids[3]).execute()
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


def cancel_counts_agree() -> None:
    """cancel_status_count (migration 19) = COUNT(*) of the requests per (order's store, status),
    and count_cancellations reads the same numbers, with and without a store."""
    from app.domain.tabs import CancelTab
    from app.models.tables import CancellationRequest, CancelStatusCount

    cr = CancellationRequest
    real = {(s, st): n for s, st, n in cr.select(Order.store, cr.status, pw.fn.COUNT(cr.id)).join(Order)
            .group_by(Order.store, cr.status).tuples()}
    kept = {(r.store_id, r.status): r.n for r in CancelStatusCount.select() if r.n}
    assert kept == real
    for store in [None, *{s for s, _ in real}]:
        counts = cancel_list.count_cancellations(cancel_list.CancelFilter(store_id=store))
        for tab in CancelTab:
            joined = cr.select().join(Order)
            if store is not None:
                joined = joined.where(Order.store == store)
            if tab.statuses is not None:
                joined = joined.where(cr.status.in_([s.value for s in tab.statuses]))
            assert counts[tab] == joined.count(), (store, tab)


def exercise_cancellations(place, shop, seed: int = 11, steps: int = 60) -> None:
    """Requests filed on paid, shipped and unpaid orders, then random steps (the ones a request's
    status refuses change nothing), and orders moved between stores."""
    import random

    from app.models.tables import CancellationRequest

    rnd = random.Random(seed)
    other = Store.create(name="分店")
    ids = [place(name=f"c{i}", order_date=datetime(2026, 10, 1) + timedelta(hours=i)) for i in range(10)]
    for oid in ids[:7]:
        svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 2), 820, "12345"), operator="x")
        svc.confirm_payment(oid, operator="x")
    for oid in ids[:3]:
        svc.ship(oid, ShipInput(date(2026, 10, 3), "黑貓", "T1"), operator="x")
    for oid in ids:
        cx.request_cancellation(oid, CancellationInput("不要了", Remittance("812", "台北", "12345678", "王")),
                                by=cx.CUSTOMER, operator="storefront")
    cancel_counts_agree()
    today = shop_clock.today()
    acts = [
        lambda r: cx.approve_cancellation(r, "CS", operator="y"),
        lambda r: cx.reject_cancellation(r, "CS", "不行", operator="y"),
        lambda r: cx.return_done(r, invoice_returned=True, goods_intact=True, operator="y"),
        lambda r: cx.return_failed(r, invoice_returned=False, goods_intact=False, reason="沒回來", operator="y"),
        lambda r: cx.refund_done(r, refund_date=today, amount=None, reference="R", operator="y"),
        lambda r: cx.refund_failed(r, refund_date=today, amount=None, reference="R", reason="帳號錯",
                                   operator="y"),
        lambda r: cx.close_request(r, refund=rnd.random() < 0.5, reason="結案", operator="y"),
    ]
    requests = [r.id for r in CancellationRequest.select(CancellationRequest.id)]
    for _ in range(steps):
        if rnd.random() < 0.15:
            oid = rnd.choice(ids)
            Order.update(store=rnd.choice([other.id, shop["store"].id])).where(Order.id == oid).execute()
            continue
        try:
            rnd.choice(acts)(rnd.choice(requests))
        except Exception:  # noqa: BLE001 - a step the request's status refuses writes nothing
            pass
    moved = {st for (st,) in CancellationRequest.select(CancellationRequest.status).distinct().tuples()}
    assert len(moved) >= 3, moved  # the walk really moved the requests
    cancel_counts_agree()
    cancel_list.count_cancellations(cancel_list.CancelFilter(date_from=date(2020, 1, 1)))  # still counts


def test_cancel_counter_follows_random_steps(db, shop, place):
    exercise_cancellations(place, shop)


def test_migration_19_fills_the_cancel_counter(db, shop, place):
    from app.models.migrations import MIGRATIONS

    exercise_cancellations(place, shop)
    db.execute_sql("DELETE FROM cancel_status_count")
    MIGRATIONS[19](db)
    cancel_counts_agree()


def filtered_counts_agree(shop) -> None:
    """The counts under a date range (whole days in a zone whose days start on the half
    hour, open at either end), a method, and a store beside them, equal the orders counted."""
    shop_clock.set_shop_zone("Asia/Kolkata", operator="店長")  # +05:30
    filters = [queries.OrderFilter(date_from=date(2026, 10, 1), date_to=date(2026, 10, 1)),
               queries.OrderFilter(date_from=date(2026, 10, 2)),
               queries.OrderFilter(date_to=date(2026, 10, 1), store_id=shop["store"].id),
               queries.OrderFilter(payment_method_id=shop["atm"].id),
               queries.OrderFilter(shipping_method_id=shop["home"].id, store_id=shop["store"].id),
               queries.OrderFilter(payment_method_id=shop["atm"].id, date_from=date(2026, 10, 1))]
    for f in filters:
        counted = {}
        for tab in OrderTab:
            q = Order.select().where(*queries._order_where(replace(f, tab=tab), with_tab=True))
            counted[tab] = q.count()
        assert queries.count_orders(f) == counted, f


def test_counts_under_a_date_range_or_a_method_are_the_orders_counted(db, shop, place):
    for i in range(30):  # across the day's edges in Kolkata (18:30 UTC) and both stores' hours
        oid = place(name=f"d{i}", order_date=datetime(2026, 9, 30, 17) + timedelta(minutes=37 * i))
        if i % 3 == 0:
            svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 2), 820, "12345"), operator="x")
    counts_agree()
    filtered_counts_agree(shop)


def test_counts_under_ranges_of_many_days_are_the_orders_counted(db, shop, place):
    """Ranges with whole UTC days inside (the day counter, migration 29) and hours at their
    ends, in a zone whose days start on the half hour and in one whose start on the hour,
    open at either end, with a store or not: the orders counted."""
    for i in range(60):  # every 7 h 13 min over 18 days, across both zones' day edges
        oid = place(name=f"m{i}", order_date=datetime(2026, 9, 25, 5) + timedelta(minutes=433 * i))
        if i % 4 == 0:
            svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 20), 820, "12345"), operator="x")
    counts_agree()
    for zone in ("Asia/Kolkata", "Asia/Taipei"):
        shop_clock.set_shop_zone(zone, operator="店長")
        for f in (queries.OrderFilter(date_from=date(2026, 9, 27), date_to=date(2026, 10, 8)),
                  queries.OrderFilter(date_from=date(2026, 10, 1), date_to=date(2026, 10, 2)),
                  queries.OrderFilter(date_from=date(2026, 10, 3), store_id=shop["store"].id),
                  queries.OrderFilter(date_to=date(2026, 10, 5)),
                  queries.OrderFilter(date_from=date(2026, 9, 1), date_to=date(2026, 12, 31))):
            counted = {tab: Order.select().where(*queries._order_where(replace(f, tab=tab), with_tab=True)).count()
                       for tab in OrderTab}
            assert counted[OrderTab.ALL] > 0
            assert queries.count_orders(f) == counted, (zone, f)


def test_the_counts_under_a_date_range_read_the_counters_not_the_orders(db, shop, place):
    """A range of whole days in a whole-hour zone reads the counters alone, in one statement:
    its whole UTC days from the day counter, the hours at its ends from the hour counter."""
    import contextlib

    place(order_date=datetime(2026, 10, 1, 3))
    seen = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: db.__dict__.pop("execute_sql", None))
        counts = queries.count_orders(queries.OrderFilter(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31)))
    assert counts[OrderTab.ALL] == 1
    assert len(seen) == 1 and '"order"' not in seen[0]
    assert "order_day_count" in seen[0] and "order_hour_count" in seen[0]


def test_migration_29_fills_the_day_counter_from_the_hour_counter(db, shop, place):
    from app.models.migrations import MIGRATIONS

    for i in range(20):
        place(name=f"h{i}", order_date=datetime(2026, 10, 1, 20) + timedelta(hours=3 * i))
    db.execute_sql("DELETE FROM order_day_count")
    MIGRATIONS[29](db)
    counts_agree()
    place(name="after", order_date=datetime(2026, 10, 9, 1))  # the triggers keep it from then on
    counts_agree()


def paid(place, **kw) -> int:
    """An order placed and paid (awaiting shipment)."""
    oid = place(**kw)
    svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 20), 820, "12345"), operator="x")
    svc.confirm_payment(oid, operator="x")
    return oid


def test_migration_32_counts_the_shipped_orders_by_ship_date(db, shop, place):
    ids = [paid(place, name=f"s{i}", order_date=datetime(2026, 10, 1, 20) + timedelta(hours=5 * i))
           for i in range(12)]
    for i, oid in enumerate(ids[:9]):
        svc.ship(oid, ShipInput(date(2026, 10, 21 + i % 4), "黑貓", f"T{i}"), operator="x")
    db.execute_sql("DELETE FROM order_ship_day_count")
    from app.models.migrations import MIGRATIONS

    MIGRATIONS[32](db)
    counts_agree()
    assert sum(r.n for r in OrderShipDayCount.select()) == 9
    svc.ship(ids[9], ShipInput(date(2026, 10, 30), "黑貓", "T9"), operator="x")  # the triggers keep it
    counts_agree()


def far_jumps_agree(shop) -> None:
    """Every position's cursor by the day counter's seek, the segments' sizes taken from the
    order counter, equals the one stepped to from the list's start with every segment
    counted, both ways: tabs by order date (all, one status, a store), by status and by
    store (a segment per store and status), ascending too."""
    from app.domain.tabs import OrderTab as Tab

    store = shop["store"].id
    for f in (queries.OrderFilter(tab=Tab.ALL), queries.OrderFilter(tab=Tab.UNPAID),
              queries.OrderFilter(tab=Tab.ALL, store_id=store),
              queries.OrderFilter(tab=Tab.PAID, sort="order_date"),
              queries.OrderFilter(tab=Tab.ALL, sort="status"),
              queries.OrderFilter(tab=Tab.ALL, sort="status", descending=False, store_id=store),
              queries.OrderFilter(tab=Tab.ALL, sort="store"),
              queries.OrderFilter(tab=Tab.ALL, sort="store", descending=False),
              queries.OrderFilter(tab=Tab.ALL, sort="ship_date"),
              queries.OrderFilter(tab=Tab.ALL, sort="ship_date", descending=False, store_id=store),
              queries.OrderFilter(tab=Tab.IN_DELIVERY, sort="ship_date")):
        pager = queries.order_pager(f)
        assert pager.total is not None
        assert pager.seek is not None and pager.counted is not None  # by ship date: migration 32's
        plain = queries.order_pager(f)
        plain.seek = plain.counted = plain.total = None
        total = queries.count_orders(f)[f.tab]
        ids = truth_ids(f)  # an ORDER BY written apart: both pagers walk a segment from its nearer end
        assert len(ids) == total
        for from_end in (False, True):
            for position in range(total + 1):
                got = pager.key_at(position, from_end=from_end)
                assert got == plain.key_at(position, from_end=from_end), (f, position, from_end)
                want = (ids[::-1] if from_end else ids)[position] if position < total else None
                assert (got.values[-1] if got else None) == want, (f, position, from_end)
        for si in range(len(pager.segments)):  # the sizes the counter gave
            assert pager.segment_count(si) == plain.segment_count(si), (f, si)
    for f in (queries.OrderFilter(search="x"), queries.OrderFilter(sort="status", search="j1"),
              queries.OrderFilter(sort="store", date_from=date(2026, 9, 29)),
              queries.OrderFilter(sort="ship_date", payment_method_id=shop["atm"].id)):
        pager = queries.order_pager(f)
        assert pager.seek is None and pager.counted is None and pager.total is None, f
    assert queries.order_pager(queries.OrderFilter(sort="total")).seek is None


def test_a_far_jump_by_the_day_counter_lands_where_stepping_does(db, shop, place):
    for i in range(90):  # across UTC midnights, three orders at one instant
        at = datetime(2026, 9, 28, 22) + timedelta(minutes=97 * i) if i % 30 else datetime(2026, 10, 1)
        oid = place(name=f"j{i}", order_date=at)
        if i % 3 == 0:
            svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 20), 820, "12345"), operator="x")
        elif i % 3 == 1:  # shipped on one of five days
            svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 20), 820, "12345"), operator="x")
            svc.confirm_payment(oid, operator="x")
            svc.ship(oid, ShipInput(date(2026, 10, 21 + i % 5), "黑貓", f"T{i}"), operator="x")
    other = Store.create(name="另一家店")  # named before the first: its segments come first
    moved = [oid for (oid,) in Order.select(Order.id).order_by(Order.id).tuples()][::4]
    Order.update(store=other).where(Order.id.in_(moved)).execute()  # the counters' triggers move them
    far_jumps_agree(shop)
    seeks_over_a_ship_date_or_from_the_nearer_end()


def seeks_over_a_ship_date_or_from_the_nearer_end() -> None:
    """By 出貨日期 a shipped row is sought within its ship date, whose orders the counter
    (migration 32) says, and no segment is counted; a row in the last third of the orders not
    shipped (by id) is sought from their other end: the step over them is the shorter one
    (SQLite walked 500,000 index entries backwards in 15 ms, where 324,000 forwards took 7)."""
    from collections import Counter

    from app.domain.tabs import OrderTab as Tab
    from app.models.db import database

    f = queries.OrderFilter(tab=Tab.ALL, sort="ship_date")  # newest first: the shipped first
    days = Counter(on for (on,) in Order.select(Order.ship_date).where(Order.ship_date.is_null(False)).tuples())
    shipped, unshipped = sum(days.values()), Order.select().where(Order.ship_date.is_null()).count()
    db = database.obj
    real = db.execute_sql
    seen: list = []
    for position in (1, shipped // 2, shipped - 1, shipped + unshipped - 3):
        pager = queries.order_pager(f)
        seen.clear()
        db.execute_sql = lambda sql, params=None, *a, **k: seen.append((sql, params)) or real(sql, params, *a, **k)
        try:
            pager.key_at(position)
        finally:
            db.execute_sql = real
        assert not [q for q, _p in seen if "COUNT(" in q.upper()], seen  # the sizes from the counters
        (sql, params), = [(q, p) for q, p in seen if "OFFSET" in q]
        if position < shipped:  # within the ship date that holds it
            day = params[-3]
            assert re.search(r"ship_date\W* <= ", sql) and params[-1] < days[day], (sql, params)
        else:
            assert params[-1] == 2 and "ASC" in sql.split("ORDER BY")[1], (sql, params)


def steps_from_a_key_agree(shop) -> None:
    """``Pager.key_from``: the row so many steps after (or before) a row, within its segment,
    is the one the walk reaches — across ties of the sort's value (its rest first, then the
    values past it), both directions, or None past the segment's end."""
    from app.domain.tabs import OrderTab as Tab

    for key in ("total", "payment_method", "buyer_phone", "ship_date", "order_no"):
        for descending in (True, False):
            f = queries.OrderFilter(tab=Tab.ALL, sort=key, descending=descending)
            pager = queries.order_pager(f)
            cursors = [c for _row, c in pager.forward(None, None)]
            for i in range(0, len(cursors), 7):
                for steps in (1, 2, 5, 13, 40):
                    ahead = cursors[i + steps] if i + steps < len(cursors) else None
                    if ahead is not None and ahead.segment != cursors[i].segment:
                        ahead = None
                    assert pager.key_from(cursors[i], steps) == ahead, (key, descending, i, steps)
                    back = cursors[i - steps] if i - steps >= 0 else None
                    if back is not None and back.segment != cursors[i].segment:
                        back = None
                    assert pager.key_from(cursors[i], steps, backwards=True) == back, (key, descending, i, steps)


def test_a_step_from_a_key_lands_where_the_walk_does(db, shop, place):
    for i in range(60):  # ties of total, method and phone; some shipped
        oid = place(name=f"k{i}", phone=f"09{i % 4}", payment=shop["card"] if i % 3 else shop["atm"],
                    total_items=(("藍牙耳機", 1 + i % 3, 350),), order_date=datetime(2026, 10, 1) + timedelta(hours=i))
        if i % 4 == 0:
            paid = Order.get_by_id(oid).total
            svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 20), paid, "12345"), operator="x")
            svc.confirm_payment(oid, operator="x")
            svc.ship(oid, ShipInput(date(2026, 10, 21 + i % 3), "黑貓", f"T{i}"), operator="x")
    steps_from_a_key_agree(shop)
