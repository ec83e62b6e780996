"""The people who sign in on a server (issue 16): who this desk is signed in as, and the
supervisor's 使用者管理 — list, add, disable.  The database does the work
(``app/models/desk_roles.py``): adding a person creates their login in the role's group,
disabling one revokes the login and keeps their history.  SQLite has no sign-in."""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from app.domain.errors import DomainError, PermissionDeniedError, ServerUnavailableError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.later import dataclass_when_used
from app.domain.people import PersonInput, Role, SignedIn, check_login
from app.models import desk_roles
from app.models.db import database, survives_server, write_transaction
from app.models.proxy import is_sqlite
from app.models.tables import Person

from .keys import keyed_apart

#: The server's "that login exists" (PostgreSQL duplicate_object, MariaDB's failed CREATE USER).
_EXISTS = {"42710", 1396}
#: The people functions are not there (an owner that could not create roles at migration 14).
_MISSING = {"42883", 1305}


class PeopleError(DomainError):
    pass


def _no_sign_in() -> PeopleError:
    return PeopleError(QT_TRANSLATE_NOOP(
        "Errors", "單機的 SQLite 資料庫不需要登入，沒有使用者可以管理；多位店員請改用 PostgreSQL 或 MariaDB 伺服器。"))


def _not_set_up() -> PeopleError:
    return PeopleError(QT_TRANSLATE_NOOP(
        "Errors", "這個資料庫還沒有設定使用者角色：請用資料庫擁有者的帳號執行 orderdesk users setup。"))


@dataclass_when_used(frozen=True)
class PersonRow:
    login: str
    display_name: str
    role: Role
    active: bool
    created_at: datetime
    created_by: str


def signed_in() -> SignedIn | None:
    """Who this connection is, read from the database: the login, the person's name and role
    (a login that is no person — the owner migrations use, a superuser — may do everything).
    None on SQLite, where nobody signs in."""
    db = database.obj
    if is_sqlite(db):
        return None
    login = desk_roles.session_login(db)
    person = Person.get_or_none(Person.login == login) if Person.table_exists() else None
    if person is None:
        return SignedIn(login, login, Role.OWNER)
    return SignedIn(login, person.display_name, Role(person.role))


def display_names() -> dict[str, str]:
    """Each person's display name by login (the history shows "王小明 (wang)")."""
    if is_sqlite(database.obj) or not Person.table_exists():
        return {}
    return {p.login: p.display_name for p in Person.select(Person.login, Person.display_name)}


def list_people() -> list[PersonRow]:
    if is_sqlite(database.obj):
        raise _no_sign_in()
    return [PersonRow(p.login, p.display_name, Role(p.role), bool(p.active), p.created_at, p.created_by)
            for p in Person.select().order_by(Person.active.desc(), Person.login)]


@survives_server
def _call(routine: str, args: tuple, login: str) -> None:
    db = database.obj
    if is_sqlite(db):
        raise _no_sign_in()
    marks = ", ".join([db.param] * len(args))
    sql = f"SELECT {routine}({marks})" if isinstance(db, pw.PostgresqlDatabase) else f"CALL {routine}({marks})"
    try:
        with write_transaction():
            db.execute_sql(sql, args)
    except PermissionDeniedError:
        raise
    except pw.DatabaseError as exc:
        code = desk_roles.driver_code(exc)
        # Never the driver's text: it may quote the statement, and so the password.
        if code in _EXISTS:
            raise ValidationError("login", QT_TRANSLATE_NOOP(
                "Errors", "帳號 {login} 已經存在於資料庫伺服器上，請換一個帳號。"), login=login) from None
        if code in _MISSING:
            raise _not_set_up() from None
        raise PeopleError(QT_TRANSLATE_NOOP(
            "Errors", "資料庫沒有接受帳號 {login} 的變更（錯誤代碼 {code}）。沒有儲存任何變更。"),
            login=login, code=code or "?") from None


def _row(p: Person) -> PersonRow:
    return PersonRow(p.login, p.display_name, Role(p.role), bool(p.active), p.created_at, p.created_by)


def add_person(value: PersonInput, *, op_key: str | None = None) -> PersonRow:
    """Create ``value.login`` on the server with its password, in the clerks' or supervisors'
    group, and its person row.  Only a supervisor (or the owner) may.

    ``op_key`` (an idempotency key, issue 15 item 2; the window's click gives one): MariaDB's
    ``CREATE USER`` commits by itself, so the login cannot be made in one transaction with its
    key.  Instead (``keys.keyed_apart``): a key already kept answers the person it made, and
    nothing is created; otherwise the person is added as without a key and, right after, the
    answer is kept under the key in a transaction of its own.  When adding fails because the
    login exists already, or the server went away around it, and the person is there with
    this login, name and role (an earlier call under this key whose answer was lost, or a call
    with the same key at the same moment), that person is the answer and is kept under the
    key: a repeat never creates a second login, and never says "exists" for its own.  A login
    of that name with another name or role is refused as before (``ValidationError`` on
    ``login``)."""

    def act() -> PersonRow:
        _call("orderdesk_add_person", (value.login, value.password, value.display_name,
                                       value.role.value), value.login)
        return _row(Person.get(Person.login == value.login))

    def made(err) -> tuple[PersonRow] | None:
        if not (isinstance(err, ServerUnavailableError) or getattr(err, "field", None) == "login"):
            return None
        p = Person.get_or_none(Person.login == value.login)
        if p is None or (p.display_name, p.role) != (value.display_name, value.role.value):
            return None
        return (_row(p),)

    return keyed_apart(op_key, act, made)


def disable_person(login: str, *, op_key: str | None = None) -> None:
    """Revoke ``login``'s sign-in (PostgreSQL NOLOGIN, MariaDB ACCOUNT LOCK); their history
    stays as it is.  Nobody disables their own login here.

    ``op_key``: as ``add_person``'s — a key already kept answers at once; otherwise the login
    is disabled and the key kept right after; when the server went away around it and the
    person is found disabled, that is the answer, kept under the key."""
    login = check_login(login)
    if is_sqlite(database.obj):
        raise _no_sign_in()
    if login == desk_roles.session_login(database.obj):
        raise ValidationError("login", QT_TRANSLATE_NOOP("Errors", "不能停用自己正在使用的帳號。"))

    def act() -> None:
        if Person.get_or_none(Person.login == login) is None:
            raise ValidationError("login", QT_TRANSLATE_NOOP("Errors", "沒有帳號 {login} 這位使用者。"),
                                  login=login)
        _call("orderdesk_disable_person", (login,), login)

    def made(err) -> tuple[None] | None:
        if not isinstance(err, ServerUnavailableError):
            return None
        p = Person.get_or_none(Person.login == login)
        return (None,) if p is not None and not p.active else None

    keyed_apart(op_key, act, made)


def set_up_roles() -> tuple[str, str]:
    """(The owner's ``orderdesk users setup``.)  Create the group roles, grant them and define
    the people functions; the two group roles' names."""
    db = database.obj
    if is_sqlite(db):
        raise _no_sign_in()
    if not desk_roles.setup_roles_if_allowed(db):
        raise PermissionDeniedError()
    return desk_roles.group_roles(db)
