"""Every QSettings key OrderDesk reads or writes, with its default, declared here once.

QSettings holds what belongs to this desk (its clerk, its window, its folders, its database
connection); what the whole shop shares, such as its time zone, is in the database instead
(``app.services.shop_clock``).  Readers and writers go through ``Key.read`` / ``Key.write``,
so a key's spelling and default live only here.  No Qt import: any object with QSettings'
``value`` and ``setValue`` will do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Key:
    name: str
    default: Any = None

    def read(self, settings) -> Any:
        """The stored value, or the default when there is none."""
        value = settings.value(self.name, self.default)
        return self.default if value is None else value

    def write(self, settings, value) -> None:
        settings.setValue(self.name, value)


#: The clerk's name, recorded on every history row this desk writes.
OPERATOR = Key("clerk/name", "")
#: The database this desk opens (settings → database connection); empty: the app-data file.
DATABASE_URL = Key("database/url", "")
#: The main window: its geometry (a QByteArray), its size and the sub-function shown.
WINDOW_GEOMETRY = Key("window/geometry")
WINDOW_SIZE = Key("window/size")
WINDOW_PAGE = Key("window/page", 0)
#: The folders the last import was read from and the last export written to; empty: home.
IMPORT_DIR = Key("import/dir", "")
EXPORT_DIR = Key("export/dir", "")
#: The paper the packing slips and the pick list are printed on: "a4" or "label" (10×15 cm).
PRINT_PAGE_SIZE = Key("print/page_size", "a4")


def page_tab(page: str) -> Key:
    """The tab a status page (``"orders"``, ``"cancellations"``) last showed."""
    return Key(f"{page}/tab", 0)


def page_header(page: str, tab: str) -> Key:
    """A status page's table header (column order and widths) on one tab."""
    return Key(f"{page}/header/{tab}")


def saved_views(page: str) -> Key:
    """A status page's named views (search, filters, sort): ``{name: view}``."""
    return Key(f"{page}/views", {})


#: Orders waiting longer than this many days in 已付款, 等待出貨 or 缺貨 are marked.
WAIT_DAYS = Key("orders/wait_days", 3)
