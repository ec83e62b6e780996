"""Issue 15, item 7 on PostgreSQL and MariaDB: migration 12 widens the money columns of a
database made before it to 64 bits.  (``tests/test_bounds.py``'s service tests run on the
servers from ``tests/server_actions/``.)"""

from __future__ import annotations

import peewee

from app.models import migrations


def test_migration_12_widens_the_money_columns(server_db):
    mysql = isinstance(server_db, peewee.MySQLDatabase)
    q = "`" if mysql else '"'
    for table, column, _null in migrations._MONEY_COLUMNS:
        server_db.execute_sql(f"ALTER TABLE {q}{table}{q} "
                              + (f"MODIFY {column} INTEGER" if mysql
                                 else f'ALTER COLUMN "{column}" TYPE INTEGER'))
    with server_db.atomic():
        migrations.MIGRATIONS[12](server_db)
    for table, column, nullable in migrations._MONEY_COLUMNS:
        col = next(c for c in server_db.get_columns(table) if c.name == column)
        assert (col.data_type.lower(), col.null) == ("bigint", nullable), (table, column)
