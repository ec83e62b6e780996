"""The wheel carries what the program loads at run time, and a plain (non-editable) install works.

A `pip install .` used to leave out the translations and the import samples: only the editable
install, which reads the source folder, had them.  This builds the wheel from a copy of the
source, lists what is inside, installs it into a new virtual environment (the dependencies come
from the running environment, so nothing is downloaded but the build's setuptools) and starts
OrderDesk from there in English, away from the source folder.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = {
    "app/resources/translations/orderdesk_en.qm",
    "app/resources/translations/orderdesk_en.ts",
    "app/resources/import-samples/orders.csv",
    "app/resources/import-samples/orders-big5.csv",
    "app/resources/import-samples/orders.xlsx",
    "app/resources/import-samples/payment_notices.csv",
    "app/resources/import-samples/cancellations.csv",
    "app/resources/import-samples/invoices.csv",
}
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                    ".pytest_cache", ".ruff_cache", ".hypothesis", "tour", "*.db*")

CHECK = r"""
import sys
from pathlib import Path

import app
import main
from app import resources
from PySide6.QtCore import QCoreApplication

here = Path(app.__file__).resolve()
assert here.is_relative_to(Path(sys.prefix).resolve()), f"app imported from {here}, not the install"
qapp = QCoreApplication([])
print(main.install_translator(qapp, None if len(sys.argv) < 2 else sys.argv[1]))
print(QCoreApplication.translate("Tabs", "訂單清單"))
print(",".join(sorted(p.name for p in resources.import_samples().iterdir())))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built by pip from a clean copy of the source (no stale build/ folder)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCE)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(tmp)],
                   check=True, capture_output=True, text=True, timeout=300)
    (built,) = tmp.glob("orderdesk-*.whl")
    return built


def test_the_wheel_carries_the_translations_and_the_samples(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert SHIPPED <= names, f"missing from {wheel.name}: {sorted(SHIPPED - names)}"
    assert "main.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "orderdesk = main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_a_plain_install_starts_in_english(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], check=True, capture_output=True, text=True, timeout=300)
    # PySide6, peewee, …: from this environment, after the new one's own site-packages (a path
    # line in a .pth; this environment's own .pth files, its editable install among them, are
    # not read from there).
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "outer-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"  # a non-Chinese system: English by default

    run = subprocess.run([str(python), "-c", CHECK], cwd=tmp_path, env=env, capture_output=True,
                         text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    lang, tab, samples = run.stdout.splitlines()
    assert (lang, tab) == ("en", "All orders")
    assert samples == "cancellations.csv,invoices.csv,orders-big5.csv,orders.csv,orders.xlsx,payment_notices.csv"

    # The installed command, on a new database.
    script = bin_dir / ("orderdesk.exe" if os.name == "nt" else "orderdesk")
    zone = subprocess.run([str(script), "time-zone", "--db", str(tmp_path / "new.db")], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert (zone.returncode, zone.stdout.strip()) == (0, "Asia/Taipei"), zone.stderr
