"""Bringing a database up to this OrderDesk's structure when the window opens one of an older
version: which steps are due, and running them on a worker thread's own connection while the
window says how far they are (``migrations.migrate_to_latest``; a 1,000,000-order SQLite file
takes 19-38 s, most of it the copy kept before the first step)."""

from __future__ import annotations

from app.models.db import database, own_connection, server_errors
from app.models.migrations import Progress, migrate_to_latest, pending_steps


def due_steps() -> list[int]:
    """The steps the open database needs (none when it is up to date)."""
    return pending_steps(database.obj)


def bring_up_to_date(progress: Progress) -> list[int]:
    """On a worker thread: every due step (and the copy before them, and ``repair`` after),
    on the thread's own connection, opened and closed for them; ``progress(phase, done,
    total)`` is called on that thread.  Returns the steps run."""
    with server_errors(), own_connection():
        return migrate_to_latest(database.obj, progress)
