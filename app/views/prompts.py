"""The one door for every message and simple question the views put to the clerk.

Each prompt is plain data (``Prompt``); ``show(parent, prompt)`` puts it on screen and returns
the answer.  The helpers below only build prompts and pass them to ``show``, so a test that
patches ``prompts.show`` sees (and answers) every message box, confirmation, file picker and
name prompt of the views.  The callers give every text, already translated.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from app.domain.later import dataclass_when_used

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class Kind(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ABOUT = "about"
    CONFIRM = "confirm"  # True when the clerk pressed ``yes``
    OPEN_FILE = "open_file"  # the chosen path, or None
    SAVE_FILE = "save_file"  # the chosen path, or None
    TEXT = "text"  # the text typed, or None when cancelled


INFO = Kind.INFO
WARNING = Kind.WARNING


@dataclass_when_used(frozen=True)
class Prompt:
    kind: Kind
    title: str
    text: str = ""  # the message, the question, or the label above a text field
    yes: str = ""  # CONFIRM: the button that says yes
    no: str = ""  # CONFIRM: the button that says no
    destructive: bool = False  # CONFIRM: ``yes`` destroys something
    path: str = ""  # file prompts: the folder or suggested file; CONFIRM: the file asked
    # about, if any; TEXT: the initial text
    filter: str = ""  # file prompts: the kinds of file offered
    secret: bool = False  # TEXT: the typing is not shown (a password)


def show(parent: QWidget | None, prompt: Prompt):
    """Put ``prompt`` on screen; the answer as its ``Kind`` says (None for a message)."""
    # Qt's message boxes and file and text dialogs, when the first prompt is shown (their
    # Python types are made on first use: not while the window starts, issue 11, item 8).
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

    kind = prompt.kind
    if kind is Kind.INFO:
        QMessageBox.information(parent, prompt.title, prompt.text)
    elif kind is Kind.WARNING:
        QMessageBox.warning(parent, prompt.title, prompt.text)
    elif kind is Kind.ABOUT:
        QMessageBox.about(parent, prompt.title, prompt.text)
    elif kind is Kind.CONFIRM:
        box = QMessageBox(QMessageBox.Icon.Warning, prompt.title, prompt.text,
                          QMessageBox.StandardButton.NoButton, parent)
        role = (QMessageBox.ButtonRole.DestructiveRole if prompt.destructive
                else QMessageBox.ButtonRole.AcceptRole)
        yes = box.addButton(prompt.yes, role)
        box.addButton(prompt.no, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes
    elif kind is Kind.OPEN_FILE:
        path, _filter = QFileDialog.getOpenFileName(parent, prompt.title, prompt.path, prompt.filter)
        return path or None
    elif kind is Kind.SAVE_FILE:
        path, _filter = QFileDialog.getSaveFileName(parent, prompt.title, prompt.path, prompt.filter)
        return path or None
    elif kind is Kind.TEXT:
        echo = QLineEdit.EchoMode.Password if prompt.secret else QLineEdit.EchoMode.Normal
        text, ok = QInputDialog.getText(parent, prompt.title, prompt.text, echo, prompt.path)
        return text if ok else None
    return None


# ---------------------------------------------------------------- builders (all through show)


def tell(parent: QWidget | None, title: str, text: str, *, kind: Kind = Kind.WARNING) -> None:
    """A message with one button: a warning unless ``kind`` says INFO or ABOUT."""
    show(parent, Prompt(kind, title, text))


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str, no: str,
            destructive: bool = False, path: str = "") -> bool:
    return bool(show(parent, Prompt(Kind.CONFIRM, title, text, yes=yes, no=no,
                                    destructive=destructive, path=path)))


def open_path(parent: QWidget | None, title: str, folder: str, kinds: str) -> str | None:
    return show(parent, Prompt(Kind.OPEN_FILE, title, path=folder, filter=kinds)) or None


def save_path(parent: QWidget | None, title: str, suggested: str, kinds: str) -> str | None:
    return show(parent, Prompt(Kind.SAVE_FILE, title, path=suggested, filter=kinds)) or None


def text(parent: QWidget | None, title: str, label: str, initial: str = "", *,
         secret: bool = False) -> str | None:
    """What the clerk typed (not shown while typed when ``secret``), or None if cancelled."""
    answer = show(parent, Prompt(Kind.TEXT, title, label, path=initial, secret=secret))
    return None if answer is None else str(answer)


__all__ = ["INFO", "WARNING", "Kind", "Prompt", "confirm", "open_path", "save_path", "show",
           "tell", "text"]
