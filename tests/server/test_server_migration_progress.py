"""A server database an older OrderDesk made, opened by the window: its steps run on a worker
thread's own connection (under the server's migration lock) while the progress dialog says
which step runs; no copy is taken of a server's database (its own backups are the shop's)."""

from __future__ import annotations

import threading

from migration_helpers import held_step, while_held
from peewee import fn

from app.models.migrations import LATEST, current_version
from app.models.tables import GramStatusCount


def test_a_server_update_runs_off_the_ui_thread_and_says_its_step(qtbot, db, place, monkeypatch):
    from app.views import migrating

    place(name="林雅婷")
    db.execute_sql("UPDATE schema_version SET version = %s", (LATEST - 1,))
    pairs = _counted("雅婷")
    started, go, seen = held_step(monkeypatch)
    phases: list[str] = []
    real_show = migrating.MigrationDialog.show_phase
    monkeypatch.setattr(migrating.MigrationDialog, "show_phase",
                        lambda self, *p: (phases.append(p[0]), real_show(self, *p)))
    looked = while_held(qtbot, started, go, lambda dialog: {"label": dialog.labelText()})
    assert migrating.migrate_showing_progress() == [LATEST]
    assert seen["thread"] is not threading.main_thread()
    assert looked["label"].startswith("正在更新資料庫結構（第 1 步，共 1 步）")
    assert "backup" not in phases and phases[-1] == "repair"
    assert current_version(db) == LATEST
    # the step ran for real: the two-character counts written afresh, not twice
    assert _counted("雅婷") == pairs == 1


def _counted(gram: str) -> int:
    return int(GramStatusCount.select(fn.SUM(GramStatusCount.n)).where(GramStatusCount.gram == gram).scalar() or 0)
