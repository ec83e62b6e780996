import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from db_rows import make_shop  # noqa: E402

from app.models.db import connect, database  # noqa: E402


@pytest.fixture
def db(tmp_path):
    """A fresh SQLite file with the latest schema."""
    d = connect("sqlite:///" + str(tmp_path / "test.db"))
    yield d
    d.close()


@pytest.fixture
def shop(db):
    """``make_shop()`` in the test's database."""
    return make_shop()


@pytest.fixture
def place(shop):
    """Place an order through the service; returns its id."""
    from app.services.orders import Buyer, Item, place_order

    def _place(total_items=((("藍牙耳機", 2, 350),)), **kw):
        items = [Item(p, q, u) for (p, q, u) in total_items]
        ch = place_order(
            store_id=shop["store"].id,
            buyer=Buyer(kw.get("name", "王小明"), kw.get("phone", "0912345678"), "a@example.com", "台北市"),
            items=items,
            payment_method_id=shop["atm"].id,
            shipping_method_id=kw.get("shipping", shop["home"]).id,
            operator="店員甲",
            order_date=kw.get("order_date"),
        )
        return ch.order_id

    return _place


def _desk_in(monkeypatch, zone: str):
    """The desk's own time zone set to ``zone`` for one test (where the platform can)."""
    if hasattr(time, "tzset"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
    yield
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture
def desktop_in_utc(monkeypatch):
    """The desk on UTC (for tests whose dates are chosen for it)."""
    yield from _desk_in(monkeypatch, "UTC")


@pytest.fixture
def desk_in_taipei(monkeypatch):
    """The desk on Taiwan time: local time differs from UTC, so a missed conversion shows."""
    yield from _desk_in(monkeypatch, "Asia/Taipei")


@pytest.fixture
def spied_steps(monkeypatch):
    """Record every migration step that runs: the list of their numbers, in order."""
    from app.models.migrations import MIGRATIONS

    ran: list[int] = []
    for n, step in list(MIGRATIONS.items()):
        def spy(db, _n=n, _step=step):
            ran.append(_n)
            return _step(db)

        monkeypatch.setitem(MIGRATIONS, n, spy)
    return ran


__all__ = ["database"]
