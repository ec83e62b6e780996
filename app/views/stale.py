"""A page that reloads when a change concerns it: at once when it is shown, else when it is
next shown (the main window also calls ``reload_if_stale`` when it switches pages)."""

from __future__ import annotations


class ReloadsWhenShown:
    """Mix in before ``QWidget``; the page gives ``reload()``, which must clear ``_stale``."""

    _stale = False

    def reload_or_mark_stale(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def reload_if_stale(self) -> None:
        if self._stale:
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.reload_if_stale()
