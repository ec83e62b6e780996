"""Issue 17 item 9: the small defects, each with its test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCompleter, QMenu, QPushButton

from app.dialogs.ship_dialog import ShipDialog
from app.domain.tabs import OrderTab
from app.services import queries


def _row(place):
    place()
    return queries.fetch_orders(queries.OrderFilter())[0][0]


@pytest.fixture
def english(qapp):
    import main

    main.install_translator(qapp, "en")
    yield
    from PySide6.QtCore import QLocale, QTranslator

    for t in qapp.findChildren(QTranslator):
        qapp.removeTranslator(t)
    QLocale.setDefault(QLocale.c())


def test_the_carrier_suggestions_open_no_popup_that_would_swallow_the_click_on_ship(qtbot, place):
    dialog = ShipDialog(_row(place))
    qtbot.addWidget(dialog)
    dialog.show()
    completer = dialog.carrier.completer()
    # Completed in the field as the clerk types: no list window stays open over 【出貨】.
    assert completer.completionMode() == QCompleter.CompletionMode.InlineCompletion
    completer.setCompletionPrefix("黑")
    completer.complete()
    assert completer.popup() is None or not completer.popup().isVisible()
    # The whole list is one click away, on the field's ▾ button (a menu that closes on choosing).
    menu = dialog.carrier.findChild(QMenu, "suggestions")
    assert "黑貓宅急便" in [a.text() for a in menu.actions()]
    menu.actions()[0].trigger()
    assert dialog.carrier.text() == "黑貓宅急便"
    # One click on 出貨 takes the dialog's answer.
    dialog.tracking_no.setText("9012-3456")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.value is not None and dialog.value.carrier == "黑貓宅急便"


def test_an_empty_clerk_name_is_explained_and_asked_again(qtbot, tmp_path, prompts, monkeypatch):
    from PySide6.QtCore import QSettings

    from app.views import session as session_mod
    from app.views.session import Session

    monkeypatch.setattr(session_mod, "computer_account", lambda: "")  # a desk with no account name

    session = Session(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    said = []
    session.said.connect(said.append)
    answers = iter(["  ", "陳怡君"])
    prompts.answers[prompts.text_kind] = lambda _p, _q: next(answers)
    assert session.operator() == "陳怡君"
    assert any("姓名不能空白" in text for _kind, _title, text in prompts.messages)
    # Cancelled: nothing done, and the status bar says why.
    session.set_operator("")
    prompts.answers[prompts.text_kind] = None
    assert session.operator() is None
    assert said and "未設定操作人員" in said[-1]


def test_hints_are_italic_and_grey_and_examples_say_so(qtbot, place):
    from PySide6.QtGui import QColor, QPalette

    from app.dialogs.cancellation_request_dialog import CancellationRequestDialog
    from app.widgets.hints import HINT_COLOR

    dialog = ShipDialog(_row(place))
    qtbot.addWidget(dialog)
    carrier = dialog.carrier
    assert carrier.placeholderText().startswith("例")
    assert carrier.font().italic()
    assert carrier.palette().color(QPalette.ColorRole.PlaceholderText) == QColor(HINT_COLOR)
    carrier.setText("新竹物流")
    assert not carrier.font().italic()  # what the clerk typed is upright
    carrier.clear()
    assert carrier.font().italic()
    # The account holder's hint is the buyer's name: marked as an example, not a value.
    oid = queries.fetch_orders(queries.OrderFilter())[0][0].id
    request = CancellationRequestDialog(queries.order_detail(oid))
    qtbot.addWidget(request)
    assert request.account_name.placeholderText() == "例：王小明"


def test_every_placeholder_goes_through_the_hint():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "app"
    found = [str(p) for p in root.rglob("*.py")
             if p.name != "hints.py" and "setPlaceholderText(" in p.read_text(encoding="utf-8")]
    assert found == []


def test_a_red_error_line_goes_as_soon_as_the_field_is_fixed(qtbot, place):
    dialog = ShipDialog(_row(place))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # nothing filled in
    error = dialog.errors["carrier"]
    assert error.isVisible()
    dialog.carrier.setFocus()
    qtbot.keyClicks(dialog.carrier, "TCAT")
    assert not error.isVisible()
    # A date field too.
    dialog.ship_date.setDate(QDate(2000, 1, 1))
    dialog.carrier.setText("TCAT")
    dialog.tracking_no.setText("1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["ship_date"].isVisible()
    dialog.ship_date.setDate(dialog.ship_date.date().addDays(1))
    assert not dialog.errors["ship_date"].isVisible()


def test_calendars_name_the_months_in_the_interface_language(qtbot, session, place, english):
    from PySide6.QtCore import QLocale

    from app.widgets.dates import date_picker

    # English interface (the fixture): English months whatever the desk's locale.
    edit = date_picker(QDate(2026, 11, 29).toPython())
    assert edit.calendarWidget().locale().monthName(11) == "November"
    assert QLocale().name() == "en_US"


def test_calendars_in_zh_tw_have_chinese_months(qtbot, session, place):
    from app.views.orders_page import OrdersPage
    from app.widgets.dates import date_picker

    edit = date_picker(QDate(2026, 11, 29).toPython())
    qtbot.addWidget(edit)
    assert edit.calendarWidget().locale().name() == "zh_TW"
    assert edit.calendarWidget().locale().monthName(11) in ("十一月", "11月")
    dialog = ShipDialog(_row(place))
    qtbot.addWidget(dialog)
    assert dialog.ship_date.calendarWidget().locale().name() == "zh_TW"
    page = OrdersPage(session)
    qtbot.addWidget(page)
    assert page.filter_bar.date_from.calendarWidget().locale().name() == "zh_TW"


def test_english_buttons_have_no_brackets_zh_tw_keep_them(qtbot, session, place, english):
    from app.views.orders_page import OrdersPage

    place()
    page = OrdersPage(session)
    qtbot.addWidget(page)
    texts = [b.text() for b in page.tab_of[OrderTab.PAID].findChildren(QPushButton) if b.objectName().startswith("button_")]
    assert texts and not [t for t in texts if "【" in t or "】" in t], texts


def test_zh_tw_buttons_keep_their_brackets(qtbot, session, place):
    from app.views.orders_page import OrdersPage

    page = OrdersPage(session)
    qtbot.addWidget(page)
    texts = [b.text() for b in page.tab_of[OrderTab.PAID].findChildren(QPushButton) if b.objectName().startswith("button_")]
    assert texts and all(t.startswith("【") and t.endswith("】") for t in texts), texts


def test_no_english_translation_has_brackets():
    import xml.etree.ElementTree as ET
    from pathlib import Path

    ts = Path(__file__).resolve().parents[1] / "app" / "resources" / "translations" / "orderdesk_en.ts"
    english = [t.text or "" for t in ET.parse(ts).iter("translation")]
    assert [t for t in english if "【" in t or "】" in t] == []


# The history's eight rows and more, without sideways scrolling:
# tests/test_screens_fit.py::test_the_history_shows_every_record_without_sideways_scrolling.


def test_every_calendar_pop_up_is_in_the_interface_language():
    """Every QDateEdit of the program goes through ``widgets.dates`` (``date_picker`` or
    ``localised``)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "app"
    bare = [f"{p.name}:{n}" for p in root.rglob("*.py") if p.name != "dates.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bQDateEdit\(", line) and "localised(" not in line]
    assert bare == []
