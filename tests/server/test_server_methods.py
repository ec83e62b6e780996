"""Issue 15, item 1 on PostgreSQL and MariaDB: method changes carry the version the clerk saw
(``tests/test_method_versions.py``'s tests, on a server database), and editors racing in
processes of their own on one method lose no edit."""

from __future__ import annotations

import pytest
from test_method_versions import (  # noqa: F401 - collected here on the servers
    EDITORS,
    EDITS,
    check_no_edit_lost,
    race_method_edits,
    test_a_stale_delete_of_an_unused_method_deletes_nothing,
    test_an_edit_carries_the_version_and_a_stale_one_is_refused,
    test_delete_and_restore_check_the_version,
    test_the_rows_show_the_version,
)

from app.models.tables import MethodHistory


@pytest.mark.slow
def test_editors_racing_on_one_method_lose_no_edit(server_db, shop):
    mid = shop["home"].id
    server_db.close()
    accepted, _stale = race_method_edits(server_db.server_url, mid)
    server_db.connect(reuse_if_open=True)
    check_no_edit_lost(mid, accepted, "")
    assert MethodHistory.select().count() == EDITORS * EDITS
