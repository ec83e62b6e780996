"""Dataclasses made when first used while the window starts (issue 11, item 8: start-up).

Python makes a dataclass by writing and compiling the source of its methods: some 5 M
instructions a frozen class, and half of the start's 22 are never used before the window's
first paint (the cancellation rows and filters, ``OpChanges``, the prompts, the people…).
``dataclass_when_used(**options)`` is ``dataclasses.dataclass(**options)``, except while the
window starts (``defer``): the class is then made — ``dataclasses.dataclass`` run on the same
class object — the first time an instance is made or its fields are asked for
(``dataclasses.fields``, ``is_dataclass``, a subclass being made), and ``make_all``, run once
the window has painted, makes every class still waiting.  Every other command, and every
test, makes them at once.
"""

from __future__ import annotations

import dataclasses
from typing import Any

#: The classes not made yet, with their options.
_waiting: dict[type, dict[str, Any]] = {}
_deferring = False


def defer() -> None:
    """From now on, until ``make_all``, a ``dataclass_when_used`` class waits for its first use."""
    global _deferring
    _deferring = True


def dataclass_when_used(**options: Any):
    """``@dataclasses.dataclass(**options)``, made on the class's first use while the window
    starts (``defer``)."""
    if options.get("slots"):
        raise ValueError("a slotted dataclass is a new class: make it at once")

    def wrap(cls: type) -> type:
        if not _deferring:
            return dataclasses.dataclass(cls, **options)
        _waiting[cls] = options
        cls.__init__ = _first_init(cls)
        cls.__dataclass_fields__ = _FirstFields(cls)
        return cls

    return wrap


def _first_init(cls: type):
    def __init__(self, *args, **kwargs):  # noqa: N807 - the class's own, until it is made
        _make(cls)
        cls.__init__(self, *args, **kwargs)

    return __init__


class _FirstFields:
    """``cls.__dataclass_fields__`` of a class not made yet: asking for it makes the class."""

    def __init__(self, cls: type):
        self.cls = cls

    def __get__(self, instance, owner):
        _make(self.cls)
        return self.cls.__dataclass_fields__


def _make(cls: type) -> None:
    """Make the dataclass ``cls`` waits to be, in place (once)."""
    options = _waiting.pop(cls, None)
    if options is None:
        return
    del cls.__init__, cls.__dataclass_fields__
    dataclasses.dataclass(cls, **options)


def waiting() -> list[str]:
    """The qualified names of the classes not made yet."""
    return [f"{cls.__module__}.{cls.__qualname__}" for cls in _waiting]


def make_all() -> None:
    """Make every class still waiting (the window has painted); from now on each is made at once."""
    global _deferring
    _deferring = False
    for cls in list(_waiting):
        _make(cls)
