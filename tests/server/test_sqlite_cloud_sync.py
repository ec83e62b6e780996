"""A SQLite file in a cloud-sync folder is refused like one on a network share (issue 18):
OneDrive, Dropbox, Google Drive and iCloud Drive copy the database and its -wal journal
separately and make conflicted copies.  The folders are faked (environment, home, markers),
so these run anywhere."""

from __future__ import annotations

import json

import pytest

from app.models import db as dbmod
from app.models.db import CloudSyncError, NetworkShareError, cloud_sync_folder, connect, sqlite_url


@pytest.fixture
def home(monkeypatch, tmp_path):
    """A fake home folder, no OneDrive variables, and no network mounts."""
    h = tmp_path.resolve() / "home" / "clerk"
    h.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(h))
    monkeypatch.setenv("USERPROFILE", str(h))
    for var in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(dbmod, "read_mounts", lambda: [])
    return h


def refused(path) -> CloudSyncError:
    with pytest.raises(CloudSyncError) as excinfo:
        connect(sqlite_url(str(path)))
    err = excinfo.value
    assert isinstance(err, NetworkShareError)  # whoever handles a share handles this too
    text = str(err)
    assert str(path) in text and "雲端同步" in text and "PostgreSQL" in text and "MariaDB" in text
    assert not path.parent.exists() or not path.exists()  # refused before the file was made
    return err


@pytest.mark.parametrize("var", ["OneDrive", "OneDriveCommercial", "OneDriveConsumer"])
def test_onedrive_on_windows_by_its_environment_variables(home, monkeypatch, var):
    monkeypatch.setenv(var, r"C:\Users\clerk\OneDrive - 日日好物")
    where = cloud_sync_folder(r"C:\Users\clerk\OneDrive - 日日好物\店務\orderdesk.db")
    assert where == r"OneDrive C:\Users\clerk\OneDrive - 日日好物"
    assert cloud_sync_folder(r"c:\users\CLERK\onedrive - 日日好物\x.db")  # case-insensitive
    assert cloud_sync_folder(r"C:\Users\clerk\AppData\Roaming\OrderDesk\orderdesk.db") is None
    # Another folder starting with the same name is not inside it.
    assert cloud_sync_folder(r"C:\Users\clerk\OneDrive-old\x.db") is None


def test_onedrive_named_folder_without_the_variable(home):
    assert cloud_sync_folder(r"D:\OneDrive\shop.db") == r"OneDrive D:\OneDrive"
    where = home / "OneDrive" / "shop" / "orderdesk.db"
    where.parent.mkdir(parents=True)
    err = refused(where)
    assert err.where == f"OneDrive {home / 'OneDrive'}"


def test_icloud_drive_on_macos(home):
    docs = home / "Library" / "Mobile Documents" / "com~apple~CloudDocs" / "店務"
    docs.mkdir(parents=True)
    err = refused(docs / "orderdesk.db")
    assert err.where == f"iCloud Drive {home / 'Library' / 'Mobile Documents'}"
    assert cloud_sync_folder(r"C:\Users\clerk\iCloudDrive\orderdesk.db").startswith("iCloud Drive")


@pytest.mark.parametrize("folder, tool", [
    ("OneDrive-Personal", "OneDrive"), ("OneDrive-日日好物", "OneDrive"), ("Dropbox", "Dropbox"),
    ("GoogleDrive-clerk@gmail.com", "Google Drive"), ("Box-Box", "Box"),
])
def test_macos_cloud_storage_providers(home, folder, tool):
    root = home / "Library" / "CloudStorage" / folder
    (root / "shop").mkdir(parents=True)
    err = refused(root / "shop" / "orderdesk.db")
    assert err.where == f"{tool} {root}"


def test_dropbox_by_its_marker_and_by_its_info_file(home, tmp_path):
    box = tmp_path.resolve() / "somewhere" / "Shop files"
    (box / "db").mkdir(parents=True)
    (box / ".dropbox").write_text("{}")  # Dropbox marks its folder's root
    err = refused(box / "db" / "orderdesk.db")
    assert err.where == f"Dropbox {box}"
    team = tmp_path.resolve() / "team"
    team.mkdir()
    (home / ".dropbox").mkdir()
    (home / ".dropbox" / "info.json").write_text(json.dumps(
        {"business": {"path": str(team), "host": 1}}), encoding="utf-8")
    assert cloud_sync_folder(str(team / "orderdesk.db")) == f"Dropbox {team}"
    # Dropbox's settings folder in the home is not the marker: the home is not synced.
    assert cloud_sync_folder(str(home / "Documents" / "orderdesk.db")) is None
    (home / "Dropbox").mkdir()
    assert cloud_sync_folder(str(home / "Dropbox" / "x.db")) == f"Dropbox {home / 'Dropbox'}"
    assert cloud_sync_folder(str(home / "Dropbox (日日好物)" / "x.db")).startswith("Dropbox ")


@pytest.mark.parametrize("path, folder", [
    (r"G:\My Drive\店務\orderdesk.db", r"G:\My Drive"),
    (r"G:\我的雲端硬碟\orderdesk.db", r"G:\我的雲端硬碟"),
    (r"G:\Shared drives\日日好物\orderdesk.db", r"G:\Shared drives"),
    (r"C:\Users\clerk\Google Drive\orderdesk.db", r"C:\Users\clerk\Google Drive"),
])
def test_google_drive_folders(home, path, folder):
    assert cloud_sync_folder(path) == f"Google Drive {folder}"


def test_an_ordinary_folder_is_opened(home):
    folder = home / "Documents" / "OrderDesk"
    folder.mkdir(parents=True)
    assert cloud_sync_folder(str(folder / "orderdesk.db")) is None
    connect(sqlite_url(str(folder / "orderdesk.db"))).close()
    assert (folder / "orderdesk.db").exists()
