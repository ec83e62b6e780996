"""檢視取消訂單資訊: the manual's three blocks, 購物資訊, 取消申請 and 審核狀況.

The manual switches between them with 【取消申請】 and 【審核狀況】 links; here they are three tabs.
購物資訊 reuses the order's detail blocks (items, order details, buyer); 審核狀況 ends with the
request's own history, every step with its time, operator and input.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.statuses import CancelAction, CancelStatus
from app.services import shop_clock
from app.services.cancellation_queries import CancellationDetail, cancellation_detail
from app.widgets import format as fmt
from app.widgets.order_detail import (
    OrderDetailView,
    describe_input,
    group,
    history_cells,
    history_group,
    invoice_state,
    value_label,
)

from .clerk_edit_actions import run_note
from .order_detail import DetailDialog
from .runner import Runner

C = CancelStatus


def _scrolled(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


def _page(name: str) -> tuple[QWidget, QVBoxLayout]:
    """One of the detail's tab pages, named ``name``, and its column of blocks."""
    page = QWidget()
    page.setObjectName(name)
    return page, QVBoxLayout(page)


class CancellationDetailView(QWidget):
    """The three blocks as tabs: ``blocks`` is the QTabWidget, ``history_table`` the
    request's history."""

    SHOPPING, REQUEST, REVIEW = range(3)

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(parent)
        self.detail = detail
        self.blocks = QTabWidget(self)
        self.blocks.setObjectName("blocks")
        self.blocks.addTab(_scrolled(self._shopping()), self.tr("購物資訊"))
        self.blocks.addTab(_scrolled(self._request()), self.tr("取消申請"))
        self.blocks.addTab(_scrolled(self._review()), self.tr("審核狀況"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.blocks)

    # ---- 購物資訊

    def _shopping(self) -> QWidget:
        page, lay = _page("block_shopping")
        if self.detail.order is not None:
            # The order's own history would repeat the request's (審核狀況 shows it).
            lay.addWidget(OrderDetailView(self.detail.order, with_history=False, parent=page))
        else:
            lay.addWidget(QLabel(self.tr("找不到這筆訂單。")))
        lay.addStretch(1)
        return page

    # ---- 取消申請

    def _request(self) -> QWidget:
        d = self.detail
        page, lay = _page("block_request")
        req, f = group(self.tr("取消申請"), "group_request", page)
        # A customer asks for themselves (the requester recorded is the channel, e.g. the
        # storefront); a clerk's request names the clerk.
        if d.requested_by == "customer":
            who, name = self.tr("顧客"), d.order.buyer_name if d.order else ""
        else:
            who, name = self.tr("管理人員"), d.requester
        f.addRow(self.tr("申請人"), value_label(f"{who}（{name}）" if name else who))
        f.addRow(self.tr("申請日期"), value_label(fmt.local_dt(d.requested_at)))
        f.addRow(self.tr("取消原因"), value_label(d.reason))
        f.addRow(self.tr("申請時訂單狀態"), value_label(fmt.order_status(d.order_status_before)))
        f.addRow(self.tr("付款狀態"), value_label(self.tr("已付款") if d.paid else self.tr("未付款")))
        f.addRow(self.tr("出貨狀態"), value_label(self.tr("已出貨") if d.shipped else self.tr("未出貨")))
        f.addRow(self.tr("應退金額"), value_label(fmt.money(d.refund_due)))
        lay.addWidget(req)

        remit, r = group(self.tr("匯款資訊"), "group_remittance", page)
        if d.remittance is not None:
            r.addRow(self.tr("銀行代碼"), value_label(d.remittance.bank_code))
            r.addRow(self.tr("分行"), value_label(d.remittance.branch))
            r.addRow(self.tr("帳號"), value_label(d.remittance.account_number))
            r.addRow(self.tr("戶名"), value_label(d.remittance.account_name))
        elif d.paid and d.by_reversal:
            r.addRow(value_label(self.tr("信用卡付款以刷退退款，不需退款帳戶。")))
        else:
            r.addRow(value_label(self.tr("尚未付款，不需退款帳戶。")))
        lay.addWidget(remit)
        lay.addStretch(1)
        return page

    # ---- 審核狀況

    def _decision(self) -> str:
        d = self.detail
        if d.decision == "approved":
            return self.tr("通過")
        if d.decision == "rejected":
            return self.tr("不通過")
        return self.tr("等待審核")

    def _result(self, needed: bool, not_needed: str, rejected: str, by_status: dict, done: str) -> str:
        """Where the return or the refund stands: not needed, waiting for the review, not
        needed after a rejection, what the request's status says, else done."""
        d = self.detail
        if not needed:
            return not_needed
        if d.decision is None:
            return self.tr("等待審核")
        if d.decision == "rejected":
            return rejected
        if d.status is C.CLOSED:
            return self.tr("主管結案，不退款")
        return by_status.get(d.status, done)

    def _return_result(self) -> str:
        return self._result(
            self.detail.needs_return, self.tr("不需退貨（未出貨）"), self.tr("不通過，不需退貨"),
            {C.AWAITING_RETURN: self.tr("等待退貨"), C.RETURN_FAILED: self.tr("退貨失敗")},
            self.tr("退貨完成"))

    def _refund_result(self) -> str:
        after_return = self.tr("退貨完成後退款")
        return self._result(
            self.detail.needs_refund, self.tr("不需退款（未付款）"), self.tr("不通過，不需退款"),
            {C.AWAITING_RETURN: after_return, C.RETURN_FAILED: after_return,
             C.REFUND_PENDING: self.tr("尚未退款"), C.REFUND_FAILED: self.tr("退款失敗")},
            self.tr("退款成功"))

    def _review(self) -> QWidget:
        d = self.detail
        page, lay = _page("block_review")
        review, f = group(self.tr("審核"), "group_review", page)
        f.addRow(self.tr("處理狀態"), value_label(fmt.cancel_status(d.status)))
        f.addRow(self.tr("審核結果"), value_label(self._decision()))
        f.addRow(self.tr("客服編號"), value_label(d.cs_number or ""))
        f.addRow(self.tr("審核人員"), value_label(d.reviewed_by or ""))
        f.addRow(self.tr("審核時間"), value_label(fmt.local_dt(d.reviewed_at)))
        f.addRow(self.tr("不通過原因"), value_label(d.reject_reason or ""))
        f.addRow(self.tr("是否需要退貨"), value_label(fmt.yes_no(d.needs_return)))
        f.addRow(self.tr("是否需要退款"), value_label(fmt.yes_no(d.needs_refund)))
        if d.close_reason:  # a supervisor's 【結案】
            f.addRow(self.tr("結案時間"), value_label(fmt.local_dt(d.closed_at)))
            f.addRow(self.tr("結案原因"), value_label(d.close_reason))
        invoice = value_label(self._invoice_text())
        invoice.setObjectName("invoice_state")
        f.addRow(self.tr("發票"), invoice)
        lay.addWidget(review)

        row = QHBoxLayout()
        ret, rf = group(self.tr("退貨"), "group_return", page)
        rf.addRow(self.tr("退貨結果"), value_label(self._return_result()))
        if d.needs_return:
            returned = fmt.yes_no(d.invoice_returned)
            if d.invoice_returned:  # the returned invoice, and what was done with it
                returned = f"{returned}：{self._invoice_text()}"
            rf.addRow(self.tr("是否退回發票"), value_label(returned))
            rf.addRow(self.tr("退回商品是否完好"), value_label(fmt.yes_no(d.goods_intact)))
            rf.addRow(self.tr("退貨完成時間"), value_label(fmt.local_dt(d.returned_at)))
            failed = d.last_input(CancelAction.RETURN_FAILED)
            rf.addRow(self.tr("退貨失敗原因"), value_label((failed or {}).get("reason", "")))
        row.addWidget(ret, 1)

        refund, mf = group(self.tr("退款"), "group_refund", page)
        mf.addRow(self.tr("退款結果"), value_label(self._refund_result()))
        if d.needs_refund:
            mf.addRow(self.tr("退款方式"), value_label(fmt.refund_channel(d.refund_channel)))
            mf.addRow(self.tr("應退金額"), value_label(fmt.money(d.refund_due)))
            mf.addRow(self.tr("已退金額"), value_label(fmt.money(d.refunded_amount or 0)))
            mf.addRow(self.tr("未退金額"), value_label(fmt.money(d.outstanding)))
            if d.written_off:
                mf.addRow(self.tr("註銷金額"), value_label(fmt.money(d.written_off)))
                mf.addRow(self.tr("註銷原因"), value_label(d.write_off_reason or ""))
            partial = d.last_input(CancelAction.REFUND_PARTIAL)
            if partial:
                mf.addRow(self.tr("部分退款原因"), value_label(partial.get("reason", "")))
            failed = d.last_input(CancelAction.REFUND_FAILED) or {}
            if d.refunded_amount is not None:
                when, amount, ref = d.refund_date, d.refunded_amount, d.refund_reference
            else:
                when, amount, ref = failed.get("refund_date"), failed.get("amount"), failed.get("reference")
            reversal = d.by_reversal
            mf.addRow(self.tr("刷退日期") if reversal else self.tr("匯款日期"), value_label(fmt.day(when)))
            mf.addRow(self.tr("刷退金額") if reversal else self.tr("匯款金額"), value_label(fmt.money(amount)))
            mf.addRow(self.tr("授權碼／交易序號") if reversal else self.tr("匯款編號"), value_label(ref or ""))
            mf.addRow(self.tr("退款失敗原因"), value_label(failed.get("reason", "")))
        row.addWidget(refund, 1)
        lay.addLayout(row)

        hist, self.history_table = history_group(
            self.tr("處理歷程"), "group_history",
            [self.tr("時間"), self.tr("動作"), self.tr("原狀態"), self.tr("新狀態"),
             self.tr("操作人員"), self.tr("內容")], self._history_rows(), page)
        self.history_table.setObjectName("history_table")
        lay.addWidget(hist)
        lay.addStretch(1)
        return page

    def _invoice_text(self) -> str:
        return invoice_state(self.detail.order.invoices if self.detail.order else [], shop_clock.today())

    def _history_rows(self) -> list[list[str]]:
        """Both machines' records; an input the record above already shows (the request and
        its order move together) is not repeated."""
        rows, last = [], None
        for h in self.detail.history:
            same = last is not None and (last.at, last.input) == (h.at, h.input) and h.input
            content = self.tr("（同上）") if same else describe_input(h.input)
            rows.append(history_cells(h, content))
            last = h
        return rows


class CancellationDetailDialog(DetailDialog):
    """Opened from a page (with its ``Session``), it offers 【新增備註】 on the request."""

    def __init__(self, detail: CancellationDetail, parent=None, *, block: int = 0, session=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("檢視取消訂單資訊 — {0}").format(detail.order_no))
        self.detail = detail
        self.view = CancellationDetailView(detail, self)
        self.view.blocks.setCurrentIndex(block)
        self._lay_out(self.view, self.tr("關閉"), 1000, 780)
        self.note_button = None
        if session is not None:
            self.runner = Runner(self, session)
            self.note_button = self.add_button(self.tr("【新增備註】"), "add_note", self.add_note)

    def add_note(self) -> None:
        d = self.detail
        if run_note(self.runner, self, d.order_id, d.order_no, cancellation_id=d.id) is None:
            return
        fresh = cancellation_detail(d.id)
        if fresh is not None:  # the note in 審核狀況's history
            view = CancellationDetailView(fresh, self)
            view.blocks.setCurrentIndex(self.view.blocks.currentIndex())
            self.layout().replaceWidget(self.view, view)
            self.view.deleteLater()
            self.view, self.detail = view, fresh

    @classmethod
    def show_for(cls, parent, request_id: int, *, block: int = 0,
                 session=None) -> CancellationDetailDialog | None:
        return cls._open(parent, cancellation_detail(request_id),
                         QCoreApplication.translate("CancellationDetailDialog", "檢視取消訂單資訊"),
                         QCoreApplication.translate("CancellationDetailDialog", "找不到這筆取消申請。"),
                         block=block, session=session)
