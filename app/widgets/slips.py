"""Packing slips and the pick list on paper (issue 17 item 5): laid out on any paged device —
the printer of Qt's print dialog or preview, or a PDF file — at A4 or on a 10×15 cm label.

Each slip starts a page; its head (the shop, 出貨單, the order number as a Code 128 barcode)
is drawn with QPainter on every page of the slip, the rest is a ``QTextDocument`` (the order's
details and its items, the table's header repeated on a page it runs on to).  The pick list is
one table, its header repeated on every page, with page numbers under it.

The data comes from ``app.services.printing``; nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.domain import code128
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import shop_clock
from app.services.printing import PickLine, Slip

from . import format as fmt
from .paper import A4, LABEL, NAMES

#: The page sizes offered: key (``--size`` and the setting) -> (label, size, margin in mm).
PAGE_SIZES = {
    A4: (NAMES[A4], QPageSize.PageSizeId.A4, 12.0),
    LABEL: (NAMES[LABEL], QSizeF(100, 150), 4.0),
}
#: The tables' column headers.
HEADS = {
    "product": QT_TRANSLATE_NOOP("Slips", "商品"),
    "options": QT_TRANSLATE_NOOP("Slips", "規格"),
    "unit_price": QT_TRANSLATE_NOOP("Slips", "單價"),
    "quantity": QT_TRANSLATE_NOOP("Slips", "數量"),
    "amount": QT_TRANSLATE_NOOP("Slips", "金額"),
    "line_total": QT_TRANSLATE_NOOP("Slips", "小計"),
    "orders": QT_TRANSLATE_NOOP("Slips", "訂單"),
    "picked": QT_TRANSLATE_NOOP("Slips", "已揀"),
}
#: Narrower than this (mm), a page gets the label's compact layout.
COMPACT_BELOW_MM = 120
#: The barcode's module (its narrowest bar) at most, in mm: 0.33 mm is Code 128's usual "13 mil".
MODULE_MM = 0.33


def _tr(text: str) -> str:
    return QCoreApplication.translate("Slips", text)


def _heads(*keys: str) -> list[str]:
    return [_tr(HEADS[key]) for key in keys]


def page_size(key: str) -> QPageSize:
    _label, size, _margin = PAGE_SIZES[key]
    if isinstance(size, QSizeF):
        return QPageSize(size, QPageSize.Unit.Millimeter, _tr(PAGE_SIZES[key][0]),
                         QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageSize(size)


def page_layout(key: str) -> QPageLayout:
    """The page of ``key`` (``"a4"`` or ``"label"``), portrait, with its margins."""
    margin = PAGE_SIZES[key][2]
    return QPageLayout(page_size(key), QPageLayout.Orientation.Portrait,
                       QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)


# ---------------------------------------------------------------- the page


#: Faces with every character of a slip, tried in order (Linux, Windows, macOS).
CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "PingFang TC")
#: Latin faces with no CJK characters (Linux, Windows, macOS), so those fall through to CJK_FAMILIES.
LATIN_FAMILIES = ("DejaVu Sans", "Arial", "Helvetica")


class Page:
    """The paint rectangle of ``device``'s pages in device pixels, and mm / pt to pixels."""

    def __init__(self, device: QPagedPaintDevice):
        self.device = device
        self.dpi = device.logicalDpiY()
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        self.width, self.height = float(rect.width()), float(rect.height())
        self.compact = self.width < self.mm(COMPACT_BELOW_MM)

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def font(self, points: float, *, bold: bool = False) -> QFont:
        font = QFont(QGuiApplication.font())
        # Named faces, whatever the interface's locale: a Latin face for the digits and
        # letters, then a Traditional Chinese one for the rest.  With the default fallback the
        # text of a PDF written after the locale changed came out unreadable to text
        # extraction; with the CJK face first, Qt's PDF writer gave its digits no Unicode
        # (order numbers and amounts could not be searched or copied from the PDF).
        font.setFamilies([*LATIN_FAMILIES, *CJK_FAMILIES, *font.families()])
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    @property
    def text_points(self) -> float:
        return 8.0 if self.compact else 10.0


def _document(page: Page, html: str, height: float | None = None) -> QTextDocument:
    """``html`` laid out to the page's width; in pages of ``height`` pixels when given."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(page.device)
    doc.setDefaultFont(page.font(page.text_points))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(
        "table.items { border-collapse: collapse; } "
        "table.items th { background-color: #e0e0e0; font-weight: bold; white-space: nowrap; } "
        "th, td { padding: 2px 4px; } "
        "td.label { color: #333333; font-weight: bold; white-space: nowrap; }")
    doc.setHtml(html)
    if height is None:
        doc.setTextWidth(page.width)
    else:
        doc.setPageSize(QSizeF(page.width, height))
    return doc


@dataclass(frozen=True)
class Sheet:
    """What goes on a run of pages: ``before`` (first page), a table of ``rows`` under
    ``heads`` (the columns' ``widths`` in %, those in ``right`` aligned right), ``after``."""

    before: str
    heads: list[str]
    rows: list[list[str]]
    widths: list[int]
    right: set[int]
    after: str = ""

    def table(self, rows: list[list[str]]) -> str:
        def cell(tag: str, i: int, text: str) -> str:
            align = ' align="right"' if i in self.right else ""
            return f'<{tag} width="{self.widths[i]}%"{align}>{escape(text)}</{tag}>'

        head = "".join(cell("th", i, h) for i, h in enumerate(self.heads))
        body = "".join("<tr>" + "".join(cell("td", i, t) for i, t in enumerate(row)) + "</tr>"
                       for row in rows)
        return (f'<table class="items" border="1" cellspacing="0" width="100%">'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _paginate(page: Page, sheet: Sheet, height: float) -> list[QTextDocument]:
    """``sheet`` in pages of ``height`` pixels, each row whole on one page (a row taller than
    a page is the only thing that runs on to the next), the table's header on each."""
    def tall(html: str) -> float:
        return _document(page, html).size().height()

    room = height * 0.98  # a border's rounding
    whole = sheet.before + sheet.table(sheet.rows) + sheet.after
    if tall(whole) <= room:  # most slips: one page, nothing to measure row by row
        return [_document(page, whole, height)]
    header = tall(sheet.table([]))
    used = tall(sheet.before + sheet.table([])) if sheet.before else header
    pages: list[str] = []
    chunk: list[list[str]] = []
    for row in sheet.rows:
        need = tall(sheet.table([row])) - header
        if chunk and used + need > room:
            pages.append((sheet.before if not pages else "") + sheet.table(chunk))
            chunk, used = [], header
        chunk.append(row)
        used += need
    last = (sheet.before if not pages else "") + sheet.table(chunk)
    if sheet.after and tall(last + sheet.after) > room and chunk:
        pages += [last, sheet.after]
    else:
        pages.append(last + sheet.after)
    return [_document(page, html, height) for html in pages]


def _draw_pages(device: QPagedPaintDevice, painter: QPainter, docs: list[QTextDocument],
                top: float, decorate: Callable[[int, int], None]) -> int:
    """Every page of ``docs``, ``top`` pixels down the device's pages, each decorated by
    ``decorate(index, count)`` (its head and foot); the number of pages.  The first is on the
    device's current page."""
    count = sum(doc.pageCount() for doc in docs)
    index = 0
    for doc in docs:
        height = doc.pageSize().height()
        for i in range(doc.pageCount()):
            if index:
                device.newPage()
            decorate(index, count)
            painter.save()
            painter.translate(0, top - i * height)
            doc.drawContents(painter, QRectF(0, i * height, doc.pageSize().width(), height))
            painter.restore()
            index += 1
    return count


def _painter(device: QPagedPaintDevice) -> QPainter:
    """A painter on ``device``; OSError when it cannot paint there (a PDF file that cannot be
    written)."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the pages cannot be written")
    return painter


def _footer(painter: QPainter, page: Page, text: str) -> float:
    """``text`` centred at the foot of the page; the height it takes."""
    painter.setFont(page.font(page.text_points - 1))
    height = painter.fontMetrics().height() * 1.5
    painter.drawText(QRectF(0, page.height - height, page.width, height),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
    return height


# ---------------------------------------------------------------- the barcode


def draw_barcode(painter: QPainter, page: Page, text: str, rect: QRectF) -> QRectF:
    """``text`` as Code 128 in ``rect``, centred, its bars a whole number of device pixels wide
    (at most ``MODULE_MM``), with the text under them; the rectangle the bars take."""
    widths = code128.widths(text)
    module = max(1, int(min(page.mm(MODULE_MM), rect.width() / code128.modules(text))))
    painter.setFont(page.font(page.text_points))
    text_height = painter.fontMetrics().height()
    bars = QRectF(0, rect.top(), sum(widths) * module, rect.height() - text_height)
    bars.moveLeft(rect.left() + (rect.width() - bars.width()) / 2)
    x = bars.left()
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.black)
    for i, w in enumerate(widths):
        if i % 2 == 0:
            painter.drawRect(QRectF(x, bars.top(), w * module, bars.height()))
        x += w * module
    painter.restore()
    painter.drawText(QRectF(rect.left(), bars.bottom(), rect.width(), text_height),
                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
    return bars


# ---------------------------------------------------------------- packing slips


def _slip_head(painter: QPainter, page: Page, slip: Slip, continued: bool) -> float:
    """The shop, 出貨單 and the barcode at the top of a slip's page; the height it takes."""
    painter.setFont(page.font(page.text_points + 4, bold=True))
    title_h = painter.fontMetrics().height()
    title = QCoreApplication.translate("Slips", "出貨單")
    if continued:
        title += QCoreApplication.translate("Slips", "（續）")
    code_h = page.mm(13 if page.compact else 16)
    if page.compact:  # the label: the shop and the title, then the barcode the page's width
        painter.drawText(QRectF(0, 0, page.width, title_h), Qt.AlignmentFlag.AlignLeft, slip.store)
        painter.drawText(QRectF(0, 0, page.width, title_h), Qt.AlignmentFlag.AlignRight, title)
        top = title_h + page.mm(1.5)
        draw_barcode(painter, page, slip.order_no, QRectF(0, top, page.width, code_h))
        bottom = top + code_h
    else:  # A4: the shop and the title at the left, the barcode at the right
        painter.drawText(QRectF(0, 0, page.width / 2, title_h), Qt.AlignmentFlag.AlignLeft, slip.store)
        painter.setFont(page.font(page.text_points + 2))
        painter.drawText(QRectF(0, title_h + page.mm(1), page.width / 2, title_h),
                         Qt.AlignmentFlag.AlignLeft, title)
        width = page.mm(70)
        draw_barcode(painter, page, slip.order_no, QRectF(page.width - width, 0, width, code_h))
        bottom = max(code_h, 2 * title_h + page.mm(1))
    bottom += page.mm(2)
    painter.drawLine(QPointF(0, bottom), QPointF(page.width, bottom))
    return bottom + page.mm(2)


def _row(label: str, value: str, *, bold: bool = False) -> str:
    text = f"<b>{escape(value)}</b>" if bold else escape(value)
    return f'<tr><td class="label" width="1">{escape(label)}</td><td>{text}</td></tr>'


def slip_sheet(slip: Slip, *, compact: bool) -> Sheet:
    """The slip's details, items and totals, under its head."""
    info = [
        _row(QCoreApplication.translate("Slips", "訂單編號"), slip.order_no),
        _row(QCoreApplication.translate("Slips", "訂單日期"), slip.order_date.strftime("%Y-%m-%d %H:%M")),
        _row(QCoreApplication.translate("Slips", "訂購人"), slip.buyer_name),
        _row(QCoreApplication.translate("Slips", "收件人"), slip.recipient, bold=True),
        _row(QCoreApplication.translate("Slips", "電話"), slip.recipient_phone, bold=True),
        _row(QCoreApplication.translate("Slips", "送貨地址"), slip.delivery_address, bold=True),
        _row(QCoreApplication.translate("Slips", "送貨方式"), slip.shipping_method),
        _row(QCoreApplication.translate("Slips", "付款方式"), slip.payment_method),
    ]
    if compact:
        heads, widths = _heads("product", "options", "quantity", "amount"), [36, 34, 10, 20]
        cells = [[i.product, i.options, f"{i.quantity:,}", fmt.money(i.line_total)] for i in slip.items]
    else:
        heads = _heads("product", "options", "unit_price", "quantity", "line_total")
        widths = [32, 30, 14, 10, 14]
        cells = [[i.product, i.options, fmt.money(i.unit_price), f"{i.quantity:,}", fmt.money(i.line_total)]
                 for i in slip.items]
    sums = [(QCoreApplication.translate("Slips", "商品小計"), fmt.money(slip.subtotal)),
            (QCoreApplication.translate("Slips", "運費"), fmt.money(slip.shipping_fee)),
            (QCoreApplication.translate("Slips", "訂單金額"), fmt.money(slip.total))]
    totals = "".join(f'<tr><td align="right">{escape(label)}</td><td align="right">{escape(value)}</td></tr>'
                     for label, value in sums[:-1])
    totals += "".join(f'<tr><td align="right"><b>{escape(label)}</b></td>'
                      f'<td align="right"><b>{escape(value)}</b></td></tr>' for label, value in sums[-1:])
    count = QCoreApplication.translate("Slips", "共 {0} 件").format(f"{slip.quantity:,}")
    return Sheet(f'<table cellspacing="0" width="100%">{"".join(info)}</table><p></p>',
                 heads, cells, widths, set(range(2, len(heads))),
                 f'<table cellspacing="0" width="100%"><tr><td>{escape(count)}</td><td align="right">'
                 f'<table cellspacing="0">{totals}</table></td></tr></table>')


def paint_slips(device: QPagedPaintDevice, slips: Sequence[Slip]) -> int:
    """Every slip on its own page(s) of ``device``; the number of pages."""
    page = Page(device)
    painter = _painter(device)
    pages = 0
    try:
        for slip in slips:
            if pages:
                device.newPage()
            head = _slip_head(painter, page, slip, False)

            def decorate(index: int, count: int, slip=slip) -> None:
                if index:
                    _slip_head(painter, page, slip, True)
                if count > 1:
                    _footer(painter, page, QCoreApplication.translate("Slips", "{0}　第 {1}／{2} 頁").format(
                        slip.order_no, index + 1, count))

            docs = _paginate(page, slip_sheet(slip, compact=page.compact), page.height - head - page.mm(6))
            pages += _draw_pages(device, painter, docs, head, decorate)
    finally:
        painter.end()
    return pages


# ---------------------------------------------------------------- the pick list


def pick_sheet(lines: Sequence[PickLine], orders: int, printed_at: datetime, *, compact: bool) -> Sheet:
    rows = [[line.product, line.options, f"{line.quantity:,}",
             "、".join(no if q == 1 else f"{no} ×{q}" for no, q in line.orders), ""] for line in lines]
    total = sum(line.quantity for line in lines)
    summary = QCoreApplication.translate("Slips", "{0} 筆訂單，{1} 種商品，共 {2} 件　列印時間：{3}").format(
        f"{orders:,}", f"{len(lines):,}", f"{total:,}", printed_at.strftime("%Y-%m-%d %H:%M"))
    title = QCoreApplication.translate("Slips", "揀貨單")
    return Sheet(f'<p><font size="+2"><b>{escape(title)}</b></font></p><p>{escape(summary)}</p>',
                 _heads("product", "options", "quantity", "orders", "picked"), rows,
                 [24, 20, 10, 34, 12] if compact else [23, 21, 8, 39, 9], {2})


def paint_pick_list(device: QPagedPaintDevice, lines: Sequence[PickLine], orders: int,
                    printed_at: datetime | None = None) -> int:
    """The pick list of ``orders`` orders on ``device``, numbered pages; the number of pages."""
    page = Page(device)
    sheet = pick_sheet(lines, orders, printed_at or shop_clock.local_now(), compact=page.compact)
    painter = _painter(device)
    try:
        def decorate(index: int, count: int) -> None:
            _footer(painter, page, QCoreApplication.translate("Slips", "揀貨單　第 {0}／{1} 頁").format(
                index + 1, count))

        return _draw_pages(device, painter, _paginate(page, sheet, page.height - page.mm(6)), 0, decorate)
    finally:
        painter.end()


# ---------------------------------------------------------------- to a PDF file


def write_pdf(path: str | Path, paint: Callable[[QPagedPaintDevice], int], size: str = A4,
              *, title: str = "") -> int:
    """``paint`` on the pages of a new PDF file at ``path``, of ``size``; the number of pages."""
    Path(path).open("wb").close()  # OSError naming the reason when the file cannot be written
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setPageLayout(page_layout(size))
    writer.setTitle(title)
    writer.setCreator("OrderDesk")
    return paint(writer)
