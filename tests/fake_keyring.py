"""A keychain for the tests: no test may read or write the developer's real one, and CI has
none.  In memory; with $ORDERDESK_TEST_KEYRING naming a JSON file it is kept there, so a
subprocess started with PYTHON_KEYRING_BACKEND=fake_keyring.FakeKeyring (and tests/ on
PYTHONPATH) sees what the test stored, and appends each account it is asked for to
$ORDERDESK_TEST_KEYRING.log."""

from __future__ import annotations

import json
import os

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FakeKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[str, str] = {}

    def _file(self) -> str | None:
        return os.environ.get("ORDERDESK_TEST_KEYRING")

    def _load(self) -> dict[str, str]:
        path = self._file()
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        return self.passwords

    def _save(self, passwords: dict[str, str]) -> None:
        path = self._file()
        if path:
            with open(path, "w", encoding="utf-8") as f:
                json.dump(passwords, f)
        else:
            self.passwords = passwords

    def get_password(self, service, username):
        path = self._file()
        if path:
            with open(path + ".log", "a", encoding="utf-8") as f:
                f.write(f"{service} {username}\n")
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        passwords = dict(self._load())
        passwords[f"{service}\n{username}"] = password
        self._save(passwords)

    def delete_password(self, service, username):
        passwords = dict(self._load())
        if passwords.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(passwords)


class BrokenKeyring(KeyringBackend):
    """A keychain that is there but refuses (a locked Secret Service, no D-Bus session)."""

    priority = 1

    def get_password(self, service, username):
        raise RuntimeError("the secret service is locked")

    def set_password(self, service, username, password):
        raise RuntimeError("the secret service is locked")

    def delete_password(self, service, username):
        raise RuntimeError("the secret service is locked")
