"""概況 (overview), the second page of 報表: three charts for what people would rather look at
than read — the money received and refunded per day of a period, the period's payment-method
mix, and how long orders and refunds have waited in their queues today (refunds are due
within 15 days, 消保法 §19-2) — each with its figures in words beside it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadlines import REFUND_DEADLINE_DAYS
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import overview, queries, shop_clock
from app.widgets import format as fmt
from app.widgets.charts import BarChart
from app.widgets.dates import localised, show_dates

from .stale import ReloadsWhenShown

THIS_MONTH, LAST_MONTH, LAST_30, CUSTOM = "this-month", "last-month", "last-30", "custom"
PERIODS = (
    (THIS_MONTH, QT_TRANSLATE_NOOP("OverviewPage", "本月")),
    (LAST_MONTH, QT_TRANSLATE_NOOP("OverviewPage", "上月")),
    (LAST_30, QT_TRANSLATE_NOOP("OverviewPage", "最近 30 天")),
    (CUSTOM, QT_TRANSLATE_NOOP("OverviewPage", "自訂")),
)
QUEUE_LABELS = {
    overview.PAID: QT_TRANSLATE_NOOP("OverviewPage", "已付款待確認"),
    overview.AWAITING: QT_TRANSLATE_NOOP("OverviewPage", "等待出貨"),
    overview.OUT_OF_STOCK: QT_TRANSLATE_NOOP("OverviewPage", "缺貨"),
    overview.REFUND: QT_TRANSLATE_NOOP("OverviewPage", "待退款"),
}


def period_days(kind: str, today: date) -> tuple[date, date]:
    """The first and last day of a named period, as of ``today``."""
    if kind == LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if kind == LAST_30:
        return today - timedelta(days=29), today
    return today.replace(day=1), today


class OverviewPage(ReloadsWhenShown, QWidget):
    """The charts over a period chooser and a store filter; ``reload()`` reads them again."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("overview_page")
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for key, label in PERIODS:
            self.period.addItem(self.tr(label), key)
        today = QDate(shop_clock.today())
        self.date_from = localised(QDateEdit(today.addDays(-29), self, calendarPopup=True, displayFormat="yyyy-MM-dd"))
        self.date_to = localised(QDateEdit(today, self, calendarPopup=True, displayFormat="yyyy-MM-dd"))
        self.date_from.setObjectName("date_from")
        self.date_to.setObjectName("date_to")
        self.store = QComboBox(self)
        self.store.setObjectName("store")
        self.store.addItem(self.tr("全部商店"), None)
        for sid, name in queries.list_stores():
            self.store.addItem(name, sid)
        refresh = QPushButton(self.tr("【重新整理】"), self)
        refresh.setObjectName("refresh")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("期間"), self))
        bar.addWidget(self.period)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("～", self))
        bar.addWidget(self.date_to)
        bar.addSpacing(12)
        bar.addWidget(self.store, 1)
        bar.addStretch(1)
        bar.addWidget(refresh)

        self.money_chart = BarChart(self.tr("每日收款與退款"), parent=self)
        self.money_chart.setObjectName("money_chart")
        self.mix_chart = BarChart(self.tr("付款方式（訂單金額）"), horizontal=True, parent=self)
        self.mix_chart.setObjectName("mix_chart")
        self.queue_chart = BarChart(self.tr("目前等待天數"), parent=self)
        self.queue_chart.setObjectName("queue_chart")
        self.money_text, self.mix_text, self.queue_text = (self._words(n) for n in ("money_text", "mix_text", "queue_text"))

        grid = QGridLayout()
        grid.addWidget(self.money_chart, 0, 0, 1, 2)
        grid.addWidget(self.money_text, 1, 0, 1, 2)
        grid.addWidget(self.mix_chart, 2, 0)
        grid.addWidget(self.queue_chart, 2, 1)
        grid.addWidget(self.mix_text, 3, 0)
        grid.addWidget(self.queue_text, 3, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(2, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addLayout(grid, 1)

        self.period.currentIndexChanged.connect(self._period_changed)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda _d: self.period.currentData() == CUSTOM and self.reload())
        self.store.currentIndexChanged.connect(lambda _i: self.reload())
        refresh.clicked.connect(self.reload)
        self._period_changed()

    def _words(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def days(self) -> tuple[date, date]:
        """The period shown: the named one, or the two dates for 自訂."""
        kind = self.period.currentData()
        if kind == CUSTOM:
            a, b = self.date_from.date().toPython(), self.date_to.date().toPython()
            return (a, b) if a <= b else (b, a)
        return period_days(kind, shop_clock.today())

    def _period_changed(self, _index: int | None = None) -> None:
        custom = self.period.currentData() == CUSTOM
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            first, last = self.days()
            show_dates((self.date_from, first), (self.date_to, last))
        self.reload()

    def reload(self) -> None:
        self._stale = False
        first, last = self.days()
        store = self.store.currentData()
        self._show_money(overview.money_per_day(first, last, store_id=store))
        self._show_mix(overview.payment_mix(first, last, store_id=store))
        self._show_queues(overview.queue_ages(store_id=store))

    def _show_money(self, days: list[overview.DayMoney]) -> None:
        labels = [d.day.strftime("%m/%d") for d in days]
        self.money_chart.set_bars(labels, [(self.tr("收款"), [d.received for d in days]),
                                           (self.tr("退款"), [d.refunded for d in days])],
                                  label_every=max(1, len(days) // 10))
        received = sum(d.received for d in days)
        refunded = sum(d.refunded for d in days)
        self.money_text.setText(self.tr("收款 {received}，退款 {refunded}，淨額 {net}（{first} ～ {last}）").format(
            received=fmt.money(received), refunded=fmt.money(refunded), net=fmt.money(received - refunded),
            first=days[0].day.isoformat(), last=days[-1].day.isoformat()))

    def _show_mix(self, shares: list[overview.MethodShare]) -> None:
        self.mix_chart.set_bars([s.method for s in shares], [(self.tr("訂單金額"), [s.amount for s in shares])])
        if not shares:
            self.mix_text.setText(self.tr("這段期間沒有訂單。"))
            return
        total = sum(s.amount for s in shares) or 1
        lines = [self.tr("{method}：{orders} 筆，{amount}（{share}%）").format(
            method=s.method, orders=f"{s.orders:,}", amount=fmt.money(s.amount), share=round(100 * s.amount / total))
            for s in shares]
        self.mix_text.setText("；".join(lines))

    def _show_queues(self, queues: list[overview.QueueAges]) -> None:
        buckets = [self._bucket_label(low, high) for low, high in overview.AGE_BUCKETS]
        self.queue_chart.set_bars(buckets, [(self.tr(QUEUE_LABELS[q.queue]), list(q.counts)) for q in queues])
        self.queue_chart.add_marker(len(buckets) - 1, self.tr("退款期限 {0} 天").format(REFUND_DEADLINE_DAYS))
        parts = []
        for q in queues:
            label = self.tr(QUEUE_LABELS[q.queue])
            if q.oldest is None:
                parts.append(self.tr("{queue}：無").format(queue=label))
            else:
                parts.append(self.tr("{queue}：{n} 筆，最久 {days} 天").format(queue=label, n=f"{q.total:,}", days=q.oldest))
        late = queues[-1].counts[-1]
        text = "；".join(parts)
        if late:
            text += "<br><span style='color:#c62828'>" + self.tr("已逾退款期限：{0} 筆").format(late) + "</span>"
        self.queue_text.setText(text)

    def _bucket_label(self, low: int, high: int | None) -> str:
        if high is None:
            return self.tr("{0} 天以上").format(low)
        return self.tr("{0}–{1} 天").format(low, high)
