"""The English translation: complete, current with the code, placeholders kept, and loadable.

zh-TW is the source language; app/resources/translations/orderdesk_en.ts holds the English and
orderdesk_en.qm is what the program loads.  After adding or changing a visible string run
``bash scripts/update_translations.sh``, translate what it added, and run it again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "resources" / "translations"
TS = TRANSLATIONS / "orderdesk_en.ts"
QM = TRANSLATIONS / "orderdesk_en.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d+")


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) of every live message (not obsolete or vanished)."""
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.get("type") in ("obsolete", "vanished"):
                continue
            out.append((name, msg.findtext("source") or "", tr))
    return out


def sources() -> list[str]:
    """The files scripts/update_translations.sh reads: the committed app/*.py and main.py."""
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        listed = subprocess.run(
            [git, "ls-files", "app/*.py", "main.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        if listed:
            return listed
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")) + ["main.py"]


def test_every_message_is_translated():
    bad = [f"[{c}] {s!r}" for c, s, tr in messages(TS)
           if tr is None or tr.get("type") == "unfinished" or not (tr.text or "").strip()]
    assert not bad, "untranslated in orderdesk_en.ts:\n" + "\n".join(bad)


def test_ts_is_current_with_the_code(tmp_path):
    # PySide6 installs the tool beside the interpreter (a venv's bin/ or Scripts\\), which is
    # not on PATH when the venv's python is run directly, as the README's test command does.
    beside = Path(sys.executable).parent
    lupdate = shutil.which("pyside6-lupdate") or shutil.which("pyside6-lupdate", path=str(beside))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is neither on PATH nor beside the interpreter")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, *sources(), "-no-obsolete", "-locations", "none",
         "-source-language", "zh_TW", "-target-language", "en", "-ts", str(fresh)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    in_code = {(c, s) for c, s, _ in messages(fresh)}
    in_ts = {(c, s) for c, s, _ in messages(TS)}
    missing = sorted(in_code - in_ts)
    stale = sorted(in_ts - in_code)
    assert not missing and not stale, (
        "orderdesk_en.ts is out of date; run `bash scripts/update_translations.sh` and translate.\n"
        + "".join(f"  not in the .ts: [{c}] {s!r}\n" for c, s in missing)
        + "".join(f"  no longer in the code: [{c}] {s!r}\n" for c, s in stale)
    )


def test_translations_keep_the_placeholders():
    bad = []
    for context, source, tr in messages(TS):
        text = (tr.text or "") if tr is not None else ""
        if text and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
            bad.append(f"[{context}] {source!r} -> {text!r}")
    assert not bad, "placeholders differ:\n" + "\n".join(bad)


def test_qm_loads_and_translates(qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("Tabs", "訂單清單") == "All orders"
        assert QCoreApplication.translate("MainWindow", "訂單管理") == "Orders"
    finally:
        qapp.removeTranslator(translator)
