"""People on a server: each clerk signs in with a database login of their own, and the
database — not the desk — decides what that login may do and writes its name in the history.

* Two group roles per shop database, ``<database>_clerk`` and ``<database>_supervisor`` (so the
  shop database ``orderdesk`` has ``orderdesk_clerk`` and ``orderdesk_supervisor``); the
  supervisor's role is a member of the clerk's.  Each person's login is a member of one.
* Table grants (``grants``): everyone reads everything; a clerk writes what the order actions,
  payment notices, cancellation requests and invoices write; a supervisor also updates
  requests, writes the methods, the shop's settings, voids and allowances.  The history
  tables get SELECT and INSERT only: no desk can UPDATE, DELETE, TRUNCATE, ALTER or DROP them
  or their triggers — only the owner (the login migrations run as) can.
* Triggers (``install_triggers``, migration 14): a history record's ``operator`` and a row's
  ``updated_by`` / ``recorded_by`` are the session's login whenever that login is a person; an order leaves
  取消處理中 or becomes 已取消 only by a supervisor (a clerk's UPDATE right on orders cannot
  approve a cancellation by hand); PostgreSQL's counter trigger runs with its owner's rights
  (``SECURITY DEFINER``), so desks need no write right on the counters.
* People are added and disabled through two functions the owner defines
  (``orderdesk_add_person``, ``orderdesk_disable_person``) that run with the owner's rights and
  let only a supervisor (or the owner) call them: a supervisor's own login cannot create
  roles, so it cannot make itself the owner either.

SQLite has no logins: nothing here applies to it.
"""

from __future__ import annotations

import re

import peewee as pw

from .proxy import is_sqlite
from .tables import Person

#: The history tables: SELECT and INSERT only, for every desk.
HISTORY = ("status_history", "method_history", "order_note", "shop_history", "action_key")
#: Migration 15's closed_month and ledger_snapshot are named nowhere below: clerks read them,
#: supervisors close and reopen months.
#: What each role may write besides reading everything.  A table not named here (one a later
#: migration adds) is read-only for clerks and writable by supervisors.
CLERK_WRITES = {
    "store": ("INSERT",),
    "order": ("INSERT", "UPDATE"),
    "order_item": ("INSERT",),
    "payment_notice": ("INSERT",),
    "cancellation_request": ("INSERT",),
    "invoice": ("INSERT",),
    # place_order takes the day's next number (migration 12).
    "order_no_counter": ("INSERT", "UPDATE"),
    # Carriers' remittances of cash-on-delivery money (migration 17): a clerk's to record.
    "carrier_remittance": ("INSERT",),
    "remittance_line": ("INSERT",),
    # An import's journal (migration 22): staged, written in parts, finished by any desk.
    "import_batch": ("INSERT", "UPDATE", "DELETE"),
    "import_chunk": ("INSERT", "UPDATE", "DELETE"),
}
SUPERVISOR_WRITES = {
    "store": ("INSERT", "UPDATE"),
    "order": ("INSERT", "UPDATE"),
    "order_item": ("INSERT",),
    "payment_notice": ("INSERT",),
    "cancellation_request": ("INSERT", "UPDATE"),
    "payment_method": ("INSERT", "UPDATE", "DELETE"),
    "shipping_method": ("INSERT", "UPDATE", "DELETE"),
    "carrier": ("INSERT", "UPDATE", "DELETE"),
    "shop_setting": ("INSERT", "UPDATE"),
    "invoice": ("INSERT",),
    "invoice_void": ("INSERT",),
    "invoice_allowance": ("INSERT",),
    "order_no_counter": ("INSERT", "UPDATE"),
    "vat_filing": ("INSERT",),
    "carrier_remittance": ("INSERT",),
    "remittance_line": ("INSERT",),
}
#: Only the database's own functions and triggers write these.
READ_ONLY = ("person", "order_status_count", "cancel_status_count", "schema_version", "order_gram",
             "gram_pos", "gram_status_count", "order_hour_count", "order_method_count",
             "order_day_count", "order_ship_day_count")
_UNKNOWN_SUPERVISOR = ("INSERT", "UPDATE", "DELETE")

#: The columns the database fills with the session's login (a person's), whatever the desk sent.
WHO_COLUMNS = (("status_history", "operator"), ("method_history", "operator"),
               ("order", "updated_by"), ("cancellation_request", "updated_by"),
               ("payment_notice", "recorded_by"), ("invoice", "recorded_by"),
               ("invoice_void", "recorded_by"), ("invoice_allowance", "recorded_by"),
               ("shop_setting", "updated_by"), ("order_note", "operator"),
               ("vat_filing", "recorded_by"), ("carrier_remittance", "recorded_by"))

_SAFE = re.compile(r"[A-Za-z0-9_]+")
#: PostgreSQL's "insufficient privilege"; MariaDB's "command denied", "column denied",
#: "access denied to database", "routine denied", "needs a privilege".
PG_DENIED = "42501"
MYSQL_DENIED = frozenset({1142, 1143, 1044, 1370, 1227, 1045})


def driver_code(exc: BaseException):
    """The server's error code behind ``exc`` (peewee's wrapper keeps the driver's error as its
    context): PostgreSQL's SQLSTATE text, MariaDB's error number; None if there is none."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if getattr(exc, "pgcode", None):
            return exc.pgcode
        args = getattr(exc, "args", ())
        if args and isinstance(args[0], int):
            return args[0]
        exc = args[0] if args and isinstance(args[0], BaseException) else (
            exc.__cause__ or exc.__context__)
    return None


def is_permission_error(exc: BaseException) -> bool:
    """Whether ``exc`` (a driver's error, or peewee's wrapper of one) is the server refusing
    the login a privilege."""
    code = driver_code(exc)
    return code == PG_DENIED or code in MYSQL_DENIED


def role_names(database_name: str) -> tuple[str, str]:
    """(clerk's group role, supervisor's) of the shop database so named (63 characters at
    most, PostgreSQL's limit)."""
    return f"{database_name}_clerk"[:63], f"{database_name}_supervisor"[:63]


def group_roles(db: pw.Database) -> tuple[str, str]:
    """(clerk's group role, supervisor's) of this shop database."""
    name = db.database
    if not _SAFE.fullmatch(name or ""):
        raise ValueError(f"database name {name!r}: letters, digits and _ only for people")
    return role_names(name)


def _ddl(db: pw.Database, sql: str) -> None:
    """A statement with "%" in its text: the drivers read "%" as a placeholder sign."""
    db.execute_sql(sql.replace("%", "%%"))


def _pg(db) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def session_login(db: pw.Database) -> str | None:
    """The server login of this connection (None on SQLite)."""
    if is_sqlite(db):
        return None
    sql = "SELECT session_user" if _pg(db) else "SELECT SUBSTRING_INDEX(USER(), '@', 1)"
    return db.execute_sql(sql).fetchone()[0]


def take_mysql_role(conn, database_name: str) -> None:
    """(MariaDB, on every new connection) Make the person's group role the connection's current
    role.  A login created by the owner has no *default* role when the owner may not write the
    ``mysql`` database (setting another user's default role needs that); ``SET ROLE`` of a role
    granted to oneself needs nothing.  The supervisor's role when granted, else the clerk's;
    a login holding neither (the owner, root) is left as it is."""
    wanted = tuple(reversed(role_names(database_name)))  # the supervisor's first
    with conn.cursor() as cur:
        cur.execute("SELECT CURRENT_ROLE()")
        current = cur.fetchone()[0]
        cur.execute("SELECT ROLE_NAME FROM information_schema.APPLICABLE_ROLES")
        held = {row[0] for row in cur.fetchall()}
        role = next((r for r in wanted if r in held), None)
        if role is not None and current != role and _SAFE.fullmatch(role):
            cur.execute(f"SET ROLE `{role}`")


# ---- migration 14: the person table and the triggers

def install_triggers(db: pw.Database) -> None:
    """The person table; the triggers that write the session's login and keep a clerk from
    finishing a cancellation by hand; (PostgreSQL) the counters kept with the owner's rights.
    Running again replaces what is there."""
    db.create_tables([Person])
    if is_sqlite(db):
        return
    if _pg(db):
        _pg_triggers(db)
    else:
        _mysql_triggers(db)


#: A person's login, as each server's triggers read it.
_PG_PERSON = "EXISTS (SELECT 1 FROM person WHERE login = session_user)"
_PG_CLERK = "EXISTS (SELECT 1 FROM person WHERE login = session_user AND role <> 'supervisor')"
_MY_LOGIN = "SUBSTRING_INDEX(USER(), '@', 1)"
_MY_PERSON = f"EXISTS (SELECT 1 FROM person WHERE login = {_MY_LOGIN})"
_MY_CLERK = f"EXISTS (SELECT 1 FROM person WHERE login = {_MY_LOGIN} AND role <> 'supervisor')"
#: An order leaves 取消處理中, or becomes 已取消, only when a supervisor's action moves it.
#: A clerk may not finish a cancellation; a cash-on-delivery parcel back uncollected
#: (IN_DELIVERY → CANCELLED, 未取件退回, nothing to refund) is a clerk's to record.
_SUPERVISOR_MOVE = "(OLD.status = 'CANCELLING' OR (NEW.status = 'CANCELLED' AND OLD.status <> 'IN_DELIVERY'))"
_REFUSED = "only a supervisor may finish a cancellation"


def _who_columns(db: pw.Database):
    """``WHO_COLUMNS`` of the tables there are (a later migration's table gets its trigger
    when that migration runs)."""
    return [(t, c) for t, c in WHO_COLUMNS if db.table_exists(t)]


def _pg_triggers(db: pw.Database) -> None:
    definer = "LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT"
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION orderdesk_who() RETURNS trigger AS $$ BEGIN "
        f"IF {_PG_PERSON} THEN "
        "NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], session_user::text)); "
        f"END IF; RETURN NEW; END; $$ {definer}"
    )
    for table, column in _who_columns(db):
        db.execute_sql(f'DROP TRIGGER IF EXISTS {table}_who ON "{table}"')
        db.execute_sql(
            f'CREATE TRIGGER {table}_who BEFORE INSERT OR UPDATE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION orderdesk_who('{column}')"
        )
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION orderdesk_order_guard() RETURNS trigger AS $$ BEGIN "
        f"IF NEW.status IS DISTINCT FROM OLD.status AND {_SUPERVISOR_MOVE} AND {_PG_CLERK} THEN "
        f"RAISE EXCEPTION '{_REFUSED}' USING ERRCODE = '{PG_DENIED}'; END IF; "
        f"RETURN NEW; END; $$ {definer}"
    )
    db.execute_sql('DROP TRIGGER IF EXISTS order_guard ON "order"')
    db.execute_sql('CREATE TRIGGER order_guard BEFORE UPDATE ON "order" '
                   "FOR EACH ROW EXECUTE FUNCTION orderdesk_order_guard()")
    # The tab counters: a trigger function runs with the rights of the one who fires it,
    # unless it is SECURITY DEFINER; desks get no write right on order_status_count.
    db.execute_sql("ALTER FUNCTION order_status_count_keep() SECURITY DEFINER")
    db.execute_sql("ALTER FUNCTION order_status_count_keep() SET search_path FROM CURRENT")


def _mysql_triggers(db: pw.Database) -> None:
    # A MariaDB trigger runs with its definer's rights (the counters' triggers included);
    # USER() is still the session's login.
    for table, column in _who_columns(db):
        for when in ("INSERT", "UPDATE"):
            name = f"{table}_who_{when.lower()}"
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
            db.execute_sql(
                f"CREATE TRIGGER {name} BEFORE {when} ON `{table}` FOR EACH ROW "
                f"IF {_MY_PERSON} THEN SET NEW.{column} = {_MY_LOGIN}; END IF"
            )
    db.execute_sql("DROP TRIGGER IF EXISTS order_guard")
    db.execute_sql(
        "CREATE TRIGGER order_guard BEFORE UPDATE ON `order` FOR EACH ROW "
        f"IF NOT (OLD.status <=> NEW.status) AND {_SUPERVISOR_MOVE} AND {_MY_CLERK} THEN "
        f"SIGNAL SQLSTATE '42000' SET MYSQL_ERRNO = 1142, MESSAGE_TEXT = '{_REFUSED}'; END IF"
    )


# ---- the group roles, their grants and the people functions

def setup_roles(db: pw.Database) -> None:
    """Create the two group roles if missing, (re)grant what each may do on every table, and
    (re)define the people functions.  Run by the owner: at migration 14 and after every later
    migration, and by ``orderdesk users setup``.  Raises the driver's error when this login
    may not create roles."""
    if is_sqlite(db):
        return
    clerk, supervisor = group_roles(db)
    if _pg(db):
        _pg_roles(db, clerk, supervisor)
    else:
        _mysql_roles(db, clerk, supervisor)


def roles_exist(db: pw.Database) -> bool:
    if is_sqlite(db):
        return False
    clerk, _supervisor = group_roles(db)
    if _pg(db):
        sql = "SELECT 1 FROM pg_roles WHERE rolname = %s"
    else:
        # The roles this login holds: the owner that created them holds them WITH ADMIN OPTION
        # (mysql.user itself is not the owner's to read).
        sql = "SELECT 1 FROM information_schema.APPLICABLE_ROLES WHERE ROLE_NAME = %s"
    return db.execute_sql(sql, (clerk,)).fetchone() is not None


def _table_grants(tables: list[str]):
    """(table, clerk's privileges, supervisor's) for every table."""
    for table in tables:
        if table in HISTORY:
            yield table, ("SELECT", "INSERT"), ()
        elif table in READ_ONLY:
            yield table, ("SELECT",), ()
        else:
            clerk = ("SELECT", *CLERK_WRITES.get(table, ()))
            yield table, clerk, SUPERVISOR_WRITES.get(table, _UNKNOWN_SUPERVISOR)


def _grant_tables(db: pw.Database, table_sql: str, clerk: str, supervisor: str) -> None:
    """Grant each table's privileges (``_table_grants``) to the two quoted group roles;
    ``table_sql`` quotes a table name: ``"{}"`` on PostgreSQL, the database and the table in
    backquotes on MariaDB."""
    for table, clerk_may, supervisor_may in _table_grants(db.get_tables()):
        db.execute_sql(f"GRANT {', '.join(clerk_may)} ON {table_sql.format(table)} TO {clerk}")
        if supervisor_may:
            db.execute_sql(f"GRANT {', '.join(supervisor_may)} ON {table_sql.format(table)} "
                           f"TO {supervisor}")


def _pg_roles(db: pw.Database, clerk: str, supervisor: str) -> None:
    for role in (clerk, supervisor):
        if db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            db.execute_sql(f'CREATE ROLE "{role}" NOLOGIN')
    db.execute_sql(f'GRANT "{clerk}" TO "{supervisor}"')
    roles = f'"{clerk}", "{supervisor}"'
    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    db.execute_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO {roles}')
    db.execute_sql(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {roles}')
    _grant_tables(db, '"{}"', f'"{clerk}"', f'"{supervisor}"')
    db.execute_sql(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{clerk}"')
    allowed = ("(session_user = current_user OR (SELECT rolsuper FROM pg_roles WHERE rolname = "
               "session_user) OR EXISTS (SELECT 1 FROM person WHERE login = session_user "
               "AND role = 'supervisor' AND active))")
    check = (f"IF NOT {allowed} THEN RAISE EXCEPTION 'only a supervisor manages people' "
             f"USING ERRCODE = '{PG_DENIED}'; END IF; "
             "IF p_login !~ '^[a-z][a-z0-9_]{0,30}$' THEN "
             "RAISE EXCEPTION 'bad login' USING ERRCODE = '22023'; END IF; ")
    definer = "LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT"
    _ddl(
        db,
        "CREATE OR REPLACE FUNCTION orderdesk_add_person(p_login text, p_password text, "
        "p_name text, p_role text) RETURNS void AS $$ BEGIN "
        f"{check}"
        "IF p_role NOT IN ('clerk', 'supervisor') THEN "
        "RAISE EXCEPTION 'bad role' USING ERRCODE = '22023'; END IF; "
        # Said before CREATE ROLE's own error could quote the statement, password and all.
        "IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN "
        "RAISE EXCEPTION 'login exists' USING ERRCODE = '42710'; END IF; "
        "EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_login, p_password, "
        f"CASE p_role WHEN 'supervisor' THEN '{supervisor}' ELSE '{clerk}' END); "
        "INSERT INTO person (login, display_name, role, active, created_at, created_by) "
        "VALUES (p_login, p_name, p_role, TRUE, now() AT TIME ZONE 'UTC', session_user); "
        f"END; $$ {definer}"
    )
    _ddl(
        db,
        "CREATE OR REPLACE FUNCTION orderdesk_disable_person(p_login text) RETURNS void AS $$ "
        f"BEGIN {check}"
        "IF NOT EXISTS (SELECT 1 FROM person WHERE login = p_login) "
        "THEN RAISE EXCEPTION 'no such person' USING ERRCODE = '22023'; END IF; "
        "EXECUTE format('ALTER ROLE %I NOLOGIN', p_login); "
        "UPDATE person SET active = FALSE WHERE login = p_login; "
        f"END; $$ {definer}"
    )
    for fn in ("orderdesk_add_person(text, text, text, text)", "orderdesk_disable_person(text)"):
        db.execute_sql(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
        db.execute_sql(f'GRANT EXECUTE ON FUNCTION {fn} TO "{supervisor}"')


def _mysql_roles(db: pw.Database, clerk: str, supervisor: str) -> None:
    name = db.database
    for role in (clerk, supervisor):
        db.execute_sql(f"CREATE ROLE IF NOT EXISTS `{role}`")
        db.execute_sql(f"REVOKE ALL PRIVILEGES, GRANT OPTION FROM `{role}`")
    db.execute_sql(f"GRANT `{clerk}` TO `{supervisor}`")
    _grant_tables(db, f"`{name}`.`{{}}`", f"`{clerk}`", f"`{supervisor}`")
    allowed = (f"({_MY_LOGIN} = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) OR EXISTS (SELECT 1 FROM "
               f"person WHERE login = {_MY_LOGIN} AND role = 'supervisor' AND active))")
    check = (f"IF NOT {allowed} THEN SIGNAL SQLSTATE '42000' SET MYSQL_ERRNO = 1142, "
             "MESSAGE_TEXT = 'only a supervisor manages people'; END IF; "
             "IF NOT p_login REGEXP BINARY '^[a-z][a-z0-9_]{0,30}$' THEN "
             "SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'bad login'; END IF; ")

    def run(expr: str) -> str:
        return (f"SET @orderdesk_sql = {expr}; PREPARE orderdesk_stmt FROM @orderdesk_sql; "
                "SET @orderdesk_sql = NULL; EXECUTE orderdesk_stmt; "
                "DEALLOCATE PREPARE orderdesk_stmt; ")

    user = "QUOTE(p_login), '@''%'''"
    group = f"IF(p_role = 'supervisor', '`{supervisor}`', '`{clerk}`')"
    db.execute_sql("DROP PROCEDURE IF EXISTS orderdesk_add_person")
    _ddl(
        db,
        "CREATE PROCEDURE orderdesk_add_person(IN p_login VARCHAR(63), IN p_password TEXT, "
        "IN p_name VARCHAR(100), IN p_role VARCHAR(12)) SQL SECURITY DEFINER BEGIN "
        f"{check}"
        "IF p_role NOT IN ('clerk', 'supervisor') THEN "
        "SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'bad role'; END IF; "
        + run(f"CONCAT('CREATE USER ', {user}, ' IDENTIFIED BY ', QUOTE(p_password))")
        + run(f"CONCAT('GRANT ', {group}, ' TO ', {user})")
        # A default role needs write access to the mysql database, which an owner may lack:
        # then OrderDesk sets the role on connecting (take_mysql_role).
        + "BEGIN DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN END; "
        + run(f"CONCAT('SET DEFAULT ROLE ', {group}, ' FOR ', {user})")
        + "END; "
        + "INSERT INTO person (login, display_name, role, active, created_at, created_by) "
        f"VALUES (p_login, p_name, p_role, TRUE, UTC_TIMESTAMP(), {_MY_LOGIN}); END"
    )
    db.execute_sql("DROP PROCEDURE IF EXISTS orderdesk_disable_person")
    _ddl(
        db,
        "CREATE PROCEDURE orderdesk_disable_person(IN p_login VARCHAR(63)) SQL SECURITY DEFINER "
        f"BEGIN {check}"
        "IF NOT EXISTS (SELECT 1 FROM person WHERE login = p_login) THEN "
        "SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'no such person'; END IF; "
        + run(f"CONCAT('ALTER USER ', {user}, ' ACCOUNT LOCK')")
        + "UPDATE person SET active = FALSE WHERE login = p_login; END"
    )
    for proc in ("orderdesk_add_person", "orderdesk_disable_person"):
        db.execute_sql(f"GRANT EXECUTE ON PROCEDURE `{name}`.`{proc}` TO `{supervisor}`")


def setup_roles_if_allowed(db: pw.Database) -> bool:
    """``setup_roles``, unless this login may not create roles or grant (then nothing changes,
    and the shop goes on with the logins it has); whether it was done."""
    try:
        if _pg(db):
            with db.atomic():  # a savepoint: a refusal undoes only this
                setup_roles(db)
        else:
            setup_roles(db)  # MariaDB commits each statement by itself: no savepoint to undo
    except pw.DatabaseError as exc:
        if not is_permission_error(exc):
            raise
        return False
    return True


def refresh_grants(db: pw.Database) -> None:
    """After migrating: the group roles' grants again (a new table gets its grants), if the
    roles exist and this login may grant; a desk's login may not, and that is fine."""
    if not is_sqlite(db) and roles_exist(db):
        setup_roles_if_allowed(db)
