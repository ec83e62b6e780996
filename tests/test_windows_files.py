"""Windows desks (issue 18): Big5 with user-defined characters (造字) as Windows reads them,
UTF-16 "Unicode text" (tab-separated), 民國 dates, and a cp950 console that cannot print 堃.
Every file here is real bytes, written as the Windows tools write them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from test_import import GOOD_ORDERS, NH, OH, order_row, write_csv, write_xlsx

from app.models.tables import Order, OrderItem, PaymentNotice
from app.services import importer as im
from app.services.common import now_or

ROOT = Path(__file__).resolve().parent.parent


def big5_line(cells: list) -> bytes:
    return b",".join(c if isinstance(c, bytes) else str(c).encode("cp950") for c in cells) + b"\r\n"


def test_big5_with_a_user_defined_character_is_read_as_windows_reads_it(shop, tmp_path):
    """FA 40 is the first 造字 of Big5: Windows cp950 reads it as U+E000 (and 8140 as U+EEB8,
    C6A1 as U+F6B1).  The rows import; each such cell is warned about, named by sheet, row and
    column."""
    path = tmp_path / "orders-eudc.csv"
    rows = [big5_line(OH)]
    rows.append(big5_line(["E1", "2026-11-01 10:00", "測試商店", "ATM 轉帳", "宅配",
                           "王".encode("cp950") + b"\xfa\x40", "0912345678", "a@example.com",
                           "台北市大安區", "藍牙耳機", "黑", 1, 350]))
    rows.append(big5_line(order_row("E2")))
    rows.append(big5_line(["E3", "2026-11-01 10:00", "測試商店", "ATM 轉帳", "宅配", "林雅婷",
                           "0912345678", "a@example.com", b"\x81\x40" + "路".encode("cp950")
                           + b"\xc6\xa1", "茶葉", "", 1, 500]))
    path.write_bytes(b"".join(rows))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("cp950")  # what refused the whole file before
    plan = im.check_file(path)
    assert plan.bad == [] and [o.order_no for o in plan.orders] == ["E1", "E2", "E3"]
    assert [(w.sheet, w.row, w.column) for w in plan.warnings] == [
        ("orders-eudc.csv", 2, "訂購人"), ("orders-eudc.csv", 4, "送貨地址")]
    assert plan.warnings[0].message().startswith("「王\ue000」含有造字（使用者自訂字）：照 Windows 的讀法匯入")
    assert plan.warnings[1].params == {"value": "\ueeb8路\uf6b1"}
    im.apply_import(plan, operator="import")
    assert Order.get(Order.order_no == "E1").buyer_name == "王\ue000"
    assert Order.get(Order.order_no == "E3").delivery_address == "\ueeb8路\uf6b1"


def test_a_workbook_with_a_user_defined_character_is_flagged_too(shop, tmp_path):
    """A workbook saved on a desk with 造字 holds the private-use character itself."""
    path = write_xlsx(tmp_path / "o.xlsx", {"訂單": (OH, [
        order_row("W1"), order_row("W2", buyer="陳\ue000明", product="茶\uf848")])})
    plan = im.check_file(path)
    assert plan.bad == [] and len(plan.orders) == 2
    assert [(w.sheet, w.row, w.column, w.params) for w in plan.warnings] == [
        ("訂單", 3, "訂購人", {"value": "陳\ue000明"}), ("訂單", 3, "商品", {"value": "茶\uf848"})]


def test_the_windows_code_points_of_each_eudc_range():
    """The four ranges' first and last bytes, as Windows' cp950 table maps them."""
    pairs = {b"\xfa\x40": "\ue000", b"\xfe\xfe": "\ue310", b"\x8e\x40": "\ue311",
             b"\xa0\xfe": "\ueeb7", b"\x81\x40": "\ueeb8", b"\x8d\xfe": "\uf6b0",
             b"\xc6\xa1": "\uf6b1", b"\xc8\xfe": "\uf848"}
    for raw, want in pairs.items():
        # Between two ordinary characters whose trail bytes look like EUDC lead bytes.
        data = "王".encode("cp950") + raw + "@訂".encode("cp950")
        assert im.decode_csv(data) == "王" + want + "@訂", raw
    assert im.decode_csv("王小明".encode("cp950")) == "王小明"  # A4FD: FD is a trail byte here
    # Every pair of the four ranges, in order: U+E000…U+F848, each once, none left out.
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    pairs = [bytes((lead, t)) for leads in (range(0xFA, 0xFF), range(0x8E, 0xA1), range(0x81, 0x8E))
             for lead in leads for t in trails]
    pairs += [bytes((0xC6, t)) for t in range(0xA1, 0xFF)]
    pairs += [bytes((lead, t)) for lead in (0xC7, 0xC8) for t in trails]
    assert im.decode_csv(b"".join(pairs)) == "".join(map(chr, range(0xE000, 0xF849)))
    with pytest.raises(im.UnreadableFile):
        im.decode_csv(b"\xff\xfe\xfa"[2:] + b"\xff")  # a lone lead byte, then 0xFF: not Big5


def test_utf16_unicode_text_tab_separated_as_excel_saves_it(shop, tmp_path):
    """Excel's 「Unicode 文字」: UTF-16 LE with its BOM, columns separated by tabs."""
    path = tmp_path / "orders.csv"
    text = "\r\n".join("\t".join(str(c) for c in r) for r in [OH, *GOOD_ORDERS]) + "\r\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    plan = im.check_file(path)
    assert plan.bad == [] and [o.order_no for o in plan.orders] == ["A001", "A002", "A003"]
    im.apply_import(plan, operator="import")
    assert sorted(Order.select(Order.buyer_name).tuples()) == [("林雅婷",), ("王小明",), ("王小明",)]
    # Big-endian with its BOM, comma-separated, is read too.
    be = write_csv(tmp_path / "be.csv", NH, [["A001", "2026-11-02", 1100, "12345", "台新"]], "utf-16-be")
    be.write_bytes(b"\xfe\xff" + be.read_bytes())
    plan = im.check_file(be)
    assert plan.bad == [] and plan.notices[0].notice.amount == 1100


@pytest.mark.parametrize("written, want", [
    ("115/11/01", datetime(2026, 11, 1)),
    ("115-11-01 14:30", datetime(2026, 11, 1, 14, 30)),
    ("115.11.1", datetime(2026, 11, 1)),
    ("民國115年11月1日", datetime(2026, 11, 1)),
    ("民國 115 年 11 月 1 日 09:05", datetime(2026, 11, 1, 9, 5)),
    ("115年11月1日", datetime(2026, 11, 1)),
    ("2026年11月1日", datetime(2026, 11, 1)),
])
def test_roc_dates_in_every_date_column(shop, tmp_path, written, want):
    """民國 year + 1911, in the orders' 訂單日期, the notices' 轉帳日期 and the requests' 申請日期."""
    path = write_xlsx(tmp_path / "roc.xlsx", {
        "訂單": (OH, [order_row("R1", date=written)]),
        "付款": (NH, [["R1", written, 470, "12345", ""]]),
    })
    plan = im.check_file(path, today=want.date())
    assert plan.bad == [], [b.line() for b in plan.bad]
    assert plan.orders[0].order_date == now_or(want.astimezone())
    im.apply_import(plan, operator="import")
    notice = PaymentNotice.get()
    assert notice.transfer_date == want.date()
    assert OrderItem.select().count() == 1
    requested = im._datetime(written, "request_date")
    assert requested == want


def test_an_impossible_roc_date_is_refused_naming_it(shop, tmp_path):
    path = write_csv(tmp_path / "o.csv", OH, [order_row("R1", date="民國115年2月29日"),
                                              order_row("R2", date="115/13/01")])
    plan = im.check_file(path)
    assert [(b.row, b.column, b.message()) for b in plan.bad] == [
        (2, "訂單日期", "日期「民國115年2月29日」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。"),
        (3, "訂單日期", "日期「115/13/01」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。")]


def test_import_prints_a_name_with_a_character_cp950_lacks(db, tmp_path):
    """A zh-TW Windows desk writing to a log file: the console is cp950, which has no 堃.
    The import's report still prints (堃 as ?), and the import is made."""
    path = write_csv(tmp_path / "orders.csv", OH, [order_row("K1", store="堃記商行"),
                                                   *GOOD_ORDERS])
    env = {**os.environ, "PYTHONIOENCODING": "cp950", "PYTHONUTF8": "0"}
    from db_rows import make_shop  # the same shop, in the subprocess's database
    make_shop()
    url = "sqlite:///" + str(tmp_path / "test.db")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(path), "--db", url,
                           "--yes"], capture_output=True, env=env, cwd=ROOT, timeout=120)
    err = proc.stderr.decode("cp950", "replace")
    assert proc.returncode == 0, err
    assert "UnicodeEncodeError" not in err and "Traceback" not in err
    out = proc.stdout.decode("cp950")
    assert "bad row orders.csv:2 [商店名稱] 找不到商店「?記商行」。" in out
    assert "已匯入新訂單 3 筆" in out and Order.select().count() == 3
    with pytest.raises(UnicodeEncodeError):  # what stopped the command before
        "堃".encode("cp950")


def test_tzdata_is_a_runtime_dependency():
    """Windows has no IANA zone files: zoneinfo needs the tzdata package."""
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    assert any(d.replace(" ", "").startswith("tzdata") for d in deps)
