"""Server passwords: kept in the operating system's keychain, never in a URL that is saved,
printed or logged (no Qt).

A server URL is saved and shown without its password (``postgresql://clerk@db.shop.lan/shop``).
The password lives in the keychain through the ``keyring`` package (Windows Credential Manager,
macOS Keychain, the Secret Service on Linux) under the service ``OrderDesk`` and the account
``user@host:port/database``.  When no keychain is usable (a server without a desktop session,
CI), nothing breaks: PostgreSQL's driver reads ``~/.pgpass`` by itself, and the window asks.

``redact`` is the one function every message that may hold a URL or a driver's error text
goes through: it hides the password of any URL in the text, ``password=...`` pairs, and every
password this process has seen, in any of its encodings.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus, unquote, urlsplit

SERVICE = "OrderDesk"
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306}
MASK = "***"

#: Passwords seen by this process (from a URL or the keychain), each in every encoding it may
#: take in a message; ``redact`` hides them wherever they appear.
_known: set[str] = set()
#: Shorter passwords are hidden in URLs and pairs, but not wherever their letters appear (a
#: two-letter password would blank out ordinary words in every message).
_MIN_KNOWN = 4

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)(\S*)")
_PAIR = re.compile(r"(?i)\b(password|passwd|pwd)(['\"]?\s*[=:]\s*)('[^']*'|\"[^\"]*\"|[^\s,;)}]+)")


def remember_secret(password: str) -> None:
    """Hide ``password`` from every later ``redact``: as it is, percent-encoded (with and
    without its slashes encoded), form-encoded, and decoded."""
    if not password or len(password) < _MIN_KNOWN:
        return
    for form in (password, unquote(password)):
        for variant in (form, quote(form, safe=""), quote(form), quote_plus(form)):
            _known.add(variant)


def forget_secrets() -> None:
    """Forget the passwords ``remember_secret`` was told (between tests)."""
    _known.clear()


def _hide_userinfo(match: re.Match) -> str:
    scheme, rest = match.group(1), match.group(2)
    at = rest.rfind("@")  # the last one: a password may hold "@" and "/" unencoded
    if at < 0:
        return match.group(0)
    user, sep, _password = rest[:at].partition(":")
    if not sep:
        return match.group(0)
    return f"{scheme}{user}:{MASK}{rest[at:]}"


def redact(text: object) -> str:
    """``text`` (a URL, a message, an exception) with no part of any password left in it."""
    text = str(text)
    for secret in sorted(_known, key=len, reverse=True):
        text = text.replace(secret, MASK)
    text = _SCHEME.sub(_hide_userinfo, text)
    return _PAIR.sub(lambda m: m.group(1) + m.group(2) + MASK, text)


# ---------------------------------------------------------------- URLs and their passwords


def is_server_url(url: str) -> bool:
    return url.startswith(("postgres", "mysql"))


def _split(url: str) -> tuple[str, str, str | None, str] | None:
    """(scheme://, user, password or None, host and the rest) of a server URL, read so that a
    password with an unencoded "/", "@" or ":" stays whole; None when it names no user."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*://)(.*)\Z", url, re.S)
    if not match or not is_server_url(url):
        return None
    scheme, rest = match.groups()
    at = rest.rfind("@")
    if at < 0:
        return None
    user, sep, password = rest[:at].partition(":")
    return scheme, user, (unquote(password) if sep else None), rest[at + 1:]


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password, and the password (decoded), or None when it has none."""
    parts = _split(url)
    if parts is None or parts[2] is None:
        return url, None
    scheme, user, password, rest = parts
    return f"{scheme}{user}@{rest}", password


def strip_password(url: str) -> str:
    """``url`` as it may be saved or shown: without its password."""
    return split_password(url)[0]


def with_password(url: str, password: str) -> str:
    """``url`` (with or without a password) carrying ``password``, encoded so that any
    character in it survives the driver's parsing."""
    parts = _split(url)
    if parts is None:
        return url
    scheme, user, _old, rest = parts
    return f"{scheme}{user}:{quote(password, safe='')}@{rest}"


def account(url: str) -> str | None:
    """The keychain's account name of a server URL, ``user@host:port/database``; None for a
    SQLite file or a URL without a user."""
    bare = strip_password(url)
    if not is_server_url(bare):
        return None
    parts = urlsplit(bare)
    if not parts.username:
        return None
    kind = "postgresql" if parts.scheme.startswith("postgres") else "mysql"
    try:
        port = parts.port or DEFAULT_PORTS[kind]
    except ValueError:  # not a number: say it as written
        port = parts.netloc.rpartition(":")[2]
    database = unquote(parts.path.lstrip("/"))
    return f"{unquote(parts.username)}@{parts.hostname or ''}:{port}/{database}"


# ---------------------------------------------------------------- the keychain


class KeychainUnavailable(Exception):
    """No usable keychain: the ``keyring`` package is missing or has no backend here."""


def _keyring():
    try:
        import keyring
    except ImportError as exc:
        raise KeychainUnavailable("the keyring package is not installed") from exc
    return keyring


def _call(what: str, fn, *args):
    keyring = _keyring()
    try:
        return fn(keyring, *args)
    except Exception as exc:  # noqa: BLE001 - any backend failure means: no keychain here
        try:
            name = type(keyring.get_keyring()).__module__
        except Exception:  # noqa: BLE001 - only for the message
            name = "?"
        reason = redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
        raise KeychainUnavailable(f"cannot {what} the system keychain ({name}): {reason}") from exc


def lookup_password(url: str) -> str | None:
    """The keychain's password for ``url``'s account, or None (none stored, no user in the URL).
    Raises ``KeychainUnavailable`` when there is no usable keychain."""
    name = account(url)
    if name is None:
        return None
    password = _call("read", lambda kr, n: kr.get_password(SERVICE, n), name)
    if password:
        remember_secret(password)
    return password or None


def stored_password(url: str) -> str:
    """The keychain's password for ``url``'s account; "" when none or no usable keychain."""
    try:
        return lookup_password(url) or ""
    except KeychainUnavailable:
        return ""


def store_password(url: str, password: str) -> str:
    """Keep ``password`` in the keychain for ``url``'s account; returns the account name.
    Raises ``KeychainUnavailable`` (nothing stored) or ``ValueError`` (no user in the URL)."""
    name = account(url)
    if name is None:
        raise ValueError("the URL names no server user")
    remember_secret(password)
    _call("write to", lambda kr, n, p: kr.set_password(SERVICE, n, p), name, password)
    return name


def forget_password(url: str) -> None:
    """Remove ``url``'s account from the keychain (nothing when it was not there)."""
    name = account(url)
    if name is None:
        return

    def delete(kr, n):
        try:
            kr.delete_password(SERVICE, n)
        except kr.errors.PasswordDeleteError:
            pass

    _call("write to", delete, name)


def move_to_keychain(url: str) -> bool:
    """Store the password of ``url`` (a URL saved by an older OrderDesk) in the keychain;
    True when it is there now and the URL may be saved without it."""
    bare, password = split_password(url)
    if not password or account(bare) is None:
        return False
    try:
        store_password(bare, password)
    except KeychainUnavailable:
        return False  # kept where it is: the desk must still open
    return True


def fill_password(url: str) -> tuple[str, str | None]:
    """The URL to connect with, and a note for the person when the keychain could not help.

    A URL with a password gets it re-encoded (an unencoded "/" would otherwise split it in the
    driver); a server URL with a user and no password gets the keychain's.  Without one the
    URL stays as it is: PostgreSQL then reads ``~/.pgpass``, and the window can ask."""
    bare, password = split_password(url)
    if password is not None:
        remember_secret(password)
        return with_password(bare, password), None
    if account(url) is None:
        return url, None
    try:
        stored = lookup_password(url)
    except KeychainUnavailable as exc:
        return url, str(exc)
    if stored:
        return with_password(url, stored), None
    return url, f"no password for {account(url)} in the system keychain"


def password_hint(url: str, note: str | None) -> str:
    """What to tell someone whose server URL without a password did not connect."""
    if not note:
        return ""
    bare = strip_password(url)
    return (f"\nNote: {note}. Store it once with: orderdesk password --db \"{bare}\""
            + (" (or put it in ~/.pgpass)" if bare.startswith("postgres") else ""))


def prompt_and_store(url: str, *, getpass=None, out=None) -> int:
    """``orderdesk password --db URL``: ask for the password (not echoed) and keep it in the
    keychain.  An empty answer removes the stored one.  0 when done, 1 when it could not be."""
    import sys

    if getpass is None:
        from getpass import getpass
    out = out or sys.stderr
    bare = strip_password(url)
    name = account(bare)
    if name is None:
        print("orderdesk password: give a server URL with a user, e.g. "
              "--db postgresql://clerk@db.shop.lan/shop", file=out)
        return 1
    try:
        password = getpass(f"Password for {name} (empty: forget it): ")
    except (EOFError, KeyboardInterrupt):
        print("\norderdesk password: nothing stored", file=out)
        return 1
    try:
        if password:
            store_password(bare, password)
            print(f"Stored in the system keychain as {SERVICE} / {name}. "
                  f"Start OrderDesk with --db \"{bare}\".", file=out)
        else:
            forget_password(bare)
            print(f"Removed {SERVICE} / {name} from the system keychain.", file=out)
    except KeychainUnavailable as exc:
        print(f"orderdesk password: {exc}. "
              + ("Put the password in ~/.pgpass instead (see PostgreSQL's libpq documentation)."
                 if bare.startswith("postgres") else "OrderDesk will ask for it when it starts."),
              file=out)
        return 1
    return 0
