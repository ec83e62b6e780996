"""A desk started on a PostgreSQL URL without a password takes it from the keychain: the
password is in no process listing (``ps``) and in no file OrderDesk writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from server_db import fresh_database

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
PASSWORD = "x/y@z"

pytestmark = [pytest.mark.server, pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads ps and /proc")]


def connections(url: str) -> int:
    """How many sessions the server has open on ``url``'s database."""
    import psycopg2

    from app.services.credentials import account

    name = account(url).rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,))
            return cur.fetchone()[0]
    finally:
        conn.close()


def test_running_desk_shows_no_password(tmp_path):
    with fresh_database("pg") as url:
        from app.services.credentials import account, strip_password

        url = strip_password(url)
        if account(url) is None:
            pytest.skip("the test server's URL names no user")
        keys = tmp_path / "keys.json"
        keys.write_text(json.dumps({f"OrderDesk\n{account(url)}": PASSWORD}), encoding="utf-8")
        home = tmp_path / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ORDERDESK_", "XDG_", "PG"))}
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local" / "share"), QT_QPA_PLATFORM="offscreen",
                   PYTHONPATH=os.pathsep.join([str(ROOT), str(TESTS)]),
                   PYTHON_KEYRING_BACKEND="fake_keyring.FakeKeyring", ORDERDESK_TEST_KEYRING=str(keys))
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", url, "--lang", "en"],
                                env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        try:
            log = Path(str(keys) + ".log")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if log.exists() and connections(url):
                    break  # asked the keychain, then connected
                time.sleep(0.2)
            time.sleep(1)
            assert proc.poll() is None, proc.communicate()
            assert log.read_text(encoding="utf-8").splitlines()[0] == f"OrderDesk {account(url)}"
            listing = subprocess.run(["ps", "-eww", "-o", "pid=,args="], capture_output=True,
                                     text=True, check=True).stdout
            mine = [line for line in listing.splitlines() if line.split()[0] == str(proc.pid)]
            assert mine and url in mine[0]
            cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode().replace("\0", " ")
            environ = Path(f"/proc/{proc.pid}/environ").read_bytes().decode(errors="replace")
            written = "".join(p.read_text(errors="replace") for p in home.rglob("*") if p.is_file())
            for text in (listing, cmdline, environ, written):
                for form in (PASSWORD, quote(PASSWORD, safe=""), quote(PASSWORD)):
                    assert form not in text
        finally:
            proc.terminate()
            try:
                proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
