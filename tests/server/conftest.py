"""Fixtures for the shared-database tests: every test here runs once on PostgreSQL and once on
MariaDB, each time in a database of its own (``server_db.py``).

``db`` is overridden to be the server database, so ``tests/conftest.py``'s ``shop`` and
``place`` fixtures work here unchanged.
"""

from __future__ import annotations

import pytest
from server_db import KINDS, connected


def pytest_collection_modifyitems(items):
    for item in items:
        if "server_kind" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.server)


@pytest.fixture(params=KINDS)
def server_kind(request) -> str:
    return request.param


@pytest.fixture
def server_db(server_kind):
    """A fresh, migrated database on the ``server_kind`` server, bound to OrderDesk."""
    with connected(server_kind) as db:
        yield db


@pytest.fixture
def db(server_db):
    return server_db
