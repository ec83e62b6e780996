"""peewee models, the database proxy, schema versions and migrations."""

from .db import connect, database, write_transaction  # noqa: F401
from .tables import (  # noqa: F401
    ALL_TABLES,
    CancellationRequest,
    MethodHistory,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
    StatusHistory,
    Store,
)
