"""Issue 16's screens: 設定 → 使用者管理 with its people, 新增使用者, and a clerk's 取消訂單
page, where a supervisor's actions are disabled (their tooltip says why).  A single-desk tour
has no logins, so the people are samples and the clerk's session is signed in by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.dialogs.person_dialog import PersonDialog
from app.domain.people import Role, SignedIn
from app.domain.tabs import CancelTab
from app.services.people import PersonRow
from app.views.people_page import PeoplePage

from .shots import shot

SUPERVISOR = SignedIn("wang", "王店長", Role.SUPERVISOR)
CLERK = SignedIn("chen", "陳怡君", Role.CLERK)
PEOPLE = [
    PersonRow("chen", "陳怡君", Role.CLERK, True, datetime(2026, 11, 2, 1, 0), "wang"),
    PersonRow("lin", "林美華", Role.CLERK, True, datetime(2026, 11, 3, 2, 30), "wang"),
    PersonRow("wang", "王店長", Role.SUPERVISOR, True, datetime(2026, 11, 1, 0, 0), "orderdesk"),
    PersonRow("huang", "黃小芬", Role.CLERK, False, datetime(2026, 10, 5, 3, 0), "wang"),
]


def render_people_screens(window, out: Path) -> list[Path]:
    """``window``'s session signed in as a supervisor, then as a clerk (put back after)."""
    files = []
    before = window.session.signed_in
    try:
        window.session.sign_in(SUPERVISOR)
        page = PeoplePage(window.session, window, load=lambda: PEOPLE)
        page.table.selectRow(1)
        files.append(shot(page, out / "people.png", title=True))
        page.close()
        dialog = PersonDialog(window)
        dialog.login_edit.setText("lin")
        dialog.name_edit.setText("林美華")
        dialog.password_edit.setText("••••••••••")
        dialog.confirm_edit.setText("••••••••••")
        files.append(shot(dialog, out / "people-add.png", title=True))
        dialog.close()

        window.session.sign_in(CLERK)
        window.show_page("cancellations")
        window.cancellations_page.set_tab(CancelTab.PENDING_REVIEW)
        lt = window.cancellations_page.tab_of[CancelTab.PENDING_REVIEW]
        if lt.model.rowCount():
            lt.view.selectRow(0)
        lt.update_buttons()
        files.append(shot(window, out / "clerk-cancellations.png"))
    finally:
        window.session.sign_in(before)
    return files
