"""【新增備註】 and 【修改收件資訊】 (issue 17), from the lists' context menus (and their keys) and
from the detail windows, through the views' one ``Runner``.

A note is any clerk's, on any order or request, in any status; 修改收件資訊 is offered until
the order ships (``clerk_edits.EDITABLE_STATUSES``) and is checked against the version of the
order the dialog showed.  A service's ``ValidationError`` reopens the dialog with the clerk's
input and the error under its field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from app.domain.clerk_edits import EDITABLE_STATUSES
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import queries

from .runner import Runner, Vanished

NOTE = QT_TRANSLATE_NOOP("ClerkEdits", "新增備註")
EDIT = QT_TRANSLATE_NOOP("ClerkEdits", "修改收件資訊")
PICKUP = QT_TRANSLATE_NOOP("ClerkEdits", "修改取貨門市")
NOTE_KEY = "Ctrl+Shift+B"
EDIT_KEY = "Ctrl+Shift+D"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClerkEdits", text)


def editable(status) -> bool:
    """Whether an order in ``status`` may still have its delivery details corrected."""
    return status in EDITABLE_STATUSES


def run_note(runner: Runner, parent, order_id: int, order_no: str, *,
             cancellation_id: int | None = None):
    """Ask for a note and add it to the order (or to its request); the ``Change``, or None."""
    # The dialogs and the service (the write path) are imported when first used, not while
    # the window starts (issue 11, item 8).
    from app.dialogs.clerk_edit_dialogs import NoteDialog
    from app.services import clerk_edits as svc

    return runner.run(
        _tr(NOTE),
        lambda text, operator: svc.add_note(order_id, text, operator=operator,
                                            cancellation_id=cancellation_id),
        ask=lambda initial, error: NoteDialog.ask(parent, order_no, request=cancellation_id is not None,
                                                  initial=initial, error=error),
        reopen=True)


def run_edit(runner: Runner, parent, order_id: int, *, pickup: bool = False):
    """Ask for the corrected delivery details (``pickup``: the pickup store) of the order as it
    is now, and save them against the version the dialog showed; the ``Change``, or None."""
    from app.dialogs.clerk_edit_dialogs import DeliveryDialog, PickupStoreDialog
    from app.services import clerk_edits as svc

    shown: list[queries.OrderDetail] = []
    dialog, call = (PickupStoreDialog, svc.edit_pickup_store) if pickup else (DeliveryDialog, svc.edit_delivery)

    def ask(initial, error):
        if not shown:
            detail = queries.order_detail(order_id)
            if detail is None:
                raise Vanished
            shown.append(detail)
        return dialog.ask(parent, shown[0], initial=initial, error=error)

    return runner.run(
        _tr(PICKUP if pickup else EDIT),
        lambda value, operator: call(order_id, value, operator=operator,
                                     expected_version=shown[0].version),
        ask=ask, reopen=True)


def install_clerk_edits(page, *, requests: bool = False) -> Runner:
    """The context-menu entries (and keys) on every tab of ``page``: 新增備註, and on the
    order page 修改收件資訊.  ``requests``: the rows are cancellation requests (the note goes
    on the request, and its order)."""
    runner = Runner(page, page.session)

    def note(rows):
        row = rows[0]
        if requests:
            run_note(runner, page, row.order_id, row.order_no, cancellation_id=row.id)
        else:
            run_note(runner, page, row.id, row.order_no)

    def edit(rows):
        run_edit(runner, page, rows[0].id)

    def edit_pickup(rows):
        run_edit(runner, page, rows[0].id, pickup=True)

    def install(_tab, lt) -> None:
        lt.add_action(_tr(NOTE), note, enabled=lambda rows: len(rows) == 1,
                      shortcut=QKeySequence(NOTE_KEY), name="add_note", button=False)
        if not requests:
            lt.add_action(_tr(EDIT), edit,
                          enabled=lambda rows: len(rows) == 1 and editable(rows[0].status),
                          shortcut=QKeySequence(EDIT_KEY), name="edit_delivery", button=False)
            lt.add_action(_tr(PICKUP), edit_pickup,
                          enabled=lambda rows: (len(rows) == 1 and editable(rows[0].status)
                                                and bool(rows[0].pickup_store_code)),
                          name="edit_pickup_store", button=False)
        lt.update_buttons()

    page.each_list(install)  # each tab's table as it is built
    return runner


__all__ = ["editable", "install_clerk_edits", "run_edit", "run_note"]
