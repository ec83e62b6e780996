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
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

ENGLISH_QM = "orderdesk_en.qm"


def translations() -> Traversable:
    """The folder of the translations (.ts and .qm)."""
    return files(__name__) / "translations"


def import_samples() -> Traversable:
    """The folder of the import samples."""
    return files(__name__) / "import-samples"


@contextlib.contextmanager
def on_disk(resource: Traversable) -> Iterator[Path]:
    """A real file path for ``resource`` while the block runs (Qt and the importer read paths).
    Installed and bundled, that is the file itself; only a zipped package would be copied out."""
    with as_file(resource) as path:
        yield path
