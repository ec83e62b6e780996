"""Imports that do not stop the shop (issue 15, item 5), on SQLite: a clerk's action waits at
most 2 s behind an import; an import cut short is finished, never left half; a row whose order
a clerk changed while the import was written is left out and reported by sheet and row.  The
servers' twins are in tests/server/test_server_import_clerks.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from import_clerks import (
    DAY,
    a_clerk_first_is_reported_by_row,
    assert_whole_and_waits_bounded,
    cut_short_then_finished,
    failing_first_slice_leaves_nothing,
    figures,
    first_commit_answer_lost,
    race,
)

from app.models.db import database, sqlite_url
from app.services import importer as im


@pytest.mark.slow
def test_clerks_wait_at_most_two_seconds_behind_an_import(db, tmp_path):
    seen = race(tmp_path, 30_000)
    print(figures(seen))
    assert_whole_and_waits_bounded(seen)


def test_an_import_cut_short_is_finished_on_the_next_open(db, tmp_path, monkeypatch):
    import main

    cut_short_then_finished(tmp_path, monkeypatch, lambda: main.open_database(sqlite_url(db.database)))


def test_an_import_cut_short_is_finished_by_the_next_import(db, tmp_path, monkeypatch):
    cut_short_then_finished(tmp_path, monkeypatch, lambda: im.apply_import(
        im.check_file(tmp_path / "orders.csv", today=DAY), operator="匯入"))


def test_a_failure_in_the_first_slice_leaves_nothing(db, tmp_path, monkeypatch):
    failing_first_slice_leaves_nothing(tmp_path, monkeypatch)


def test_a_first_slice_committed_without_its_answer_is_finished_not_dropped(db, tmp_path, monkeypatch):
    first_commit_answer_lost(tmp_path, monkeypatch)


def test_a_clerk_first_is_reported_by_row_not_failed(db, tmp_path, monkeypatch):
    a_clerk_first_is_reported_by_row(tmp_path, monkeypatch)


#: ``python -c KILLED_AFTER_A_SLICE URL FILE MARKER``: imports FILE into URL in slices of a few
#: records, and after the first slice has committed makes MARKER and waits to be killed.
KILLED_AFTER_A_SLICE = """
import sys, time
from app.services import import_write
from app.services import importer as im
real = import_write._slice_again
def slice_then_wait(*args):
    done = real(*args)
    open(sys.argv[3], "w").close()
    time.sleep(120)
import_write._slice_again = slice_then_wait
import_write.SLICE_SECONDS = 0.0
from app.models.db import connect
connect(sys.argv[1])
im.apply_import(im.check_file(sys.argv[2]), operator="匯入")
"""


def test_a_killed_import_is_finished_by_the_next_open_once_its_lease_is_over(tmp_path, monkeypatch):
    """kill -9 after the first slice: part of the import is there; another desk leaves it
    alone while its importer may still be alive (``LEASE``), then the next open finishes it."""
    from db_rows import make_shop
    from kill_helpers import kill_when, start
    from test_import import OH, order_row, write_csv

    import main
    from app.models.db import connect
    from app.models.tables import ImportBatch, Order
    from app.services import import_journal as journal

    url = sqlite_url(str(tmp_path / "shop.db"))
    connect(url)
    make_shop()
    csv_path = write_csv(tmp_path / "orders.csv", OH, [order_row(f"K{i:05d}") for i in range(3000)])
    marker = tmp_path / "sliced"
    kill_when(start(["-c", KILLED_AFTER_A_SLICE, url, str(csv_path), str(marker)], tmp_path), marker.exists)
    connect(url)
    try:
        half = Order.select().count()
        assert 0 < half < 3000
        assert im.finish_interrupted() == []  # its importer may be alive: left alone
        assert Order.select().count() == half and ImportBatch.get().state == journal.APPLYING
        monkeypatch.setattr(journal, "LEASE", timedelta(0))  # ... until its lease is over
        main.open_database(url)
        assert Order.select().count() == 3000
        assert sorted(no for (no,) in Order.select(Order.order_no).tuples()) == [f"K{i:05d}" for i in range(3000)]
        assert ImportBatch.get().state == journal.DONE
    finally:
        database.close()


def test_the_journal_keeps_every_field_of_every_record():
    """A record staged in the journal (JSON) comes back equal, every kind; a field added to one
    of their classes must be added to the journal's form (``_encode`` / ``_decode``) too."""
    import json
    from dataclasses import fields
    from datetime import date, datetime

    from app.domain.inputs import CancellationInput, PaymentNotice, Remittance
    from app.domain.invoice import InvoiceInput
    from app.domain.pickup import PickupStore
    from app.services import writes

    records = [
        (im.ORDERS, im.NewOrder("訂單", 2, "A1", datetime(2026, 11, 1, 2, 30), 3, (1, "ATM 轉帳", "remittance"),
                                (2, "7-11 取貨", 60, 999, "seven"),
                                writes.Buyer("王小明", "0912345678", "a@example.com", "台北市",
                                             PickupStore("123456", "大安門市", "台北市大安區")),
                                [writes.Item("茶葉", 2, 300, "大罐"), writes.Item("杯", 1, 99)])),
        (im.ORDERS, im.NewOrder("訂單", 4, "A2", datetime(2026, 11, 1, 3), 3, (1, "ATM 轉帳", "remittance"),
                                (3, "宅配", 120, 1000, None), writes.Buyer("林"), [writes.Item("茶葉", 1, 300)])),
        (im.NOTICES, im.NewNotice("付款", 2, "A1", PaymentNotice(date(2026, 11, 2), 660, "12345", "備註"))),
        (im.INVOICES, im.NewInvoice("發票", 2, "A1", InvoiceInput("AB12345678", date(2026, 11, 3), "B2B", 660,
                                                                "printed", "", "12345675", "好日子有限公司"))),
        (im.CANCELLATIONS, im.NewRequest("取消", 2, "A1", CancellationInput(
            "不要了", Remittance("812", "台北分行", "1234567890", "王小明")), datetime(2026, 11, 4, 5, 6))),
        (im.CANCELLATIONS, im.NewRequest("取消", 3, "A2", CancellationInput("買錯了"), None)),
    ]
    for kind, record in records:
        assert im._decode(json.loads(json.dumps(im._encode(kind, record)))) == (kind, record)
    names = {cls.__name__: [f.name for f in fields(cls)] for cls in (
        im.NewOrder, writes.Buyer, PickupStore, writes.Item, im.NewNotice, PaymentNotice, im.NewInvoice,
        InvoiceInput, im.NewRequest, CancellationInput, Remittance)}
    assert names == {
        "NewOrder": ["sheet", "row", "order_no", "order_date", "store_id", "payment", "shipping", "buyer", "items"],
        "Buyer": ["name", "phone", "email", "address", "pickup"],
        "PickupStore": ["code", "name", "address"],
        "Item": ["product", "quantity", "unit_price", "options"],
        "NewNotice": ["sheet", "row", "order_no", "notice"],
        "PaymentNotice": ["transfer_date", "amount", "account_last5", "note"],
        "NewInvoice": ["sheet", "row", "order_no", "invoice"],
        "InvoiceInput": ["invoice_no", "invoice_date", "kind", "total", "carrier_type", "carrier_id",
                         "buyer_ban", "buyer_title"],
        "NewRequest": ["sheet", "row", "order_no", "request", "at"],
        "CancellationInput": ["reason", "remittance"],
        "Remittance": ["bank_code", "branch", "account_number", "account_name"],
    }
