"""What every input dialog shares: a red error line under each field, and one door to show a
service's ``ValidationError`` next to the field it names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.widgets.format import error_text

ERROR_STYLE = "color: #c62828;"


def field_with_error(field: QWidget, error: QLabel) -> QWidget:
    """The field with its (hidden until needed) red error line right under it."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(field)
    error.setStyleSheet(ERROR_STYLE)
    error.setWordWrap(True)
    error.hide()
    lay.addWidget(error)
    return box


#: The signal each kind of field sends when the clerk changes it.
_EDITED = ("textEdited", "textChanged", "dateChanged", "valueChanged", "currentIndexChanged", "toggled")


def clear_on_edit(field: QWidget, error: QLabel) -> None:
    """Hide ``error`` as soon as the clerk changes ``field`` (a fixed field shows no red line)."""
    for name in _EDITED:
        signal = getattr(field, name, None)
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(lambda *_a: error.hide())
            return


class Body(QScrollArea):
    """A dialog's fields, scrolling when its screen is too small for them: a dialog shrunk to
    a 1366×768 screen, or 1920×1080 at 150 %, keeps every row whole and its buttons in view
    (issue 17: the refund dialogs squeezed their summary rows).  It asks for its content's
    whole size, so on a screen large enough nothing scrolls."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("body")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self)
        content.setObjectName("body_content")
        self.setWidget(content)
        self._content_height = 0
        parent.installEventFilter(self)  # its dialog's Show
    def refit(self) -> None:
        """Take the content's new size now (rows shown or hidden, error lines)."""
        self.widget().layout().activate()
        self.updateGeometry()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """When the content grows (rows shown, error lines), the dialog grows to show it, as
        far as its screen allows (``app.widgets.screen``), instead of scrolling a dialog that
        has room; a dialog the clerk or the screen made smaller stays so, and scrolls."""
        result = super().eventFilter(obj, event)
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
            window = self.window()
            if window.isVisible():  # opened at its content's size; from then on, grow with it
                height = self.widget().sizeHint().height()
                grown = height - (self._content_height or height)
                self._content_height = height
                if grown > 0:
                    window.resize(window.width(), window.height() + grown)
        elif obj is self.window() and event.type() == QEvent.Type.Show:
            # Qt opens a window at most 2/3 of the screen high; a dialog with room for its
            # fields opens showing them all (the screen's fitter shrinks it on a small one).
            self._content_height = self.widget().sizeHint().height()
            window, want = self.window(), self.window().sizeHint()
            if window.height() < want.height():
                window.resize(window.width(), want.height())
        return result

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        least = self.widget().minimumSizeHint()
        return QSize(least.width() + self.verticalScrollBar().sizeHint().width(),
                     min(least.height(), 4 * self.fontMetrics().height()))


class FormDialog(QDialog):
    """A form whose rows each carry an error line.

    Subclasses add rows with ``add_field(name, label, widget)``, and define ``collect()`` that
    returns the value or raises ``ValidationError(field=name, ...)``, and get ``ok``/``cancel``
    buttons.  ``accept`` keeps the dialog open and shows the error next to its field.
    """

    def __init__(self, title: str, ok_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.general_error = QLabel(self)
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.value = None
        #: The field the dialog opens in (default: the first enabled one added).
        self.first_field: QWidget | None = None
        buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(ok_text, self)
        self.ok_button.setObjectName("ok")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(QCoreApplication.translate("FormDialog", "取消"), self)
        self.cancel_button.setObjectName("cancel")
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.top = QVBoxLayout()
        self.body = Body(self)
        #: What scrolls: ``top``, the form and the general error line (not the buttons).
        self.body_layout = QVBoxLayout(self.body.widget())
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addLayout(self.top)
        self.body_layout.addLayout(self.form)
        self.body_layout.addWidget(self.general_error)
        self.body_layout.addStretch(0)
        lay = QVBoxLayout(self)
        lay.addWidget(self.body, 1)
        lay.addWidget(buttons)

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(name)
        error = QLabel(self)
        error.setObjectName(f"{name}_error")
        self.errors[name] = error
        self.fields[name] = widget
        self.form.addRow(label, field_with_error(widget, error))
        clear_on_edit(widget, error)
        return widget

    def showEvent(self, event) -> None:  # noqa: N802
        """Open with the focus in the first field the clerk fills in, not on OK."""
        super().showEvent(event)
        first = self.first_field or next(
            (w for w in self.fields.values() if w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus),
            None)
        if first is not None and not any(label.isVisible() for label in self.errors.values()):
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.general_error.hide()

    def show_error(self, err: DomainError) -> None:
        field = getattr(err, "field", None)
        label = self.errors.get(field) if field else None
        label = label or self.general_error
        label.setText(error_text(err))
        label.show()
        widget = self.fields.get(field) if field else None
        if widget is not None:
            widget.setFocus()

    def accept(self) -> None:
        self.clear_errors()
        try:
            self.value = self.collect()
        except DomainError as err:
            self.show_error(err)
            return
        super().accept()

    def answer(self, initial=None, error: DomainError | None = None):
        """Run the dialog: the value collected, or None if the clerk cancelled.  The dialog is
        deleted afterwards (the body of every ``ask``).  Given the clerk's ``initial`` input
        (``fill``) and a service's ``error`` (the runner's second try), it opens refilled and
        showing why."""
        if initial is not None:
            self.fill(initial)
        if error is not None:
            self.show_error(error)
        try:
            return self.value if self.exec() == QDialog.DialogCode.Accepted else None
        finally:
            self.deleteLater()
