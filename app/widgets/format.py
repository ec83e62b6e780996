"""Display formats shared by every page: local times, dates, money, translated labels."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from PySide6.QtCore import QCoreApplication

from app.domain.bounds import MAX_AMOUNT
from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.money import format_ntd
from app.domain.statuses import (
    ACTION_LABELS,
    CANCEL_STATUS_LABELS,
    ORDER_STATUS_LABELS,
    CancelStatus,
    OrderStatus,
    RefundChannel,
)
from app.services import shop_clock

#: The most characters a typed amount needs: the largest amount as "NT$9,999,999,999", and
#: room for spaces (``parse_amount`` refuses anything above ``MAX_AMOUNT`` by name).
MONEY_TEXT_MAX = len(f"NT${MAX_AMOUNT:,}") + 4


def money_edit(edit):
    """``edit`` (a QLineEdit for an amount) taking at most ``MONEY_TEXT_MAX`` characters."""
    edit.setMaxLength(MONEY_TEXT_MAX)
    return edit


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def bracketed(text: str) -> str:
    """An action button's text as the manual writes it: 【開立發票】.  The brackets are zh-TW
    typography: the English translation of "【{0}】" is "{0}"."""
    return translate("ListTab", QT_TRANSLATE_NOOP("ListTab", "【{0}】")).format(text)


def local_dt(dt: datetime | None) -> str:
    """A stored naive-UTC time in the shop's local time, to the minute."""
    if dt is None:
        return ""
    if isinstance(dt, str):
        dt = datetime.fromisoformat(dt)
    return shop_clock.to_local(dt).strftime("%Y-%m-%d %H:%M")


def day(d: date | None) -> str:
    if d is None:
        return ""
    if isinstance(d, str):
        return d
    return d.strftime("%Y-%m-%d")


def money(amount: int | None) -> str:
    return format_ntd(amount)


#: The widest amount a money column must show whole (issue 17: NT$4,280 read NT$4,28).
WIDEST_MONEY = format_ntd(9_999_999)


def order_status(status: str | None) -> str:
    if not status:
        return ""
    return translate("Status", ORDER_STATUS_LABELS[OrderStatus(status)])


def cancel_status(status: str | None) -> str:
    if not status:
        return ""
    return translate("Status", CANCEL_STATUS_LABELS[CancelStatus(status)])


def status_any(machine: str, status: str | None) -> str:
    return cancel_status(status) if machine == "cancellation" else order_status(status)


@cache
def history_actions() -> tuple:
    """Every action the history records, each with its label (context "Action"); the first
    match wins (the order and cancellation actions first).  Made when a history is first
    shown: the invoice rules' module is not imported while the window starts (issue 11,
    item 8)."""
    from app.domain.clerk_edits import ClerkAction
    from app.domain.invoice import InvoiceAction
    from app.domain.remittance import RemittanceAction

    return (*ACTION_LABELS, *InvoiceAction, *ClerkAction, *RemittanceAction)


def action_label(action: str) -> str:
    for key in history_actions():
        if key.value == action:
            return translate("Action", key.label)
    return action


def refund_channel(channel: str | None) -> str:
    """匯款退款 / 刷退 / 貨到付款（匯款退款）."""
    if not channel:
        return ""
    return translate("Channel", RefundChannel(channel).label)


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    if value:
        return QCoreApplication.translate("Format", "是")
    return QCoreApplication.translate("Format", "否")


def note_mark(row) -> str:
    """A list's 備註 cell: 「✎ 2」 for an order with two notes, empty without."""
    n = getattr(row, "note_count", 0)
    return f"✎ {n}" if n else ""


def note_tip(row) -> str:
    n = getattr(row, "note_count", 0)
    return QCoreApplication.translate("Format", "{0} 則備註（在明細的歷程中）").format(n) if n else ""


def error_text(err: DomainError) -> str:
    """A domain error's message in the interface's language; the time of a ``StaleError``
    (stored UTC) in the shop's local time.  Here, not with the dialogs' form
    (``app.dialogs.form``), so that the pages' actions need no dialog's module before the
    window's first paint (issue 11, item 8)."""
    return shop_clock.error_message(err, QCoreApplication.translate)
