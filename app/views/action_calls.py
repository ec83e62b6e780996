"""The service call of a row action, for the action tables of the 訂單管理 and 取消訂單 pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def versioned(service: Callable[..., Any]) -> Callable[[Any, Any, str], Any]:
    """The ``call`` (row, input, operator) of an action whose service takes the row's id, the
    dialog's input, the clerk and the version the row showed."""

    def call(row, value, operator):
        return service(row.id, value, operator=operator, expected_version=row.version)

    return call
