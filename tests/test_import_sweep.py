"""Faults an adversarial sweep of the import found (its streaming path, issue 11; its slices,
issue 15 item 5), each on SQLite and on both servers where the backend matters:

* an order number another desk took while the import is written fails the import with the
  driver's own IntegrityError (the bulk path's raw ``executemany`` raises the driver's class,
  not peewee's), and after the first slice the import is stuck: it can never be finished;
* the same happens to an import killed part-way when the clerk imports the file again at once;
* a long payment-notice note or cancellation reason breaks the write on MariaDB (TEXT holds
  64 KB) with the driver's message, and stops the import for good after its first slice;
* a staged chunk larger than MariaDB's ``max_allowed_packet`` is reported as the network gone;
* ``orderdesk import`` prints a traceback when an import cut short cannot be finished;
* the check's memory grows with the rows (not the orders) when the file was imported before,
  or when one order's rows are at both ends of the file (issue 11: 1M rows within 300 MB);
* a workbook that is not a zip (password-protected, an old .xls) is refused with Python's
  "BadZipFile: File is not a zip file".
"""

from __future__ import annotations

import gc
import tracemalloc
from datetime import timedelta
from pathlib import Path

import pytest
from db_rows import make_shop
from import_clerks import DAY, after_first_slice, imported, prepared, whole
from test_import import CH, NH, OH, order_row, write_csv, write_xlsx

import main
from app.domain.bounds import MAX_ITEMS
from app.models.db import database, is_sqlite
from app.models.tables import (
    CancellationRequest,
    ImportBatch,
    Order,
    OrderItem,
    PaymentNotice,
    StatusHistory,
    utcnow,
)
from app.services import import_check, import_write
from app.services import import_journal as journal
from app.services import importer as im
from app.services import orders as svc


def _clerk_takes(shop: dict, order_no: str):
    """Another desk places an order numbered ``order_no`` (the storefront, another import)."""
    return lambda: svc.place_order(
        store_id=shop["store"].id, buyer=svc.Buyer("另一位客人"), items=[svc.Item("茶葉", 1, 500)],
        payment_method_id=shop["atm"].id, shipping_method_id=shop["home"].id, operator="店員甲",
        order_no=order_no)


def _kind() -> str:
    db = database.obj
    return "sqlite" if is_sqlite(db) else "pg" if "postgres" in type(db).__name__.lower() else "mysql"


# ---------------------------------------------------------------- a number taken meanwhile


def test_an_order_number_taken_after_the_first_slice_is_left_out_by_row(anydb, tmp_path, monkeypatch):
    """docs/IMPORT.md: "a new order whose number a clerk just used … is left out and listed in
    the result by sheet and row, and everything else is written".  Was: ImportInterrupted
    with the driver's "UNIQUE constraint failed" / "duplicate key value" / "(1062, …)", the
    rest (here the 40 payment notices) never written, the batch stuck in "applying"."""
    shop, plan, _paid = prepared(tmp_path, 120)
    last = plan.orders[-1].order_no  # (no notice of the plan is for it: every third order)
    after_first_slice(monkeypatch, _clerk_takes(shop, last))
    result = im.apply_import(plan, operator="匯入")
    assert [(c.sheet, c.row, c.message()) for c in result.conflicts] == [
        ("orders.csv", 121, f"訂單編號 {last} 在匯入開始後已被另一筆訂單使用，這一列沒有匯入。")]
    assert imported(plan) == whole(plan)  # 119 of the import's + the other desk's, every notice
    assert [s for (s,) in ImportBatch.select(ImportBatch.state).tuples()] == [journal.DONE]


def test_an_order_number_taken_before_the_first_slice_fails_with_the_clear_message(anydb, tmp_path,
                                                                                 monkeypatch):
    """Taken between the last check and the first slice: the import fails whole with the
    importer's message (ChangedSinceCheck), not the driver's words; nothing of it written."""
    shop, plan, _paid = prepared(tmp_path, 120)
    first = plan.orders[0].order_no  # written by the first slice, whatever its size
    real = import_write._still_as_checked
    monkeypatch.setattr(import_write, "_still_as_checked",
                        lambda p: (real(p), _clerk_takes(shop, first)()))
    with pytest.raises(im.ImportFailed) as err:
        im.apply_import(plan, operator="匯入")
    assert not isinstance(err.value, im.ImportInterrupted)
    assert err.value.message() == (
        f"訂單編號 {first} 在檢查之後已被另一筆訂單使用，這次匯入沒有寫入任何資料，請重新匯入。")
    assert imported(plan) == dict(orders=1, placed=1, notices=0)  # the other desk's order only
    assert ImportBatch.select().count() == 0


def test_a_killed_import_then_the_same_file_again_is_finished_every_record_once(anydb, tmp_path,
                                                                              monkeypatch):
    """The importer dies after some slices (kill -9: its lease still runs); the clerk opens
    OrderDesk again and imports the same file at once: the check skips what is there and
    imports the rest.  Once the lease is over the dead batch must finish (its orders now
    taken: left out), not fail for ever with the driver's IntegrityError — which stopped
    every later import (``check_file`` finishes stopped imports first)."""
    make_shop()
    rows = [order_row(f"K{i:04d}", date="2026-11-01 10:00") for i in range(300)]
    path = write_xlsx(tmp_path / "in.xlsx", {
        "訂單": (OH, rows),
        "付款": (NH, [[f"K{i:04d}", "2026-11-02", 470, "12345", ""] for i in range(0, 300, 2)]),
    })
    calls = []

    def killed():  # after three slices, as kill -9 would: nothing more, the lease running
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(import_write, "SLICE_SECONDS", 0.0)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.0)
    monkeypatch.setattr(import_write, "SQLITE_GAP", 0.0)
    monkeypatch.setattr(journal, "release", lambda batch: None)  # a dead process releases nothing
    with pytest.raises(KeyboardInterrupt):
        im.apply_import(im.check_file(path, today=DAY), operator="匯入",
                        progress=lambda done, total: killed())
    assert 0 < Order.select().count() < 300
    monkeypatch.undo()
    ImportBatch.update(touched_at=utcnow()).execute()  # its importer "wrote" just now

    again = im.check_file(path, today=DAY)  # the lease runs: the dead batch is left alone
    assert again.bad == [] and again.skipped
    im.apply_import(again, operator="匯入")
    monkeypatch.setattr(journal, "LEASE", timedelta(0))
    im.finish_interrupted()  # the next open, a minute later
    assert [s for (s,) in ImportBatch.select(ImportBatch.state).tuples()] == [journal.DONE] * 2
    assert (Order.select().count(), OrderItem.select().count(), PaymentNotice.select().count()) == (300, 300, 150)
    assert StatusHistory.select().count() == 300 + 150
    im.check_file(write_csv(tmp_path / "next.csv", OH, [order_row("NEXT")]), today=DAY)


# ---------------------------------------------------------------- long texts on MariaDB


def test_a_long_note_or_reason_is_imported_or_refused_by_row_on_every_backend(anydb, tmp_path,
                                                                             monkeypatch):
    """A payment notice's 備註 and a request's 取消原因 of 25,000 characters (an Excel cell holds
    32,767): imported on SQLite and PostgreSQL; on MariaDB the write failed with
    ``(1406, "Data too long for column 'input' at row 1")`` — after the first slice, the
    import stopped for good (every later open and import failing the same way), the orders
    of that slice lost.  Either import them, or refuse the rows naming sheet, row and column."""
    make_shop()
    path = write_xlsx(tmp_path / "long.xlsx", {
        "訂單": (OH, [order_row(f"L{i:03d}", date="2026-11-01 10:00") for i in range(30)]),
        "付款": (NH, [["L000", "2026-11-02", 470, "12345", "備" * 25_000]]),
        "取消": (CH, [["L001", "", "因" * 25_000, "", "", "", ""]]),
    })
    after_first_slice(monkeypatch, lambda: None)  # slices of a few records: the notice comes later
    plan = im.check_file(path, today=DAY)
    if plan.bad:
        assert {(b.sheet, b.row, b.column) for b in plan.bad} == {("付款", 2, "備註"), ("取消", 2, "取消原因")}
    im.apply_import(plan, operator="匯入")  # no driver error, no import left half
    assert Order.select().count() == 30
    assert PaymentNotice.select().count() + CancellationRequest.select().count() == 2 - len(plan.bad)
    assert ImportBatch.select().where(ImportBatch.state != journal.DONE).count() == 0


def test_a_staged_chunk_beyond_the_servers_packet_limit_is_not_the_network(anydb, tmp_path):
    """MariaDB refuses a statement larger than ``max_allowed_packet`` (16 MB by default) and
    drops the connection: 2,000 orders of eight items whose 商品 and 規格 are 200 characters
    each (all within their columns) were staged as one chunk of ~19 MB, and the clerk was told
    「無法連線到資料庫伺服器（連線中斷，重新連線也失敗）…請確認網路與伺服器正常」 — a file that
    could never be imported, blamed on the network.  A chunk now ends at ``STAGE_BYTES`` too.
    (One order of some 14,000 such items made one record beyond the packet: an order holds
    at most ``MAX_ITEMS`` lines, next test.)"""
    if _kind() != "mysql":
        pytest.skip("a packet limit is MariaDB's")
    limit = database.obj.execute_sql("SELECT @@max_allowed_packet").fetchone()[0]
    make_shop()
    orders = min(journal.STAGE, limit // (8 * 1150) + 50)  # a whole chunk's worth beyond the packet
    rows = []
    for i in range(orders):
        rows.append(order_row(f"B{i:05d}", date="2026-11-01 10:00", product="長" * 200, options="規" * 200,
                              price=1))
        rows += [order_row(f"B{i:05d}", date="", store="", pay="", ship="", buyer="", product="長" * 200,
                           options="規" * 200, price=1)] * 7
    plan = im.check_file(write_csv(tmp_path / "big.csv", OH, rows), today=DAY)
    assert not plan.bad
    try:
        im.apply_import(plan, operator="匯入")
    except im.ImportFailed as err:
        pytest.fail(f"a valid file failed: {err.message()}")
    assert Order.select().count() == orders and OrderItem.select().count() == 8 * orders


def _long_order(no: str, lines: int) -> list[list]:
    first = order_row(no, date="2026-11-01 10:00", product="長" * 200, options="規" * 200, price=1)
    more = order_row(no, date="", store="", pay="", ship="", buyer="", product="長" * 200,
                     options="規" * 200, price=1)
    return [first] + [more] * (lines - 1)


def test_the_largest_order_imports_on_every_backend(anydb, tmp_path):
    """An order of ``MAX_ITEMS`` lines, 商品 and 規格 200 characters each (the longest record an
    import stages: within MariaDB's packet), is written whole; one line more is refused by
    the check, with the row and the column."""
    make_shop()
    plan = im.check_file(write_csv(tmp_path / "big.csv", OH, _long_order("BIG", MAX_ITEMS)), today=DAY)
    assert not plan.bad
    try:
        im.apply_import(plan, operator="匯入")
    except im.ImportFailed as err:
        pytest.fail(f"a valid file failed: {err.message()}")
    assert OrderItem.select().count() == MAX_ITEMS
    plan = im.check_file(write_csv(tmp_path / "bigger.csv", OH, _long_order("BIGGER", MAX_ITEMS + 1)), today=DAY)
    assert plan.good == 0 and (plan.bad[0].row, plan.bad[0].column) == (2, "商品")


# ---------------------------------------------------------------- the command line


def test_the_command_line_says_why_when_an_import_cut_short_cannot_be_finished(shop, tmp_path, capsys,
                                                                             monkeypatch):
    """``orderdesk import`` finishes a stopped import before checking (``check_file``); when
    that fails (the server gone again, a record it cannot write) the command printed a
    Python traceback: ImportInterrupted is not UnreadableFile, the only error its check step
    catches.  It should say so and exit 1 (docs/IMPORT.md: "No … traceback")."""
    url = "sqlite:///" + str(tmp_path / "test.db")

    def cannot_finish():
        raise im.ImportInterrupted(RuntimeError("the server went away"), 5, 10)

    monkeypatch.setattr(import_check, "finish_interrupted", cannot_finish)
    path = write_csv(tmp_path / "orders.csv", OH, [order_row("C1")])
    assert main.main(["import", str(path), "--db", url, "--yes"]) == 1
    err = capsys.readouterr().err
    assert "5 / 10" in err and "the server went away" in err


# ---------------------------------------------------------------- memory (issue 11)


def _check_peak(path: Path) -> tuple[int, im.ImportPlan]:
    gc.collect()
    tracemalloc.start()
    try:
        plan = im.check_file(path, today=DAY)
        return tracemalloc.get_traced_memory()[1], plan
    finally:
        tracemalloc.stop()


def _two_row_orders(n: int) -> list[list]:
    rows = []
    for i in range(n // 2):
        rows.append(order_row(f"M{i:06d}", date="2026-11-01 10:00", price=100))
        rows.append(order_row(f"M{i:06d}", date="", store="", pay="", ship="", buyer="",
                              product="第二項", price=50))
    return rows


def test_checking_a_file_imported_before_holds_nothing_per_row(shop, tmp_path):
    """Importing a file again adds nothing (docs/IMPORT.md) — and must stay within issue 11's
    memory: the check held a RowIssue per skipped row (~500 bytes: 20,000 rows took 11.5 MB
    where the first check took 5.9; a 200,000-row workbook's re-import peaked at 207 MB RSS
    against 151 MB; 1M rows ~+500 MB)."""
    path = write_csv(tmp_path / "orders.csv", OH, _two_row_orders(20_000))
    first, plan = _check_peak(path)
    im.apply_import(plan, operator="匯入")
    again, plan = _check_peak(path)
    assert plan.good == 0
    assert again < first * 1.3, f"first check {first / 1e6:.1f} MB, again {again / 1e6:.1f} MB"


def test_one_order_at_both_ends_of_the_file_does_not_hold_the_file(shop, tmp_path):
    """The same order number on the first and the last row (a duplicate across every batch
    boundary) made the check keep every row between them (~1.1 KB a row: 20,000 rows took
    22.8 MB instead of 5.9; a 1M-row file over 1 GB, against issue 11's 300 MB)."""
    rows = _two_row_orders(20_000)
    plain, _plan = _check_peak(write_csv(tmp_path / "plain.csv", OH, rows))
    rows.append(order_row("M000000", date="", store="", pay="", ship="", buyer="", product="最後一項", price=50))
    ends, plan = _check_peak(write_csv(tmp_path / "ends.csv", OH, rows))
    assert plan.bad == [] and plan.good == 10_000
    assert ends < plain * 1.3, f"plain {plain / 1e6:.1f} MB, one order at both ends {ends / 1e6:.1f} MB"
    # Every order whole: the one at both ends with its three items (the orders after its
    # first row no longer all held behind it: checked before it), the others as they were.
    orders = {o.order_no: [i.product for i in o.items] for o in plan.orders}
    assert len(orders) == 10_000 and orders["M000000"] == ["藍牙耳機", "第二項", "最後一項"]
    at = [o.order_no for o in plan.orders].index("M000000")
    assert at > 2_000 and plan.orders[at].row == 2
    assert all(v == ["藍牙耳機", "第二項"] for k, v in orders.items() if k != "M000000")


# ---------------------------------------------------------------- a workbook that is not one


@pytest.mark.parametrize("head", [bytes.fromhex("D0CF11E0A1B11AE1"), b"\xef\xbb\xbf\xe8\xa8\x82\xe5\x96\xae"])
def test_a_workbook_that_is_no_zip_is_refused_in_the_clerks_words(shop, tmp_path, head):
    """A password-protected workbook (Excel saves it as an OLE compound file, as an old .xls
    is) or a CSV renamed .xlsx: the clerk read 「無法讀取檔案：BadZipFile: File is not a zip
    file」 — Python's words, and nothing about the password."""
    path = tmp_path / "orders.xlsx"
    path.write_bytes(head + b"\0" * 4096)
    with pytest.raises(im.UnreadableFile) as err:
        im.check_file(path)
    said = err.value.message()
    assert "BadZipFile" not in said and "zip" not in said.lower(), said
