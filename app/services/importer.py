"""Import new orders, payment notices and customer cancellation requests (issue 6).

Two steps, so that nothing is written before the clerk has seen what is wrong:

* ``check_file(path)`` reads a ``.xlsx`` workbook (every sheet, with python-calamine) or a
  ``.csv`` file (UTF-16 with BOM and tab-separated as Excel's "Unicode text", UTF-8 with or
  without BOM, or Big5 / cp950 as Taiwanese tools still write it, 造字 included), recognises each sheet by
  its headers (zh-TW, or the English aliases of ``COLUMNS``), checks every row against the
  database and against the rows before it, and returns an ``ImportPlan``: the good rows, the
  rows already imported (skipped, not an error), and the bad rows by sheet, row and reason.
  It only reads the database (once an import cut short before is finished).
* ``apply_import(plan, operator=...)`` writes the plan's good rows.  New orders are written in
  batches with raw ``executemany`` (``_bulk_orders``): the rows ``writes.placed`` builds, as
  ``place_order`` writes them — the order, its items and its PLACE history record; payment
  notices likewise (``_bulk_notices``: ``writes.order_step``, as ``record_payment_notice``
  writes it — the conditional move to PAID, the RECORD_PAYMENT record, the notice).  A test
  imports the same workbook both ways and compares the tables column for column.  Invoices
  and cancellation requests go through ``record_invoice`` and ``request_cancellation``.

The write does not stop the shop (issue 15, item 5).  One transaction for a whole import held
SQLite's write lock, and on a server the counter rows every order's triggers keep
(``order_status_count``, ``cancel_status_count``), for all of it: every clerk's action waited
(or failed) behind it.  So:

1. **Staged.**  Every checked record goes, as JSON, into the import's journal
   (``import_journal``: an ``import_batch`` row, ``import_chunk`` rows), in short
   transactions that touch none of the shop's tables.  Just before, the plan is checked
   against the database once more (``_still_as_checked``): an order number taken, a notice's
   order no longer unpaid, a month closed since the check fails the import, nothing written.
2. **Written in slices.**  Each transaction writes records for about ``SLICE_SECONDS``
   (``SUB`` at a time) and moves its chunk's ``done`` mark in the same transaction; then the
   importer pauses (``SQLITE_GAP``: longer than SQLite's busy handler sleeps, so a waiting
   clerk gets the lock; ``SERVER_GAP`` on a server, which queues the waiters).  A clerk's
   action waits behind the import for one slice at most, well under 2 s.  A slice rolled back
   by a deadlock or a serialization failure is run again (``survives_server``, then
   ``CONFLICT_ROUNDS``); the mark says exactly where to go on from.
3. **All or nothing, as the shop sees it in the end.**  Until the first slice commits, any
   failure or a Cancel leaves nothing (``ImportFailed``, ``ImportCancelled``), as the one
   transaction did; a small file is one slice.  Once a slice has committed, the import is
   finished, never taken back (history is append-only, and clerks may already be working on
   its orders): a failure the retries do not get past stops it with ``ImportInterrupted``,
   and the rest is written by the next import (``check_file`` and ``apply_import`` start by
   ``finish_interrupted``) or the next open of the database (``main.open_database``).  An
   importer that was killed is taken over after ``import_journal.LEASE``; two desks finishing
   one batch take turns on the chunk's row and never write a record twice.  Which way a
   stopped import goes is the journal's state, turned "applying" by the first slice's own
   transaction — right even when that COMMIT's answer was lost.
4. **A clerk first.**  After the first slice, a record whose order a clerk changed meanwhile
   — a payment notice for an order a clerk already marked paid, a request refused by the
   order's status now, an order number a clerk used — fails the same status and version
   checks as before, but is left out and reported by sheet and row
   (``ImportResult.conflicts``) instead of failing what is left; the records of an order left
   out are left out too.  Once started, Cancel is no longer honoured: the import finishes.

Importing the same file twice adds nothing the second time: an order number already in the
database is "already imported"; a payment notice already recorded on its order (same
transfer date, amount and account digits) is skipped; a request for an order already
CANCELLING (or one that this customer request already cancelled) is skipped.

No Qt here: reasons are zh-TW templates marked with ``QT_TRANSLATE_NOOP``; ``message(translate)``
fills them (the GUI passes ``QCoreApplication.translate``, the command line the identity).

This module is the entry point; the code is in six modules beside it, none of which imports
this one:

* ``import_records``: the kinds, the records, ``ImportPlan`` and ``ImportResult``, the errors,
  the journal's form of a record (``_encode`` / ``_decode``);
* ``import_sheets``: reading the file's sheets and cells (``read_sheets``, ``decode_csv``);
* ``import_cells``: the columns of each kind and the cell values as the check reads them;
* ``import_check``: checking the rows (``check_file``, ``_Checker``);
* ``import_write``: staging and writing in slices (``apply_import``, ``finish_interrupted``);
* ``import_bulk``: the bulk path (``_bulk_orders``, ``_bulk_notices``).

The tunable sizes and times (``BATCH``, ``LOOKUP``, ``STEP``, ``CHUNK``, ``SLICE_SECONDS``,
``SQLITE_GAP``…) are not re-exported: a test that changes one changes it in the module that
reads it (``LOOKUP`` is read by ``import_check``, ``import_write`` and ``import_bulk``), and
so does one that replaces a function (``_write``, ``_slice_again``, ``_bulk_orders``: in
``import_write``, where they are called).
"""

from __future__ import annotations

# The names other code uses (those with an underscore: by the tests), each re-exported as itself.
from .import_bulk import _bulk_orders as _bulk_orders
from .import_cells import COLUMNS as COLUMNS
from .import_cells import EARLIEST as EARLIEST
from .import_cells import ORDER_LEVEL as ORDER_LEVEL
from .import_cells import REQUIRED as REQUIRED
from .import_cells import SIGNATURE as SIGNATURE
from .import_cells import _datetime as _datetime
from .import_cells import sheet_kind as sheet_kind
from .import_check import check_file as check_file
from .import_records import CANCELLATIONS as CANCELLATIONS
from .import_records import CTX as CTX
from .import_records import INVOICES as INVOICES
from .import_records import KINDS as KINDS
from .import_records import NOTICES as NOTICES
from .import_records import ORDERS as ORDERS
from .import_records import SHOWN_CONFLICTS as SHOWN_CONFLICTS
from .import_records import ChangedSinceCheck as ChangedSinceCheck
from .import_records import ImportCancelled as ImportCancelled
from .import_records import ImportError_ as ImportError_
from .import_records import ImportFailed as ImportFailed
from .import_records import ImportInterrupted as ImportInterrupted
from .import_records import ImportPlan as ImportPlan
from .import_records import ImportResult as ImportResult
from .import_records import NewInvoice as NewInvoice
from .import_records import NewNotice as NewNotice
from .import_records import NewOrder as NewOrder
from .import_records import NewRequest as NewRequest
from .import_records import RowIssue as RowIssue
from .import_records import SheetInfo as SheetInfo
from .import_records import UnreadableFile as UnreadableFile
from .import_records import _decode as _decode
from .import_records import _encode as _encode
from .import_records import _Spool as _Spool
from .import_records import identity as identity
from .import_sheets import Sheet as Sheet
from .import_sheets import _cell as _cell
from .import_sheets import _error_cells as _error_cells
from .import_sheets import _stream_xlsx as _stream_xlsx
from .import_sheets import decode_csv as decode_csv
from .import_sheets import read_sheets as read_sheets
from .import_write import apply_import as apply_import
from .import_write import finish_interrupted as finish_interrupted
