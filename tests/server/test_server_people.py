"""Issue 16 on PostgreSQL and MariaDB: each clerk signs in with a login of their own, the
database writes that login in the history and refuses a clerk a supervisor's work — through
the services and through raw SQL alike; desks cannot rewrite the history.

Each test makes a clerk's and a supervisor's login with unique names (through the same
``orderdesk_add_person`` the window and ``orderdesk users add`` use) and drops them at the end,
also on failure; the database's group roles go with the database (``server_db.py``).  The
superuser the tests connect as is the owner migrations run as.
"""

from __future__ import annotations

import io
import secrets
from contextlib import contextmanager
from datetime import date
from urllib.parse import urlsplit, urlunsplit

import peewee
import pytest
from db_rows import history, order_row, req_row, snapshot
from test_services_cancellations import NOTICE, ORDER_AT, SHIPMENT, T, drive, file

from app.domain.errors import DomainError, PermissionDeniedError
from app.domain.people import Role, check_person
from app.domain.statuses import CancelStatus, OrderStatus
from app.models.db import connect, database
from app.models.tables import MethodHistory, PaymentMethod, Person
from app.services import cancellations as cs
from app.services import invoices, methods, people, shop_clock
from app.services import orders as svc

S, C = OrderStatus, CancelStatus
PASSWORD = "pass-" + secrets.token_hex(6)

pytestmark = pytest.mark.usefixtures("desktop_in_utc")


def with_login(url: str, login: str, password: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, f"{login}:{password}@{host}", parts.path, parts.query, ""))


def _drop_login(db, kind: str, login: str) -> None:
    if kind == "pg":
        db.execute_sql(f'DROP ROLE IF EXISTS "{login}"')
    else:
        db.execute_sql(f"DROP USER IF EXISTS `{login}`@'%%'")


@pytest.fixture
def staff(server_db, server_kind):
    """A clerk's and a supervisor's login on the test's database: {"clerk": login, ...}."""
    tag = secrets.token_hex(4)
    made = {"clerk": f"odc_{tag}", "supervisor": f"ods_{tag}"}
    try:
        for role, login in made.items():
            people.add_person(check_person(login, f"{role} {tag}", role, PASSWORD))
        yield made
    finally:
        connect(server_db.server_url, migrate=False)  # the owner again, whatever a test left bound
        for login in made.values():
            _drop_login(server_db, server_kind, login)


@contextmanager
def signed_in(server_db, login: str):
    """The services run as ``login`` (the proxy bound to its own connection); the owner after."""
    db = connect(with_login(server_db.server_url, login, PASSWORD))
    try:
        yield db
    finally:
        db.close()
        connect(server_db.server_url, migrate=False)


def _denied(exc: BaseException) -> bool:
    from app.models.desk_roles import is_permission_error

    return is_permission_error(exc)


# --- who is signed in, and the history's "who" -----------------------------------------------


def test_the_role_is_read_from_the_database_at_sign_in(server_db, staff):
    assert people.signed_in().role is Role.OWNER  # the superuser: no person
    with signed_in(server_db, staff["clerk"]):
        who = people.signed_in()
        assert (who.login, who.role, who.supervises) == (staff["clerk"], Role.CLERK, False)
        assert who.display_name.startswith("clerk ")
    with signed_in(server_db, staff["supervisor"]):
        assert people.signed_in().role is Role.SUPERVISOR


def test_a_clerks_desk_on_a_database_a_newer_orderdesk_updated_is_told_to_update(server_db, staff):
    """A clerk's login may create no table: the check of a newer schema comes before anything
    is created, so the desk says "Update OrderDesk", not that a permission was denied."""
    from app.models.migrations import LATEST

    server_db.execute_sql(f"UPDATE schema_version SET version = {LATEST + 1}")
    try:
        with pytest.raises(RuntimeError, match="knows up to .* Update OrderDesk"):
            connect(with_login(server_db.server_url, staff["clerk"], PASSWORD))
    finally:
        connect(server_db.server_url, migrate=False)
        server_db.execute_sql(f"UPDATE schema_version SET version = {LATEST}")


def test_signing_in_with_a_password_warns_of_nothing(server_db, staff):
    """The URL's password reaches PyMySQL by its own name (``password``: ``passwd``, the name
    ``playhouse.db_url`` gives it, is deprecated and warned of at every sign-in)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        with signed_in(server_db, staff["clerk"]):
            assert people.signed_in().login == staff["clerk"]


def test_a_clerks_history_names_the_clerks_login_whatever_the_desk_claims(server_db, staff, place):
    oid = place(order_date=ORDER_AT)
    with signed_in(server_db, staff["clerk"]):
        svc.record_payment_notice(oid, NOTICE, operator="王老闆", now=T(1))
        svc.confirm_payment(oid, operator="王老闆", now=T(2))
        # And raw SQL claiming another name: the database's login wins.
        database.obj.execute_sql(
            "INSERT INTO status_history (order_id, machine, from_status, to_status, action, "
            f"operator, at, input) VALUES ({oid}, 'order', 'PAID', 'PAID', 'NOTE', 'someone', "
            f"'2024-05-01 05:00:00', '{{}}')")
    assert [h.operator for h in history(oid)] == ["店員甲", *[staff["clerk"]] * 3]
    assert order_row(oid).updated_by == staff["clerk"]
    from app.models.tables import PaymentNotice

    assert [n.recorded_by for n in PaymentNotice.select()] == [staff["clerk"]]
    # The detail shows the person's name with the login.
    from app.services.queries import order_history

    assert order_history(oid)[-1].operator_name == f"clerk {staff['clerk'][4:]}"


# --- a clerk's own work goes through -----------------------------------------------------------


def test_a_clerk_does_the_order_actions_and_files_requests(server_db, staff, place):
    oid, other = place(order_date=ORDER_AT), place(order_date=ORDER_AT)
    with signed_in(server_db, staff["clerk"]):
        drive(oid, S.COMPLETED)
        drive(other, S.PAID)
        rid = file(other, operator="x").cancellation_id
        assert order_row(other).status == S.CANCELLING
    assert order_row(oid).status == S.COMPLETED
    assert req_row(rid).requester == "x" and req_row(rid).updated_by == staff["clerk"]
    counts = dict(server_db.execute_sql(
        "SELECT status, n FROM order_status_count WHERE n > 0").fetchall())
    assert counts == {"COMPLETED": 1, "CANCELLING": 1}  # the counters kept with the owner's rights


def test_a_clerk_records_a_remittance_under_the_clerks_login(server_db, staff, place, shop):
    """代收款對帳 is a clerk's action (issue 12): the remittance's and the history's "who" are
    the clerk's login."""
    from app.domain.remittance import RemittanceInput
    from app.models.tables import CarrierRemittance
    from app.services import remittances

    cod = PaymentMethod.create(title="貨到付款", position=3, refund_channel="cod")
    oid = place(order_date=ORDER_AT, payment=cod)
    svc.accept_order(oid, operator="乙", now=T(1))
    svc.ship(oid, SHIPMENT, operator="乙", now=T(30), today=date(2024, 5, 3))
    svc.picked_up(oid, date(2024, 5, 4), operator="乙", now=T(60), today=date(2024, 5, 4))
    with signed_in(server_db, staff["clerk"]):
        rec = remittances.record_remittance(RemittanceInput("黑貓宅急便", date(2024, 5, 10), 800, 20),
                                            [oid], operator="王老闆", now=T(220))
    assert rec.difference == 0
    assert CarrierRemittance.get_by_id(rec.remittance_id).recorded_by == staff["clerk"]
    assert (history(oid)[-1].action, history(oid)[-1].operator) == ("REMITTED", staff["clerk"])


# --- a supervisor's work is refused to a clerk -------------------------------------------------


def _supervisor_actions(shop, rid_pending, rid_return, rid_refund, invoice_id):
    """Every supervisor action, as a service call with a fresh-looking input."""
    from app.domain.inputs import Remittance
    from app.domain.invoice import VoidInput

    pay = methods.PaymentMethodInput("新付款", "", "remittance")
    ship_value = methods.ShippingMethodInput("新送貨", 100, None, "")
    return {
        "approve": lambda: cs.approve_cancellation(rid_pending, "CS-9", money_arrived=True,
                                                  operator="x"),
        "reject": lambda: cs.reject_cancellation(rid_pending, "CS-9", "no", operator="x"),
        "return_done": lambda: cs.return_done(rid_return, invoice_returned=True, goods_intact=True,
                                              operator="x"),
        "return_failed": lambda: cs.return_failed(rid_return, invoice_returned=False,
                                                  goods_intact=True, reason="r", operator="x"),
        "close": lambda: cs.close_request(rid_return, refund=False, reason="r", operator="x"),
        "refund_done": lambda: cs.refund_done(rid_refund, refund_date=date(2024, 5, 9), amount=None,
                                              reference="R9", operator="x"),
        "refund_failed": lambda: cs.refund_failed(rid_refund, refund_date=date(2024, 5, 9),
                                                  amount=None, reference="R9", reason="r",
                                                  operator="x"),
        "correct_account": lambda: cs.correct_account(
            rid_refund, Remittance("700", "郵局", "00012345678901", "王小明"), operator="x"),
        "add_payment_method": lambda: methods.add_payment_method(pay, operator="x"),
        "edit_payment_method": lambda: methods.edit_payment_method(shop["atm"].id, pay, operator="x"),
        "delete_payment_method": lambda: methods.delete_payment_methods([shop["card"].id], operator="x"),
        "add_shipping_method": lambda: methods.add_shipping_method(ship_value, operator="x"),
        "delete_shipping_method": lambda: methods.delete_shipping_methods([shop["post"].id],
                                                                          operator="x"),
        "time_zone": lambda: shop_clock.set_shop_zone("Asia/Tokyo", operator="x"),
        "invoice_setting": lambda: invoices.set_issue_at(
            next(k for k in invoices.ISSUE_AT_LABELS if k != invoices.issue_at()), operator="x"),
        "void_invoice": lambda: invoices.void_invoice(
            invoice_id, VoidInput(shop_clock.today(), "取消訂單"), operator="x"),
        "add_person": lambda: people.add_person(check_person("odx_" + secrets.token_hex(3), "X",
                                                             "clerk", PASSWORD)),
    }


def test_a_clerk_is_refused_every_supervisor_action_and_nothing_is_written(server_db, staff, shop,
                                                                           place):
    rid_pending = file(drive(place(order_date=ORDER_AT), S.PAID)).cancellation_id
    rid_return = file(drive(place(order_date=ORDER_AT), S.COMPLETED)).cancellation_id
    cs.approve_cancellation(rid_return, "CS-1", operator="主管", now=T(101))
    rid_refund = file(drive(place(order_date=ORDER_AT), S.AWAITING_SHIPMENT)).cancellation_id
    cs.approve_cancellation(rid_refund, "CS-2", operator="主管", now=T(101))
    from app.domain.invoice import InvoiceInput
    from app.models.tables import Invoice

    inv_order = drive(place(order_date=ORDER_AT), S.AWAITING_SHIPMENT)
    invoices.record_invoice(inv_order, InvoiceInput("AB12345678", shop_clock.today(),
                                                    total=order_row(inv_order).total), operator="x")
    invoice_id = Invoice.get(Invoice.order == inv_order).id
    actions = _supervisor_actions(shop, rid_pending, rid_return, rid_refund, invoice_id)
    before = snapshot()
    people_before = list(Person.select().order_by(Person.login).tuples())
    refused = {}
    with signed_in(server_db, staff["clerk"]):
        for name, act in actions.items():
            with pytest.raises(DomainError) as err:
                act()
            refused[name] = err.value
    assert all(isinstance(e, PermissionDeniedError) for e in refused.values()), {
        k: type(v).__name__ for k, v in refused.items() if not isinstance(v, PermissionDeniedError)}
    assert "需要主管權限" in refused["approve"].message()
    assert snapshot() == before
    assert list(Person.select().order_by(Person.login).tuples()) == people_before
    # A supervisor may (one of them, to show the refusal was the role's).
    with signed_in(server_db, staff["supervisor"]):
        cs.approve_cancellation(rid_pending, "CS-9", money_arrived=True, operator="x")
    assert req_row(rid_pending).status == C.REFUND_PENDING or req_row(rid_pending).status != C.PENDING_REVIEW
    assert history(req_row(rid_pending).order_id)[-1].operator == staff["supervisor"]


def _raw_sql(kind: str, rid: int, method_id: int, oid: int) -> dict[str, str]:
    q = '"' if kind == "pg" else "`"
    trigger = ("DROP TRIGGER status_history_append_only ON status_history" if kind == "pg"
               else "DROP TRIGGER status_history_no_update")
    disable = ("ALTER TABLE status_history DISABLE TRIGGER ALL" if kind == "pg"
               else "ALTER TABLE status_history ADD COLUMN x INT")
    return {
        "update a request's status": f"UPDATE cancellation_request SET status = 'REFUND_PENDING' WHERE id = {rid}",
        "delete a method": f"DELETE FROM payment_method WHERE id = {method_id}",
        "finish a cancellation by hand": f"UPDATE {q}order{q} SET status = 'CANCELLED' WHERE id = {oid}",
        "truncate the history": "TRUNCATE TABLE status_history",
        "drop the history's trigger": trigger,
        "alter the history": disable,
        "drop the history": "DROP TABLE method_history",
        "rewrite the history": "UPDATE status_history SET operator = 'x'",
        "add a person by hand": "INSERT INTO person (login, display_name, role, active, created_at, "
                                "created_by) VALUES ('boss', 'B', 'supervisor', TRUE, "
                                "'2024-05-01 00:00:00', 'x')",
        "change the counters": "UPDATE order_status_count SET n = 0",
    }


@pytest.mark.parametrize("who", ["clerk", "supervisor"])
def test_raw_sql_is_refused_to_the_desks_logins(server_db, server_kind, staff, shop, place, who):
    oid = drive(place(order_date=ORDER_AT), S.PAID)
    rid = file(oid).cancellation_id
    MethodHistory.insert(kind="payment", method_id=1, action="add", operator="主管", at=T(1)).execute()
    before = snapshot()
    statements = _raw_sql(server_kind, rid, shop["card"].id, oid)
    if who == "supervisor":  # a supervisor's login may do a supervisor's work, never the owner's
        statements = {k: v for k, v in statements.items()
                      if "history" in k or k in ("add a person by hand", "change the counters")}
    with signed_in(server_db, staff[who]) as db:
        for what, sql in statements.items():
            with pytest.raises(peewee.DatabaseError) as err:
                with db.atomic():
                    db.execute_sql(sql)
            assert _denied(err.value), (what, err.value)
    assert snapshot() == before
    assert PaymentMethod.get_or_none(PaymentMethod.id == shop["card"].id) is not None


# --- people: add, list, disable --------------------------------------------------------------


def test_a_supervisor_adds_and_disables_a_clerk_whose_history_stays(server_db, server_kind, staff,
                                                                   place):
    oid = place(order_date=ORDER_AT)
    new = "odn_" + secrets.token_hex(4)
    try:
        with signed_in(server_db, staff["supervisor"]):
            row = people.add_person(check_person(new, "新店員", "clerk", PASSWORD))
            assert (row.login, row.role, row.active, row.created_by) == (
                new, Role.CLERK, True, staff["supervisor"])
            with pytest.raises(DomainError, match="已經存在"):
                people.add_person(check_person(new, "again", "clerk", PASSWORD))
        with signed_in(server_db, new):
            svc.record_payment_notice(oid, NOTICE, operator="?", now=T(1))
        with signed_in(server_db, staff["supervisor"]):
            people.disable_person(new)
            with pytest.raises(DomainError, match="不能停用自己"):
                people.disable_person(staff["supervisor"])
            listed = {p.login: p.active for p in people.list_people()}
            assert listed[new] is False and listed[staff["clerk"]] is True
        with pytest.raises(peewee.OperationalError):
            signed_in(server_db, new).__enter__()
        connect(server_db.server_url, migrate=False)
        assert history(oid)[-1].operator == new  # kept
    finally:
        connect(server_db.server_url, migrate=False)
        _drop_login(server_db, server_kind, new)


def test_a_clerk_cannot_disable_anyone(server_db, staff):
    with signed_in(server_db, staff["clerk"]):
        with pytest.raises(PermissionDeniedError):
            people.disable_person(staff["supervisor"])
    assert Person.get(Person.login == staff["supervisor"]).active


def test_users_command_adds_lists_and_never_prints_the_password(server_db, server_kind, staff,
                                                                monkeypatch, capsys):
    import main
    from app.cli import commands

    new = "odu_" + secrets.token_hex(4)
    url = with_login(server_db.server_url, staff["supervisor"], PASSWORD)
    monkeypatch.setattr(commands, "open_database", lambda u: connect(u))  # as the subcommand calls it
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        assert main.main(["users", "add", new, "--name", "陳小華", "--role", "supervisor",
                          "--password-stdin", "--db", url]) == 0
        assert main.main(["users", "list", "--db", url]) == 0
        assert main.main(["users", "disable", new, "--db", url]) == 0
        out = capsys.readouterr()
        assert f"{new}\t陳小華\tsupervisor\tactive" in out.out
        assert PASSWORD not in out.out + out.err
        with signed_in(server_db, staff["clerk"]):
            pass
        url = with_login(server_db.server_url, staff["clerk"], PASSWORD)
        assert main.main(["users", "disable", staff["supervisor"], "--db", url]) == 2
        assert "需要主管權限" in capsys.readouterr().err
    finally:
        connect(server_db.server_url, migrate=False)
        _drop_login(server_db, server_kind, new)


# --- idempotency keys (issue 15 item 2) ------------------------------------------------------


def test_adding_a_person_with_a_key_creates_one_login_however_often_it_is_repeated(
        server_db, server_kind, staff, monkeypatch):
    """A supervisor adds a person with a key: the same key again answers the same person and
    creates nothing (``CREATE USER`` commits by itself, so the key is kept right after it); an
    add whose answer was lost (the server went away around it) is found by the repeat — the
    login made with this name and role — and answered, never "exists", never a second login;
    another name under that login is still refused; disabling with a key is done once too."""
    from app.domain.errors import ServerUnavailableError
    from app.models.tables import ActionKey

    first, lost = "odk_" + secrets.token_hex(4), "odl_" + secrets.token_hex(4)
    try:
        with signed_in(server_db, staff["supervisor"]):
            row = people.add_person(check_person(first, "新店員", "clerk", PASSWORD), op_key="p-1")
            assert people.add_person(check_person(first, "新店員", "clerk", PASSWORD), op_key="p-1") == row
            real = people._call
            calls = []

            def made_then_lost(*args):
                calls.append(args[0])
                if len(calls) == 1:
                    real(*args)
                    raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN)
                return real(*args)

            monkeypatch.setattr(people, "_call", made_then_lost)
            again = people.add_person(check_person(lost, "另一位", "supervisor", PASSWORD), op_key="p-2")
            monkeypatch.undo()
            assert (again.login, again.display_name, again.role) == (lost, "另一位", Role.SUPERVISOR)
            assert len(calls) == 1  # found made: not created again
            assert people.add_person(check_person(lost, "另一位", "supervisor", PASSWORD), op_key="p-2") == again
            with pytest.raises(DomainError, match="已經存在"):
                people.add_person(check_person(first, "別人", "clerk", PASSWORD), op_key="p-3")
            people.disable_person(first, op_key="p-4")
            people.disable_person(first, op_key="p-4")
            listed = {p.login: p.active for p in people.list_people()}
            assert (listed[first], listed[lost]) == (False, True)
        assert Person.select().where(Person.login.in_([first, lost])).count() == 2
        assert sorted(k.op_key for k in ActionKey.select()) == ["p-1", "p-2", "p-4"]
        with pytest.raises(peewee.OperationalError):
            signed_in(server_db, first).__enter__()
        connect(server_db.server_url, migrate=False)
        with signed_in(server_db, lost):  # the login the lost call made signs in
            assert people.signed_in().role is Role.SUPERVISOR
    finally:
        connect(server_db.server_url, migrate=False)
        for login in (first, lost):
            _drop_login(server_db, server_kind, login)


def test_users_add_with_a_key_run_twice_adds_once(server_db, server_kind, staff, monkeypatch, capsys):
    import main
    from app.cli import commands

    new = "odv_" + secrets.token_hex(4)
    url = with_login(server_db.server_url, staff["supervisor"], PASSWORD)
    monkeypatch.setattr(commands, "open_database", lambda u: connect(u))  # as the subcommand calls it
    try:
        for _ in range(2):
            monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
            assert main.main(["users", "add", new, "--name", "陳小華", "--role", "clerk",
                              "--password-stdin", "--key", "cli-1", "--db", url]) == 0
        assert capsys.readouterr().out.count(f"added {new} (陳小華) as clerk") == 2
        connect(server_db.server_url, migrate=False)
        assert Person.select().where(Person.login == new).count() == 1
    finally:
        connect(server_db.server_url, migrate=False)
        _drop_login(server_db, server_kind, new)


# --- the window ------------------------------------------------------------------------------


def test_a_clerks_window_disables_a_supervisors_actions_and_says_why(qtbot, tmp_path, server_db,
                                                                     staff, place):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QPushButton

    from app.domain.tabs import CancelTab
    from app.views.main_window import MainWindow

    rid = file(drive(place(order_date=ORDER_AT), S.PAID)).cancellation_id
    assert rid
    for who, supervises in (("clerk", False), ("supervisor", True)):
        with signed_in(server_db, staff[who]):
            settings = QSettings(str(tmp_path / f"{who}.ini"), QSettings.Format.IniFormat)
            w = MainWindow(settings, db_label="server")
            qtbot.addWidget(w)
            assert staff[who] in w.operator_label.text()
            page = w.cancellations_page
            lt = page.tab_of[CancelTab.PENDING_REVIEW]
            page.tabs.setCurrentWidget(lt)
            lt.model.reload() if hasattr(lt.model, "reload") else None
            qtbot.waitUntil(lambda lt=lt: lt.model.rowCount() == 1)
            lt.view.selectRow(0)
            approve = lt.findChild(QPushButton, "button_approve")
            assert approve.isEnabled() is supervises
            add = w.payment_page.add_button
            assert add.isEnabled() is supervises
            people_action = w.findChild(QAction, "action_people")
            assert people_action.isEnabled() is supervises
            # The order actions stay a clerk's.
            assert w.findChild(QAction, "action_operator").isEnabled() is False
            if not supervises:
                for widget in (approve, add, people_action):
                    assert "需要主管權限" in widget.toolTip() and staff["clerk"] in widget.toolTip()
            w.close()


# --- an owner that is not a superuser, as the README sets it up --------------------------------


def test_an_owner_that_is_no_superuser_sets_up_people(server_kind):
    """PostgreSQL: the owner has CREATEROLE and owns the database and its schema; MariaDB: the
    owner has every right on the database WITH GRANT OPTION and CREATE USER (README)."""
    from server_db import _admin_connection, server_or_skip

    base = server_or_skip(server_kind)
    tag = secrets.token_hex(4)
    owner, person, name = f"odo_{tag}", f"odp_{tag}", f"od_test_{tag}own"
    url = with_login(base.rsplit("/", 1)[0] + "/" + name, owner, PASSWORD)
    admin = _admin_connection(server_kind, base)
    cur = admin.cursor()
    try:
        if server_kind == "pg":
            cur.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
            cur.execute(f'CREATE DATABASE "{name}" OWNER {owner}')
            inner = _admin_connection(server_kind, base.rsplit("/", 1)[0] + "/" + name)
            inner.cursor().execute(f"ALTER SCHEMA public OWNER TO {owner}")
            inner.close()
        else:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
            cur.execute(f"CREATE USER '{owner}'@'%' IDENTIFIED BY '{PASSWORD}'")
            cur.execute(f"GRANT ALL PRIVILEGES ON `{name}`.* TO '{owner}'@'%' WITH GRANT OPTION")
            cur.execute(f"GRANT CREATE USER ON *.* TO '{owner}'@'%'")
        connect(url)  # migrates, and creates the group roles
        people.add_person(check_person(person, "P", "clerk", PASSWORD))
        connect(with_login(url, person, PASSWORD))
        assert people.signed_in().role is Role.CLERK
        assert PaymentMethod.select().count() == 0
        with pytest.raises(PermissionDeniedError):
            methods.add_payment_method(methods.PaymentMethodInput("x"), operator="p")
        connect(url, migrate=False)
        people.disable_person(person)
        database.obj.close()
    finally:
        if database.obj is not None:
            database.obj.close()
        if server_kind == "pg":
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (person, f"{name}_clerk", f"{name}_supervisor", owner):
                cur.execute(f'DROP ROLE IF EXISTS "{role}"')
        else:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
            for role in (f"{name}_clerk", f"{name}_supervisor"):
                cur.execute(f"DROP ROLE IF EXISTS `{role}`")
            for user in (person, owner):
                cur.execute(f"DROP USER IF EXISTS '{user}'@'%'")
        admin.close()
