"""新增物流業者 / 修改物流業者 (issue 12): the carrier's name (名稱, required, unique among the
active carriers), its tracking page's address (查件網址, ``{tracking_no}`` where the number
goes; may be empty) and a description.  Returns a ``CarrierInput``; it never saves."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLineEdit, QWidget

from app.services.methods import CarrierInput, CarrierRow
from app.widgets.hints import hint

from .method_form import MethodDialog


class CarrierDialog(MethodDialog):
    def __init__(self, parent: QWidget | None = None, existing: CarrierRow | None = None, *,
                 taken_titles: Iterable[str] = ()):
        super().__init__(parent, existing, taken_titles, (self.tr("新增物流業者"), self.tr("修改物流業者")),
                         (self.tr("新增"), self.tr("修改")),
                         (self.tr("例如：黑貓宅急便"), self.tr("例如：每天下午四點收件。")), 70)
        self.setMinimumWidth(560)
        self.url_edit = QLineEdit(existing.tracking_url if existing is not None else "")
        self.url_edit.setMaxLength(300)
        hint(self.url_edit, "https://www.t-cat.com.tw/inquire/trace.aspx?no={tracking_no}")
        self.url_edit.setToolTip(self.tr("貨運單號的位置寫成 {tracking_no}；留空表示沒有查件網頁。"))
        self.add_field("title", self.tr("名稱"), self.title_edit)
        self.add_field("tracking_url", self.tr("查件網址"), self.url_edit)
        self.add_field("description", self.tr("說明"), self.description_edit)

    def collect(self) -> CarrierInput:
        raw = CarrierInput(self.title_edit.text(), self.url_edit.text(),
                           self.description_edit.toPlainText())
        return raw.validated(self._taken)
