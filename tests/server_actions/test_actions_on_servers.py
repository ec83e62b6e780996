"""Every test of tests/test_action_keys.py (issue 15: idempotency keys), tests/test_services_orders.py, tests/test_services_cancellations.py,
tests/test_services_invoices.py, tests/test_services_clerk_edits.py and tests/test_ledger.py, the invoice register's
sums, the cancellation tabs' own dates and the bounds of tests/test_bounds.py (issue 15: 64-bit
money, texts and NUL refused by name), on each server (the ``db`` fixture of this folder's
conftest)."""

from test_action_keys import *  # noqa: F401,F403
from test_bounds import (  # noqa: F401
    test_a_nul_in_the_search_box_is_no_error,
    test_method_texts_and_money,
    test_money_past_32_bits_is_stored_and_read_back,
    test_place_order_names_the_column_and_its_limit,
    test_place_order_refuses_amounts_and_quantities_past_the_maximum,
    test_place_order_refuses_nul_and_lone_surrogates_by_field,
    test_the_import_names_the_row_and_column_of_each_bound,
    test_the_order_actions_check_what_they_write,
)
from test_cancel_tab_dates import *  # noqa: F401,F403
from test_invoice_register import (  # noqa: F401
    invoices,
    test_detail_sheets,
    test_order_and_cancellation_exports_carry_the_invoice_number,
    test_stored_sums_equal_sql,
)
from test_ledger import *  # noqa: F401,F403
from test_overview import (  # noqa: F401
    shop_month,
    test_money_per_day_is_what_was_confirmed_and_refunded_on_each_shop_day,
    test_payment_mix_counts_and_sums_the_periods_orders_by_method,
    test_queue_ages_count_each_queues_waiting_days,
)
from test_services_cancellations import *  # noqa: F401,F403
from test_services_carriers_pickup import *  # noqa: F401,F403
from test_services_clerk_edits import *  # noqa: F401,F403
from test_services_invoices import *  # noqa: F401,F403
from test_services_orders import *  # noqa: F401,F403
from test_services_refunds import *  # noqa: F401,F403
from test_services_remittances import *  # noqa: F401,F403
