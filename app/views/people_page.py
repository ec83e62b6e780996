"""使用者管理 (設定 → 使用者管理…, on a server): the people who sign in, with their login,
name, role and whether they may still sign in; a supervisor adds one (新增使用者…) or disables
one (停用): the server creates or locks the login, and a disabled person's history stays.
Through the views' ``Runner``, as every action; a clerk's window has the buttons disabled and
says why."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.dialogs.person_dialog import PersonDialog
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import people as svc
from app.services import shop_clock
from app.services.op_changes import OpChanges
from app.widgets.buttons import push_button
from app.widgets.tables import rows_table, show_rows

from . import prompts
from .runner import Runner


class PeoplePage(QDialog):
    COLUMNS = (QT_TRANSLATE_NOOP("PeoplePage", "帳號"), QT_TRANSLATE_NOOP("PeoplePage", "姓名"),
               QT_TRANSLATE_NOOP("PeoplePage", "角色"), QT_TRANSLATE_NOOP("PeoplePage", "狀態"),
               QT_TRANSLATE_NOOP("PeoplePage", "建立時間"), QT_TRANSLATE_NOOP("PeoplePage", "建立者"))

    def __init__(self, session, parent=None, *, load=svc.list_people):
        super().__init__(parent)
        self.session = session
        self.load = load  # the people shown (the tour gives samples)
        self.setWindowTitle(self.tr("使用者管理"))
        self.setObjectName("people_page")
        self.resize(760, 420)
        self.runner = Runner(self, session, refresh=self.reload)
        intro = QLabel(self.tr("每位店員用自己的資料庫帳號登入；訂單歷程記錄的是登入的帳號，由資料庫寫入。"
                               "停用的帳號不能再登入，他的歷程紀錄保留不變。"), self)
        intro.setWordWrap(True)
        self.table = rows_table(self, "people_table", [self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.add_button = push_button(self, self.tr("新增使用者…"), "button_add_person", self.add)
        self.disable_button = push_button(self, self.tr("停用"), "button_disable_person",
                                          self.disable)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        close = QPushButton(self.tr("關閉"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.disable_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(buttons)
        lay.addWidget(self.table)
        self.rows: list[svc.PersonRow] = []
        self.reload()

    def reload(self) -> None:
        self.rows = self.load()

        def texts(p: svc.PersonRow) -> tuple[str, ...]:
            state = self.tr("可登入") if p.active else self.tr("已停用")
            when = shop_clock.to_local(p.created_at).strftime("%Y-%m-%d %H:%M")
            role = QCoreApplication.translate("Role", p.role.label)
            return p.login, p.display_name, role, state, when, p.created_by

        show_rows(self.table, [texts(p) for p in self.rows])
        self._update_buttons()

    def selected(self) -> svc.PersonRow | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.rows[rows.pop()] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        p = self.selected()
        self.add_button.setEnabled(True)
        self.disable_button.setEnabled(p is not None and p.active)
        self.session.refuse("people", self.add_button, self.disable_button)

    def add(self) -> None:
        if self.session.refuse("people", parent=self):
            return
        row = self.runner.run(self.tr("新增使用者"), lambda value, _op: svc.add_person(value),
                              ask=lambda initial, error: PersonDialog.ask(self, initial, error),
                              reopen=True, changes=lambda _r: OpChanges())
        if row is not None:
            self.reload()

    def disable(self) -> None:
        p = self.selected()
        if p is None or self.session.refuse("people", parent=self):
            return
        if not prompts.confirm(self, self.tr("停用"),
                               self.tr("停用 {0}（{1}）？這個帳號將不能再登入，歷程紀錄保留不變。").format(
                                   p.display_name, p.login),
                               yes=self.tr("停用"), no=self.tr("取消"), destructive=True):
            return
        self.runner.run(self.tr("停用"), lambda _v, _op: svc.disable_person(p.login),
                        changes=lambda _r: OpChanges())
        self.reload()
