"""Errors the services raise; each carries a zh-TW source message (the Qt source language)."""

from __future__ import annotations

from datetime import datetime

from .i18n import QT_TRANSLATE_NOOP


class DomainError(Exception):
    """Base class.  ``template`` is the untranslated message, ``params`` fill its {names}."""

    context = "Errors"

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params
        super().__init__(self.message())

    def message(self, translate=None) -> str:
        text = translate(self.context, self.template) if translate else self.template
        return text.format(**self.params)


class TransitionError(DomainError):
    """An action that the current status does not allow."""

    def __init__(self, status_label: str, action_label: str, status: str, action: str):
        self.status = status
        self.action = action
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "目前狀態為「{status}」，不能執行「{action}」。"),
            status=status_label,
            action=action_label,
        )


class ValidationError(DomainError):
    """Bad input.  ``field`` names the input the message belongs to."""

    def __init__(self, field: str, template: str, **params):
        self.field = field
        super().__init__(template, **params)


class NotFoundError(DomainError):
    pass


class StaleError(DomainError):
    """Another clerk changed the record first; nothing was saved."""

    def __init__(self, kind: str, number: str, changed_by: str | None, changed_at: datetime | None):
        self.kind = kind
        self.number = number
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.strftime("%Y-%m-%d %H:%M:%S UTC") if changed_at else "?"
        if kind == "payment":
            template = QT_TRANSLATE_NOOP(
                "Errors",
                "付款方式「{number}」已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。",
            )
        elif kind == "shipping":
            template = QT_TRANSLATE_NOOP(
                "Errors",
                "送貨方式「{number}」已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。",
            )
        elif kind == "request":
            template = QT_TRANSLATE_NOOP(
                "Errors",
                "訂單 {number} 的取消申請已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "Errors", "訂單 {number} 已被 {who} 於 {when} 變更，這次操作沒有儲存。請看更新後的資料再試一次。"
            )
        super().__init__(template, number=number, who=changed_by or "?", when=when)


class PermissionDeniedError(DomainError):
    """The database refused the signed-in login: a clerk tried a supervisor's action (or a
    desk's login touched what only the owner may).  Nothing was saved."""

    def __init__(self):
        super().__init__(QT_TRANSLATE_NOOP(
            "Errors", "資料庫拒絕了這個操作：您登入的帳號沒有權限（需要主管權限）。沒有儲存任何變更。"))


class ServerUnavailableError(DomainError):
    """The database server went away or kept refusing the transaction (issue 15, item 3).

    ``reason``: ``GONE`` (the connection dropped, or the server cannot be reached, and
    reconnecting did not help: nothing was saved), ``BUSY`` (deadlocks, serialization failures
    or lock waits on every attempt: nothing was saved), ``LOCKED`` (SQLite: the file's write
    lock stayed taken for the whole busy timeout: nothing was saved) or ``UNCERTAIN`` (the
    connection dropped while the transaction was committing: it may or may not have been
    saved; retryable when the action carried an idempotency key, which makes a retry safe).  ``retryable``:
    whether running the whole transaction again is safe (``app.models.db.survives_server``
    decides)."""

    GONE = "gone"
    BUSY = "busy"
    UNCERTAIN = "uncertain"
    #: SQLite: another connection (an import, another window) held the file's write lock for
    #: the whole busy timeout; nothing was saved.
    LOCKED = "locked"

    def __init__(self, reason: str = GONE, *, retryable: bool = False):
        self.reason = reason
        self.retryable = retryable
        if reason == self.BUSY:
            template = QT_TRANSLATE_NOOP(
                "Errors", "資料庫忙碌中（與其他人的操作衝突），重試幾次仍未完成。這次操作沒有儲存，請稍後再試一次。")
        elif reason == self.LOCKED:
            template = QT_TRANSLATE_NOOP(
                "Errors", "資料庫檔案正被另一個操作（例如匯入，或另一個視窗正在儲存）佔用，等候逾時。"
                "這次操作沒有儲存，請稍後再試一次。")
        elif reason == self.UNCERTAIN and retryable:
            template = QT_TRANSLATE_NOOP(
                "Errors", "儲存時與資料庫伺服器的連線中斷，重新連線後仍無法確認這次操作是否已儲存。"
                "這個操作帶有識別碼，再試一次不會重複儲存。")
        elif reason == self.UNCERTAIN:
            template = QT_TRANSLATE_NOOP(
                "Errors", "儲存時與資料庫伺服器的連線中斷，無法確定這次操作是否已儲存。"
                "請重新整理，確認資料後再決定是否重做。")
        else:
            template = QT_TRANSLATE_NOOP(
                "Errors", "無法連線到資料庫伺服器（連線中斷，重新連線也失敗）。這次操作沒有儲存。"
                "請確認網路與伺服器正常後再試一次。")
        super().__init__(template)
