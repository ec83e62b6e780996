"""What every action service shares: the change it returns, loading and writing one step
(``writes`` builds it), stale checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import peewee as pw

from app.domain.bounds import check_text
from app.domain.errors import NotFoundError, StaleError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.proxy import database
from app.models.tables import (
    CancellationRequest,
    Order,
    PaymentNotice,
    StatusHistory,
    utcnow,
)

from . import shop_clock
from .keys import (  # noqa: F401 - the idempotency keys, where every action service imports them
    action_key,
    history_key,
    idempotent,
)
from .writes import HISTORY_COLUMNS, OrderState, RequestState, Step


@dataclass(frozen=True)
class Change:
    """What one action changed; the views reload only the tabs of ``order_statuses`` and
    ``cancel_statuses`` (docs/STYLE.md: Anki's OpChanges)."""

    order_id: int
    order_no: str
    order_from: str | None
    order_to: str
    order_version: int
    cancellation_id: int | None = None
    cancel_from: str | None = None
    cancel_to: str | None = None
    history_ids: tuple[int, ...] = field(default=())

    @property
    def order_statuses(self) -> frozenset[str]:
        return frozenset(s for s in (self.order_from, self.order_to) if s)

    @property
    def cancel_statuses(self) -> frozenset[str]:
        return frozenset(s for s in (self.cancel_from, self.cancel_to) if s)


def check_operator(operator: str) -> str:
    operator = (operator or "").strip()
    if not operator:
        raise ValidationError("operator", QT_TRANSLATE_NOOP("Errors", "請先設定操作人員姓名。"))
    return check_text(operator, "operator", StatusHistory.operator.max_length)


def check_columns(model, values: dict) -> None:
    """Every text in ``values`` (field name → value, as written to ``model``) fits its column:
    ``ValidationError`` on that field, naming the column's length limit, or a NUL or lone
    surrogate, before anything is written."""
    fields = model._meta.fields
    for name, value in values.items():
        if isinstance(value, str) and name in fields:
            check_text(value, name, getattr(fields[name], "max_length", None))


def load_order(order_id: int) -> Order:
    order = Order.get_or_none(Order.id == order_id)
    if order is None:
        raise order_not_found(order_id)
    return order


def order_not_found(order_id: int) -> NotFoundError:
    return NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到訂單 {id}。"), id=order_id)


def load_request(request_id: int) -> CancellationRequest:
    req = CancellationRequest.get_or_none(CancellationRequest.id == request_id)
    if req is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到取消申請 {id}。"), id=request_id)
    return req


def order_stale(order: Order) -> StaleError:
    return stale_of(Order.get_or_none(Order.id == order.id) or order)


def stale_of(order) -> StaleError:
    """Who changed ``order`` (an ``Order`` or a row with its ``order_no``, ``updated_by`` and
    ``updated_at``, read fresh) and when."""
    return StaleError("order", order.order_no, order.updated_by, order.updated_at)


def request_stale(req: CancellationRequest, order_no: str) -> StaleError:
    fresh = CancellationRequest.get_or_none(CancellationRequest.id == req.id) or req
    return StaleError("request", order_no, fresh.updated_by, fresh.updated_at)


def order_state(order: Order, *, with_money: bool = False) -> OrderState:
    """``with_money``: also its latest notice's amount and its payment method's refund
    channel (what a cancellation request needs)."""
    state = OrderState(order.id, order.status, order.version, order.total,
                       order.status_before_cancel, confirmed_amount=order.confirmed_amount,
                       cod=bool(order.collect_on_delivery))
    if with_money:
        notice = order.payment_notices.order_by(PaymentNotice.id.desc()).first()
        state.notice_amount = notice.amount if notice else None
        state.refund_channel = order.payment_method.refund_channel
    return state


def request_state(req: CancellationRequest) -> RequestState:
    return RequestState(req.id, req.status, req.version, req.paid, req.shipped, req.refund_due,
                        req.order_status_before, refunded=req.refunded_amount or 0,
                        refund_channel=req.refund_channel)


def _conditional_update(model, row_id: int, status: str, version: int, fields: dict) -> bool:
    """UPDATE one row if it still has ``status`` and ``version``; whether it did.  The version
    is what makes MariaDB's affected-row count (changed rows, not matched rows) meaningful."""
    return model.update(**fields).where(
        (model.id == row_id) & (model.status == status) & (model.version == version)
    ).execute() == 1


def write_step(step: Step, order: Order, req: CancellationRequest | None = None) -> tuple[int, ...]:
    """Write what ``step`` (built by ``writes``) says, inside the caller's write transaction:
    the new request or the request's conditional update, the order's, the payment notice and
    the history records.  ``StaleError`` (nothing kept) when another clerk was first.  Returns
    the history records' ids."""
    check_step(step)
    if step.filed:
        step.request.id = CancellationRequest.insert(**step.request_set).execute()
    elif step.request_to is not None and not _conditional_update(
            CancellationRequest, step.request.id, step.request_from, step.request_version,
            step.request_set):
        raise request_stale(req, order.order_no)
    if step.order_to is not None and not _conditional_update(
            Order, step.order.id, step.order_from, step.order_version, step.order_set):
        raise order_stale(order)
    if step.notice is not None:
        PaymentNotice.insert(order=step.order.id, **step.notice).execute()
    return insert_history(step.history_rows())


def check_step(step: Step) -> None:
    """Every text ``step`` writes fits its column (``check_columns``), before anything is
    written."""
    check_columns(CancellationRequest, step.request_set or {})
    check_columns(Order, step.order_set or {})
    check_columns(PaymentNotice, step.notice or {})


def insert_history(rows: list[tuple]) -> tuple[int, ...]:
    """Insert history records (``Step.history_rows``); their ids.  On PostgreSQL several go
    in multi-row INSERTs, their ids RETURNING in the rows' order (a remittance of the demo's
    thousands of parcels wrote one a round trip: most of the 1M-order demo's last minute)."""
    columns = ("order", "cancellation", *HISTORY_COLUMNS)
    db = database.obj
    if len(rows) > 1 and isinstance(db, pw.PostgresqlDatabase):
        from psycopg2.extras import execute_values

        from .bulk import insert_into

        sql = insert_into(db, StatusHistory, (*columns, "op_key")) + " VALUES %s RETURNING id"
        got = execute_values(db.cursor(), sql, [(*row, history_key()) for row in rows],
                             page_size=HISTORY_PAGE, fetch=True)
        return tuple(r[0] for r in got)
    return tuple(StatusHistory.insert(**dict(zip(columns, row, strict=True)),
                                      op_key=history_key()).execute()
                 for row in rows)


#: History records per multi-row INSERT (``insert_history``).
HISTORY_PAGE = 1000


def now_or(now: datetime | None) -> datetime:
    """``now`` as naive UTC (an aware time is converted first), or the clock."""
    if not now:
        return utcnow()
    if now.tzinfo is not None:
        now = now.astimezone(UTC)
    return now.replace(tzinfo=None, microsecond=0)


def local_date(utc: datetime) -> date:
    """The shop's calendar day at ``utc`` (a naive UTC time, as the columns hold)."""
    return shop_clock.local_date(utc)
