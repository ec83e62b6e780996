"""檔案 → 匯入… driven like a person: the file picked, the report read, 匯入 clicked, then the
database and the 訂單管理 tab counts checked."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton

from app.dialogs.import_report_dialog import ImportReportDialog
from app.domain.tabs import OrderTab
from app.models.tables import Order, OrderItem, StatusHistory
from app.views.main_window import MainWindow
from app.views.prompts import Kind

HEADER = ["訂單編號", "訂單日期", "商店名稱", "付款方式", "送貨方式", "訂購人", "電話", "電子郵件",
          "送貨地址", "商品", "規格", "數量", "單價"]


def _row(no, store="測試商店", price=350):
    return [no, "2026-11-01 10:00", store, "ATM 轉帳", "宅配", "王小明", "0912345678", "", "台北市",
            "藍牙耳機", "黑", 2, price]


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("clerk/name", "店員乙")
    return s


@pytest.fixture
def orders_csv(tmp_path):
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows([_row("G001"), _row("G002"), _row("G003", price=600), _row("B001", store="沒有這家店"),
                 _row("B002", price=-1)])
    path = tmp_path / "訂單匯入.csv"
    path.write_bytes(buf.getvalue().encode("big5"))
    return path


@pytest.fixture
def window(qtbot, shop, settings, orders_csv, prompts):
    prompts.answers[Kind.OPEN_FILE] = str(orders_csv)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.done_texts = []
    prompts.answers[Kind.INFO] = lambda parent, prompt: w.done_texts.append(prompt.text)
    prompts.answers[Kind.WARNING] = lambda parent, prompt: pytest.fail(prompt.text)
    yield w
    w.importer.wait()


def when_report(handle) -> list:
    """Call ``handle(dialog)`` once the report dialog is shown (it runs its own event loop)."""
    seen = []

    def poll():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ImportReportDialog) and widget.isVisible():
                seen.append(widget)
                handle(widget)
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def table_rows(dialog) -> list[tuple[str, ...]]:
    t = dialog.table
    return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]


def test_import_from_the_file_menu(qtbot, window):
    page = window.orders_page
    assert page.tabs.tabText(0) == "訂單清單 (0)"
    listed = []

    def accept(dialog):
        listed.extend(table_rows(dialog))
        assert "新訂單 3 筆" in dialog.summary.text()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    seen = when_report(accept)
    action = window.findChild(QAction, "action_import")
    assert action.text() == "匯入…"
    assert action in window.menuBar().actions()[0].menu().actions()  # 檔案
    action.trigger()
    qtbot.waitUntil(lambda: bool(window.done_texts), timeout=20000)
    assert seen
    assert listed == [
        ("訂單匯入.csv", "5", "商店名稱", "找不到商店「沒有這家店」。"),
        ("訂單匯入.csv", "6", "單價", "金額不能是負數。"),
    ]
    assert "已匯入新訂單 3 筆" in window.done_texts[0]
    # The database: three orders by the clerk, with the shop's shipping rule.
    assert sorted(Order.select(Order.order_no).tuples()) == [("G001",), ("G002",), ("G003",)]
    assert OrderItem.select().count() == 3
    g3 = Order.get(Order.order_no == "G003")
    assert (g3.subtotal, g3.shipping_fee, g3.total) == (1200, 0, 1200)
    assert {h.operator for h in StatusHistory.select()} == {"店員乙"}
    # The tab counts the clerk looks at.
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "訂單清單 (3)", timeout=10000)
    assert page.tabs.tabText(list(page.SPEC.tabs).index(OrderTab.UNPAID)) == "未付款清單 (3)"
    qtbot.waitUntil(lambda: page.tab_of[OrderTab.ALL].model.rowCount() == 3, timeout=10000)

    # The same file again: nothing new, nothing to accept.
    again = []

    def close(dialog):
        again.append((dialog.import_button, dialog.note.text(), table_rows(dialog)))
        qtbot.mouseClick(dialog.findChild(QPushButton, "button_cancel"),
                         Qt.MouseButton.LeftButton)

    stopped = []
    window.importer.stopped.connect(stopped.append)
    when_report(close)
    action.trigger()
    qtbot.waitUntil(lambda: bool(stopped), timeout=20000)
    button, note, rows = again[0]
    assert button is None and note == "沒有可以匯入的資料，什麼都不會寫入。" and len(rows) == 2
    assert Order.select().count() == 3


def test_declining_writes_nothing(qtbot, window):
    stopped = []
    window.importer.stopped.connect(stopped.append)
    when_report(lambda dialog: qtbot.mouseClick(dialog.findChild(
        QPushButton, "button_cancel"), Qt.MouseButton.LeftButton))
    window.findChild(QAction, "action_import").trigger()
    qtbot.waitUntil(lambda: bool(stopped), timeout=20000)
    assert stopped == ["沒有匯入，沒有寫入任何資料。"]
    assert Order.select().count() == 0 and StatusHistory.select().count() == 0
    assert window.orders_page.tabs.tabText(0) == "訂單清單 (0)"


def test_cancel_during_the_write_leaves_nothing(qtbot, window, monkeypatch):
    import time

    from PySide6.QtWidgets import QProgressDialog

    from app.services import import_bulk, import_write

    real = import_write._bulk_orders
    monkeypatch.setattr(import_bulk, "BATCH", 1)
    monkeypatch.setattr(import_write, "_bulk_orders", lambda orders, operator, ids, tick: real(
        orders, operator, ids, lambda n: (time.sleep(0.5), tick(n))))
    stopped = []
    window.importer.stopped.connect(stopped.append)
    when_report(lambda dialog: qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton))
    window.findChild(QAction, "action_import").trigger()

    def progress_shown():
        dialog = window.findChild(QProgressDialog, "import_progress")
        return dialog is not None and dialog.isVisible() and dialog.labelText().startswith("正在匯入")

    qtbot.waitUntil(progress_shown, timeout=20000)
    dialog = window.findChild(QProgressDialog, "import_progress")
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(stopped), timeout=20000)
    assert stopped == ["已取消匯入，沒有寫入任何資料。"]
    assert window.done_texts == []
    assert Order.select().count() == 0 and StatusHistory.select().count() == 0


def test_a_big5_file_with_zaozi_imports_with_the_warning_shown(qtbot, window, prompts, tmp_path):
    """A name with a user-defined character (Big5 FA 40): the report says which row and column
    to check, 匯入 writes the row, and the name keeps the character Windows reads."""
    line = ",".join(HEADER).encode("cp950") + b"\r\n"
    row = _row("Z001")
    row[5] = "@@"
    line += ",".join(map(str, row)).encode("cp950").replace(b"@@", "陳".encode("cp950") + b"\xfa\x40") + b"\r\n"
    path = tmp_path / "造字.csv"
    path.write_bytes(line)
    prompts.answers[Kind.OPEN_FILE] = str(path)
    shown = []

    def accept(dialog):
        shown.append((dialog.warnings.isVisible(), dialog.warnings.text(), dialog.table.isVisible()))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    when_report(accept)
    window.findChild(QAction, "action_import").trigger()
    qtbot.waitUntil(lambda: bool(window.done_texts), timeout=20000)
    visible, text, table = shown[0]
    assert visible and not table
    assert text.startswith("以下 1 列含有造字（使用者自訂字），會照 Windows 的讀法匯入")
    assert text.endswith("請核對：\n造字.csv:2 [訂購人] 「陳\ue000」")
    assert Order.get(Order.order_no == "Z001").buyer_name == "陳\ue000"


def test_the_providers_invoice_file_from_the_invoices_page(qtbot, window, place, prompts, tmp_path):
    """發票 → 【匯入發票檔】 is the window's import: the provider's file, checked, reported,
    imported; the 待開發票 queue empties."""
    from app.domain.inputs import PaymentNotice
    from app.models.tables import Invoice
    from app.services import orders as order_svc
    from app.services import shop_clock

    oid = place()
    order_svc.record_payment_notice(oid, PaymentNotice(shop_clock.today(), 820, "12345"), operator="店員甲")
    order_svc.confirm_payment(oid, operator="店員甲")
    no = Order.get_by_id(oid).order_no
    path = tmp_path / "已開立發票.csv"
    path.write_text(f"發票號碼,發票日期,自訂編號,載具類別,載具編號\nQX00000001,{shop_clock.today()},{no},手機條碼,/ABC+123\n",
                    encoding="utf-8-sig")
    prompts.answers[Kind.OPEN_FILE] = str(path)
    window.show_page("invoices")
    page = window.invoices_page
    page.reload()
    assert page.tabs.tabText(page.ISSUE) == "待開發票 (1)"
    summaries = []

    def accept(dialog):
        summaries.append(dialog.summary.text())
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    seen = when_report(accept)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.done_texts), timeout=20000)
    assert seen and summaries[0].endswith("發票 1 張。")
    assert window.done_texts[0].endswith("發票 1 張。")
    invoice = Invoice.get()
    assert (invoice.order_id, invoice.invoice_no, invoice.carrier_id, invoice.source, invoice.recorded_by) == (
        oid, "QX00000001", "/ABC+123", "import", "店員乙")
    qtbot.waitUntil(lambda: page.tabs.tabText(page.ISSUE) == "待開發票 (0)", timeout=10000)
