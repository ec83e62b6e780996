"""The people who sign in on a server: their roles and what each may do, login names."""

from __future__ import annotations

import re

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .later import dataclass_when_used
from .statuses import Labelled


class Role(Labelled):
    CLERK = "clerk", QT_TRANSLATE_NOOP("Role", "店員")
    SUPERVISOR = "supervisor", QT_TRANSLATE_NOOP("Role", "主管")
    #: The login that owns the tables (the one migrations use) or a single-desk SQLite file:
    #: everything is allowed.
    OWNER = "owner", QT_TRANSLATE_NOOP("Role", "管理者")


#: Why a clerk's window disables a supervisor's action (its tooltip, and the message when asked).
NEEDS_SUPERVISOR = QT_TRANSLATE_NOOP("Role", "需要主管權限：{login} 是店員，這個操作只有主管能做。")

#: A login: lower-case letters, digits and "_", starting with a letter (a name every server
#: takes unquoted in its user lists; PostgreSQL folds case, MariaDB does not).
_LOGIN = re.compile(r"[a-z][a-z0-9_]{0,30}")


def with_login(name: str, login: str) -> str:
    """"王小明 (wang)", or the login alone when there is no other name."""
    return f"{name} ({login})" if name and name != login else login


@dataclass_when_used(frozen=True)
class SignedIn:
    """Who this desk's connection is: the server's login, the person's display name, the role
    read from the database at sign-in (``app.services.people.signed_in``)."""

    login: str
    display_name: str
    role: Role

    @property
    def supervises(self) -> bool:
        return self.role is not Role.CLERK

    def shown(self) -> str:
        return with_login(self.display_name, self.login)


@dataclass_when_used(frozen=True)
class PersonInput:
    login: str
    display_name: str
    role: Role
    password: str


def check_login(login: str) -> str:
    login = (login or "").strip()
    if not _LOGIN.fullmatch(login):
        raise ValidationError("login", QT_TRANSLATE_NOOP(
            "Errors", "帳號只能用小寫英文字母、數字和底線，以字母開頭，最多 31 個字。"))
    return login


def check_person(login: str, display_name: str, role: str, password: str,
                 confirm: str | None = None) -> PersonInput:
    login = check_login(login)
    name = (display_name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError("display_name", QT_TRANSLATE_NOOP("Errors", "請填寫姓名（最多 100 個字）。"))
    try:
        chosen = Role(role)
    except ValueError:
        chosen = None
    if chosen not in (Role.CLERK, Role.SUPERVISOR):
        raise ValidationError("role", QT_TRANSLATE_NOOP("Errors", "角色必須是店員或主管。"))
    if len(password or "") < 8:
        raise ValidationError("password", QT_TRANSLATE_NOOP("Errors", "密碼至少要 8 個字。"))
    if confirm is not None and confirm != password:
        raise ValidationError("confirm", QT_TRANSLATE_NOOP("Errors", "兩次輸入的密碼不一樣。"))
    return PersonInput(login, name, chosen, password)
