"""Work the start needs but the first frame does not, run once the window has painted itself
(issue 11, item 8: start-up to the first painted table)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, calls: tuple[Callable[[], object], ...]):
        super().__init__(widget)
        self.calls = calls
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.calls:
            calls, self.calls = self.calls, ()
            watched.removeEventFilter(self)
            # Queued: the frame is finished and on screen before any of them runs.
            QTimer.singleShot(0, lambda: [call() for call in calls])
        return False


def after_first_paint(widget: QWidget, *calls: Callable[[], object]) -> None:
    """Run ``calls``, in order, once ``widget`` has painted itself for the first time."""
    _FirstPaint(widget, calls)
