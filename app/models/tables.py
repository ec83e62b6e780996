"""The tables.  Money is whole NT$ in 64-bit integer columns (migration 12 widened them on the
servers); times are UTC."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import peewee as pw

from .proxy import database


def utcnow() -> datetime:
    """Naive UTC, the form every timestamp column holds."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class VersionedModel(BaseModel):
    """A row the clerks change: its version (a change names the version its screen showed, so
    the second of two clerks is refused), and who changed it last and when.  No table of its
    own; the columns are named, never taken by position."""

    version = pw.IntegerField(default=1)
    updated_at = pw.DateTimeField()
    updated_by = pw.CharField(max_length=100)


def _listing_indexes(date_field: str) -> tuple:
    """What a list of status tabs reads by: one status's rows by date, and all rows by date."""
    return (
        (("status", date_field, "id"), False),
        ((date_field, "id"), False),
    )


class Store(BaseModel):
    name = pw.CharField(max_length=100, unique=True)


class PaymentMethod(BaseModel):
    title = pw.CharField(max_length=100)
    description = pw.TextField(default="")
    position = pw.IntegerField(default=0)
    archived = pw.BooleanField(default=False)
    #: How its money is refunded: ``app.domain.statuses.RefundChannel`` (migration 7).
    refund_channel = pw.CharField(max_length=12, default="remittance")
    #: The version the clerk's screen showed is checked on every change (migration 12; a
    #: default in the table too, for rows written by SQL).
    version = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])


class ShippingMethod(BaseModel):
    title = pw.CharField(max_length=100)
    fee = pw.BigIntegerField(default=0)
    free_threshold = pw.BigIntegerField(null=True)
    description = pw.TextField(default="")
    position = pw.IntegerField(default=0)
    archived = pw.BooleanField(default=False)
    #: The version the clerk's screen showed is checked on every change (migration 12; a
    #: default in the table too, for rows written by SQL).
    version = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])
    #: Convenience-store pickup (migration 16): the chain (``app.domain.pickup.PickupChain``),
    #: empty for delivery to an address.  Its orders carry the pickup store's fields.
    pickup_chain = pw.CharField(max_length=12, default="", constraints=[pw.SQL("DEFAULT ''")])


class Order(VersionedModel):
    order_no = pw.CharField(max_length=32, unique=True)
    store = pw.ForeignKeyField(Store, on_delete="RESTRICT")
    order_date = pw.DateTimeField()
    status = pw.CharField(max_length=20)
    # Buyer.
    buyer_name = pw.CharField(max_length=100)
    buyer_phone = pw.CharField(max_length=30, default="")
    buyer_email = pw.CharField(max_length=200, default="")
    delivery_address = pw.CharField(max_length=300, default="")
    # Methods: the reference, and a copy of what they were when the order was placed.
    payment_method = pw.ForeignKeyField(PaymentMethod, on_delete="RESTRICT")
    payment_method_name = pw.CharField(max_length=100)
    shipping_method = pw.ForeignKeyField(ShippingMethod, on_delete="RESTRICT")
    shipping_method_name = pw.CharField(max_length=100)
    shipping_method_fee = pw.BigIntegerField()
    # Money, whole NT$.
    subtotal = pw.BigIntegerField()
    shipping_fee = pw.BigIntegerField()
    total = pw.BigIntegerField()
    # Progress.
    ship_date = pw.DateField(null=True)
    carrier = pw.CharField(max_length=100, null=True)
    tracking_no = pw.CharField(max_length=100, null=True)
    out_of_stock_reason = pw.TextField(null=True)
    status_before_cancel = pw.CharField(max_length=20, null=True)
    # The money received: the amount a clerk confirmed (migration 7); None until confirmed.
    confirmed_amount = pw.BigIntegerField(null=True)
    payment_shortfall_reason = pw.TextField(null=True)
    #: How many clerks' notes the order (and its requests) has (migration 11): the lists mark
    #: orders with notes from this column, never by a query per row.  Not a change of the
    #: order: adding a note leaves its version alone.  A default in SQL too: the bulk paths
    #: (import, demo) and an older desk insert orders without naming it.
    note_count = pw.IntegerField(default=0, constraints=[pw.SQL("DEFAULT 0")])
    # Cash on delivery: the carrier collects (a copy of the method channel, migration 13).
    collect_on_delivery = pw.BooleanField(default=False, constraints=[pw.SQL("DEFAULT FALSE")])
    #: The pickup store of a convenience-store pickup order (migration 16), null otherwise.
    pickup_store_code = pw.CharField(max_length=20, null=True)
    pickup_store_name = pw.CharField(max_length=100, null=True)
    pickup_store_address = pw.CharField(max_length=300, null=True)
    #: The storefront's own reference of the order (``place_order``'s ``client_ref``): unique,
    #: so a repeated call never places it twice (migration 18).
    client_ref = pw.CharField(max_length=64, null=True, unique=True)
    #: When the order entered its status (every move sets it; migration 20 filled it from the
    #: history): the lists' 等待天數 and its sort, on the (status, status_since, id) index.
    status_since = pw.DateTimeField(null=True)

    class Meta:
        indexes = _listing_indexes("order_date") + (
            (("store", "status", "order_date"), False),
            # 訂單清單 by phone, and the buyer's other orders by phone (migration 30: on the phone
            # alone before, which PostgreSQL's index does not end with the id).
            (("buyer_phone", "id"), False),
            # The buyer's other orders by e-mail (migration 11); by phone uses the index above.
            (("buyer_email",), False),
            # 代收款對帳: the collected COD orders; a carrier's statement by tracking number
            # (migration 17).
            (("collect_on_delivery",), False),
            (("tracking_no",), False),
            (("status", "status_since", "id"), False),
            # Issue 11: every sortable column of the lists paged by keyset on an index, in a
            # status's tab (status first) and in 訂單清單 (every status).  Built on open when
            # missing (``repair.restore_indexes``).  The order number's unique index and the
            # phone's above serve 訂單清單; the store
            # sorts on (store, status, order_date), store by store and status by status.
            (("status", "order_no", "id"), False),
            # MariaDB's InnoDB ends a unique index with no row id it may sort by: 訂單清單 by
            # order number sorted every order for its first page (35 ms at 100,000).
            (("order_no", "id"), False),
            (("status", "ship_date", "id"), False),
            (("ship_date", "id"), False),
            (("status", "payment_method_name", "id"), False),
            (("payment_method_name", "id"), False),
            (("status", "buyer_name", "id"), False),
            (("buyer_name", "id"), False),
            (("status", "buyer_phone", "id"), False),
            (("status", "total", "id"), False),
            (("total", "id"), False),
            # A search's counts read each found order's status (and store) by id: from this
            # narrow index, not the wide rows (migration 23; SQLite at 1M orders, a 2-character
            # name's 31,554 orders: 71 → 22 ms).
            (("id", "status", "store"), False),
        )


class OrderItem(BaseModel):
    order = pw.ForeignKeyField(Order, backref="items", on_delete="RESTRICT")
    product = pw.CharField(max_length=200)
    options = pw.CharField(max_length=200, default="")
    quantity = pw.IntegerField()
    unit_price = pw.BigIntegerField()

    @property
    def line_total(self) -> int:
        return self.quantity * self.unit_price


class PaymentNotice(BaseModel):
    order = pw.ForeignKeyField(Order, backref="payment_notices", on_delete="RESTRICT")
    transfer_date = pw.DateField()
    amount = pw.BigIntegerField()
    account_last5 = pw.CharField(max_length=5)
    note = pw.TextField(default="")
    recorded_at = pw.DateTimeField()
    recorded_by = pw.CharField(max_length=100)


class CancellationRequest(VersionedModel):
    order = pw.ForeignKeyField(Order, backref="cancellations", on_delete="RESTRICT")
    status = pw.CharField(max_length=20)
    requested_by = pw.CharField(max_length=10)  # "customer" or "clerk"
    requested_at = pw.DateTimeField()
    requester = pw.CharField(max_length=100)
    reason = pw.TextField()
    bank_code = pw.CharField(max_length=10, null=True)
    branch = pw.CharField(max_length=100, null=True)
    account_number = pw.CharField(max_length=30, null=True)
    account_name = pw.CharField(max_length=100, null=True)
    # What the order was when the request was filed.
    order_status_before = pw.CharField(max_length=20)
    paid = pw.BooleanField()
    shipped = pw.BooleanField()
    refund_due = pw.BigIntegerField()
    # Review.
    decision = pw.CharField(max_length=10, null=True)  # "approved" / "rejected"
    cs_number = pw.CharField(max_length=50, null=True)
    reject_reason = pw.TextField(null=True)
    reviewed_at = pw.DateTimeField(null=True)
    reviewed_by = pw.CharField(max_length=100, null=True)
    # Return.
    invoice_returned = pw.BooleanField(null=True)
    goods_intact = pw.BooleanField(null=True)
    return_fail_reason = pw.TextField(null=True)
    returned_at = pw.DateTimeField(null=True)
    # Refund.
    refund_date = pw.DateField(null=True)
    refunded_amount = pw.BigIntegerField(null=True)
    refund_reference = pw.CharField(max_length=100, null=True)
    refund_fail_reason = pw.TextField(null=True)
    # Migration 7: the channel the refund goes by (the payment method's), what of the due was
    # written off and why, and the supervisor's 【結案】.  ``refunded_amount`` is the sum of
    # every refund made (partial ones included); outstanding = refund_due - refunded - written off.
    refund_channel = pw.CharField(max_length=12, default="remittance")
    written_off = pw.BigIntegerField(null=True)
    write_off_reason = pw.TextField(null=True)
    close_reason = pw.TextField(null=True)
    closed_at = pw.DateTimeField(null=True)
    completed_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = _listing_indexes("requested_at")


class StatusHistory(BaseModel):
    """Append-only: every status change of an order or a request.  Triggers refuse UPDATE and
    DELETE (migration 2)."""

    order = pw.ForeignKeyField(Order, backref="history", on_delete="RESTRICT")
    cancellation = pw.ForeignKeyField(CancellationRequest, null=True, on_delete="RESTRICT")
    machine = pw.CharField(max_length=12)  # "order" or "cancellation"
    from_status = pw.CharField(max_length=20, null=True)
    to_status = pw.CharField(max_length=20)
    action = pw.CharField(max_length=30)
    operator = pw.CharField(max_length=100)
    at = pw.DateTimeField()
    #: The idempotency key of the action whose first record this is (migration 21): unique,
    #: NULL on every other record (``ActionKey``).  (Before ``input`` in a new database, so
    #: that ``input`` stays the last column there; migration 21 appends it to an older one.)
    op_key = pw.CharField(max_length=64, null=True, unique=True)
    input = pw.TextField(default="{}")

    class Meta:
        # (action, at): the ledger reads the money events of a period (migration 15).
        indexes = ((("order", "id"), False), (("action", "at"), False))

    @property
    def input_data(self) -> dict:
        return json.loads(self.input or "{}")


ALL_TABLES = [
    Store,
    PaymentMethod,
    ShippingMethod,
    Order,
    OrderItem,
    PaymentNotice,
    CancellationRequest,
    StatusHistory,
]


class MethodHistory(BaseModel):
    """Every add, edit, archive, restore, delete and move of a payment or shipping method.

    ``method_id`` is a plain integer, not a foreign key, so the record outlives a deleted
    method.  ``before`` / ``after`` are JSON snapshots of the method (empty for add / delete).
    Created by migration 3 (not in ``ALL_TABLES``, which is migration 1's released list);
    append-only like ``StatusHistory``.
    """

    kind = pw.CharField(max_length=10)  # "payment" or "shipping"
    method_id = pw.IntegerField()
    action = pw.CharField(max_length=10)  # add / edit / archive / restore / delete / move
    operator = pw.CharField(max_length=100)
    at = pw.DateTimeField()
    # Not "before": a reserved word in MySQL / MariaDB.
    before = pw.TextField(null=True, column_name="before_json")
    after = pw.TextField(null=True, column_name="after_json")
    #: The idempotency key of the action whose first record this is (migration 21).
    op_key = pw.CharField(max_length=64, null=True, unique=True)

    class Meta:
        indexes = ((("kind", "method_id", "id"), False),)

    @property
    def before_data(self) -> dict | None:
        return json.loads(self.before) if self.before else None

    @property
    def after_data(self) -> dict | None:
        return json.loads(self.after) if self.after else None


class _StatusCount(BaseModel):
    store_id = pw.IntegerField()
    status = pw.CharField(max_length=20)
    n = pw.IntegerField()


class OrderStatusCount(_StatusCount):
    """Orders per (store, status), kept by triggers on ``order`` (migration 5)."""

    class Meta:
        table_name = "order_status_count"
        primary_key = pw.CompositeKey("store_id", "status")


class CancelStatusCount(_StatusCount):
    """Cancellation requests per (store of the order, status), kept by triggers (migration 19)."""

    class Meta:
        table_name = "cancel_status_count"
        primary_key = pw.CompositeKey("store_id", "status")


class OrderHourCount(_StatusCount):
    """Orders per (store, status, hour of the order's date), kept by triggers on ``order``
    (migration 25, ``app/models/filter_counts.py``): the counts under a date range."""

    at_hour = pw.DateTimeField()

    class Meta:
        table_name = "order_hour_count"
        primary_key = pw.CompositeKey("store_id", "status", "at_hour")


class OrderDayCount(_StatusCount):
    """Orders per (store, status, UTC day of the order's date), kept by the same triggers
    (migration 29, ``app/models/filter_counts.py``): a date range's whole days."""

    at_day = pw.DateField()

    class Meta:
        table_name = "order_day_count"
        primary_key = pw.CompositeKey("store_id", "status", "at_day")


class OrderShipDayCount(_StatusCount):
    """Shipped orders per (store, status, ship date), kept by the same triggers (migration 32,
    ``app/models/filter_counts.py``): which ship date holds a far jump's row in a list by
    出貨日期 (``order_counters.ShipDaySeek``).  An order not shipped is in no row."""

    ship_day = pw.DateField()

    class Meta:
        table_name = "order_ship_day_count"
        primary_key = pw.CompositeKey("store_id", "status", "ship_day")


class OrderMethodCount(_StatusCount):
    """Orders per (store, status, payment method, shipping method), kept by triggers on
    ``order`` (migration 25): the counts under a method filter."""

    payment_method_id = pw.IntegerField()
    shipping_method_id = pw.IntegerField()

    class Meta:
        table_name = "order_method_count"
        primary_key = pw.CompositeKey("store_id", "status", "payment_method_id", "shipping_method_id")


class OrderGram(BaseModel):
    """The search index: an order's character n-grams, kept by triggers on ``order``
    (migration 23, ``app/models/grams.py``).  Read-only to the desks."""

    gram = pw.CharField(max_length=3)
    order_id = pw.IntegerField()

    class Meta:
        table_name = "order_gram"
        primary_key = pw.CompositeKey("gram", "order_id")


class GramStatusCount(BaseModel):
    """Orders per (key, store, status), kept by triggers on ``order`` (migration 24,
    ``app/models/grams.py``): the counts of a search of one character of a buyer name, or of
    one or two digits (a phone's or an order number's first).  Read-only to the desks."""

    gram = pw.CharField(max_length=4)
    store_id = pw.IntegerField()
    status = pw.CharField(max_length=20)
    n = pw.IntegerField()

    class Meta:
        table_name = "gram_status_count"
        primary_key = pw.CompositeKey("gram", "store_id", "status")


class ShopSetting(BaseModel):
    """The shop's own settings, one row per name, shared by every desk (migration 6); the
    desk's own choices (its clerk, its window) are in QSettings instead.  ``time_zone`` is the
    shop's IANA zone: its days number the orders and bound the lists' day filters."""

    name = pw.CharField(max_length=50, primary_key=True)
    value = pw.CharField(max_length=200)
    updated_at = pw.DateTimeField()
    updated_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "shop_setting"


class Invoice(BaseModel):
    """A uniform invoice (統一發票) the shop issued through its provider for an order
    (migration 7).  ``invoice_no`` is unique: a number is never used twice.  Amounts are whole
    NT$: ``total`` with the 5% tax included, split into ``before_tax`` and ``tax``
    (``app.domain.invoice.tax_split``).  ``kind`` is B2C or B2B; a B2B invoice has the buyer's
    ``buyer_ban`` (統一編號) and ``buyer_title``.  ``source``: "clerk", "import" or "demo"."""

    order = pw.ForeignKeyField(Order, backref="invoices", on_delete="RESTRICT")
    invoice_no = pw.CharField(max_length=10, unique=True)
    invoice_date = pw.DateField()
    kind = pw.CharField(max_length=3)
    total = pw.BigIntegerField()
    before_tax = pw.BigIntegerField()
    tax = pw.BigIntegerField()
    carrier_type = pw.CharField(max_length=12)
    carrier_id = pw.CharField(max_length=20, default="")
    buyer_ban = pw.CharField(max_length=8, default="")
    buyer_title = pw.CharField(max_length=100, default="")
    source = pw.CharField(max_length=10)
    recorded_at = pw.DateTimeField()
    recorded_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "invoice"
        indexes = ((("invoice_date", "id"), False),)


class InvoiceVoid(BaseModel):
    """作廢: at most one per invoice; ``cancellation`` is the request that caused it, if any."""

    invoice = pw.ForeignKeyField(Invoice, unique=True, backref="voids", on_delete="RESTRICT")
    void_date = pw.DateField()
    reason = pw.TextField()
    cancellation = pw.ForeignKeyField(CancellationRequest, null=True, on_delete="RESTRICT")
    recorded_at = pw.DateTimeField()
    recorded_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "invoice_void"
        indexes = ((("void_date", "id"), False),)


class InvoiceAllowance(BaseModel):
    """折讓單: an allowance against an invoice of an earlier VAT period (or a part of one);
    ``allowance_no`` is unique.  Amounts as the invoice's."""

    invoice = pw.ForeignKeyField(Invoice, backref="allowances", on_delete="RESTRICT")
    allowance_no = pw.CharField(max_length=40, unique=True)
    allowance_date = pw.DateField()
    total = pw.BigIntegerField()
    before_tax = pw.BigIntegerField()
    tax = pw.BigIntegerField()
    cancellation = pw.ForeignKeyField(CancellationRequest, null=True, on_delete="RESTRICT")
    recorded_at = pw.DateTimeField()
    recorded_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "invoice_allowance"
        indexes = ((("allowance_date", "id"), False),)


class OrderNote(BaseModel):
    """A clerk's internal note on an order, or on one of its cancellation requests
    (``cancellation``), with who wrote it and when (migration 11).  Append-only like the
    history, which also records each note (machine "note")."""

    order = pw.ForeignKeyField(Order, backref="notes", on_delete="RESTRICT")
    cancellation = pw.ForeignKeyField(CancellationRequest, null=True, on_delete="RESTRICT")
    body = pw.TextField()
    operator = pw.CharField(max_length=100)
    at = pw.DateTimeField()

    class Meta:
        table_name = "order_note"
        indexes = ((("order", "id"), False),)


#: Migration 9's tables, in the order they are created.
INVOICE_TABLES = [Invoice, InvoiceVoid, InvoiceAllowance]


class ClosedMonth(BaseModel):
    """A month of the ledger closed by the accountant (migration 15): ``month`` is "YYYY-MM"
    in the shop's calendar.  While the row is there no money event may be dated in the month
    (``app.services.closing``) and the month's ledger is read from ``ledger_snapshot``."""

    month = pw.CharField(max_length=7, unique=True)
    closed_at = pw.DateTimeField()
    closed_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "closed_month"


class LedgerSnapshot(BaseModel):
    """The ledger's event rows of a closed month as they were at its close (migration 15), in
    the ledger's order (``seq``): a closed month is exported from here, so its workbook stays
    the same whatever happens later.  Names are kept as text, as the ledger showed them."""

    month = pw.CharField(max_length=7)
    seq = pw.IntegerField()
    day = pw.CharField(max_length=10)
    kind = pw.CharField(max_length=20)
    at = pw.DateTimeField()
    src = pw.IntegerField()
    order_id = pw.IntegerField()
    order_no = pw.CharField(max_length=32)
    store_id = pw.IntegerField()
    store = pw.CharField(max_length=100)
    payment_method_id = pw.IntegerField()
    payment_method = pw.CharField(max_length=100)
    amount = pw.BigIntegerField()
    noted = pw.BigIntegerField(null=True)
    reference = pw.CharField(max_length=100, null=True)
    account = pw.CharField(max_length=300, null=True)
    operator = pw.CharField(max_length=100)
    details = pw.TextField(null=True)

    class Meta:
        table_name = "ledger_snapshot"
        indexes = ((("month", "seq"), True),)


class ShopHistory(BaseModel):
    """Append-only record of what is done to the shop's books rather than to one order
    (migration 15): closing and reopening a month.  ``subject`` names what it was done to
    ("2026-10"); ``input`` is the action's input as JSON (``writes.history_input``)."""

    at = pw.DateTimeField()
    action = pw.CharField(max_length=30)
    subject = pw.CharField(max_length=50)
    operator = pw.CharField(max_length=100)
    input = pw.TextField(default="{}")
    #: The idempotency key of the action whose first record this is (migration 21).
    op_key = pw.CharField(max_length=64, null=True, unique=True)

    class Meta:
        table_name = "shop_history"
        indexes = ((("subject", "id"), False),)

    @property
    def input_data(self) -> dict:
        return json.loads(self.input or "{}")


#: Migration 15's tables, in the order they are created.
LEDGER_TABLES = [ClosedMonth, LedgerSnapshot, ShopHistory]


class VatFiling(BaseModel):
    """A two-month VAT period whose return (營業稅申報) the shop filed (migration 10): its
    invoices can no longer be voided, only allowed.  One row per period (``period_start``,
    the first day of its first month); who recorded it and when."""

    period_start = pw.DateField(unique=True)
    period_end = pw.DateField()
    filed_on = pw.DateField()
    recorded_at = pw.DateTimeField()
    recorded_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "vat_filing"


class OrderNoCounter(BaseModel):
    """The last sequence number given out for a day's order numbers (``O`` + yyyymmdd +
    sequence), one row per shop day (migration 12).  ``place_order`` takes the next number by
    updating this row inside its transaction, so two clerks (or storefront calls) never compute
    the same number: the second waits for the first's row lock."""

    day = pw.CharField(max_length=8, primary_key=True)  # yyyymmdd, the shop's local day
    last = pw.IntegerField()

    class Meta:
        table_name = "order_no_counter"


class Person(BaseModel):
    """A clerk or supervisor with a database login of their own (migration 14, servers only):
    ``login`` is the server's role / user name, the name the database writes in the history
    (``app/models/desk_roles.py``); ``role`` is "clerk" or "supervisor"; a disabled person
    (``active`` false) can no longer sign in and keeps their history.  Written only by the
    database's own people functions, never by a desk directly."""

    login = pw.CharField(max_length=63, primary_key=True)
    display_name = pw.CharField(max_length=100)
    role = pw.CharField(max_length=12)
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField()
    created_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "person"


class Carrier(BaseModel):
    """A carrier the ship dialog offers (migration 16), kept like a method (a third kind of
    ``app.services.methods``): its title (copied onto the order as ``order.carrier``), its
    tracking page's address with ``{tracking_no}`` where the number goes, its place in the
    list, archived (no longer offered: the issue's "active" is ``not archived``) and its
    version.  Each change is a ``MethodHistory`` record of kind "carrier"."""

    title = pw.CharField(max_length=100)
    tracking_url = pw.CharField(max_length=300, default="")
    description = pw.TextField(default="")
    position = pw.IntegerField(default=0)
    archived = pw.BooleanField(default=False)
    version = pw.IntegerField(default=1, constraints=[pw.SQL("DEFAULT 1")])


class CarrierRemittance(BaseModel):
    """A carrier's payment of the cash-on-delivery money it collected (代收款撥款, migration
    17): the amount received and the fee it kept; ``difference`` is short (below 0) or over
    (above 0) against the sum of its lines' collected amounts.  Append-only."""

    carrier = pw.CharField(max_length=100)
    remitted_on = pw.DateField()
    amount = pw.BigIntegerField()
    fee = pw.BigIntegerField(default=0)
    collected = pw.BigIntegerField()
    difference = pw.BigIntegerField()
    reference = pw.CharField(max_length=100, default="")
    source = pw.CharField(max_length=12, default="clerk")  # "clerk" or "statement"
    recorded_at = pw.DateTimeField()
    recorded_by = pw.CharField(max_length=100)

    class Meta:
        table_name = "carrier_remittance"
        indexes = ((("remitted_on", "id"), False),)


class RemittanceLine(BaseModel):
    """One order a remittance covers (migration 17): an order is remitted once (``order``
    unique), with what the carrier collected for it and, from a statement, its fee share."""

    remittance = pw.ForeignKeyField(CarrierRemittance, backref="lines", on_delete="RESTRICT")
    order = pw.ForeignKeyField(Order, unique=True, on_delete="RESTRICT")
    collected = pw.BigIntegerField()
    fee_share = pw.BigIntegerField(null=True)

    class Meta:
        table_name = "remittance_line"


#: Migration 17's tables, in the order they are created.
REMITTANCE_TABLES = [CarrierRemittance, RemittanceLine]


class ActionKey(BaseModel):
    """What an action called with an idempotency key answered (migration 21, issue 15 item 2):
    the key (a client-made id, unique), the answer as JSON (``app.services.common``'s codec),
    when.  Written in the action's own transaction, with its records (the first of which
    carries the same key): a repeated call, or one whose COMMIT's outcome was unknown, reads
    the answer here instead of acting again.  Append-only."""

    op_key = pw.CharField(max_length=64, unique=True)
    answer = pw.TextField()
    at = pw.DateTimeField()

    class Meta:
        table_name = "action_key"
class ImportBatch(BaseModel):
    """One import's journal (migration 22, issue 15 item 5): the plan is staged in
    ``import_chunk`` rows (``state`` "staging"), then written chunk by chunk in short
    transactions ("applying"), "done" at the end.  A batch left "applying" (a crash, a server
    gone) is finished on the next open or import (``app.services.importer``); one left
    "staging" never wrote anything and is removed.  ``touched_at`` is the last time its
    importer wrote (NULL once it gave up): another desk finishes it only after a while."""

    state = pw.CharField(max_length=12)
    operator = pw.CharField(max_length=100)
    source = pw.CharField(max_length=255)
    started_at = pw.DateTimeField()
    touched_at = pw.DateTimeField(null=True)
    finished_at = pw.DateTimeField(null=True)
    #: The import's clock (its payment notices' and requests' history time) and shop day.
    stamp = pw.DateTimeField()
    today = pw.DateField(null=True)
    bulk = pw.BooleanField(default=True)
    #: What the plan writes (the result's figures when another desk finishes it).
    orders = pw.IntegerField(default=0)
    items = pw.IntegerField(default=0)
    notices = pw.IntegerField(default=0)
    requests = pw.IntegerField(default=0)
    invoices = pw.IntegerField(default=0)
    skipped = pw.IntegerField(default=0)

    class Meta:
        table_name = "import_batch"


class ImportChunk(BaseModel):
    """A staged part of an import (``ImportBatch``): ``payload`` is its records as JSON, ``done``
    how many of them are written (moved in the same transaction as the rows), ``report`` the
    rows left out because a clerk changed their order meanwhile (JSON)."""

    batch = pw.IntegerField(index=True)
    seq = pw.IntegerField()
    size = pw.IntegerField()
    done = pw.IntegerField(default=0)
    payload = pw.TextField()
    report = pw.TextField(default="[]")

    class Meta:
        table_name = "import_chunk"
        indexes = ((("batch", "seq"), True),)


IMPORT_TABLES = [ImportBatch, ImportChunk]
