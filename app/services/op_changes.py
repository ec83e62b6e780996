"""What a user action changed, as the views hear of it: one frozen type for every announcement.

A service returns its own result (an action's ``Change``, a method row, an import summary);
the view that ran it announces an ``OpChanges`` built from it, and every page reloads only
what the change touched (Anki's OpChanges).  ``OpChanges.all()`` is the explicit
"reload it all" (a refresh, another desk's change, an action that was refused).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import TYPE_CHECKING

from app.domain.later import dataclass_when_used

if TYPE_CHECKING:  # the write path's module: not imported by the window's start (issue 11, item 8)
    from .common import Change

#: The kinds of method (``app.services.methods`` names them so); here, so that a change can name
#: them without importing the methods' service while the window starts (issue 11, item 8).
PAYMENT, SHIPPING, CARRIER = "payment", "shipping", "carrier"
METHOD_KINDS = frozenset({PAYMENT, SHIPPING, CARRIER})


@dataclass_when_used(frozen=True)
class OpChanges:
    """Which order statuses, cancellation statuses and method kinds a change touched, and
    whether an import happened (new rows in many tabs); ``history_ids`` are the history
    records it wrote, so the live refresh can tell this desk's change from another's."""

    order_statuses: frozenset[str] = frozenset()
    cancel_statuses: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    imported: bool = False
    everything: bool = False
    history_ids: tuple[int, ...] = field(default=())
    #: The orders whose rows changed (empty: not known, and the touched tabs read again).
    order_ids: frozenset[int] = frozenset()
    #: The order statuses an order entered or left (a record from one status to another; an
    #: edit stays in its status): the tabs whose rows may have come or gone.
    moved: frozenset[str] = frozenset()
    #: New orders: rows came into 訂單清單 too.
    placed: bool = False

    def __post_init__(self) -> None:
        unknown = self.methods - METHOD_KINDS
        if unknown:
            raise ValueError(f"unknown method kinds: {sorted(unknown)}")

    @classmethod
    def of(cls, change: Change) -> OpChanges:
        """What one action's ``Change`` touched."""
        placed = change.order_from is None
        return cls(order_statuses=change.order_statuses, cancel_statuses=change.cancel_statuses,
                   history_ids=tuple(change.history_ids), order_ids=frozenset({change.order_id}),
                   moved=change.order_statuses if change.order_from != change.order_to else frozenset(),
                   placed=placed)

    @classmethod
    def all(cls) -> OpChanges:
        """Reload everything."""
        return cls(everything=True)

    @classmethod
    def of_methods(cls, kind: str) -> OpChanges:
        return cls(methods=frozenset({kind}))

    @classmethod
    def of_import(cls) -> OpChanges:
        return cls(imported=True)

    @property
    def reloads_lists(self) -> bool:
        """Every status tab must reload (everything, or an import's new rows)."""
        return self.everything or self.imported


def merge(changes: Iterable[OpChanges]) -> OpChanges:
    """Several changes announced as one, so each touched tab reloads once (none: a change
    that touched nothing)."""
    order: frozenset[str] = frozenset()
    cancel: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    order_ids: frozenset[int] = frozenset()
    moved: frozenset[str] = frozenset()
    imported = everything = placed = False
    unknown_rows = False
    ids: list[int] = []
    for c in changes:
        order |= c.order_statuses
        cancel |= c.cancel_statuses
        methods |= c.methods
        imported = imported or c.imported
        everything = everything or c.everything
        ids.extend(c.history_ids)
        unknown_rows = unknown_rows or (bool(c.order_statuses) and not c.order_ids)
        order_ids |= c.order_ids
        moved |= c.moved
        placed = placed or c.placed
    return OpChanges(order, cancel, methods, imported, everything, tuple(ids),
                     frozenset() if unknown_rows else order_ids, moved, placed)


__all__ = ["METHOD_KINDS", "PAYMENT", "SHIPPING", "OpChanges", "merge"]
