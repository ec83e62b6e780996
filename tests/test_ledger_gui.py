"""The 報表 module's 帳務明細 page (issue 14): the module in the sidebar, the filters, the
models, 【匯出 Excel】, and the 結帳／重新開啟 dialog from the settings menu."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from test_ledger import OCT, T, books  # noqa: F401 - the fixture

from app.dialogs.close_month_dialog import CloseMonthDialog, CloseMonthInput, MonthChoice
from app.models.tables import ClosedMonth
from app.services import ledger
from app.views.prompts import Kind
from app.views.reports_page import LedgerPage, ReportsPage


@pytest.fixture
def page(books, session, shown):  # noqa: F811 - the fixture
    p = shown(ReportsPage(session), (1280, 640))
    p.ledger.set_period(OCT.date_from, OCT.date_to)
    return p.ledger


def _column(model, head):
    col = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())].index(head)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_the_page_shows_the_periods_events_and_sums(page: LedgerPage, qtmodeltester):
    qtmodeltester.check(page.events)
    qtmodeltester.check(page.totals)
    assert page.events.rowCount() == 7
    assert _column(page.events, "類別")[:3] == ["付款通知", "確認收款", "出貨"]
    assert "−NT$300" in _column(page.events, "收付金額")
    assert "收款 NT$820" in page.whole.text() and "淨額 NT$520" in page.whole.text()
    assert "發票 NT$820" in page.whole.text()
    assert _column(page.totals, "項目") == ["ATM 轉帳", "信用卡"]
    page.group.setCurrentIndex(page.group.findData("day"))
    assert _column(page.totals, "項目")[0] == "2026-10-02"
    assert "未結帳" in page.state.text()
    assert page.export_button.text() == "【匯出 Excel】"


def test_a_double_click_opens_the_order(page: LedgerPage, monkeypatch, books):  # noqa: F811
    from app.views.order_detail import OrderDetailDialog

    opened = []
    monkeypatch.setattr(OrderDetailDialog, "show_for", classmethod(lambda cls, parent, oid: opened.append(oid)))
    page.events_view.doubleClicked.emit(page.events.index(4, 0))
    assert opened == [books["o2"]]


def test_filters(page: LedgerPage, shop):
    page.kind.setCurrentIndex(page.kind.findData("REFUND"))
    assert _column(page.events, "類別") == ["退款"]
    assert _column(page.events, "收款帳戶") == ["812 台北分行 00012345678901 王小明"]
    page.kind.setCurrentIndex(0)
    page.method.setCurrentIndex(page.method.findData(shop["card"].id))
    assert _column(page.events, "類別") == ["付款通知"]
    page.method.setCurrentIndex(0)
    page.date_to.setDate(QDate(2026, 9, 1))  # before the start: said, nothing shown
    assert page.events.rowCount() == 0 and "結束日期" in page.state.text()
    assert not page.export_button.isEnabled()
    page.set_period(date(2026, 10, 20), date(2026, 10, 21))
    assert page.events.rowCount() == 2 and page.export_button.isEnabled()


def test_export_writes_the_workbook(page: LedgerPage, prompts, tmp_path, qtbot):
    target = tmp_path / "ledger"
    prompts.answers[Kind.SAVE_FILE] = str(target)
    with qtbot.waitSignal(page.jobs.finished, timeout=20000) as done:
        page.export_button.click()
    assert done.args[0].rows == 7
    wb = openpyxl.load_workbook(str(target) + ".xlsx", data_only=True)
    assert wb.sheetnames == ["帳務明細", "彙總", "說明"]
    about = {r[0].value: r[1].value for r in wb["說明"].iter_rows()}
    assert about["匯出人員"] == "店員甲" and about["篩選條件"] == "無"


def test_the_close_dialog_offers_closed_and_open_months(qtbot):
    months = [MonthChoice("2026-10"), MonthChoice("2026-09", "會計乙 2026-10-05 10:00")]
    dialog = CloseMonthDialog(months)
    qtbot.addWidget(dialog)
    assert dialog.ok_button.text() == "結帳" and not dialog.reason.isEnabled()
    dialog.accept()
    assert dialog.value == CloseMonthInput("2026-10", False)
    dialog.month.setCurrentIndex(1)
    assert dialog.ok_button.text() == "重新開啟" and dialog.reason.isEnabled()
    dialog.accept()  # no reason: refused under its field
    assert dialog.errors["reason"].isVisibleTo(dialog)
    dialog.reason.setText("補登一筆")
    dialog.accept()
    assert dialog.value == CloseMonthInput("2026-09", True, "補登一筆")


def test_closing_and_reopening_from_the_settings_menu(books, clerk_window, monkeypatch):  # noqa: F811
    w = clerk_window("會計乙")
    asked = []

    def answer(parent, choices, initial=None, error=None):
        asked.append((choices, error))
        month = "2026-10"
        if len(asked) == 1:
            return CloseMonthInput(month, False)
        return CloseMonthInput(month, True, "補登" if error else "")

    monkeypatch.setattr(CloseMonthDialog, "ask", classmethod(lambda cls, *a, **k: answer(*a, **k)))
    w.show_page("reports")
    assert w.stack.currentWidget() is w.reports_page and not w.subnav.isVisible()
    page = w.reports_page.ledger
    page.set_period(OCT.date_from, OCT.date_to)
    w.findChild(QAction, "action_close_month").trigger()
    assert ClosedMonth.get(ClosedMonth.month == "2026-10").closed_by == "會計乙"
    assert "2026-10" in [c.month for c in asked[0][0]]
    assert "已結帳" in page.state.text()
    w.findChild(QAction, "action_close_month").trigger()  # reopen: no reason, then one
    assert asked[2][1] is not None and asked[2][1].field == "reason"
    assert not ClosedMonth.select().exists()
    assert [h.action for h in ledger.books_history()] == ["CLOSE_MONTH", "REOPEN_MONTH"]
    assert "未結帳" in page.state.text()
    w.show_page("orders")
    assert w.subnav.isVisible() and w.stack.currentWidget() is w.orders_page


def test_the_reports_page_holds_the_ledger_then_the_overview(session, db, qtbot):
    from PySide6.QtWidgets import QLabel

    p = ReportsPage(session)
    qtbot.addWidget(p)
    assert [p.tabText(i) for i in range(p.count())] == ["帳務明細", "概況"]
    assert p.widget(1) is p.overview
    assert p.add_page(QLabel("more"), "more") == 2
    p.setCurrentIndex(2)  # a page without reload_if_stale is fine
    p.setCurrentIndex(1)


def test_the_window_reopens_on_the_reports_module(db, clerk_window, qtbot):
    w = clerk_window("會計乙")
    w.show_page("reports")
    w.close()
    again = clerk_window("會計乙")
    assert again.sidebar.currentRow() == again.REPORTS_MODULE
    assert again.stack.currentWidget() is again.reports_page and not again.subnav.isVisible()
    again.findChild(QAction, "action_module_1").trigger()
    assert again.stack.currentWidget() is again.orders_page
