"""The paper sizes slips and pick lists are printed on: their keys (``--size`` and the
setting) and names, without Qt's printing and page classes (``app.widgets.slips`` has the
pages themselves), so the window's 紙張大小 menu does not import them while it starts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.i18n import QT_TRANSLATE_NOOP

A4, LABEL = "a4", "label"
#: Each size's name, untranslated (context "Slips"), in the order the menu offers them.
NAMES = {
    A4: QT_TRANSLATE_NOOP("Slips", "A4"),
    LABEL: QT_TRANSLATE_NOOP("Slips", "10×15 cm 標籤"),
}


def size_label(key: str) -> str:
    return QCoreApplication.translate("Slips", NAMES[key])
