"""A SQLite file on a network share is refused (issue 7): SQLite's locks do not work over
network file systems, so several clerks would corrupt it; the message points to the server
mode.  The mount table is faked, so these run anywhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.domain.errors import DomainError
from app.models import db as dbmod
from app.models.db import NetworkShareError, connect, network_filesystem, sqlite_url


@pytest.fixture
def mounts(monkeypatch, tmp_path):
    """A Linux mount table with ``tmp_path / "share"`` on the given file system type."""
    if sys.platform == "win32":
        pytest.skip("the mount table is Linux's and macOS's")

    def _set(fstype: str):
        share = tmp_path.resolve() / "share"
        share.mkdir(exist_ok=True)
        table = [("/", "ext4"), (str(tmp_path.resolve()), "tmpfs"), (str(share), fstype)]
        monkeypatch.setattr(dbmod, "read_mounts", lambda: table)
        return share

    return _set


@pytest.mark.parametrize("fstype", sorted(dbmod.NETWORK_FSTYPES))
def test_a_file_on_a_network_share_is_refused(mounts, fstype):
    share = mounts(fstype)
    path = share / "shop" / "orderdesk.db"
    with pytest.raises(NetworkShareError) as excinfo:
        connect(sqlite_url(str(path)))
    err = excinfo.value
    assert isinstance(err, DomainError)
    assert err.path == str(path) and fstype in err.where
    text = str(err)
    assert str(path) in text and "SQLite" in text and "PostgreSQL" in text and "MariaDB" in text
    assert "postgresql://" in text and "mysql://" in text
    assert not path.parent.exists()  # refused before anything was created


@pytest.mark.parametrize("fstype", ["ext4", "tmpfs", "btrfs", "apfs", "fuse.portal"])
def test_a_local_file_is_opened(mounts, fstype):
    share = mounts(fstype)
    db = connect(sqlite_url(str(share / "orderdesk.db")))
    try:
        assert (share / "orderdesk.db").exists()
    finally:
        db.close()


def test_the_deepest_mount_point_decides(mounts, tmp_path, monkeypatch):
    share = mounts("nfs4")
    local = share / "local"
    table = dbmod.read_mounts() + [(str(local), "ext4")]
    monkeypatch.setattr(dbmod, "read_mounts", lambda: table)
    assert network_filesystem(str(local / "x.db")) is None
    assert network_filesystem(str(share / "x.db")) == f"nfs4 {share}"
    # A sibling whose name starts like the share's is not on it.
    assert network_filesystem(str(share) + "d/x.db") is None


def test_a_symlink_into_a_share_is_followed(mounts, tmp_path):
    share = mounts("cifs")
    link = tmp_path / "looks_local"
    link.symlink_to(share, target_is_directory=True)
    assert network_filesystem(str(link / "x.db")) == f"cifs {share}"


def test_no_mount_table_means_no_refusal(monkeypatch, tmp_path):
    monkeypatch.setattr(dbmod, "read_mounts", lambda: [])
    assert network_filesystem(str(tmp_path / "x.db")) is None


def test_memory_databases_are_not_checked(monkeypatch):
    def boom():
        raise AssertionError("the mount table was read")

    monkeypatch.setattr(dbmod, "read_mounts", boom)
    connect("sqlite:///:memory:").close()


@pytest.mark.parametrize(
    "path",
    [r"\\nas\shop\orderdesk.db", r"\\?\UNC\nas\shop\orderdesk.db"],
)
def test_a_windows_unc_path_is_refused(path):
    assert network_filesystem(path) == r"UNC \\nas\shop"
    with pytest.raises(NetworkShareError):
        connect("sqlite:///" + path)


def test_linux_mount_table_escapes():
    assert dbmod._unescape_mount(r"/mnt/shop\040share") == "/mnt/shop share"
    assert dbmod._unescape_mount(r"/mnt/a\134b") == "/mnt/a\\b"


def test_linux_mount_table_is_read():
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    table = dbmod.read_mounts()
    assert ("/proc", "proc") in table or any(mp == "/" for mp, _ in table)


def test_macos_mount_output_is_parsed(monkeypatch, tmp_path):
    out = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//clerk@nas._smb._tcp.local/shop on /Volumes/shop (smbfs, nodev, nosuid, mounted by clerk)\n"
        "nas:/export/od on /Volumes/od data (nfs, asynchronous)\n"
        "map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)\n"
    )
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(
        subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=out, stderr="")
    )
    assert dbmod.read_mounts() == [
        ("/", "apfs"),
        ("/Volumes/shop", "smbfs"),
        ("/Volumes/od data", "nfs"),
        ("/System/Volumes/Data/home", "autofs"),
    ]
