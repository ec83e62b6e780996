"""Windows that fit the screen they open on (issue 17: a 1366×768 laptop at 100 %, a
1920×1080 one at 150 %): the main window's restored size, and every dialog, shrunk (never
grown) and moved onto the screen's available area; long content scrolls inside them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDialog, QWidget

#: Room left around a window for its frame and title bar (a size is the inside).
FRAME = QSize(16, 48)


def fit_on_screen(geometry: QRect, available: QRect) -> QRect:
    """``geometry`` (the window's inside) shrunk, never grown, and moved so that the window
    with its frame lies on the screen's ``available`` area (without the taskbar or the Dock):
    a size remembered on a larger monitor, or a window left on one no longer attached."""
    size = geometry.size().boundedTo(available.size() - FRAME)
    room = QRect(available.topLeft(), available.size() - FRAME - size + QSize(1, 1))
    x = min(max(geometry.x(), room.left()), room.right())
    y = min(max(geometry.y(), room.top()), room.bottom())
    return QRect(QPoint(x, y), size)


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen under the middle of ``widget``'s window (the one Qt itself picks for a window
    not yet shown), else the primary screen; None with no screen at all.

    Never QWidget's or QWindow's own ``screen()``: PySide6 makes the widget asked the
    Python parent of the QScreen it returns, and when that widget is collected in a
    reference cycle together with the QScreen's older wrapper, the collector deletes the
    desk's QScreen while Qt keeps it in its list of screens; the next widget made crashes in
    ``QScreen::virtualSiblings`` (tests/test_screen_not_deleted.py). ``QGuiApplication``'s
    own calls give no widget a QScreen to hold."""
    middle = widget.window().geometry().center()
    return QGuiApplication.screenAt(middle) or QGuiApplication.primaryScreen()


def available_area(widget: QWidget) -> QRect | None:
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else None


def fit_window(widget: QWidget, *, move: bool = True) -> None:
    """Shrink ``widget`` (a window) to its screen, and move it onto it when ``move``."""
    available = available_area(widget)
    if available is None:
        return
    room = available.size() - FRAME
    if widget.minimumWidth() > room.width() or widget.minimumHeight() > room.height():
        widget.setMinimumSize(widget.minimumSize().boundedTo(room))
    fitted = fit_on_screen(widget.geometry(), available)
    if fitted.size() != widget.size():
        widget.resize(fitted.size())
    if move and widget.isVisible() and fitted.topLeft() != widget.geometry().topLeft():
        widget.move(fitted.topLeft() - (widget.geometry().topLeft() - widget.pos()))


#: The events after which a dialog is fitted: shown (and moved onto its screen), or grown.
_FITTED_AFTER = (QEvent.Type.Show, QEvent.Type.Resize)


class DialogsFitScreen(QObject):
    """An application-wide event filter: every dialog, when shown or grown, fits its screen.

    It sees every event of the program (thousands before the window's first paint), so the
    cheap question comes first: most objects are not dialogs, and their event's type is not
    even asked."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if isinstance(obj, QDialog):
            kind = event.type()
            if kind in _FITTED_AFTER and obj.isWindow():
                fit_window(obj, move=kind == QEvent.Type.Show)
        return False


def install(app) -> DialogsFitScreen:
    """Make every dialog of ``app`` fit its screen (once per application)."""
    fitter = getattr(app, "_orderdesk_fitter", None)
    if fitter is None:
        fitter = DialogsFitScreen(app)
        app.installEventFilter(fitter)
        app._orderdesk_fitter = fitter
    return fitter
