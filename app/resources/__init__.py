"""The files OrderDesk ships inside its package, found with ``importlib.resources`` wherever
the package lives: a source checkout, an editable or a plain install (the wheel carries them,
pyproject.toml's package-data), or a PyInstaller bundle (packaging/orderdesk.spec).

    translations/orderdesk_en.ts   the English, edited by scripts/update_translations.sh
    translations/orderdesk_en.qm   what the program loads
    import-samples/                one sample of each import file (docs/IMPORT.md)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ENGLISH_QM = "orderdesk_en.qm"


def _folder(name: str) -> Traversable:
    """The package's folder ``name``: on disk (a source checkout, an install, a PyInstaller
    bundle) the folder itself, found without ``importlib.resources`` (which imports
    ``zipfile`` and ``tempfile``: a start-up cost, issue 11, item 8); in a zipped package,
    ``importlib.resources``'s view of it."""
    here = Path(__file__).parent / name
    if here.is_dir():
        return here
    from importlib.resources import files

    return files(__name__) / name


def translations() -> Traversable:
    """The folder of the translations (.ts and .qm)."""
    return _folder("translations")


def import_samples() -> Traversable:
    """The folder of the import samples."""
    return _folder("import-samples")


@contextlib.contextmanager
def on_disk(resource: Traversable) -> Iterator[Path]:
    """A real file path for ``resource`` while the block runs (Qt and the importer read paths).
    Installed and bundled, that is the file itself; only a zipped package would be copied out."""
    if isinstance(resource, Path):  # as ``as_file`` gives it
        yield resource
        return
    from importlib.resources import as_file

    with as_file(resource) as path:
        yield path
