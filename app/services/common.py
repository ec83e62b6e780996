"""What every action service shares: the change it returns, history records, stale checks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from app.domain.errors import NotFoundError, StaleError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.tables import CancellationRequest, Order, StatusHistory, utcnow

from . import shop_clock


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
    return operator


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def record_history(
    order_id: int,
    *,
    machine: str,
    from_status: str | None,
    to_status: str,
    action: str,
    operator: str,
    at: datetime,
    data: dict | None = None,
    cancellation_id: int | None = None,
) -> int:
    return StatusHistory.insert(
        order=order_id,
        cancellation=cancellation_id,
        machine=machine,
        from_status=from_status,
        to_status=to_status,
        action=action,
        operator=operator,
        at=at,
        input=json.dumps(data or {}, ensure_ascii=False, default=_json_default, sort_keys=True),
    ).execute()


def load_order(order_id: int) -> Order:
    order = Order.get_or_none(Order.id == order_id)
    if order is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到訂單 {id}。"), id=order_id)
    return order


def load_request(request_id: int) -> CancellationRequest:
    req = CancellationRequest.get_or_none(CancellationRequest.id == request_id)
    if req is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到取消申請 {id}。"), id=request_id)
    return req


def order_stale(order: Order) -> StaleError:
    fresh = Order.get_or_none(Order.id == order.id) or order
    return StaleError("order", fresh.order_no, fresh.updated_by, fresh.updated_at)


def request_stale(req: CancellationRequest, order_no: str) -> StaleError:
    fresh = CancellationRequest.get_or_none(CancellationRequest.id == req.id) or req
    return StaleError("request", order_no, fresh.updated_by, fresh.updated_at)


def move_order(order: Order, to_status: str, *, operator: str, now: datetime, **fields) -> int:
    """Conditional update on id, status and version; ``StaleError`` if another clerk was first.

    Returns the new version.  The version is what makes MariaDB's affected-row count (changed
    rows, not matched rows) meaningful.
    """
    n = (
        Order.update(
            status=to_status,
            version=Order.version + 1,
            updated_at=now,
            updated_by=operator,
            **fields,
        )
        .where(
            (Order.id == order.id) & (Order.status == order.status) & (Order.version == order.version)
        )
        .execute()
    )
    if n != 1:
        raise order_stale(order)
    return order.version + 1


def move_request(
    req: CancellationRequest, to_status: str, *, operator: str, now: datetime, order_no: str, **fields
) -> int:
    n = (
        CancellationRequest.update(
            status=to_status,
            version=CancellationRequest.version + 1,
            updated_at=now,
            updated_by=operator,
            **fields,
        )
        .where(
            (CancellationRequest.id == req.id)
            & (CancellationRequest.status == req.status)
            & (CancellationRequest.version == req.version)
        )
        .execute()
    )
    if n != 1:
        raise request_stale(req, order_no)
    return req.version + 1


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
