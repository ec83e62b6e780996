"""Idempotency keys (issue 15, item 2): the decorator every action service takes its
``op_key`` through (``idempotent``), the key a clerk's click carries (``action_key``), the key
the first history record carries (``history_key``) and the answers kept in ``action_key``.

Below ``common`` and ``shop_clock`` (it needs neither), so that both, and any service, can be
keyed."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import json
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from enum import Enum
from zoneinfo import ZoneInfo

import peewee as pw

from app.domain.bounds import check_text
from app.domain.errors import DomainError, ServerUnavailableError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.db import database, drop_connection, survives_server, write_transaction
from app.models.tables import ActionKey, utcnow

# ---------------------------------------------------------------- idempotency keys (issue 15, item 2)

#: The key the next history record written in this context carries (``idempotent``): a
#: one-item list, emptied by the first record that takes it.
_PENDING_KEY: ContextVar[list | None] = ContextVar("pending_op_key", default=None)
#: A clerk's action (``Runner``) in progress: its key, taken by the first idempotent service
#: it calls without a key of its own (``action_key``).
_CLICK_KEY: ContextVar[list | None] = ContextVar("click_op_key", default=None)
#: How often ``idempotent`` runs an action whose COMMIT's outcome was unknown and, looked up
#: by its key, was not saved.
KEYED_ATTEMPTS = 3


def check_op_key(op_key: str) -> str:
    """An idempotency key as given: a text of 1 to 64 characters, checked like any text
    (``ValidationError`` on ``op_key``)."""
    if not isinstance(op_key, str) or not op_key.strip():
        raise ValidationError("op_key", QT_TRANSLATE_NOOP("Errors", "操作識別碼不能是空白。"))
    return check_text(op_key.strip(), "op_key", ActionKey.op_key.max_length)


def history_key() -> str | None:
    """The key the history record being written carries: the action's key on its first
    record, None on every other (and outside a keyed action)."""
    pending = _PENDING_KEY.get()
    return pending.pop() if pending else None


@contextmanager
def action_key(key: str | None):
    """A clerk's action in progress (the views' runner): the first idempotent service called
    inside without ``op_key`` takes ``key`` as its own; the services it calls after that take
    none (each would otherwise answer the first's answer).  The runner calls again with the
    same key when the clerk presses 重試 after a failure whose outcome was unknown."""
    token = _CLICK_KEY.set([key] if key else None)
    try:
        yield
    finally:
        _CLICK_KEY.reset(token)


def _encode(value):
    """An action's answer as JSON values, tagged so that ``_decode`` gives it back equal:
    dataclasses (of OrderDesk's modules), enums, dates and times, tuples, time zones."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"$": f"{type(value).__module__}:{type(value).__qualname__}",
                "f": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, Enum):
        return {"$e": f"{type(value).__module__}:{type(value).__qualname__}", "v": value.value}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, ZoneInfo):
        return {"$z": value.key}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {"$m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    return value


def _type(name: str):
    module, _, qualname = name.partition(":")
    if not module.startswith("app."):
        raise ValueError(f"not an OrderDesk type: {name}")
    found = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$" in value:
        return _type(value["$"])(**{k: _decode(v) for k, v in value["f"].items()})
    if "$e" in value:
        return _type(value["$e"])(value["v"])
    if "$dt" in value:
        return datetime.fromisoformat(value["$dt"])
    if "$d" in value:
        return date.fromisoformat(value["$d"])
    if "$t" in value:
        return tuple(_decode(v) for v in value["$t"])
    if "$z" in value:
        return ZoneInfo(value["$z"])
    return {_decode(k): _decode(v) for k, v in value["$m"]}


#: ``_answer_of``'s "no answer kept under this key".
NOT_FOUND = _NOT_FOUND = object()


def answer_text(result) -> str:
    """An action's answer as ``action_key.answer`` holds it."""
    from .writes import history_input  # the write path, not imported by the window's start

    return history_input({"answer": _encode(result)})


def answer_of_text(text: str):
    """The answer ``action_key.answer`` holds (``answer_text``), equal to what was kept."""
    return _decode(json.loads(text)["answer"])


@survives_server
def _answer_of(key: str):
    """What the action saved under ``key`` answered, or ``_NOT_FOUND``: a read, on a new
    connection when the last one dropped."""
    text = ActionKey.select(ActionKey.answer).where(ActionKey.op_key == key).scalar()
    return _NOT_FOUND if text is None else answer_of_text(text)


@survives_server
def _run_keyed(key: str, action, args, kwargs):
    """``action`` in one write transaction, its first history record carrying ``key`` and
    its answer kept under ``key`` (``ActionKey``) in the same transaction."""
    with write_transaction():
        token = _PENDING_KEY.set([key])
        click = _CLICK_KEY.set(None)  # the services it calls in turn take no key
        try:
            result = action(*args, **kwargs)
        finally:
            _CLICK_KEY.reset(click)
            _PENDING_KEY.reset(token)
        _insert_answer(key, result)
    return result


def _insert_answer(key: str, result) -> None:
    """Keep ``result`` under ``key``, inside the caller's write transaction."""
    ActionKey.insert(op_key=key, answer=answer_text(result), at=utcnow()).execute()


def _answer_if_asked(key: str):
    """``_answer_of``, or ``_NOT_FOUND`` when the database cannot be asked either."""
    try:
        return _answer_of(key)
    except (ServerUnavailableError, pw.DatabaseError):
        return _NOT_FOUND


def after_uncertain(key: str):
    """The answer saved under ``key`` after a COMMIT whose outcome was unknown, looked up on a
    new connection; ``_NOT_FOUND`` when it was not saved.  When even that cannot be asked:
    ``UNCERTAIN``, retryable — the key makes a retry safe."""
    db = database.obj
    if not db.in_transaction():
        drop_connection(db)
    try:
        return _answer_of(key)
    except ServerUnavailableError as again:
        raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN, retryable=True) from again
    except pw.DatabaseError as exc:  # SQLite: the file itself could not be read
        raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN, retryable=True) from exc


def idempotent(service):
    """An action service that takes an idempotency key (issue 15, item 2): ``op_key``, a
    client-made id (a uuid4's text, at most 64 characters; the storefront's reference for
    ``place_order`` is its ``client_ref`` instead).

    Without a key (and outside a clerk's ``action_key``) the service runs as it always did.
    With one:

    * a key already saved writes nothing and answers what the first call answered (the same
      ``Change`` or result, kept in ``action_key``), even when the order has moved on since;
    * otherwise the service runs in one write transaction: its first history record carries
      the key (``history_key``; unique) and its answer is kept under the key;
    * a call with the same key at the same moment loses on the unique key (or on the
      order's version) and answers the winner's answer, never a raw error;
    * after a COMMIT whose connection dropped (``UNCERTAIN``) the key is looked up on a new
      connection: the saved answer, or — not saved — the action runs again (at most
      ``KEYED_ATTEMPTS`` times); when it cannot be looked up, ``UNCERTAIN`` and retryable.
    """

    @functools.wraps(service)
    def run(*args, op_key: str | None = None, **kwargs):
        op_key = take_key(op_key)
        if op_key is None:
            return service(*args, **kwargs)
        key = check_op_key(op_key)
        for _attempt in range(KEYED_ATTEMPTS):
            found = _answer_of(key)
            if found is not _NOT_FOUND:
                return found
            try:
                return _run_keyed(key, service, args, kwargs)
            except ServerUnavailableError as err:
                if err.reason != ServerUnavailableError.UNCERTAIN:
                    found = _answer_if_asked(key)  # busy: a call with the same key may have won
                    if found is not _NOT_FOUND:
                        return found
                    raise
                found = after_uncertain(key)
                if found is not _NOT_FOUND:
                    return found
            except (DomainError, pw.IntegrityError):
                found = _answer_if_asked(key)  # a call with the same key was first
                if found is not _NOT_FOUND:
                    return found
                raise
        raise ServerUnavailableError(ServerUnavailableError.GONE, retryable=True)

    params = list(inspect.signature(service).parameters.values())
    keyed = inspect.Parameter("op_key", inspect.Parameter.KEYWORD_ONLY, default=None,
                              annotation="str | None")
    at = next((i for i, p in enumerate(params) if p.kind is inspect.Parameter.VAR_KEYWORD),
              len(params))
    run.__signature__ = inspect.signature(service).replace(parameters=[*params[:at], keyed,
                                                                        *params[at:]])
    return run


def take_key(op_key: str | None) -> str | None:
    """The key a call runs under: its own ``op_key``, or the clerk's click's (``action_key``)."""
    if op_key is None:
        click = _CLICK_KEY.get()
        op_key = click.pop() if click else None
    return op_key


def keyed_apart(op_key: str | None, act, made):
    """An action keyed although its own statements commit by themselves (MariaDB's
    ``CREATE USER``), so that no transaction of ours can hold the action and its key together:

    * the key is looked up first: a key already kept answers its answer, nothing done;
    * then ``act()`` runs as it always does, and right after it its answer is kept under the
      key in a transaction of its own;
    * when ``act`` fails (``err``), ``made(err)`` says whether what it makes is there already —
      made by an earlier call under this key whose outcome was lost, or by a call with the same
      key at the same moment: ``(answer,)`` then, kept under the key and answered, else None
      and ``err`` stands (retryable, when the server went away: the key makes a retry safe).

    So a repeat never makes a second one; what it cannot tell apart is a thing the same in
    every respect ``made`` compares made by someone else meanwhile, which it answers as its own.
    When the answer cannot be kept (the server went away after ``act``) the answer is still
    given: a repeat finds the thing made through ``made``."""
    key = take_key(op_key)
    if key is None:
        return act()
    key = check_op_key(key)
    found = _answer_of(key)
    if found is not _NOT_FOUND:
        return found
    try:
        result = act()
    except (DomainError, pw.DatabaseError) as err:
        result = _made_after(made, err)
    return _keep_apart(key, result)


def _made_after(made, err: BaseException):
    """``made(err)``'s answer after ``act`` failed with ``err``, asked on a new connection
    when the last one dropped; ``err`` (made retryable) when nothing was made."""
    if isinstance(err, ServerUnavailableError):
        db = database.obj
        if not db.in_transaction():
            drop_connection(db)
    try:
        found = survives_server(made)(err)
    except (ServerUnavailableError, pw.DatabaseError) as again:
        if isinstance(err, ServerUnavailableError):
            raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN, retryable=True) from again
        raise err from again
    if found is None:
        if isinstance(err, ServerUnavailableError):
            raise ServerUnavailableError(err.reason, retryable=True) from err
        raise err
    return found[0]


def _keep_apart(key: str, result):
    """Keep ``result`` under ``key`` in its own transaction (``keyed_apart``); the answer kept
    first when a call with the same key kept one meanwhile."""
    try:
        survives_server(_keep)(key, result)
    except pw.IntegrityError:
        found = _answer_if_asked(key)
        return result if found is _NOT_FOUND else found
    except (DomainError, pw.DatabaseError):
        pass  # done, not kept (the server went away, a refusal): a repeat finds it through ``made``
    return result


def _keep(key: str, result) -> None:
    with write_transaction():
        _insert_answer(key, result)
