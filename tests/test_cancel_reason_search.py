"""取消訂單's search of the requests' reasons finds the same requests on the three backends:
the text folded as the order search folds it (``search.holds_text``), accents kept.  Before,
peewee's ``contains`` ran MariaDB's ``LIKE`` in the column's ``_ci`` collation, where "cafe"
found a reason holding "café" (and "Ａ" one holding "a"), which SQLite and PostgreSQL did not."""

import peewee as pw
from db_rows import make_shop
from search_shop import place

from app.domain.inputs import CancellationInput
from app.domain.tabs import CancelTab
from app.services import cancel_list
from app.services import cancellations as cx

REASONS = ["買錯顏色 café", "Wrong SIZE", "改買 100%_款", "改買 1000_款", "ＡＢＣ 重複下單"]


def found(text: str) -> list[str]:
    f = cancel_list.CancelFilter(tab=CancelTab.ALL, search=text)
    rows, _ = cancel_list.fetch_cancellations(f)
    counted = cancel_list.count_cancellations(f)[CancelTab.ALL]
    reasons = sorted(r.reason for r in rows)
    assert counted == len(reasons), (text, counted, reasons)
    return reasons


#: (text, the reasons it finds)
CASES = [
    ("café", ["買錯顏色 café"]),
    ("CAFÉ", ["買錯顏色 café"]),     # a capital beyond A–Z folded as the server's LOWER (SQLite: A–Z only)
    ("cafe", []),                     # accents are letters of their own
    ("wrong size", ["Wrong SIZE"]),
    ("100%", ["改買 100%_款"]),         # the wildcards are characters
    ("0_款", ["改買 1000_款"]),           # "_" is no wildcard: 100%_款 does not hold it
    ("ＡＢＣ", ["ＡＢＣ 重複下單"]),
    ("ABC", []),                      # full-width letters are not ASCII ones
]


def test_a_reason_is_found_alike_on_every_backend(anydb):
    shop = make_shop()
    for i, reason in enumerate(REASONS):
        oid = place(shop, f"買家{i}", phone=f"09220001{i:02d}", minutes=i)
        cx.request_cancellation(oid, CancellationInput(reason), by=cx.CUSTOMER, operator="storefront")
    wrong = {}
    for text, reasons in CASES:
        if text == "CAFÉ" and isinstance(anydb, pw.SqliteDatabase):
            reasons = []  # SQLite's LOWER folds A–Z only, as the order search documents
        if found(text) != reasons:
            wrong[text] = (found(text), reasons)
    assert not wrong
