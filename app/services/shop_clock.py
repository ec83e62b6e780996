"""The shop's clock: its time zone, kept in the database, and the conversions bound to it.

Every day OrderDesk reckons is the shop's, whatever the desk's own time zone: the date in an
order number, "today" for ship and transfer dates, the lists' day filters, the export's dates,
the import's times, the demo data and every date the window shows.  The columns hold naive
UTC; ``app.domain.clock`` converts, given the zone; this module gives it the shop's.

The zone is the ``time_zone`` row of ``shop_setting`` (migration 6; ``Asia/Taipei`` until
someone sets another), read once per connection and kept.  ``set_shop_zone`` changes it for
every desk; this desk uses the new zone at once, the others when they connect again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

import peewee as pw

from app.domain import clock
from app.domain.errors import DomainError, StaleError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.db import database, survives_server, write_transaction
from app.models.tables import ShopSetting, utcnow

from .keys import idempotent

TIME_ZONE = "time_zone"

#: The zone each open connection read (a connection's ``Database`` object is its key).
_zones: WeakKeyDictionary[pw.Database, ZoneInfo] = WeakKeyDictionary()


def _read_zone(db: pw.Database) -> ZoneInfo:
    if not db.table_exists(ShopSetting._meta.table_name):  # opened without migrating
        return clock.zone(clock.DEFAULT_ZONE)
    name = ShopSetting.select(ShopSetting.value).where(ShopSetting.name == TIME_ZONE).scalar()
    return clock.zone(name or clock.DEFAULT_ZONE)


def shop_zone() -> ZoneInfo:
    """The shop's time zone, read from the database at the connection's first use."""
    db = database.obj
    if db is None:  # no database yet: nothing is stored, so nothing to reckon against
        return clock.zone(clock.DEFAULT_ZONE)
    tz = _zones.get(db)
    if tz is None:
        tz = _zones[db] = _read_zone(db)
    return tz


@idempotent
@survives_server
def set_shop_zone(name: str, *, operator: str, now: datetime | None = None) -> ZoneInfo:
    """Make ``name`` (an IANA zone such as "Asia/Taipei") the shop's time zone.

    ``ValidationError`` on a zone tzdata does not know or a missing operator.  Orders already
    placed keep their numbers; the days reckoned from now on are the new zone's.  ``op_key``
    (``keys.idempotent``): the same key again writes nothing and answers the zone first set;
    the setting has no history record, so the key and its answer are kept in ``action_key``
    only (as ``invoices.set_issue_at``'s)."""
    operator = (operator or "").strip()
    if not operator:
        raise ValidationError("operator", QT_TRANSLATE_NOOP("Errors", "請先設定操作人員姓名。"))
    tz = clock.zone(name)
    at = now or utcnow()
    with write_transaction():
        n = (
            ShopSetting.update(value=tz.key, updated_at=at, updated_by=operator)
            .where(ShopSetting.name == TIME_ZONE)
            .execute()
        )
        if n == 0:
            ShopSetting.insert(name=TIME_ZONE, value=tz.key, updated_at=at, updated_by=operator).execute()
    _zones[database.obj] = tz
    return tz


# ---------------------------------------------------------------- in the shop's zone


def to_local(utc: datetime) -> datetime:
    """A stored naive UTC time as the shop's naive local time."""
    return clock.to_local(utc, shop_zone())


def to_utc(local: datetime) -> datetime:
    """The shop's naive local time as the naive UTC the columns hold."""
    return clock.to_utc(local, shop_zone())


def local_date(utc: datetime) -> date:
    """The shop's calendar day at ``utc`` (naive UTC)."""
    return clock.local_date(utc, shop_zone())


def day_start_utc(d: date) -> datetime:
    """The naive UTC instant at which the shop's day ``d`` begins."""
    return clock.day_start_utc(d, shop_zone())


def utc_offset(local_hour: datetime) -> timedelta:
    """The shop's offset from UTC at its naive local time ``local_hour`` (cached by hour)."""
    return clock.utc_offset(local_hour, shop_zone())


def today(now: datetime | None = None) -> date:
    """The shop's calendar day now (or at ``now``, naive UTC)."""
    return local_date(now or utcnow())


def local_now() -> datetime:
    """The shop's naive local time now, to the second."""
    return to_local(utcnow())


def error_message(err: DomainError, translate=None) -> str:
    """A domain error's message (translated by ``translate(context, text)`` when given), with
    the time of a ``StaleError`` (stored UTC) in the shop's local time."""
    if isinstance(err, StaleError) and err.changed_at is not None:
        template = translate(err.context, err.template) if translate else err.template
        when = to_local(err.changed_at).strftime("%Y-%m-%d %H:%M:%S")
        return template.format(**{**err.params, "when": when})
    return err.message(translate)
