"""Printing (issue 17 item 5): packing slips and the pick list, rendered to PDF at A4 and on a
10×15 cm label and read back with pdftotext; the Code 128 encoder; Ctrl+P and the context menu
in the window; `orderdesk print-slips` / `print-pick-list`."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain import code128
from app.services import printing
from app.services.orders import Buyer, Item, place_order

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def pdf_text(path) -> str:
    """The PDF's text, NFKC: the CJK font maps some characters to their Kangxi radicals."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return unicodedata.normalize("NFKC", out)


@pytest.fixture
def orders(shop):
    """Three orders: two share 冷泡茶包 (紅茶) and one has a second spec of it."""
    def order(name, phone, address, items):
        return place_order(store_id=shop["store"].id, buyer=Buyer(name, phone, "b@example.com", address),
                           items=[Item(*i) for i in items], payment_method_id=shop["atm"].id,
                           shipping_method_id=shop["home"].id, operator="店員甲").order_id

    return [
        order("王小明", "0912345678", "台北市大安區復興南路一段 390 號",
              [("冷泡茶包（30入）", 2, 450, "口味：紅茶"), ("旅行茶具組", 1, 1680, "顏色：墨黑")]),
        order("陳美麗", "0922000111", "台中市南屯區公益路二段 296 號",
              [("冷泡茶包（30入）", 3, 450, "口味：紅茶"), ("冷泡茶包（30入）", 1, 450, "口味：綠茶")]),
        order("林大同", "0933222333", "高雄市前鎮區中山二路 5 號", [("梨山高冷茶 150g", 4, 900, "")]),
    ]


# ---------------------------------------------------------------- Code 128


def decode(widths: list[int]) -> list[int]:
    """The symbol values of bar/space widths (the inverse of the pattern table)."""
    table = {p: v for v, p in enumerate(code128.PATTERNS)}
    text = "".join(map(str, widths))
    return [table[text[i:i + 6]] for i in range(0, len(text) - 7, 6)] + [table[text[-7:]]]


def test_code128_packs_the_order_numbers_digits_in_code_set_c():
    values = code128.symbols("O20261129000123")
    assert values[:3] == [code128.START_B, ord("O") - 32, code128.CODE_C]
    assert values[3:10] == [20, 26, 11, 29, 00, 1, 23]
    assert values[-1] == code128.STOP
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:-2], start=1))) % 103
    assert values[-2] == check
    assert decode(code128.widths("O20261129000123")) == values


@pytest.mark.parametrize("text", ["O2026112900012", "AB1234567", "12", "123456789", "X12345Y", "a-b c"])
def test_code128_patterns_are_whole_symbols(text):
    """Each symbol is 11 modules (the stop 13) with an even bar width, and the widths decode
    back to the symbols; an odd digit run keeps its first digit in set B."""
    for value, pattern in enumerate(code128.PATTERNS[:-1]):
        assert sum(map(int, pattern)) == 11 and sum(int(pattern[i]) for i in (0, 2, 4)) % 2 == 0, value
    assert decode(code128.widths(text)) == code128.symbols(text)
    assert code128.modules(text) == sum(code128.widths(text)) + 2 * code128.QUIET


def test_code128_refuses_what_set_b_cannot_carry():
    with pytest.raises(code128.NotEncodable):
        code128.symbols("訂單1")
    with pytest.raises(code128.NotEncodable):
        code128.symbols("")


# ---------------------------------------------------------------- the service


def test_the_pick_list_sums_quantities_across_orders(orders):
    o1, o2, o3 = (printing.packing_slips([i])[0].order_no for i in orders)
    lines = {(p.product, p.options): p for p in printing.pick_list(orders)}
    red = lines[("冷泡茶包（30入）", "口味：紅茶")]
    assert red.quantity == 5 and red.orders == tuple(sorted([(o1, 2), (o2, 3)]))
    assert lines[("冷泡茶包（30入）", "口味：綠茶")].quantity == 1
    assert lines[("梨山高冷茶 150g", "")].orders == ((o3, 4),)
    assert sum(p.quantity for p in lines.values()) == 2 + 1 + 3 + 1 + 4
    # The same product twice in one order counts once per order, summed.
    assert printing.sum_pick_lines([("O1", "茶", "", 1), ("O1", "茶", "", 2), ("O2", "茶", "", 1)]) == [
        printing.PickLine("茶", "", 4, (("O1", 3), ("O2", 1)))]


def test_slips_keep_the_order_given_and_find_orders_by_number(orders):
    slips = printing.packing_slips(list(reversed(orders)) + [99999])
    assert [s.buyer_name for s in slips] == ["林大同", "陳美麗", "王小明"]
    first = slips[2]
    assert (first.recipient, first.recipient_phone, first.total) == ("王小明", "0912345678", 2580 + 0)
    assert first.quantity == 3 and first.store == "測試商店"
    ids, missing = printing.order_ids_by_number([slips[0].order_no.lower(), "O404", slips[1].order_no])
    assert ids == [orders[2], orders[1]] and missing == ["O404"]


# ---------------------------------------------------------------- the PDF


@needs_pdftotext
@pytest.mark.parametrize("size", ["a4", "label"])
def test_packing_slips_to_pdf(qapp, orders, tmp_path, size):
    from app.widgets import slips as sl

    data = printing.packing_slips(orders)
    pdf = tmp_path / f"slips-{size}.pdf"
    pages = sl.write_pdf(pdf, lambda device: sl.paint_slips(device, data), size)
    assert pages == 3
    text = pdf_text(pdf)
    for slip in data:
        assert text.count(slip.order_no) >= 2  # under the barcode and in the details
    for words in ("出貨單", "測試商店", "王小明", "0912345678", "台北市大安區復興南路一段 390 號",
                  "冷泡茶包(30入)", "口味:紅茶", "旅行茶具組", "梨山高冷茶 150g", "NT$2,580",
                  "高雄市前鎮區中山二路 5 號", "宅配", "ATM 轉帳"):
        assert words in text, words
    if size == "label":  # the page is 10×15 cm
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"Page size:\s+283(\.\d+)? x 425(\.\d+)? pts", info), info  # whole points


@needs_pdftotext
def test_a_long_slip_runs_on_to_a_second_label(qapp, shop, tmp_path):
    from app.widgets import slips as sl

    oid = place_order(store_id=shop["store"].id, buyer=Buyer("王小明", "0912", "", "台北市"),
                      items=[Item(f"商品 {i:02d}", 1, 100, "") for i in range(40)],
                      payment_method_id=shop["atm"].id, shipping_method_id=shop["home"].id,
                      operator="甲").order_id
    pdf = tmp_path / "long.pdf"
    assert sl.write_pdf(pdf, lambda d: sl.paint_slips(d, printing.packing_slips([oid])), "label") >= 2
    text = pdf_text(pdf)
    assert "商品 00" in text and "商品 39" in text and "(續)" in text and "第 2" in text
    rows = [line for line in text.splitlines() if re.search(r"商品 \d\d", line)]
    assert len(rows) == 40 and all("NT$100" in row for row in rows)  # no row split over two pages


@needs_pdftotext
@pytest.mark.parametrize("size", ["a4", "label"])
def test_pick_list_to_pdf(qapp, orders, tmp_path, size):
    from app.widgets import slips as sl

    pdf = tmp_path / "pick.pdf"
    assert sl.write_pdf(pdf, lambda d: sl.paint_pick_list(d, printing.pick_list(orders), 3), size) == 1
    text = pdf_text(pdf)
    assert "揀貨單" in text and "3 筆訂單,4 種商品,共 11 件" in text
    red = next(line for line in text.splitlines() if "紅茶" in line)
    assert "5" in red.split()  # 2 + 3, on the 紅茶 line
    order_nos = [s.order_no for s in printing.packing_slips(orders)]
    assert order_nos[0] in text and order_nos[2] in text


def test_a_pdf_that_cannot_be_written_says_so(qapp, orders, tmp_path):
    from app.widgets import slips as sl

    with pytest.raises(OSError):
        sl.write_pdf(tmp_path / "no" / "such" / "x.pdf",
                     lambda d: sl.paint_slips(d, printing.packing_slips(orders)))


# ---------------------------------------------------------------- the window


def to_pdf(path: Path, asked: list):
    """Stands in for Qt's print dialog: the clerk chooses to print to the PDF ``path``."""
    from PySide6.QtPrintSupport import QPrinter

    def ask(parent, printer, title):
        asked.append((title, printer.pageLayout().pageSize().id()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return ask


@pytest.fixture
def printed(monkeypatch, tmp_path):
    """The print dialog answered "print to a PDF": what it was asked ((title, page size) each
    time) and the PDF's path."""
    from app.views import print_action

    asked: list = []
    path = tmp_path / "printed.pdf"
    monkeypatch.setattr(print_action, "ask_printer", to_pdf(path, asked))
    return asked, path


def orders_list(qtbot, w):
    from app.domain.tabs import OrderTab

    page = w.orders_page
    page.set_tab(OrderTab.ALL)
    lt = page.current_list()
    qtbot.waitUntil(lambda: lt.model.rowCount() >= 3, timeout=3000)
    return lt


@needs_pdftotext
def test_ctrl_p_prints_the_selected_orders_packing_slips(qtbot, clerk_window, orders, printed):
    asked, pdf = printed
    w = clerk_window("店員甲")
    lt = orders_list(qtbot, w)
    lt.view.selectAll()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    lt.view.setFocus()
    qtbot.keyClick(lt.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and asked[0][0] == "列印出貨單"
    text = pdf_text(pdf)
    for slip in printing.packing_slips(orders):
        assert slip.order_no in text and slip.delivery_address in text
    assert "已列印 3 筆訂單的出貨單" in w.statusBar().currentMessage()


@needs_pdftotext
def test_the_context_menu_prints_a_pick_list_on_the_label_size(qtbot, clerk_window, orders, printed):
    from PySide6.QtGui import QAction, QPageSize
    from PySide6.QtWidgets import QPushButton

    asked, pdf = printed
    w = clerk_window("店員甲")
    w.findChild(QAction, "action_size_label").trigger()  # 檔案 → 紙張大小 → 10×15 cm 標籤
    lt = orders_list(qtbot, w)
    lt.view.selectAll()
    entries = {a.objectName(): a for a, _button, _enabled in lt._actions}
    assert entries["action_print_slips"].isEnabled() and entries["action_print_pick_list"].isEnabled()
    assert lt.findChild(QPushButton, "button_view") is not None
    assert lt.findChild(QPushButton, "button_print_slips") is None  # the context menu only
    entries["action_print_pick_list"].trigger()
    assert asked == [("列印揀貨單", QPageSize.PageSizeId.Custom)]
    assert "共 11 件" in pdf_text(pdf)


def test_printing_with_nothing_selected_says_what_to_do(qtbot, clerk_window, orders, prompts, monkeypatch):
    from app.views import print_action

    monkeypatch.setattr(print_action, "ask_printer", lambda *a: pytest.fail("no dialog without orders"))
    w = clerk_window("店員甲")
    lt = orders_list(qtbot, w)
    lt.view.clearSelection()
    w.orders_page.printer.print_document(print_action.SLIPS)
    assert prompts.messages and "選取要列印的訂單" in prompts.messages[-1][2]


@needs_pdftotext
def test_save_as_pdf_and_preview(qtbot, clerk_window, orders, prompts, tmp_path):
    from app.views import print_action

    w = clerk_window("店員甲")
    lt = orders_list(qtbot, w)
    lt.view.selectAll()
    prompts.answers[print_action.prompts.Kind.SAVE_FILE] = str(tmp_path / "slips")
    path = w.orders_page.printer.save_pdf(print_action.SLIPS)
    assert path == str(tmp_path / "slips.pdf") and "王小明" in pdf_text(path)
    assert w.orders_page.printer.page_size() == "a4"
    prompts.answers[print_action.prompts.Kind.SAVE_FILE] = str(tmp_path / "gone" / "slips.pdf")
    assert w.orders_page.printer.save_pdf(print_action.SLIPS) is None  # told why, nothing else
    assert "無法寫入" in prompts.messages[-1][2] and "gone" in prompts.messages[-1][2]
    dialog = w.orders_page.printer.preview(print_action.PICK_LIST)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.close()


# ---------------------------------------------------------------- the command line


@needs_pdftotext
def test_the_command_line_prints_slips_and_a_pick_list(qapp, db, orders, tmp_path, capsys):
    import main

    url = "sqlite:///" + db.database
    numbers = [s.order_no for s in printing.packing_slips(orders)]
    out = tmp_path / "slips.pdf"
    assert main.main(["print-slips", "--db", url, "--orders", ",".join(numbers[:2]),
                      "--orders", numbers[2], "--out", str(out), "--size", "label"]) == 0
    assert "3 pages for 3 orders" in capsys.readouterr().out
    assert all(n in pdf_text(out) for n in numbers)
    pick = tmp_path / "pick.pdf"
    assert main.main(["print-pick-list", "--db", url, "--orders", ",".join(numbers), "--out", str(pick)]) == 0
    assert "共 11 件" in pdf_text(pick)
    assert main.main(["print-slips", "--db", url, "--orders", "O404", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "O404" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
