"""The 報表 module: the 帳務明細 page on last month's demo data (sums by payment method, then
refunds only with the sums by day) and the 結帳／重新開啟 dialog.  Nothing is closed: the tour
writes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app.dialogs.close_month_dialog import CloseMonthDialog
from app.services import shop_clock

from .shots import shot


def render_report_screens(window, out: Path) -> list[Path]:
    files = []
    window.show_page("reports")
    page = window.reports_page.ledger
    end = shop_clock.today().replace(day=1) - timedelta(days=1)
    page.set_period(end.replace(day=1), end)
    files.append(shot(window, out / "reports-1-ledger.png"))
    page.kind.setCurrentIndex(page.kind.findData("REFUND"))
    page.group.setCurrentIndex(page.group.findData("day"))
    files.append(shot(window, out / "reports-2-ledger-refunds-by-day.png"))
    page.kind.setCurrentIndex(0)
    page.group.setCurrentIndex(0)
    dialog = CloseMonthDialog(page.month_choices())
    files.append(shot(dialog, out / "close-month.png", title=True))
    dialog.close()
    return files
