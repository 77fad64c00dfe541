"""Helpers for tests that reach under the app, as someone with raw SQL access would."""

from __future__ import annotations

from pathlib import Path

from leap_desktop.store.connection import driver
from leap_desktop.store.keys import KeyStore, PanelKey, read_salt


def key_of(path: Path) -> PanelKey:
    """The key of an encrypted panel file, from the (test) keyring."""
    salt = read_salt(path)
    assert salt is not None, f"{path} is not encrypted"
    raw = KeyStore().get(salt)
    assert raw is not None, f"no key for {path} in the keyring"
    return PanelKey(raw, salt)


def raw_connect(path: Path, key: PanelKey | None = None):
    """A bare SQLCipher connection to a panel file with its key: no app rules applied."""
    conn = driver.connect(str(path))
    conn.execute(f"PRAGMA key = {(key or key_of(path)).pragma()}")
    return conn
