"""One write path (issue 10): every action's rows are built once (``app.services.writes``), and
the services, the demo's bulk path and the import write the same rows, column for column,
history input included.

The import's own comparison (its bulk path against the services, for new orders, payment
notices and customer requests) is ``tests/test_import.py``'s ``test_bulk_writes_what_place_order_writes``;
both run again on PostgreSQL and MariaDB (``tests/server/test_server_write_path.py``,
``tests/server/test_server_import.py``).
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta

import pytest

from app.domain.errors import ValidationError
from app.domain.inputs import PaymentNotice as Notice
from app.domain.invoice import InvoiceAction
from app.domain.statuses import CancelAction, OrderAction, OrderStatus
from app.models.db import connect, database, write_transaction
from app.models.tables import Order, PaymentNotice, StatusHistory
from app.services import demo, writes
from app.services import orders as svc
from app.services.common import local_date, now_or

TABLES = ("order", "order_item", "payment_notice", "cancellation_request", "status_history", "invoice",
          "invoice_void", "invoice_allowance")
EVERY_ACTION = {a.value for a in OrderAction} | {a.value for a in CancelAction}
INVOICE_ACTIONS = {a.value for a in InvoiceAction}
#: Each of the demo's scripted routes (together they take every action), plus the random walk.
NOW = datetime(2026, 3, 1, 9, 37, 41)


def write_routes(bulk: bool, *, walks: int = 40) -> None:
    """One order per scripted route, then ``walks`` random ones, into the connected database:
    through the action services, or through the demo's bulk writer."""
    start = NOW - timedelta(days=demo.DAYS)
    with write_transaction():
        shop = demo._Shop(start - timedelta(days=1))
    rng = random.Random(5)
    gen = demo._Generator(shop, rng, demo.DAYS * demo.DAY, start)
    t0s = sorted(rng.randrange(0, 60 * demo.DAY) for _ in range(len(demo.SCRIPTS) + walks))
    plans = [gen.walk(gen.order(t0), demo.SCRIPTS[i] if i < len(demo.SCRIPTS) else None)
             for i, t0 in enumerate(t0s)]
    if bulk:
        demo._bulk_load(shop, plans, start, len(plans), None, demo._Tally())
    else:
        for plan in plans:
            demo._run_services(shop, plan, start)


def dump(db) -> dict:
    q = db.quote[0], db.quote[-1]
    return {t: [tuple(r) for r in db.execute_sql(f"SELECT * FROM {q[0]}{t}{q[1]} ORDER BY id").fetchall()]
            for t in TABLES}


def assert_same_rows(services: dict, bulk: dict) -> None:
    for table in TABLES:
        assert len(services[table]) == len(bulk[table]), table
        for a, b in zip(services[table], bulk[table], strict=True):
            assert a == b, table
    actions = {h.action for h in StatusHistory.select(StatusHistory.action)}
    # The routes took every action of both machines, and invoices were recorded and voided.
    assert actions - INVOICE_ACTIONS == EVERY_ACTION
    assert {InvoiceAction.ISSUE.value, InvoiceAction.VOID.value} <= actions


def test_every_action_writes_the_same_rows_through_the_services_and_in_bulk(tmp_path):
    dumps = []
    try:
        for bulk in (False, True):
            d = connect("sqlite:///" + str(tmp_path / f"{bulk}.db"))
            write_routes(bulk)
            dumps.append(dump(d))
            if bulk:
                assert_same_rows(*dumps)
            d.close()
    finally:
        database.initialize(None)
    assert len(dumps[0]["order"]) == len(demo.SCRIPTS) + 40


# ---------------------------------------------------------------- the builders


@pytest.mark.parametrize("data", [
    {},
    {"reason": "缺貨 \"兩週\"\n再等", "amount": 820, "paid": True, "note": None},
    {"refund_date": date(2024, 5, 1), "at": datetime(2024, 5, 1, 2, 3, 4), "rate": 1.5},
    {"b": 1, "a": {"z": [1, "二"], "y": None}},
])
def test_history_input_is_the_json_the_history_always_held(data):
    def iso(value):
        return value.isoformat()

    assert writes.history_input(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, default=iso)
    assert writes.history_input(None) == "{}"


def test_a_step_is_built_without_the_database_and_chains_in_memory():
    at = datetime(2024, 5, 1, 2)
    new = writes.placed(order_no="X1", store_id=1, buyer=writes.Buyer(" 王 ", "0912-345-678"),
                        items=[writes.Item(" 杯 ", 2, 350)], payment=(3, "ATM"),
                        shipping=(4, "宅配", 120, 1000), operator="甲", at=at)
    assert (new.order["buyer_name"], new.order["buyer_phone"], new.order["total"]) == ("王", "0912345678", 820)
    assert new.items == [("杯", "", 2, 350)]
    state = new.state
    state.id = 9
    assert new.history_rows() == [(9, None, "order", None, "UNPAID", "PLACE", "甲", at,
                                   '{"shipping_fee": 120, "subtotal": 700, "total": 820}')]
    pay = writes.order_step(state, OrderAction.RECORD_PAYMENT, Notice(date(2024, 5, 1), 820, "12345"),
                            operator="乙", at=at)
    assert pay.order_set == {"status": "PAID", "status_since": at, "version": 2, "updated_at": at,
                             "updated_by": "乙"}
    assert (pay.order_from, pay.order_version) == ("UNPAID", 1)
    pay.advance()
    confirm = writes.order_step(state, OrderAction.CONFIRM_PAYMENT, operator="乙", at=at)
    assert confirm.history_rows()[0][-1] == '{"confirmed_amount": 820, "notice_amount": 820, "total": 820}'
    assert confirm.order_set["confirmed_amount"] == 820
    confirm.advance()
    assert (state.status, state.version) == ("AWAITING_SHIPMENT", 3)


# ---------------------------------------------------------------- transfer date not after today


def _today() -> date:
    return local_date(now_or(None))


def test_the_service_refuses_a_transfer_date_after_today(place):
    oid = place()
    before = (Order.get_by_id(oid).version, PaymentNotice.select().count())
    with pytest.raises(ValidationError) as err:
        svc.record_payment_notice(oid, Notice(_today() + timedelta(days=30), 820, "12345"),
                                  operator="店員甲")
    assert err.value.field == "transfer_date"
    assert err.value.message() == "轉帳日期不能晚於今天。"
    assert (Order.get_by_id(oid).version, PaymentNotice.select().count()) == before
    svc.record_payment_notice(oid, Notice(_today(), 820, "12345"), operator="店員甲")
    assert Order.get_by_id(oid).status == OrderStatus.PAID


def test_the_import_refuses_a_transfer_date_after_today(shop, place, tmp_path):
    from test_import import NH, write_csv

    from app.services import importer as im

    no = Order.get_by_id(place()).order_no
    ahead = (_today() + timedelta(days=30)).isoformat()
    plan = im.check_file(write_csv(tmp_path / "n.csv", NH, [
        [no, ahead, 820, "12345", ""],
        [no, _today().isoformat(), 820, "12345", ""],
    ]))
    assert [(b.row, b.column, b.message()) for b in plan.bad] == [(2, "轉帳日期", "轉帳日期不能晚於今天。")]
    assert [n.row for n in plan.notices] == [3]


def test_no_history_json_is_written_by_hand():
    """Every history record's JSON comes from ``writes.history_input``; a migration keeps the
    form it was written with (it must not change when the code does)."""
    import re
    from pathlib import Path

    app = Path(__file__).resolve().parent.parent / "app"
    # The import's journal keeps staged records as JSON, never a history record.
    allowed = {app / "services" / "writes.py", app / "models" / "migrations.py",
               app / "services" / "import_journal.py"}
    by_hand = [f"{path.relative_to(app.parent)}:{n}"
               for path in sorted(app.rglob("*.py")) if path not in allowed
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if re.search(r"json\.dumps?\(|JSONEncoder\(", line)]
    assert by_hand == []
