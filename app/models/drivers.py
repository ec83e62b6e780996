"""peewee without its server drivers until a server is opened (issue 11, item 8: start-up).

Importing peewee imports every database driver it can find — psycopg2, psycopg 3, PyMySQL and,
through PyMySQL, ``cryptography`` — an eighth of the window's imports before its first paint
(-X importtime), although a desk on its SQLite file never uses them.  ``without_server_drivers`` imports
peewee with them hidden (as if not installed); ``load`` (called by ``db.open_url`` before it
opens a server, and idempotent) imports them and gives peewee exactly what its own import
would have given it: the same module globals and its adapters' class attributes, a test
compares the two (tests/test_startup.py).  Without ``without_server_drivers`` first — every
command but the window, and the tests — peewee imports them itself and ``load`` does nothing.

peewee imports five standard modules it uses only inside functions none of which the window's
start calls (``LATER``): ``without_server_drivers`` gives it a stand-in for each that becomes the
module itself, the same object, on its first use (``_StandIn``); ``load_later_modules``, run
once the window has painted, makes every stand-in left the module.  Some 45 M instructions
of the 1,336 M to the first paint went to them (``socket``'s and ``uuid``'s enums, OpenSSL's
hashes, ``calendar``'s ``locale``, ``json``'s scanner; docs/PERFORMANCE.md, start-up).
"""

from __future__ import annotations

import importlib.util
import sys
import types

#: The modules peewee's import tries, in its order (a ``None`` in ``sys.modules`` hides one).
HIDDEN = ("psycopg2cffi", "psycopg2", "psycopg", "pymysql", "MySQLdb")

#: The standard modules peewee imports but uses only inside functions: a timestamp field's
#: ``calendar.timegm``, an IP field's ``socket.inet_aton``, a UUID field's and a server cursor's
#: ``uuid``, a long constraint name's ``hashlib.md5``, a JSON value's ``json`` (OrderDesk's
#: own modules that import ``json`` get the stand-in too: the first frame reads no JSON).
LATER = ("calendar", "socket", "uuid", "hashlib", "json")

_deferred = False


def without_server_drivers() -> None:
    """Import peewee now, its server drivers hidden and a stand-in for each module of ``LATER``
    not imported yet, unless it (or a driver) is already in."""
    global _deferred
    if "peewee" in sys.modules or any(name in sys.modules for name in HIDDEN):
        return
    for name in LATER:
        if name not in sys.modules:
            _stand_in(name)
    for name in HIDDEN:
        sys.modules[name] = None  # ImportError, as for a driver not installed
    try:
        import peewee  # noqa: F401 - imported here, without them
    finally:
        for name in HIDDEN:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    _deferred = True


class _StandIn(types.ModuleType):
    """A module not run yet: it has its name, file and spec (so ``import`` takes it as
    imported), and the first attribute it lacks runs the module's code in it, as ``import``
    would have — from then on it is the module (``importlib.util.LazyLoader`` instead runs it
    on any attribute, ``__spec__`` included, which every ``import`` statement reads)."""

    def __getattr__(self, attr: str):
        _run(self)
        return types.ModuleType.__getattribute__(self, attr)


def _stand_in(name: str) -> None:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _StandIn
    sys.modules[name] = module


def _run(module: types.ModuleType) -> None:
    """Run a stand-in's module code in it (once), making it the module."""
    if type(module) is not _StandIn:
        return
    module.__class__ = types.ModuleType
    try:
        module.__spec__.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module.__name__, None)  # as a failed import leaves it
        raise


def stand_ins() -> list[str]:
    """The modules of ``LATER`` still waiting for their first use."""
    return [name for name in LATER if type(sys.modules.get(name)) is _StandIn]


def load_later_modules() -> None:
    """Run every stand-in's module now (the window has painted): each is the module it stood
    for, whatever uses it next and from whichever thread."""
    for name in stand_ins():
        _run(sys.modules[name])


def load() -> None:
    """Give peewee the server drivers it was imported without (nothing if it had them):
    what peewee's own import does, in its order."""
    global _deferred
    if not _deferred:
        return
    _deferred = False
    import peewee

    try:
        from psycopg2cffi import compat
        compat.register()
    except ImportError:
        pass
    try:
        import psycopg2
        from psycopg2 import extensions as pg_extensions
        from psycopg2.extras import Json as Json_pg2  # noqa: N811 - peewee's name
        from psycopg2.extras import register_uuid as pg_register_uuid
        pg_register_uuid()
    except ImportError:
        pass
    else:
        peewee.psycopg2, peewee.pg_extensions, peewee.Json_pg2 = psycopg2, pg_extensions, Json_pg2
        peewee.pg_register_uuid = pg_register_uuid
        adapter = peewee.Psycopg2Adapter
        adapter.txn_idle = pg_extensions.TRANSACTION_STATUS_IDLE
        adapter.txn_inerror = pg_extensions.TRANSACTION_STATUS_INERROR
        adapter.txn_unknown = pg_extensions.TRANSACTION_STATUS_UNKNOWN
    try:
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json as Json_pg3  # noqa: N811 - peewee's name
        from psycopg.types.json import Jsonb as Jsonb_pg3  # noqa: N811 - peewee's name
    except ImportError:
        pass
    else:
        peewee.psycopg, peewee.TransactionStatus = psycopg, TransactionStatus
        peewee.Json_pg3, peewee.Jsonb_pg3 = Json_pg3, Jsonb_pg3
        adapter = peewee.Psycopg3Adapter
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
    try:
        import pymysql as mysql
    except ImportError:
        try:
            import MySQLdb as mysql
        except ImportError:
            mysql = None
    peewee.mysql = mysql


def deferred() -> bool:
    """Whether peewee is still without its server drivers."""
    return _deferred
