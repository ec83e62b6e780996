"""What every page shares: who the clerk is, and the news of what changed.

A page asks ``session.operator()`` for the name to record on history, and calls
``session.announce(change)`` after a service succeeds; every page listening on ``changed``
reloads only what the change touched (STYLE.md: Anki's OpChanges).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from .settings_keys import OPERATOR


class Session(QObject):
    #: Emitted with the service's ``Change`` (or any object with ``order_statuses`` /
    #: ``cancel_statuses``), or with ``None`` for "reload everything".
    changed = Signal(object)
    operator_changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings

    def operator(self, parent: QWidget | None = None) -> str | None:
        """The clerk's name; asked once and kept in QSettings.  None if the clerk cancels."""
        name = str(OPERATOR.read(self.settings)).strip()
        if name:
            return name
        return self.ask_operator(parent)

    def ask_operator(self, parent: QWidget | None = None) -> str | None:
        current = str(OPERATOR.read(self.settings))
        name, ok = QInputDialog.getText(
            parent,
            self.tr("操作人員"),
            self.tr("請輸入您的姓名（會記錄在每一筆訂單歷程）："),
            text=current,
        )
        name = (name or "").strip()
        if not ok or not name:
            return None
        self.set_operator(name)
        return name

    def set_operator(self, name: str) -> None:
        OPERATOR.write(self.settings, name.strip())
        self.operator_changed.emit(name.strip())

    def announce(self, change) -> None:
        self.changed.emit(change)
