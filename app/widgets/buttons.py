"""The push buttons the pages build: a text, an object name (what tests and the tour find)
and what a click does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget


def push_button(parent: QWidget, text: str, name: str, clicked: Callable[[], object]) -> QPushButton:
    """A button showing ``text``, named ``name``, calling ``clicked()`` (without the checked
    flag) when clicked."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: clicked())
    return button
