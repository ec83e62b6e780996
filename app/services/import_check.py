"""Checking an import's rows (``importer.check_file``): nothing is written.

``_Checker`` takes each sheet a chunk of rows at a time (an orders sheet an order at a time)
and checks each row against the database and the rows before it: the good records go into the
``ImportPlan``, a row already imported is skipped, a bad one is reported by sheet, row and
column (``RowIssue``)."""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

from app.domain import invoice as inv
from app.domain.bounds import check_amount, check_items, storable
from app.domain.errors import TransitionError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import CancellationInput, Remittance
from app.domain.inputs import PaymentNotice as NoticeInput
from app.domain.machines import money_in, next_order_status
from app.domain.money import shipping_fee_for
from app.domain.phone import phone_digits
from app.domain.pickup import PICKUP_FIELDS, PickupStore
from app.domain.statuses import OrderAction, OrderStatus, RefundChannel
from app.models.db import database, own_connection
from app.models.tables import (
    CancellationRequest,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
    Store,
)

from . import cancellations as cancel_svc
from . import invoices as invoice_svc
from . import orders as order_svc
from . import writes
from .bulk import quote
from .closing import CLOSED_MESSAGE, all_closed, month_of
from .common import local_date, now_or
from .export import Progress
from .import_cells import (
    COLUMNS,
    ORDER_LEVEL,
    REQUIRED,
    _amount,
    _Bad,
    _blank,
    _checked,
    _columns,
    _datetime,
    _digits,
    _local_to_utc,
    _not_after,
    _quantity,
    _Rec,
    _required,
    _storable,
    _text,
    sheet_kind,
)
from .import_records import (
    CANCELLATIONS,
    CTX,
    INVOICES,
    LOOKUP,
    NOTICES,
    ORDERS,
    ImportCancelled,
    ImportPlan,
    NewInvoice,
    NewNotice,
    NewOrder,
    NewRequest,
    RowIssue,
    SheetInfo,
    UnreadableFile,
    _chunks,
)
from .import_sheets import Sheet, read_sheets
from .import_write import finish_interrupted
from .xlsx_guard import column_letters

#: Rows between progress reports and cancel checks while reading.
STEP = 2000
#: Rows of a notices, requests or invoices sheet checked at a time (then dropped).
CHUNK = 2000
#: Rows of finished orders held behind an order whose rows are still coming (``orders``).
HELD = 5_000


# ---------------------------------------------------------------- checking


#: Each sheet's text columns and the length of the database column each goes to.
#: (The order number and the buyer's columns have their own checks in ``orders``.)
_ORDER_LIMITS = {"product": OrderItem.product.max_length, "options": OrderItem.options.max_length}
_NOTICE_LIMITS = {"account_last5": PaymentNotice.account_last5.max_length}
_REQUEST_LIMITS = {"bank_code": CancellationRequest.bank_code.max_length,
                   "branch": CancellationRequest.branch.max_length,
                   "account_number": CancellationRequest.account_number.max_length,
                   "account_name": CancellationRequest.account_name.max_length}


class _Checker:
    def __init__(self, plan: ImportPlan, progress: Progress | None, cancelled):
        self.plan = plan
        self.progress = progress
        self.cancelled = cancelled or (lambda: False)
        self.stores = {s.name.strip(): s.id for s in Store.select()}
        self.payments: dict[str, tuple] = {}
        for m in PaymentMethod.select().where(~PaymentMethod.archived).order_by(
                PaymentMethod.position, PaymentMethod.id):
            self.payments.setdefault(m.title.strip(), (m.id, m.title, m.refund_channel))
        self.shippings: dict[str, tuple] = {}
        for m in ShippingMethod.select().where(~ShippingMethod.archived).order_by(
                ShippingMethod.position, ShippingMethod.id):
            self.shippings.setdefault(m.title.strip(),
                                      (m.id, m.title, m.fee, m.free_threshold, m.pickup_chain))
        # order_no -> (status, local order date, id or None) for orders the file touches.
        # (One tuple per order of the database; the file's new orders share one per day: a
        # million rows' orders are held in their numbers, not their rows.)
        self.known: dict[str, tuple] = {}
        self._states: dict[tuple, tuple] = {}
        # order_no -> how its payment method refunds (a request asks for an account or not).
        # order_no -> where its new order is in the file: its row << 16 + its sheet (``order_sheets``).
        self.new_orders: dict[str, int] = {}
        self.order_sheets: list[str] = []
        self.bad_orders: set[str] = set()
        self.closed: set[str] | None = None  # the closed months, read at the first notice
        # The provider's invoices: number -> (sheet, row), order number -> row, rows refused.
        self.invoice_numbers: dict[str, tuple[str, int]] = {}
        self.invoiced: dict[str, int] = {}
        self.bad_invoices = 0
        self.done = 0
        self.total = 1

    def bad(self, sheet: str, row: int, column: str, template: str, context: str = CTX, /,
            **params):
        self.plan.bad.add(sheet, row, column, template, params, context)

    def skip(self, sheet: str, row: int, template: str, /, **params):
        self.plan.skipped.add(sheet, row, "", template, params)

    def tick(self) -> None:
        self.done += 1
        if self.done % STEP == 0:
            if self.cancelled():
                raise ImportCancelled()
            if self.progress:
                self.progress(min(self.done, self.total - 1), self.total)

    # -- the database, in chunks

    def load_orders(self, numbers) -> None:
        # A number no column holds (a NUL) is not looked up: its row says why it is refused.
        wanted = [n for n in set(numbers) if n and n not in self.known and n == storable(n)]
        db = database.obj
        table = quote(db, Order._meta.table_name)
        for i in range(0, len(wanted), LOOKUP):
            chunk = wanted[i:i + LOOKUP]
            # Raw SQL: peewee spends ~8 ms building each 500-value IN list.
            methods = quote(db, PaymentMethod._meta.table_name)
            sql = (f"SELECT o.id, o.order_no, o.status, o.order_date, m.refund_channel, "
                   f"o.collect_on_delivery FROM {table} o "
                   f"JOIN {methods} m ON m.id = o.payment_method_id "
                   f"WHERE o.order_no IN ({', '.join([db.param] * len(chunk))})")
            for oid, no, status, odate, channel, cod in db.execute_sql(sql, chunk).fetchall():
                odate = odate if isinstance(odate, datetime) else datetime.fromisoformat(str(odate))
                self.known[no] = self.state(OrderStatus(status), local_date(odate), oid, channel, bool(cod))

    # -- one sheet

    def sheet(self, sheet: Sheet, kind: str, columns: dict[int, str]) -> None:
        """Check the sheet's rows a chunk at a time (``CHUNK`` rows, or an order's rows): the
        rows, once checked, are dropped — what is kept grows with the orders (their numbers),
        not with the rows (issue 11, item 10)."""
        names = {key: _text(sheet.header[i]) for i, key in columns.items()}
        index = {key: i for i, key in columns.items()}
        if kind == ORDERS:
            self.orders(sheet, index, names)
            return
        check = {NOTICES: self.notices, INVOICES: self.invoices}.get(kind, self.requests)
        count = 0
        seen: set = set()  # the sheet's notices or requests so far, and those of their orders
        for chunk in _chunks(self._records(sheet.rows, index), CHUNK):
            count += len(chunk)
            self.load_orders(_text(r.get("order_no")) for _n, r in chunk)
            check(sheet.name, chunk, names, seen)
        self.plan.sheets[-1].rows = count

    def _records(self, rows, index) -> Iterator[tuple[int, _Rec]]:
        for number, values in rows:
            if _blank(values):
                continue
            self.tick()
            yield number, _Rec(values, index)

    def orders(self, sheet: Sheet, index, names) -> None:
        """The rows of one order are checked together, wherever they are in the sheet.  A
        first reading (of the order numbers only: ``_scattered``) finds the orders whose rows
        are not next to each other; the second keeps such an order's rows until its last one,
        and the orders after it until it is checked, so that the orders are checked (and
        written) in the order of their first rows — up to ``HELD`` rows of finished orders:
        beyond them those are checked at once, before the order still open (one order's rows
        on the first and the last line of a million-row file held every row between: issue
        11 item 10)."""
        name = sheet.name
        column = index.get("order_no")
        last = self._scattered(sheet, column, names)
        pending: deque = deque()  # [order number, rows, complete], by their first rows
        open_: dict[str, list] = {}
        ready: list = []
        current = None
        held = 0  # rows of the finished orders waiting behind an open one

        def close(group) -> None:
            nonlocal held
            group[2] = True
            open_.pop(group[0], None)
            held += len(group[1])

        for number, values in sheet.rows:
            if _blank(values):
                continue
            no = _text(values[column]) if column < len(values) else ""
            if not no or len(no) > 32:  # refused by ``_scattered``
                continue
            group = open_.get(no)
            if group is None:
                group = open_[no] = [no, [], False]
                pending.append(group)
            group[1].append((number, _Rec(values, index)))
            if current is not None and current is not group and current[0] not in last:
                close(current)
            current = group
            if last.get(no) == number:
                close(group)
            while pending and pending[0][2]:
                held -= len(pending[0][1])
                ready.append(pending.popleft())
            if held > HELD:
                ready.extend(g for g in pending if g[2])
                pending = deque(g for g in pending if not g[2])
                held = 0
            if len(ready) >= LOOKUP:
                self._order_groups(name, ready, names)
                ready = []
        ready.extend(pending)
        self._order_groups(name, ready, names)

    def _scattered(self, sheet: Sheet, column: int, names) -> dict[str, int]:
        """The first reading of an orders sheet: the rows without an order number (or with
        one too long) are refused, the sheet's rows counted; and the orders whose rows are
        not all next to each other, each with its last row's number."""
        seen: set[str] = set()
        last: dict[str, int] = {}
        prev = None
        count = 0
        for number, values in sheet.reopen():
            if _blank(values):
                continue
            count += 1
            self.tick()
            no = _text(values[column]) if column < len(values) else ""
            if not no:
                self.bad(sheet.name, number, names["order_no"],
                         QT_TRANSLATE_NOOP("Importer", "缺少訂單編號。"))
                continue
            if len(no) > 32:
                self.bad(sheet.name, number, names["order_no"],
                         QT_TRANSLATE_NOOP("Importer", "訂單編號不能超過 32 個字元。"))
                continue
            if no in last:
                last[no] = number
            elif no != prev and no in seen:
                last[no] = number
            seen.add(no)
            prev = no
        self.plan.sheets[-1].rows = count
        return last

    def _order_groups(self, name: str, groups: list, names) -> None:
        """Check orders (``[order number, rows, complete]``), their numbers looked up at once."""
        self.load_orders(g[0] for g in groups)
        for no, group, _complete in groups:
            self.tick()
            first = group[0][0]
            if no in self.new_orders:
                row, sheet = divmod(self.new_orders[no], 1 << 16)
                sheet = self.order_sheets[sheet]
                for number, _rec in group:
                    self.bad(name, number, names["order_no"], QT_TRANSLATE_NOOP(
                        "Importer", "訂單編號 {no} 重複：已在「{sheet}」第 {row} 列。"),
                        no=no, sheet=sheet, row=row)
                continue
            if no in self.known:
                for number, _rec in group:
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 已在資料庫中（已匯入過），略過。"), no=no)
                continue
            errors_before = len(self.plan.bad)
            head = group[0][1]
            order = None
            try:
                order = self.order_head(name, first, no, head, names)
            except _Bad as bad:
                self.bad(name, first, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            try:
                _checked(check_items, len(group), "product")
            except _Bad as bad:
                self.bad(name, first, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            items = []
            for number, rec in group:
                if number != first:
                    for key in ORDER_LEVEL:
                        if key in names and _text(rec.get(key)) and _text(rec.get(key)) != _text(head.get(key)):
                            self.bad(name, number, names[key], QT_TRANSLATE_NOOP(
                                "Importer", "訂單編號 {no} 重複：這一列的「{header}」與第 {row} 列不同。"),
                                no=no, header=names[key], row=first)
                            break
                try:
                    _storable(rec, _ORDER_LIMITS)
                    product = _required(rec.get("product"), "product")
                    options = _text(rec.get("options"))
                    qty = _quantity(rec.get("quantity"), "quantity")
                    price = _amount(rec.get("unit_price"), "unit_price")
                    _checked(check_amount, qty * price, "unit_price")  # the line's total
                    items.append(order_svc.Item(product, qty, price, options))
                except _Bad as bad:
                    self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            if order is not None and items and len(self.plan.bad) == errors_before:
                subtotal = sum(it.quantity * it.unit_price for it in items)
                try:
                    _checked(check_amount, subtotal + shipping_fee_for(subtotal, *order.shipping[2:4]),
                             "unit_price")  # the order's total
                except _Bad as bad:
                    self.bad(name, first, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            if len(self.plan.bad) > errors_before or order is None:
                self.bad_orders.add(no)
                rows_with_errors = self.plan.bad.rows(errors_before)
                for number, _rec in group:
                    if number not in rows_with_errors:
                        self.bad(name, number, "", QT_TRANSLATE_NOOP(
                            "Importer", "訂單 {no} 的其他列有錯誤，整筆訂單不匯入。"), no=no)
                continue
            order.items = items
            if name not in self.order_sheets:
                self.order_sheets.append(name)
            self.new_orders[no] = (order.row << 16) + self.order_sheets.index(name)
            self.plan.add(ORDERS, order)
            channel = order.payment[2]
            self.known[no] = self.state(OrderStatus.UNPAID, local_date(order.order_date), None, channel,
                                        channel == RefundChannel.COD.value)

    def order_head(self, name: str, number: int, no: str, rec: _Rec, names) -> NewOrder:
        when = _datetime(rec.get("order_date"), "order_date")
        _not_after(when.date(), self.plan.today, "order_date")
        store = _required(rec.get("store"), "store")
        if store not in self.stores:
            raise _Bad("store", QT_TRANSLATE_NOOP("Importer", "找不到商店「{value}」。"), value=store)
        pm = _required(rec.get("payment_method"), "payment_method")
        if pm not in self.payments:
            raise _Bad("payment_method", QT_TRANSLATE_NOOP(
                "Importer", "付款方式「{value}」不存在或已封存。"), value=pm)
        sm = _required(rec.get("shipping_method"), "shipping_method")
        if sm not in self.shippings:
            raise _Bad("shipping_method", QT_TRANSLATE_NOOP(
                "Importer", "送貨方式「{value}」不存在或已封存。"), value=sm)
        buyer = _required(rec.get("buyer_name"), "buyer_name")
        # The phone as place_order stores it (digits only): a search finds it either way.
        fields = {"buyer_name": (buyer, 100), "phone": (_checked(phone_digits, _text(rec.get("phone")), "phone"), 30),
                  "email": (_text(rec.get("email")), 200), "address": (_text(rec.get("address")), 300)}
        for key, (value, limit) in fields.items():
            if len(value) > limit:
                raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "不能超過 {limit} 個字元。"), limit=limit)
        shipping = self.shippings[sm]
        pickup = PickupStore(*(_text(rec.get(k)) for k in PICKUP_FIELDS)) if shipping[4] else None
        _checked(writes.pickup_columns, shipping[4], pickup, sm)  # a pickup method needs its store
        return NewOrder(
            sheet=name, row=number, order_no=no, order_date=_local_to_utc(when),
            store_id=self.stores[store], payment=self.payments[pm], shipping=shipping,
            buyer=order_svc.Buyer(buyer, fields["phone"][0], fields["email"][0], fields["address"][0],
                                  pickup),
            items=[])

    def _order_rows(self, name: str, rows, names):
        """(row number, record, order number) for each row whose order is known; a row without
        an order number, or with an order that is neither in the database nor in the file, is
        listed as bad."""
        for number, rec in rows:
            self.tick()
            no = _text(rec.get("order_no"))
            try:
                if not no:
                    raise _Bad("order_no", QT_TRANSLATE_NOOP("Importer", "缺少訂單編號。"))
                self.known_order(no)
            except _Bad as bad:
                self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
                continue
            yield number, rec, no

    def _existing(self, numbers, rows_of) -> set:
        """What ``rows_of(order ids)`` yields for the known orders among ``numbers``, as tuples
        whose first item is the order number (the ids looked up LOOKUP at a time)."""
        ids = {self.known[n][2]: n for n in numbers if n in self.known and self.known[n][2]}
        keys = list(ids)
        found = set()
        for i in range(0, len(keys), LOOKUP):
            for oid, *rest in rows_of(keys[i:i + LOOKUP]):
                found.add((ids[oid], *rest))
        return found

    def notices(self, name: str, rows, names, existing: set) -> None:
        """A chunk of a notices sheet; ``existing``: the notices of its orders so far (the
        database's, then the sheet's)."""
        existing |= self._existing_notices([_text(r.get("order_no")) for _n, r in rows])
        for number, rec, no in self._order_rows(name, rows, names):
            try:
                _storable(rec, _NOTICE_LIMITS)
                day = _datetime(rec.get("transfer_date"), "transfer_date").date()
                amount = _amount(rec.get("amount"), "amount")
                last5 = _digits(rec.get("account_last5"), 5)
                notice = NoticeInput(day, amount, last5, _text(rec.get("note")))
                status, order_day, oid, *_how = self.known[no]
                try:
                    notice = notice.validated(order_date=order_day, today=self.plan.today)
                except ValidationError as err:
                    raise _Bad(err.field, err.template, err.context, **err.params) from None
                if self.closed is None:
                    self.closed = all_closed()
                if month_of(day) in self.closed:
                    raise _Bad("transfer_date", CLOSED_MESSAGE, "Errors", day=day.isoformat(),
                               month=month_of(day))
                if (no, day, amount, notice.account_last5) in existing:
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 已有這筆付款通知（已匯入過），略過。"), no=no)
                    continue
                self.transition(status, OrderAction.RECORD_PAYMENT, cod=self.cod(no))
            except _Bad as bad:
                self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
                continue
            existing.add((no, day, amount, notice.account_last5))
            self.moved(no, OrderStatus.PAID)
            self.plan.add(NOTICES, NewNotice(name, number, no, notice))

    def _existing_notices(self, numbers) -> set:
        def rows_of(ids):
            q = (PaymentNotice.select(PaymentNotice.order, PaymentNotice.transfer_date,
                                      PaymentNotice.amount, PaymentNotice.account_last5)
                 .where(PaymentNotice.order.in_(ids)).tuples())
            for oid, day, amount, last5 in q:
                yield oid, day if isinstance(day, date) else date.fromisoformat(str(day)), amount, last5

        return self._existing(numbers, rows_of)

    def requests(self, name: str, rows, names, asked: set) -> None:
        """A chunk of a requests sheet; ``asked``: the requests of its orders so far."""
        asked |= self._existing_requests([_text(r.get("order_no")) for _n, r in rows])
        for number, rec, no in self._order_rows(name, rows, names):
            try:
                _storable(rec, _REQUEST_LIMITS)
                when = _datetime(rec.get("request_date"), "request_date", required=False)
                status, order_day, oid, *_how = self.known[no]
                if when is not None and when.date() < order_day:
                    raise _Bad("request_date", QT_TRANSLATE_NOOP("Importer", "申請日期不能早於訂單日期。"))
                if when is not None:
                    _not_after(when.date(), self.plan.today, "request_date")
                reason = _required(rec.get("reason"), "reason")
                rem = Remittance(_digits(rec.get("bank_code"), 3), _text(rec.get("branch")),
                                 _digits(rec.get("account_number")), _text(rec.get("account_name")))
                if not any((rem.bank_code, rem.branch, rem.account_number, rem.account_name)):
                    rem = None
                if status is OrderStatus.CANCELLING or (
                        status is OrderStatus.CANCELLED and (no, reason) in asked):
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 已在取消處理中（已匯入過），略過。"), no=no)
                    continue
                self.transition(status, OrderAction.REQUEST_CANCEL_CUSTOMER, cod=self.cod(no))
                try:
                    # The buyer's account is asked for when the money goes back by remittance
                    # (a card payment is reversed instead).
                    by_account = RefundChannel(self.known[no][3]).needs_account
                    request = CancellationInput(reason, rem).validated(
                        paid=money_in(status, cod=self.cod(no)) and by_account)
                except ValidationError as err:
                    raise _Bad(err.field, err.template, err.context, **err.params) from None
            except _Bad as bad:
                self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
                continue
            self.moved(no, OrderStatus.CANCELLING)
            at = _local_to_utc(when) if when is not None else None
            self.plan.add(CANCELLATIONS, NewRequest(name, number, no, request, at))

    def invoices(self, name: str, rows, names, _seen=None) -> None:
        """The provider's issued invoices, matched by order number: each checked as
        【開立發票】 checks it (a sale, no open invoice, the order's total, a number never used),
        a number or an order twice in the file refused; an invoice already recorded on its
        order is skipped."""
        before = len(self.plan.bad)
        for number, rec, no in self._order_rows(name, rows, names):
            self._invoice(name, number, rec, no, names)
        self.bad_invoices += len(self.plan.bad) - before

    def _invoice(self, name: str, number: int, rec: _Rec, no: str, names) -> None:
        status, _order_day, oid, *_how = self.known[no]
        try:
            if oid is None:
                raise _Bad("order_no", QT_TRANSLATE_NOOP(
                    "Importer", "訂單 {no} 在這個檔案中才新增：請先匯入訂單，再匯入它的發票。"), no=no)
            day = _datetime(rec.get("invoice_date"), "invoice_date").date()
            try:
                given = invoice_svc.invoice_from_cells({key: rec.get(key) for key in COLUMNS[INVOICES]}, day)
                invoice_no = inv.invoice_number(given.invoice_no)
                if invoice_svc.recorded_on(invoice_no, oid):
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "發票 {invoice} 已登錄在訂單 {no}（已匯入過），略過。"), invoice=invoice_no, no=no)
                    return
                if invoice_no in self.invoice_numbers:
                    sheet, row = self.invoice_numbers[invoice_no]
                    raise _Bad("invoice_no", QT_TRANSLATE_NOOP(
                        "Importer", "發票號碼 {invoice} 重複：已在「{sheet}」第 {row} 列。"),
                        invoice=invoice_no, sheet=sheet, row=row)
                if no in self.invoiced:
                    raise _Bad("order_no", QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 在檔案中有兩張發票（另一張在第 {row} 列）。"),
                        no=no, row=self.invoiced[no])
                checked = invoice_svc.check_new_invoice(oid, given, status=status.value)
            except ValidationError as err:
                key = "order_no" if err.field == "order" else err.field
                raise _Bad(key, err.template, err.context, **err.params) from None
        except _Bad as bad:
            self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            return
        self.invoice_numbers[checked.invoice_no] = (name, number)
        self.invoiced[no] = number
        self.plan.add(INVOICES, NewInvoice(name, number, no, checked))

    def all_invoices_or_none(self) -> None:
        """The provider's file is taken whole: one bad invoice row leaves every invoice out."""
        if not self.bad_invoices:
            return
        for _kind, sheet, row, *_fields in self.plan.encoded(INVOICES):
            self.bad(sheet, row, "", QT_TRANSLATE_NOOP(
                "Importer", "檔案中的發票有 {n:,} 列錯誤：發票全部不匯入，改正後再匯入整個檔案。"),
                n=self.bad_invoices)
        self.plan.clear(INVOICES)

    def _existing_requests(self, numbers) -> set:
        return self._existing(numbers, lambda ids: (
            CancellationRequest.select(CancellationRequest.order, CancellationRequest.reason)
            .where(CancellationRequest.order.in_(ids)
                   & (CancellationRequest.requested_by == cancel_svc.CUSTOMER)).tuples()))

    def known_order(self, no: str) -> None:
        if no in self.known:
            return
        if no in self.bad_orders:
            raise _Bad("order_no", QT_TRANSLATE_NOOP(
                "Importer", "訂單 {no} 的列有錯誤而不匯入，所以這一列也不匯入。"), no=no)
        raise _Bad("order_no", QT_TRANSLATE_NOOP("Importer", "找不到訂單 {no}。"), no=no)

    def cod(self, no: str) -> bool:
        """Whether order ``no`` is collected on delivery."""
        return self.known[no][4]

    def state(self, status: OrderStatus, day: date, oid: int | None, channel: str, cod: bool) -> tuple:
        """What ``known`` holds of an order: (status, local order day, id or None, refund
        channel, collected on delivery); the same tuple for the file's orders alike."""
        state = (status, day, oid, channel, cod)
        return self._states.setdefault(state, state) if oid is None else state

    def moved(self, no: str, status: OrderStatus) -> None:
        self.known[no] = self.state(status, *self.known[no][1:])

    @staticmethod
    def transition(status: OrderStatus, action: OrderAction, *, cod: bool = False) -> None:
        try:
            next_order_status(status, action, cod=cod)
        except TransitionError as err:
            raise _Bad("order_no", err.template, err.context, **err.params) from None


def check_file(path: str | Path, *, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None, today: date | None = None) -> ImportPlan:
    """Read and check every row; write nothing.  ``UnreadableFile`` when the file cannot be
    read at all.  Sheets are taken orders first, then notices, then requests, so a notice may
    name an order of the same workbook.  ``today`` (default: the shop's day by the clock) is
    the latest transfer date a payment notice may have.

    An import cut short before (``finish_interrupted``) is finished first, so the rows are
    checked against it whole; apart from that, nothing is written."""
    import zipfile
    from xml.etree.ElementTree import ParseError

    with own_connection():
        finish_interrupted()
        try:
            return _check_file(path, progress, cancelled, today or local_date(now_or(None)))
        except (OSError, KeyError, IndexError, csv.Error, zipfile.BadZipFile, ParseError) as exc:
            # The rows are read lazily: a damaged workbook shows up here.
            raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "無法讀取檔案：{error}"),
                                 error=f"{type(exc).__name__}: {exc}") from exc


def _check_file(path, progress, cancelled, today: date) -> ImportPlan:
    plan = ImportPlan(str(path), today)
    sheets = read_sheets(path)
    checker = _Checker(plan, progress, cancelled)
    checker.total = max(sum(s.total for s in sheets) * 2, 1)
    # Invoices after the payment notices that make a sale, before the requests that cancel it.
    order = {ORDERS: 0, NOTICES: 1, INVOICES: 2, CANCELLATIONS: 3}
    typed = []
    for s in sheets:
        kind = sheet_kind(s.header)
        if kind is None:
            if any(_text(h) for h in s.header):
                plan.sheets.append(SheetInfo(s.name, None, 0))
                plan.bad.append(RowIssue(s.name, 1, "", QT_TRANSLATE_NOOP(
                    "Importer", "看不出這個工作表是訂單、付款通知、取消申請還是發票：請用 docs/IMPORT.md 的欄位名稱。")))
            continue
        typed.append((order[kind], kind, s))
    for _o, kind, s in sorted(typed, key=lambda t: t[0]):
        columns, repeated = _columns(kind, s.header)
        plan.sheets.append(SheetInfo(s.name, kind, 0))
        if repeated:  # which of the two holds the value cannot be told
            for earlier, later in repeated:
                plan.bad.append(RowIssue(s.name, 1, _text(s.header[later]), QT_TRANSLATE_NOOP(
                    "Importer", "「{first}」（{first_at} 欄）和「{second}」（{second_at} 欄）是同一個欄位：請只留"
                                "一欄，這個工作表不匯入。"),
                    {"first": _text(s.header[earlier]), "first_at": column_letters(earlier + 1),
                     "second": _text(s.header[later]), "second_at": column_letters(later + 1)}))
            continue
        missing = [COLUMNS[kind][k][0] for k in REQUIRED[kind] if k not in columns.values()]
        if missing:
            plan.bad.append(RowIssue(s.name, 1, "", QT_TRANSLATE_NOOP(
                "Importer", "缺少欄位：{columns}，這個工作表不匯入。"), {"columns": "、".join(missing)}))
            continue
        checker.sheet(s, kind, columns)
    checker.all_invoices_or_none()
    for s in sheets:
        for row, column, value in s.private:
            plan.warnings.append(RowIssue(s.name, row, column, QT_TRANSLATE_NOOP(
                "Importer", "「{value}」含有造字（使用者自訂字）：照 Windows 的讀法匯入，但在沒有"
                            "同樣造字檔的電腦上可能顯示成方塊或空白，請核對。"), {"value": value}))
    if progress:
        progress(checker.total, checker.total)
    return plan
