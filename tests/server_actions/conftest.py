"""The SQLite tests of the order and cancellation actions, run again on PostgreSQL and
MariaDB (when ``ORDERDESK_TEST_PG`` / ``ORDERDESK_TEST_MYSQL`` name a server).

One database per server for the whole run (made and dropped by ``server_db.py``), emptied
before each test — creating a database per test would cost a second each, hundreds of times.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from server_db import KINDS, connected  # noqa: E402

TABLES = ["import_chunk", "import_batch", "action_key", "remittance_line", "carrier_remittance", "ledger_snapshot", "closed_month", "shop_history", "vat_filing", "invoice_allowance", "invoice_void", "invoice", "status_history", "order_note", "method_history", "cancellation_request", "payment_notice", "order_item",
          "order", "payment_method", "shipping_method", "store", "order_status_count", "cancel_status_count", "order_no_counter", "carrier", "order_gram",
          "gram_status_count", "order_hour_count", "order_method_count", "order_day_count",
          "order_ship_day_count"]


@pytest.fixture(scope="session", params=KINDS)
def server_once(request):
    with connected(request.param) as db:
        db.kind = request.param
        yield db


def _empty(db) -> None:
    db.execute_sql("DELETE FROM shop_setting WHERE name <> 'time_zone'")
    if db.kind == "pg":
        names = ", ".join(f'"{t}"' for t in TABLES)
        db.execute_sql(f"TRUNCATE TABLE {names} RESTART IDENTITY CASCADE")
    else:
        db.execute_sql("SET FOREIGN_KEY_CHECKS = 0")
        try:
            for t in TABLES:
                db.execute_sql(f"TRUNCATE TABLE `{t}`")
        finally:
            db.execute_sql("SET FOREIGN_KEY_CHECKS = 1")


@pytest.fixture
def db(server_once):
    """``tests/conftest.py``'s ``db``, on the server: the same tables, empty."""
    from app.models.db import connect

    connect(server_once.server_url, migrate=False)
    from app.models.db import database

    database.obj.kind = server_once.kind
    _empty(database.obj)
    yield database.obj


def pytest_collection_modifyitems(items):
    for item in items:
        if "server_once" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)
