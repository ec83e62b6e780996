"""Holding a migration step on its worker thread while a test looks at the window's progress
dialog (``app.views.migrating``)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.models import migrations
from app.models.migrations import LATEST


def held_step(monkeypatch, *, fail: bool = False):
    """The last step made to wait (on the worker thread) until the test lets it go; with
    ``fail`` it then raises, as a step that cannot be done would."""
    real = migrations.MIGRATIONS[LATEST]
    started, go = threading.Event(), threading.Event()
    seen: dict = {}

    def held(db):
        seen["thread"] = threading.current_thread()
        started.set()
        assert go.wait(20)
        if fail:
            raise RuntimeError("the step could not be done")
        return real(db)

    monkeypatch.setitem(migrations.MIGRATIONS, LATEST, held)
    return started, go, seen


def migration_dialog():
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "migration_progress"]
    return found[0] if found else None


def while_held(qtbot, started, go, look):
    """Run ``look()`` on the UI thread once the held step has started and the dialog shows,
    then let the step go (a timer: ``migrate_showing_progress`` waits in its own loop)."""
    looked: dict = {}

    def poll():
        dialog = migration_dialog()
        if not (started.is_set() and dialog is not None and dialog.isVisible()):
            QTimer.singleShot(20, poll)
            return
        try:
            looked.update(look(dialog))
        finally:
            go.set()

    QTimer.singleShot(0, poll)
    return looked
