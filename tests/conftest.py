import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The desk stands in the shop's zone (Asia/Taipei until a test sets another), so a test that
# takes today from the desk (date.today(), QDate.currentDate()) agrees with the shop's today;
# tests/test_clock.py moves the desk elsewhere and shows that the shop's days stay.
os.environ["TZ"] = "Asia/Taipei"
if hasattr(time, "tzset"):
    time.tzset()

import pytest  # noqa: E402

from app.models.db import connect, database  # noqa: E402
from app.models.tables import PaymentMethod, ShippingMethod, Store  # noqa: E402


@pytest.fixture
def db(tmp_path):
    """A fresh SQLite file with the latest schema."""
    d = connect("sqlite:///" + str(tmp_path / "test.db"))
    yield d
    d.close()


@pytest.fixture
def shop(db):
    """One store, two payment methods, two shipping methods (one with free shipping at 1000)."""
    store = Store.create(name="測試商店")
    atm = PaymentMethod.create(title="ATM 轉帳", position=1)
    card = PaymentMethod.create(title="信用卡", position=2)
    home = ShippingMethod.create(title="宅配", fee=120, free_threshold=1000, position=1)
    post = ShippingMethod.create(title="郵寄", fee=65, free_threshold=None, position=2)
    return dict(store=store, atm=atm, card=card, home=home, post=post)


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


__all__ = ["database"]
