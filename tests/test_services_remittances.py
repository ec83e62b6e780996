"""Carriers' remittances of cash-on-delivery money (代收款對帳, issue 12 item 2): recorded by
hand or from a carrier's statement file, matched by order number or tracking number; short
and over amounts, unknown lines and orders already remitted are listed; nothing is matched
twice; the orders' statuses do not move."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from db_rows import history, order_row

from app.domain.errors import ValidationError
from app.domain.inputs import ShipInput
from app.domain.remittance import RemittanceInput
from app.domain.statuses import OrderStatus
from app.models.tables import CarrierRemittance, RemittanceLine
from app.services import importer
from app.services import orders as svc
from app.services import remittances as rm

AT = datetime(2026, 11, 2, 2, 0)  # UTC: 10:00 in Taipei
TODAY = date(2026, 11, 20)

pytestmark = pytest.mark.usefixtures("desk_in_taipei")


@pytest.fixture
def picked(place, cod_method):
    """Make a COD order (820) shipped with tracking number ``tracking`` and picked up."""

    def _picked(tracking: str, *, day: int = 5, collect: bool = True) -> int:
        oid = place(order_date=AT, payment=cod_method)
        svc.accept_order(oid, operator="店員", now=AT + timedelta(hours=1))
        svc.ship(oid, ShipInput(date(2026, 11, 3), "黑貓宅急便", tracking), operator="店員",
                 now=AT + timedelta(hours=25), today=date(2026, 11, 3))
        if collect:
            svc.picked_up(oid, date(2026, 11, day), operator="店員", now=AT + timedelta(days=day),
                          today=date(2026, 11, day))
        return oid

    return _picked


def _remit(amount=1600, fee=40, **kw):
    return RemittanceInput(kw.get("carrier", "黑貓宅急便"), kw.get("day", date(2026, 11, 10)),
                           amount, fee, kw.get("reference", "TCAT-1110"))


def test_a_remittance_by_hand_covers_its_orders_and_records_short_amounts(picked):
    a, b = picked("T001"), picked("T002", day=6)
    version = order_row(a).version
    rec = rm.record_remittance(_remit(1600, 30), [a, b], operator="店員", now=AT + timedelta(days=9))
    assert (rec.collected, rec.difference) == (1640, -10)  # 1600 + 30 against 2 x 820: NT$10 short
    r = CarrierRemittance.get_by_id(rec.remittance_id)
    assert (r.carrier, r.amount, r.fee, r.collected, r.difference, r.reference, r.recorded_by) == (
        "黑貓宅急便", 1600, 30, 1640, -10, "TCAT-1110", "店員")
    assert sorted(line.order_id for line in RemittanceLine.select()) == [a, b]
    o = order_row(a)
    assert (o.status, o.version) == (OrderStatus.COMPLETED, version)  # nothing moved
    last = history(a)[-1]
    assert (last.machine, last.from_status, last.to_status, last.action) == (
        "remittance", "COMPLETED", "COMPLETED", "REMITTED")
    assert last.input_data == {"carrier": "黑貓宅急便", "remitted_on": "2026-11-10", "amount": 1600,
                               "fee": 30, "reference": "TCAT-1110", "collected": 820,
                               "fee_share": None, "remittance_id": rec.remittance_id}
    [summary] = rm.remittances()
    assert (summary.orders, summary.difference, summary.collected) == (2, -10, 1640)
    assert rm.remitted_orders(rec.remittance_id)[0][1] == 820


def test_unremitted_lists_collected_orders_with_their_days_since_pickup(picked):
    a, b = picked("T001", day=5), picked("T002", day=8)
    picked("T003", collect=False)  # still in delivery: nothing collected
    rows = rm.unremitted(today=TODAY)
    assert [(u.order_id, u.picked_up_on, u.days, u.collected) for u in rows] == [
        (a, date(2026, 11, 5), 15, 820), (b, date(2026, 11, 8), 12, 820)]
    rm.record_remittance(_remit(820, 0), [a], operator="店員", now=AT + timedelta(days=9))
    assert [u.order_id for u in rm.unremitted(today=TODAY)] == [b]


def test_an_order_is_never_remitted_twice_and_a_non_cod_order_is_refused_by_number(picked, place):
    a, b = picked("T001"), picked("T002")
    rm.record_remittance(_remit(820, 0), [a], operator="店員", now=AT + timedelta(days=9))
    with pytest.raises(ValidationError) as err:
        rm.record_remittance(_remit(), [b, a], operator="店員", now=AT + timedelta(days=9))
    assert err.value.field == "orders" and order_row(a).order_no in str(err.value)
    assert "已對帳" in str(err.value)
    transfer = place(order_date=AT)
    with pytest.raises(ValidationError) as err:
        rm.record_remittance(_remit(), [transfer], operator="店員", now=AT + timedelta(days=9))
    assert order_row(transfer).order_no in str(err.value)
    in_delivery = picked("T009", collect=False)
    with pytest.raises(ValidationError):
        rm.record_remittance(_remit(), [in_delivery], operator="店員", now=AT + timedelta(days=9))
    assert CarrierRemittance.select().count() == 1 and RemittanceLine.select().count() == 1


@pytest.mark.parametrize(("field", "value"), [
    ("carrier", _remit(carrier="  ")), ("amount", _remit(amount=-1)), ("fee", _remit(fee=-5)),
    ("remitted_on", _remit(day=date(2026, 12, 31))), ("orders", None),
])
def test_bad_input_names_its_field_and_saves_nothing(picked, field, value):
    a = picked("T001")
    with pytest.raises(ValidationError) as err:
        rm.record_remittance(value or _remit(), [] if value is None else [a], operator="店員",
                             now=AT + timedelta(days=9))
    assert err.value.field == field
    assert CarrierRemittance.select().count() == 0


def test_a_statement_with_a_short_line_an_unknown_order_and_one_already_remitted(picked, tmp_path):
    """The issue's check: a statement matched by order number or tracking number."""
    a, b, c, d = picked("T001"), picked("T002"), picked("T003"), picked("T004")
    rm.record_remittance(_remit(820, 0), [d], operator="店員", now=AT + timedelta(days=8))
    no_a, no_d = order_row(a).order_no, order_row(d).order_no
    path = tmp_path / "黑貓代收對帳單.csv"
    path.write_text("訂單編號,託運單號,代收金額,手續費\n"
                    f"{no_a},,820,20\n"         # by order number
                    ",T002,800,20\n"            # by tracking number: NT$20 short
                    ",T003,820,20\n"
                    "O20991231999,,500,10\n"    # no such order
                    f"{no_d},,820,20\n"         # remitted before: refused
                    ",,,\n", encoding="utf-8")
    match = rm.read_statement(path)
    assert [m.order_id for m in match.matched] == [a, b, c]
    assert [(m.row, m.difference) for m in match.short_over] == [(3, -20)]
    assert [(u.row, u.key) for u in match.unknown] == [(5, "O20991231999")]
    assert [(x.row, x.order_id) for x in match.already] == [(6, d)]
    assert (match.amount, match.fee, match.collected) == (2440, 60, 2460)
    rec = rm.record_statement(match, _remit(match.amount - match.fee, match.fee),
                              operator="店員", now=AT + timedelta(days=9))
    assert rec.difference == -20
    r = CarrierRemittance.get_by_id(rec.remittance_id)
    assert (r.source, r.amount, r.fee) == ("statement", 2380, 60)
    assert {line.order_id: line.fee_share for line in RemittanceLine.select()
            .where(RemittanceLine.remittance == r.id)} == {a: 20, b: 20, c: 20}
    again = rm.read_statement(path)  # read again: nothing is matched twice
    assert again.matched == [] and [x.order_id for x in again.already] == [a, b, c, d]
    with pytest.raises(ValidationError):
        rm.record_statement(again, _remit(), operator="店員", now=AT + timedelta(days=9))
    # the first match, recorded again, is refused whole
    with pytest.raises(ValidationError):
        rm.record_statement(match, _remit(), operator="店員", now=AT + timedelta(days=9))
    assert CarrierRemittance.select().count() == 2


def test_a_statement_names_bad_lines_and_needs_its_columns(picked, tmp_path):
    a = picked("T001")
    path = tmp_path / "s.csv"
    path.write_text(f"order no,amount\n{order_row(a).order_no},八百\n", encoding="utf-8")
    match = rm.read_statement(path)
    assert [(row, col) for row, col, _e in match.problems] == [(2, "amount")]
    assert match.matched == []
    bad = tmp_path / "t.csv"
    bad.write_text("品名,數量\nx,1\n", encoding="utf-8")
    with pytest.raises(importer.UnreadableFile):
        rm.read_statement(bad)


def test_an_xlsx_statement_matches_numeric_tracking_numbers(picked, tmp_path):
    import openpyxl

    a = picked("905512340012")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Tracking No", "Amount", "Fee"])
    ws.append([905512340012, 830, 10])  # a number in the sheet: NT$10 over
    path = tmp_path / "tcat.xlsx"
    wb.save(path)
    match = rm.read_statement(path)
    assert [(m.order_id, m.difference, m.fee) for m in match.matched] == [(a, 10, 10)]


def test_two_desks_remitting_one_order_the_second_is_refused_by_name(picked, monkeypatch):
    """The second desk read the order as not remitted yet (before the first committed): the
    unique order of ``remittance_line`` refuses it, and the clerk is told which order."""
    a = picked("T001")
    rm.record_remittance(_remit(820, 0), [a], operator="店員", now=AT + timedelta(days=9))
    real = rm._covered
    calls = []

    def stale_read(ids):
        calls.append(ids)
        return {} if len(calls) == 1 else real(ids)

    monkeypatch.setattr(rm, "_covered", stale_read)
    with pytest.raises(ValidationError) as err:
        rm.record_remittance(_remit(820, 0), [a], operator="乙", now=AT + timedelta(days=9))
    assert err.value.field == "orders" and order_row(a).order_no in str(err.value)
    assert CarrierRemittance.select().count() == 1
