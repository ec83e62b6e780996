"""What the payment and shipping methods' dialogs share: 新增 or 修改 by whether a method is
given, the title (required, unique among the active methods of its kind) and the description,
and the one door ``ask``."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from app.services.methods import TITLE_MAX
from app.widgets.hints import hint

from .form import FormDialog


class MethodDialog(FormDialog):
    """``title_edit`` and ``description_edit`` built from ``existing``; the subclass adds them
    (with its own fields) and defines ``collect()`` with ``self._taken``.  The subclass's
    texts: ``window_titles`` and ``ok_texts``, each the (新增, 修改) pair (the second when
    ``existing`` is given), and ``hints``, the title's and the description's."""

    def __init__(self, parent: QWidget | None, existing, taken_titles: Iterable[str],
                 window_titles: tuple[str, str], ok_texts: tuple[str, str], hints: tuple[str, str],
                 description_height: int):
        editing = existing is not None
        super().__init__(window_titles[editing], ok_texts[editing], parent)
        title_hint, description_hint = hints
        self._taken = tuple(taken_titles)
        self.value = None
        self.title_edit = QLineEdit(existing.title if existing is not None else "")
        self.title_edit.setMaxLength(TITLE_MAX)
        hint(self.title_edit, title_hint)
        self.description_edit = QPlainTextEdit(existing.description if existing is not None else "")
        hint(self.description_edit, description_hint)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(description_height)
        # Typing in the title clears its complaint.
        self.title_edit.textEdited.connect(lambda _t: self.errors["title"].hide())

    @property
    def title_error(self):
        return self.errors["title"]

    @classmethod
    def ask(cls, parent: QWidget | None, existing=None, *, taken_titles: Iterable[str] = ()):
        """The one door: the clerk's input, or None if cancelled.  ``taken_titles``: the titles
        of the other active methods of this kind (refused while the dialog is open)."""
        return cls(parent, existing, taken_titles=taken_titles).answer()
