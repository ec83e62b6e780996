"""Every test of tests/test_services_orders.py and tests/test_services_cancellations.py, on
each server (the ``db`` fixture of this folder's conftest)."""

from test_services_cancellations import *  # noqa: F401,F403
from test_services_invoices import *  # noqa: F401,F403
from test_services_orders import *  # noqa: F401,F403
