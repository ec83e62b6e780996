"""What every page shares: who the clerk is, and the news of what changed.

A page asks ``session.operator()`` for the name to record on history; the action runner
(``runner.Runner``) calls ``session.announce(changes)`` with an ``OpChanges`` after a service
succeeds, and every page listening on ``changed`` reloads only what the change touched
(docs/STYLE.md: Anki's OpChanges).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from app.services.op_changes import OpChanges

from . import prompts
from .settings_keys import OPERATOR


class Session(QObject):
    #: Emitted with an ``OpChanges`` (``OpChanges.all()`` for "reload everything").
    changed = Signal(OpChanges)
    operator_changed = Signal(str)
    #: What was just done, for the status bar ("已完成「出貨」：訂單 O…").
    said = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings

    def operator(self, parent: QWidget | None = None) -> str | None:
        """The clerk's name; asked once and kept in QSettings.  None if the clerk cancels (the
        status bar then says why nothing was done)."""
        name = str(OPERATOR.read(self.settings)).strip()
        if name:
            return name
        name = self.ask_operator(parent)
        if name is None:
            self.say(self.tr("未設定操作人員，動作沒有執行：每一筆訂單歷程都要記錄是誰做的。"))
        return name

    def ask_operator(self, parent: QWidget | None = None) -> str | None:
        """Ask for the clerk's name until one is given: an empty name is not taken silently,
        the clerk is told why and asked again.  None only when the clerk cancels."""
        current = str(OPERATOR.read(self.settings))
        while True:
            name = prompts.text(
                parent,
                self.tr("操作人員"),
                self.tr("請輸入您的姓名（會記錄在每一筆訂單歷程）："),
                current,
            )
            if name is None:
                return None
            name = name.strip()
            if name:
                self.set_operator(name)
                return name
            prompts.tell(parent, self.tr("操作人員"),
                         self.tr("姓名不能空白：每一筆訂單歷程都要記錄是誰做的。請輸入您的姓名，或按【取消】不執行。"))

    def set_operator(self, name: str) -> None:
        OPERATOR.write(self.settings, name.strip())
        self.operator_changed.emit(name.strip())

    def say(self, text: str) -> None:
        self.said.emit(text)

    def announce(self, changes: OpChanges) -> None:
        if not isinstance(changes, OpChanges):
            raise TypeError(f"announce wants an OpChanges, not {type(changes).__name__}")
        self.changed.emit(changes)
