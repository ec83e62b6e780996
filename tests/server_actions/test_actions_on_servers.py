"""Every test of tests/test_services_orders.py, tests/test_services_cancellations.py and
tests/test_services_invoices.py and tests/test_ledger.py, the invoice register's sums and the cancellation tabs' own
dates, on each server (the ``db`` fixture of this folder's conftest)."""

from test_cancel_tab_dates import *  # noqa: F401,F403
from test_invoice_register import (  # noqa: F401
    invoices,
    test_detail_sheets,
    test_order_and_cancellation_exports_carry_the_invoice_number,
    test_stored_sums_equal_sql,
)
from test_ledger import *  # noqa: F401,F403
from test_services_cancellations import *  # noqa: F401,F403
from test_services_invoices import *  # noqa: F401,F403
from test_services_orders import *  # noqa: F401,F403
from test_services_refunds import *  # noqa: F401,F403
