"""訂單管理: the six status tabs of docs/PRODUCT.md §2, each with its count.

Beside the filters: the saved views (``saved_views``) and how many days an order may wait in
已付款, 等待出貨 or 缺貨 before its row is marked; those tabs show the days waited
(等待天數: since the order was placed), sortable on the (status, order date) index.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.tabs import OrderTab
from app.services import queries, shop_clock
from app.widgets import format as fmt

from . import settings_keys as keys
from .order_columns import RIGHT, order_columns
from .paged_model import Column
from .saved_views import SavedViews
from .status_page import PageSpec, StatusTabsPage

#: The row of an order that waited too long, and its days.
LATE_BACKGROUND = "#fff3cd"
LATE_TEXT = "#b26a00"


#: Sorts by what no change alters: an order's number and date are set when it is placed.
STILL_SORTS = frozenset({"order_no", "order_date"})


class OrdersPage(StatusTabsPage):
    SPEC = PageSpec(OrderTab, queries.OrderFilter, queries.ORDERS, queries.count_orders, "orders",
                    QT_TRANSLATE_NOOP("OrdersPage", "訂單編號、訂購人姓名或電話"), count_within=queries.COUNT_NOW)
    #: Days an order may wait before it is marked (the desk's setting, read once the page is built).
    wait_limit = int(keys.WAIT_DAYS.default)

    def install_actions(self) -> None:
        from .clerk_edit_actions import install_clerk_edits
        from .order_actions import install_order_actions

        self.saved_views = SavedViews(self, self)
        self.wait_days = QSpinBox(self)
        self.wait_days.setObjectName("wait_days")
        self.wait_days.setRange(1, 365)
        self.wait_limit = int(keys.WAIT_DAYS.read(self.session.settings) or keys.WAIT_DAYS.default)
        self.wait_days.setValue(self.wait_limit)
        self.wait_days.setSuffix(self.tr(" 天"))
        self.wait_days.setToolTip(self.tr("已付款、等待出貨或缺貨的訂單，停在該狀態超過這個天數即以底色標示"))
        self.wait_days.valueChanged.connect(self._wait_days_changed)
        label = QLabel(self.tr("等待超過(&W)"), self)
        label.setBuddy(self.wait_days)
        row = self.filter_bar.second_row  # beside the method filters
        row.addWidget(self.saved_views)
        row.addStretch(1)
        row.addWidget(label)
        row.addWidget(self.wait_days)
        row.addWidget(QLabel(self.tr("標示"), self))
        install_order_actions(self)
        self.clerk_edits = install_clerk_edits(self)

    def filter_methods(self):
        return queries.method_choices()

    def columns(self):
        return order_columns(self.store_names)

    def columns_for(self, tab):
        columns = order_columns(self.store_names, background=self.late_background)
        if tab.statuses is not None and tab.statuses <= queries.WAITING_STATUSES:
            # The days waited beside the order date, where the clerk looks first; no ship date
            # nor tracking number yet (the orders have not shipped): their room is the days'
            # and the pickup store's.
            columns = [c for c in columns if c.key not in ("tracking_no", "ship_date")]
            return columns[:2] + [self.age_column()] + columns[2:]
        return columns

    # ---- waiting too long

    def days_waiting(self, row) -> int | None:
        """Days since the order entered its status, for an order the shop still owes something."""
        if row.status not in queries.WAITING_STATUSES:
            return None
        return (shop_clock.today() - shop_clock.local_date(row.status_since or row.order_date)).days

    def is_late(self, row) -> bool:
        days = self.days_waiting(row)
        return days is not None and days > self.wait_limit

    def late_background(self, row) -> str | None:
        return LATE_BACKGROUND if self.is_late(row) else None

    def age_column(self) -> Column:
        def text(row) -> str:
            days = self.days_waiting(row)
            return "" if days is None else fmt.translate("Columns", QT_TRANSLATE_NOOP("Columns", "{0} 天")).format(days)

        def tip(row) -> str:
            days = self.days_waiting(row)
            if days is None:
                return ""
            if self.is_late(row):
                return self.tr("已等待 {0} 天，超過 {1} 天").format(days, self.wait_limit)
            return self.tr("已等待 {0} 天").format(days)

        return Column("age", QT_TRANSLATE_NOOP("Columns", "等待天數"), text, 80, RIGHT, tooltip=tip,
                      color=lambda r: LATE_TEXT if self.is_late(r) else None, background=self.late_background)

    def _wait_days_changed(self, days: int) -> None:
        self.wait_limit = days
        keys.WAIT_DAYS.write(self.session.settings, days)
        for lt in self.built_lists():  # the others show the new limit when built
            lt.view.viewport().update()

    def touched(self, change) -> frozenset[str]:
        return change.order_statuses

    def in_place(self, change, tab, flt) -> bool:
        """A change moved no row of ``tab`` when it placed no order, no order entered or left
        the tab's statuses (訂單清單 has them all), the tab is sorted by what no change
        alters (the order's number or date) and no filter but the store's is on (a search
        or a method filter may match an edited order no more; a tab's date may be one a
        change sets)."""
        if change.reloads_lists or change.placed or not change.order_ids:
            return False
        if flt.sort not in STILL_SORTS or flt.search or flt.date_from or flt.date_to:
            return False
        if flt.payment_method_id is not None or flt.shipping_method_id is not None:
            return False
        return tab.statuses is None or not change.moved & {s.value for s in tab.statuses}

    def open_detail(self, row) -> None:
        from .order_detail import OrderDetailDialog

        OrderDetailDialog.show_for(self, row.id, session=self.session)
