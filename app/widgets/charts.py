"""Bar charts for the 報表 module, drawn by pyqtgraph (Qt-native, renders offscreen and in the
frozen build; docs/STYLE.md): grouped bars over named categories, upright or lying down,
whole NT$ or counts on the value axis, a legend, and the plotted values kept for tests and
for the text beside the chart."""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont  # noqa: E402

#: Colours a chart's series take in turn (received green, refunded red first).
COLORS = ("#2e7d32", "#c62828", "#1565c0", "#ef6c00", "#6a1b9a")


class _ValueAxis(pg.AxisItem):
    """Whole numbers with thousands separators (NT$ and counts), never 1.5e4."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        return [f"{round(v * scale):,}" for v in values]


class BarChart(pg.PlotWidget):
    """Grouped bars: ``set_bars(categories, [(name, values), …])``; ``horizontal`` lays
    them down (categories top to bottom).  ``series`` holds what is drawn."""

    def __init__(self, title: str, *, horizontal: bool = False, parent=None):
        value_axis = "bottom" if horizontal else "left"
        super().__init__(parent=parent, background="w", axisItems={value_axis: _ValueAxis(value_axis)})
        self.horizontal = horizontal
        self.series: dict[str, list[int]] = {}
        self.categories: list[str] = []
        self.setTitle(title, color="#222", size="11pt")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        item = self.getPlotItem()
        font = QFont(self.font())
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen("#666"))
            axis.setTextPen(pg.mkPen("#222"))
            axis.setStyle(tickFont=font)
            axis.enableAutoSIPrefix(False)
        self.legend = item.addLegend(offset=(10, 2), labelTextColor="#222", colCount=5)
        self.setMinimumHeight(180)

    def set_bars(self, categories: list[str], series: list[tuple[str, list[int]]], *,
                 label_every: int = 1) -> None:
        """Draw ``series`` (name, one value per category) as groups of bars; every
        ``label_every``-th category is named on its axis."""
        item = self.getPlotItem()
        item.clear()
        self.legend.clear()
        self.categories = list(categories)
        self.series = {name: list(values) for name, values in series}
        n = max(len(series), 1)
        width = 0.8 / n
        for k, (name, values) in enumerate(series):
            positions = [i - 0.4 + width * (k + 0.5) for i in range(len(categories))]
            color = QColor(COLORS[k % len(COLORS)])
            if self.horizontal:
                bars = pg.BarGraphItem(x0=0, y=positions, height=width, width=values, brush=color, pen=color)
            else:
                bars = pg.BarGraphItem(x=positions, height=values, width=width, brush=color, pen=color)
            item.addItem(bars)
            if len(series) > 1:  # one series is named by the chart's title
                self.legend.addItem(bars, name)
        ticks = [[(i, c) for i, c in enumerate(categories) if i % max(label_every, 1) == 0]]
        category_axis, value_axis = ("left", "bottom") if self.horizontal else ("bottom", "left")
        item.getAxis(category_axis).setTicks(ticks)
        item.getAxis(value_axis).setTicks(None)
        top = max((v for _n, values in series for v in values), default=0) or 1
        span = (-0.6, len(categories) - 0.4)
        if self.horizontal:
            item.setYRange(*span, padding=0)
            item.getViewBox().invertY(True)  # the first category on top
            item.setXRange(0, top * 1.05, padding=0)
        else:
            item.setXRange(*span, padding=0)
            item.setYRange(0, top * 1.3, padding=0)  # room for the legend above the bars

    def add_marker(self, category: int, text: str) -> None:
        """A dashed line through ``category`` with ``text`` (the 15-day refund deadline)."""
        pen = pg.mkPen("#c62828", width=1, style=Qt.PenStyle.DashLine)
        line = pg.InfiniteLine(pos=category - 0.45, angle=0 if self.horizontal else 90, pen=pen,
                               label=text, labelOpts={"color": "#c62828", "position": 0.9})
        self.getPlotItem().addItem(line)
