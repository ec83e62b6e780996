import os
import time
from pathlib import Path

# No screen: Qt's offscreen platform, with one screen of a clerk's laptop, 1366×768
# (tests/desk_screen.json), on which the window must fit.
# A plain QT_QPA_PLATFORM=offscreen from the shell gets the same screen.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        "offscreen:configfile=" + str(Path(__file__).with_name("desk_screen.json")))
# The desk stands in the shop's zone (Asia/Taipei until a test sets another), so a test that
# takes today from the desk (date.today(), QDate.currentDate()) agrees with the shop's today;
# tests/test_clock.py moves the desk elsewhere and shows that the shop's days stay.
os.environ["TZ"] = "Asia/Taipei"
if hasattr(time, "tzset"):
    time.tzset()

import pytest  # noqa: E402
from db_rows import make_shop  # noqa: E402

from app.models.db import connect, database  # noqa: E402


@pytest.fixture
def db(tmp_path):
    """A fresh SQLite file with the latest schema."""
    d = connect("sqlite:///" + str(tmp_path / "test.db"))
    yield d
    d.close()


@pytest.fixture(params=["sqlite", "pg", "mysql"])
def anydb(request, tmp_path):
    """A fresh, migrated database on SQLite, then each server (skipped where none is named),
    bound to OrderDesk."""
    if request.param == "sqlite":
        d = connect("sqlite:///" + str(tmp_path / "any.db"))
        yield d
        d.close()
        return
    import sys

    sys.path.insert(0, str(Path(__file__).with_name("server")))
    from server_db import connected

    with connected(request.param) as d:
        yield d


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
            payment_method_id=kw.get("payment", shop["atm"]).id,
            shipping_method_id=kw.get("shipping", shop["home"]).id,
            operator="店員甲",
            order_date=kw.get("order_date"),
        )
        return ch.order_id

    return _place


@pytest.fixture
def cod_method(shop):
    """A cash-on-delivery payment method (the carrier collects; refunds go by remittance)."""
    from app.models.tables import PaymentMethod

    return PaymentMethod.create(title="貨到付款", position=3, refund_channel="cod")


@pytest.fixture
def cod_order(place, cod_method):
    """Place a cash-on-delivery order ``placed`` days ago and take it through the services to
    ``status``: accepted (AWAITING_SHIPMENT), shipped ``shipped`` days ago by ``carrier``
    (IN_DELIVERY), picked up ``picked`` days ago (COMPLETED); returns its id."""
    from datetime import date, datetime, timedelta

    from app.domain.inputs import ShipInput
    from app.models.tables import Order
    from app.services import orders as svc
    from app.services import shop_clock

    def _make(status: str = "UNPAID", *, placed: int = 3, shipped: int = 1,
              carrier: str = "7-ELEVEN 交貨便", tracking: str = "E1", picked: int = 0) -> int:
        today = date.today()
        # the desk's clock is the shop's (TZ above); an order's date is UTC
        oid = place(order_date=shop_clock.to_utc(datetime.now().replace(microsecond=0) - timedelta(days=placed)),
                    payment=cod_method)
        if status in ("AWAITING_SHIPMENT", "IN_DELIVERY", "COMPLETED"):
            svc.accept_order(oid, operator="乙")
        if status in ("IN_DELIVERY", "COMPLETED"):
            svc.ship(oid, ShipInput(today - timedelta(days=shipped), carrier, tracking), operator="乙")
        if status == "COMPLETED":
            svc.picked_up(oid, today - timedelta(days=picked), operator="乙")
        assert Order.get_by_id(oid).status == status
        return oid

    return _make


def _desk_in(monkeypatch, zone: str):
    """The desk's own time zone, and the shop's, set to ``zone`` for one test (the desk's where
    the platform can)."""
    from zoneinfo import ZoneInfo

    from app.services import shop_clock

    monkeypatch.setattr(shop_clock, "shop_zone", lambda: ZoneInfo(zone))
    if hasattr(time, "tzset"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
    yield
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture
def desktop_in_utc(monkeypatch):
    """The desk and the shop on UTC (for tests whose dates are chosen for it)."""
    yield from _desk_in(monkeypatch, "UTC")


@pytest.fixture
def desk_in_taipei(monkeypatch):
    """The desk and the shop on Taiwan time: local time differs from UTC, so a missed
    conversion shows."""
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


@pytest.fixture(autouse=True)
def fake_keychain():
    """Every test gets an empty in-memory keychain (tests/fake_keyring.py), never the real one."""
    import keyring
    from fake_keyring import FakeKeyring

    from app.services import credentials

    before = keyring.get_keyring()
    fake = FakeKeyring()
    keyring.set_keyring(fake)
    yield fake
    keyring.set_keyring(before)
    credentials.forget_secrets()


# ---------------------------------------------------------------- the views


@pytest.fixture
def session(tmp_path, qapp):
    """A clerk's session (its own settings file) whose clerk is 店員甲."""
    from PySide6.QtCore import QSettings

    from app.views.session import Session

    s = Session(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    s.set_operator("店員甲")
    return s


@pytest.fixture
def shown(qtbot):
    """``shown(widget, (w, h))``: the widget at that size, shown, and closed after the test."""

    def _show(widget, size: tuple[int, int]):
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        return widget

    return _show


@pytest.fixture
def clerk_window(qtbot, tmp_path):
    """``clerk_window(who)``: a shown MainWindow whose clerk is ``who``, with its own settings
    file; ``live_ms`` sets the live refresh's interval."""
    from PySide6.QtCore import QSettings

    from app.views.main_window import MainWindow

    def _make(who: str, *, live_ms: int | None = None, size: tuple[int, int] | None = None):
        s = QSettings(str(tmp_path / f"{who}.ini"), QSettings.Format.IniFormat)
        s.setValue("clerk/name", who)
        w = MainWindow(s)
        qtbot.addWidget(w)
        if live_ms is not None:
            w.live.timer.setInterval(live_ms)
        if size is not None:
            w.resize(*size)
        w.show()
        return w

    return _make


class PromptDoor:
    """Stands in for the views' one message door, ``app.views.prompts.show``.

    Every prompt is kept in ``log`` as (parent, prompt); every message (information, warning,
    about) also in ``messages`` as (kind, title, text).  ``answers[kind]`` answers a kind: a
    value, or a function of (parent, prompt) whose result is the answer.  Messages need no
    answer; the clerk's-name prompt goes on to the real door (tests patch ``QInputDialog``);
    any other unanswered question fails the test instead of waiting for a click."""

    def __init__(self, real):
        from app.views.prompts import Kind

        self.real = real
        self.message_kinds = {Kind.INFO, Kind.WARNING, Kind.ABOUT}
        self.text_kind = Kind.TEXT
        self.log: list = []
        self.messages: list[tuple[str, str, str]] = []
        self.answers: dict = {}

    def __call__(self, parent, prompt):
        self.log.append((parent, prompt))
        if prompt.kind in self.message_kinds:
            self.messages.append((prompt.kind, prompt.title, prompt.text))
        if prompt.kind in self.answers:
            answer = self.answers[prompt.kind]
            return answer(parent, prompt) if callable(answer) else answer
        if prompt.kind in self.message_kinds:
            return None
        if prompt.kind is self.text_kind:
            return self.real(parent, prompt)
        raise AssertionError(f"a prompt no test answers: {prompt}")


@pytest.fixture
def prompts(monkeypatch):
    """Every prompt of the views through a ``PromptDoor`` instead of a real box."""
    from app.views import prompts as door

    fake = PromptDoor(door.show)
    monkeypatch.setattr(door, "show", fake)
    return fake
