"""設定 → 資料庫連線: the dialog builds the URL, tests it, and the window asks to switch."""

import os

import pytest
from PySide6.QtCore import QSettings, Qt

from app.dialogs.connection_dialog import ConnectionDialog
from app.services.connection import ConnectionSettings


def test_url_round_trip_with_odd_password():
    s = ConnectionSettings("postgresql", host="db.shop.lan", port=5432, database="orderdesk",
                           user="clerk", password="p@ss:w/rd", sslmode="require")
    url = s.url()
    assert url == "postgresql://clerk:p%40ss%3Aw%2Frd@db.shop.lan:5432/orderdesk?sslmode=require"
    assert ConnectionSettings.from_url(url) == s


def test_server_fields_required(qtbot):
    d = ConnectionDialog("")
    qtbot.addWidget(d)
    d.kind.setCurrentIndex(d.kind.findData("postgresql"))
    d.show()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.isVisible() and d.errors["host"].isVisible()
    assert d.errors["host"].text() == "請填寫伺服器位址。"


def test_test_connection_on_a_sqlite_file(qtbot, tmp_path):
    d = ConnectionDialog("sqlite:///" + str(tmp_path / "x.db"))
    qtbot.addWidget(d)
    qtbot.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert d.test_result.text().startswith("連線成功：SQLite")


def test_test_connection_failure_is_told_in_words(qtbot):
    d = ConnectionDialog("postgresql://nobody@127.0.0.1:1/none")
    qtbot.addWidget(d)
    assert d.kind.currentData() == "postgresql" and d.port.value() == 1
    qtbot.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert d.test_result.text().startswith("連線失敗：")


@pytest.mark.skipif(not os.environ.get("ORDERDESK_TEST_PG"), reason="set ORDERDESK_TEST_PG to a PostgreSQL URL to run")
def test_test_connection_on_postgresql(qtbot):
    d = ConnectionDialog(os.environ["ORDERDESK_TEST_PG"])
    qtbot.addWidget(d)
    qtbot.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert d.test_result.text().startswith("連線成功：PostgreSQL"), d.test_result.text()


def test_menu_asks_the_window_to_switch(qtbot, shop, tmp_path, monkeypatch):
    from PySide6.QtGui import QAction

    from app.views.main_window import MainWindow

    s = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(s, db_url="sqlite:///old.db")
    qtbot.addWidget(w)
    monkeypatch.setattr(ConnectionDialog, "ask", classmethod(lambda cls, parent, url: "postgresql://h/db"))
    with qtbot.waitSignal(w.reconnect_requested) as sig:
        w.findChild(QAction, "action_connection").trigger()
    assert sig.args == ["postgresql://h/db"]
