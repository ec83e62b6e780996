"""Issue 12's 代收款對帳 screens: the page with orders collected and not remitted and the
remittances recorded (samples, so the short and over amounts show whatever the demo holds),
【登錄撥款】 with two orders ticked, and a statement's confirmation with an unknown line and
an order already remitted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from app.dialogs.remittance_dialog import RemittanceDialog
from app.services import shop_clock
from app.services.remittances import RemittanceSummary, StatementLine, StatementMatch, Unremitted
from app.views.remittances_page import RemittancesPage

from .shots import shot


def _samples(today: date) -> tuple[list[Unremitted], list[RemittanceSummary]]:
    def day(n: int) -> date:
        return today - timedelta(days=n)

    unremitted = [
        Unremitted(1, "O2026110300012", "王小明", "黑貓宅急便", "905512340012", day(9), 1280, 9),
        Unremitted(2, "O2026110400031", "林美華", "7-ELEVEN 交貨便", "E12003456789", day(6), 820, 6),
        Unremitted(3, "O2026110500007", "陳志豪", "全家店到店", "F23004567890", day(4), 1560, 4),
        Unremitted(4, "O2026110600018", "黃小芬", "7-ELEVEN 交貨便", "E12003456801", day(2), 450, 2),
    ]
    at = datetime.combine(day(3), datetime.min.time())
    remittances = [
        RemittanceSummary(2, "7-ELEVEN 交貨便", day(3), 2360, 60, 2440, -20, "711-PAY-1105", 3,
                          "statement", "陳怡君", at),
        RemittanceSummary(1, "黑貓宅急便", day(10), 3150, 45, 3195, 0, "TCAT-1028", 2, "clerk",
                          "陳怡君", at - timedelta(days=7)),
    ]
    return unremitted, remittances


def render_remittance_screens(window, out: Path) -> list[Path]:
    today = shop_clock.today()
    unremitted, remittances = _samples(today)
    files = []
    page = RemittancesPage(window.session, window, unremitted=lambda: unremitted,
                           remittances=lambda: remittances)
    page.resize(1100, 640)
    page.reload()
    files.append(shot(page, out / "remittances.png"))
    page.close()

    dialog = RemittanceDialog(window, unremitted, today=today)
    dialog.carrier.setEditText("7-ELEVEN 交貨便")
    dialog.amount.setText("1240")
    dialog.fee.setText("20")
    dialog.reference.setText("711-PAY-1112")
    for i in (1, 3):
        dialog.orders.item(i).setCheckState(Qt.CheckState.Checked)
    files.append(shot(dialog, out / "remittance-record.png", title=True))
    dialog.close()

    match = StatementMatch("7-ELEVEN_代收對帳_1112.xlsx")
    match.matched = [StatementLine(2, "E12003456789", 820, 10, 2, "O2026110400031", 820),
                     StatementLine(3, "E12003456801", 430, 10, 4, "O2026110600018", 450)]
    match.unknown = [StatementLine(4, "E99999999999", 300, 10)]
    match.already = [StatementLine(5, "E12003450001", 990, 10, 9, "O2026102900004", 990)]
    rows = [unremitted[1], unremitted[3]]
    dialog = RemittanceDialog(window, rows, today=today, match=match)
    dialog.carrier.setEditText("7-ELEVEN 交貨便")
    files.append(shot(dialog, out / "remittance-statement.png", title=True))
    dialog.close()
    return files
