"""資料庫連線: where this desk's OrderDesk keeps its data — a file here, or a shared server."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.services.connection import DEFAULT_PORTS, ConnectionSettings, try_connection
from app.services.credentials import (
    KeychainUnavailable,
    redact,
    remember_secret,
    store_password,
    stored_password,
)

from .form import FormDialog


class ConnectionDialog(FormDialog):
    def __init__(self, current_url: str = "", parent=None):
        super().__init__(QCoreApplication.translate("ConnectionDialog", "資料庫連線"),
                         QCoreApplication.translate("ConnectionDialog", "連線"), parent)
        current = ConnectionSettings.from_url(current_url)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("這台電腦上的檔案（SQLite，一位店員）"), "sqlite")
        self.kind.addItem(self.tr("PostgreSQL 伺服器（多位店員共用）"), "postgresql")
        self.kind.addItem(self.tr("MariaDB / MySQL 伺服器（多位店員共用）"), "mysql")
        self.add_field("kind", self.tr("資料庫種類"), self.kind)

        path_row = QWidget(self)
        pl = QHBoxLayout(path_row)
        pl.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit(current.path, path_row)
        self.path.setObjectName("path_edit")
        browse = QPushButton(self.tr("瀏覽…"), path_row)
        browse.clicked.connect(self._browse)
        pl.addWidget(self.path, 1)
        pl.addWidget(browse)
        self.add_field("path", self.tr("資料庫檔案"), path_row)

        self.host = self.add_field("host", self.tr("伺服器位址"), QLineEdit(current.host, self))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(current.port or DEFAULT_PORTS.get(current.kind, 5432))
        self.add_field("port", self.tr("連接埠"), self.port)
        self.database = self.add_field("database", self.tr("資料庫名稱"), QLineEdit(current.database, self))
        self.user = self.add_field("user", self.tr("帳號"), QLineEdit(current.user, self))
        self.password = QLineEdit(current.password or stored_password(current_url), self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("password", self.tr("密碼"), self.password)
        self.sslmode = QComboBox(self)
        for mode in ("", "prefer", "require", "verify-full", "disable"):
            self.sslmode.addItem(mode or self.tr("（預設）"), mode)
        self.sslmode.setCurrentIndex(max(self.sslmode.findData(current.sslmode), 0))
        self.add_field("sslmode", self.tr("TLS 加密（sslmode）"), self.sslmode)

        test_row = QWidget(self)
        tl = QHBoxLayout(test_row)
        tl.setContentsMargins(0, 0, 0, 0)
        self.test_button = QPushButton(self.tr("測試連線"), test_row)
        self.test_button.setObjectName("test_connection")
        self.test_result = QLabel(test_row)
        self.test_result.setObjectName("test_result")
        self.test_result.setWordWrap(True)
        tl.addWidget(self.test_button)
        tl.addWidget(self.test_result, 1)
        self.form.addRow("", test_row)
        self.test_button.clicked.connect(self.test_connection)

        note = QLabel(self.tr("這個設定只存在這台電腦上。變更後 OrderDesk 會重新開啟資料。"), self)
        note.setWordWrap(True)
        self.top.addWidget(note)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(max(self.kind.findData(current.kind), 0))
        self._kind_changed()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("資料庫檔案"), self.path.text(), self.tr("SQLite 資料庫 (*.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path.setText(path)

    def _kind_changed(self, *_args) -> None:
        kind = self.kind.currentData()
        server = kind != "sqlite"
        for name in ("host", "port", "database", "user", "password", "sslmode"):
            self.form.setRowVisible(self.fields[name].parentWidget(), server)
        self.form.setRowVisible(self.fields["path"].parentWidget(), not server)
        self.form.setRowVisible(self.fields["sslmode"].parentWidget(), kind == "postgresql")
        if server and self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[kind])
        self.adjustSize()

    def settings(self) -> ConnectionSettings:
        kind = self.kind.currentData()
        return ConnectionSettings(
            kind, path=self.path.text(), host=self.host.text(), port=self.port.value(),
            database=self.database.text(), user=self.user.text(), password=self.password.text(),
            sslmode=self.sslmode.currentData() if kind == "postgresql" else "",
        )

    def collect(self) -> str:
        return self.settings().url()

    def test_connection(self) -> bool:
        self.clear_errors()
        try:
            url = self.collect()
        except Exception as err:  # noqa: BLE001
            from app.domain.errors import DomainError

            if isinstance(err, DomainError):
                self.show_error(err)
                return False
            raise
        remember_secret(self.password.text())  # hidden from the driver's error text too
        try:
            version = try_connection(url)
        except Exception as exc:  # noqa: BLE001 - the driver's words, shown as they are
            self.test_result.setStyleSheet("color: #c62828;")
            self.test_result.setText(self.tr("連線失敗：{0}").format(redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)))
            return False
        self.test_result.setStyleSheet("color: #2e7d32;")
        self.test_result.setText(self.tr("連線成功：{0}").format(version))
        return True

    def accept(self) -> None:
        """The password goes to the system keychain; the URL is saved without it (main.py)."""
        super().accept()
        s = self.settings()
        if self.result() == self.DialogCode.Accepted and s.kind != "sqlite" and s.user.strip() and s.password:
            try:
                store_password(self.value, s.password)
            except KeychainUnavailable as exc:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self.parentWidget(), self.windowTitle(), self.tr(
                    "無法把密碼存入系統的鑰匙圈（{0}）。這次用它連線，但不會記住；下次開啟時會再詢問。").format(exc))

    @classmethod
    def ask(cls, parent, current_url: str = "") -> str | None:
        """The connection URL the clerk chose, or None if cancelled."""
        return cls(current_url, parent).answer()
