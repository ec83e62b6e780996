"""Between the naive UTC the columns hold and a shop's local time, in a given ``ZoneInfo``.

Pure functions: the zone is an argument.  ``app.services.shop_clock`` binds them to the
shop's zone, a setting kept in the database, so every desk reckons the same days whatever
its own time zone.  A naive local time that a zone skips or repeats (a daylight-saving
change) is read with ``fold=0``: as the time before the change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

#: The shop's time zone until someone sets another.
DEFAULT_ZONE = "Asia/Taipei"

#: The days a date the shop is asked about may take (a filter, a period, a file's date):
#: within them the start of the day after, and either turned into UTC in any zone, exist
#: (0001-01-01 or 9999-12-31 overflowed Python's dates).
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(9998, 12, 31)


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name`` ("Asia/Taipei"); ``ValidationError`` on a name tzdata lacks."""
    name = (name or "").strip()
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, ZoneInfoNotFoundError):  # a folder ("Asia") is an OSError
        raise ValidationError(
            "time_zone", QT_TRANSLATE_NOOP("Errors", "沒有「{zone}」這個時區，請用 IANA 名稱，例如 Asia/Taipei。"),
            zone=name,
        ) from None


def to_local(utc: datetime, tz: ZoneInfo) -> datetime:
    """A naive UTC time as the naive local time in ``tz``."""
    return utc.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)


def to_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """A naive local time in ``tz`` as naive UTC."""
    return local.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


def local_date(utc: datetime, tz: ZoneInfo) -> date:
    """The calendar day in ``tz`` at ``utc`` (naive UTC)."""
    return utc.replace(tzinfo=UTC).astimezone(tz).date()


def day_start_utc(d: date, tz: ZoneInfo) -> datetime:
    """The naive UTC instant at which day ``d`` begins in ``tz``."""
    return to_utc(datetime.combine(d, time.min), tz)


@lru_cache(maxsize=65536)
def utc_offset(local_hour: datetime, tz: ZoneInfo) -> timedelta:
    """How far ``tz`` is ahead of UTC at the naive local time ``local_hour``; cached, so a
    bulk path that converts by the hour looks each hour up once."""
    return local_hour.replace(tzinfo=tz).utcoffset()
