"""Every free text of an action is at most ``bounds.MAX_TEXT`` characters, refused naming its
field, through the services as through the import (tests/test_import_sweep.py): the history
keeps an action's input as one text, which MariaDB's TEXT holds to 65,535 bytes."""

from datetime import date

import pytest

from app.domain.bounds import MAX_TEXT
from app.domain.errors import ValidationError
from app.domain.inputs import CancellationInput, PaymentNotice, required_text
from app.models.tables import CancellationRequest, StatusHistory
from app.models.tables import PaymentNotice as NoticeRow
from app.services import cancellations as cx
from app.services import orders as svc


def test_a_reason_or_note_longer_than_the_bound_is_refused_by_field(shop, place):
    oid = place()
    history = StatusHistory.select().count()
    with pytest.raises(ValidationError) as err:
        cx.request_cancellation(oid, CancellationInput("因" * (MAX_TEXT + 1)), by=cx.CUSTOMER, operator="storefront")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        svc.record_payment_notice(oid, PaymentNotice(date.today(), 820, "12345", "備" * (MAX_TEXT + 1)), operator="x")
    assert err.value.field == "note"
    assert CancellationRequest.select().count() == 0 and NoticeRow.select().count() == 0
    assert StatusHistory.select().count() == history
    # the bound itself is taken
    svc.record_payment_notice(oid, PaymentNotice(date.today(), 820, "12345", "備" * MAX_TEXT), operator="x")
    assert NoticeRow.get().note == "備" * MAX_TEXT


def test_required_text_names_a_nul(shop):
    with pytest.raises(ValidationError) as err:
        required_text("退\x00款", "reference")
    assert err.value.field == "reference"
