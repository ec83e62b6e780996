"""The 付款方式 and 送貨方式 pages (docs/PRODUCT.md §5, §6).

A table of the shop's methods in display order, a check box at the left of each row,
【新增付款方式】 / 【新增送貨方式】 at the top right, 【修改】 on each row, 【刪除】 for the ticked rows
(a method that orders refer to is archived instead), 上移 / 下移 for the display order, and a
顯示已封存 switch that shows archived methods with 【還原】.  Every change goes through
``app.services.methods``; the page never imports peewee.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dialogs.carrier_dialog import CarrierDialog
from app.dialogs.payment_method_dialog import PaymentMethodDialog
from app.dialogs.shipping_method_dialog import ShippingMethodDialog
from app.domain.money import format_ntd
from app.services import methods as svc
from app.services.op_changes import OpChanges

from . import prompts
from .runner import Runner
from .session import Session
from .stale import ReloadsWhenShown

# ---------------------------------------------------------------- the table model


class Col(IntEnum):
    """Every column either page may show (each page picks its own, in order)."""

    CHECK = 0
    TITLE = 1
    FEE = 2
    FREE_THRESHOLD = 3
    DESCRIPTION = 4
    STATUS = 5
    ACTIONS = 6
    TRACKING_URL = 7


HEADERS = {
    Col.CHECK: QT_TRANSLATE_NOOP("MethodsTableModel", "選取"),
    Col.TITLE: QT_TRANSLATE_NOOP("MethodsTableModel", "標題"),
    Col.FEE: QT_TRANSLATE_NOOP("MethodsTableModel", "運費"),
    Col.FREE_THRESHOLD: QT_TRANSLATE_NOOP("MethodsTableModel", "免運費條件"),
    Col.DESCRIPTION: QT_TRANSLATE_NOOP("MethodsTableModel", "說明"),
    Col.STATUS: QT_TRANSLATE_NOOP("MethodsTableModel", "狀態"),
    Col.ACTIONS: QT_TRANSLATE_NOOP("MethodsTableModel", "操作"),
    Col.TRACKING_URL: QT_TRANSLATE_NOOP("MethodsTableModel", "查件網址"),
}

ARCHIVED_BRUSH = QBrush(QColor("#8a8a8a"))


class MethodsTableModel(QAbstractTableModel):
    """Rows are the services' plain rows (``PaymentMethodRow`` / ``ShippingMethodRow``).
    The first column is checkable on active rows; the ticked ids survive a refresh."""

    def __init__(self, columns: list[Col], title_header: str, parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._title_header = title_header
        self._rows: list = []
        self._checked: set[int] = set()

    # -------------------------------------------------------- data in and out

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        tickable = {r.id for r in self._rows if not r.archived}
        self._checked &= tickable
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list:
        return list(self._rows)

    def row_of(self, method_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == method_id), -1)

    def checked_rows(self) -> list:
        return [r for r in self._rows if r.id in self._checked]

    def clear_checks(self) -> None:
        if self._checked:
            self._checked.clear()
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, 0), [Qt.CheckStateRole]
                )

    def column_of(self, col: Col) -> int:
        return self.columns.index(col) if col in self.columns else -1

    # -------------------------------------------------------- Qt

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.DisplayRole:
            if col == Col.TITLE:
                return self._title_header
            return QCoreApplication.translate("MethodsTableModel", HEADERS[col])
        if role == Qt.ToolTipRole and col == Col.CHECK:
            return QCoreApplication.translate("MethodsTableModel", "勾選要刪除的項目")
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        r = self._rows[index.row()]
        if self.columns[index.column()] == Col.CHECK and not r.archived:
            f |= Qt.ItemIsUserCheckable
        return f

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.CheckStateRole and col == Col.CHECK and not r.archived:
            return Qt.Checked if r.id in self._checked else Qt.Unchecked
        if role == Qt.DisplayRole:
            return self._display(r, col)
        if role == Qt.ToolTipRole:
            if col == Col.DESCRIPTION and r.description:
                return r.description
            if col == Col.STATUS and r.in_use:
                return QCoreApplication.translate(
                    "MethodsTableModel", "已有訂單使用：刪除時會改為封存，訂單保留原名稱。"
                )
            return None
        if role == Qt.TextAlignmentRole and col in (Col.FEE, Col.FREE_THRESHOLD):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and r.archived:
            return ARCHIVED_BRUSH
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid() or role != Qt.CheckStateRole:
            return False
        if self.columns[index.column()] != Col.CHECK:
            return False
        r = self._rows[index.row()]
        if r.archived:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        if state == Qt.Checked.value:
            self._checked.add(r.id)
        else:
            self._checked.discard(r.id)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True

    def _display(self, r, col: Col):
        translate = QCoreApplication.translate
        if col == Col.TITLE:
            return r.title
        if col == Col.FEE:
            return format_ntd(r.fee)
        if col == Col.FREE_THRESHOLD:
            if r.free_threshold is None:
                return translate("MethodsTableModel", "不提供免運")
            return translate("MethodsTableModel", "滿 {amount} 免運").format(amount=format_ntd(r.free_threshold))
        if col == Col.DESCRIPTION:
            return " ".join(r.description.split())
        if col == Col.TRACKING_URL:
            return r.tracking_url
        if col == Col.STATUS:
            if r.archived:
                return translate("MethodsTableModel", "已封存")
            return translate("MethodsTableModel", "啟用")
        return None


# ---------------------------------------------------------------- the page


class MethodsPage(ReloadsWhenShown, QWidget):
    """What the two pages share.  Subclasses give the kind, the columns, the texts and the dialog;
    the service functions are the kind's ``MethodBook``."""

    KIND = ""  # svc.PAYMENT, svc.SHIPPING or svc.CARRIER: the methods this page shows
    DIALOG = None  # its add/edit form class (with ``ask``)
    columns: list[Col] = []

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.runner = Runner(self, session, refresh=self.reload, refresh_when_invalid=True)
        texts = self.texts()

        heading = QLabel(texts["heading"])
        heading.setObjectName("heading")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.add_button = QPushButton(texts["add"])
        self.add_button.setObjectName("add")

        self.delete_button = QPushButton(self.tr("刪除"))
        self.delete_button.setObjectName("delete")
        self.delete_button.setToolTip(self.tr("刪除勾選的項目；已有訂單使用的會改為封存"))
        self.up_button = QPushButton(self.tr("上移"))
        self.up_button.setObjectName("up")
        self.down_button = QPushButton(self.tr("下移"))
        self.down_button.setObjectName("down")
        for b in (self.up_button, self.down_button):
            b.setToolTip(self.tr("調整選取列的顯示順序（即商店前台列出的順序）"))
        self.archived_switch = QCheckBox(self.tr("顯示已封存"))
        self.archived_switch.setObjectName("show_archived")

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = MethodsTableModel(self.columns, texts["title_header"], self)
        self.view = QTableView()
        self.view.setObjectName("table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setStyleSheet("QTableView::item { padding-left: 4px; padding-right: 6px; }")
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.add_button)
        tools = QHBoxLayout()
        tools.addWidget(self.delete_button)
        tools.addSpacing(12)
        tools.addWidget(self.up_button)
        tools.addWidget(self.down_button)
        tools.addStretch(1)
        tools.addWidget(self.archived_switch)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(tools)
        lay.addWidget(self.message)
        lay.addWidget(self.view, 1)

        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete_checked)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.archived_switch.toggled.connect(lambda _on: self.reload())
        self.model.dataChanged.connect(lambda *_: self._update_buttons())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(self._double_clicked)
        session.changed.connect(self._on_session_changed)
        self.reload()

    # What each subclass gives: KIND, DIALOG (its add/edit form) and texts() -> dict of its
    # labels.  The service is the kind's MethodBook.

    def ask(self, existing, taken_titles):
        """The kind's form, filled with ``existing`` (None: a new one); its input or None."""
        return self.DIALOG.ask(self, existing, taken_titles=taken_titles)

    def list_rows(self, include_archived: bool) -> list:
        return svc.BOOKS[self.KIND].list(include_archived=include_archived)

    def service(self, action: str) -> Callable:
        """The kind's action ("add", "edit", "delete", "restore" or "move")."""
        return getattr(svc.BOOKS[self.KIND], action)

    # -------------------------------------------------------- reload

    def reload(self) -> None:
        """Reload from the database, keeping the ticks, the selection and the scroll."""
        self._stale = False
        current = self.model.row_at(self.view.currentIndex().row())
        current_id = current.id if current else None
        self.model.set_rows(self.list_rows(self.archived_switch.isChecked()))
        self.view.setColumnHidden(
            self.model.column_of(Col.STATUS), not self.archived_switch.isChecked()
        )
        self._make_row_buttons()
        self._fit_columns()
        if current_id is not None:
            self.select_id(current_id)
        self._update_buttons()

    def _on_session_changed(self, change: OpChanges) -> None:
        if not (change.everything or change.imported or self.KIND in change.methods):
            return  # order and cancellation actions do not change the methods
        self.reload_or_mark_stale()

    def _make_row_buttons(self) -> None:
        col = self.model.column_of(Col.ACTIONS)
        for row, r in enumerate(self.model.rows()):
            cell = QWidget()
            lay = QHBoxLayout(cell)
            lay.setContentsMargins(4, 1, 4, 1)
            lay.setSpacing(4)
            edit = QPushButton(self.tr("修改"))
            edit.setObjectName("edit")
            edit.clicked.connect(lambda _c=False, mid=r.id: self.edit(mid))
            lay.addWidget(edit)
            if r.archived:
                restore = QPushButton(self.tr("還原"))
                restore.setObjectName("restore")
                restore.clicked.connect(lambda _c=False, mid=r.id: self.restore(mid))
                lay.addWidget(restore)
            lay.addStretch(1)
            self.session.refuse("methods", *cell.findChildren(QPushButton))
            self.view.setIndexWidget(self.model.index(row, col), cell)

    def _fit_columns(self) -> None:
        """Each column as wide as its widest cell plus some air; the description takes the rest."""
        header = self.view.horizontalHeader()
        for i, col in enumerate(self.model.columns):
            if col == Col.DESCRIPTION:
                header.setSectionResizeMode(i, QHeaderView.Stretch)
                continue
            header.setSectionResizeMode(i, QHeaderView.Interactive)
            self.view.resizeColumnToContents(i)
            if col not in (Col.CHECK, Col.ACTIONS):
                header.resizeSection(i, header.sectionSize(i) + 12)
        self.view.resizeRowsToContents()

    def select_id(self, method_id: int) -> None:
        row = self.model.row_of(method_id)
        if row < 0:
            return
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, self.model.column_of(Col.TITLE)),
            QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows,
        )

    def row_buttons(self, method_id: int) -> QWidget | None:
        """The cell holding a row's 【修改】 (and 【還原】) buttons."""
        row = self.model.row_of(method_id)
        if row < 0:
            return None
        return self.view.indexWidget(self.model.index(row, self.model.column_of(Col.ACTIONS)))

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.model.checked_rows()))
        r = self.model.row_at(self.view.currentIndex().row())
        active = [x.id for x in self.model.rows() if not x.archived]
        movable = r is not None and not r.archived
        self.up_button.setEnabled(movable and active.index(r.id) > 0)
        self.down_button.setEnabled(movable and active.index(r.id) < len(active) - 1)
        self.session.refuse("methods", self.add_button, self.delete_button, self.up_button,
                            self.down_button)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -------------------------------------------------------- actions

    def _run(self, call: Callable, ask: Callable | None = None):
        """The runner with this page's title for refusals (無法完成) and its kind of change;
        ``call(value, operator)``.  The service's result, or None."""
        if self.session.refuse("methods", parent=self):
            return None
        return self.runner.run(self.tr("無法完成"), call, ask=ask,
                               changes=lambda _result: OpChanges.of_methods(self.KIND))

    def _taken_titles(self, except_id: int | None = None) -> list[str]:
        return [r.title for r in self.list_rows(False) if r.id != except_id]

    def add(self) -> None:
        row = self._run(lambda value, op: self.service("add")(value, operator=op),
                        ask=lambda *_: self.ask(None, self._taken_titles()))
        if row is not None:
            self.select_id(row.id)
            self._say(self.texts()["added"].format(title=row.title))

    def edit(self, method_id: int) -> None:
        existing = next((r for r in self.model.rows() if r.id == method_id), None)
        if existing is None:
            return
        taken = [] if existing.archived else self._taken_titles(method_id)
        row = self._run(lambda value, op: self.service("edit")(
                            method_id, value, operator=op, expected_version=existing.version),
                        ask=lambda *_: self.ask(existing, taken))
        if row is not None:
            self.select_id(row.id)
            self._say(self.texts()["edited"].format(title=row.title))

    def delete_checked(self) -> None:
        rows = self.model.checked_rows()
        if not rows:
            return
        texts = self.texts()
        lines = []
        for r in rows:
            if r.in_use:
                lines.append(self.tr("・{title}（已有訂單使用，將改為封存）").format(title=r.title))
            else:
                lines.append(self.tr("・{title}").format(title=r.title))
        text = texts["confirm"].format(count=len(rows)) + "\n\n" + "\n".join(lines)
        if any(r.in_use for r in rows):
            text += "\n\n" + texts["confirm_archive"]
        ids = [r.id for r in rows]
        versions = {r.id: r.version for r in rows}  # a method changed since is refused

        def ask(*_):
            return ids if prompts.confirm(self, texts["confirm_title"], text, yes=self.tr("刪除"),
                                          no=self.tr("取消"), destructive=True) else None

        result = self._run(lambda value, op: self.service("delete")(
            value, operator=op, expected_versions=versions), ask=ask)
        if result is None:
            return
        self.model.clear_checks()
        self._update_buttons()
        parts = []
        if result.deleted:
            parts.append(self.tr("已刪除：{titles}。").format(titles="、".join(result.deleted)))
        if result.archived:
            parts.append(
                self.tr("已封存（仍有訂單使用，訂單保留原名稱）：{titles}。可勾選「顯示已封存」後還原。").format(
                    titles="、".join(result.archived)
                )
            )
        self._say("".join(parts))

    def restore(self, method_id: int) -> None:
        existing = next((r for r in self.model.rows() if r.id == method_id), None)
        version = existing.version if existing else None
        row = self._run(lambda _value, op: self.service("restore")(
            method_id, operator=op, expected_version=version))
        if row is not None:
            self.select_id(row.id)
            self._say(self.tr("已還原：{title}。").format(title=row.title))

    def move_current(self, step: int) -> None:
        r = self.model.row_at(self.view.currentIndex().row())
        if r is None or r.archived:
            return
        moved = self._run(lambda _value, op: self.service("move")(r.id, step, operator=op))
        if moved is not None:
            self.select_id(r.id)

    def _double_clicked(self, index) -> None:
        r = self.model.row_at(index.row())
        if r is not None and self.model.columns[index.column()] != Col.CHECK:
            self.edit(r.id)


class PaymentMethodsPage(MethodsPage):
    """付款方式 (金流)."""

    KIND = svc.PAYMENT
    DIALOG = PaymentMethodDialog
    columns = [Col.CHECK, Col.TITLE, Col.DESCRIPTION, Col.STATUS, Col.ACTIONS]

    def texts(self) -> dict[str, str]:
        return {
            "heading": self.tr("付款方式"),
            "add": self.tr("新增付款方式"),
            "title_header": self.tr("付款標題"),
            "added": self.tr("已新增付款方式：{title}。"),
            "edited": self.tr("已修改付款方式：{title}。既有訂單保留原本的付款方式名稱。"),
            "confirm_title": self.tr("刪除付款方式"),
            "confirm": self.tr("確定要刪除下列 {count} 個付款方式？"),
            "confirm_archive": self.tr(
                "已有訂單使用的付款方式不會真的刪除：改為封存，新訂單不能再選，"
                "既有訂單保留原名稱；可在「顯示已封存」中還原。"
            ),
        }


class ShippingMethodsPage(MethodsPage):
    """送貨方式 (物流)."""

    KIND = svc.SHIPPING
    DIALOG = ShippingMethodDialog
    columns = [
        Col.CHECK, Col.TITLE, Col.FEE, Col.FREE_THRESHOLD, Col.DESCRIPTION, Col.STATUS, Col.ACTIONS,
    ]

    def texts(self) -> dict[str, str]:
        return {
            "heading": self.tr("送貨方式"),
            "add": self.tr("新增送貨方式"),
            "title_header": self.tr("送貨標題"),
            "added": self.tr("已新增送貨方式：{title}。"),
            "edited": self.tr("已修改送貨方式：{title}。既有訂單保留原本的送貨方式名稱與運費。"),
            "confirm_title": self.tr("刪除送貨方式"),
            "confirm": self.tr("確定要刪除下列 {count} 個送貨方式？"),
            "confirm_archive": self.tr(
                "已有訂單使用的送貨方式不會真的刪除：改為封存，新訂單不能再選，"
                "既有訂單保留原名稱與運費；可在「顯示已封存」中還原。"
            ),
        }


class CarriersPage(MethodsPage):
    """物流業者 (issue 12): the carriers the ship dialog offers, each with its tracking page."""

    KIND = svc.CARRIER
    DIALOG = CarrierDialog
    columns = [Col.CHECK, Col.TITLE, Col.TRACKING_URL, Col.DESCRIPTION, Col.STATUS, Col.ACTIONS]

    def texts(self) -> dict[str, str]:
        return {
            "heading": self.tr("物流業者"),
            "add": self.tr("新增物流業者"),
            "title_header": self.tr("名稱"),
            "added": self.tr("已新增物流業者：{title}。"),
            "edited": self.tr("已修改物流業者：{title}。已出貨的訂單保留原本的物流業者名稱。"),
            "confirm_title": self.tr("刪除物流業者"),
            "confirm": self.tr("確定要刪除下列 {count} 個物流業者？"),
            "confirm_archive": self.tr("已出貨的訂單保留原本的物流業者名稱。"),
        }


__all__ = [
    "CarriersPage",
    "Col",
    "MethodsTableModel",
    "PaymentMethodsPage",
    "ShippingMethodsPage",
]
