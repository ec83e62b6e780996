"""The lists' search by any fragment (issue 11 item 5), each figure beside its floor.

    python benchmarks/bench_search.py --orders 100000 [--db URL] [--runs 21] [--json FILE]

Builds (once, in a child process) a demo shop of ``--orders`` orders: a SQLite file
``search-<n>.db`` under ``$ORDERDESK_BENCH_DIR`` (default /tmp/orderdesk-bench), or with
``--db`` (a PostgreSQL or MariaDB URL whose user may create databases) the database
``od_search_<n>`` on that server — its own, apart from ``bench_tables.py``'s.  Then, on a warm
connection, for each search: its first page (``fetch_orders``, 全部, by date, newest first) and
its tab counts (``count_orders``), medians of ``--runs`` runs, each beside its floor:
the gram lookup run raw on the DB-API cursor (the ids of the orders holding the search's
grams, every one fetched: what no search by the index can do without).

* ``name2``: a two-character given name (雅婷: about 1 order in 32);
* ``name1``: one character, the commonest surname (陳: about 1 in 9);
* ``latin1``, ``latin2``: one and two Latin letters (``a``, ``ch``: buyer names only, and the
  demo's names are all Chinese: none found);
* ``digit1``, ``digit2``: one and two digits (``0``, ``09``: the prefix of the phone or of the
  order number after its ``O``; every demo phone starts with 09);
* ``phone_mid``: five digits from the middle of an order's phone;
* ``phone_dashed``: its first seven digits typed with a dash (``0912-345``: looked for as the
  digits and as typed, ``search.EitherSearch``), beside the digits' own lookup;
* ``absent3``: a three-character name no order has;
* ``scan_absent3_counts``: the counts of that name the way they were counted before the index
  (``LIKE '%…%'`` over every order), beside the same floor;
* ``joined_name1_counts``: the commonest surname's counts the way they were counted before
  migration 24 (its gram rows joined to the orders), beside the same floor;
* ``gmail``, ``year3``: fragments most orders hold (an e-mail's domain; ``202`` in every
  order number), and ``name1_30d``, ``digit1_30d``: 陳 and ``0`` under the last 30 days;
* for each search, ``_counts_now``: what the window counts on its own thread,
  ``count_orders(within=COUNT_NOW)`` — the counts, or, when more orders than that are found,
  the capped look that says so (its counts, ``_counts``, are then taken off the UI thread;
  ``found`` marks those searches ``<key>_apart``).

The floors: for a gram search, the gram lookup run raw (every id fetched); for a prefix of
digits, the ids in the prefix ranges fetched raw; for the counts of one or two characters of
a name (the counter of migrations 24 and 28), the counter's rows of that gram summed per
status, raw.

``--json FILE`` writes ``{"figures": {NAME: {"value", "floor", "unit"}}}`` as ``bench_tables.py``
does, with the build's time and the index's size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_DIR = Path(os.environ.get("ORDERDESK_BENCH_DIR", "/tmp/orderdesk-bench"))
SEARCHES = {"name2": "雅婷", "name1": "陳", "latin1": "a", "latin2": "ch", "digit1": "0", "digit2": "09",
            "absent3": "龘龘龘", "gmail": "gmail", "year3": "202"}
#: Searches under the last 30 days of the shop (its newest order's day and the 29 before it).
DATED = {"name1_30d": "陳", "digit1_30d": "0"}


def url_for(n: int, server: str | None) -> str:
    if not server:
        return "sqlite:///" + str(BENCH_DIR / f"search-{n}.db")
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/od_search_{n}", parts.query, ""))


def _marker(n: int, server: str | None) -> Path:
    from urllib.parse import urlsplit

    kind = urlsplit(server).scheme if server else "sqlite"
    return BENCH_DIR / f"search-{kind}-{n}.done"


def _fresh(n: int, server: str | None) -> None:
    """Remove the size's database, to build it again."""
    if not server:
        for suffix in ("", "-wal", "-shm"):
            Path(url_for(n, None)[len("sqlite:///"):] + suffix).unlink(missing_ok=True)
        return
    name = f"od_search_{n}"
    if server.startswith("postgres"):
        import psycopg2

        conn = psycopg2.connect(server, connect_timeout=5)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {name}")
            cur.execute(f"CREATE DATABASE {name}")
        conn.close()
    else:
        from urllib.parse import urlsplit

        import pymysql

        u = urlsplit(server)
        conn = pymysql.connect(host=u.hostname, port=u.port or 3306, user=u.username or "root",
                               password=u.password or "", autocommit=True)
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {name}")
            cur.execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4")
        conn.close()


def ensure_built(n: int, server: str | None) -> dict:
    marker = _marker(n, server)
    if marker.exists():
        return {**json.loads(marker.read_text()), "reused": True}
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    _fresh(n, server)
    print(f"building {n:,} orders in {url_for(n, server).split('@')[-1]} ...", file=sys.stderr, flush=True)
    out = subprocess.run([sys.executable, __file__, "--build", str(n), *(["--db", server] if server else [])],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    info = json.loads(out.strip().splitlines()[-1])
    marker.write_text(json.dumps(info))
    return {**info, "reused": False}


def build_child(n: int, server: str | None) -> None:
    from app.models.db import connect
    from app.services.demo import build_demo

    db = connect(url_for(n, server))
    t = time.perf_counter()
    build_demo(n)
    build_s = time.perf_counter() - t
    (grams,) = db.execute_sql("SELECT COUNT(*) FROM order_gram").fetchone()
    print(json.dumps({"build_s": round(build_s, 1), "gram_rows": grams, "index_mb": _index_mb(db)}))


def _index_mb(db) -> float | None:
    """The gram table's size on disk (SQLite's dbstat, PostgreSQL's relation sizes)."""
    import peewee as pw

    try:
        if isinstance(db, pw.SqliteDatabase):
            sql = "SELECT SUM(pgsize) FROM dbstat WHERE name = 'order_gram'"
        elif isinstance(db, pw.PostgresqlDatabase):
            sql = "SELECT pg_total_relation_size('order_gram')"
        else:
            sql = ("SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES "
                   "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order_gram'")
        (size,) = db.execute_sql(sql).fetchone()
        return round((size or 0) / 2**20, 1)
    except pw.DatabaseError:
        return None


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def figures_child(n: int, server: str | None, runs: int) -> None:
    import peewee as pw

    from app.domain.tabs import OrderTab
    from app.models import grams
    from app.models.db import connect
    from app.models.tables import GramStatusCount, Order
    from app.services import queries
    from app.services.search import Search, _gram_orders

    db = connect(url_for(n, server))
    phone = Order.select(Order.buyer_phone).where(Order.id == n // 2).scalar()
    # A phone from its middle; the same typed with a dash, as a clerk copies it (looked for as
    # digits and as typed: ``search.EitherSearch``; its floor the digits' lookup).
    searches = {**SEARCHES, "phone_mid": phone[3:8], "phone_dashed": f"{phone[:4]}-{phone[4:7]}"}
    figures: dict[str, dict] = {}

    def raw(q):
        sql, params = q.sql()

        def run():
            cur = db.cursor()
            cur.execute(sql, params)
            cur.fetchall()
        return run

    def floor_of(text: str):
        search = Search.of(text)
        if getattr(search, "first", None) is not None:  # digits with a dash: the digits' lookup
            return floor_of(text.replace("-", ""))
        if search.prefix is not None:
            return raw(Order.select(Order.id).where(search.prefix))
        return raw(_gram_orders(grams.query_grams(grams.fold(text.strip()))))

    def count_floor_of(text: str):
        gram = Search.of(text).counted()
        if gram is None:
            return floor_of(text)
        c = GramStatusCount
        return raw(c.select(c.status, pw.fn.SUM(c.n)).where(c.gram == gram).group_by(c.status))

    def figure(name: str, call, floor) -> None:
        call()
        floor()
        value, low = [], []
        for _ in range(runs):  # alternated: both see the same load
            value.append(_timed(call))
            low.append(_timed(floor))
        figures[name] = {"value": round(statistics.median(value), 3),
                         "floor": round(statistics.median(low), 3), "unit": "ms"}

    found = {}
    newest = queries.utc_to_local(Order.select(pw.fn.MAX(Order.order_date)).scalar()).date()
    filters = {key: queries.OrderFilter(search=text) for key, text in searches.items()}
    filters.update({key: queries.OrderFilter(search=text, date_from=newest - timedelta(days=29), date_to=newest)
                    for key, text in DATED.items()})
    for key, f in filters.items():
        text = f.search
        found[key] = queries.count_orders(f)[OrderTab.ALL]
        figure(f"search_{key}_rows", lambda f=f: queries.fetch_orders(f), floor_of(text))
        figure(f"search_{key}_counts", lambda f=f: queries.count_orders(f), count_floor_of(text))
        # What the window counts on its thread: the counts, or (more than COUNT_NOW orders
        # found) the look that says they are counted off it.
        now = queries.count_orders(f, within=queries.COUNT_NOW)
        figure(f"search_{key}_counts_now", lambda f=f: queries.count_orders(f, within=queries.COUNT_NOW),
               count_floor_of(text))
        if now is None:
            found[key + "_apart"] = True
    like = (Order.select(Order.status, Order.id).where(Order.buyer_name.contains(SEARCHES["absent3"])))
    figure("scan_absent3_counts", lambda: list(like.tuples()), floor_of(SEARCHES["absent3"]))
    q, _more = Search.of(SEARCHES["name1"]).joined(Order.select(Order.status, pw.fn.COUNT(Order.id)))
    joined = q.group_by(Order.status)
    figure("joined_name1_counts", lambda: list(joined.tuples()), floor_of(SEARCHES["name1"]))
    print(json.dumps({"figures": figures, "found": found, "searches": searches}, ensure_ascii=False))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100000)
    parser.add_argument("--db", help="a PostgreSQL or MariaDB server URL (else a SQLite file)")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--figures", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build_child(args.build, args.db)
        return 0
    if args.figures:
        figures_child(args.figures, args.db, args.runs)
        return 0
    info = ensure_built(args.orders, args.db)
    print(f"database of {args.orders:,} orders {'reused' if info['reused'] else 'built'} "
          f"(build {info['build_s']} s, {info['gram_rows']:,} gram rows, {info['index_mb']} MB)",
          file=sys.stderr)
    out = subprocess.run([sys.executable, __file__, "--figures", str(args.orders), "--runs", str(args.runs),
                          *(["--db", args.db] if args.db else [])],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    print(f"{args.orders:,} orders, {url_for(args.orders, args.db).split('@')[-1]}, medians of {args.runs} "
          f"runs (ms); orders found: {result['found']}")
    print("| figure | OrderDesk | floor (raw: the docstring) | ratio |")
    print("|---|---:|---:|---:|")
    for name, f in result["figures"].items():
        ratio = f["value"] / f["floor"] if f["floor"] else float("inf")
        print(f"| {name} | {f['value']:.2f} | {f['floor']:.2f} | ×{ratio:.1f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": result["figures"], "n": args.orders,
                                               "build": info, "found": result["found"]},
                                              ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
