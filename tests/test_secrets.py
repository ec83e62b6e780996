"""Server passwords live in the keychain (never in the settings file, a message or the command
line), and the clerk's files are readable by the clerk alone (issue 16, parts 3-5)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus

import keyring
import pytest
from fake_keyring import BrokenKeyring
from keyring.backends import fail
from PySide6.QtCore import QSettings, Qt

from app.services import credentials as cr

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
PASSWORDS = ["p/a@ss", "x/y@z", "s3:cr@t/pa%ss", "hunter2!", "密碼 with space"]


def encodings(password: str) -> set[str]:
    """Every form a password may take in a message, and the parts around its odd characters."""
    forms = {password, quote(password, safe=""), quote(password), quote_plus(password),
             password.replace("@", "%40"), password.replace("/", "%2F")}
    for sep in "/@:%":
        forms.update(part for part in password.split(sep) if len(part) >= 3)
    return forms


def assert_hidden(text: str, password: str) -> None:
    for form in encodings(password):
        assert form not in text, f"{form!r} of the password is in: {text!r}"


# ---------------------------------------------------------------- redaction


@pytest.mark.parametrize("password", PASSWORDS)
@pytest.mark.parametrize("encode", [lambda p: p, lambda p: quote(p, safe=""), quote_plus])
def test_redact_hides_a_url_password_however_it_is_written(password, encode):
    url = f"postgresql://clerk:{encode(password)}@db.shop.lan:5432/shop?sslmode=require"
    if " " in encode(password):
        # A space ends a URL in a message: only a password OrderDesk has seen (each one it
        # reads from a URL, the keychain or the dialog) is hidden then.
        cr.remember_secret(password)
    text = cr.redact(f"cannot open {url}: connection refused")
    assert_hidden(text, password)
    assert text.startswith("cannot open postgresql://clerk:***@db.shop.lan:5432/shop")
    assert text.endswith(": connection refused")


def test_redact_hides_pairs_and_remembered_passwords():
    assert cr.redact("host=h password=s3cret user=u") == "host=h password=*** user=u"
    assert cr.redact("{'password': 'abc def', 'host': 'h'}") == "{'password': ***, 'host': 'h'}"
    cr.remember_secret("Tr0ub4dor&3")
    assert cr.redact("the driver said: Tr0ub4dor%263 / Tr0ub4dor&3") == "the driver said: *** / ***"


def test_redact_keeps_urls_without_password():
    for url in ("postgresql://clerk@db/shop", "mysql://db.shop.lan/shop", "sqlite:////home/a/x.db"):
        assert cr.redact(url) == url


@pytest.mark.parametrize("password", PASSWORDS)
def test_split_and_join_keep_an_odd_password_whole(password):
    raw = f"postgresql://clerk:{password}@db.shop.lan:5433/shop"
    bare, found = cr.split_password(raw)
    assert bare == "postgresql://clerk@db.shop.lan:5433/shop" and found == password
    joined = cr.with_password(bare, password)
    assert cr.split_password(joined) == (bare, password)
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(joined)  # what the drivers see: the host and the password intact
    assert parts.hostname == "db.shop.lan" and parts.port == 5433 and unquote(parts.password) == password


def test_account_names():
    assert cr.account("postgresql://clerk@db.shop.lan/shop") == "clerk@db.shop.lan:5432/shop"
    assert cr.account("mysql://clerk:pw@db:3307/shop") == "clerk@db:3307/shop"
    assert cr.account("postgresql://db/shop") is None
    assert cr.account("sqlite:///x.db") is None


# ---------------------------------------------------------------- the keychain


def test_url_without_password_gets_the_keychains(fake_keychain):
    url = "postgresql://clerk@db.shop.lan/shop"
    assert cr.fill_password(url)[0] == url and "no password" in cr.fill_password(url)[1]
    cr.store_password(url, "x/y@z")
    assert keyring.get_password("OrderDesk", "clerk@db.shop.lan:5432/shop") == "x/y@z"
    filled, note = cr.fill_password(url)
    assert note is None and cr.split_password(filled) == (url, "x/y@z")
    assert_hidden(cr.redact(f"error at {filled}"), "x/y@z")


@pytest.mark.parametrize("backend", [fail.Keyring, BrokenKeyring])
def test_no_usable_keychain_is_a_message_not_a_traceback(backend, capsys):
    keyring.set_keyring(backend())
    url = "postgresql://clerk@db.shop.lan/shop"
    filled, note = cr.fill_password(url)
    assert filled == url and "keychain" in note
    assert "orderdesk password --db" in cr.password_hint(url, note)
    assert cr.stored_password(url) == ""
    with pytest.raises(cr.KeychainUnavailable):
        cr.store_password(url, "x/y@z")
    assert cr.prompt_and_store(url, getpass=lambda _prompt: "x/y@z") == 1
    err = capsys.readouterr().err
    assert "~/.pgpass" in err and "Traceback" not in err
    assert_hidden(err, "x/y@z")


def test_password_command_stores_and_forgets(fake_keychain, capsys):
    url = "mysql://clerk:ignored@db.shop.lan/shop"
    asked = []
    assert cr.prompt_and_store(url, getpass=lambda prompt: asked.append(prompt) or "s3:cr@t") == 0
    assert asked == ["Password for clerk@db.shop.lan:3306/shop (empty: forget it): "]
    assert keyring.get_password("OrderDesk", "clerk@db.shop.lan:3306/shop") == "s3:cr@t"
    assert cr.prompt_and_store(url, getpass=lambda prompt: "") == 0
    assert keyring.get_password("OrderDesk", "clerk@db.shop.lan:3306/shop") is None
    assert "s3:cr@t" not in capsys.readouterr().err


def test_login_asks_when_the_server_wants_a_password(fake_keychain, monkeypatch, qapp):
    from app.views import server_login

    tried = []

    def try_connection(url):
        tried.append(url)
        if cr.split_password(url)[1] != "x/y@z":
            raise RuntimeError('FATAL:  password authentication failed for user "clerk"')
        return "PostgreSQL 15"

    monkeypatch.setattr(server_login, "try_connection", try_connection)
    answers = iter(["wrong", "x/y@z"])
    labels = []
    url = server_login.login_url("postgresql://clerk@db/shop",
                                 ask=lambda label: labels.append(label) or next(answers))
    assert cr.split_password(url) == ("postgresql://clerk@db/shop", "x/y@z")
    assert labels[0] == "請輸入資料庫伺服器帳號 clerk@db:5432/shop 的密碼："
    assert labels[1].startswith("無法連線：FATAL:  password authentication failed")
    assert keyring.get_password("OrderDesk", "clerk@db:5432/shop") == "x/y@z"
    # Next start: the keychain's password, nobody asked, no connection tried before opening.
    tried.clear()
    assert server_login.login_url("postgresql://clerk@db/shop", ask=pytest.fail) == url
    assert tried == []


# ---------------------------------------------------------------- the connection dialog


def test_dialog_keeps_the_password_in_the_keychain_not_in_settings(qtbot, tmp_path, fake_keychain):
    from app.cli.start import save_db_url
    from app.dialogs.connection_dialog import ConnectionDialog

    password = "p/a@ss:w%rd"
    d = ConnectionDialog("")
    qtbot.addWidget(d)
    d.kind.setCurrentIndex(d.kind.findData("postgresql"))
    d.host.setText("db.shop.lan")
    d.database.setText("shop")
    d.user.setText("clerk")
    d.password.setText(password)
    d.show()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.result() == d.DialogCode.Accepted
    assert keyring.get_password("OrderDesk", "clerk@db.shop.lan:5432/shop") == password
    path = tmp_path / "s.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    save_db_url(settings, d.value)
    saved = path.read_text(encoding="utf-8")
    assert "postgresql://clerk@db.shop.lan:5432/shop" in saved
    assert_hidden(saved, password)
    # Opened again on the saved URL, the dialog shows the keychain's password (hidden).
    again = ConnectionDialog(settings.value("database/url"))
    qtbot.addWidget(again)
    assert again.password.text() == password
    assert again.password.echoMode() == again.password.EchoMode.Password


@pytest.mark.parametrize("password", PASSWORDS)
def test_dialog_test_failure_shows_no_password(qtbot, password):
    from app.dialogs.connection_dialog import ConnectionDialog

    d = ConnectionDialog("postgresql://nobody@127.0.0.1:1/none")
    qtbot.addWidget(d)
    d.user.setText("clerk")
    d.password.setText(password)
    qtbot.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert d.test_result.text().startswith("連線失敗：")
    assert_hidden(d.test_result.text(), password)


def test_driver_error_with_an_unencoded_password_is_redacted():
    """psycopg2 misreads an unencoded "/" as the start of the database name: its error would
    name part of the password as the host; the URL is re-encoded and the text redacted."""
    url, _ = cr.fill_password("postgresql://clerk:p/a@ss@127.0.0.1:1/x")
    from app.services.connection import try_connection

    with pytest.raises(Exception) as info:
        try_connection(url)
    assert '"127.0.0.1"' in str(info.value) and "port 1" in str(info.value)
    assert_hidden(cr.redact(info.value), "p/a@ss")


# ---------------------------------------------------------------- the command line


def run_orderdesk(args, tmp_path, **env):
    home = tmp_path / "home"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ORDERDESK_", "XDG_"))}
    environment.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                       XDG_DATA_HOME=str(home / ".local" / "share"), QT_QPA_PLATFORM="offscreen",
                       PYTHONPATH=os.pathsep.join([str(ROOT), str(TESTS)]),
                       PYTHON_KEYRING_BACKEND="fake_keyring.FakeKeyring", **env)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=120, env=environment, cwd=tmp_path)


@pytest.mark.parametrize("written", ["p%2Fa%40ss", "p/a@ss"])
def test_command_line_error_shows_no_password(tmp_path, written):
    run = run_orderdesk(["--db", f"postgresql://user:{written}@127.0.0.1:1/x", "export",
                         "--list", "all", "--out", str(tmp_path / "o.xlsx")], tmp_path)
    assert run.returncode != 0
    assert "cannot open the database postgresql://user:***@127.0.0.1:1/x" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert_hidden(run.stdout + run.stderr, "p/a@ss")


def test_command_line_hint_when_no_password_is_stored(tmp_path):
    run = run_orderdesk(["--db", "postgresql://user@127.0.0.1:1/x", "export", "--list", "all",
                         "--out", str(tmp_path / "o.xlsx")], tmp_path,
                        ORDERDESK_TEST_KEYRING=str(tmp_path / "keys.json"))
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "no password for user@127.0.0.1:1/x in the system keychain" in run.stderr
    assert 'orderdesk password --db "postgresql://user@127.0.0.1:1/x"' in run.stderr


# ---------------------------------------------------------------- the clerk's files


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a Linux and macOS matter")


@posix_only
def test_fresh_desk_files_are_private(tmp_path):
    """A first start on a fresh home: settings and database 0600, their folders 0700."""
    run = run_orderdesk(["demo", "--orders", "3"], tmp_path)
    assert run.returncode == 0, run.stderr
    home = tmp_path / "home"
    settings = home / ".config" / "OrderDesk" / "OrderDesk.conf"
    data = home / ".local" / "share" / "OrderDesk" / "OrderDesk"
    assert mode(settings) == 0o600 and mode(settings.parent) == 0o700
    assert mode(data / "orderdesk.db") == 0o600 and mode(data) == 0o700


@posix_only
def test_old_desk_files_are_tightened(tmp_path):
    data = tmp_path / "home" / ".local" / "share" / "OrderDesk" / "OrderDesk"
    data.mkdir(parents=True, mode=0o755)
    data.chmod(0o755)
    run = run_orderdesk(["demo", "--orders", "1"], tmp_path)
    assert run.returncode == 0, run.stderr
    (data / "orderdesk.db").chmod(0o644)
    data.chmod(0o755)
    run = run_orderdesk(["demo", "--orders", "1"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert mode(data / "orderdesk.db") == 0o600 and mode(data) == 0o700


@posix_only
def test_database_wal_and_backup_are_private(tmp_path):
    from app.models.db import connect
    from app.models.migrations import LATEST, migrate_to_latest

    folder = tmp_path / "new" / "shop"
    path = folder / "shop.db"
    db = connect("sqlite:///" + str(path))
    db.execute_sql("INSERT INTO store (name) VALUES ('s')")
    assert mode(folder) == 0o700  # made by OrderDesk
    for name in ("shop.db", "shop.db-wal", "shop.db-shm"):
        assert mode(folder / name) == 0o600, name
    db.execute_sql("UPDATE schema_version SET version = ?", (LATEST - 1,))
    assert migrate_to_latest(db) == [LATEST]
    assert mode(folder / f"shop.db.v{LATEST - 1}.bak") == 0o600
    db.close()


@posix_only
def test_a_chosen_folder_keeps_its_mode(tmp_path):
    from app.models.db import connect

    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    connect("sqlite:///" + str(chosen / "shop.db")).close()
    assert mode(chosen) == 0o755 and mode(chosen / "shop.db") == 0o600


@posix_only
def test_export_temporary_file_is_private_until_in_place(tmp_path, shop, place, monkeypatch):
    from app.domain.tabs import OrderTab
    from app.services import export as ex
    from app.services.queries import OrderFilter

    place()
    seen = {}
    real_replace = os.replace

    def replace(src, dst):
        seen[src] = mode(src)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    out = tmp_path / "out" / "orders.xlsx"
    out.parent.mkdir(mode=0o755)
    ex.export_tab(OrderFilter(tab=OrderTab.ALL), out, operator="店員甲", filters_text="")
    assert list(seen.values()) == [0o600]
    umask = os.umask(0o022)
    os.umask(umask)
    assert mode(out) == 0o666 & ~umask  # the workbook itself: for colleagues, as before
    assert mode(out.parent) == 0o755


def test_window_messages_of_driver_errors_show_no_password(monkeypatch, capsys, qapp):
    from app.views import error_hook, runner

    exc = RuntimeError("could not reach postgresql://clerk:p/a@ss@db.shop.lan/shop\nDETAIL: x")
    assert runner._first_line(exc) == "could not reach postgresql://clerk:***@db.shop.lan/shop"
    told = []
    monkeypatch.setattr(error_hook, "tell", lambda window, title, text: told.append(text))
    error_hook.handle_exception(None, exc)
    assert told and "clerk:***@db.shop.lan" in told[0]
    assert_hidden(told[0], "p/a@ss")
    previous = sys.excepthook
    error_hook.install(None)
    try:
        sys.excepthook(RuntimeError, exc, None)
    finally:
        sys.excepthook = previous
    err = capsys.readouterr().err
    assert "RuntimeError: could not reach postgresql://clerk:***@db.shop.lan/shop" in err
    assert_hidden(err, "p/a@ss")


def test_a_password_saved_by_an_older_version_moves_to_the_keychain(tmp_path):
    keys = tmp_path / "keys.json"
    conf = tmp_path / "home" / ".config" / "OrderDesk" / "OrderDesk.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text("[database]\nurl=postgresql://clerk:p%2Fa%40ss@127.0.0.1:1/shop\n", encoding="utf-8")
    run = run_orderdesk(["export", "--list", "all", "--out", str(tmp_path / "o.xlsx")], tmp_path,
                        ORDERDESK_TEST_KEYRING=str(keys))
    assert "cannot open the database postgresql://clerk:***@127.0.0.1:1/shop" in run.stderr
    assert "postgresql://clerk@127.0.0.1:1/shop" in conf.read_text(encoding="utf-8")
    assert_hidden(conf.read_text(encoding="utf-8") + run.stderr, "p/a@ss")
    import json

    assert json.loads(keys.read_text(encoding="utf-8")) == {"OrderDesk\nclerk@127.0.0.1:1/shop": "p/a@ss"}


def test_dialog_without_a_keychain_says_so_and_still_connects(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.dialogs.connection_dialog import ConnectionDialog

    keyring.set_keyring(fail.Keyring())
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    d = ConnectionDialog("postgresql://clerk@db.shop.lan/shop")
    qtbot.addWidget(d)
    assert d.password.text() == ""
    d.password.setText("x/y@z")
    d.show()
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.result() == d.DialogCode.Accepted
    assert cr.split_password(d.value)[1] == "x/y@z"  # this session connects with it
    assert len(warned) == 1 and warned[0].startswith("無法把密碼存入系統的鑰匙圈（cannot write to")
    assert_hidden(warned[0], "x/y@z")


def test_login_without_a_keychain_says_so_through_the_door(monkeypatch, qapp):
    from app.views import prompts, server_login

    keyring.set_keyring(fail.Keyring())
    def try_connection(url):
        if cr.split_password(url)[1] is None:
            raise RuntimeError('FATAL:  password authentication failed for user "clerk"')
        return "PostgreSQL 15"

    monkeypatch.setattr(server_login, "try_connection", try_connection)
    told = []

    def show(parent, prompt):
        told.append(prompt)
        return "x/y@z" if prompt.kind is prompts.Kind.TEXT else None

    monkeypatch.setattr(prompts, "show", show)
    url = server_login.login_url("postgresql://clerk@db/shop")  # asked through the door
    assert cr.split_password(url)[1] == "x/y@z"  # this session connects with it
    assert [(p.kind, p.title, p.secret) for p in told] == [
        (prompts.Kind.TEXT, "資料庫連線", True), (prompts.INFO, "資料庫連線", False)]
    assert told[0].text == "請輸入資料庫伺服器帳號 clerk@db:5432/shop 的密碼："
    assert told[1].text.startswith("無法把密碼存入系統的鑰匙圈（")
    assert_hidden(told[1].text, "x/y@z")
