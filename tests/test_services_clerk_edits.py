"""Issue 17: a clerk's notes and 修改收件資訊, checked on the database rows (and on the servers:
tests/server_actions/).  Every refusal writes nothing; every success writes its history record
in the same transaction."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from db_rows import drive_order, history, order_row, refused, snapshot

from app.domain.clerk_edits import ClerkAction, DeliveryInput
from app.domain.errors import NotFoundError, StaleError, TransitionError, ValidationError
from app.domain.inputs import CancellationInput, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.statuses import OrderStatus
from app.models.tables import CancellationRequest, Order, OrderNote
from app.services import cancel_list, queries
from app.services import cancellations as cs
from app.services import clerk_edits as svc

S = OrderStatus
AT = datetime(2024, 5, 1, 2, 0, 0)
NOTICE = Notice(date(2024, 5, 1), 820, "12345")
SHIPMENT = ShipInput(date(2024, 5, 3), "黑貓宅急便", "TW-0001")
NEW = DeliveryInput("王大明", "0922-333 444", "  新北市板橋區文化路一段 1 號  ")

pytestmark = pytest.mark.usefixtures("desktop_in_utc")


def _at(hours: float) -> datetime:
    return AT + timedelta(hours=hours)


@pytest.fixture
def placed(place):
    return place(order_date=AT)


# ---------------------------------------------------------------- notes


def test_a_note_is_kept_in_its_table_and_the_history_and_marks_the_order(placed):
    version = order_row(placed).version
    change = svc.add_note(placed, "  顧客來電：請下午送達  ", operator="店員甲", now=_at(1))
    note = OrderNote.get(OrderNote.order == placed)
    assert (note.body, note.operator, note.at, note.cancellation_id) == (
        "顧客來電：請下午送達", "店員甲", _at(1), None)
    o = order_row(placed)
    assert o.note_count == 1 and o.version == version  # a note is no change of the order
    (h,) = history(placed, "note")
    assert (h.from_status, h.to_status, h.action, h.operator, h.at) == (
        "UNPAID", "UNPAID", ClerkAction.NOTE, "店員甲", _at(1))
    assert json.loads(h.input) == {"note": "顧客來電：請下午送達"}
    assert change.history_ids == (h.id,) and change.order_statuses == {"UNPAID"}
    svc.add_note(placed, "第二則", operator="店員乙", now=_at(2))
    assert order_row(placed).note_count == 2
    assert queries.fetch_orders(queries.OrderFilter())[0][0].note_count == 2


def test_a_note_in_any_status_even_cancelled(placed):
    drive_order(placed, S.CANCELLED, at=_at, notice=NOTICE, shipment=SHIPMENT)
    svc.add_note(placed, "已取消，顧客仍來電詢問", operator="店員甲", now=_at(200))
    assert order_row(placed).note_count == 1


def test_a_note_on_a_request_names_the_request(placed):
    cs.request_cancellation(placed, CancellationInput("不要了"), by=cs.CUSTOMER, operator="網站",
                            now=_at(1))
    req = CancellationRequest.get(CancellationRequest.order == placed)
    change = svc.add_note(placed, "已電話確認取消原因", operator="店員甲", cancellation_id=req.id,
                          now=_at(2))
    assert change.cancel_statuses == {"PENDING_REVIEW"}
    (h,) = history(placed, "note")
    assert h.cancellation_id == req.id
    assert OrderNote.get(OrderNote.order == placed).cancellation_id == req.id
    row = cancel_list.fetch_cancellations(cancel_list.CancelFilter())[0][0]
    assert row.note_count == 1


@pytest.mark.parametrize("text, field", [("", "note"), ("   ", "note"), ("字" * 2001, "note")])
def test_an_empty_or_too_long_note_is_refused(placed, text, field):
    error = refused(ValidationError, lambda: svc.add_note(placed, text, operator="店員甲"))
    assert error.field == field


def test_a_note_needs_a_clerk_an_order_and_the_orders_own_request(placed, place):
    refused(ValidationError, lambda: svc.add_note(placed, "x", operator=" "))
    refused(NotFoundError, lambda: svc.add_note(999_999, "x", operator="店員甲"))
    other = place()
    cs.request_cancellation(other, CancellationInput("不要了"), by=cs.CUSTOMER, operator="網站")
    req = CancellationRequest.get(CancellationRequest.order == other)
    refused(NotFoundError, lambda: svc.add_note(placed, "x", operator="店員甲", cancellation_id=req.id))


# ---------------------------------------------------------------- 修改收件資訊


@pytest.mark.parametrize("status", [S.UNPAID, S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK])
def test_delivery_is_corrected_before_shipment_with_old_and_new_in_the_history(placed, status):
    drive_order(placed, status, at=_at, notice=NOTICE, shipment=SHIPMENT)
    o = order_row(placed)
    change = svc.edit_delivery(placed, NEW, operator="店員甲", expected_version=o.version,
                               now=_at(300))
    after = order_row(placed)
    assert (after.buyer_name, after.buyer_phone, after.delivery_address) == (
        "王大明", "0922333444", "新北市板橋區文化路一段 1 號")  # the phone as place_order keeps it
    assert after.status == status and after.version == o.version + 1
    assert (after.updated_by, after.updated_at) == ("店員甲", _at(300))
    h = history(placed, "order")[-1]
    assert (h.from_status, h.to_status, h.action, h.at) == (status, status, ClerkAction.EDIT_DELIVERY,
                                                           _at(300))
    assert json.loads(h.input) == {
        "buyer_name": {"old": "王小明", "new": "王大明"},
        "buyer_phone": {"old": "0912345678", "new": "0922333444"},
        "delivery_address": {"old": "台北市", "new": "新北市板橋區文化路一段 1 號"},
    }
    assert change.order_version == after.version and change.history_ids == (h.id,)


def test_only_the_changed_fields_are_recorded(placed):
    svc.edit_delivery(placed, DeliveryInput("王小明", "0912-345-678", "台北市信義區"), operator="甲")
    assert json.loads(history(placed)[-1].input) == {
        "delivery_address": {"old": "台北市", "new": "台北市信義區"}}


@pytest.mark.parametrize("status", [S.COMPLETED, S.CANCELLING, S.CANCELLED])
def test_delivery_cannot_be_corrected_once_shipped_or_cancelled(placed, status):
    drive_order(placed, status, at=_at, notice=NOTICE, shipment=SHIPMENT)
    error = refused(TransitionError, lambda: svc.edit_delivery(placed, NEW, operator="店員甲"))
    assert "修改收件資訊" in str(error)


@pytest.mark.parametrize("value, field", [
    (DeliveryInput(" ", "0912345678", "台北市"), "buyer_name"),
    (DeliveryInput("王", "0912345678", ""), "delivery_address"),
    (DeliveryInput("王", "09十二", "台北市"), "buyer_phone"),
    (DeliveryInput("王", "0912345678", "址" * 301), "delivery_address"),
    (DeliveryInput("王" * 101, "0912345678", "台北市"), "buyer_name"),
    (DeliveryInput("王小明", "0912 345 678", "台北市"), "delivery"),  # nothing changed
    (DeliveryInput("王小明", "０９１２ ３４５ ６７８", "台北市"), "delivery"),  # full-width: the same
])
def test_bad_delivery_input_names_the_field_and_writes_nothing(placed, value, field):
    error = refused(ValidationError, lambda: svc.edit_delivery(placed, value, operator="店員甲"))
    assert error.field == field


def test_a_stale_correction_is_refused(placed):
    seen = order_row(placed).version
    svc.edit_delivery(placed, NEW, operator="店員乙", now=_at(5))
    error = refused(StaleError, lambda: svc.edit_delivery(
        placed, DeliveryInput("李", "", "高雄市"), operator="店員甲", expected_version=seen))
    assert error.changed_by == "店員乙"


def test_a_note_does_not_make_a_clerks_screen_stale(placed):
    seen = order_row(placed).version
    svc.add_note(placed, "先記一下", operator="店員乙")
    svc.edit_delivery(placed, NEW, operator="店員甲", expected_version=seen)


# ---------------------------------------------------------------- the buyer's other orders


def test_the_buyers_other_orders_by_phone_or_email(place):
    first = place(order_date=AT, phone="0912345678")
    by_phone = place(order_date=_at(24), phone="0912345678")
    by_email = place(order_date=_at(48), phone="0987654321")  # the fixture's e-mail
    Order.update(buyer_email="other@example.com").where(Order.id == first).execute()
    stranger = place(order_date=_at(72), phone="0955000000")
    Order.update(buyer_email="z@example.com").where(Order.id == stranger).execute()
    d = queries.order_detail(by_phone)
    assert [o.id for o in d.other_orders] == [by_email, first]  # newest first
    o = d.other_orders[-1]
    assert (o.order_no, o.status, o.total, o.order_date) == (order_row(first).order_no, S.UNPAID, 820, AT)
    assert [o.id for o in queries.order_detail(stranger).other_orders] == []


def test_an_empty_phone_or_email_matches_nothing(place):
    a = place(phone="")
    b = place(phone="")
    Order.update(buyer_email="").where(Order.id.in_([a, b])).execute()
    assert queries.buyer_orders(a, "", "") == []


def test_the_other_orders_come_from_the_indexes(db, placed):
    """The lookups use the phone and e-mail indexes (SQLite's plan), never a scan of orders."""
    if not hasattr(db, "execute_sql") or "sqlite" not in type(db).__name__.lower():
        pytest.skip("SQLite's plan")
    for column in ("buyer_phone", "buyer_email"):
        plan = " ".join(str(r[-1]) for r in db.execute_sql(
            f'EXPLAIN QUERY PLAN SELECT id FROM "order" WHERE {column} = ? AND id <> ? '
            "ORDER BY order_date DESC LIMIT 50", ("x", 1)).fetchall())
        assert f"order_{column}" in plan, plan


@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_notes_are_append_only(db, placed, verb):
    from peewee import DatabaseError

    from app.models.db import database

    svc.add_note(placed, "先記一下", operator="店員甲")
    before = snapshot()
    sql = {"UPDATE": "UPDATE order_note SET body = 'x'", "DELETE": "DELETE FROM order_note"}[verb]
    with pytest.raises(DatabaseError, match="append-only"):
        with database.atomic():
            database.execute_sql(sql)
    assert snapshot() == before
