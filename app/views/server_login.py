"""Signing in to the database server at start-up: the keychain's password, else what the
driver finds by itself (``~/.pgpass``, a server that trusts this desk), else the clerk is asked
once and the password is kept in the keychain for next time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.connection import try_connection
from app.services.credentials import (
    KeychainUnavailable,
    account,
    fill_password,
    redact,
    split_password,
    store_password,
    with_password,
)

from . import prompts

#: Words of PostgreSQL's and MariaDB's drivers when a login needs a (right) password.
_NEEDS_PASSWORD = ("password", "access denied", "authentication")


def needs_password(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in _NEEDS_PASSWORD)


def login_url(url: str, parent=None, *, ask=None) -> str:
    """The URL to open ``url`` with.  ``ask(label) -> str | None`` asks for the password
    (default: a password box); None means the clerk gave up, and the URL is returned as it is
    (opening it then says why it fails)."""
    url, note = fill_password(url)
    if note is None or split_password(url)[1] is not None:
        return url
    try:
        try_connection(url)
        return url
    except Exception as exc:  # noqa: BLE001 - the driver's words decide whether to ask
        if not needs_password(exc):
            return url
    ask = ask or (lambda label: _ask(parent, label))
    label = QCoreApplication.translate("ServerLogin", "請輸入資料庫伺服器帳號 {0} 的密碼：").format(account(url))
    while True:
        password = ask(label)
        if password is None:
            return url
        candidate = with_password(url, password)
        try:
            try_connection(candidate)
        except Exception as exc:  # noqa: BLE001 - shown, then asked again
            label = QCoreApplication.translate("ServerLogin", "無法連線：{0}\n請再輸入一次帳號 {1} 的密碼：").format(
                redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__),
                account(url))
            continue
        try:
            store_password(url, password)
        except KeychainUnavailable as exc:
            prompts.tell(parent, QCoreApplication.translate("ServerLogin", "資料庫連線"),
                         QCoreApplication.translate(
                             "ServerLogin", "無法把密碼存入系統的鑰匙圈（{0}），下次開啟時會再詢問。"
                         ).format(exc), kind=prompts.INFO)
        return candidate


def _ask(parent, label: str) -> str | None:
    return prompts.text(parent, QCoreApplication.translate("ServerLogin", "資料庫連線"), label, secret=True)
