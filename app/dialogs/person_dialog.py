"""新增使用者: a person's login (帳號), name (姓名), role (角色) and password, typed twice and
never shown.  Returns a ``PersonInput``; it never saves (the people page's runner does)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from app.domain.people import PersonInput, Role, check_person
from app.widgets.hints import hint

from .form import FormDialog


class PersonDialog(FormDialog):
    def __init__(self, parent=None, initial: PersonInput | None = None):
        super().__init__(self.tr("新增使用者"), self.tr("新增"), parent)
        intro = QLabel(self.tr("在資料庫伺服器上建立這個人自己的登入帳號。店員可處理訂單、登錄付款、"
                               "提出退訂申請與匯出；主管另可審核取消申請、退貨退款、管理付款與送貨方式及使用者。"), self)
        intro.setWordWrap(True)
        self.top.addWidget(intro)
        self.login_edit = QLineEdit(self)
        hint(self.login_edit, self.tr("例：wang（小寫英文字母、數字、底線）"))
        self.name_edit = QLineEdit(self)
        hint(self.name_edit, self.tr("例：王小明"))
        self.role_box = QComboBox(self)
        for role in (Role.CLERK, Role.SUPERVISOR):
            self.role_box.addItem(QCoreApplication.translate("Role", role.label), role.value)
        self.password_edit = QLineEdit(self)
        self.confirm_edit = QLineEdit(self)
        for edit in (self.password_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("login", self.tr("帳號"), self.login_edit)
        self.add_field("display_name", self.tr("姓名"), self.name_edit)
        self.add_field("role", self.tr("角色"), self.role_box)
        self.add_field("password", self.tr("密碼"), self.password_edit)
        self.add_field("confirm", self.tr("再輸入一次密碼"), self.confirm_edit)
        if initial is not None:  # reopened after the server refused: the input again, no password
            self.login_edit.setText(initial.login)
            self.name_edit.setText(initial.display_name)
            self.role_box.setCurrentIndex(max(self.role_box.findData(initial.role.value), 0))

    def collect(self) -> PersonInput:
        return check_person(self.login_edit.text(), self.name_edit.text(),
                            self.role_box.currentData(), self.password_edit.text(),
                            self.confirm_edit.text())

    @classmethod
    def ask(cls, parent, initial: PersonInput | None = None, error=None) -> PersonInput | None:
        return cls(parent, initial).answer(error=error)
