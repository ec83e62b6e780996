"""Named views of a status page: the search, the filters and the sort, saved on this desk.

A view is kept in QSettings (``settings_keys.saved_views``, a map of name to view): what
``FilterBar.values()`` gives (dates as ISO text), with the sort key and direction.  Choosing a
view in the box applies it to every tab of the page; 【儲存檢視】 saves what is shown under a
name (the same name replaces it), 【刪除檢視】 removes the view chosen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.widgets.buttons import push_button

from . import prompts
from . import settings_keys as keys


def _encode(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def _decode(values: dict) -> dict:
    out = dict(values)
    for k in ("date_from", "date_to"):
        if out.get(k):
            out[k] = date.fromisoformat(out[k])
    return out


def read_views(settings, page: str) -> dict[str, dict]:
    """The page's saved views by name (none when the stored text is not a view list)."""
    views = keys.saved_views(page).read(settings)
    return {str(k): v for k, v in views.items() if isinstance(v, dict)} if isinstance(views, dict) else {}


def write_views(settings, page: str, views: dict[str, dict]) -> None:
    keys.saved_views(page).write(settings, views)


class SavedViews(QWidget):
    """The 檢視 box and its two buttons, over ``page`` (a ``StatusTabsPage``)."""

    def __init__(self, page, parent=None):
        super().__init__(parent)
        self.page = page
        self.settings = page.session.settings
        self.key = page.SPEC.settings_key
        self.box = QComboBox(self)
        self.box.setObjectName("saved_views")
        self.box.setMinimumContentsLength(10)
        self.box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.box.activated.connect(self._chosen)
        label = QLabel(self.tr("檢視(&V)"), self)
        label.setBuddy(self.box)
        self.save_button = push_button(self, self.tr("儲存檢視…"), "save_view", self.save_current)
        self.delete_button = push_button(self, self.tr("刪除檢視"), "delete_view",
                                         self.delete_current)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(label)
        lay.addWidget(self.box)
        lay.addWidget(self.save_button)
        lay.addWidget(self.delete_button)
        self._fill()

    def _fill(self, chosen: str = "") -> None:
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem(self.tr("（未儲存的檢視）"), "")
        for name in sorted(read_views(self.settings, self.key)):
            self.box.addItem(name, name)
        self.box.setCurrentIndex(max(self.box.findData(chosen), 0))
        self.box.blockSignals(False)
        self.delete_button.setEnabled(bool(self.box.currentData()))

    def current(self) -> dict:
        """What the page shows now, as a view."""
        flt = self.page.current_list().model.filter
        return {"filters": _encode(self.page.filter_bar.values()), "sort": flt.sort,
                "descending": flt.descending}

    def save_current(self) -> None:
        name = prompts.text(self, self.tr("儲存檢視"), self.tr("檢視名稱（同名的檢視會被取代）："),
                            str(self.box.currentData() or ""))
        name = (name or "").strip()
        if not name:
            return
        views = read_views(self.settings, self.key)
        views[name] = self.current()
        write_views(self.settings, self.key, views)
        self._fill(name)
        self.page.session.say(self.tr("已儲存檢視「{0}」").format(name))

    def delete_current(self) -> None:
        name = self.box.currentData()
        if not name:
            return
        views = read_views(self.settings, self.key)
        views.pop(name, None)
        write_views(self.settings, self.key, views)
        self._fill()
        self.page.session.say(self.tr("已刪除檢視「{0}」").format(name))

    def _chosen(self, _index: int) -> None:
        name = self.box.currentData()
        self.delete_button.setEnabled(bool(name))
        view = read_views(self.settings, self.key).get(name) if name else None
        if view is not None:
            self.apply(view)

    def apply(self, view: dict) -> None:
        """Show ``view``: its sort on every tab that has its column, then its filters (one
        reload)."""
        sort, descending = view.get("sort"), bool(view.get("descending", True))
        if sort:
            self.page.sort_tabs(sort, descending)  # a tab without the column keeps its own sort
        self.page.filter_bar.set_values(_decode(view.get("filters") or {}))
