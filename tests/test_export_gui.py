"""【匯出 Excel】 driven like a person: a search typed, the button clicked, the file read back."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

import openpyxl
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QProgressDialog, QPushButton

from app.domain.tabs import CancelTab, OrderTab
from app.services import export as ex
from app.services.queries import fetch_orders
from app.views.cancellations_page import CancellationsPage
from app.views.orders_page import OrdersPage
from app.views.prompts import Kind
from app.views.settings_keys import EXPORT_DIR

BASE = datetime(2026, 10, 1, 2, 0)


@pytest.fixture
def many(place):
    """260 orders: 250 buyers named 陳…, 10 named 林…; more than one page (200) of the view."""
    ids = []
    for i in range(260):
        name = f"陳{i:03d}" if i < 250 else f"林{i:03d}"
        ids.append(place(name=name, order_date=BASE + timedelta(minutes=i),
                         total_items=((("藍牙耳機", 1 + i % 3, 350),))))
    return ids


@pytest.fixture
def save_as(prompts, tmp_path):
    """The save dialog, answered with the next of these paths (through the one door)."""
    answers: list = []
    asked: list = []

    def ask(parent, prompt):
        asked.append(prompt.path)
        return answers.pop(0) if answers else None

    prompts.answers[Kind.SAVE_FILE] = ask
    return answers, asked


def button(page, tab, name):
    return page.tab_of[tab].findChild(QPushButton, f"button_{name}")


def click_and_wait(qtbot, page, tab, name="export"):
    with qtbot.waitSignal(page.exporter.finished, timeout=30000) as blocker:
        qtbot.mouseClick(button(page, tab, name), Qt.MouseButton.LeftButton)
    return blocker.args[0]


def all_shown(flt):
    rows, cursor = fetch_orders(flt)
    while cursor is not None:
        more, cursor = fetch_orders(flt, cursor)
        rows += more
    return rows


def test_every_tab_has_the_buttons(qtbot, session, many):
    orders = OrdersPage(session)
    cancels = CancellationsPage(session)
    qtbot.addWidget(orders)
    qtbot.addWidget(cancels)
    for page, tabs in ((orders, OrderTab), (cancels, CancelTab)):
        for tab in tabs:
            assert button(page, tab, "export").text() == "【匯出 Excel】"
            assert button(page, tab, "export").isEnabled()
            assert not button(page, tab, "export_selected").isEnabled()  # nothing selected


def test_export_has_the_tabs_rows_in_its_order_with_search_and_sort(qtbot, session, many, save_as,
                                                                    tmp_path):
    page = OrdersPage(session)
    qtbot.addWidget(page)
    all_tab = page.tab_of[OrderTab.ALL]
    page.filter_bar.search.insert("陳")  # an IME's way of typing
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "訂單清單 (250)", timeout=10000)
    all_tab.view.sortByColumn(8, Qt.SortOrder.AscendingOrder)  # 訂單金額, smallest first
    qtbot.waitUntil(lambda: all_tab.model.filter.sort == "total", timeout=10000)
    flt = all_tab.model.filter
    assert flt.search == "陳" and not flt.descending
    assert len(all_tab.model.loaded_rows()) < 250  # only the first page is read (the table is 250 rows)
    shown = [r.order_no for r in all_shown(flt)]
    assert len(shown) == 250
    loaded = [all_tab.model.row_at(i).order_no for i in range(all_tab.model.rowCount())]
    assert shown[:len(loaded)] == loaded

    answers, asked = save_as
    target = tmp_path / "陳.xlsx"
    answers.append(str(target))
    result = click_and_wait(qtbot, page, OrderTab.ALL)
    assert result.rows == 250
    assert asked and asked[0].endswith(".xlsx") and "訂單清單" in asked[0]
    wb = openpyxl.load_workbook(target, read_only=True)
    nos = [r[0] for r in wb["訂單"].iter_rows(min_row=2, max_row=251, values_only=True)]
    assert nos == shown
    about = {r[0]: r[1] for r in wb["說明"].iter_rows(min_row=2, values_only=True)}
    assert about["篩選條件"] == page.filter_bar.describe() == "搜尋：陳"
    assert about["匯出人員"] == "店員甲" and about["筆數"] == 250
    assert about["排序"] == "訂單金額（遞增）"
    wb.close()
    assert session.settings.value(EXPORT_DIR.name) == str(tmp_path)


def test_export_selected_rows(qtbot, session, many, save_as, tmp_path):
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.show()  # the table fetches its first page when the view asks
    lt = page.tab_of[OrderTab.ALL]
    qtbot.waitUntil(lambda: lt.model.rowCount() > 5, timeout=10000)
    picked = [lt.model.row_at(i) for i in (1, 3, 4)]
    lt.select_ids([r.id for r in picked])
    assert button(page, OrderTab.ALL, "export_selected").isEnabled()
    answers, _ = save_as
    answers.append(str(tmp_path / "sel.xlsx"))
    result = click_and_wait(qtbot, page, OrderTab.ALL, "export_selected")
    assert result.rows == 3
    ws = openpyxl.load_workbook(tmp_path / "sel.xlsx")["訂單"]
    assert [ws.cell(row=r, column=1).value for r in (2, 3, 4)] == [r.order_no for r in picked]


def test_no_file_name_no_export(qtbot, session, many, save_as, tmp_path):
    page = OrdersPage(session)
    qtbot.addWidget(page)
    qtbot.mouseClick(button(page, OrderTab.ALL, "export"), Qt.MouseButton.LeftButton)
    assert not page.exporter.jobs
    assert [p for p in os.listdir(tmp_path) if p.endswith(".xlsx")] == []


def test_window_stays_usable_and_cancel_leaves_nothing(qtbot, session, many, save_as, tmp_path,
                                                       monkeypatch):
    """The progress dialog is not modal; its Cancel stops the worker; no file, no temp file."""
    import threading

    gate = threading.Event()
    real_check = ex._check

    def slow_check(cancelled):
        gate.wait(10)  # the worker waits here until the test has pressed Cancel
        real_check(cancelled)

    monkeypatch.setattr(ex, "_check", slow_check)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.show()
    answers, _ = save_as
    target = tmp_path / "cancelled.xlsx"
    answers.append(str(target))
    qtbot.mouseClick(button(page, OrderTab.ALL, "export"), Qt.MouseButton.LeftButton)
    (job,) = page.exporter.jobs
    dialog = page.findChild(QProgressDialog, "export_progress")
    assert dialog.windowModality() == Qt.WindowModality.NonModal
    # the window still works while the export runs: switch tab, which loads its rows
    page.tabs.setCurrentIndex(1)
    assert page.tab_of[OrderTab.UNPAID].model.rowCount() > 0
    qtbot.waitUntil(dialog.isVisible, timeout=10000)  # shown after its minimum duration
    with qtbot.waitSignal(page.exporter.stopped, timeout=30000) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 【取消】
        gate.set()
    assert "取消" in blocker.args[0]
    assert job.cancelled
    assert not target.exists()
    assert [p for p in os.listdir(tmp_path) if "cancelled" in p] == []
    assert not page.exporter.jobs


def test_refused_move_tells_the_clerk_and_saves_under_another_name(qtbot, session, many, save_as,
                                                                   tmp_path, monkeypatch, prompts):
    first = tmp_path / "open-in-excel.xlsx"
    first.write_bytes(b"the clerk has this open")
    second = tmp_path / "another.xlsx"
    answers, asked = save_as
    answers += [str(first), str(second)]
    real_replace = os.replace

    def replace(src, dst):
        if str(dst) == str(first):
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    told = []
    prompts.answers[Kind.CONFIRM] = lambda parent, prompt: told.append(prompt.path) or True
    page = OrdersPage(session)
    qtbot.addWidget(page)
    stopped = []
    page.exporter.stopped.connect(stopped.append)
    result = click_and_wait(qtbot, page, OrderTab.UNPAID)
    assert told == [str(first)]
    assert "Excel" in stopped[0] and "open-in-excel.xlsx" in stopped[0]
    assert asked[1] == str(first)  # the second dialog starts from the refused name
    assert result.path == second and result.rows == 260
    assert first.read_bytes() == b"the clerk has this open"
    assert sorted(p for p in os.listdir(tmp_path) if p.endswith((".xlsx", ".tmp"))) == [
        "another.xlsx", "open-in-excel.xlsx"]


def test_failure_is_shown_in_words(qtbot, session, many, save_as, tmp_path, monkeypatch, prompts):
    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ex, "_write_items", boom)
    shown = []
    prompts.answers[Kind.WARNING] = lambda parent, prompt: shown.append(prompt.text)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    answers, _ = save_as
    answers.append(str(tmp_path / "full.xlsx"))
    with qtbot.waitSignal(page.exporter.stopped, timeout=30000):
        qtbot.mouseClick(button(page, OrderTab.ALL, "export"), Qt.MouseButton.LeftButton)
    assert shown and "No space left" in shown[0] and "沒有寫入檔案" in shown[0]
    assert not (tmp_path / "full.xlsx").exists()


def test_cancellation_tab_export(qtbot, session, many, save_as, tmp_path):
    from app.domain.inputs import CancellationInput
    from app.services import cancellations as cs

    for oid in many[:3]:
        cs.request_cancellation(oid, CancellationInput("=不想要了"), operator="顧客", by=cs.CUSTOMER)
    page = CancellationsPage(session)
    qtbot.addWidget(page)
    answers, _ = save_as
    answers.append(str(tmp_path / "c.xlsx"))
    result = click_and_wait(qtbot, page, CancelTab.PENDING_REVIEW)
    assert result.rows == 3
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx")["取消申請"]
    assert [ws.cell(row=r, column=8).value for r in (2, 3, 4)] == ["=不想要了"] * 3


def test_quitting_stops_a_running_export(qtbot, session, many, save_as, tmp_path, monkeypatch):
    real_check = ex._check
    monkeypatch.setattr(ex, "_check", lambda cancelled: (time.sleep(0.3), real_check(cancelled)))
    page = OrdersPage(session)
    qtbot.addWidget(page)
    answers, _ = save_as
    target = tmp_path / "quit.xlsx"
    answers.append(str(target))
    qtbot.mouseClick(button(page, OrderTab.ALL, "export"), Qt.MouseButton.LeftButton)
    (job,) = page.exporter.jobs
    page.exporter.cancel_all()  # what QCoreApplication.aboutToQuit calls
    assert job.cancelled
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert not target.exists()
    assert [p for p in os.listdir(tmp_path) if "quit" in p] == []
