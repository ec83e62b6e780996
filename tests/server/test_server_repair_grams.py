"""``repair.restore_grams`` on the servers: the search index's triggers put back on open after a
bulk load was killed while they were dropped, with another desk placing an order meanwhile."""

from __future__ import annotations

import threading


def test_the_grams_restored_on_open_count_an_order_another_desk_places_meanwhile(
        server_db, server_kind, shop, place, monkeypatch):
    """A killed bulk load left the search triggers dropped and some orders without grams; the
    next open makes the triggers again and fills what is missing.  An order another desk places
    while the counter is filled afresh waits for it (MariaDB: ``LOCK TABLES``; PostgreSQL: the
    trigger's lock on ``order``) and is held once under each of its grams and keys — on MariaDB
    the fill committed its DELETE by itself and then failed on that order's counter row (a
    duplicate key, the open's error) or counted it twice."""
    from test_search_grams import grams_agree

    from app.models import grams, repair
    from app.models.db import own_connection

    for name in ("林雅婷", "陳大文", "Alice Chen"):
        place(name=name)
    grams.drop_triggers(server_db)
    order = "`order`" if server_kind == "mysql" else '"order"'
    (last,) = server_db.execute_sql(f"SELECT MAX(id) FROM {order}").fetchone()
    server_db.execute_sql("DELETE FROM order_gram WHERE order_id = %s", (last,))

    real = type(server_db).execute_sql
    other: dict = {}

    def during():
        with own_connection():
            other["id"] = place(name="陳雅婷")

    def spy(self, sql, params=None, *args, **kwargs):
        out = real(self, sql, params, *args, **kwargs)
        if sql.startswith(f"DELETE FROM {grams.COUNT_TABLE}") and threading.current_thread() is threading.main_thread():
            other["desk"] = threading.Thread(target=during)
            other["desk"].start()
            other["desk"].join(1.0)  # it waits for the fill (or, unheld, is placed at once)
        return out

    monkeypatch.setattr(type(server_db), "execute_sql", spy)
    with server_db.atomic():  # as on open (repair.repair)
        assert repair.restore_grams(server_db)
    monkeypatch.undo()
    other["desk"].join(30)
    assert not other["desk"].is_alive() and other.get("id")
    assert grams.triggers_present(server_db)
    grams_agree()  # every order's grams, 雅婷 counted twice, 陳 twice


def test_the_indexes_restored_on_open_are_the_ones_said(server_db, server_kind):
    """An index a killed bulk load left dropped is built on open (``repair``, in its own
    transaction) and named among those built — on MariaDB its CREATE INDEX committed by
    itself and the savepoint's release failed: built, and said not to be."""
    from app.models import repair

    order = "`order`" if server_kind == "mysql" else '"order"'
    server_db.execute_sql(f"DROP INDEX order_total_id ON {order}" if server_kind == "mysql"
                          else "DROP INDEX order_total_id")
    assert ("order_total_id" in {i.name for i in server_db.get_indexes("order")}) is False
    built, _moved = repair.repair(server_db)  # as on open (migrate_to_latest)
    assert built == ["order_total_id"]
    assert repair.missing_indexes(server_db) == []


def test_a_repair_cut_short_is_done_again_on_the_next_open(server_db, shop, place, monkeypatch):
    """The grams' repair fails after it emptied the counter (a lost connection, say): on
    MariaDB, where each statement committed by itself, the triggers were already made, so no
    open repaired again and the search counts stayed empty; now they are made last, and the
    next open does the whole repair (PostgreSQL: the transaction undoes it all)."""
    from test_search_grams import grams_agree

    from app.models import grams, repair

    for name in ("林雅婷", "陳大文"):
        place(name=name)
    grams.drop_triggers(server_db)
    real = grams.fill_counts

    def cut_short(db):
        db.execute_sql(f"DELETE FROM {grams.COUNT_TABLE}")
        raise __import__("peewee").OperationalError("lost connection")

    monkeypatch.setattr(grams, "fill_counts", cut_short)
    with server_db.atomic():
        assert repair.restore_grams(server_db) is False
    assert not grams.triggers_present(server_db)
    monkeypatch.setattr(grams, "fill_counts", real)
    repair.repair(server_db)  # the next open
    assert grams.triggers_present(server_db)
    grams_agree()
