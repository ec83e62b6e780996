"""The shop the tests start from, and reading the rows the services wrote: shared by the
service tests on SQLite and on the servers.

``make_shop()`` creates the store and methods of ``tests/conftest.py``'s ``shop``;
``snapshot()`` proves that a refused action wrote nothing (``refused()`` with it); ``history()`` and ``replay()``
check an order's history records against the state machine; ``drive_order()`` takes a placed
order to a status through the services; ``race()`` runs workers in processes of their own.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime

import pytest

from app.domain.inputs import CancellationInput, PaymentNotice, ShipInput
from app.domain.machines import next_order_status
from app.domain.statuses import OrderAction, OrderStatus
from app.models.tables import (
    ALL_TABLES,
    INVOICE_TABLES,
    CancellationRequest,
    MethodHistory,
    Order,
    OrderNote,
    PaymentMethod,
    ShippingMethod,
    StatusHistory,
    Store,
    VatFiling,
)
from app.services import cancellations as cs
from app.services import orders as svc


def make_shop() -> dict:
    """One store, two payment methods, two shipping methods (one with free shipping at 1000),
    in the database bound now."""
    store = Store.create(name="測試商店")
    atm = PaymentMethod.create(title="ATM 轉帳", position=1)
    card = PaymentMethod.create(title="信用卡", position=2, refund_channel="reversal")
    home = ShippingMethod.create(title="宅配", fee=120, free_threshold=1000, position=1)
    post = ShippingMethod.create(title="郵寄", fee=65, free_threshold=None, position=2)
    return dict(store=store, atm=atm, card=card, home=home, post=post)


def snapshot() -> dict:
    """Every row of every table, to prove that a refused action wrote nothing."""
    return {m.__name__: list(m.select().order_by(m.id).dicts()) for m in [*ALL_TABLES, MethodHistory, *INVOICE_TABLES, VatFiling, OrderNote]}


def refused(error: type[Exception], call: Callable[[], object]) -> Exception:
    """``call()`` raises ``error`` and writes nothing (every row as it was); the error."""
    before = snapshot()
    with pytest.raises(error) as excinfo:
        call()
    assert snapshot() == before
    return excinfo.value


def history(order_id: int, machine: str | None = None) -> list[StatusHistory]:
    q = StatusHistory.select().where(StatusHistory.order == order_id)
    if machine:
        q = q.where(StatusHistory.machine == machine)
    return list(q.order_by(StatusHistory.id))


def order_row(order_id: int) -> Order:
    return Order.get_by_id(order_id)


def req_row(request_id: int) -> CancellationRequest:
    return CancellationRequest.get_by_id(request_id)


def replay(order_id: int) -> OrderStatus:
    """Run the order's history through the state machine (``restore_to``: the status the order
    had when a request was filed); the result must be its status."""
    rows = history(order_id, "order")
    assert rows[0].action == OrderAction.PLACE and rows[0].from_status is None
    status = OrderStatus(rows[0].to_status)
    cod = bool(order_row(order_id).collect_on_delivery)
    before_request = None
    for row in rows[1:]:
        assert row.from_status == status, (row.action, row.from_status, status)
        if row.action in (OrderAction.REQUEST_CANCEL_CLERK, OrderAction.REQUEST_CANCEL_CUSTOMER):
            before_request = status
        status = next_order_status(status, OrderAction(row.action), restore_to=before_request, cod=cod)
        assert status == row.to_status
    return status


#: The steps from a freshly placed (UNPAID) order to each status.
PATHS = {
    OrderStatus.UNPAID: [],
    OrderStatus.PAID: ["pay"],
    OrderStatus.AWAITING_SHIPMENT: ["pay", "confirm"],
    OrderStatus.OUT_OF_STOCK: ["pay", "confirm", "oos"],
    OrderStatus.COMPLETED: ["pay", "confirm", "ship"],
    OrderStatus.CANCELLING: ["request"],
    OrderStatus.CANCELLED: ["request", "approve"],
}


def drive_order(order_id: int, target: OrderStatus, *, at: Callable[[float], datetime],
                notice: PaymentNotice, shipment: ShipInput, operator: str = "店員甲") -> int:
    """Take a freshly placed order to ``target`` through the services, step ``i`` at
    ``at(24 * i)``, paying with ``notice`` and shipping with ``shipment``."""
    for i, step in enumerate(PATHS[target], start=1):
        now = at(24 * i)
        if step == "pay":
            svc.record_payment_notice(order_id, notice, operator=operator, now=now)
        elif step == "confirm":
            svc.confirm_payment(order_id, operator=operator, now=now)
        elif step == "oos":
            svc.mark_out_of_stock(order_id, "缺貨中", operator=operator, now=now)
        elif step == "ship":
            svc.ship(order_id, shipment, operator=operator, now=now)
        elif step == "request":
            cs.request_cancellation(order_id, CancellationInput("不要了"), operator=operator,
                                    by=cs.CUSTOMER, now=now)
        elif step == "approve":
            req = CancellationRequest.get(CancellationRequest.order == order_id)
            cs.approve_cancellation(req.id, "CS-1", operator=operator, now=now)
    assert order_row(order_id).status == target
    return order_id


def database_at_version(path: str, version: int, migrated_at: datetime):
    """A SQLite file at ``path`` whose schema stops at migration ``version`` (the steps after it
    not run), as an older OrderDesk left it; connected, not migrated."""
    from app.models.db import connect, sqlite_url
    from app.models.migrations import MIGRATIONS, SchemaVersion

    db = connect(sqlite_url(path), migrate=False)
    with db.bind_ctx([SchemaVersion]):
        db.create_tables([SchemaVersion])
        for n in sorted(n for n in MIGRATIONS if n <= version):
            MIGRATIONS[n](db)
        SchemaVersion.create(version=version, migrated_at=migrated_at)
    return db


def race(target, args_list: list[tuple], timeout: float = 240) -> list:
    """Run ``target(*args, barrier, results)`` in one spawned process per ``args`` (each its
    own interpreter and database connection, as on separate desks), all starting at the
    barrier; returns what each put on ``results``."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(args_list))
    results = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, barrier, results), daemon=True)
             for args in args_list]
    for p in procs:
        p.start()
    try:
        return [results.get(timeout=timeout) for _ in procs]
    finally:
        for p in procs:
            p.join(30)
            if p.is_alive():
                p.terminate()


@contextmanager
def reporting(out: dict, results=None):
    """In a race's worker: an exception goes to ``out["errors"]`` (the test fails on any) instead
    of ending the process; with ``results``, ``out`` is put there on the way out."""
    try:
        yield
    except Exception:  # noqa: BLE001 - reported to the test
        out["errors"].append(traceback.format_exc(limit=6))
    if results is not None:
        results.put(out)


def place_ref(shop, client_ref, *, name="王小明"):
    """Place an order as the storefront does, under its reference ``client_ref``."""
    from app.services.orders import Buyer, Item, place_order

    return place_order(store_id=shop["store"].id, buyer=Buyer(name, "0912345678"),
                       items=[Item("藍牙耳機", 2, 350)], payment_method_id=shop["atm"].id,
                       shipping_method_id=shop["home"].id, operator="storefront",
                       client_ref=client_ref)
