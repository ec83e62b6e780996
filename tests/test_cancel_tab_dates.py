"""Each cancellation tab's date filter looks at its own step's date (issue 14, item 5): the
request on 取消訂單審核 and 全部申請, the review on 等待退貨 and 退貨失敗, the refund on 尚未退款
and 取消完成訂單, the failed attempt on 退款失敗 — so "refunds made in November" finds every
refund dated in November, whenever it was requested."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.tabs import CancelTab as T
from app.models.tables import CancellationRequest
from app.services import cancellations as cs
from app.services import export as ex
from app.services import orders as svc
from app.services.cancel_list import CancelFilter, count_cancellations, fetch_cancellations

REMIT = Remittance("812", "台北分行", "123456789012", "王小明")
OCT = datetime(2026, 10, 20, 2, 0)  # UTC, 10:00 in Taipei
NOV = (date(2026, 11, 1), date(2026, 11, 30))

pytestmark = pytest.mark.usefixtures("desk_in_taipei")


@pytest.fixture
def requests(place):
    """Requests filed in October: refunded in November (two, one after a failed attempt in
    November), refunded in October, reviewed in November and waiting for the goods, failed in
    November and waiting, and one still pending review."""

    def paid(at, *, ship=False):
        oid = place(order_date=at)
        svc.record_payment_notice(oid, Notice(at.date(), 820, "12345"), operator="顧客", now=at + timedelta(hours=1))
        svc.confirm_payment(oid, operator="店員", now=at + timedelta(hours=2))
        if ship:
            svc.ship(oid, ShipInput(at.date() + timedelta(days=1), "黑貓", "T1"), operator="店員",
                     now=at + timedelta(days=1))
        return oid

    def filed(oid, at):
        return cs.request_cancellation(oid, CancellationInput("不想要了", REMIT), operator="顧客",
                                       by=cs.CUSTOMER, now=at).cancellation_id

    r = {}
    for name, day in (("nov", 1), ("nov_retry", 2), ("oct", 3), ("failing", 4), ("reviewed_nov", 5),
                      ("pending", 6)):
        at = OCT + timedelta(days=day)
        r[name] = filed(paid(at, ship=name == "reviewed_nov"), at + timedelta(hours=5))

    def approve(name, at):
        cs.approve_cancellation(r[name], f"CS-{name}", operator="主管", now=at)

    def refund(name, day, failed=None):
        kw = dict(refund_date=day, amount=None, reference=f"R-{name}-{day.day}", operator="會計",
                  now=datetime.combine(day, time(3)))
        if failed:
            cs.refund_failed(r[name], reason=failed, **kw)
        else:
            cs.refund_done(r[name], **kw)

    approve("nov", OCT + timedelta(days=2))
    refund("nov", date(2026, 11, 3))
    approve("nov_retry", OCT + timedelta(days=3))
    refund("nov_retry", date(2026, 10, 30), failed="帳號錯誤")
    refund("nov_retry", date(2026, 11, 10))
    approve("oct", OCT + timedelta(days=4))
    refund("oct", date(2026, 10, 28))
    approve("failing", OCT + timedelta(days=5))
    refund("failing", date(2026, 11, 5), failed="戶名不符")
    approve("reviewed_nov", datetime(2026, 11, 2, 3))
    return r


def ids(tab, dates=NOV):
    rows, _ = fetch_cancellations(CancelFilter(tab=tab, date_from=dates[0], date_to=dates[1]))
    return {row.id for row in rows}


def test_each_tab_filters_on_its_own_steps_date(requests):
    r = requests
    assert ids(T.COMPLETED) == {r["nov"], r["nov_retry"]}  # refunded in November
    assert ids(T.COMPLETED, (date(2026, 10, 1), date(2026, 10, 31))) == {r["oct"]}
    assert ids(T.REFUND_FAILED) == {r["failing"]}  # failed in November
    assert ids(T.REFUND_FAILED, (date(2026, 10, 1), date(2026, 10, 31))) == set()
    assert ids(T.AWAITING_RETURN) == {r["reviewed_nov"]}  # reviewed in November
    assert ids(T.AWAITING_RETURN, (date(2026, 10, 1), date(2026, 10, 31))) == set()
    # The request's own date: every one was filed in October.
    assert ids(T.PENDING_REVIEW) == set()
    assert ids(T.PENDING_REVIEW, (date(2026, 10, 1), date(2026, 10, 31))) == {r["pending"]}
    assert ids(T.ALL) == set() and len(ids(T.ALL, (date(2026, 10, 1), date(2026, 10, 31)))) == 6


def test_counts_follow_each_tabs_date(requests):
    counts = count_cancellations(CancelFilter(date_from=NOV[0], date_to=NOV[1]))
    assert counts[T.COMPLETED] == 2 and counts[T.REFUND_FAILED] == 1 and counts[T.AWAITING_RETURN] == 1
    assert counts[T.PENDING_REVIEW] == 0 and counts[T.ALL] == 0
    october = count_cancellations(CancelFilter(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31)))
    assert october[T.COMPLETED] == 1 and october[T.ALL] == 6 and october[T.PENDING_REVIEW] == 1
    unfiltered = count_cancellations(CancelFilter())
    assert unfiltered[T.COMPLETED] == 3 and unfiltered[T.ALL] == 6


def test_refunds_made_in_november_add_up_in_the_workbook(requests, tmp_path):
    """The accountant's question: the completed tab filtered on November's refund dates gives
    every refund dated in November and their sum, as SQL does."""
    target = tmp_path / "nov.xlsx"
    flt = CancelFilter(tab=T.COMPLETED, date_from=NOV[0], date_to=NOV[1])
    ex.export_tab(flt, target, operator="會計", filters_text=ex.describe_filters(flt))
    import openpyxl

    wb = openpyxl.load_workbook(target)
    ws = wb["取消申請"]
    header = [c.value for c in ws[1]]
    col = header.index("退款金額")
    assert ws.cell(ws.max_row - 1, col + 1).value == sum(
        r.refunded_amount for r in CancellationRequest.select()
        .where(CancellationRequest.refund_date.between(*NOV)))
    about = dict(list(wb["說明"].iter_rows(values_only=True))[1:])
    assert about["篩選條件"] == "退款日期：2026-11-01 ～ 2026-11-30"
