"""The frozen build (packaging/orderdesk.spec) runs as a clerk's desk would run it.

.ci/run builds the one-folder bundle with PyInstaller and then runs these with
``ORDERDESK_BUNDLE=dist/orderdesk``; without the variable they are skipped.  Each step runs the
bundle's own programs, away from the source folder, and checks what a person would check: every
screen of the tour is a picture, the English export's header, the Big5 sample's orders in the
database, the demo shop on the PostgreSQL server, and the window painting itself.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest
from server.server_db import fresh_database
from test_tour import SCREENS, check_pictures

pytestmark = pytest.mark.bundle

BUNDLE = os.environ.get("ORDERDESK_BUNDLE")
if not BUNDLE:
    pytest.skip("set ORDERDESK_BUNDLE to a PyInstaller build (dist/orderdesk)", allow_module_level=True)
BUNDLE = Path(BUNDLE).resolve()
EXE = ".exe" if os.name == "nt" else ""
CLI = BUNDLE / f"orderdesk-cli{EXE}"
WINDOW = BUNDLE / f"OrderDesk{EXE}"
INTERNAL = BUNDLE / "_internal"


def run(*args: str | Path, cwd: Path, timeout: int = 300, **env: str) -> subprocess.CompletedProcess:
    """A bundled program, with no Python environment of ours around it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    clean.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", LC_ALL="C.UTF-8", **env)
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=clean, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    """A folder with the demo shop the bundle's tour built (desk.db) and its pictures (tour/)."""
    where = tmp_path_factory.mktemp("desk")
    run(CLI, "tour", "--out", where / "tour", "--db", where / "desk.db", cwd=where)
    return where


def test_the_bundle_carries_the_package_data():
    assert (INTERNAL / "app/resources/translations/orderdesk_en.qm").is_file()
    assert (INTERNAL / "app/resources/import-samples/orders-big5.csv").is_file()
    assert (INTERNAL / "tzdata/zoneinfo/Asia/Taipei").is_file()


def test_the_tour_renders_every_screen(desk):
    names = check_pictures(desk / "tour")
    assert SCREENS <= names, SCREENS - names


def test_an_english_export(desk):
    out = desk / "all-orders.xlsx"
    done = run(CLI, "export", "--list", "all", "--lang", "en", "--out", out, "--db", desk / "desk.db", cwd=desk)
    assert "rows written" in done.stdout
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["Orders", "Items", "About"]
    header = [c.value for c in next(wb["Orders"].iter_rows(max_row=1))]
    assert header[:3] == ["Order no.", "Order date", "Status"]
    statuses = {row[2] for row in wb["Orders"].iter_rows(min_row=2, values_only=True) if len(row) > 2}
    assert "Unpaid" in statuses, statuses


def test_the_big5_sample_imports(desk):
    """The sample shipped inside the bundle, read as Big5, lands in the database."""
    from app.models.db import connect
    from app.models.tables import Order, OrderItem

    sample = INTERNAL / "app/resources/import-samples/orders-big5.csv"
    done = run(CLI, "import", sample, "--yes", "--lang", "en", "--db", desk / "desk.db", cwd=desk)
    assert "3" in done.stdout, done.stdout
    db = connect("sqlite:///" + str(desk / "desk.db"))
    try:
        buyers = {o.order_no: o.buyer_name for o in Order.select().where(Order.order_no.startswith("IMP-2026110"))}
        assert buyers == {"IMP-20261101-001": "王小明", "IMP-20261101-002": "林雅婷",
                          "IMP-20261102-003": "陳志明"}
        items = OrderItem.select().join(Order).where(Order.order_no == "IMP-20261101-002")
        assert [i.product for i in items] == ["阿里山高山烏龍茶"]
    finally:
        db.close()


def test_a_demo_on_the_postgresql_server(tmp_path):
    from app.models.db import connect
    from app.models.tables import Order

    with fresh_database("pg") as url:
        done = run(CLI, "demo", "--orders", "120", "--db", url, cwd=tmp_path)
        assert "Built 120 demo orders" in done.stdout
        db = connect(url)
        try:
            assert Order.select().count() == 120
        finally:
            db.close()


def test_the_window_paints_and_says_how_long_it_took(desk, capsys):
    """From the program's start to its window's first paint (offscreen), on the demo file."""
    began = time.perf_counter()
    done = run(WINDOW, "--db", desk / "desk.db", cwd=desk, timeout=120, ORDERDESK_QUIT_AFTER_PAINT="1")
    seconds = time.perf_counter() - began
    assert "painted" in done.stderr
    size = sum(f.stat().st_size for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink())
    with capsys.disabled():
        print(f"\nbundle: {size / 2**20:.0f} MiB; start to first painted window: {seconds:.2f} s")
    assert seconds < 60
