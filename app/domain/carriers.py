"""Carriers as data (issue 12): a carrier's tracking page is an address with ``{tracking_no}``
where the parcel's number goes."""

from __future__ import annotations

from urllib.parse import quote

#: Where a carrier's tracking address takes the number.
TRACKING_NO = "{tracking_no}"


def tracking_link(url_pattern: str, tracking_no: str | None) -> str:
    """The carrier's tracking page for ``tracking_no`` (the number URL-quoted), "" without one."""
    if not url_pattern or not tracking_no or not tracking_no.strip():
        return ""
    return url_pattern.replace(TRACKING_NO, quote(tracking_no.strip(), safe=""))
