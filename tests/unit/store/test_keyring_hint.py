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

CONFIGURED_ELSEWHERE = keyring_hint.configured_elsewhere  # the real one, before any test patches it


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
    """A locked keyring whose unlock prompt the person dismisses; counts the prompts."""

    shared: dict = {}
    prompts = 0

    def get_password(self, service, username):
        type(self).prompts += 1
        raise keyring.errors.KeyringLocked("the collection is locked")


class NoCollectionKeyring(SystemKeyring):
    """GNOME Keyring after 'reset the login keyring': each read prompts to create one,
    and the person dismisses it (secretstorage's PromptDismissed, keyring's InitError)."""

    shared: dict = {}
    prompts = 0

    def get_password(self, service, username):
        type(self).prompts += 1
        raise keyring.errors.InitError("Failed to create the collection: Prompt dismissed.")


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
                                                         (SystemKeyring, OtherKeyring, GoneKeyring, ClosedKeyring,
                                                                     NoCollectionKeyring)))
    monkeypatch.setattr(keyring_hint, "configured_elsewhere", lambda: False)
    for cls in (SystemKeyring, OtherKeyring, GoneKeyring, ClosedKeyring, NoCollectionKeyring):
        monkeypatch.setattr(cls, "shared", {})
    for cls in (ClosedKeyring, NoCollectionKeyring):
        monkeypatch.setattr(cls, "prompts", 0)

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
    desktop.found = ClosedKeyring()  # keyring's search finds the same keyring
    with pytest.raises(KeyringUnavailable, match="locked"):
        KeyStore().get(new_key().salt)
    assert ClosedKeyring.prompts == 1


def test_a_keyring_that_prompted_and_failed_is_not_asked_again(desktop):
    # Reading through the note, then through keyring's search, made GNOME Keyring ask
    # twice to create a login keyring (measured: two 'create' prompts; one before the note).
    desktop.note.write_text(keyring_hint.name_of(NoCollectionKeyring()) + "\n")
    desktop.found = NoCollectionKeyring()
    with pytest.raises(KeyringUnavailable, match=r"could not be used \(InitError\)"):
        KeyStore().get(new_key().salt)
    assert NoCollectionKeyring.prompts == 1


def test_through_a_chain_a_locked_noted_keyring_is_met_where_the_chain_meets_it(desktop):
    key = new_key()
    desktop.note.write_text(keyring_hint.name_of(ClosedKeyring()) + "\n")
    desktop.found = Chain(OtherKeyring(), ClosedKeyring())
    with pytest.raises(KeyringUnavailable, match="locked"):
        KeyStore().get(key.salt)  # the chain's first keyring lacks it, the second is locked
    assert ClosedKeyring.prompts == 1

    _keep(OtherKeyring(), key)  # now the chain's first keyring holds it: found, as without a note
    assert KeyStore().get(key.salt) == key.raw
    assert ClosedKeyring.prompts == 2


def test_a_locked_noted_keyring_does_not_hide_the_key_where_keyring_looks(desktop):
    # The note is only a short cut: keyring's choice holds the key, so the file opens.
    key = new_key()
    _keep(OtherKeyring(), key)
    desktop.note.write_text(keyring_hint.name_of(ClosedKeyring()) + "\n")
    desktop.found = OtherKeyring()
    assert KeyStore().get(key.salt) == key.raw
    assert desktop.note.read_text().strip() == keyring_hint.name_of(OtherKeyring())


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


def test_a_key_typed_after_a_stale_noted_entry_opens_the_file_silently_next_time(desktop, tmp_path):
    from leap_desktop.store.unlock import open_connection

    path = tmp_path / "panel.leap"
    desktop.found = OtherKeyring()
    conn, made = open_connection(path, create=True, readonly=False, ask=None, keystore=KeyStore())
    conn.close()
    open_connection(path, create=False, readonly=True, ask=None, keystore=KeyStore())[0].close()
    assert desktop.note.read_text().strip() == keyring_hint.name_of(OtherKeyring())
    _keep(OtherKeyring(), new_key().with_salt(made.key.salt))  # the noted keyring's entry goes stale
    desktop.found = Chain(SystemKeyring(), OtherKeyring())  # and keyring now puts keys first in another

    asked: list[str] = []

    def ask(request):
        asked.append(request.reason)
        return made.recovery_key

    conn, security = open_connection(path, create=False, readonly=True, ask=ask, keystore=KeyStore())
    conn.close()
    assert asked == ["The key in the keyring does not open this file (its key was changed elsewhere, or the file is damaged)"]
    # Said of the keyring it went to, not of the one that held the stale entry:
    assert security.notes == ["The key of panel.leap is stored again in the keyring 'test keyring hint SystemKeyring'"]

    conn, security = open_connection(path, create=False, readonly=True, ask=ask, keystore=KeyStore())
    conn.close()
    assert len(asked) == 1  # opened with the key kept again, as keyring would find it
    assert security.opened_with == "keyring"


def test_a_key_stored_in_a_keyring_not_of_keyrings_own_drops_the_note(desktop):
    key = new_key()
    desktop.note.write_text(keyring_hint.name_of(SystemKeyring()) + "\n")
    desktop.found = MemoryKeyring()  # a third-party backend keyring chose
    KeyStore().put(key)
    assert not desktop.note.exists()  # the next start searches, as keyring would
    assert KeyStore().get(key.salt) == key.raw


@pytest.mark.parametrize("configured", [None, "environment", "keyringrc.cfg"])
def test_a_note_is_used_only_when_the_person_configured_no_keyring(desktop, monkeypatch, tmp_path, configured):
    monkeypatch.setattr(keyring_hint, "configured_elsewhere", CONFIGURED_ELSEWHERE)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # not the tests' set_keyring
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    if configured == "environment":
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.EncryptedKeyring")
    elif configured == "keyringrc.cfg":
        config = tmp_path / "config" / "python_keyring" / "keyringrc.cfg"
        config.parent.mkdir(parents=True)
        config.write_text("[backend]\ndefault-keyring=keyrings.alt.file.EncryptedKeyring\n")
        assert keyring.core._config_path() == config
    key = new_key()
    _keep(SystemKeyring(), key)
    desktop.note.write_text(keyring_hint.name_of(SystemKeyring()) + "\n")
    assert KeyStore().get(key.salt) == key.raw
    assert (desktop.searches > 0) == (configured is not None)  # configured: keyring's own choice only


def test_a_process_a_test_starts_never_reaches_the_real_keyring():
    # tests/ui/test_meeting_mode.py's crashing app inherited the test's environment and
    # stored the recovery key it was given in whatever keyring the machine has.
    import os
    import subprocess
    import sys

    code = "import keyring; b = keyring.get_keyring(); print(type(b).__module__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert os.environ.get("PYTHON_KEYRING_BACKEND") == "keyring.backends.fail.Keyring"
    assert done.stdout.strip() == "keyring.backends.fail", done.stderr


@pytest.mark.parametrize("setting", ["no.such.Backend", "keyring.backends"])
def test_a_keyring_setting_naming_nothing_usable_is_said_plainly(tmp_path, monkeypatch, setting):
    """A mistyped PYTHON_KEYRING_BACKEND is the person's setting, not a bug: the file still
    opens with its recovery key, and the command says what is wrong in one line."""
    from leap_desktop.cli import main
    import io

    panel = tmp_path / "p.leap"
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db", str(panel), "init", "--name", "Panel"], out=out, err=err) == 0, err.getvalue()
    from leap_desktop.store.keys import format_recovery_key
    from panel_files import key_of

    recovery = format_recovery_key(key_of(panel).raw)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", setting)
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path))
    store = KeyStore()
    with pytest.raises(KeyringUnavailable, match="PYTHON_KEYRING_BACKEND"):
        store.get(new_key().salt)
    assert store.where().startswith("nowhere")

    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(panel), "people"], out=out, err=err)
    assert "bug" not in err.getvalue().lower() and "Traceback" not in err.getvalue()
    assert code != 0 and "PYTHON_KEYRING_BACKEND" in err.getvalue()
    monkeypatch.setenv("LEAP_RECOVERY_KEY", recovery)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db", str(panel), "people"], out=out, err=err) == 0, err.getvalue()


def test_a_named_pipe_in_place_of_the_note_is_no_note(desktop):
    import os

    from panel_files import returns_without_a_writer

    os.mkfifo(desktop.note)
    key = new_key()
    _keep(SystemKeyring(), key)
    assert returns_without_a_writer(desktop.note, lambda: KeyStore().get(key.salt)) == key.raw
    assert desktop.searches > 0
