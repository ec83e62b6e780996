"""The search box's text as a condition on the orders, by the gram index (``app/models/grams.py``).

``Search.of(text)`` says how a search selects orders: its grams, ranked rarest first, or the
indexed prefix ranges of order number and phone, and how a page or a count reads them (``IN``
or ``EXISTS``, or the counter table).  Both lists use it: the orders' (``queries``) and the
cancellation requests' (``cancel_list``), the requests of the orders it finds.
"""

from __future__ import annotations

import math
import operator
from functools import lru_cache, reduce

import peewee as pw

from app.domain.later import dataclass_when_used
from app.domain.phone import half_width
from app.models import grams
from app.models.db import database
from app.models.tables import GramStatusCount, Order, OrderGram, OrderStatusCount

from .keyset import PAGE


def _search_text(text: str) -> tuple[str, bool]:
    """What a search of ``text`` (stripped) looks for, folded as the index is, and whether it
    is all digits."""
    if text.isdigit():
        return text, True
    return grams.fold_as_stored(database.obj, text), False


def _compact(text: str) -> str | None:
    """``text`` without its dashes and spaces when it had some and is then digits (a leading
    ``+`` kept): a phone as the orders keep it (``writes.normalise_phone``), else None."""
    compact = text.replace("-", "").replace(" ", "")
    return compact if compact != text and compact.lstrip("+").isdigit() else None


#: How a search's gram test is written (``Search.cond``): an ``IN`` over the grams' orders, or
#: a correlated ``EXISTS`` per order (the counts join them: ``Search.joined``).
IN, EXISTS = "in", "exists"
#: ``IN`` over candidates known to be few (a page's, counted below ``many``'s bound; a count's,
#: below the window's): on PostgreSQL their ids are gathered first (``= ANY(ARRAY(…))``).
#: Given ``IN``, its planner took the ``LIKE`` check of a longer search for selective (five
#: digits of a phone: 45 orders estimated, 14 found) and tested it on every order before
#: probing the grams: 150 ms at 100,000 orders where the grams' 14 ids take 2.
FEW = "few"
#: A row read by id for a page costs about this many rows walked on the sort's index with a
#: probe of the grams each (SQLite at 100,000 orders: 1.4 µs against 0.43 µs).
_CANDIDATE_COST = 3.3
#: The most candidates a page's condition names by id (``Search.page_cond``).
NAMED_IDS = 1000
#: A gram's orders are counted up to this many when ranking a search's grams.
_RANK_CAP = 5000
#: ...and those counted to the cap, counted again up to this many: five digits of a phone
#: ("0948165") have trigrams held by some 30,000 orders at 1,000,000 and one, "094", by
#: 100,000; all counted 5,000, the search was joined from "094" and its first page took
#: 100 ms on SQLite.
_RANK_FAR = 40_000
#: PostgreSQL counts a longer search's orders in one pass over the table, testing each
#: (``Search.counts_in_one_pass``), when its rarest gram is held by more than this share of
#: the orders: the pass costs about a quarter of what intersecting the grams' orders and
#: reading each by id costs an order found (1M orders: 1.1 µs an order against 4.7).
SCAN_SHARE = 0.25


def _holds(col, folded: str):
    """``LOWER(col)`` holds ``folded`` (folded as the index is: ``grams.fold_as_stored``)
    anywhere: SQLite's ``LIKE`` folds A–Z itself; on PostgreSQL a plain ``LIKE`` — ``LOWER``
    has folded the column, the text is folded — rather than ``ILIKE``, which folds both sides
    again for every row (a third of a pass over a million orders); on MariaDB byte by byte
    (``utf8mb4_bin``): in the column's ``_ci`` collation its ``LIKE`` took "e" for "é" at the
    characters no looked-up gram holds (a long search joins four of its trigrams), so the
    same search found an order there and not on the other two.  ``LOWER(col)`` as it is:
    PostgreSQL's statistics of it (migration 26) estimate the test."""
    test = pw.fn.LOWER(col).contains(folded)
    if isinstance(database.obj, pw.PostgresqlDatabase):
        test = pw.Expression(test.lhs, pw.OP.LIKE, test.rhs)
    elif isinstance(database.obj, pw.MySQLDatabase):
        test = pw.Expression(pw.NodeList((test.lhs, pw.SQL("COLLATE utf8mb4_bin"))), test.op, test.rhs)
    return test


def holds_text(col, text: str):
    """``col`` holds ``text`` (stripped) anywhere, folded as the search folds it: the same test
    on the three backends (``_holds``).  For texts no gram indexes, such as 取消訂單's reasons:
    peewee's ``contains`` is SQLite's ``LIKE`` (A–Z folded), PostgreSQL's ``ILIKE`` (every
    letter) and MariaDB's ``LIKE`` in the column's ``_ci`` collation, which took "e" for "é"."""
    return _holds(col, grams.fold_as_stored(database.obj, text))


def _orders_total() -> int:
    """How many orders the shop has (the counter's sum)."""
    return int(OrderStatusCount.select(pw.fn.SUM(OrderStatusCount.n)).scalar() or 0)  # MariaDB: Decimal


@dataclass_when_used(frozen=True)
class Search:
    """How the search box's text selects orders, by the gram index (``app/models/grams.py``).

    One or two characters: the buyer names holding them (their gram); digits that short, or
    ``O`` and digits, keep the indexed prefix ranges of order number and phone (``prefix``),
    or, when the counter says they hold many orders, test the first characters of each order
    read on the sort's index (``bare``).  The counts of one or two characters of a name or of
    such a prefix come from the counter (``key``, migrations 24 and 28).
    Three: the orders holding that trigram.  Longer: the orders holding its trigrams
    (``grams.query_grams``), checked with ``LIKE`` on the five columns (``check``).  The grams
    are joined rarest first (each counted up to ``_RANK_CAP``)."""

    wanted: tuple[str, ...] = ()
    check: object = None
    prefix: object = None
    #: A prefix search's test without its ranges (``cond(EXISTS)``: read on the sort's index),
    #: and its key in the counter (``gram_status_count``, migration 24).
    bare: object = None
    key: str | None = None

    @classmethod
    def of(cls, text: str) -> Search | EitherSearch | None:
        """How ``text`` selects orders; None for no search.  Digits typed with dashes or
        spaces are looked for both ways: as a phone keeps them (its digits, a leading ``+``)
        and as typed (a tracking or order number keeps its dashes: "2026-5555" of
        TW-2026-5555-01).  Full-width digits and letters, as a Chinese input method types
        them, are looked for both as their half-width characters (``phone.half_width``: the
        phones, numbers and e-mails are kept so; a phone's dashes and spaces dropped) and as
        typed (a name may hold them)."""
        text = text.strip()
        half = half_width(text)
        if half != text:
            return EitherSearch.of(cls._of(_compact(half) or half), cls._of(text))
        compact = _compact(text)
        if compact is None:
            return cls._of(text)
        return EitherSearch.of(cls._of(compact), cls._of(text))

    @classmethod
    def _of(cls, text: str) -> Search | None:
        folded, digits = _search_text(text)
        if not folded:
            return None
        upper = text.upper()
        if len(folded) <= 2 and (digits or (upper.startswith("O") and upper[1:].isdigit())):
            # The range finds the rows on the column's index, the first characters make it a
            # prefix exactly (as the counter's keys: ``grams._keys_of``).
            tests = [(Order.order_no, upper)] if not digits else [(Order.buyer_phone, folded),
                                                                 (Order.order_no, "O" + folded)]
            prefix = reduce(operator.or_, ((col >= p) & (col < p + "~") & (pw.fn.SUBSTR(col, 1, len(p)) == p)
                                           for col, p in tests))
            bare = reduce(operator.or_, (pw.fn.SUBSTR(col, 1, len(p)) == p for col, p in tests))
            return cls(prefix=prefix, bare=bare, key=grams.MARK + (folded if digits else upper))
        wanted = _ranked(grams.query_grams(folded))
        check = None
        if len(folded) > 3:
            check = reduce(operator.or_, (_holds(getattr(Order, c), folded) for c in grams.COLUMNS))
        return cls(tuple(wanted), check)

    def cond(self, how: str = IN):
        """The condition on ``Order``, written as ``how`` (``IN`` or ``EXISTS``; a prefix:
        on the columns' indexes, or tested on each order)."""
        if self.prefix is not None:
            return self.bare if how == EXISTS else self.prefix
        if how == EXISTS:
            probes = [OrderGram.alias(f"og{i}") for i in range(len(self.wanted))]
            match = reduce(operator.and_, (pw.fn.EXISTS(
                og.select(pw.SQL("1")).where((og.gram == g) & (og.order_id == Order.id)))
                for og, g in zip(probes, self.wanted, strict=True)))
        else:
            match = _among(_gram_orders(self.wanted), how)
        return self._checked(match)

    def _checked(self, match):
        """``match`` and the search's ``LIKE`` check, when it has one."""
        return match if self.check is None else match & self.check

    def joined(self, q, *, few=lambda: False):
        """``q`` (a query of ``Order``) narrowed to the search's orders, and the conditions left
        to add: one gram is joined (its orders read by id, in its key's order); several are
        intersected first (``IN``: SQLite would read each order of the first gram before
        probing the others; ``FEW`` where ``few()`` says the candidates are few)."""
        if self.prefix is not None:
            return q, [self.prefix]
        if len(self.wanted) > 1:
            return q, [self.cond(FEW if few() else IN)]
        og = OrderGram.alias("og0")
        q = q.join(og, on=((og.gram == self.wanted[0]) & (og.order_id == Order.id))).switch(Order)
        return q, [] if self.check is None else [self.check]

    def counted(self) -> str | None:
        """The key under which the counter table counts the search's orders (migration 24:
        one character of a name, or a prefix of one or two digits; migration 28: two
        characters of a name, unless the first is ``#``, the prefixes' mark), or None (a
        longer search)."""
        if self.key is not None:
            return self.key
        if self.prefix is None and len(self.wanted) == 1 and grams.name_key(self.wanted[0]):
            return self.wanted[0]
        return None

    def many(self) -> bool:
        """Whether so many orders hold the grams that a page is found faster walking the sort's
        index (``EXISTS``) than reading the candidates by id: more of them than the square
        root of ``_CANDIDATE_COST`` × 200 × the orders (where the two cost the same), counted
        up to that bound (or read from the counter)."""
        bound = _many_bound()
        return self.found_upto(bound) >= bound

    def page_cond(self):
        """The condition a list's pages are read by: ``EXISTS`` walking the sort's index when
        many orders hold the grams (``many``); else the candidates, named by id when the look
        that tells they are few found them all and they are at most ``NAMED_IDS`` (a longer
        search's grams intersected once: they were counted up to ``many``'s bound, then
        intersected again for the page — 33 and 34 ms for five digits of a phone on
        PostgreSQL at 1,000,000 orders), else gathered by the page's statement (``FEW``)."""
        if self.prefix is not None or len(self.wanted) < 2:
            return self.cond(EXISTS if self.many() else FEW)
        got = self._page_ids(_many_bound())
        if got is True:
            return self.cond(EXISTS)
        if got is False:
            return self.cond(FEW)
        return self._checked(Order.id.in_(got))

    def _page_ids(self, bound: int) -> list[int] | bool:
        """A longer search's candidates (the orders holding all its grams) when fewer than
        ``bound`` (``many``'s) and at most ``NAMED_IDS``; True when that bound is reached
        (many); False when fewer but more than ``NAMED_IDS``."""
        ids = [i for (i,) in _gram_orders(self.wanted, ordered=True).limit(bound).tuples()]
        if len(ids) >= bound:
            return True
        return ids if len(ids) <= NAMED_IDS else False

    def counts_in_one_pass(self, *, rarest_within: int | None = None) -> bool:
        """Whether its orders are counted faster testing every order (``check``, one pass over
        the table) than intersecting the orders of its grams: a longer search on PostgreSQL
        whose rarest gram more than ``SCAN_SHARE`` of the orders hold (``gmail`` at 1,000,000
        orders: 1.1 s against 2.8).  The pass finds the same orders: what holds the text holds
        its grams.  Not on SQLite, which reads its orders by id as fast as in a pass, nor on
        MariaDB (not measured there).
        ``rarest_within``: its rarest gram's orders are known to be no more (not counted again)."""
        if self.check is None or not isinstance(database.obj, pw.PostgresqlDatabase):
            return False
        bound = max(int(_orders_total() * SCAN_SHARE), 1)
        if rarest_within is not None and rarest_within < bound:
            return False
        return self.found_upto(bound, rarest=True) >= bound

    def found_upto(self, cap: int, *, rarest: bool = False) -> int:
        """How many orders hold the search's grams (before its ``LIKE`` check), counted up to
        ``cap`` — or read from the counter, whole (a prefix of "0" held every order: 4.3 s
        on its ranges).  ``rarest``: the orders holding its rarest gram, a bound on those
        holding them all read on one gram's key (intersecting ``gmail``'s three grams up to
        30,000 orders took 37 ms at 100,000 orders; one gram's 30,000, 2 ms)."""
        key = self.counted()
        if key is not None:
            c = GramStatusCount
            return int(c.select(pw.fn.SUM(c.n)).where(c.gram == key).scalar() or 0)  # MariaDB: Decimal
        return count_upto(_gram_orders(self.wanted[:1] if rarest else self.wanted, ordered=True), cap)

    def finds_more_than(self, n: int) -> bool:
        """Whether counting the search's orders would read more than ``n`` of them (its rarest
        gram's, or the counter's): ``count_orders(within=…)``."""
        return self.found_upto(n + 1, rarest=True) > n


@dataclass_when_used(frozen=True)
class EitherSearch:
    """The orders either of two searches finds (``Search.of``: digits typed with dashes, as a
    phone keeps them and as typed), with ``Search``'s questions answered for both: never
    counted by the counter nor in one pass; counting reads the orders of both."""

    first: Search
    second: Search
    check = prefix = None

    @classmethod
    def of(cls, first: Search | None, second: Search | None) -> Search | EitherSearch | None:
        return cls(first, second) if first is not None and second is not None else first or second

    def cond(self, how: str = IN):
        """Either condition — as one set of candidates, the two lookups' union, each tested by
        either check, where both are checked gram searches: what passes a side's check holds
        that side's grams, so it is among the union.  (As two ``IN``s joined by ``OR``,
        MariaDB read every order to test them: 168 ms for ``0948-165`` at 100,000 orders,
        its lookups 2.6.)"""
        a, b = self.first, self.second
        if how == EXISTS or not self._unionable() or isinstance(database.obj, pw.MySQLDatabase):
            return a.cond(how) | b.cond(how)  # (MariaDB runs IN over a UNION once per order)
        return _among(self._union(), how) & self._check()

    def _union(self):
        """The ids either lookup finds (a ``UNION``: each once)."""
        return _gram_orders(self.first.wanted) | _gram_orders(self.second.wanted)

    def _check(self):
        return self.first.check | self.second.check

    def _unionable(self) -> bool:
        """Both sides are longer searches, checked: their candidates may be put together."""
        return all(s.prefix is None and len(s.wanted) > 1 and s.check is not None
                   for s in (self.first, self.second))

    def joined(self, q, *, few=lambda: False):
        """``q`` joined to the union of both lookups (a derived table each backend makes once:
        MariaDB ran ``IN`` over a ``UNION`` for every order, 381 ms to count ``0948-165`` at
        100,000 orders), tested by either check."""
        if not self._unionable():
            return q, [self.cond(FEW if few() else IN)]
        ids = self._union().alias("either_ids")
        q = q.join(ids, on=(ids.c.order_id == Order.id)).switch(Order)
        return q, [self._check()]

    def page_cond(self):
        """As ``Search.page_cond``: both sides' candidates named by id when both are longer,
        checked searches found few."""
        a, b = self.first, self.second
        if not self._unionable():
            return self.cond(EXISTS if self.many() else FEW)
        bound = _many_bound()
        got = [a._page_ids(bound), b._page_ids(bound)]
        if any(g is True for g in got):
            return self.cond(EXISTS)
        if any(g is False for g in got):
            return self.cond(FEW)
        return Order.id.in_(sorted(set(got[0]) | set(got[1]))) & self._check()

    def counted(self) -> None:
        return None

    def many(self) -> bool:
        return self.first.many() or self.second.many()

    def counts_in_one_pass(self, *, rarest_within: int | None = None) -> bool:
        return False

    def found_upto(self, cap: int, *, rarest: bool = False) -> int:
        return min(cap, self.first.found_upto(cap, rarest=rarest) + self.second.found_upto(cap, rarest=rarest))

    finds_more_than = Search.finds_more_than


def _among(ids, how: str):
    """``Order.id`` among ``ids`` (a query): ``IN``, or on PostgreSQL for ``FEW`` ``= ANY(ARRAY
    (…))``, the ids gathered first by an InitPlan (``FEW``)."""
    if how == FEW and isinstance(database.obj, pw.PostgresqlDatabase):
        return Order.id == pw.fn.ANY(pw.fn.ARRAY(ids))
    return Order.id.in_(ids)


def _many_bound() -> int:
    """``Search.many``'s bound: the candidates beyond which a page walks the sort's index."""
    return max(int(math.sqrt(PAGE * _orders_total() / _CANDIDATE_COST)), PAGE)


def _gram_orders(wanted, *, ordered: bool = False):
    """The ids of the orders holding every gram of ``wanted``: the first gram's orders, each
    probed for the others on the index's key.  ``ordered``: in the key's order, for a count up
    to a bound (PostgreSQL, taking the first 30,001 of a gram's 600,000 orders to lie anywhere
    in the table, read it from its start instead of the key: 135 ms against 3 at 1,000,000
    orders; the grams were copied in sorted by gram)."""
    first = OrderGram.alias("og0")
    q = first.select(first.order_id)
    for i, g in enumerate(wanted[1:], 1):
        other = OrderGram.alias(f"og{i}")
        q = q.join(other, on=((other.gram == g) & (other.order_id == first.order_id)))
    q = q.where(first.gram == wanted[0])
    return q.order_by(first.order_id) if ordered else q


def _ranked(wanted) -> list:
    """A search's grams rarest first (each counted up to ``_RANK_CAP``).  Remembered for the
    last few searches: a refresh asks for its page and its counts, a cancellation tab for each
    tab, and the order only decides which gram is joined first, never what is found."""
    wanted = tuple(wanted)
    if len(wanted) < 2:
        return list(wanted)
    return list(_ranked_on(id(database.obj), wanted))


@lru_cache(maxsize=16)
def _ranked_on(_db: int, wanted: tuple) -> tuple:
    size = {g: count_upto(_gram_orders([g], ordered=True), _RANK_CAP) for g in wanted}
    tied = [g for g in wanted if size[g] >= _RANK_CAP]
    if len(tied) > 1:  # common grams all counted to the cap: told apart by a count further on
        size.update((g, count_upto(_gram_orders([g], ordered=True), _RANK_FAR)) for g in tied)
    return tuple(sorted(wanted, key=lambda g: size[g]))


def count_upto(q, cap: int) -> int:
    """How many rows ``q`` has, counted up to ``cap``."""
    return OrderGram.select(pw.fn.COUNT(pw.SQL("*"))).from_(q.limit(cap).alias("c")).scalar() or 0
