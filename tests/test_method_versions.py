"""Issue 15, item 1: a change of a payment or shipping method names the version the clerk's
screen showed; when another clerk changed the method since, it is refused (``StaleError``
naming who and when) and nothing is written.  The race: several processes edit one method
over and over, each with the version it read, retrying when told it is stale: no edit is lost
(every accepted edit is in the history, in a chain, and the row is the last one accepted).

The service tests run again on PostgreSQL and MariaDB (``tests/server/test_server_methods.py``).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from db_rows import race, reporting, snapshot

from app.domain.errors import StaleError
from app.models.tables import MethodHistory, PaymentMethod, ShippingMethod
from app.services import methods as svc
from app.services.methods import PaymentMethodInput as PayIn
from app.services.methods import ShippingMethodInput as ShipIn

AT = datetime(2024, 6, 1, 3, 4, 5)


def _edit(kind: str, shop, value_text: str, **kw):
    if kind == "payment":
        return svc.edit_payment_method(shop["atm"].id, PayIn("ATM 轉帳", value_text), **kw)
    return svc.edit_shipping_method(shop["home"].id, ShipIn("宅配", 120, 1000, value_text), **kw)


@pytest.mark.parametrize("kind", ["payment", "shipping"])
def test_an_edit_carries_the_version_and_a_stale_one_is_refused(shop, kind):
    first = _edit(kind, shop, "甲改的", operator="店員甲", expected_version=1, now=AT)
    assert first.version == 2
    before = snapshot()
    with pytest.raises(StaleError) as err:
        _edit(kind, shop, "乙改的", operator="店員乙", expected_version=1)
    assert snapshot() == before  # nothing written
    assert (err.value.changed_by, err.value.changed_at) == ("店員甲", AT)
    name = {"payment": "付款方式「ATM 轉帳」", "shipping": "送貨方式「宅配」"}[kind]
    assert err.value.message() == (
        f"{name}已被 店員甲 於 2024-06-01 03:04:05 UTC 變更，這次操作沒有儲存。請看更新後的資料再試一次。")
    again = _edit(kind, shop, "乙改的", operator="店員乙", expected_version=2)
    assert again.version == 3 and again.description == "乙改的"


def test_an_edit_that_changes_nothing_keeps_the_version(shop):
    row = svc.edit_payment_method(shop["atm"].id, PayIn("ATM 轉帳", ""), operator="甲",
                                  expected_version=1)
    assert row.version == 1 and svc.method_history("payment") == []


def test_without_a_version_an_edit_acts_on_the_current_row(shop):
    _edit("payment", shop, "一", operator="甲")
    assert _edit("payment", shop, "二", operator="乙").version == 3


@pytest.mark.parametrize("kind", ["payment", "shipping"])
def test_delete_and_restore_check_the_version(shop, place, kind):
    place()  # ATM 轉帳 and 宅配 are in use: deleting them archives them
    mid = shop["atm" if kind == "payment" else "home"].id
    delete = getattr(svc, f"delete_{kind}_methods")
    restore = getattr(svc, f"restore_{kind}_method")
    _edit(kind, shop, "改過", operator="店員甲", now=AT)
    before = snapshot()
    with pytest.raises(StaleError):
        delete([mid], operator="店員乙", expected_versions={mid: 1})
    assert snapshot() == before
    result = delete([mid], operator="店員乙", expected_versions={mid: 2})
    assert result.archived
    with pytest.raises(StaleError) as err:
        restore(mid, operator="店員丙", expected_version=2)
    assert err.value.changed_by == "店員乙"
    assert restore(mid, operator="店員丙", expected_version=3).version == 4


def test_a_stale_delete_of_an_unused_method_deletes_nothing(shop):
    mid = shop["post"].id
    svc.edit_shipping_method(mid, ShipIn("郵寄", 70, None), operator="店員甲")
    with pytest.raises(StaleError):
        svc.delete_shipping_methods([mid], operator="店員乙", expected_versions={mid: 1})
    assert ShippingMethod.get_or_none(ShippingMethod.id == mid) is not None
    assert svc.delete_shipping_methods([mid], operator="店員乙",
                                       expected_versions={mid: 2}).deleted == ("郵寄",)


def test_the_rows_show_the_version(shop):
    _edit("shipping", shop, "x", operator="甲")
    assert {r.title: r.version for r in svc.list_shipping_methods()} == {"宅配": 2, "郵寄": 1}
    assert {r.title: r.version for r in svc.list_payment_methods()} == {"ATM 轉帳": 1, "信用卡": 1}


# ---------------------------------------------------------------- the race

EDITORS = 8
EDITS = 20
MAX_TRIES = 400  # a bound, so a broken check cannot spin forever


def editor(url: str, method_id: int, name: str, edits: int, barrier, results) -> None:
    """One clerk's process: ``edits`` edits of the shipping method, each with the version it
    read just before; told it is stale, it reads again and retries.  Puts {"accepted":
    [(description, version)], "stale": n, "errors": [...]} on ``results``."""
    out = {"accepted": [], "stale": 0, "errors": []}
    with reporting(out, results):
        from app.models.db import connect

        connect(url, migrate=False)
        barrier.wait(60)
        for i in range(edits):
            text = f"{name}#{i}"
            for _ in range(MAX_TRIES):
                seen = next(r for r in svc.list_shipping_methods(include_archived=True)
                            if r.id == method_id)
                try:
                    row = svc.edit_shipping_method(method_id, ShipIn(seen.title, seen.fee, None, text),
                                                   operator=name, expected_version=seen.version)
                except StaleError:
                    out["stale"] += 1
                    continue
                out["accepted"].append((text, row.version))
                break
            else:
                out["errors"].append(f"{text}: still stale after {MAX_TRIES} tries")


def race_method_edits(url: str, method_id: int) -> tuple[list, int]:
    """Run the editors on ``url`` (the caller's connection closed meanwhile); returns every
    accepted (description, version) and the number of stale refusals."""
    out = race(editor, [(url, method_id, f"店員{i}", EDITS) for i in range(EDITORS)], 300)
    errors = [e for r in out for e in r["errors"]]
    assert errors == [], errors[0]
    return [a for r in out for a in r["accepted"]], sum(r["stale"] for r in out)


def check_no_edit_lost(method_id: int, accepted: list, initial_description: str) -> None:
    assert len(accepted) == EDITORS * EDITS
    versions = sorted(v for _t, v in accepted)
    assert versions == list(range(2, EDITORS * EDITS + 2))  # each accepted edit one version
    records = [h for h in svc.method_history("shipping", method_id) if h.action == "edit"]
    assert len(records) == len(accepted)
    assert {h.after["description"] for h in records} == {t for t, _v in accepted}
    previous = initial_description
    for h in records:  # a chain: each edit starts from the one before
        assert h.before["description"] == previous
        previous = h.after["description"]
    last = max(accepted, key=lambda a: a[1])[0]
    row = ShippingMethod.get_by_id(method_id)
    assert (row.description, row.version) == (last, EDITORS * EDITS + 1)
    assert previous == last


@pytest.mark.slow
def test_editors_racing_on_one_method_lose_no_edit(tmp_path, db, shop):
    url = "sqlite:///" + str(tmp_path / "test.db")
    mid = shop["home"].id
    db.close()
    accepted, _stale = race_method_edits(url, mid)
    db.connect(reuse_if_open=True)
    check_no_edit_lost(mid, accepted, "")
    assert MethodHistory.select().count() == EDITORS * EDITS
    assert PaymentMethod.select().count() == 2
