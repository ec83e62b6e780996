"""Issue 12 clicked like a clerk: 【接單】 flags a buyer whose earlier COD parcels came back
uncollected; the ship dialog offers the shop's carriers; the detail's tracking number opens
the carrier's page and 【複製】 copies it; 物流業者 adds a carrier; 修改取貨門市 from the list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QPushButton
from test_order_actions_gui import ok, press, select

from app.dialogs.ship_dialog import ShipDialog
from app.domain.inputs import PaymentNotice, ShipInput
from app.domain.tabs import OrderTab
from app.models.tables import Order, PaymentMethod, ShippingMethod
from app.services import methods, queries, shop_clock
from app.services import orders as svc
from app.services.orders import Buyer, Item, place_order
from app.views.orders_page import OrdersPage
from app.widgets.order_detail import OrderDetailView

TODAY = date.today()


@pytest.fixture
def page(shown, session, prompts, shop):
    return shown(OrdersPage(session), (1200, 700))


def test_accept_flags_a_buyer_whose_parcels_came_back(qtbot, page, place, shop):
    cod = PaymentMethod.create(title="貨到付款", position=3, refund_channel="cod")
    when = datetime.now().replace(microsecond=0) - timedelta(days=3)
    old = place(order_date=shop_clock.to_utc(when), payment=cod, phone="0911222333")
    svc.accept_order(old, operator="乙")
    svc.ship(old, ShipInput(TODAY - timedelta(days=1), "黑貓宅急便", "T1"), operator="乙")
    svc.not_collected(old, "未取件", operator="乙")
    new = place(order_date=shop_clock.to_utc(when), payment=cod, phone="0911222333")
    lt = select(page, OrderTab.UNPAID, new)
    seen = []

    def read_and_ok(dialog):
        seen.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        ok(dialog)

    press(qtbot, lt, "accept", read_and_ok)
    assert "未取件退回" in seen[0] and "1 次" in seen[0]
    assert Order.get_by_id(new).status == "AWAITING_SHIPMENT"


def test_the_ship_dialog_offers_the_shops_carriers(qtbot, place):
    methods.add_carrier(methods.CarrierInput("自家物流", ""), operator="店長")
    oid = place()
    dialog = ShipDialog(queries.fetch_orders(queries.OrderFilter(), limit=5)[0][0])
    qtbot.addWidget(dialog)
    menu = dialog.carrier.findChild(QMenu, "suggestions")
    names = [a.text() for a in menu.actions()]
    assert "黑貓宅急便" in names and "自家物流" in names  # the migration's and the shop's own
    dialog.carrier.setText("別家快遞")  # any other name is taken too
    dialog.tracking_no.setText("Z9")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.value.carrier == "別家快遞" and oid


def test_the_tracking_number_opens_the_carriers_page_and_is_copied(qtbot, place, monkeypatch):
    oid = place(order_date=shop_clock.to_utc(datetime.now().replace(microsecond=0) - timedelta(days=2)))
    svc.record_payment_notice(oid, PaymentNotice(TODAY, 820, "12345"), operator="乙")
    svc.confirm_payment(oid, operator="乙")
    svc.ship(oid, ShipInput(TODAY, "黑貓宅急便", "9012-3456"), operator="乙")
    view = OrderDetailView(queries.order_detail(oid))
    qtbot.addWidget(view)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    assert 'href="https://www.t-cat.com.tw/inquire/trace.aspx?no=9012-3456"' in view.tracking_label.text()
    view.tracking_label.linkActivated.emit("https://www.t-cat.com.tw/inquire/trace.aspx?no=9012-3456")
    assert opened == ["https://www.t-cat.com.tw/inquire/trace.aspx?no=9012-3456"]
    qtbot.mouseClick(view.findChild(QPushButton, "copy_tracking_no"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "9012-3456"


def test_the_carriers_page_adds_one(qtbot, shown, session, prompts, monkeypatch):
    from app.dialogs.carrier_dialog import CarrierDialog
    from app.views.methods_page import CarriersPage

    page = shown(CarriersPage(session), (900, 500))
    assert "黑貓宅急便" in [r.title for r in page.model.rows()]

    def fill(parent, existing=None, *, taken_titles=()):
        dialog = CarrierDialog(parent, existing, taken_titles=taken_titles)
        dialog.title_edit.setText("宅配通")
        dialog.url_edit.setText("https://example.com/?no={tracking_no}")
        dialog.ok_button.click()
        return dialog.value

    monkeypatch.setattr(CarrierDialog, "ask", classmethod(lambda cls, *a, **k: fill(*a, **k)))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "宅配通" in [r.title for r in page.model.rows()]
    assert "宅配通" in [c.title for c in methods.list_carriers()]


def test_the_pickup_store_is_changed_from_the_list(qtbot, page, shop):
    seven = ShippingMethod.create(title="7-11 取貨", fee=60, position=3, pickup_chain="7-11")
    from app.domain.pickup import PickupStore

    oid = place_order(store_id=shop["store"].id,
                      buyer=Buyer("王小明", "0912", "", "", PickupStore("111", "甲門市", "")),
                      items=[Item("杯子", 1, 300)], payment_method_id=shop["atm"].id,
                      shipping_method_id=seven.id, operator="店員").order_id
    lt = select(page, OrderTab.UNPAID, oid)
    assert pickup_cell(lt, oid) == ("甲門市", "甲門市（111）")  # the list's 取貨門市, code in its tip
    action = next(a for a, _b, _e in lt._actions if a.objectName() == "action_edit_pickup_store")
    lt.update_buttons()
    assert action.isEnabled()
    from test_order_actions_gui import Dialogs

    def change(dialog):
        dialog.findChild(QLineEdit, "pickup_store_code").setText("222")
        dialog.findChild(QLineEdit, "pickup_store_name").setText("乙門市")
        ok(dialog)

    driver = Dialogs(change)
    action.trigger()
    driver.check()
    o = Order.get_by_id(oid)
    assert (o.pickup_store_code, o.pickup_store_name) == ("222", "乙門市")
    assert pickup_cell(lt, oid) == ("乙門市", "乙門市（222）")  # the list shows the new store


def pickup_cell(lt, oid) -> tuple[str, str]:
    """The 取貨門市 cell of order ``oid`` in a list: its text and its tooltip."""
    model = lt.model
    col = [c.key for c in model.columns].index("pickup_store")
    index = model.index(model.row_of_id(oid), col)
    return model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_the_waiting_tabs_show_the_pickup_store_in_place_of_the_ship_date(qtbot, page, shop):
    """等待出貨 (not shipped yet): no 出貨日期 nor 貨運單號 columns; 取貨門市 shows where the
    parcel goes, empty for a home delivery; 配送中／已完成 keep the ship date and tracking."""
    keys = {tab: [c.key for c in page.columns_for(tab)] for tab in OrderTab}
    assert "ship_date" not in keys[OrderTab.AWAITING_SHIPMENT] and "tracking_no" not in keys[OrderTab.AWAITING_SHIPMENT]
    for tab in OrderTab:
        assert "pickup_store" in keys[tab], tab
    assert {"ship_date", "tracking_no"} <= set(keys[OrderTab.COMPLETED])
    assert {"ship_date", "tracking_no"} <= set(keys[OrderTab.IN_DELIVERY])
