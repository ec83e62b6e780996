"""The search finds any fragment of an order number, phone, tracking number, e-mail or buyer
name (issue 11 item 5), by the gram index the triggers keep (``app/models/grams.py``): every
write path leaves ``order_gram`` holding exactly the grams the rules give, computed here again
in Python from the orders' columns.  ``tests/server/test_server_search.py`` runs the same on
PostgreSQL and MariaDB."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

import peewee as pw

from app.domain.clerk_edits import DeliveryInput
from app.domain.inputs import PaymentNotice, ShipInput
from app.domain.tabs import OrderTab
from app.models.proxy import database
from app.models.tables import GramStatusCount, Order, OrderGram, Store
from app.services import clerk_edits, queries
from app.services import orders as svc
from app.services.orders import Buyer, Item, place_order
from app.services.search import EXISTS, IN, Search

DAY = datetime(2026, 11, 20, 3, 0)


def expected_grams() -> set[tuple[str, int]]:
    """(gram, order id) of every order, by the rules: the name's 1-, 2- and 3-grams, the
    order number's, phone's, e-mail's and tracking number's 3-grams; A–Z folded."""
    low = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    out = set()
    for oid, no, name, phone, email, tracking in Order.select(
            Order.id, Order.order_no, Order.buyer_name, Order.buyer_phone, Order.buyer_email,
            Order.tracking_no).tuples():
        name = name.translate(low)
        for k in (1, 2, 3):
            out |= {(name[i:i + k], oid) for i in range(len(name) - k + 1)}
        for text in (no.translate(low), phone, email.translate(low), (tracking or "").translate(low)):
            out |= {(text[i:i + 3], oid) for i in range(len(text) - 2)}
    return out


def grams_agree() -> None:
    held = set(OrderGram.select(OrderGram.gram, OrderGram.order_id).tuples())
    want = expected_grams()
    assert held == want, (sorted(want - held)[:10], sorted(held - want)[:10])
    gram_counts_agree()


def gram_counts_agree() -> None:
    """``gram_status_count`` (migrations 24 and 28) holds, per key, store and status, the
    orders having the key, counted here in Python: a character of the A–Z-folded buyer name,
    or two in a row not starting with ``#`` (the very COUNT the join of ``order_gram`` to the
    orders gives, checked too), ``#`` and the phone's first one or two digits, or the order
    number's after its ``O``, and ``#O`` and its first digit."""
    low = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    want: Counter = Counter()
    for name, phone, no, store, status in Order.select(
            Order.buyer_name, Order.buyer_phone, Order.order_no, Order.store, Order.status).tuples():
        name = name.translate(low)
        keys = set(name) | {name[i:i + 2] for i in range(len(name) - 1) if name[i] != "#"}
        keys |= {"#" + phone[:k] for k in (1, 2) if len(phone) >= k}
        if no.startswith("O"):
            keys |= {"#" + no[1:1 + k] for k in (1, 2) if len(no) > k} | ({"#" + no[:2]} if len(no) >= 2 else set())
        want.update((g, store, status) for g in keys)
    held = {(g, s, st): n for g, s, st, n in GramStatusCount.select(
        GramStatusCount.gram, GramStatusCount.store_id, GramStatusCount.status, GramStatusCount.n).tuples() if n}
    assert held == dict(want), (sorted(set(want.items()) - set(held.items()))[:10],
                                sorted(set(held.items()) - set(want.items()))[:10])
    for g in {g for g, _s, _st in held if len(g) == 1 or (len(g) == 2 and g[0] != "#")}:
        joined = (Order.select(Order.store, Order.status, pw.fn.COUNT(Order.id))
                  .join(OrderGram, on=((OrderGram.order_id == Order.id) & (OrderGram.gram == g)))
                  .group_by(Order.store, Order.status).tuples())
        assert {(s, st): n for s, st, n in joined} == {(s, st): n for (h, s, st), n in held.items() if h == g}, g


def found(text: str, **kw) -> list[int]:
    """The ids the list shows for ``text`` (every page), after checking that the tab's count
    says as many."""
    f = queries.OrderFilter(search=text, **kw)
    rows, cursor = queries.fetch_orders(f, limit=2)
    while cursor is not None:
        more, cursor = queries.fetch_orders(f, cursor, limit=2)
        rows += more
    ids = sorted(r.id for r in rows)
    assert queries.count_orders(f)[f.tab] == len(ids), text
    return ids


def place_one(shop, name: str, phone: str, email: str, minutes: int = 0) -> int:
    return place_order(store_id=shop["store"].id, buyer=Buyer(name, phone, email, "台北市"),
                       items=[Item("藍牙耳機", 1, 350)], payment_method_id=shop["atm"].id,
                       shipping_method_id=shop["home"].id, operator="店員甲",
                       order_date=DAY + timedelta(minutes=minutes)).order_id


def ship_it(oid: int, tracking: str) -> None:
    total = Order.get_by_id(oid).total
    svc.record_payment_notice(oid, PaymentNotice(date(2026, 11, 20), total, "12345"), operator="乙",
                              now=DAY + timedelta(hours=1), today=date(2026, 11, 21))
    svc.confirm_payment(oid, operator="乙", now=DAY + timedelta(hours=2))
    svc.ship(oid, ShipInput(date(2026, 11, 21), "黑貓宅急便", tracking), operator="乙",
             now=DAY + timedelta(days=1), today=date(2026, 11, 21))


def exercise_fragments(shop) -> dict[str, int]:
    """Four orders through the services; every kind of fragment finds exactly its orders and
    the counts say as many."""
    a = place_one(shop, "王小明", "0912-345-678", "Ming.Wang@Example.com", 0)
    b = place_one(shop, "陳美玲", "0987654321", "meiling@mail.tw", 1)
    c = place_one(shop, "Alice Chen", "0911222333", "alice@shop.tw", 2)
    d = place_one(shop, "林小美", "0955000111", "lin@shop.tw", 3)
    ship_it(b, "TW-88123456")
    no = {oid: Order.get_by_id(oid).order_no for oid in (a, b, c, d)}
    assert no[c] == "O2026112000003"
    assert found("112000003") == [c]                  # the middle and end of an order number
    assert found("00004") == [d]
    assert found("o20261120") == [a, b, c, d]         # a prefix in any case still matches
    assert found("345-678") == [a]                    # the middle of a phone, typed with dashes
    assert found("5678") == [a]                       # its end
    assert found("222 333") == [c]
    assert found("8123") == [b]                       # the middle of a tracking number
    assert found("tw-88") == [b]
    assert found("EXAMPLE.C") == [a]                  # an e-mail fragment in any case
    assert found("@shop.tw") == [c, d]
    assert found("明") == [a]                          # one CJK character of a name
    assert found("小") == [a, d]
    assert found("美玲") == [b]                        # two
    assert found("小美") == [d]
    assert found("陳美玲") == [b]                      # three
    assert found("王小美") == []                       # an absent name
    assert found("aLIce") == [c]                      # Latin letters in any case
    assert found("CHEN") == [c]
    assert found("e c") == [c]
    assert found("0912") == [a]                       # the phone prefix the tests always asked for
    return {"a": a, "b": b, "c": c, "d": d}


def exercise_write_paths(shop) -> None:
    """place_order, a delivery edit changing the name and phone, 【出貨】 setting a tracking
    number: the index follows each, and the old values are no longer found."""
    ids = exercise_fragments(shop)
    grams_agree()
    a = ids["a"]
    clerk_edits.edit_delivery(a, DeliveryInput("趙大同", "0933-777-888", "台北市"), operator="乙")
    grams_agree()
    assert found("小明") == [] and found("大同") == [a]
    assert found("345678") == [] and found("777888") == [a]
    ship_it(ids["d"], "HCT77700")
    grams_agree()
    assert found("77700") == [ids["d"]]
    assert found("777") == sorted([a, ids["d"]])  # the new phone and the tracking number


def test_fragments_of_every_column_are_found_and_counted(shop):
    exercise_fragments(shop)
    grams_agree()


def test_every_service_write_keeps_the_index(shop):
    exercise_write_paths(shop)


def test_the_import_keeps_the_index(shop, tmp_path):
    from test_import import OH, order_row, write_csv

    from app.services import importer as im

    rows = [order_row("SHOP-A77123", buyer="歐陽娜娜"), order_row("SHOP-B88456", buyer="Bob Lee")]
    plan = im.check_file(write_csv(tmp_path / "orders.csv", OH, rows))
    im.apply_import(plan, operator="import")
    grams_agree()
    a = Order.get(Order.order_no == "SHOP-A77123").id
    assert found("a77") == [a] and found("陽娜") == [a] and found("娜") == [a]
    assert found("lee") == [Order.get(Order.order_no == "SHOP-B88456").id]


def test_the_demo_in_bulk_and_through_the_services_keeps_the_index(db):
    from app.services import demo

    demo.build_demo(30, now=datetime(2026, 11, 29, 12, 0))  # through the services
    grams_agree()
    demo.build_demo(400, bulk_threshold=10, now=datetime(2026, 11, 29, 12, 0))  # in bulk
    grams_agree()
    some = Order.select().where(Order.tracking_no.is_null(False)).order_by(Order.id.desc()).first()
    assert some.id in found(some.tracking_no[3:9])
    assert some.id in found(some.buyer_phone[-5:])
    assert some.id in found(some.buyer_name[-2:])


def test_searches_read_the_gram_index(shop, place):
    """The statements of a search (its first page either way, its counts) read ``order_gram``
    by its key, never by a scan of it."""
    for i in range(3):
        place(name=f"王{i}明")
    db = database.obj
    plans = []
    for text in ("王", "王1", "345678", "0912345"):
        search = Search.of(text)
        for how in (IN, EXISTS):
            q = Order.select(Order.id).where(search.cond(how)).order_by(Order.order_date.desc()).limit(200)
            plans.append((text, how, _plan(db, q)))
        q, more = search.joined(Order.select(Order.status, pw.fn.COUNT(Order.id)))
        plans.append((text, "count", _plan(db, (q.where(*more) if more else q).group_by(Order.status))))
    for text, how, plan in plans:
        gram_lines = [line for line in plan if re.search(r"\bog\d+\b", line)]
        assert gram_lines, (text, how, plan)
        assert all(re.match(r"SEARCH og\d+ USING PRIMARY KEY \(gram=\?", line)
                   for line in gram_lines), (text, how, plan)


def _plan(db, q) -> list[str]:
    sql, params = q.sql()
    return [row[-1] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]


def test_a_killed_bulk_load_gets_its_grams_on_the_next_open(tmp_path):
    """The demo's bulk load drops the triggers on an empty SQLite shop: if it dies before they
    are back, the next open puts them back and writes the missing grams."""
    from app.models import grams
    from app.models.db import connect
    from app.services import demo

    path = "sqlite:///" + str(tmp_path / "killed.db")
    d = connect(path)
    demo.build_demo(300, bulk_threshold=10, now=datetime(2026, 11, 29, 12, 0))
    grams.drop_triggers(d)
    d.execute_sql("DELETE FROM order_gram WHERE order_id > 100")
    d.execute_sql("UPDATE gram_status_count SET n = n + 7")  # the orders loaded but never counted
    d.close()
    d = connect(path)
    try:
        assert grams.triggers_present(d)
        grams_agree()
    finally:
        d.close()


def test_step_23_indexes_the_orders_there_are(tmp_path, monkeypatch):
    """A schema-20 shop with orders: step 23 writes every order's grams (in batches, here of
    two orders), and its searches find them."""
    from db_rows import database_at_version, make_shop

    from app.models import grams
    from app.models.db import connect, sqlite_url

    path = str(tmp_path / "twenty.db")
    d = database_at_version(path, 20, DAY)
    shop = make_shop()
    ids = [place_one(shop, name, phone, f"{name}@x.tw", i)
           for i, (name, phone) in enumerate([("王小明", "0912345678"), ("Lee Ann", "0987000111"),
                                               ("陳美玲", "0955123123")])]
    assert "order_gram" not in d.get_tables()
    d.close()
    monkeypatch.setattr(grams, "FILL_BATCH", 2)
    d = connect(sqlite_url(path))
    try:
        grams_agree()
        assert found("美玲") == [ids[2]] and found("ANN") == [ids[1]] and found("345678") == [ids[0]]
    finally:
        d.close()


def test_a_long_search_looks_up_four_of_its_trigrams_first_and_last_among_them():
    from app.models import grams

    assert grams.query_grams("王") == ["王"] and grams.query_grams("ab") == ["ab"]
    assert grams.query_grams("abc") == ["abc"]
    assert grams.query_grams("abcd") == ["abc", "bcd"]
    long = grams.query_grams("o2026112000003")
    assert len(long) == 4 and long[0] == "o20" and long[-1] == "003"
    assert grams.fold("ÉMILE Wang 王") == "Émile wang 王"  # A–Z only, as SQLite's LOWER


def exercise_one_character_counts(shop) -> None:
    """A one-character search counts from ``gram_status_count`` (migration 24): after each
    write — orders placed, moved through their statuses, a name edited, an order moved to
    another store, a set-based status change, an order written and deleted by hand — the
    counter equals the COUNT it replaces, and each tab's count equals the rows the list shows
    in that tab."""
    ids = exercise_fragments(shop)
    grams_agree()
    a, b, c, d = ids["a"], ids["b"], ids["c"], ids["d"]
    e = place_one(shop, "陳陳", "0912000999", "chen@x.tw", 4)   # the character twice: counted once
    ship_it(d, "HCT55500")
    assert found("陳") == [b, e] and found("美") == [b, d]
    tabs = queries.count_orders(queries.OrderFilter(search="美"))
    assert tabs[OrderTab.ALL] == 2 and tabs[OrderTab.UNPAID] == 0
    for tab in OrderTab:  # every tab's count is its rows (``found`` checks it)
        assert sorted(found("美", tab=tab)) == [o for o in (b, d) if tab.statuses is None
                                               or Order.get_by_id(o).status in tab.statuses], tab
    clerk_edits.edit_delivery(a, DeliveryInput("黃大美", "0912345678", "台北市"), operator="乙")
    grams_agree()
    assert found("王") == [] and found("明") == [] and found("黃") == [a] and found("美") == [a, b, d]
    other = Store.create(name="第二家")
    Order.update(store=other.id).where(Order.id == d).execute()
    grams_agree()
    assert found("美", store_id=other.id) == [d] and found("美", store_id=shop["store"].id) == [a, b]
    assert found("a", store_id=other.id) == [] and found("A", store_id=shop["store"].id) == [c]
    Order.update(status="OUT_OF_STOCK").where(Order.id.in_([a, c, e])).execute()  # set-based
    grams_agree()
    assert found("陳", tab=OrderTab.OUT_OF_STOCK) == [e] and found("陳") == [b, e]
    row = Order.select().where(Order.id == a).dicts().get()
    row.update(order_no="HAND-1", buyer_name="Zed 陳", client_ref=None)
    del row["id"]
    hand = Order.insert(row).execute()  # SQL by hand: no service, no history
    grams_agree()
    assert found("z") == [hand] and found("陳") == [b, e, hand]
    Order.delete().where(Order.id == hand).execute()
    grams_agree()
    assert found("z") == [] and found("陳") == [b, e]
    # one or two digits: a prefix of the phone or of the order number after its O
    every = [a, b, c, d, e]
    assert found("0") == every and found("09") == every and found("2") == every and found("O2") == every
    assert found("o2") == every and found("20") == every and found("5") == [] and found("O5") == []
    assert found("095") == [d]  # three: a fragment anywhere (the trigram)
    clerk_edits.edit_delivery(c, DeliveryInput("Alice Chen", "02-2345-6789", "台北市"), operator="乙")
    grams_agree()
    assert found("09") == [a, b, d, e] and found("02") == [c] and found("0") == every
    assert found("09", store_id=other.id) == [d] and found("2", tab=OrderTab.OUT_OF_STOCK) == [a, c, e]
    row.update(order_no="O9-HAND", buyer_phone="5550001")
    hand = Order.insert(row).execute()
    grams_agree()
    assert found("9") == [hand] and found("O9") == [hand] and found("55") == [hand] and found("5") == [hand]
    Order.update(order_no="X9-HAND").where(Order.id == hand).execute()
    grams_agree()
    assert found("9") == [] and found("5") == [hand]
    # two characters of a name (migration 28), counted as the rows show them; a name's "#0"
    # is not the prefix key "#0" (phones starting with 0): it is found by the grams
    assert found("美玲") == [b] and found("大美") == [a] and found("陳陳") == [e] and found("ch") == [c]
    row.update(order_no="O7-HAND", buyer_name="#0 林", buyer_phone="0800000000")
    sharp = Order.insert(row).execute()
    grams_agree()
    assert found("#0") == [sharp] and found("0") == [*every, sharp] and found("林") == [d, sharp]
    Order.update(buyer_name="陳玲美").where(Order.id == b).execute()  # a name changed by hand
    grams_agree()
    assert found("美玲") == [] and found("玲美") == [b] and found("玲美", store_id=shop["store"].id) == [b]


def test_one_character_counts_follow_every_write(shop):
    exercise_one_character_counts(shop)


def test_a_one_character_count_reads_the_counter_by_its_key(shop, place, monkeypatch):
    """The counts of a one- or two-character search, or of a prefix of one or two digits (or O
    and a digit), are one lookup of the counter's key (with the store's too), never the gram rows
    nor the orders; a date range still joins them."""
    place(name="王一明")
    db = database.obj
    seen: list[str] = []
    real = db.execute_sql

    def spy(sql, params=None, *a, **kw):
        seen.append(sql)
        return real(sql, params, *a, **kw)

    monkeypatch.setattr(db, "execute_sql", spy)
    filters = [(queries.OrderFilter(search=text, store_id=store), key)
               for text, key in (("王", "王"), ("一明", "一明"), ("09", "#09"), ("o2", "#O2"))
               for store in (None, shop["store"].id)]
    for f, key in filters:
        seen.clear()
        assert queries.count_orders(f)[OrderTab.ALL] == 1
        assert len(seen) == 1 and "gram_status_count" in seen[0], seen
        assert "order_gram" not in seen[0] and '"order"' not in seen[0]
        plan = [row[-1] for row in real("EXPLAIN QUERY PLAN " + seen[0],
                                        (key, *([shop["store"].id] if f.store_id else []))).fetchall()]
        assert any(re.match(r"SEARCH t1 USING PRIMARY KEY \(gram=\?", line) for line in plan), plan
        assert not any(line.startswith("SCAN") for line in plan), plan
    seen.clear()
    dated = queries.OrderFilter(search="王", date_from=date(2000, 1, 1))
    assert queries.count_orders(dated)[OrderTab.ALL] == 1
    assert not any("gram_status_count" in sql for sql in seen)


def test_step_24_counts_the_orders_there_are(tmp_path):
    """A schema-23 shop with orders: step 24 counts them, and its triggers keep counting."""
    from db_rows import database_at_version, make_shop

    from app.models import grams
    from app.models.db import connect, sqlite_url

    path = str(tmp_path / "twentythree.db")
    d = database_at_version(path, 23, DAY)
    shop = make_shop()
    ids = [place_one(shop, name, phone, "x@x.tw", i) for i, (name, phone) in
           enumerate([("王小明", "0912345678"), ("Lee Ann", "0987000111"), ("陳小玲", "0955123123")])]
    assert grams.COUNT_TABLE not in d.get_tables() and grams.triggers_present(d)
    d.close()
    d = connect(sqlite_url(path))
    try:
        grams_agree()
        assert grams.triggers_present(d)
        assert found("小") == [ids[0], ids[2]] and found("n") == [ids[1]]
        ship_it(ids[0], "T123")
        grams_agree()
    finally:
        d.close()


def test_step_28_counts_two_characters_of_the_orders_there_are(tmp_path, monkeypatch):
    """A schema-27 shop with orders (its counter's triggers counting one character of a name,
    as before step 28): step 28 counts each two characters of their names, and its triggers
    keep counting them."""
    from db_rows import database_at_version, make_shop

    from app.models import grams
    from app.models.db import connect, sqlite_url

    real = grams._keys_of

    def one_character_keys(*args, **kw):  # the rule steps 24-27 wrote
        return " UNION ".join(part for part in real(*args, **kw).split(" UNION ") if "p.n, 2)" not in part)

    monkeypatch.setattr(grams, "_keys_of", one_character_keys)
    path = str(tmp_path / "twentyseven.db")
    d = database_at_version(path, 27, DAY)
    shop = make_shop()
    ids = [place_one(shop, name, phone, "x@x.tw", i) for i, (name, phone) in
           enumerate([("王小明", "0912345678"), ("Lee Ann", "0987000111"), ("陳小玲", "0955123123"),
                      ("林林林", "0911000222")])]  # 林林 twice in one name: one order
    assert GramStatusCount.select().where(GramStatusCount.gram == "小明").count() == 0
    d.close()
    monkeypatch.setattr(grams, "_keys_of", real)
    d = connect(sqlite_url(path))
    try:
        gram_counts_agree()
        assert grams.COUNT_TABLE in d.get_tables()
        assert Search.of("小明").counted() == "小明"
        assert found("小明") == [ids[0]] and found("ee") == [ids[1]] and found("小玲") == [ids[2]]
        assert found("林林") == [ids[3]]
        ship_it(ids[0], "T123")
        gram_counts_agree()
        shipped = next(t for t in OrderTab if t.statuses == {Order.get_by_id(ids[0]).status})
        assert found("小明", tab=shipped) == [ids[0]] and found("小明", tab=OrderTab.UNPAID) == []
    finally:
        d.close()


def test_the_locks_name_an_alias_for_each_select_of_the_fills(db):
    """MariaDB's fills under ``LOCK TABLES`` read the orders and positions once a SELECT under
    numbered aliases: as many locked as the fills have SELECTs (a key added to ``_keys_of``
    without its alias would fail the step's lock)."""
    from app.models import grams

    keys = grams._keys_of("mysql", "o", "", grams.FILL_SOURCE.replace("{order}", "`order`"))
    assert keys.count(" UNION ") + 1 == grams.KEY_SELECTS
    assert len(grams._fill_selects("mysql", "{o}.id > 0")) == grams.GRAM_SELECTS
    for n in range(1, max(grams.KEY_SELECTS, grams.GRAM_SELECTS) + 1):
        assert f"`order` AS o{n} READ, gram_pos AS p{n} READ" in grams.grams_locked(db)
    assert grams.grams_locked(db).endswith(f"order_gram WRITE, {grams.COUNT_TABLE} WRITE")
    for n in range(1, grams.KEY_SELECTS + 1):
        assert f"`order` AS o{n} READ, gram_pos AS p{n} READ" in grams.COUNTS_LOCKED
