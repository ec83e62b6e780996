"""Every document the code and the documents cite is in the repository (issue 10).

A citation is any path ending in ``.md`` in a source, script or configuration file, or in
the README and ``docs/``.  It is resolved from the repository's root (so the project's own
documents are cited by their path under ``docs/``); a markdown link target in a ``.md`` file
may also be relative to that file.  Nothing may point outside the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: A path ending in ``.md`` (ASCII only, so a Chinese word written against it is not part of it).
MD_PATH = re.compile(r"[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b", re.ASCII)
#: The target of a markdown link: ``[text](target)``.
LINK = re.compile(r"\]\(([^)\s#]+)")
#: A path that climbs out of the repository into a sibling folder of documents.
OUTSIDE = re.compile(r"\.\./+(?:\.\./+)*(?:shared|seed)\b")

SOURCE_DIRS = ["app", "tests", "benchmarks", "scripts"]
SOURCE_SUFFIXES = {".py", ".sh", ".toml"}


def cited_files() -> list[Path]:
    files = [ROOT / "main.py", ROOT / "README.md", *sorted(ROOT.glob("*.toml"))]
    for d in SOURCE_DIRS:
        files += sorted(p for p in (ROOT / d).rglob("*") if p.is_file() and p.suffix in SOURCE_SUFFIXES)
    files += sorted(p for p in (ROOT / ".ci").rglob("*") if p.is_file())
    files += sorted((ROOT / "docs").glob("*.md"))
    return [p for p in files if p.is_file()]


def citations(path: Path) -> list[tuple[int, str, str]]:
    """(line number, cited path, the line) for every ``.md`` path in ``path``."""
    found = []
    text = path.read_text(encoding="utf-8", errors="replace")
    for n, line in enumerate(text.splitlines(), start=1):
        for m in MD_PATH.finditer(line):
            found.append((n, m.group(0), line.strip()))
    return found


def resolves(path: Path, cited: str) -> bool:
    """Whether ``cited`` names a file of the repository, without ever stepping out of it: a
    path through ".." is outside, even when it comes back in through the clone's folder."""
    if cited.startswith("/") or ".." in Path(cited).parts:
        return False
    candidates = [ROOT / cited]
    if path.suffix == ".md":
        candidates.append(path.parent / cited)
    for c in candidates:
        try:
            inside = c.resolve().is_relative_to(ROOT)
        except OSError:
            inside = False
        if inside and c.is_file():
            return True
    return False


def test_the_scan_sees_the_files_and_the_citations():
    files = {p.relative_to(ROOT).as_posix() for p in cited_files()}
    assert {"main.py", "README.md", "pyproject.toml", "app/services/orders.py",
            "tests/test_docs.py", "docs/IMPORT.md"} <= files
    readme = {cited for _, cited, _ in citations(ROOT / "README.md")}
    assert {"docs/IMPORT.md", "docs/SERVICES.md"} <= readme


@pytest.mark.parametrize(("cited", "ok"), [
    ("docs/IMPORT.md", True),
    ("README.md", True),
    ("IMPORT" + ".md", False),  # a bare name is resolved from the root, where it is not
    ("docs/NO-SUCH-FILE" + ".md", False),
    ("../" + "README" + ".md", False),
    ("../" + "orderdesk/README" + ".md", False),
])
def test_resolution(cited, ok):
    assert resolves(ROOT / "main.py", cited) is ok


def test_the_project_documents_are_in_docs():
    for name in ["PRODUCT", "STYLE", "PERFORMANCE", "SERVICES", "IMPORT"]:
        doc = ROOT / "docs" / f"{name}.md"
        assert doc.is_file(), doc
        assert doc.read_text(encoding="utf-8").startswith("# "), doc


def test_every_cited_document_is_in_the_repository():
    missing = []
    for path in cited_files():
        for n, cited, line in citations(path):
            if not resolves(path, cited):
                missing.append(f"{path.relative_to(ROOT).as_posix()}:{n}: {cited}  ({line[:90]})")
    assert missing == [], "cited documents that are not in the repository:\n" + "\n".join(missing)


def test_markdown_links_in_the_documents_resolve():
    broken = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for m in LINK.finditer(line):
                target = m.group(1)
                if "://" in target or target.startswith("mailto:"):
                    continue
                if not (path.parent / target).exists():
                    broken.append(f"{path.relative_to(ROOT).as_posix()}:{n}: {target}")
    assert broken == []


def test_nothing_points_outside_the_repository():
    outside = []
    for path in cited_files():
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if OUTSIDE.search(line):
                outside.append(f"{path.relative_to(ROOT).as_posix()}:{n}: {line.strip()[:90]}")
    assert outside == []


def test_the_documents_examples_hold_no_password_and_no_desk_clock():
    """An example is copied: no server URL with a password in it (passwords live in the
    keychain), and "today" is the shop's (``shop_clock.today()``), not the desk's."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]}
    passwords = {n: re.findall(r"\w+://[^\s/:@`\"]+:[^\s/@`\"]+@", t) for n, t in texts.items()}
    assert {n: found for n, found in passwords.items() if found} == {}
    desk_today = {n: re.findall(r"date\.today\(\)|datetime\.now\(\)\.date", t) for n, t in texts.items()}
    assert {n: found for n, found in desk_today.items() if found} == {}


def test_the_style_page_names_the_modules_that_do_each_job():
    """Each of docs/STYLE.md's "one place" rules names its module, and every module or function
    of OrderDesk it names exists."""
    style = (ROOT / "docs/STYLE.md").read_text(encoding="utf-8")
    for module in ["app/views/runner.py", "app/services/op_changes.py", "app/views/prompts.py",
                   "app/services/writes.py", "app/services/shop_clock.py", "app/domain/clock.py",
                   "app/views/settings_keys.py"]:
        assert f"`{module}`" in style, module
    named = set(re.findall(r"`(app/[\w/]+(?:\.py|/))`", style))
    assert sorted(n for n in named if not (ROOT / n).exists()) == []
    assert "record_history" not in style  # no such function
