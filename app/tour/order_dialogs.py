"""Every dialog of the order actions, on demo orders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.dialogs.bulk_dialogs import (
    BulkConfirmPaymentDialog,
    BulkPreviewDialog,
    BulkResultDialog,
    BulkShipDialog,
    Outcome,
)
from app.dialogs.cancellation_request_dialog import CancellationRequestDialog
from app.dialogs.confirm_dialogs import BackToAwaitingDialog, ConfirmPaymentDialog
from app.dialogs.form import error_text
from app.dialogs.out_of_stock_dialog import OutOfStockDialog
from app.dialogs.payment_notice_dialog import PaymentNoticeDialog
from app.dialogs.ship_dialog import ShipDialog
from app.domain.errors import StaleError
from app.domain.statuses import OrderStatus as S
from app.services import queries, shop_clock
from app.widgets import format as fmt

from .samples import sample_detail, sample_rows, utcnow
from .shots import shot


def render_order_action_dialogs(out_dir) -> list[Path]:
    """Every dialog of the order actions, built on demo orders and saved as PNG in ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []

    def save(dialog: QWidget, name: str, prepare=None) -> None:
        dialog.show()
        if prepare:
            prepare(dialog)
        files.append(shot(dialog, out / f"{name}.png"))
        dialog.close()
        dialog.deleteLater()

    unpaid = sample_rows(S.UNPAID, 1)[0]
    paid = sample_rows(S.PAID, 3)
    awaiting = sample_rows(S.AWAITING_SHIPMENT, 3)
    out_of_stock = sample_rows(S.OUT_OF_STOCK, 2)
    today = shop_clock.today()

    def fill_notice(d):
        d.amount.setText(str(unpaid.total))
        d.account_last5.setText("12345")
        d.note.setText(QCoreApplication.translate("OrderActions", "顧客來電告知已轉帳"))

    save(PaymentNoticeDialog(unpaid, today=today), "action-payment-notice", fill_notice)

    def notice_error(d):
        d.amount.setText(str(unpaid.total))
        d.account_last5.setText("12a4")
        d.accept()

    save(PaymentNoticeDialog(unpaid, today=today), "action-payment-notice-error", notice_error)
    save(ConfirmPaymentDialog(sample_detail(paid[0])), "action-confirm-payment")

    def fill_ship(d):
        d.carrier.setText(QCoreApplication.translate("OrderActions", "黑貓宅急便"))
        d.tracking_no.setText("9012-3456-7890")

    save(ShipDialog(awaiting[0], today=today), "action-ship", fill_ship)

    def ship_error(d):
        d.carrier.setText(QCoreApplication.translate("OrderActions", "黑貓宅急便"))
        d.accept()

    save(ShipDialog(awaiting[0], today=today), "action-ship-error", ship_error)

    def fill_reason(d):
        d.reason.setPlainText(QCoreApplication.translate("OrderActions", "廠商延後到貨，預計兩週後補貨"))

    save(OutOfStockDialog(awaiting[0]), "action-out-of-stock", fill_reason)
    save(BackToAwaitingDialog(out_of_stock[0], sample_detail(out_of_stock[0]).out_of_stock_reason),
         "action-back-to-awaiting")

    def fill_request(d):
        d.reason.setPlainText(QCoreApplication.translate("OrderActions", "商品缺貨，短期內無法出貨"))
        d.bank_code.setText("812")
        d.branch.setText(QCoreApplication.translate("OrderActions", "台北分行"))
        d.account_number.setText("00012345678901")

    detail = sample_detail(out_of_stock[0])
    save(CancellationRequestDialog(detail), "action-request-cancellation", fill_request)

    def request_open(d):
        fill_request(d)
        d.toggle_details()

    save(CancellationRequestDialog(detail), "action-request-cancellation-details", request_open)

    def request_error(d):
        fill_request(d)
        d.accept()

    save(CancellationRequestDialog(detail), "action-request-cancellation-error", request_error)
    title = QCoreApplication.translate("OrderActions", "確認付款")
    notices = queries.latest_notice_amounts([r.id for r in paid])
    # The preview with one underpaid order (its notice shown NT$200 short): the mismatch is
    # marked and the shortfall reason asked.
    notices[paid[-1].id] = paid[-1].total - 200

    def fill_shortfall(d):
        d.shortfall_reason.setText(QCoreApplication.translate("OrderActions", "顧客少匯 200，已聯絡補款"))

    save(BulkConfirmPaymentDialog(paid, notices), "action-bulk-confirm-payment", fill_shortfall)
    save(BulkPreviewDialog(title, title, QCoreApplication.translate("OrderActions",
        "以下 {0} 筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。").format(len(out_of_stock)),
        out_of_stock), "action-bulk-back-to-awaiting")

    def fill_bulk_ship(d):
        d.carrier.setText(QCoreApplication.translate("OrderActions", "黑貓宅急便"))
        for i in range(len(awaiting)):
            d.set_tracking(i, f"9012-3456-{7890 + i}")

    save(BulkShipDialog(awaiting, today=today), "action-bulk-ship", fill_bulk_ship)
    moved = QCoreApplication.translate("OrderActions", "已移到「{0}」").format(
        fmt.order_status(S.AWAITING_SHIPMENT))
    outcomes = [Outcome(r.id, r.order_no, True, moved) for r in paid[:-1]]
    stale = StaleError("order", paid[-1].order_no, QCoreApplication.translate("OrderActions", "林志明"), utcnow())
    outcomes.append(Outcome(paid[-1].id, paid[-1].order_no, False, error_text(stale)))
    save(BulkResultDialog(title, outcomes), "action-bulk-result")
    return files
