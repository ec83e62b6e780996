"""The server fixture's rules: no variable, skip (saying which to set); a server that cannot be
reached, skip, or fail when ORDERDESK_TEST_REQUIRE_SERVERS=1 (CI must not pass by skipping)."""

from __future__ import annotations

import pytest
import server_db

UNREACHABLE = {"pg": "postgresql://postgres@127.0.0.1:1/test", "mysql": "mysql://root@127.0.0.1:1/test"}


@pytest.mark.parametrize("kind", server_db.KINDS)
def test_without_the_variable_the_tests_are_skipped(monkeypatch, kind):
    monkeypatch.delenv(server_db.ENV[kind], raising=False)
    monkeypatch.setenv(server_db.REQUIRE_ENV, "1")
    with pytest.raises(pytest.skip.Exception, match=f"set {server_db.ENV[kind]} to a .* URL to run"):
        server_db.server_or_skip(kind)


@pytest.mark.parametrize("kind", server_db.KINDS)
def test_an_unreachable_server_is_skipped(monkeypatch, kind):
    monkeypatch.setenv(server_db.ENV[kind], UNREACHABLE[kind])
    monkeypatch.delenv(server_db.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="unreachable"):
        server_db.server_or_skip(kind)


@pytest.mark.parametrize("kind", server_db.KINDS)
def test_an_unreachable_server_fails_when_servers_are_required(monkeypatch, kind):
    monkeypatch.setenv(server_db.ENV[kind], UNREACHABLE[kind])
    monkeypatch.setenv(server_db.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"unreachable.*{server_db.REQUIRE_ENV}=1"):
        server_db.server_or_skip(kind)


def test_with_database():
    assert server_db.with_database("postgresql://u:p@h:5432/test?sslmode=disable", "od_x") == (
        "postgresql://u:p@h:5432/od_x?sslmode=disable")
