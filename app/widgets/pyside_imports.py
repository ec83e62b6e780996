"""PySide6's look at every module imported after it, answered from the module's file.

PySide6 asks of each module imported after it whether its source says "PySide6" (its
``__feature__`` switching, PYSIDE-2029), through ``inspect.getsource`` — a quarter of a
millisecond a module, some 170 modules before the window's first paint: a tenth of the start
(issue 11, item 8).  ``install`` gives it the same answer from the file's bytes; a module with
no ``.py`` file, or a PySide6 without that function, keeps PySide6's own way.
"""

from __future__ import annotations

import sys


def uses_pyside(module, *, slow) -> bool:
    """Whether ``module``'s source says "PySide6": its ``.py`` file read as bytes (UTF-8, as
    the source is), else ``slow(module)``."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return slow(module)
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return slow(module)


def install() -> bool:
    """Import PySide6 and make its look at each module read the module's file (once); whether
    it did (False: this PySide6 has no such look)."""
    import PySide6  # noqa: F401 - its feature module comes with it

    feature = sys.modules.get("PySide6.support.feature")
    slow = getattr(feature, "_mod_uses_pyside", None)
    if slow is None or getattr(slow, "from_file", False):
        return slow is not None

    def fast(module) -> bool:
        return uses_pyside(module, slow=slow)

    fast.from_file = True
    slow.__globals__["_mod_uses_pyside"] = fast  # where feature_imported looks it up
    return True
