"""Issue 16 without a server: the people's input checks, a single desk that signs in as nobody,
the window's role gate, ``orderdesk users`` on a SQLite file.  The servers' side (logins,
grants, triggers) is tests/server/test_server_people.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from app.domain.errors import ValidationError
from app.domain.people import Role, SignedIn, check_login, check_person, with_login
from app.services import people


@pytest.mark.parametrize("login", ["wang", "amy_2", "a" * 31])
def test_a_good_login(login):
    assert check_login(f" {login} ") == login


@pytest.mark.parametrize("login", ["", "Wang", "2amy", "amy-b", "a b", "王", "a" * 32, "x'; DROP"])
def test_a_bad_login_names_its_field(login):
    with pytest.raises(ValidationError) as err:
        check_login(login)
    assert err.value.field == "login"


@pytest.mark.parametrize(("args", "field"), [
    (("wang", "", "clerk", "12345678"), "display_name"),
    (("wang", "王小明", "owner", "12345678"), "role"),
    (("wang", "王小明", "boss", "12345678"), "role"),
    (("wang", "王小明", "clerk", "1234567"), "password"),
    (("wang", "王小明", "clerk", "12345678", "12345679"), "confirm"),
])
def test_bad_person_input_names_its_field(args, field):
    with pytest.raises(ValidationError) as err:
        check_person(*args)
    assert err.value.field == field
    assert "1234567" not in err.value.message()  # a password is never in a message


def test_a_person_is_shown_with_the_login():
    assert check_person("wang", " 王小明 ", "supervisor", "12345678").role is Role.SUPERVISOR
    assert with_login("王小明", "wang") == "王小明 (wang)" and with_login("", "wang") == "wang"
    assert not SignedIn("amy", "Amy", Role.CLERK).supervises
    assert SignedIn("boss", "boss", Role.OWNER).supervises


def test_a_single_desk_signs_in_as_nobody(db):
    assert people.signed_in() is None
    assert people.display_names() == {}
    for call in (people.list_people, lambda: people.disable_person("wang"), people.set_up_roles,
                 lambda: people.add_person(check_person("wang", "王", "clerk", "12345678"))):
        with pytest.raises(people.PeopleError, match="SQLite"):
            call()


def test_a_keyed_add_on_a_single_desk_is_refused_and_keeps_nothing(db):
    from app.models.tables import ActionKey

    for _ in range(2):
        with pytest.raises(people.PeopleError, match="SQLite"):
            people.add_person(check_person("wang", "王", "clerk", "12345678"), op_key="p-1")
        with pytest.raises(people.PeopleError, match="SQLite"):
            people.disable_person("wang", op_key="p-2")
    assert ActionKey.select().count() == 0


def test_the_users_command_on_sqlite_says_why(db, capsys):
    import main

    assert main.main(["users", "list", "--db", "sqlite:///" + db.database]) == 2
    assert "SQLite" in capsys.readouterr().err


def test_a_new_password_is_asked_twice_and_never_printed(monkeypatch, capsys):
    import io

    from app.cli.commands import read_new_password

    answers = iter(["s3cret-pass", "s3cret-pass"])
    assert read_new_password(False, getpass=lambda _prompt: next(answers)) == "s3cret-pass"
    differing = iter(["s3cret-pass", "other-pass"])
    with pytest.raises(SystemExit) as end:
        read_new_password(False, getpass=lambda _prompt: next(differing))
    assert "differ" in str(end.value) and "s3cret" not in str(end.value)
    monkeypatch.setattr("sys.stdin", io.StringIO("from-stdin\n"))
    assert read_new_password(True) == "from-stdin"
    assert "s3cret" not in capsys.readouterr().out


def test_the_role_gate_of_a_session(tmp_path, qapp):
    from PySide6.QtWidgets import QPushButton

    from app.views.session import Session

    session = Session(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert session.refusal("approve") is None  # a single desk may do everything
    session.sign_in(SignedIn("amy", "Amy", Role.CLERK))
    assert session.operator() == "amy" and session.is_person()
    assert "需要主管權限" in session.refusal("approve") and "Amy (amy)" in session.refusal("approve")
    assert session.refusal("ship") is None  # the order actions are a clerk's
    button = QPushButton()
    assert session.refuse("methods", button) and not button.isEnabled()
    assert "需要主管權限" in button.toolTip()
    session.sign_in(SignedIn("boss", "Boss", Role.SUPERVISOR))
    assert session.refusal("approve") is None and session.operator() == "boss"
    session.sign_in(SignedIn("orderdesk", "orderdesk", Role.OWNER))  # the owner's shared login
    assert not session.is_person() and session.refusal("people") is None


def test_a_clerks_window_on_any_database_disables_a_supervisors_actions(qtbot, tmp_path, monkeypatch,
                                                                        place, desktop_in_utc):
    """The window's side alone (the role patched in; tests/server/test_server_people.py reads it
    from a server): the buttons, the methods pages, the invoice setting, 使用者管理."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QPushButton
    from test_services_cancellations import ORDER_AT, drive, file

    from app.domain.statuses import OrderStatus
    from app.domain.tabs import CancelTab
    from app.views.main_window import MainWindow

    file(drive(place(order_date=ORDER_AT), OrderStatus.PAID))
    monkeypatch.setattr(people, "signed_in", lambda: SignedIn("chen", "陳怡君", Role.CLERK))
    w = MainWindow(QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat), db_label="x")
    qtbot.addWidget(w)
    lt = w.cancellations_page.tab_of[CancelTab.PENDING_REVIEW]
    w.cancellations_page.set_tab(CancelTab.PENDING_REVIEW)
    qtbot.waitUntil(lambda: lt.model.rowCount() == 1)
    lt.view.selectRow(0)
    refused = [lt.findChild(QPushButton, "button_approve"), lt.findChild(QPushButton, "button_reject"),
               w.payment_page.add_button, w.shipping_page.add_button, w.invoices_page.issue_at,
               w.findChild(QAction, "action_people")]
    for widget in refused:
        assert not widget.isEnabled()
        assert widget.toolTip().startswith("需要主管權限：陳怡君 (chen) 是店員")
    assert lt.findChild(QPushButton, "button_view").isEnabled()  # 查詢 is everyone's
    assert "陳怡君 (chen)［店員］" in w.operator_label.text()
    assert not w.findChild(QAction, "action_operator").isEnabled()  # the login is the name
