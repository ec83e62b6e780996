"""What the clerk sees when something unexpected escapes a button's handler.

A lost database connection is the expected unexpected: the action did not happen (its
transaction never committed), the status bar says the connection is lost, and the live
refresh reconnects.  Anything else is shown in words instead of vanishing into a console.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QCoreApplication

from app.services.changes import is_connection_error
from app.services.credentials import redact

from .prompts import tell


def handle_exception(window, exc: BaseException) -> None:
    if is_connection_error(exc):
        live = getattr(window, "live", None)
        if live is not None:
            live.mark_lost(exc)
        tell(
            window,
            QCoreApplication.translate("ErrorHook", "連線中斷"),
            QCoreApplication.translate(
                "ErrorHook",
                "與資料庫的連線中斷，這個動作沒有完成，也沒有儲存任何變更。"
                "OrderDesk 會自動重新連線；連上後請再試一次。",
            ),
        )
        return
    tell(
        window,
        QCoreApplication.translate("ErrorHook", "發生錯誤"),
        QCoreApplication.translate("ErrorHook", "這個動作沒有完成：{0}").format(redact(exc)),
    )


def install(window) -> None:
    """Route exceptions that escape Qt slots to ``handle_exception`` (and still log them)."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        sys.stderr.write(redact("".join(traceback.format_exception(exc_type, exc, tb))))
        try:
            handle_exception(window, exc)
        except Exception:  # noqa: BLE001 - never let the hook itself take the program down
            previous(exc_type, exc, tb)

    sys.excepthook = hook
