"""Issue 17's screens: the order's detail with its 【新增備註】 and 【修改收件資訊】 buttons, a note
in its history and the buyer's other orders; the note and correction dialogs.  Nothing here
writes to the database: the note and the other orders are shown on a copy of a demo order's
detail (the demo's buyers each order once)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.dialogs.clerk_edit_dialogs import DeliveryDialog, NoteDialog
from app.domain.clerk_edits import NOTE_MACHINE, ClerkAction
from app.domain.statuses import OrderStatus as S
from app.services import queries
from app.views.order_detail import OrderDetailDialog

from .samples import sample_detail, sample_rows
from .shots import shot


def _note() -> str:
    return QCoreApplication.translate("Tour", "顧客來電：週末不在家，請改週一下午送達")


def _with_notes_and_others(detail: queries.OrderDetail) -> queries.OrderDetail:
    """``detail`` with a clerk's note at the end of its history and three of the demo's other
    orders standing in for the buyer's."""
    last = detail.history[-1] if detail.history else None
    at = (last.at if last else detail.order_date) + timedelta(hours=2)
    note = queries.HistoryEntry(0, at, NOTE_MACHINE, detail.status.value, detail.status.value,
                                ClerkAction.NOTE.value, QCoreApplication.translate("Tour", "陳怡君"),
                                {"note": _note()}, None)
    others = [queries.OtherOrder(r.id, r.order_no, r.order_date, r.status, r.total)
              for status in (S.COMPLETED, S.PAID, S.UNPAID) for r in sample_rows(status, 1)
              if r.id != detail.id]
    return replace(detail, history=[*detail.history, note], other_orders=others, note_count=1)


def render_clerk_edit_screens(window, out: Path) -> list[Path]:
    files = []
    row = sample_rows(S.AWAITING_SHIPMENT, 1)[0]
    detail = sample_detail(row)
    dialog = OrderDetailDialog(_with_notes_and_others(detail), window, session=window.session)

    def to_history(d) -> None:  # the other orders and the note at the end of the history
        d.show()
        d.view.adjustSize()
        bar = d.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    to_history(dialog)
    files.append(shot(dialog, out / "order-detail-notes.png"))
    dialog.close()
    dialog.deleteLater()

    note = NoteDialog(detail.order_no, window)
    note.note.setPlainText(_note())
    files.append(shot(note, out / "action-add-note.png", title=True))
    note.close()
    note.deleteLater()

    edit = DeliveryDialog(detail, window)
    edit.delivery_address.setText(QCoreApplication.translate("Tour", "台中市西屯區台灣大道三段 99 號 5 樓"))
    files.append(shot(edit, out / "action-edit-delivery.png", title=True))
    edit.buyer_phone.setText(QCoreApplication.translate("Tour", "09 電話"))
    edit.accept()  # the error under its field
    files.append(shot(edit, out / "action-edit-delivery-error.png", title=True))
    edit.close()
    edit.deleteLater()
    return files
