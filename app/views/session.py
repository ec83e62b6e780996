"""What every page shares: who the clerk is, and the news of what changed.

A page asks ``session.operator()`` for the name to record on history — on a server, the
signed-in login (the database writes that name whatever the desk sends); on a single-desk
SQLite file, the name set in 設定 → 操作人員, else the computer account's.  A page asks
``session.refusal(name)`` whether the signed-in role may use an action, and why not (a clerk's
window disables a supervisor's actions and says so in their tooltip).  The action runner
(``runner.Runner``) calls ``session.announce(changes)`` with an ``OpChanges`` after a service
succeeds, and every page listening on ``changed`` reloads only what the change touched
(docs/STYLE.md: Anki's OpChanges).
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from app.domain.people import NEEDS_SUPERVISOR, Role, SignedIn
from app.services.op_changes import OpChanges

from . import prompts
from .settings_keys import OPERATOR

#: The actions only a supervisor may use (their object names in the pages): the review of
#: cancellation requests, returns, refunds, closing, their invoices' voids and allowances,
#: the payment and shipping methods, the shop's invoice setting, people.
SUPERVISOR_ONLY = frozenset({
    "approve", "reject", "return_done", "return_failed", "refund_done", "refund_failed", "close",
    "correct_account", "write_off", "void_invoice", "invoice_allowance", "void", "allowance",
    "issue_at", "methods", "people",
})


def computer_account() -> str:
    """The name of the computer account OrderDesk runs under ("" when there is none)."""
    try:
        return getpass.getuser().strip()
    except (OSError, KeyError, ImportError):
        return ""


class Session(QObject):
    #: Emitted with an ``OpChanges`` (``OpChanges.all()`` for "reload everything").
    changed = Signal(OpChanges)
    operator_changed = Signal(str)
    #: What was just done, for the status bar ("已完成「出貨」：訂單 O…").
    said = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        #: Who this desk signed in as on a server (read from the database); None on SQLite.
        self.signed_in: SignedIn | None = None

    def sign_in(self, who: SignedIn | None) -> None:
        self.signed_in = who
        self.operator_changed.emit(self.operator_shown())

    def is_person(self) -> bool:
        """Signed in as a clerk or supervisor of their own (not the owner's shared login)."""
        return self.signed_in is not None and self.signed_in.role is not Role.OWNER

    def refusal(self, name: str) -> str | None:
        """Why the signed-in role may not use the action ``name``, or None when it may."""
        who = self.signed_in
        if who is None or who.supervises or name not in SUPERVISOR_ONLY:
            return None
        return QCoreApplication.translate("Role", NEEDS_SUPERVISOR).format(login=who.shown())

    def refuse(self, name: str, *widgets: QWidget, parent: QWidget | None = None) -> bool:
        """Disable ``widgets`` with the reason as their tooltip when the signed-in role may not
        use ``name``; with ``parent``, also say the reason (a click that got through, a
        double-click).  Whether it was refused."""
        reason = self.refusal(name)
        if reason is None:
            return False
        for w in widgets:
            w.setEnabled(False)
            w.setToolTip(reason)
        if parent is not None:
            prompts.tell(parent, QCoreApplication.translate("Role", "需要主管權限"), reason)
        return True

    def operator(self, parent: QWidget | None = None) -> str | None:
        """The name recorded on history: the signed-in login on a server; on SQLite the name
        kept in QSettings, else the computer account's, else asked (the owner's shared login
        on a server too, as before people had logins of their own).  None if the clerk cancels."""
        if self.is_person():
            return self.signed_in.login
        name = str(OPERATOR.read(self.settings)).strip() or computer_account()
        if name:
            return name
        name = self.ask_operator(parent)
        if name is None:
            self.say(self.tr("未設定操作人員，動作沒有執行：每一筆訂單歷程都要記錄是誰做的。"))
        return name

    def operator_shown(self) -> str:
        """The operator as the status bar shows it."""
        if self.is_person():
            role = QCoreApplication.translate("Role", self.signed_in.role.label)
            return f"{self.signed_in.shown()}［{role}］"
        return str(OPERATOR.read(self.settings)).strip() or computer_account()

    def ask_operator(self, parent: QWidget | None = None) -> str | None:
        """Ask for the clerk's name until one is given: an empty name is not taken silently,
        the clerk is told why and asked again.  None only when the clerk cancels."""
        current = str(OPERATOR.read(self.settings)) or computer_account()
        while True:
            name = prompts.text(
                parent,
                self.tr("操作人員"),
                self.tr("請輸入您的姓名（會記錄在每一筆訂單歷程）："),
                current,
            )
            if name is None:
                return None
            name = name.strip()
            if name:
                self.set_operator(name)
                return name
            prompts.tell(parent, self.tr("操作人員"),
                         self.tr("姓名不能空白：每一筆訂單歷程都要記錄是誰做的。請輸入您的姓名，或按【取消】不執行。"))

    def set_operator(self, name: str) -> None:
        OPERATOR.write(self.settings, name.strip())
        self.operator_changed.emit(name.strip())

    def say(self, text: str) -> None:
        self.said.emit(text)

    def announce(self, changes: OpChanges) -> None:
        if not isinstance(changes, OpChanges):
            raise TypeError(f"announce wants an OpChanges, not {type(changes).__name__}")
        self.changed.emit(changes)
