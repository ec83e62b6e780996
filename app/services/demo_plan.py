"""The demo's plans (``app.services.demo``): the shop the demo orders in (``_Shop``), one
order's plan (``_Plan``) and the generator that draws it (``_Generator``: what is ordered, by
whom, and its path, stepped through the domain's state machines), the orders' times, the
shop's calendar day (``_LocalDays``) and the tally of the plans for the summary (``_Tally``).

No Qt here.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

from app.domain.machines import (
    SHIPPED_STATUSES,
    money_in,
    next_cancel_status,
    next_order_status,
)
from app.domain.money import shipping_fee_for
from app.domain.pickup import PickupChain, PickupStore
from app.domain.statuses import CancelStatus, OrderStatus, RefundChannel
from app.models import tables

from . import cancellations as cancel_svc
from . import methods as method_svc
from . import shop_clock
from .common import local_date
from .demo_catalog import (
    _CANCEL_PICK,
    _COD_PICK,
    _DELAYS,
    _DOMAIN_PICK,
    _EPOCH,
    _NEEDS_REMITTANCE,
    _NITEMS_PICK,
    _ORDER_PICK,
    _PAY_DELAY,
    _PLACE_PICK,
    _PM_PICK,
    _QTY_PICK,
    _REQUESTS,
    _SM_PICK,
    _STORE_PICK,
    _SURNAME_PICK,
    BANKS,
    BRANCHES,
    CA,
    CARD_REFUND,
    CARRIERS,
    CLERK_REASONS,
    CLERKS,
    CLOSE_REASONS,
    COMPANY_RETURN,
    CUSTOMER_REASONS,
    CUSTOMER_REASONS_OUT_OF_STOCK,
    CUSTOMER_REASONS_SHIPPED,
    DEFAULT_CARRIERS,
    GIVEN_NAMES,
    HOUR,
    HOUR_WEIGHTS,
    MAX_REQUESTS,
    MIN,
    NOT_COLLECTED_REASONS,
    OUT_OF_STOCK_REASONS,
    PARTIAL_REFUND_REASONS,
    PAYMENT_METHODS,
    PAYMENT_NOTES,
    PICKUP_CHAINS,
    PRODUCTS,
    REFUND_FAIL_REASONS,
    REJECT_REASONS,
    REJECT_REASONS_SHIPPED,
    RETURN_FAIL_REASONS,
    SHIPPING_METHODS,
    STOREFRONT,
    STORES,
    SUPERVISORS,
    WRITE_OFF_REASONS,
    A,
    C,
    S,
    _between,
    _choice,
    _digits,
    _pick,
)

# ---------------------------------------------------------------- the shop

#: How each kind of payment is refunded.
_COD = RefundChannel.COD.value
_REVERSAL = RefundChannel.REVERSAL.value
_CHANNEL_OF_KIND = {"card": RefundChannel.REVERSAL.value, "atm": RefundChannel.REMITTANCE.value,
                    "cvs": RefundChannel.REMITTANCE.value, "cod": RefundChannel.COD.value}


class _Shop:
    """The stores and methods the demo uses: found by name, or created (methods through the
    methods service, so their history starts with an "add" by a clerk at ``when``)."""

    def __init__(self, when: datetime):
        self.store_ids = []
        for name in STORES:
            store = tables.Store.get_or_none(tables.Store.name == name) or tables.Store.create(name=name)
            self.store_ids.append(store.id)
        self.payment = []  # (id, title, refund channel, kind)
        for title, desc, kind, _w in PAYMENT_METHODS:
            pm = (tables.PaymentMethod.select().where((tables.PaymentMethod.title == title) & ~tables.PaymentMethod.archived)
                  .order_by(tables.PaymentMethod.id).first())
            if pm is None:
                channel = _CHANNEL_OF_KIND[kind]
                row = method_svc.add_payment_method(
                    method_svc.PaymentMethodInput(title, desc, channel), operator=CLERKS[0], now=when)
                pm = tables.PaymentMethod.get_by_id(row.id)
            self.payment.append((pm.id, pm.title, pm.refund_channel, kind))
        self.shipping = []  # (id, title, fee, free_threshold, carriers, pickup chain)
        for title, fee, free, desc, _w in SHIPPING_METHODS:
            sm = (tables.ShippingMethod.select().where((tables.ShippingMethod.title == title) & ~tables.ShippingMethod.archived)
                  .order_by(tables.ShippingMethod.id).first())
            if sm is None:
                row = method_svc.add_shipping_method(
                    method_svc.ShippingMethodInput(title, fee, free, desc, PICKUP_CHAINS.get(title, "")),
                    operator=CLERKS[0], now=when)
                sm = tables.ShippingMethod.get_by_id(row.id)
            self.shipping.append((sm.id, sm.title, sm.fee, sm.free_threshold,
                                  CARRIERS.get(sm.title, DEFAULT_CARRIERS), sm.pickup_chain or ""))


# ---------------------------------------------------------------- one order's plan


class _Plan:
    """One order: what is bought, by whom, and every step of its path (times in seconds after
    the demo's start).  Each step is ``(action, t, operator, payload, order_from, order_to,
    cancel_from, cancel_to)``; the statuses come from the domain's state machines."""

    __slots__ = ("t0", "store", "buyer", "items", "pm", "sm", "subtotal", "fee", "total", "steps",
                 "status", "requests", "company")

    def __init__(self, t0, store, buyer, items, pm, sm, subtotal, fee, total):
        self.t0 = t0
        self.store = store
        self.buyer = buyer  # (name, phone, email, address, pickup store or None)
        self.items = items  # [(product, options, quantity, unit_price)]
        self.pm = pm
        self.sm = sm
        self.subtotal = subtotal
        self.fee = fee
        self.total = total
        self.steps = []
        self.status = S.UNPAID
        self.requests = []  # [(requested_by, final cancel status)]
        self.company = False  # bought by a company that keeps its invoice (``COMPANY_RETURN``)


class _LocalDays:
    """The shop's calendar day ``t`` seconds after ``start`` (``common.local_date``), cached by
    quarter hour of the clock, not of ``start`` (every UTC offset is a multiple of 15 minutes)."""

    def __init__(self, start: datetime):
        self.epoch0 = int((start - _EPOCH).total_seconds())
        self.days: dict[int, date] = {}

    def __call__(self, t: int) -> date:
        key = (self.epoch0 + t) // 900
        day = self.days.get(key)
        if day is None:
            day = self.days[key] = local_date(_EPOCH + timedelta(seconds=key * 900))
        return day


class _Generator:
    def __init__(self, shop: _Shop, rng: random.Random, horizon: int, start: datetime):
        self.shop = shop
        self.rand = rng.random
        self.horizon = horizon  # seconds from start to now; every step happens before it
        self.start = start
        #: The shop's calendar day at ``t``, as the services reckon ship, payment and refund
        #: dates (``_LocalDays``).
        self._date = _LocalDays(start)

    # ---- what is ordered, by whom

    def buyer(self, chain: str):
        rand = self.rand
        surname, sroman, _w = _pick(rand, _SURNAME_PICK)
        given, groman = _choice(rand, GIVEN_NAMES)
        name = surname + given
        phone = "09" + _digits(rand, 8)
        domain = _pick(rand, _DOMAIN_PICK)[0]
        if rand() < 0.5:
            email = f"{groman}.{sroman}{int(rand() * 100)}@{domain}"
        else:
            email = f"{sroman}{groman}{_between(rand, 70, 99):02d}@{domain}"
        city, district, postcode, roads, _w = _pick(rand, _PLACE_PICK)
        road = _choice(rand, roads)
        number = _between(rand, 1, 299)
        if chain:  # the pickup store in its own fields, no delivery address
            store_name = (f"{road[:2]}門市" if chain == PickupChain.SEVEN else
                          f"全家{district[:-1]}{road[:2]}店")
            pickup = PickupStore(_digits(rand, 6), store_name, f"{city}{district}{road}{number}號")
            return name, phone, email, "", pickup
        lane = f"{_between(rand, 2, 119)}巷" if rand() < 0.3 else ""
        address = f"{postcode} {city}{district}{road}{lane}{number}號{_between(rand, 1, 15)}樓"
        return name, phone, email, address, None

    def items(self, store: int):
        rand = self.rand
        k = _pick(rand, _NITEMS_PICK)
        out = []
        products = PRODUCTS[store]
        chosen: list[int] = []
        while len(chosen) < k:
            i = int(rand() * len(products))
            if i not in chosen:
                chosen.append(i)
        for name, price, groups in (products[i] for i in chosen):
            opts = []
            for label, values in groups:
                value, extra = _choice(rand, values)
                opts.append(f"{label}：{value}")
                price += extra
            out.append((name, " / ".join(opts), _pick(rand, _QTY_PICK), price))
        return out

    def order(self, t0: int) -> _Plan:
        rand = self.rand
        store = _pick(rand, _STORE_PICK)
        pm = _pick(rand, _PM_PICK)
        sm = _pick(rand, _SM_PICK)
        _sid, sm_title, fee, free, _carriers, chain = self.shop.shipping[sm]
        buyer = self.buyer(chain)
        items = self.items(store)
        subtotal = sum(q * p for _n, _o, q, p in items)
        fee = shipping_fee_for(subtotal, fee, free)
        return _Plan(t0, store, buyer, items, pm, sm, subtotal, fee, subtotal + fee)

    # ---- the path

    def walk(self, plan: _Plan, script: tuple | None = None) -> _Plan:
        """Step the state machines from UNPAID until the order stays where it is (randomly, or
        because the next step would be in the future) or is cancelled."""
        rand = self.rand
        horizon = self.horizon
        payment = self.shop.payment
        if script and _NEEDS_REMITTANCE.intersection(script) and not RefundChannel(
                payment[plan.pm][2]).needs_account:
            plan.pm = next(i for i, p in enumerate(payment) if RefundChannel(p[2]).needs_account)
        plan.company = script is COMPANY_RETURN
        if script is CARD_REFUND:  # a shop's own card method may refund otherwise: then as drawn
            plan.pm = next((i for i, p in enumerate(payment) if p[2] == _REVERSAL), plan.pm)
        if script and (A.ACCEPT in script) != (payment[plan.pm][2] == _COD):
            # A script of notices takes a paid-first method, one of 【接單】 a COD one.
            plan.pm = next((i for i, p in enumerate(payment) if (p[2] == _COD) == (A.ACCEPT in script)
                            and not (_NEEDS_REMITTANCE.intersection(script) and p[2] == _REVERSAL)),
                           plan.pm)
        pay_kind = payment[plan.pm][3]
        cod = payment[plan.pm][2] == _COD
        picks = _COD_PICK if cod else _ORDER_PICK
        steps = plan.steps
        t = plan.t0
        s = S.UNPAID
        c = None  # the open request's status
        before = None
        paid = shipped = False
        by = None
        nreq = 0
        i = 0
        while s is not S.CANCELLED:
            if script is not None:
                if i == len(script):
                    break
                action = script[i]
                i += 1
                lo, hi = _DELAYS.get(action, (0, 0))
            else:
                action, _w, lo, hi = _pick(rand, picks[s] if c is None else _CANCEL_PICK[c])
                if action is None or (action in _REQUESTS and nreq >= MAX_REQUESTS):
                    break
            if action is A.RECORD_PAYMENT:
                lo, hi = _PAY_DELAY[pay_kind]
            delay = _between(rand, lo, hi)
            if t + delay >= horizon:
                if script is None:
                    break
                delay = max(1, (horizon - t) // 4)
            t += delay
            if c is None:
                if action in _REQUESTS:
                    before = s
                    s = _order_moves(s, action, cod)
                    paid = _money_in(before, cod) and plan.total > 0
                    shipped = before in SHIPPED_STATUSES
                    c = C.PENDING_REVIEW
                    nreq += 1
                    op, payload = self.request_payload(plan, action, before, paid, shipped)
                    by = payload[0]
                    steps.append((action, t, op, payload, before, s, None, c))
                else:
                    to = _order_moves(s, action, cod)
                    op, payload = self.order_payload(plan, action, t, pay_kind)
                    steps.append((action, t, op, payload, s, to, None, None))
                    s = to
            else:
                c2 = _cancel_moves(c, action, shipped, paid)
                op, payload = self.cancel_payload(plan, action, t, shipped, before)
                o_from = o_to = None
                if c2 is C.COMPLETED:
                    o_from, o_to = s, _order_moves(s, A.CANCEL_COMPLETED)
                elif c2 is C.REJECTED:
                    o_from, o_to = s, _order_moves(s, A.CANCEL_REJECTED, restore_to=before)
                elif c2 is C.CLOSED:
                    o_from, o_to = s, _order_moves(s, A.CANCEL_CLOSED, restore_to=before)
                steps.append((action, t, op, payload, o_from, o_to, c, c2))
                if o_to is not None:
                    s = o_to
                if c2 is C.COMPLETED or c2 is C.REJECTED or c2 is C.CLOSED:
                    plan.requests.append((by, c2))
                    c = None
                else:
                    c = c2
        if c is not None:
            plan.requests.append((by, c))
        plan.status = s
        return plan

    def order_payload(self, plan: _Plan, action, t: int, pay_kind: str):
        rand = self.rand
        if action is A.RECORD_PAYMENT:
            if pay_kind == "cod" or (pay_kind == "atm" and rand() < 0.25):
                op = _choice(rand, CLERKS)
            else:
                op = STOREFRONT
            note = _choice(rand, PAYMENT_NOTES[pay_kind])
            return op, (self._date(t), plan.total, _digits(rand, 5), note)
        op = _choice(rand, CLERKS)
        if action is A.SHIP:
            carrier, digits = _choice(rand, self.shop.shipping[plan.sm][4])
            return op, (self._date(t), carrier, _digits(rand, digits))
        if action is A.OUT_OF_STOCK:
            return op, _choice(rand, OUT_OF_STOCK_REASONS)
        if action is A.PICKED_UP:
            return op, self._date(t)
        if action is A.NOT_COLLECTED:
            return op, _choice(rand, NOT_COLLECTED_REASONS)
        return op, None  # CONFIRM_PAYMENT, BACK_TO_AWAITING, ACCEPT

    def request_payload(self, plan: _Plan, action, before, paid: bool, shipped: bool):
        rand = self.rand
        if action is A.REQUEST_CANCEL_CLERK:
            op, by, reason = _choice(rand, CLERKS), cancel_svc.CLERK, _choice(rand, CLERK_REASONS)
        else:
            op, by = STOREFRONT, cancel_svc.CUSTOMER
            if shipped:
                reason = _choice(rand, CUSTOMER_REASONS_SHIPPED)
            elif before is S.OUT_OF_STOCK:
                reason = _choice(rand, CUSTOMER_REASONS_OUT_OF_STOCK)
            else:
                reason = _choice(rand, CUSTOMER_REASONS)
        remittance = None
        if paid and RefundChannel(self.shop.payment[plan.pm][2]).needs_account:
            code, _bank = _choice(rand, BANKS)
            remittance = (code, _choice(rand, BRANCHES), _digits(rand, _choice(rand, (12, 13, 14))),
                          plan.buyer[0])
        return op, (by, reason, remittance)

    def cancel_payload(self, plan: _Plan, action, t: int, shipped: bool, before=None):
        rand = self.rand
        op = _choice(rand, CLERKS)
        day = self._date(t)
        if action is CA.APPROVE:
            # A notice no clerk confirmed: the money did arrive (the demo's notices are true).
            arrived = True if before is S.PAID and plan.total > 0 else None
            return op, (f"CS{day:%y%m%d}{_digits(rand, 4)}", arrived)
        if action is CA.REJECT:
            reason = _choice(rand, REJECT_REASONS_SHIPPED if shipped else REJECT_REASONS)
            return op, (f"CS{day:%y%m%d}{_digits(rand, 4)}", reason)
        if action is CA.RETURN_DONE:
            return op, (rand() < 0.9, rand() < 0.85)
        if action is CA.RETURN_FAILED:
            return op, (rand() < 0.5, rand() < 0.7, _choice(rand, RETURN_FAIL_REASONS))
        # A card payment is reversed: its reference is the gateway's authorisation number.
        ref = "AUTH" if self.shop.payment[plan.pm][2] == RefundChannel.REVERSAL.value else "RF"
        if action is CA.REFUND_DONE:
            return op, (day, f"{ref}{day:%Y%m%d}{_digits(rand, 5)}")
        if action is CA.REFUND_FAILED:
            return op, (day, f"{ref}{day:%Y%m%d}{_digits(rand, 5)}", _choice(rand, REFUND_FAIL_REASONS))
        if action is CA.REFUND_PARTIAL:
            return op, (day, f"{ref}{day:%Y%m%d}{_digits(rand, 5)}", plan.total // 2,
                        _choice(rand, PARTIAL_REFUND_REASONS))
        if action is CA.WRITE_OFF:
            return _choice(rand, SUPERVISORS), _choice(rand, WRITE_OFF_REASONS)
        if action in (CA.CLOSE_TO_REFUND, CA.CLOSE_NO_REFUND):
            return _choice(rand, SUPERVISORS), _choice(rand, CLOSE_REASONS)
        if action is CA.CORRECT_ACCOUNT:
            code, _bank = _choice(rand, BANKS)
            return op, (code, _choice(rand, BRANCHES), _digits(rand, 14), plan.buyer[0])
        raise AssertionError(action)


# The state machines' answers, remembered: the walk asks them millions of times with a handful
# of values (a refusal, ``TransitionError``, is raised every time).
_MOVES: dict = {}


def _order_moves(s, action, cod: bool = False, restore_to=None):
    key = (s, action, cod, restore_to)
    to = _MOVES.get(key)
    if to is None:
        to = _MOVES[key] = next_order_status(s, action, cod=cod, restore_to=restore_to)
    return to


def _cancel_moves(c, action, shipped: bool, paid: bool):
    key = (c, action, shipped, paid, None)
    to = _MOVES.get(key)
    if to is None:
        to = _MOVES[key] = next_cancel_status(c, action, shipped=shipped, paid=paid)
    return to


def _money_in(s, cod: bool) -> bool:
    key = (s, cod)
    got = _MOVES.get(key)
    if got is None:
        got = _MOVES[key] = money_in(s, cod=cod)
    return got


def _order_times(rng: random.Random, n: int, horizon: int, start: datetime) -> list[int]:
    """``n`` order times (seconds after ``start``), sorted; more in the shop's evenings and, as
    the shop grows, more lately.  The newest is at least ten minutes old."""
    span = horizon - 10 * MIN
    local0 = int((shop_clock.to_local(start) - _EPOCH).total_seconds())  # start is naive UTC
    wmax = max(HOUR_WEIGHTS)
    accept = [w / wmax for w in HOUR_WEIGHTS]
    out = []
    rand = rng.random
    while len(out) < n:
        t = int(rand() * span)
        if rand() < accept[((local0 + t) // HOUR) % 24] * (0.6 + 0.4 * t / span):
            out.append(t)
    out.sort()
    return out


class _Tally:
    def __init__(self):
        self.orders = Counter()
        self.requests = Counter()
        self.by = Counter()

    def add(self, plan: _Plan) -> None:
        self.orders[plan.status] += 1
        for by, status in plan.requests:
            self.requests[status] += 1
            self.by[by] += 1

    def summary(self, n: int, how: str, seconds: float, start: datetime, now: datetime) -> str:
        orders = ", ".join(f"{s.value} {self.orders[s]:,}" for s in OrderStatus)
        requests = ", ".join(f"{s.value} {self.requests[s]:,}" for s in CancelStatus)
        nreq = sum(self.requests.values())
        return (
            f"Built {n:,} demo orders {how} in {seconds:.1f} s, for the stores {'、'.join(STORES)}, "
            f"dated {start:%Y-%m-%d} to {now:%Y-%m-%d} (UTC). Orders by status: {orders}. "
            f"{nreq:,} cancellation requests ({self.by[cancel_svc.CUSTOMER]:,} from customers, "
            f"{self.by[cancel_svc.CLERK]:,} from clerks): {requests}."
        )
