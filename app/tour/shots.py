"""Saving a widget's picture for the tour."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget


def shot(widget: QWidget, path: Path, *, title: bool = False) -> Path:
    """Show, let the layout settle, and save the widget's picture to ``path``; ``title`` draws
    the window title above it (the window frame, where the title lives, is not part of a grab)."""
    widget.show()
    for _ in range(3):  # layouts settle over a few rounds (wrapped rows, scroll bars)
        QApplication.processEvents()
    picture = widget.grab()
    if not title:
        picture.save(str(path))
        return path
    bar = 30
    # The grab has the screen's pixels (1.5 of them a point at QT_SCALE_FACTOR=1.5): the image
    # too, painted in points, so the picture fills it.
    ratio = picture.devicePixelRatio()
    image = QImage(picture.width(), picture.height() + round(bar * ratio), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("#dfe3e8"))
    painter = QPainter(image)
    painter.setPen(QColor("#202020"))
    font = QFont(widget.font())
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(12, 0, round(picture.width() / ratio) - 24, bar,
                     int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                     widget.windowTitle())
    painter.drawPixmap(0, bar, picture)
    painter.end()
    image.save(str(path))
    return path
