"""Month close with people on PostgreSQL and MariaDB (issues 14 and 16): a clerk's login checks
the closed months on every dated action (the check needs no right a clerk lacks), is refused
closing a month, and a supervisor's login closes and reopens one."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_server_people import signed_in, staff  # noqa: F401 - the fixture

from app.domain.errors import DomainError, PermissionDeniedError, ValidationError
from app.domain.inputs import PaymentNotice, ShipInput
from app.models.tables import ClosedMonth, ShopHistory
from app.services import ledger, shop_clock
from app.services import orders as svc

pytestmark = pytest.mark.usefixtures("desk_in_taipei")


def test_a_clerk_acts_under_a_closed_month_and_only_a_supervisor_closes_it(server_db, staff, place):  # noqa: F811
    oid = place(order_date=datetime(2026, 10, 1, 2))
    with signed_in(server_db, staff["clerk"]):
        svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 2), 820, "12345"), operator="x",
                                  now=datetime(2026, 10, 2, 2))
        with pytest.raises(DomainError) as err:
            ledger.close_month("2026-10", operator="x")
        assert isinstance(err.value, PermissionDeniedError)
    assert not ClosedMonth.select().exists()
    with signed_in(server_db, staff["supervisor"]):
        assert ledger.close_month("2026-10", operator="x").events == 1
    with signed_in(server_db, staff["clerk"]):
        with pytest.raises(ValidationError) as err:
            svc.confirm_payment(oid, operator="x", now=datetime(2026, 10, 20, 2))
        assert "2026-10" in err.value.message()
        svc.confirm_payment(oid, operator="x")
        with pytest.raises(ValidationError):
            svc.ship(oid, ShipInput(date(2026, 10, 30), "郵局", "P-1"), operator="x")
        svc.ship(oid, ShipInput(shop_clock.today(), "郵局", "P-1"), operator="x")
    with signed_in(server_db, staff["supervisor"]):
        ledger.reopen_month("2026-10", "補登", operator="x")
    assert [h.action for h in ShopHistory.select().order_by(ShopHistory.id)] == [
        "CLOSE_MONTH", "REOPEN_MONTH"]
