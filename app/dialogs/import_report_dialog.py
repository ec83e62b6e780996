"""The import's check, shown before anything is written: what would be imported, what is
skipped as already imported, and every bad row by sheet, row, column and reason.

``ImportReportDialog.ask(parent, plan) -> bool``: True when the clerk accepts importing the
good rows.  It never saves (the caller runs the import)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .form import ERROR_STYLE

#: More bad rows than this are counted but not listed (a table of 100,000 rows helps no one).
MAX_LISTED = 2000
#: Rows imported with a warning (造字) listed under the table; the rest are counted.
MAX_WARNINGS = 5


class ImportReportDialog(QDialog):
    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.setObjectName("import_report")
        self.setWindowTitle(self.tr("匯入檢查結果"))
        self.setMinimumSize(720, 420)
        translate = QCoreApplication.translate
        lay = QVBoxLayout(self)
        file_label = QLabel(self.tr("檔案：{0}").format(plan.path), self)
        file_label.setWordWrap(True)
        lay.addWidget(file_label)
        self.summary = QLabel(plan.summary(translate), self)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("bad_rows")
        if plan.bad:
            head = QLabel(self.tr("以下 {0:,} 列有錯誤，不會匯入：").format(len(plan.bad)), self)
            head.setStyleSheet(ERROR_STYLE)
            lay.addWidget(head)
            self.table.setHorizontalHeaderLabels(
                [self.tr("工作表"), self.tr("列"), self.tr("欄位"), self.tr("原因")])
            shown = plan.bad[:MAX_LISTED]
            self.table.setRowCount(len(shown))
            for r, issue in enumerate(shown):
                row_item = QTableWidgetItem()
                row_item.setData(Qt.ItemDataRole.DisplayRole, issue.row)
                for c, item in enumerate((QTableWidgetItem(issue.sheet), row_item,
                                          QTableWidgetItem(issue.column),
                                          QTableWidgetItem(issue.message(translate)))):
                    self.table.setItem(r, c, item)
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.table.verticalHeader().hide()
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            self.table.setColumnWidth(0, 120)
            self.table.setColumnWidth(1, 60)
            self.table.setColumnWidth(2, 100)
            lay.addWidget(self.table, 1)
            if len(plan.bad) > MAX_LISTED:
                lay.addWidget(QLabel(self.tr("只列出前 {0:,} 列。").format(MAX_LISTED), self))
        else:
            self.table.hide()
            lay.addStretch(1)

        warnings = plan.warnings
        self.warnings = QLabel(self)
        self.warnings.setObjectName("import_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if warnings:
            # The reason once, then where: sheet:row [column] 「the cell」.
            lines = [f"{w.sheet}:{w.row} [{w.column}] 「{w.params.get('value', '')}」"
                     for w in warnings[:MAX_WARNINGS]]
            if len(warnings) > MAX_WARNINGS:
                lines.append(self.tr("……另有 {0:,} 列。").format(len(warnings) - MAX_WARNINGS))
            self.warnings.setText(self.tr(
                "以下 {0:,} 列含有造字（使用者自訂字），會照 Windows 的讀法匯入；在沒有同樣造字檔的"
                "電腦上可能顯示成方塊或空白，請核對：").format(len(warnings)) + "\n" + "\n".join(lines))
            lay.addWidget(self.warnings)
        else:
            self.warnings.hide()

        if plan.good:
            text = self.tr("按「匯入」會在一次交易中寫入上面正確的 {0:,} 筆資料；有錯誤的列不會寫入。"
                           ).format(plan.good)
        elif plan.skipped and not plan.bad:
            text = self.tr("檔案中的資料都已匯入過，沒有新的資料。")
        else:
            text = self.tr("沒有可以匯入的資料，什麼都不會寫入。")
        self.note = QLabel(text, self)
        self.note.setObjectName("import_note")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)

        self.buttons = QDialogButtonBox(self)
        self.import_button: QPushButton | None = None
        if plan.good:
            self.import_button = self.buttons.addButton(
                self.tr("匯入 {0:,} 筆").format(plan.good), QDialogButtonBox.ButtonRole.AcceptRole)
            self.import_button.setObjectName("button_import")
            cancel = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            cancel = self.buttons.addButton(self.tr("關閉"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("button_cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent, plan) -> bool:
        """True when the clerk accepts importing the plan's good rows."""
        dialog = cls(plan, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted and bool(plan.good)
        finally:
            dialog.deleteLater()
