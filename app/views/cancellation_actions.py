"""The row actions of the 取消訂單 page (PRODUCT.md §4): 通過, 不通過, 退貨完成, 退貨失敗,
退款成功, 退款失敗 — each a button, a context-menu entry and a shortcut on the tabs it fits.

One action, one path (the views' ``Runner``): ask the clerk's name, read the request afresh,
ask its dialog for the input, call the service with the version the row showed, announce the
change.  A service's ``ValidationError`` reopens the dialog with the clerk's input and the
error under its field; ``StaleError`` (another clerk was first), ``TransitionError`` and
``NotFoundError`` are shown and the page refreshes.  Nothing here writes to the database but the services.

``render_cancellation_screens(out_dir)`` renders the page, the detail's three blocks and every
dialog to PNG files for the screenshot tour.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QColor, QFont, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from app.dialogs.refund_dialogs import RefundDoneDialog, RefundFailedDialog
from app.dialogs.return_dialogs import ReturnDoneDialog, ReturnFailedDialog
from app.dialogs.review_dialogs import ApproveDialog, RejectDialog, tab_name
from app.domain.errors import NotFoundError, StaleError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.machines import cancel_actions_allowed
from app.domain.statuses import CancelAction, CancelStatus, OrderStatus
from app.domain.tabs import CancelTab
from app.services import cancellations as svc
from app.services import queries
from app.services.cancellation_queries import CancellationDetail, cancellation_detail

from . import format as fmt
from .runner import Runner

T = CancelTab

# ---------------------------------------------------------------- the actions


def _approve(row, value, operator):
    return svc.approve_cancellation(row.id, value.cs_number, operator=operator,
                                    expected_version=row.version)


def _reject(row, value, operator):
    return svc.reject_cancellation(row.id, value.cs_number, value.reason, operator=operator,
                                   expected_version=row.version)


def _return_done(row, value, operator):
    return svc.return_done(row.id, invoice_returned=value.invoice_returned,
                           goods_intact=value.goods_intact, operator=operator,
                           expected_version=row.version)


def _return_failed(row, value, operator):
    return svc.return_failed(row.id, invoice_returned=value.invoice_returned,
                             goods_intact=value.goods_intact, reason=value.reason,
                             operator=operator, expected_version=row.version)


def _refund_done(row, value, operator):
    return svc.refund_done(row.id, refund_date=value.refund_date, amount=value.amount,
                           reference=value.reference, operator=operator,
                           expected_version=row.version)


def _refund_failed(row, value, operator):
    return svc.refund_failed(row.id, refund_date=value.refund_date, amount=value.amount,
                             reference=value.reference, reason=value.reason, operator=operator,
                             expected_version=row.version)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    action: CancelAction
    label: str  # untranslated, context "CancellationActions"
    tabs: tuple[CancelTab, ...]
    shortcut: str
    dialog: type
    call: Callable


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("approve", CancelAction.APPROVE, QT_TRANSLATE_NOOP("CancellationActions", "通過"),
               (T.PENDING_REVIEW,), "Ctrl+Shift+A", ApproveDialog, _approve),
    ActionSpec("reject", CancelAction.REJECT, QT_TRANSLATE_NOOP("CancellationActions", "不通過"),
               (T.PENDING_REVIEW,), "Ctrl+Shift+J", RejectDialog, _reject),
    ActionSpec("return_done", CancelAction.RETURN_DONE,
               QT_TRANSLATE_NOOP("CancellationActions", "退貨完成"),
               (T.AWAITING_RETURN, T.RETURN_FAILED), "Ctrl+Shift+R", ReturnDoneDialog, _return_done),
    ActionSpec("return_failed", CancelAction.RETURN_FAILED,
               QT_TRANSLATE_NOOP("CancellationActions", "退貨失敗"),
               (T.AWAITING_RETURN,), "Ctrl+Shift+T", ReturnFailedDialog, _return_failed),
    ActionSpec("refund_done", CancelAction.REFUND_DONE,
               QT_TRANSLATE_NOOP("CancellationActions", "退款成功"),
               (T.REFUND_PENDING, T.REFUND_FAILED), "Ctrl+Shift+M", RefundDoneDialog, _refund_done),
    ActionSpec("refund_failed", CancelAction.REFUND_FAILED,
               QT_TRANSLATE_NOOP("CancellationActions", "退款失敗"),
               (T.REFUND_PENDING,), "Ctrl+Shift+N", RefundFailedDialog, _refund_failed),
)


def _fits(action: CancelAction, rows: list) -> bool:
    return len(rows) == 1 and action in cancel_actions_allowed(CancelStatus(rows[0].status))


class CancellationActions(QObject):
    """Installs the actions on the page's tabs and runs them through the views' ``Runner``."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.runner = Runner(page, page.session, refresh=page.refresh)
        self.installed: dict[tuple[str, CancelTab], object] = {}
        for spec in ACTIONS:
            for tab in spec.tabs:
                action = page.tab_of[tab].add_action(
                    QCoreApplication.translate("CancellationActions", spec.label),
                    partial(self.run, spec),
                    enabled=partial(_fits, spec.action),
                    shortcut=QKeySequence(spec.shortcut),
                    name=spec.name,
                )
                self.installed[(spec.name, tab)] = action
        for lt in page.tab_of.values():
            lt.update_buttons()

    def run(self, spec: ActionSpec, rows: list) -> None:
        if not _fits(spec.action, rows):
            return
        row = rows[0]
        page = self.page
        fetched: list[CancellationDetail] = []

        def ask(initial, error):
            if not fetched:
                fetched.append(_fresh_detail(row))
            return spec.dialog.ask(page, fetched[0], initial=initial, error=error)

        change = self.runner.run(QCoreApplication.translate("CancellationActions", spec.label),
                                 lambda value, operator: spec.call(row, value, operator),
                                 ask=ask, reopen=True)
        if change is not None:
            page.show_message(done_message(fetched[0], spec, change))


def _fresh_detail(row) -> CancellationDetail:
    """The request as it is now; refused before the clerk fills in a form for nothing when it
    is gone or another clerk was first."""
    detail = cancellation_detail(row.id)
    if detail is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到取消申請 {id}。"), id=row.id)
    if detail.version != row.version:
        raise StaleError("request", detail.order_no, detail.updated_by, detail.updated_at)
    return detail


def done_message(detail: CancellationDetail, spec: ActionSpec, change) -> str:
    """「訂單 O…：退貨完成，申請已移至「尚未退款」。」"""
    action = QCoreApplication.translate("CancellationActions", spec.label)
    to = CancelStatus(change.cancel_to)
    if to is CancelStatus.REJECTED:
        return QCoreApplication.translate(
            "CancellationActions", "訂單 {no}：{action}，訂單回到「{status}」。"
        ).format(no=detail.order_no, action=action, status=fmt.order_status(OrderStatus(change.order_to)))
    if to is CancelStatus.COMPLETED:
        return QCoreApplication.translate(
            "CancellationActions", "訂單 {no}：{action}，申請已移至「{tab}」，訂單狀態為「{status}」。"
        ).format(no=detail.order_no, action=action, tab=tab_name(to),
                 status=fmt.order_status(OrderStatus(change.order_to)))
    return QCoreApplication.translate(
        "CancellationActions", "訂單 {no}：{action}，申請已移至「{tab}」。"
    ).format(no=detail.order_no, action=action, tab=tab_name(to))


# ---------------------------------------------------------------- the screenshot tour


def _first_request(tab: CancelTab):
    rows, _ = queries.fetch_cancellations(queries.CancelFilter(tab=tab), None, 1)
    return rows[0] if rows else None


def _save(widget: QWidget, path: Path, files: list[Path], *, title: bool = False) -> None:
    """Show, let the layout settle, and save the widget's picture; ``title`` draws the window
    title above it (the window frame, where the title lives, is not part of a grab)."""
    widget.show()
    for _ in range(3):  # layouts settle over a few rounds (wrapped rows, scroll bars)
        QApplication.processEvents()
    shot = widget.grab()
    if title:
        bar = 30
        image = QImage(shot.width(), shot.height() + bar, QImage.Format.Format_RGB32)
        image.fill(QColor("#dfe3e8"))
        painter = QPainter(image)
        painter.setPen(QColor("#202020"))
        font = QFont(widget.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(12, 0, shot.width() - 24, bar,
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         widget.windowTitle())
        painter.drawPixmap(0, bar, shot)
        painter.end()
        image.save(str(path))
    else:
        shot.save(str(path))
    files.append(path)


def render_cancellation_screens(out_dir, *, settings: QSettings | None = None) -> list[Path]:
    """Render the page, the detail's three blocks and every dialog on the open database.

    The database should hold requests in every status (the demo data does); a dialog whose
    tab is empty is shown for any request there is.  Needs a QApplication.  Writes nothing
    to the database; the clerk's settings go to a scratch file unless ``settings`` is given.
    """
    from .cancellation_detail import CancellationDetailDialog
    from .cancellations_page import CancellationsPage
    from .session import Session

    if QApplication.instance() is None:
        raise RuntimeError("render_cancellation_screens needs a QApplication")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    scratch = None
    if settings is None:
        scratch = tempfile.TemporaryDirectory()
        settings = QSettings(str(Path(scratch.name) / "tour.ini"), QSettings.Format.IniFormat)
    session = Session(settings)
    try:
        page = CancellationsPage(session)
        page.resize(1280, 640)
        for i, tab in enumerate((T.PENDING_REVIEW, T.AWAITING_RETURN, T.REFUND_PENDING, T.ALL)):
            page.set_tab(tab)
            lt = page.current_list()
            if lt.model.rowCount():
                lt.view.selectRow(0)
            if i == 0:
                page.show_message(QCoreApplication.translate(
                    "CancellationActions", "選取一筆申請，按【通過】或【不通過】。"))
            else:
                page.message.hide()
            _save(page, out / f"cancellations_{i + 1}_{tab.value}.png", files)
        page.close()

        # The detail: the request that went furthest (a completed one with a refund, if any).
        sample = None
        for tab in (T.COMPLETED, T.REFUND_FAILED, T.RETURN_FAILED, T.REFUND_PENDING,
                    T.AWAITING_RETURN, T.PENDING_REVIEW, T.ALL):
            row = _first_request(tab)
            if row is not None and (sample is None or row.paid):
                sample = row
                if row.paid and row.shipped:
                    break
        if sample is None:
            return files
        detail = cancellation_detail(sample.id)
        dlg = CancellationDetailDialog(detail, None)
        for i, name in enumerate(("shopping", "request", "review")):
            dlg.view.blocks.setCurrentIndex(i)
            # Tall enough for the whole block: the shot shows it all, no scroll bar.
            content = dlg.view.blocks.currentWidget().widget().sizeHint().height()
            dlg.resize(1000, max(780, content + 110))
            _save(dlg, out / f"cancellation_detail_{i + 1}_{name}.png", files, title=True)
        dlg.close()
        dlg.deleteLater()

        # Every dialog, on a request of its own tab when there is one.
        for spec in ACTIONS:
            row = _first_request(spec.tabs[0]) or sample
            d = cancellation_detail(row.id)
            dialog = spec.dialog(d, None)
            _save(dialog, out / f"dialog_{spec.name}.png", files, title=True)
            if spec.name in ("reject", "return_failed", "refund_done"):
                # …and once with the fields left empty and 【確定】 pressed: the red lines.
                if spec.name == "refund_done":
                    dialog.amount.setText(str(d.refund_due + 1))
                dialog.accept()
                _save(dialog, out / f"dialog_{spec.name}_errors.png", files, title=True)
            dialog.close()
            dialog.deleteLater()
        QApplication.processEvents()
    finally:
        if scratch is not None:
            scratch.cleanup()
    return files
