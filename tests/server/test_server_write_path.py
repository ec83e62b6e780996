"""``tests/test_write_path.py``'s comparison on PostgreSQL and MariaDB: every action, through
the action services and through the demo's bulk writer, writes the same rows."""

from __future__ import annotations

from server_db import fresh_database
from test_write_path import assert_same_rows, demo, dump, write_routes

from app.models.db import connect, database


def test_every_action_writes_the_same_rows_through_the_services_and_in_bulk(server_kind):
    dumps = []
    try:
        for bulk in (False, True):
            with fresh_database(server_kind) as url:
                d = connect(url)
                try:
                    write_routes(bulk)
                    dumps.append(dump(d))
                    if bulk:
                        assert_same_rows(*dumps)
                finally:
                    d.close()
    finally:
        database.initialize(None)
    assert len(dumps[0]["order"]) == len(demo.SCRIPTS) + 40
