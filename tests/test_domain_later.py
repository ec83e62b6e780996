"""``app.domain.later``: a dataclass made on its first use while the window starts (issue 11,
item 8) is the dataclass ``dataclasses.dataclass`` makes of it at once."""

from __future__ import annotations

import dataclasses

import pytest

from app.domain import later


@pytest.fixture
def deferring(monkeypatch):
    """``later.defer()`` in effect, with its own list of waiting classes."""
    monkeypatch.setattr(later, "_waiting", {})
    monkeypatch.setattr(later, "_deferring", True)


def _point():
    class Point:
        """A point."""

        x: int
        y: int = 0
        tags: frozenset = dataclasses.field(default_factory=frozenset)

        def norm(self) -> int:
            return abs(self.x) + abs(self.y)

    return Point


def _described(cls) -> tuple:
    p = cls(3, y=-4)
    return ([(f.name, f.default, f.default_factory) for f in dataclasses.fields(cls)], repr(p).split(".")[-1],
            p == cls(3, -4), p != cls(3), hash(p) == hash(cls(3, -4)), p.norm(), cls.__doc__,
            cls.__match_args__, dataclasses.replace(p, x=1).norm(), dataclasses.asdict(p))


def test_without_defer_it_is_made_at_once():
    cls = later.dataclass_when_used(frozen=True)(_point())
    assert "__dataclass_fields__" in vars(cls) and later.waiting() == []


def test_a_waiting_class_is_made_by_its_first_instance_as_at_once(deferring):
    eager = dataclasses.dataclass(frozen=True)(_point())
    cls = later.dataclass_when_used(frozen=True)(_point())
    assert later.waiting() == [f"{__name__}._point.<locals>.Point"]
    assert "__dataclass_fields__" not in cls.__dict__ or not isinstance(cls.__dict__["__dataclass_fields__"], dict)
    assert _described(cls) == _described(eager)
    assert later.waiting() == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        cls(1).x = 2


def test_asking_for_its_fields_or_making_a_subclass_makes_it(deferring):
    cls = later.dataclass_when_used(frozen=True)(_point())
    assert dataclasses.is_dataclass(cls) and later.waiting() == []
    base = later.dataclass_when_used(frozen=True)(_point())

    @dataclasses.dataclass(frozen=True)
    class Tagged(base):
        label: str = ""

    assert [f.name for f in dataclasses.fields(Tagged)] == ["x", "y", "tags", "label"]
    assert Tagged(1, 2, label="a").norm() == 3 and base(5).norm() == 5


def test_make_all_makes_every_waiting_class_and_ends_the_deferral(deferring):
    first = later.dataclass_when_used(frozen=True)(_point())
    second = later.dataclass_when_used()(_point())
    later.make_all()
    assert later.waiting() == [] and "__dataclass_fields__" in vars(first) and "__dataclass_fields__" in vars(second)
    assert "__dataclass_fields__" in vars(later.dataclass_when_used()(_point()))  # at once from now on


def test_a_slotted_dataclass_is_refused():
    with pytest.raises(ValueError):
        later.dataclass_when_used(slots=True)
