"""Screens that fit (issue 17): every top-level window and dialog of the tour fits the screen
it opens on — the 1366×768 desk of tests/desk_screen.json, and a 1920×1080 screen at 150 %
scaling (QT_SCALE_FACTOR=1.5, in a subprocess: the factor is read when Qt starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

ROOT = Path(__file__).resolve().parents[1]

#: Runs the tour and prints, per picture, the window's size and its screen's available size.
MEASURE = r"""
import json, sys
import pytest
import app.tour as tour, app.tour.cancellations as cc, app.tour.order_dialogs as od
import app.tour.other_dialogs as oth, app.tour.printing as pr
from app.tour import shots
from app.widgets.screen import screen_of
real = shots.shot
sizes = []
def recording(widget, path, **kw):
    result = real(widget, path, **kw)
    area = screen_of(widget).availableGeometry()
    sizes.append([path.stem, widget.width(), widget.height(), area.width(), area.height()])
    return result
for module in (tour, cc, od, oth, pr):
    module.shot = recording
import main
out = sys.argv[1]
assert main.main(["tour", "--out", out, "--db", "sqlite:///" + out + "/demo.db"]) == 0
print("SIZES" + json.dumps(sizes))
"""


def measure(tmp_path: Path, env: dict) -> list:
    out = tmp_path / "tour"
    out.mkdir()
    done = subprocess.run([sys.executable, "-c", MEASURE, str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("SIZES"))
    return json.loads(line[len("SIZES"):])


def too_big(sizes: list) -> list:
    from app.widgets.screen import FRAME

    return [s for s in sizes if s[1] + FRAME.width() > s[3] or s[2] + FRAME.height() > s[4]]


def test_every_window_and_dialog_of_the_tour_fits_a_1366x768_screen(tmp_path, qapp):
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert (area.width(), area.height()) == (1366, 768)  # tests/desk_screen.json
    env = dict(os.environ)
    sizes = measure(tmp_path, env)
    assert len(sizes) > 30
    assert {s[0] for s in sizes} >= {"orders-1-all", "order-detail", "action-request-cancellation-details",
                                     "cancellation_detail_3_review"}
    assert {(s[3], s[4]) for s in sizes} == {(1366, 768)}
    assert too_big(sizes) == []


def test_every_window_and_dialog_of_the_tour_fits_1920x1080_at_150_percent(tmp_path):
    screen = tmp_path / "fhd.json"
    screen.write_text(json.dumps({"screens": [{"name": "fhd", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    sizes = measure(tmp_path, env)
    assert {(s[3], s[4]) for s in sizes} == {(1280, 720)}  # 1920×1080 at 150 %
    assert too_big(sizes) == []


def test_money_columns_show_the_widest_amount_whole(qtbot, session, place):
    from app.domain.tabs import OrderTab
    from app.views.orders_page import OrdersPage

    place()
    page = OrdersPage(session)
    qtbot.addWidget(page)
    lt = page.tab_of[OrderTab.ALL]
    col = [c.key for c in lt.model.columns].index("total")
    needed = lt.view.fontMetrics().horizontalAdvance("NT$9,999,999")
    assert lt.view.columnWidth(col) >= needed + 8
    assert lt.view.columnWidth(col) >= lt.view.fontMetrics().horizontalAdvance("NT$4,280") + 8


def test_the_history_shows_every_record_without_sideways_scrolling(qtbot, place):
    from PySide6.QtCore import Qt

    from app.domain.inputs import PaymentNotice, ShipInput
    from app.services import orders as svc
    from app.services import queries, shop_clock
    from app.views.order_detail import OrderDetailDialog

    oid = place()
    today = shop_clock.today()
    svc.record_payment_notice(oid, PaymentNotice(today, 820, "54321", "顧客來電告知已經轉帳，請協助確認" * 3),
                              operator="乙")
    svc.confirm_payment(oid, operator="乙")
    for i in range(3):
        svc.mark_out_of_stock(oid, f"廠商延後到貨，預計兩週後補貨（第 {i + 1} 次）", operator="乙")
        svc.back_to_awaiting_shipment(oid, operator="乙")
    svc.ship(oid, ShipInput(today, "黑貓宅急便", "9012-3456-7890"), operator="乙")
    dialog = OrderDetailDialog(queries.order_detail(oid))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(20)
    table = dialog.view.history_table
    assert table.rowCount() >= 10
    shown = table.viewport().height()
    assert shown >= sum(table.rowHeight(r) for r in range(table.rowCount()))  # every row, not four
    assert table.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert columns <= table.viewport().width() + 1  # 內容 wraps instead of scrolling sideways


@pytest.mark.parametrize("lang", ["zh_TW", "en"])
def test_order_columns_fit_the_default_window_without_sideways_scrolling(qtbot, shop, place, tmp_path,
                                                                         qapp, lang):
    """訂單金額 whole at the first start's 1280 px, on every tab (the waiting tabs' 等待天數
    too), with no sideways scrolling — in English too, where statuses and headers are longer
    (the free-text columns give way); dates and order numbers whole."""
    from PySide6.QtCore import QLocale, QSettings, QTranslator

    import main
    from app.domain.tabs import OrderTab
    from app.views.main_window import DEFAULT_SIZE, MainWindow

    place()
    main.install_translator(qapp, lang)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        assert window.width() == DEFAULT_SIZE.width()
        page = window.orders_page
        for tab in OrderTab:
            page.set_tab(tab)
            qtbot.wait(10)
            lt = page.current_list()
            keys = [c.key for c in lt.model.columns]
            metrics = lt.view.fontMetrics()
            assert lt.view.horizontalScrollBar().maximum() == 0, tab
            assert lt.view.columnWidth(keys.index("total")) >= metrics.horizontalAdvance("NT$9,999,999") + 8
            assert lt.view.columnWidth(keys.index("order_date")) >= metrics.horizontalAdvance("2026-12-31 23:59")
            assert lt.view.columnWidth(keys.index("order_no")) >= metrics.horizontalAdvance("O2026123100009")
    finally:
        for t in qapp.findChildren(QTranslator):
            qapp.removeTranslator(t)
        QLocale.setDefault(QLocale.c())


def test_a_long_dialog_scrolls_its_fields_instead_of_squeezing_them(qtbot, place):
    """Shrunk to a small screen, 退訂申請 with its details open keeps its rows whole and its
    buttons in view: the fields scroll."""
    from PySide6.QtCore import Qt

    from app.dialogs.cancellation_request_dialog import CancellationRequestDialog
    from app.domain.inputs import PaymentNotice
    from app.services import orders as svc
    from app.services import queries, shop_clock

    oid = place()
    svc.record_payment_notice(oid, PaymentNotice(shop_clock.today(), 820, "54321"), operator="乙")
    svc.confirm_payment(oid, operator="乙")
    svc.mark_out_of_stock(oid, "廠商停產", operator="乙")
    dialog = CancellationRequestDialog(queries.order_detail(oid))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.toggle_details()
    qtbot.wait(10)
    full = dialog.height()
    dialog.resize(700, 360)
    qtbot.wait(10)
    assert dialog.height() < full
    assert dialog.body.verticalScrollBar().maximum() > 0
    for name in ("bank_code", "branch", "account_number", "account_name"):
        field = dialog.fields[name]
        assert field.height() >= field.sizeHint().height(), name
    assert dialog.ok_button.isVisible()
    assert dialog.rect().contains(dialog.ok_button.geometry())
    # An error line grows the dialog (room permitting) instead of squeezing the rows.
    dialog.toggle_details()
    qtbot.wait(10)
    before = dialog.height()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert dialog.height() > before
