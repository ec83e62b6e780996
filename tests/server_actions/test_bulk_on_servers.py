"""tests/test_bulk_actions.py (issue 11 item 7: the set-based bulk actions write what the single
services write, refuse per order what they refuse) on each server (this folder's ``db``)."""

from test_bulk_actions import *  # noqa: F401,F403
