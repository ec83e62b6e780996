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
