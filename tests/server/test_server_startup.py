"""The window's start imports peewee without its server drivers (``app.models.drivers``,
issue 11 item 8); choosing a server afterwards (設定 → 資料庫連線) still opens it: the drivers
are loaded first, and the server database migrates and answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from server_db import fresh_database

ROOT = Path(__file__).resolve().parent.parent.parent

OPEN_AFTER_THE_START = """
import sys
from app.models import drivers
drivers.without_server_drivers()
from app.models.db import connect
from app.models.tables import Store
assert "pymysql" not in sys.modules and "psycopg2" not in sys.modules
db = connect(sys.argv[1])
print(type(db).__name__, Store.select().count(), drivers.deferred())
"""


def test_a_server_opens_after_a_start_without_its_driver(server_kind):
    with fresh_database(server_kind) as url:
        done = subprocess.run([sys.executable, "-c", OPEN_AFTER_THE_START, url], cwd=ROOT,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        kind = "DeskPostgresqlDatabase" if server_kind == "pg" else "DeskMySQLDatabase"
        assert done.stdout.split() == [kind, "0", "False"]
