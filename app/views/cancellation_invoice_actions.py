"""【作廢發票】 and 【開立折讓單】 on the 取消訂單 tabs after the review (docs/PRODUCT.md §8,
E-invoices): while the goods come back and the money goes out, the clerk records what was
done with the order's invoice — a void within its VAT period, else an allowance — linked to
the request (what 發票已退回 refers to).  Through the views' ``Runner``, as every action.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QObject

from app.dialogs.invoice_dialogs import AllowanceDialog, InvoiceShown, VoidDialog, open_invoice_shown
from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.tabs import CancelTab
from app.services import invoices as svc
from app.services import shop_clock

from .runner import Runner

T = CancelTab
#: The tabs of approved requests: the invoice may be voided or allowed there.
TABS = (T.AWAITING_RETURN, T.RETURN_FAILED, T.REFUND_PENDING, T.REFUND_FAILED, T.COMPLETED)
VOID = QT_TRANSLATE_NOOP("CancellationActions", "作廢發票")
ALLOWANCE = QT_TRANSLATE_NOOP("CancellationActions", "開立折讓單")


def shown_for(order_id: int) -> tuple[int, InvoiceShown]:
    """The order's open invoice as the dialogs show it; ``ValidationError`` when there is
    none left to void or allow."""
    records = svc.order_invoices(order_id)
    shown = open_invoice_shown(records, "", shop_clock.today())
    if shown is None:
        if records and records[-1].void is None:
            raise ValidationError("invoice_no", QT_TRANSLATE_NOOP("Errors", "發票 {no} 已全額折讓。"),
                                  no=records[-1].invoice.invoice_no)
        raise ValidationError("invoice_no", QT_TRANSLATE_NOOP("Errors", "這筆訂單沒有尚未作廢的發票。"))
    return records[-1].invoice.id, shown


class CancellationInvoiceActions(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.runner = Runner(page, page.session, refresh=page.refresh)
        self.installed = {}
        page.each_list(self._install)  # each tab's table as it is built

    def _install(self, tab, lt) -> None:
        for name, label, run in (("void_invoice", VOID, self.void),
                                 ("invoice_allowance", ALLOWANCE, self.allowance)):
            if tab in TABS:
                self.installed[(name, tab)] = lt.add_action(
                    QCoreApplication.translate("CancellationActions", label), partial(run, label),
                    enabled=lambda rows: len(rows) == 1, name=name)
        lt.update_buttons()

    def _run(self, label: str, rows, dialog, service) -> None:
        row = rows[0]
        title = QCoreApplication.translate("CancellationActions", label)
        found = []

        def ask(initial, error):
            if not found:
                found.append(shown_for(row.order_id))
            return dialog.ask(self.page, found[0][1], initial=initial, error=error)

        change = self.runner.run(
            title, lambda value, operator: service(found[0][0], value, operator=operator,
                                                   cancellation_id=row.id),
            ask=ask, reopen=True)
        if change is not None:
            self.page.show_message(QCoreApplication.translate(
                "CancellationActions", "訂單 {no}：{action}（發票 {invoice}）已登錄。").format(
                no=row.order_no, action=title, invoice=found[0][1].invoice_no))

    def void(self, label: str, rows) -> None:
        self._run(label, rows, VoidDialog, svc.void_invoice)

    def allowance(self, label: str, rows) -> None:
        self._run(label, rows, AllowanceDialog, svc.issue_allowance)
