"""The keyring that held a panel's key is asked first at the next start, so the start does
not wait for keyring's search for a backend (store/keyring_hint.py).

The OS keyring is never touched: the backends here keep their entries in class-level
dicts (every instance sees them, as every process sees the real keyring), and
keyring's own search is replaced by a function the test controls.
"""

from __future__ import annotations

import keyring
import keyring.core
import keyring.errors
import pytest

from leap_desktop.store import keyring_hint
from leap_desktop.store.keys import SERVICE, KeyringUnavailable, KeyStore, entry_name, new_key

from memory_keyring import MemoryKeyring


class SystemKeyring(MemoryKeyring):
    """Stands for the desktop's keyring: one store whatever instance asks."""

    shared: dict = {}

    def __init__(self) -> None:
        super().__init__()
        self.entries = type(self).shared


class OtherKeyring(SystemKeyring):
    shared: dict = {}


class GoneKeyring(SystemKeyring):
    shared: dict = {}

    def get_password(self, service, username):
        raise RuntimeError("org.freedesktop.secrets went away")


class ClosedKeyring(SystemKeyring):
    shared: dict = {}

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("the collection is locked")


class Chain(MemoryKeyring):
    """Stands for keyring's chainer (the type's module is what KeyStore looks at)."""

    __module__ = "keyring.backends.chainer"

    def __init__(self, *backends) -> None:
        super().__init__()
        self.backends = list(backends)


@pytest.fixture
def desktop(tmp_path, monkeypatch):
    """A data folder of its own, keyring unconfigured, and keyring's search answering
    with whatever ``desktop.found`` is; ``desktop.searches`` counts the searches."""
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(keyring_hint, "KNOWN", frozenset(keyring_hint.name_of(cls()) for cls in
                                                         (SystemKeyring, OtherKeyring, GoneKeyring, ClosedKeyring)))
    monkeypatch.setattr(keyring_hint, "configured_elsewhere", lambda: False)
    for cls in (SystemKeyring, OtherKeyring, GoneKeyring, ClosedKeyring):
        monkeypatch.setattr(cls, "shared", {})

    class Desktop:
        found = SystemKeyring()
        searches = 0
        note = tmp_path / keyring_hint.NOTE

    def search():
        Desktop.searches += 1
        return Desktop.found

    monkeypatch.setattr(keyring, "get_keyring", search)
    return Desktop


def _keep(backend, key) -> None:
    backend.set_password(SERVICE, entry_name(key.salt), key.raw.hex())


def test_the_keyring_that_answered_is_asked_first_next_time(desktop):
    key = new_key()
    _keep(SystemKeyring(), key)
    assert KeyStore().get(key.salt) == key.raw
    assert desktop.searches > 0
    assert desktop.note.read_text().strip() == keyring_hint.name_of(SystemKeyring())

    desktop.searches = 0
    later = KeyStore()  # a new start
    assert later.get(key.salt) == key.raw
    assert desktop.searches == 0  # no search for a backend at all
    assert "MemoryKeyring" not in later.where() and "SystemKeyring" in later.where()
    assert desktop.searches == 0


def test_through_a_chain_the_backend_holding_the_key_is_noted(desktop):
    key = new_key()
    _keep(OtherKeyring(), key)
    desktop.found = Chain(SystemKeyring(), OtherKeyring())
    assert KeyStore().get(key.salt) == key.raw
    assert desktop.note.read_text().strip() == keyring_hint.name_of(OtherKeyring())


def test_a_remembered_keyring_without_the_key_falls_back_to_the_search(desktop):
    key, other = new_key(), new_key()
    _keep(SystemKeyring(), key)
    KeyStore().get(key.salt)  # noted: SystemKeyring
    _keep(OtherKeyring(), other)
    desktop.found = OtherKeyring()
    desktop.searches = 0
    assert KeyStore().get(other.salt) == other.raw
    assert desktop.searches > 0
    assert desktop.note.read_text().strip() == keyring_hint.name_of(OtherKeyring())


def test_no_entry_anywhere_is_still_no_entry(desktop):
    KeyStore().get(new_key().salt)
    assert KeyStore().get(new_key().salt) is None
    assert not desktop.note.exists()  # nothing answered: nothing noted


def test_a_remembered_keyring_that_broke_falls_back_to_the_search(desktop):
    key = new_key()
    _keep(SystemKeyring(), key)
    desktop.note.write_text(keyring_hint.name_of(GoneKeyring()) + "\n")
    assert KeyStore().get(key.salt) == key.raw
    assert desktop.note.read_text().strip() == keyring_hint.name_of(SystemKeyring())


def test_a_locked_remembered_keyring_is_not_asked_twice(desktop):
    desktop.note.write_text(keyring_hint.name_of(ClosedKeyring()) + "\n")
    with pytest.raises(KeyringUnavailable, match="locked"):
        KeyStore().get(new_key().salt)
    assert desktop.searches == 0


@pytest.mark.parametrize("note", ["os.system", "memory_keyring.MemoryKeyring", "", "\x00" * 50, "é"])
def test_a_note_naming_anything_else_loads_nothing(desktop, monkeypatch, note):
    loaded: list[str] = []
    monkeypatch.setattr(keyring.core, "load_keyring", lambda name: loaded.append(name))
    desktop.note.write_bytes(note.encode("utf-8"))
    key = new_key()
    _keep(SystemKeyring(), key)
    assert KeyStore().get(key.salt) == key.raw
    assert loaded == []
    assert desktop.searches > 0


def test_a_keyring_pinned_for_this_store_is_never_noted(desktop):
    key = new_key()
    pinned = SystemKeyring()
    _keep(pinned, key)
    assert KeyStore(pinned).get(key.salt) == key.raw
    assert not desktop.note.exists()


def test_a_read_only_data_folder_only_means_searching_again(desktop, tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "missing"))
    key = new_key()
    _keep(SystemKeyring(), key)
    assert KeyStore().get(key.salt) == key.raw
    assert not (tmp_path / "missing").exists()


def test_a_configured_keyring_is_used_as_it_is(monkeypatch):
    # The tests' own keyring was set with keyring.set_keyring: a note is never used.
    assert keyring_hint.configured_elsewhere()
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert keyring_hint.configured_elsewhere()
