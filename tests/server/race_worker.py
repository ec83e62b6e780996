"""One clerk in a race: a separate process that opens OrderDesk on a database URL and tries the
same action on every order, as a clerk whose screen still shows each order's old version.

Run by ``test_server_race.py`` through ``multiprocessing`` (spawn), so each clerk has its own
interpreter and its own database connection, as on separate desktops.
"""

from __future__ import annotations

import random
import traceback
from datetime import date, datetime

PAY = "pay"
CONFIRM = "confirm"


def clerk(url: str, name: str, order_ids: list[int], action: str, expected_version: int,
          seed: int, barrier, results) -> None:
    """Try ``action`` on every order (in an order of this clerk's own), expecting the version
    its screen showed; put {"clerk", "ok": [ids], "stale", "refused", "errors": [text]} on
    ``results``."""
    out = {"clerk": name, "ok": [], "stale": 0, "refused": 0, "errors": []}
    try:
        from app.domain.errors import StaleError, TransitionError
        from app.domain.inputs import PaymentNotice
        from app.models.db import connect
        from app.services import orders as svc

        db = connect(url)  # as a clerk's OrderDesk starts: migrations find nothing to do
        ids = list(order_ids)
        random.Random(seed).shuffle(ids)
        notice = PaymentNotice(date(2024, 5, 1), 820, "12345")
        now = datetime(2024, 5, 2, 3, 0, 0)
        barrier.wait(60)
        for oid in ids:
            try:
                if action == PAY:
                    svc.record_payment_notice(oid, notice, operator=name,
                                              expected_version=expected_version, now=now)
                else:
                    svc.confirm_payment(oid, operator=name, expected_version=expected_version,
                                        now=now)
                out["ok"].append(oid)
            except StaleError:
                out["stale"] += 1
            except TransitionError:
                out["refused"] += 1
            except Exception:  # noqa: BLE001 - reported to the test, which fails on any
                out["errors"].append(traceback.format_exc(limit=4))
        db.close()
    except Exception:  # noqa: BLE001
        out["errors"].append(traceback.format_exc(limit=6))
    results.put(out)


def opener(url: str, barrier, results) -> None:
    """Open OrderDesk on ``url`` at the same moment as the others (the migrations race)."""
    try:
        from app.models.db import connect

        barrier.wait(60)
        db = connect(url)
        db.close()
        results.put(None)
    except Exception:  # noqa: BLE001
        results.put(traceback.format_exc(limit=6))
