"""``IssueLog``: the rows an import check left out, held compactly, read as ``RowIssue``s."""

from __future__ import annotations

import pytest

from app.services.import_records import CTX, IssueLog, RowIssue

TAKEN = "訂單 {no} 已在資料庫中（已匯入過），略過。"
DIFFERS = "訂單編號 {no} 重複：這一列的「{header}」與第 {row} 列不同。"


def test_issues_read_back_as_they_were_added():
    log = IssueLog()
    log.add("orders.csv", 3, "", TAKEN, {"no": "A1"})
    log.add("orders.csv", 4, "訂購人", DIFFERS, {"no": "A1", "header": "訂購人", "row": 3})
    log.append(RowIssue("notices.csv", 70_000, "金額", "{x}", {"x": 1}, "Other"))
    assert len(log) == 3 and bool(log)
    assert log[0] == RowIssue("orders.csv", 3, "", TAKEN, {"no": "A1"}, CTX)
    assert log[1].message() == "訂單編號 A1 重複：這一列的「訂購人」與第 3 列不同。"
    assert log[-1] == RowIssue("notices.csv", 70_000, "金額", "{x}", {"x": 1}, "Other")
    assert [i.row for i in log[1:]] == [4, 70_000] and log[5:] == []
    assert log.rows(1) == {4, 70_000}
    assert log == list(log) and list(log) == log and log != [] and IssueLog() == []
    with pytest.raises(IndexError):
        log[3]


def test_skipped_rows_hold_bytes_not_objects():
    """Issue 11 item 10: rows skipped as already imported (two rows an order, the order's
    number shared) hold some 20 bytes a row, not a RowIssue of ~500 (a million: ~500 MB)."""
    import tracemalloc

    numbers = [f"M{i:07d}" for i in range(150_000)]
    tracemalloc.start()
    try:
        log = IssueLog()
        for row in range(300_000):
            log.add("orders.csv", row + 2, "", TAKEN, {"no": numbers[row // 2]})
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(log) == 300_000 and log[299_999].message() == "訂單 M0149999 已在資料庫中（已匯入過），略過。"
    assert held < 300_000 * 30, f"{held / 1e6:.1f} MB"
