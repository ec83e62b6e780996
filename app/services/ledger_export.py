"""The ledger workbook (issue 14): 帳務明細 (one row per event), 彙總 (received, refunded and
net by payment method, by store and by day, and the invoices' sums when there are any) and
說明 (period, filters, each month closed or open, who exported it and when).

Written with the list exports' own writer (``export._Workbook``, ``export._Sheet``,
``export._about``): the same safe cells, print setup and all-or-nothing save.  Every figure of
彙總 is a stored value, read from the database's sums (``ledger.totals``); a closed month's
rows and sums come from its snapshot, so exporting it again gives the same cells (說明's
export time aside).
"""

from __future__ import annotations

from datetime import datetime

from app.domain.i18n import QT_TRANSLATE_NOOP

from . import ledger, shop_clock
from .export import (
    TOTAL,
    ExportResult,
    Progress,
    Translate,
    _about,
    _check_target,
    _in_batches,
    _Reading,
    _Sheet,
    _Workbook,
    identity,
)

SHEET_EVENTS = QT_TRANSLATE_NOOP("Export", "帳務明細")
SHEET_SUMMARY = QT_TRANSLATE_NOOP("Export", "彙總")

EVENT_COLUMNS = [
    (QT_TRANSLATE_NOOP("Export", "日期"), "date", 12),
    (QT_TRANSLATE_NOOP("Export", "類別"), "text", 12),
    (QT_TRANSLATE_NOOP("Export", "訂單編號"), "text", 17),
    (QT_TRANSLATE_NOOP("Export", "商店"), "text", 12),
    (QT_TRANSLATE_NOOP("Export", "付款方式"), "text", 12),
    (QT_TRANSLATE_NOOP("Export", "收付金額"), "money", 12),
    (QT_TRANSLATE_NOOP("Export", "參考金額"), "money", 12),
    (QT_TRANSLATE_NOOP("Export", "參考號碼"), "text", 14),
    (QT_TRANSLATE_NOOP("Export", "收款帳戶"), "text", 26),
    (QT_TRANSLATE_NOOP("Export", "操作人員"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "備註"), "text", 24),
]
EVENT_MONEY = [5]

SUMMARY_COLUMNS = [
    (QT_TRANSLATE_NOOP("Export", "分類"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "項目"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "收款"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "退款"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "淨額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "筆數"), "int", 8),
]
INVOICE_COLUMNS = [
    (QT_TRANSLATE_NOOP("Export", "發票金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "作廢金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "折讓金額"), "money", 13),
]
#: The groups of 彙總, in order: (``ledger.totals``'s ``by``, the word in 分類).
GROUPS = [
    (None, QT_TRANSLATE_NOOP("Export", "全期")),
    ("payment_method", QT_TRANSLATE_NOOP("Export", "付款方式")),
    ("store", QT_TRANSLATE_NOOP("Export", "商店")),
    ("day", QT_TRANSLATE_NOOP("Export", "日期")),
]
CLOSED_WORDS = QT_TRANSLATE_NOOP("Export", "{month} 已結帳（{who}，{when}）")
OPEN_WORDS = QT_TRANSLATE_NOOP("Export", "{month} 未結帳")


def describe(flt: ledger.LedgerFilter, *, store_name: str | None = None,
             method_name: str | None = None, translate: Translate = identity) -> str:
    """The filters in words (the period is on 說明 of its own)."""
    t = translate
    parts = []
    if flt.store_id is not None:
        parts.append(t("Export", "商店：{0}").format(store_name or flt.store_id))
    if flt.payment_method_id is not None:
        parts.append(t("Export", "付款方式：{0}").format(method_name or flt.payment_method_id))
    if flt.kinds:
        parts.append(t("Export", "類別：{0}").format(
            "、".join(t("Ledger", ledger.KINDS[k]) for k in flt.kinds)))
    return "；".join(parts) or t("Export", "無")


def month_words(flt: ledger.LedgerFilter, translate: Translate = identity) -> str:
    """Each month of the period, closed (by whom, when, in the shop's time) or open."""
    words = []
    for state in ledger.month_states(flt.date_from, flt.date_to):
        if state.closed:
            when = shop_clock.to_local(state.closed_at).strftime("%Y-%m-%d %H:%M")
            words.append(translate("Export", CLOSED_WORDS).format(
                month=state.month, who=state.closed_by, when=when))
        else:
            words.append(translate("Export", OPEN_WORDS).format(month=state.month))
    return "；".join(words)


def export_ledger(flt: ledger.LedgerFilter, path, *, operator: str, filters_text: str | None = None,
                  translate: Translate = identity, now: datetime | None = None,
                  progress: Progress | None = None, cancelled=None) -> ExportResult:
    """The ledger of ``flt`` to ``path`` (sheets 帳務明細, 彙總, 說明).  ``now`` is the export
    time on 說明 (the shop's local time; default its clock).  Same guarantees as the list
    exports: the target is replaced whole or left as it was, ``ExportCancelled`` when
    ``cancelled()`` says so between batches of events."""
    t = translate
    flt = flt.checked()
    path = _check_target(path)
    with _Workbook(path, operator=operator, title=t("Export", SHEET_EVENTS)) as book:
        with _Reading():
            rows = ledger.events(flt)
            sums = {by: ledger.totals(flt, by) for by, _label in GROUPS}
            closed_text = month_words(flt, t)
            if filters_text is None:
                stores, methods = ledger.choices()
                filters_text = describe(flt, store_name=dict(stores).get(flt.store_id),
                                        method_name=dict(methods).get(flt.payment_method_id),
                                        translate=t)
        events = _Sheet(book.wb, t("Export", SHEET_EVENTS), EVENT_COLUMNS, t)
        kinds = {k: t("Ledger", v) for k, v in ledger.KINDS.items()}

        def write(batch) -> None:
            for e in batch:
                # No money moved (a notice, a shipment, an invoice...): 收付金額 is left blank.
                events.append((e.day, kinds[e.kind], e.order_no, e.store, e.payment_method, e.amount or None,
                               e.noted, e.reference, e.account, e.operator, e.details))

        _in_batches(rows, write, len(rows), progress, cancelled)
        events.finish(EVENT_MONEY, t("Export", TOTAL))
        whole = sums[None][0]
        with_invoices = any((whole.invoiced, whole.voided, whole.allowances))
        columns = SUMMARY_COLUMNS + (INVOICE_COLUMNS if with_invoices else [])
        summary = _Sheet(book.wb, t("Export", SHEET_SUMMARY), columns, t)
        for by, label in GROUPS:
            for s in sums[by]:
                key = t("Export", "整個期間") if by is None else (
                    s.key.isoformat() if by == "day" else s.key)
                values = [t("Export", label), key, s.received, s.refunded, s.net, s.events]
                if with_invoices:
                    values += [s.invoiced, s.voided, s.allowances]
                summary.append(values)
        summary.finish([], "")
        _about(book.wb, translate=t, list_label=t("Export", SHEET_EVENTS), filters_text=filters_text,
               sort_text=t("Export", "日期（遞增），再依記錄時間"), rows=events.rows, selected=False,
               operator=operator, when=now or shop_clock.local_now(),
               extra=[(t("Export", "期間"), f"{flt.date_from.isoformat()} ～ {flt.date_to.isoformat()}"),
                      (t("Export", "結帳狀態"), closed_text)])
    return ExportResult(path, events.rows)
