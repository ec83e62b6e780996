"""QSettings keys are declared once, with their defaults, in ``app/views/settings_keys.py``."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings

from app.views import settings_keys as keys

ROOT = Path(__file__).resolve().parent.parent
#: A QSettings read or write whose key is written out as a string where it is used.
LITERAL_KEY = re.compile(r"""(?:\.value|\bsetValue)\(\s*f?["']""")


def test_no_key_is_spelled_outside_the_keys_module():
    sources = [*sorted((ROOT / "app").rglob("*.py")), ROOT / "main.py"]
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sources
        if path.name != "settings_keys.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LITERAL_KEY.search(line)
    ]
    assert not found, "\n".join(found)


def test_every_key_is_declared_once():
    declared = [v.name for v in vars(keys).values() if isinstance(v, keys.Key)]
    assert len(declared) == len(set(declared))
    assert {"clerk/name", "database/url", "window/page", "import/dir", "export/dir"} <= set(declared)


def test_a_key_reads_its_default_until_written(tmp_path):
    s = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert keys.OPERATOR.read(s) == ""
    assert keys.WINDOW_PAGE.read(s) == 0
    assert keys.WINDOW_GEOMETRY.read(s) is None
    assert keys.page_tab("orders").read(s) == 0
    keys.OPERATOR.write(s, "店員甲")
    keys.page_tab("orders").write(s, 3)
    s.sync()
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert keys.OPERATOR.read(again) == "店員甲"
    assert int(keys.page_tab("orders").read(again)) == 3
    assert again.value("orders/tab") is not None and again.value("clerk/name") == "店員甲"
