"""The main window: sidebar, the four sub-functions, window state kept in QSettings, language."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from app.domain.tabs import OrderTab
from app.views.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("clerk/name", "店員甲")
    return s


def test_sidebar_and_sub_functions(qtbot, shop, place, settings):
    place()
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    assert w.sidebar.currentItem().text() == "商品訂單"
    assert [w.subnav.tabText(i) for i in range(w.subnav.count())] == ["訂單管理", "取消訂單", "付款方式", "送貨方式", "發票", "代收款對帳", "物流業者"]
    assert w.stack.currentWidget() is w.orders_page
    w.subnav.setCurrentIndex(2)
    assert w.stack.currentWidget() is w.payment_page
    w.subnav.setCurrentIndex(1)
    assert w.stack.currentWidget() is w.cancellations_page
    w.subnav.setCurrentIndex(4)
    assert w.stack.currentWidget() is w.invoices_page
    assert "店員甲" in w.operator_label.text()


def test_window_remembers_size_page_tab_and_columns(qtbot, shop, place, settings):
    place()
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.resize(1111, 701)
    w.orders_page.set_tab(OrderTab.UNPAID)
    w.orders_page.tab_of[OrderTab.UNPAID].view.setColumnWidth(0, 222)
    w.subnav.setCurrentIndex(0)
    size = w.size()
    assert size.height() == 701
    w.close()

    w2 = MainWindow(settings)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.size() == size
    assert w2.orders_page.current_tab() is OrderTab.UNPAID
    assert w2.orders_page.tab_of[OrderTab.UNPAID].view.columnWidth(0) == 222


def test_operator_is_changeable_from_the_menu(qtbot, shop, settings, monkeypatch):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QInputDialog

    w = MainWindow(settings)
    qtbot.addWidget(w)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("林志明", True)))
    w.findChild(QAction, "action_operator").trigger()
    assert settings.value("clerk/name") == "林志明"
    assert "林志明" in w.operator_label.text()


def test_english_translation_loads(qtbot, shop, settings, qapp):
    import main

    lang = main.install_translator(qapp, "en")
    try:
        w = MainWindow(settings)
        qtbot.addWidget(w)
        assert lang == "en"
        assert [w.subnav.tabText(i) for i in range(4)] == [
            "Orders", "Cancellations", "Payment methods", "Shipping methods"]
        assert w.orders_page.tabs.tabText(0).startswith("All orders")
    finally:
        from PySide6.QtCore import QTranslator

        for t in qapp.findChildren(QTranslator):
            qapp.removeTranslator(t)


@pytest.mark.parametrize("preferred, lang", [
    (["zh-Hant-TW", "zh-TW", "zh-Hant", "zh"], "zh_TW"),  # a zh-TW Windows or Mac
    (["en-Latn-US", "en-US", "en"], "en"),
    (["ja-JP", "zh-Hant-TW", "en-US"], "zh_TW"),  # a Mac listing Japanese, then Chinese
    (["de-DE", "en-GB"], "en"),
    (["zh-Hans-CN", "zh-CN"], "zh_TW"),
    (["fr-FR"], "en"),
    (["C"], "en"),
    ([], "en"),
])
def test_the_language_follows_the_system(preferred, lang):
    import main

    assert main.system_language(preferred) == lang


def test_the_system_language_is_read_from_the_locale(tmp_path):
    """A desk whose display language is Chinese opens in Chinese, without --lang."""
    import os
    import subprocess
    import sys

    check = "import sys; from PySide6.QtCore import QCoreApplication; import main; " \
            "print(main.install_translator(QCoreApplication([]), None))"
    for env, lang in (({"LANG": "zh_TW.UTF-8"}, "zh_TW"), ({"LANG": "en_US.UTF-8"}, "en"),
                      ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_TW:en"}, "zh_TW")):
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
        done = subprocess.run([sys.executable, "-c", check], env=clean | env, capture_output=True,
                              text=True, cwd=Path(__file__).resolve().parent.parent, timeout=60)
        assert done.stdout.strip() == lang, (env, done.stderr)


def test_empty_new_database_opens_with_demo_data(tmp_path):
    """`orderdesk demo` on a fresh file, and the tab counts equal SELECT COUNT(*) per status."""
    import main
    from app.models.tables import Order

    url = "sqlite:///" + str(tmp_path / "demo.db")
    assert main.main(["demo", "--orders", "60", "--db", url]) == 0
    assert Order.select().count() == 60
    assert Qt  # the window itself is exercised above


def test_qt_own_buttons_speak_zh_tw(qapp):
    """In zh-TW, Qt's standard buttons (message boxes, file dialogs) are Chinese too."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    import main

    main.install_translator(qapp, "zh_TW")
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        for t in qapp.findChildren(QTranslator):
            qapp.removeTranslator(t)


def test_the_first_window_fits_a_1366x768_screen(qtbot, shop, settings):
    """No remembered size: the window, its title bar and a taskbar fit a 1366×768 laptop (the
    suite's offscreen screen), and the layout lets it be that small."""
    from PySide6.QtGui import QGuiApplication

    from app.views.main_window import DEFAULT_SIZE, FRAME

    screen = QGuiApplication.primaryScreen().geometry()
    assert (screen.width(), screen.height()) == (1366, 768)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    assert w.size() == DEFAULT_SIZE
    taskbar = 40
    assert w.width() + FRAME.width() <= 1366 and w.height() + FRAME.height() + taskbar <= 768
    assert w.minimumSizeHint().width() <= w.width() and w.minimumSizeHint().height() <= w.height()


def test_a_size_remembered_on_a_larger_monitor_is_brought_onto_the_screen(qtbot, shop, settings):
    """Closed at 1900×1100 on a monitor to the right, reopened on the laptop alone."""
    from PySide6.QtCore import QRect, QSize

    from app.views import settings_keys as keys
    from app.views.main_window import FRAME, fit_on_screen

    keys.WINDOW_SIZE.write(settings, QSize(1900, 1100))
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    assert (w.width(), w.height()) == (1366 - FRAME.width(), 768 - FRAME.height())

    desk = QRect(0, 0, 1366, 728)  # above a 40-pixel taskbar
    fitted = fit_on_screen(QRect(2100, 300, 1900, 1100), desk)
    assert fitted == QRect(0, 0, 1350, 680)
    assert fit_on_screen(QRect(2100, 300, 800, 600), desk) == QRect(1366 - 16 - 800, 80, 800, 600)
    assert fit_on_screen(QRect(-500, -50, 800, 600), desk) == QRect(0, 0, 800, 600)
    assert fit_on_screen(QRect(40, 10, 1280, 660), desk) == QRect(40, 10, 1280, 660)  # fits: untouched


def test_a_database_that_does_not_open_is_told_through_the_door_and_the_old_one_stays(
        tmp_path, monkeypatch, qapp):
    import main
    from app.models.db import database
    from app.views import prompts

    old = f"sqlite:///{tmp_path / 'old.db'}"
    main.open_database(old)
    told = []
    monkeypatch.setattr(prompts, "show", lambda parent, prompt: told.append(prompt))
    bad = "postgresql://clerk:p4ss@127.0.0.1:1/shop"
    assert main.open_other_database(None, old, bad) is False
    assert [(p.kind, p.title) for p in told] == [(prompts.WARNING, "資料庫連線")]
    assert told[0].text.startswith("無法開啟 postgresql://clerk:***@127.0.0.1:1/shop：")
    assert "p4ss" not in told[0].text
    assert str(tmp_path / "old.db") in database.obj.database  # still on the old one


def test_pages_are_built_when_first_shown(qtbot, shop, place, settings):
    """Issue 11, item 8: only 訂單管理 is built at start; a page is built (its modules
    imported) when the clerk first opens it, in its place in the stack; the shortcuts list
    builds the rest so that their keys are listed too."""
    place()
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    assert [type(p).__name__ for p in w.built_pages()] == ["OrdersPage"]
    w.subnav.setCurrentIndex(w.PAGES.index("remittances"))
    assert w.stack.currentWidget() is w.remittances_page
    assert [type(p).__name__ for p in w.built_pages()] == ["OrdersPage", "RemittancesPage"]
    w.sidebar.setCurrentRow(w.REPORTS_MODULE)
    assert w.stack.currentWidget() is w.reports_page and w.stack.indexOf(w.reports_page) == w.PAGES.index("reports")
    shown = w.stack.count()
    for name in w.PAGES:
        w.page(name)
    assert w.stack.count() == shown == len(w.PAGES)
    assert [w.stack.indexOf(w.page(n)) for n in w.PAGES] == list(range(len(w.PAGES)))
