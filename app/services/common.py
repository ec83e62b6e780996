"""What every action service shares: the change it returns, loading and writing one step
(``writes`` builds it), stale checks."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum

import peewee as pw

from app.domain.bounds import check_text
from app.domain.errors import (
    DomainError,
    NotFoundError,
    ServerUnavailableError,
    StaleError,
    ValidationError,
)
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.db import database, drop_connection, survives_server, write_transaction
from app.models.tables import (
    ActionKey,
    CancellationRequest,
    Order,
    PaymentNotice,
    StatusHistory,
    utcnow,
)

from . import shop_clock
from .writes import HISTORY_COLUMNS, OrderState, RequestState, Step, history_input


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
    """Insert history records (``Step.history_rows``); their ids."""
    columns = ("order", "cancellation", *HISTORY_COLUMNS)
    return tuple(StatusHistory.insert(**dict(zip(columns, row, strict=True)),
                                      op_key=history_key()).execute()
                 for row in rows)


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


# ---------------------------------------------------------------- idempotency keys (issue 15, item 2)

#: The key the next history record written in this context carries (``idempotent``): a
#: one-item list, emptied by the first record that takes it.
_PENDING_KEY: ContextVar[list | None] = ContextVar("pending_op_key", default=None)
#: A clerk's action (``Runner``) in progress: its key, taken by the first idempotent service
#: it calls without a key of its own (``action_key``).
_CLICK_KEY: ContextVar[list | None] = ContextVar("click_op_key", default=None)
#: How often ``idempotent`` runs an action whose COMMIT's outcome was unknown and, looked up
#: by its key, was not saved.
KEYED_ATTEMPTS = 3


def check_op_key(op_key: str) -> str:
    """An idempotency key as given: a text of 1 to 64 characters, checked like any text
    (``ValidationError`` on ``op_key``)."""
    if not isinstance(op_key, str) or not op_key.strip():
        raise ValidationError("op_key", QT_TRANSLATE_NOOP("Errors", "操作識別碼不能是空白。"))
    return check_text(op_key.strip(), "op_key", ActionKey.op_key.max_length)


def history_key() -> str | None:
    """The key the history record being written carries: the action's key on its first
    record, None on every other (and outside a keyed action)."""
    pending = _PENDING_KEY.get()
    return pending.pop() if pending else None


@contextmanager
def action_key(key: str | None):
    """A clerk's action in progress (the views' runner): the first idempotent service called
    inside without ``op_key`` takes ``key`` as its own; the services it calls after that take
    none (each would otherwise answer the first's answer).  The runner calls again with the
    same key when the clerk presses 重試 after a failure whose outcome was unknown."""
    token = _CLICK_KEY.set([key] if key else None)
    try:
        yield
    finally:
        _CLICK_KEY.reset(token)


def _encode(value):
    """An action's answer as JSON values, tagged so that ``_decode`` gives it back equal:
    dataclasses (of OrderDesk's modules), enums, dates and times, tuples."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$": f"{type(value).__module__}:{type(value).__qualname__}",
                "f": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, Enum):
        return {"$e": f"{type(value).__module__}:{type(value).__qualname__}", "v": value.value}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    return value


def _type(name: str):
    module, _, qualname = name.partition(":")
    if not module.startswith("app."):
        raise ValueError(f"not an OrderDesk type: {name}")
    found = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$" in value:
        return _type(value["$"])(**{k: _decode(v) for k, v in value["f"].items()})
    if "$e" in value:
        return _type(value["$e"])(value["v"])
    if "$dt" in value:
        return datetime.fromisoformat(value["$dt"])
    if "$d" in value:
        return date.fromisoformat(value["$d"])
    if "$t" in value:
        return tuple(_decode(v) for v in value["$t"])
    return {_decode(k): _decode(v) for k, v in value["$m"]}


_NOT_FOUND = object()


@survives_server
def _answer_of(key: str):
    """What the action saved under ``key`` answered, or ``_NOT_FOUND``: a read, on a new
    connection when the last one dropped."""
    text = ActionKey.select(ActionKey.answer).where(ActionKey.op_key == key).scalar()
    return _NOT_FOUND if text is None else _decode(json.loads(text)["answer"])


@survives_server
def _run_keyed(key: str, action, args, kwargs):
    """``action`` in one write transaction, its first history record carrying ``key`` and
    its answer kept under ``key`` (``ActionKey``) in the same transaction."""
    with write_transaction():
        token = _PENDING_KEY.set([key])
        click = _CLICK_KEY.set(None)  # the services it calls in turn take no key
        try:
            result = action(*args, **kwargs)
        finally:
            _CLICK_KEY.reset(click)
            _PENDING_KEY.reset(token)
        ActionKey.insert(op_key=key, answer=history_input({"answer": _encode(result)}),
                         at=utcnow()).execute()
    return result


def _answer_if_asked(key: str):
    """``_answer_of``, or ``_NOT_FOUND`` when the database cannot be asked either."""
    try:
        return _answer_of(key)
    except (ServerUnavailableError, pw.DatabaseError):
        return _NOT_FOUND


def _after_uncertain(key: str):
    """The answer saved under ``key`` after a COMMIT whose outcome was unknown, looked up on a
    new connection; ``_NOT_FOUND`` when it was not saved.  When even that cannot be asked:
    ``UNCERTAIN``, retryable — the key makes a retry safe."""
    db = database.obj
    if not db.in_transaction():
        drop_connection(db)
    try:
        return _answer_of(key)
    except ServerUnavailableError as again:
        raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN, retryable=True) from again
    except pw.DatabaseError as exc:  # SQLite: the file itself could not be read
        raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN, retryable=True) from exc


def idempotent(service):
    """An action service that takes an idempotency key (issue 15, item 2): ``op_key``, a
    client-made id (a uuid4's text, at most 64 characters; the storefront's reference for
    ``place_order`` is its ``client_ref`` instead).

    Without a key (and outside a clerk's ``action_key``) the service runs as it always did.
    With one:

    * a key already saved writes nothing and answers what the first call answered (the same
      ``Change`` or result, kept in ``action_key``), even when the order has moved on since;
    * otherwise the service runs in one write transaction: its first history record carries
      the key (``history_key``; unique) and its answer is kept under the key;
    * a call with the same key at the same moment loses on the unique key (or on the
      order's version) and answers the winner's answer, never a raw error;
    * after a COMMIT whose connection dropped (``UNCERTAIN``) the key is looked up on a new
      connection: the saved answer, or — not saved — the action runs again (at most
      ``KEYED_ATTEMPTS`` times); when it cannot be looked up, ``UNCERTAIN`` and retryable.
    """

    @functools.wraps(service)
    def run(*args, op_key: str | None = None, **kwargs):
        if op_key is None:
            click = _CLICK_KEY.get()
            op_key = click.pop() if click else None
            if op_key is None:
                return service(*args, **kwargs)
        key = check_op_key(op_key)
        for _attempt in range(KEYED_ATTEMPTS):
            found = _answer_of(key)
            if found is not _NOT_FOUND:
                return found
            try:
                return _run_keyed(key, service, args, kwargs)
            except ServerUnavailableError as err:
                if err.reason != ServerUnavailableError.UNCERTAIN:
                    found = _answer_if_asked(key)  # busy: a call with the same key may have won
                    if found is not _NOT_FOUND:
                        return found
                    raise
                found = _after_uncertain(key)
                if found is not _NOT_FOUND:
                    return found
            except (DomainError, pw.IntegrityError):
                found = _answer_if_asked(key)  # a call with the same key was first
                if found is not _NOT_FOUND:
                    return found
                raise
        raise ServerUnavailableError(ServerUnavailableError.GONE, retryable=True)

    params = list(inspect.signature(service).parameters.values())
    keyed = inspect.Parameter("op_key", inspect.Parameter.KEYWORD_ONLY, default=None,
                              annotation="str | None")
    at = next((i for i, p in enumerate(params) if p.kind is inspect.Parameter.VAR_KEYWORD),
              len(params))
    run.__signature__ = inspect.signature(service).replace(parameters=[*params[:at], keyed,
                                                                        *params[at:]])
    return run
