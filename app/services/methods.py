"""Payment methods (docs/PRODUCT.md §5), shipping methods (§6) and carriers (物流業者, the ship
dialog's list): list, add, edit, delete or archive, restore, move.

Every action: one write transaction and one ``MethodHistory`` record per method it touched,
with the operator and the UTC time; returns plain dataclasses (the views never see peewee
objects).  Each change names the version of the method the clerk's screen showed
(``expected_version``; ``expected_versions`` for a delete of several): when another clerk
changed it since, ``StaleError`` names who and when and nothing is written; the update itself
is conditional on that version, so two edits racing on a server cannot both pass.  Titles
are unique among active methods (checked here, guaranteed by migration 3's index).  A method
that orders refer to is archived instead of deleted: orders keep their own copy of its name
(and fee), and ``place_order`` refuses archived methods.  No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

import peewee as pw

from app.domain.carriers import TRACKING_NO
from app.domain.errors import NotFoundError, StaleError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.money import parse_amount
from app.domain.pickup import chain_of
from app.domain.statuses import RefundChannel
from app.models.db import database, survives_server, write_transaction
from app.models.tables import Carrier, MethodHistory, Order, PaymentMethod, ShippingMethod

from . import writes
from .common import check_columns, check_operator, history_key, idempotent, now_or
from .op_changes import CARRIER, PAYMENT, SHIPPING

ADD = "add"
EDIT = "edit"
ARCHIVE = "archive"
RESTORE = "restore"
DELETE = "delete"
MOVE = "move"

TITLE_MAX = 100

In = TypeVar("In")
Row = TypeVar("Row")


# ---------------------------------------------------------------- inputs (pure)


def _title(value: str | None, taken: Iterable[str], duplicate_template: str) -> str:
    title = (value or "").strip()
    if not title:
        raise ValidationError("title", QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
    if len(title) > TITLE_MAX:
        raise ValidationError(
            "title", QT_TRANSLATE_NOOP("Errors", "標題不能超過 {max} 個字。"), max=TITLE_MAX
        )
    if title in set(taken):
        raise ValidationError("title", duplicate_template, title=title)
    return title


@dataclass(frozen=True)
class PaymentMethodInput:
    """What the clerk typed in 新增付款方式 / 修改付款方式."""

    title: str
    description: str = ""
    #: How its money is refunded (``RefundChannel``): card → reversal, else remittance.  An
    #: edit sets it too (修改付款方式 shows the method's own).
    refund_channel: str = RefundChannel.REMITTANCE.value

    def validated(self, taken_titles: Iterable[str] = ()) -> PaymentMethodInput:
        """``taken_titles``: the titles of the other active payment methods."""
        title = _title(
            self.title,
            taken_titles,
            QT_TRANSLATE_NOOP("Errors", "已有名為「{title}」的付款方式，請換一個標題。"),
        )
        try:
            channel = RefundChannel(self.refund_channel).value
        except ValueError:
            raise ValidationError("refund_channel", QT_TRANSLATE_NOOP(
                "Errors", "請選擇退款方式。")) from None
        return PaymentMethodInput(title, (self.description or "").strip(), channel)


@dataclass(frozen=True)
class ShippingMethodInput:
    """What the clerk typed in 新增送貨方式 / 修改送貨方式.  ``fee`` and ``free_threshold``
    may be text (as typed) or int; ``validated()`` turns them into whole NT$ ints.  An empty
    threshold means no free shipping."""

    title: str
    fee: int | str
    free_threshold: int | str | None = None
    description: str = ""
    #: Convenience-store pickup at this chain (``app.domain.pickup.PickupChain``), "" for
    #: delivery to an address.
    pickup_chain: str = ""

    def validated(self, taken_titles: Iterable[str] = ()) -> ShippingMethodInput:
        title = _title(
            self.title,
            taken_titles,
            QT_TRANSLATE_NOOP("Errors", "已有名為「{title}」的送貨方式，請換一個標題。"),
        )
        fee = parse_amount(self.fee, "fee")
        threshold = parse_amount(self.free_threshold, "free_threshold", allow_empty=True)
        chain = self.pickup_chain or ""
        if chain and chain_of(chain) is None:
            raise ValidationError("pickup_chain", QT_TRANSLATE_NOOP("Errors", "請選擇超商。"))
        return ShippingMethodInput(title, fee, threshold, (self.description or "").strip(), chain)


@dataclass(frozen=True)
class CarrierInput:
    """What the clerk typed in 新增物流業者 / 修改物流業者: the carrier's name and its tracking
    page's address, ``{tracking_no}`` where the number goes (empty: no tracking page)."""

    title: str
    tracking_url: str = ""
    description: str = ""

    def validated(self, taken_titles: Iterable[str] = ()) -> CarrierInput:
        title = _title(self.title, taken_titles,
                       QT_TRANSLATE_NOOP("Errors", "已有名為「{title}」的物流業者，請換一個名稱。"))
        url = (self.tracking_url or "").strip()
        if url and (not url.lower().startswith(("https://", "http://")) or TRACKING_NO not in url):
            raise ValidationError("tracking_url", QT_TRANSLATE_NOOP(
                "Errors", "查件網址要以 https:// 開頭，並含有 {{tracking_no}}（貨運單號的位置）。"))
        return CarrierInput(title, url, (self.description or "").strip())


# ---------------------------------------------------------------- rows (what the views see)


@dataclass(frozen=True, kw_only=True)
class MethodRow:
    """What every kind's row shows."""

    id: int
    title: str
    description: str
    position: int
    archived: bool
    in_use: bool  # some order refers to it: deleting it archives it (a carrier: always False)
    version: int = 1  # what a change of it names as ``expected_version``


@dataclass(frozen=True, kw_only=True)
class PaymentMethodRow(MethodRow):
    refund_channel: str = RefundChannel.REMITTANCE.value


@dataclass(frozen=True, kw_only=True)
class ShippingMethodRow(MethodRow):
    fee: int
    free_threshold: int | None
    pickup_chain: str = ""


@dataclass(frozen=True, kw_only=True)
class CarrierRow(MethodRow):
    tracking_url: str  # orders keep the carrier's name, not a reference


@dataclass(frozen=True)
class DeleteResult:
    """What ``delete_*_methods`` did, by title: deleted outright, or archived because orders
    refer to them (``already_archived``: ticked but archived before, left as they were)."""

    deleted: tuple[str, ...] = ()
    archived: tuple[str, ...] = ()
    already_archived: tuple[str, ...] = ()
    history_ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class MethodHistoryEntry:
    id: int
    kind: str
    method_id: int
    action: str
    operator: str
    at: datetime  # UTC
    before: dict | None
    after: dict | None


# ---------------------------------------------------------------- the two kinds


@dataclass(frozen=True)
class _Kind:
    name: str
    model: type[pw.Model]
    order_fk: pw.ForeignKeyField | None  # None: orders keep a copy of the name only
    fields: tuple[str, ...]  # the columns the clerk edits
    duplicate: str
    not_found: str


_PAYMENT = _Kind(
    PAYMENT,
    PaymentMethod,
    Order.payment_method,
    ("title", "description", "refund_channel"),
    QT_TRANSLATE_NOOP("Errors", "已有名為「{title}」的付款方式，請換一個標題。"),
    QT_TRANSLATE_NOOP("Errors", "找不到付款方式 {id}。"),
)
_SHIPPING = _Kind(
    SHIPPING,
    ShippingMethod,
    Order.shipping_method,
    ("title", "fee", "free_threshold", "description", "pickup_chain"),
    QT_TRANSLATE_NOOP("Errors", "已有名為「{title}」的送貨方式，請換一個標題。"),
    QT_TRANSLATE_NOOP("Errors", "找不到送貨方式 {id}。"),
)
_CARRIER = _Kind(
    CARRIER,
    Carrier,
    None,
    ("title", "tracking_url", "description"),
    QT_TRANSLATE_NOOP("Errors", "已有名為「{title}」的物流業者，請換一個名稱。"),
    QT_TRANSLATE_NOOP("Errors", "找不到物流業者 {id}。"),
)


def _snapshot(kind: _Kind, m) -> dict:
    d = {f: getattr(m, f) for f in kind.fields}
    d["position"] = m.position
    d["archived"] = bool(m.archived)
    return d


def _in_use(kind: _Kind, method_id: int) -> bool:
    if kind.order_fk is None:
        return False
    return Order.select(Order.id).where(kind.order_fk == method_id).exists()


def _row(kind: _Kind, m, in_use: bool):
    common = dict(id=m.id, title=m.title, description=m.description, position=m.position,
                  archived=bool(m.archived), in_use=in_use, version=m.version)
    if kind is _PAYMENT:
        return PaymentMethodRow(**common, refund_channel=m.refund_channel)
    if kind is _CARRIER:
        return CarrierRow(**dict(common, in_use=False), tracking_url=m.tracking_url)
    return ShippingMethodRow(**common, fee=m.fee, free_threshold=m.free_threshold,
                             pickup_chain=m.pickup_chain or "")


def _record(kind: _Kind, method_id: int, action: str, operator: str, at: datetime,
            before: dict | None, after: dict | None) -> int:
    def dump(d):  # the one JSON form of every history record
        return None if d is None else writes.history_input(d)

    return MethodHistory.insert(
        kind=kind.name, method_id=method_id, action=action, operator=operator, at=at,
        before=dump(before), after=dump(after), op_key=history_key(),
    ).execute()


def _load(kind: _Kind, method_id: int, expected_version: int | None = None):
    """The method, checked against the version the clerk saw (``StaleError``)."""
    m = kind.model.get_or_none(kind.model.id == method_id)
    if m is None:
        raise NotFoundError(kind.not_found, id=method_id)
    if expected_version is not None and m.version != expected_version:
        raise _stale(kind, m.id)
    return m


def _stale(kind: _Kind, method_id: int) -> StaleError:
    """Who changed the method last and when (its latest history record), for the message."""
    m = kind.model.get_or_none(kind.model.id == method_id)
    last = (MethodHistory.select()
            .where((MethodHistory.kind == kind.name) & (MethodHistory.method_id == method_id))
            .order_by(MethodHistory.id.desc()).first())
    title = m.title if m is not None else (last.before_data or {}).get("title", str(method_id))
    return StaleError(kind.name, title, last.operator if last else None, last.at if last else None)


def _update(kind: _Kind, m, **values) -> None:
    """Write ``values`` and the next version, on the condition that the row still has the
    version read (a server's other clerk may have changed it in between: ``StaleError``).  A
    title another clerk took first (the unique index refuses it) is a ``ValidationError``."""
    try:
        done = (kind.model.update(**values, version=kind.model.version + 1)
                .where((kind.model.id == m.id) & (kind.model.version == m.version)).execute())
    except pw.IntegrityError:
        raise _duplicate(kind, values.get("title", m.title)) from None
    if done != 1:
        raise _stale(kind, m.id)
    for name, v in values.items():
        setattr(m, name, v)
    m.version += 1


def _other_active_titles(kind: _Kind, except_id: int | None = None) -> list[str]:
    q = kind.model.select(kind.model.title).where(~kind.model.archived)
    if except_id is not None:
        q = q.where(kind.model.id != except_id)
    return [t for (t,) in q.tuples()]


def _ordered(kind: _Kind, query):
    return query.order_by(kind.model.position, kind.model.id)


def _list(kind: _Kind, include_archived: bool):
    model = kind.model
    if kind.order_fk is None:
        q = model.select(model, pw.Value(False).alias("used"))
    else:
        used = Order.select(Order.id).where(kind.order_fk == model.id)
        q = model.select(model, pw.fn.EXISTS(used).alias("used"))
    if not include_archived:
        q = q.where(~model.archived)
    return [_row(kind, m, bool(m.used)) for m in _ordered(kind, q)]


def _next_position(kind: _Kind, active_only: bool = False) -> int:
    """The end of the display order (of the active methods only, for a restore)."""
    q = kind.model.select(pw.fn.MAX(kind.model.position))
    if active_only:
        q = q.where(~kind.model.archived)
    return (q.scalar() or 0) + 1


def _duplicate(kind: _Kind, title: str) -> ValidationError:
    return ValidationError("title", kind.duplicate, title=title)


@survives_server
def _add(kind: _Kind, value, operator: str, now: datetime | None):
    operator = check_operator(operator)
    now = now_or(now)
    try:
        with write_transaction():
            value = value.validated(_other_active_titles(kind))
            check_columns(kind.model, asdict(value))
            m = kind.model.create(position=_next_position(kind), archived=False, **asdict(value))
            _record(kind, m.id, ADD, operator, now, None, _snapshot(kind, m))
    except pw.IntegrityError:  # another clerk took the title first
        raise _duplicate(kind, value.title) from None
    return _row(kind, m, False)


@survives_server
def _edit(kind: _Kind, method_id: int, value, operator: str, now: datetime | None,
          expected_version: int | None):
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        m = _load(kind, method_id, expected_version)
        taken = [] if m.archived else _other_active_titles(kind, m.id)
        value = value.validated(taken)
        check_columns(kind.model, asdict(value))
        before = _snapshot(kind, m)
        after = dict(before, **asdict(value))
        if after != before:
            _update(kind, m, **asdict(value))
            _record(kind, m.id, EDIT, operator, now, before, after)
        in_use = _in_use(kind, m.id)
    return _row(kind, m, in_use)


@survives_server
def _delete(kind: _Kind, method_ids: Iterable[int], operator: str, now: datetime | None,
            expected_versions: Mapping[int, int] | None):
    """Delete each method no order refers to; archive each one that orders refer to.  The
    database's own refusal (foreign key RESTRICT, and migration 3's trigger on SQLite) is the
    last word: a delete it refuses becomes an archive.  One stale method refuses them all."""
    operator = check_operator(operator)
    now = now_or(now)
    versions = expected_versions or {}
    deleted, archived, already, hids = [], [], [], []
    with write_transaction():
        for method_id in dict.fromkeys(method_ids):
            m = _load(kind, method_id, versions.get(method_id))
            before = _snapshot(kind, m)
            removed = False
            if not _in_use(kind, m.id):
                try:
                    with database.atomic():  # a savepoint: a refused delete undoes only itself
                        removed = kind.model.delete().where(
                            (kind.model.id == m.id) & (kind.model.version == m.version)
                        ).execute() == 1
                except pw.IntegrityError:
                    removed = False
                if not removed and not kind.model.select().where(
                        (kind.model.id == m.id) & (kind.model.version == m.version)).exists():
                    raise _stale(kind, m.id)
            if removed:
                hids.append(_record(kind, m.id, DELETE, operator, now, before, None))
                deleted.append(m.title)
            elif m.archived:
                already.append(m.title)
            else:
                _update(kind, m, archived=True)
                hids.append(_record(kind, m.id, ARCHIVE, operator, now, before,
                                    dict(before, archived=True)))
                archived.append(m.title)
    return DeleteResult(tuple(deleted), tuple(archived), tuple(already), tuple(hids))


@survives_server
def _restore(kind: _Kind, method_id: int, operator: str, now: datetime | None,
             expected_version: int | None):
    """Archived → active again, at the end of the display order."""
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        m = _load(kind, method_id, expected_version)
        if not m.archived:
            return _row(kind, m, _in_use(kind, m.id))
        if m.title in _other_active_titles(kind, m.id):
            raise _duplicate(kind, m.title)
        before = _snapshot(kind, m)
        _update(kind, m, archived=False, position=_next_position(kind, active_only=True))
        _record(kind, m.id, RESTORE, operator, now, before, _snapshot(kind, m))
        in_use = _in_use(kind, m.id)
    return _row(kind, m, in_use)


@survives_server
def _move(kind: _Kind, method_id: int, step: int, operator: str, now: datetime | None) -> bool:
    """Swap an active method with its neighbour in the display order (``step`` -1 = up,
    +1 = down).  Positions of the active methods are renumbered 1..n.  False (and nothing
    written) at either end, or for an archived method."""
    if step not in (-1, 1):
        raise ValueError("step must be -1 or +1")
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        m = _load(kind, method_id)
        if m.archived:
            return False
        active = list(_ordered(kind, kind.model.select().where(~kind.model.archived)))
        i = next(n for n, x in enumerate(active) if x.id == m.id)
        j = i + step
        if not 0 <= j < len(active):
            return False
        active[i], active[j] = active[j], active[i]
        for pos, x in enumerate(active, start=1):
            if x.position != pos:
                kind.model.update(position=pos).where(kind.model.id == x.id).execute()
        _record(kind, m.id, MOVE, operator, now, {"position": i + 1}, {"position": j + 1})
    return True


# ---------------------------------------------------------------- the six actions of each kind


class MethodBook(Generic[In, Row]):
    """One kind's list, add, edit, delete (or archive), restore and move: the same six doors
    for payment methods, shipping methods and carriers, each one write transaction."""

    def __init__(self, kind: _Kind):
        self._kind = kind

    def list(self, *, include_archived: bool = False) -> list[Row]:
        """In display order (the order a storefront or the ship dialog offers them); archived
        ones only if asked."""
        return _list(self._kind, include_archived)

    @idempotent
    def add(self, value: In, *, operator: str, now: datetime | None = None) -> Row:
        """新增: appended at the end of the display order (a shipping method's fee and
        threshold: whole NT$, zero or more; no threshold, no free shipping)."""
        return _add(self._kind, value, operator, now)

    @idempotent
    def edit(self, method_id: int, value: In, *, operator: str,
             expected_version: int | None = None, now: datetime | None = None) -> Row:
        """修改.  Existing orders keep the name (and fee and total) they were placed with."""
        return _edit(self._kind, method_id, value, operator, now, expected_version)

    @idempotent
    def delete(self, method_ids: Iterable[int], *, operator: str,
               expected_versions: Mapping[int, int] | None = None,
               now: datetime | None = None) -> DeleteResult:
        """刪除 the ticked methods; those that orders refer to are archived instead (a carrier
        is deleted outright: an order keeps its carrier's name, not a reference).
        ``expected_versions``: method id → the version the clerk's screen showed."""
        return _delete(self._kind, method_ids, operator, now, expected_versions)

    @idempotent
    def restore(self, method_id: int, *, operator: str, expected_version: int | None = None,
                now: datetime | None = None) -> Row:
        return _restore(self._kind, method_id, operator, now, expected_version)

    @idempotent
    def move(self, method_id: int, step: int, *, operator: str,
             now: datetime | None = None) -> bool:
        return _move(self._kind, method_id, step, operator, now)

    def doors(self):
        """The six actions in the order list, add, edit, delete, restore, move."""
        return self.list, self.add, self.edit, self.delete, self.restore, self.move


PAYMENT_METHODS: MethodBook[PaymentMethodInput, PaymentMethodRow] = MethodBook(_PAYMENT)
SHIPPING_METHODS: MethodBook[ShippingMethodInput, ShippingMethodRow] = MethodBook(_SHIPPING)
CARRIERS: MethodBook[CarrierInput, CarrierRow] = MethodBook(_CARRIER)
#: The books by kind name (PAYMENT, SHIPPING, CARRIER).
BOOKS = {PAYMENT: PAYMENT_METHODS, SHIPPING: SHIPPING_METHODS, CARRIER: CARRIERS}

# The module's names for each kind's actions (what the callers and tests use).
(list_payment_methods, add_payment_method, edit_payment_method, delete_payment_methods,
 restore_payment_method, move_payment_method) = PAYMENT_METHODS.doors()
(list_shipping_methods, add_shipping_method, edit_shipping_method, delete_shipping_methods,
 restore_shipping_method, move_shipping_method) = SHIPPING_METHODS.doors()
(list_carriers, add_carrier, edit_carrier, delete_carriers,
 restore_carrier, move_carrier) = CARRIERS.doors()


# ---------------------------------------------------------------- history


def method_history(kind: str, method_id: int | None = None) -> list[MethodHistoryEntry]:
    """The records of one kind ('payment' / 'shipping'), oldest first; of one method if given."""
    if kind not in (PAYMENT, SHIPPING, CARRIER):
        raise ValueError(f"kind must be {PAYMENT!r}, {SHIPPING!r} or {CARRIER!r}")
    q = MethodHistory.select().where(MethodHistory.kind == kind)
    if method_id is not None:
        q = q.where(MethodHistory.method_id == method_id)
    return [
        MethodHistoryEntry(h.id, h.kind, h.method_id, h.action, h.operator, h.at,
                           h.before_data, h.after_data)
        for h in q.order_by(MethodHistory.id)
    ]
