"""Other clerks' changes show up without a manual refresh, and a lost connection is retried.

On PostgreSQL a LISTEN connection wakes the window the moment another desk's change commits
(migration 5's NOTIFY).  Everywhere, a timer also polls the change counter (``app.services.changes.change_token``: primary-key
lookups) once a second.  When it moved, the history records since the last one seen say which
statuses changed (``changes.Seen``), and the pages reload only the tabs they touched, keeping
the selection and scroll position (``session.announce``, as for this desk's own change).  While a dialog is open nothing
moves under it: the refresh waits until the dialog closes, and the dialog's action meets the
version check instead.  When the poll fails because the server went away, the status bar says
so and the watcher reconnects on every tick until the server answers again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.services import changes
from app.services.credentials import redact
from app.services.op_changes import OpChanges, merge

from .session import Session


class LiveRefresh(QObject):
    connection_lost = Signal(str)
    connection_back = Signal()

    def __init__(self, session: Session, interval_ms: int = 1000, parent=None):
        super().__init__(parent)
        self.session = session
        self.lost = False
        #: What other desks changed and is not shown yet (announced when no dialog is open).
        self._pending: list[OpChanges] = []
        self._was_notified = False
        self._announcing = False
        self.seen = changes.Seen()
        try:
            self.seen.start()
        except Exception as exc:  # noqa: BLE001 - shown in the status bar, retried
            self._lose(exc)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        session.changed.connect(self._own_change)
        self.listener = None
        self.notifier = None
        self._ticks = 0
        self._listen()
        self._wants_listener = self.listener is not None
        self.connection_back.connect(self._listen)
        self.timer.start()

    def _listen(self) -> None:
        """Start (again) listening for PostgreSQL notifications, where there are any."""
        self._unlisten()
        self.listener = changes.listener()
        if self.listener is not None:
            self.notifier = QSocketNotifier(self.listener.fileno(), QSocketNotifier.Type.Read, self)
            self.notifier.activated.connect(self._notified)

    def _unlisten(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def _notified(self, *_args) -> None:
        try:
            arrived = self.listener.drain() if self.listener else 0
        except Exception:  # noqa: BLE001 - the listener's connection died; the timer reconnects
            self._unlisten()
            return
        if arrived:
            # A NOTIFY is sent at commit: always worth a look, even when the counter looks
            # unchanged (a late commit of a lower id).
            self._was_notified = True
            self.poll()

    def _own_change(self, change: OpChanges) -> None:
        """Don't reload again for what this window just showed — but only when the counter
        moved by exactly this change's own history records; anything else is another desk's
        change too, and the next poll reloads for it.  A change of the methods moves only
        their own counter: when the orders' did not move, the pages are current."""
        if self._announcing:
            return
        try:
            token = changes.change_token()
        except Exception:  # noqa: BLE001 - the next poll reports it
            return
        if change.reloads_lists:  # every page has just reloaded
            try:
                self.seen.start()
            except Exception:  # noqa: BLE001 - the next poll reports it (and reloads it all)
                self.seen.forget()
            return
        self.seen.own(change, token)

    def stop(self) -> None:
        self.timer.stop()
        self._unlisten()

    def poll(self) -> None:
        if not changes.database_bound():
            return
        if self.lost:
            try:
                changes.reconnect()
            except Exception:  # noqa: BLE001 - still away; try again next tick
                return
            self.lost = False
            self.connection_back.emit()
            self.seen.forget()  # what happened while away is unknown: everything reloads
        try:
            token = changes.change_token()
            change = self.seen.look(token, notified=self._was_notified)
        except Exception as exc:  # noqa: BLE001
            if changes.is_connection_error(exc):
                self._lose(exc)
                return
            raise
        self._was_notified = False
        if change is not None:
            self._pending.append(change)
        self._ticks += 1
        if self._wants_listener and self.listener is None and self._ticks % 10 == 0:
            self._listen()  # the LISTEN connection died on its own: open it again
        if self._pending and QApplication.activeModalWidget() is None:
            pending, self._pending = self._pending, []
            self._announcing = True  # seen already: not this desk's own change
            try:
                self.session.announce(merge(pending))
            finally:
                self._announcing = False

    def mark_lost(self, exc: BaseException) -> None:
        """Another part of the window found the connection gone."""
        self._lose(exc)

    def _lose(self, exc: BaseException) -> None:
        if not self.lost:
            self.lost = True
            self.connection_lost.emit(redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__))
