"""The date field every dated dialog uses, and the order's calendar day."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

from app.domain.clock import FIRST_DAY, LAST_DAY
from app.domain.errors import ValidationError
from app.services.queries import utc_to_local


def order_day(row) -> date:
    """The clerk's calendar day of the order (its ``order_date`` is naive UTC)."""
    return utc_to_local(row.order_date).date()


def ui_locale() -> QLocale:
    """The locale of the interface's language: zh-TW, or the translation's (``en_US``) — not
    the desk's system locale, so a zh-TW interface has 十一月 in its calendars."""
    return QLocale(QCoreApplication.translate("Locale", "zh_TW"))


def localised(edit: QDateEdit) -> QDateEdit:
    """``edit`` and its calendar pop-up in the interface's language, its days within the
    shop's (``clock.FIRST_DAY`` to ``LAST_DAY``: Qt's own last day, 9999-12-31, overflowed
    the day after it in a filter)."""
    if edit.minimumDate() < QDate(FIRST_DAY):
        edit.setMinimumDate(QDate(FIRST_DAY))
    edit.setMaximumDate(QDate(LAST_DAY))
    locale = ui_locale()
    edit.setLocale(locale)
    if edit.calendarPopup() and edit.calendarWidget() is not None:
        edit.calendarWidget().setLocale(locale)
    return edit


def date_picker(initial: date, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar pop-up in the interface's language.  Its range is not
    clamped: a date out of range is refused by the dialog with the reason under the field,
    instead of silently corrected."""
    edit = QDateEdit(QDate(initial.year, initial.month, initial.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(2000, 1, 1))
    return localised(edit)


def show_dates(*pairs: tuple[QDateEdit, date]) -> None:
    """Set each ``(edit, day)`` without its ``dateChanged`` (the caller reloads once)."""
    for edit, day in pairs:
        edit.blockSignals(True)
        edit.setDate(QDate(day))
        edit.blockSignals(False)


def picked_date(edit: QDateEdit) -> date:
    return edit.date().toPython()


def check_day_range(value: date, field: str, *, not_before: date | None, not_after: date | None,
                    before_text: str, after_text: str) -> date:
    """``value`` or a ``ValidationError`` on ``field`` naming the bound it crosses."""
    if not_before and value < not_before:
        raise ValidationError(field, before_text)
    if not_after and value > not_after:
        raise ValidationError(field, after_text)
    return value
