"""Grey hint text that cannot be mistaken for a filled-in value (issue 17).

``hint(edit, text)`` puts ``text`` in the field as its placeholder, drawn lighter and in italics
while the field is empty; typed text is drawn upright in the normal colour.  An example value
is given as ``example(text)`` (例：…), so that a hint such as 黑貓宅急便 or the buyer's name
never reads as the field's content.  Every placeholder of the program goes through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QCompleter, QPlainTextEdit, QTextEdit, QWidget

#: The hint's colour: lighter than any text the clerk typed.
HINT_COLOR = "#9e9e9e"


def example(value: object) -> str:
    """``例：value`` in the interface's language (``e.g. value``)."""
    return QCoreApplication.translate("Hints", "例：{0}").format(value)


def _text_of(edit: QWidget) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def _restyle(edit: QWidget) -> None:
    font = edit.font()
    italic = not _text_of(edit)
    if font.italic() != italic:
        font.setItalic(italic)
        edit.setFont(font)


def hint(edit: QLineEdit | QPlainTextEdit | QTextEdit, text: str) -> None:
    """Show ``text`` as ``edit``'s hint (lighter, italic while the field is empty)."""
    first = not edit.property("hinted")
    edit.setPlaceholderText(text)
    if not first:
        return
    edit.setProperty("hinted", True)
    palette = edit.palette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(HINT_COLOR))
    edit.setPalette(palette)
    edit.textChanged.connect(lambda *_a: _restyle(edit))
    _restyle(edit)




def _arrow_icon(widget: QWidget) -> QIcon:
    """The small grey ▾ of a combo box, drawn by the widget's style."""
    # Qt's types for drawing and suggesting, made when first used: not for the first frame,
    # which only hints (issue 11, item 8).
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QIcon, QPainter, QPixmap
    from PySide6.QtWidgets import QStyle, QStyleOption

    side = max(widget.fontMetrics().height() // 2 + 2, 8)
    ratio = widget.devicePixelRatioF()
    pixmap = QPixmap(int(side * ratio), int(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    option = QStyleOption()
    option.initFrom(widget)
    option.rect = QRect(0, 0, side, side)
    option.palette.setColor(QPalette.ColorRole.ButtonText, QColor("#616161"))
    option.palette.setColor(QPalette.ColorRole.WindowText, QColor("#616161"))
    painter = QPainter(pixmap)
    widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorArrowDown, option, painter, widget)
    painter.end()
    return QIcon(pixmap)


def suggest(edit: QLineEdit, names: list[str]) -> QCompleter:
    """Suggest ``names`` in ``edit`` without a pop-up list: typing a name's start completes it
    in the field (the rest selected, so typing on replaces it), and the field's ▾ button opens
    the whole list as a menu.  A completer's pop-up list stayed open while the clerk went on to
    click 【出貨】, and that click only closed the list (issue 17)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QCompleter, QMenu

    completer = QCompleter(names, edit)
    completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    edit.setCompleter(completer)
    menu = QMenu(edit)
    menu.setObjectName("suggestions")
    for name in names:
        menu.addAction(name, lambda n=name: (edit.setText(n), edit.setFocus()))
    button = edit.addAction(_arrow_icon(edit), QLineEdit.ActionPosition.TrailingPosition)
    button.setObjectName("show_suggestions")
    button.setToolTip(QCoreApplication.translate("Hints", "常用選項"))
    button.triggered.connect(lambda: menu.exec(edit.mapToGlobal(edit.rect().bottomLeft())))
    return completer


__all__ = ["HINT_COLOR", "example", "hint", "suggest"]
