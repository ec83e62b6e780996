"""報表's 概況 page on the demo database: the last 30 days' money, payment mix and queues."""

from __future__ import annotations

from pathlib import Path

from app.views.overview_page import LAST_30, OverviewPage

from .shots import shot


def render_overview(out: Path, size=(1280, 660)) -> list[Path]:
    page = OverviewPage()
    page.resize(*size)
    page.period.setCurrentIndex(page.period.findData(LAST_30))
    path = shot(page, out / "reports-overview.png")
    page.close()
    return [path]
