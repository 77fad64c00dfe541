"""Encryption at rest, keys, the writer's lock, backups, restores and tamper detection."""

from __future__ import annotations

import os
import stat

import keyring
import pytest
from panel_files import key_of, raw_connect

from leap_desktop.domain.errors import LeapError, StoreError
from leap_desktop.domain.model import Person
from leap_desktop.services import PanelService
from leap_desktop.store import PanelStore, backup, connection, keys
from leap_desktop.store.keys import (
    SERVICE,
    KeyStore,
    PanelKey,
    entry_name,
    format_recovery_key,
    key_from_passphrase,
    new_key,
    parse_recovery_key,
    read_salt,
)
from leap_desktop.store.lock import PanelInUse
from leap_desktop.store.panel_store import DamagedFile
from leap_desktop.store.unlock import KeyNeeded, UnlockRequest

NAME = "Amira Khan-Zeta"


def make_panel(path, **options):
    svc = PanelService.open(path, create=True, **options)
    svc.set_panel(name="Secure panel")
    svc.add_person(display_name=NAME, roles=["lived_experience"], access_needs="Large print", consent="named")
    return svc


def snapshot(path):
    return path.read_bytes(), os.stat(path).st_mtime_ns


def all_bytes(path):
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


# -- encryption at rest -----------------------------------------------------------------------


def test_new_file_is_encrypted_owner_only_and_names_cannot_be_found(panel_path):
    svc = make_panel(panel_path)
    assert svc.store.security.encrypted
    assert svc.store.conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    data_while_open = all_bytes(panel_path)  # the file and its write-ahead log
    svc.close()
    data = panel_path.read_bytes()
    assert not data.startswith(b"SQLite format 3\x00")
    for text in (NAME, "Large print", "Secure panel"):
        for encoded in (text.encode("utf-8"), text.encode("utf-16-le")):
            assert encoded not in data and encoded not in data_while_open
    assert stat.S_IMODE(panel_path.stat().st_mode) == 0o600


def test_a_build_without_sqlcipher_refuses_to_write(panel_path, monkeypatch):
    import sqlite3

    monkeypatch.setattr(connection, "driver", sqlite3)
    with pytest.raises(StoreError, match="built without encryption"):
        PanelService.open(panel_path, create=True)
    assert not panel_path.exists() or panel_path.stat().st_size == 0


def test_plaintext_must_be_asked_for(tmp_path):
    with pytest.raises(ValueError):
        connection.connect(tmp_path / "x.leap", create=True)


def test_existing_plaintext_files_keep_opening(tmp_path):
    path = tmp_path / "old.leap"
    make_panel(path, encrypt=False).close()
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    with PanelService.open(path) as svc:
        assert not svc.store.security.encrypted
        assert "is not encrypted" in svc.store.security.where
        assert [p.display_name for p in svc.people()] == [NAME]


# -- keys -------------------------------------------------------------------------------------


def test_recovery_key_is_the_raw_key_and_reads_back_however_typed():
    key = new_key()
    text = key.recovery_key
    assert len(text.split("-")) == 16 and all(len(g) == 4 for g in text.split("-"))
    for typed in (text, text.lower(), text.replace("-", " "), text.replace("-", ""), f"x'{key.raw.hex()}'"):
        assert parse_recovery_key(typed) == key.raw
    assert parse_recovery_key(text[:-1]) is None
    assert parse_recovery_key("correct horse battery staple") is None


def test_key_is_in_the_keyring_under_the_file_salt(panel_path, memory_keyring):
    svc = make_panel(panel_path)
    recovery = svc.store.security.recovery_key
    salt = read_salt(panel_path)
    assert (SERVICE, entry_name(salt)) in memory_keyring.entries
    assert memory_keyring.entries[(SERVICE, entry_name(salt))] == parse_recovery_key(recovery).hex()
    assert entry_name(salt) in svc.store.security.where
    svc.close()
    with PanelService.open(panel_path) as again:  # silent: the keyring has it
        assert again.store.security.opened_with == "keyring"
        assert again.store.security.recovery_key is None


def test_a_moved_copy_still_finds_its_key(tmp_path):
    path = tmp_path / "a.leap"
    make_panel(path).close()
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    os.replace(path, moved / "renamed.leap")
    with PanelService.open(moved / "renamed.leap") as svc:
        assert [p.display_name for p in svc.people()] == [NAME]


def asked(answers):
    requests: list[UnlockRequest] = []

    def ask(request):
        requests.append(request)
        return answers.pop(0) if answers else None

    return ask, requests


@pytest.mark.parametrize("keyring_state", ["no_keyring", "locked_keyring", "deleted_entry"])
def test_without_the_keyring_the_recovery_key_opens_the_file(panel_path, keyring_state, request, memory_keyring):
    svc = make_panel(panel_path)
    recovery = svc.store.security.recovery_key
    svc.close()
    if keyring_state == "deleted_entry":
        keyring.delete_password(SERVICE, entry_name(read_salt(panel_path)))
        reason = "There is no key for this file in the keyring"
    else:
        request.getfixturevalue(keyring_state)
        reason = "No keyring works on this computer" if keyring_state == "no_keyring" else "The keyring is locked"
    before = snapshot(panel_path)
    with pytest.raises(KeyNeeded, match=reason):
        PanelService.open(panel_path)
    assert snapshot(panel_path) == before
    ask, requests = asked([recovery])
    with PanelService.open(panel_path, ask=ask) as svc:
        assert [p.display_name for p in svc.people()] == [NAME]
    assert requests[0].reason.startswith(reason)
    assert requests[0].path == panel_path


def test_a_recovery_key_that_opens_the_file_costs_no_passphrase_derivation(panel_path, memory_keyring, monkeypatch):
    """A recovery key is tried first; the passphrase's key derivation (about a tenth of
    a second) runs only if it does not open the file."""
    svc = make_panel(panel_path, passphrase="a long passphrase")
    recovery = svc.store.security.recovery_key
    svc.close()
    memory_keyring.entries.clear()
    derived: list[str] = []
    real = keys.key_from_passphrase
    monkeypatch.setattr(keys, "key_from_passphrase", lambda text, salt: derived.append(text) or real(text, salt))
    ask, _ = asked([recovery])
    with PanelService.open(panel_path, ask=ask) as svc:
        assert [p.display_name for p in svc.people()] == [NAME]
    assert derived == []
    memory_keyring.entries.clear()
    ask, _ = asked(["a long passphrase"])
    with PanelService.open(panel_path, ask=ask) as svc:  # a passphrase still opens it
        assert [p.display_name for p in svc.people()] == [NAME]
    assert derived == ["a long passphrase"]


def test_deleted_entry_then_rekey_stores_a_new_key(panel_path, memory_keyring):
    svc = make_panel(panel_path)
    recovery = svc.store.security.recovery_key
    svc.close()
    memory_keyring.entries.clear()
    ask, _ = asked([recovery])
    with PanelService.open(panel_path, ask=ask) as svc:
        memory_keyring.entries.clear()  # say it could not even be stored again
        security = svc.store.rekey(new_key())
        assert security.recovery_key and security.recovery_key != recovery
    salt = read_salt(panel_path)
    assert memory_keyring.entries[(SERVICE, entry_name(salt))] == parse_recovery_key(security.recovery_key).hex()
    with PanelService.open(panel_path) as svc:  # silent again
        assert svc.store.security.opened_with == "keyring"
        assert [p.display_name for p in svc.people()] == [NAME]
    # The old recovery key no longer opens it.
    memory_keyring.entries.clear()
    ask, _ = asked([recovery] * 10)
    with pytest.raises(StoreError, match="does not open it. The file has not been changed"):
        PanelService.open(panel_path, ask=ask)


def test_a_passphrase_opens_the_file_and_a_wrong_one_changes_nothing(panel_path, no_keyring):
    make_panel(panel_path, passphrase="correct horse battery").close()
    before = snapshot(panel_path)
    ask, requests = asked(["wrong horse battery", "0000" * 16, None])
    with pytest.raises(StoreError, match="no recovery key or passphrase was given"):
        PanelService.open(panel_path, ask=ask)
    assert [r.attempt for r in requests] == [1, 2, 3]
    assert requests[1].reason == "That recovery key or passphrase does not open this file"
    assert snapshot(panel_path) == before
    assert sorted(p.name for p in panel_path.parent.iterdir()) == ["panel.leap"]
    ask, _ = asked(["correct horse battery"])
    with PanelService.open(panel_path, ask=ask) as svc:
        assert [p.display_name for p in svc.people()] == [NAME]


def test_the_passphrase_gives_the_same_key_as_its_derivation(panel_path, no_keyring):
    make_panel(panel_path, passphrase="correct horse battery").close()
    key = key_from_passphrase("correct horse battery", read_salt(panel_path))
    conn = raw_connect(panel_path, key)
    assert conn.execute("SELECT display_name FROM people").fetchone()[0] == NAME
    conn.close()


def test_a_too_short_passphrase_is_refused_before_any_file(panel_path):
    with pytest.raises(LeapError, match="too short"):
        PanelService.open(panel_path, create=True, passphrase="short")


def test_a_wrong_key_in_the_keyring_asks_and_never_makes_a_new_key(panel_path, memory_keyring):
    svc = make_panel(panel_path)
    recovery = svc.store.security.recovery_key
    svc.close()
    salt = read_salt(panel_path)
    KeyStore().put(PanelKey(os.urandom(32), salt))
    before = snapshot(panel_path)
    with pytest.raises(KeyNeeded, match="The key in the keyring does not open this file"):
        PanelService.open(panel_path)
    assert snapshot(panel_path) == before
    ask, _ = asked([recovery])
    with PanelService.open(panel_path, ask=ask) as svc:
        assert svc.people()
    assert memory_keyring.entries[(SERVICE, entry_name(salt))] == parse_recovery_key(recovery).hex()


def test_plaintext_keyring_backends_are_not_used(panel_path):
    class PlaintextKeyring(keyring.backend.KeyringBackend):
        priority = 1
        stored: dict = {}

        def get_password(self, service, username):
            return self.stored.get(username)

        def set_password(self, service, username, password):
            self.stored[username] = password

        def delete_password(self, service, username):
            self.stored.pop(username, None)

    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        svc = make_panel(panel_path)
        assert PlaintextKeyring.stored == {}
        assert "not stored on this computer" in svc.store.security.where
        svc.close()
    finally:
        keyring.set_keyring(previous)


# -- one writer ------------------------------------------------------------------------------


def test_a_second_writer_is_refused_and_can_read(panel_path):
    svc = make_panel(panel_path)
    with pytest.raises(PanelInUse, match="already open for changes in LEAP Desktop"):
        PanelService.open(panel_path)
    reader = PanelService.open(panel_path, readonly=True)
    assert [p.display_name for p in reader.people()] == [NAME]
    with pytest.raises(StoreError, match="open read-only, so nothing was saved"):
        reader.add_person(display_name="Someone", roles=["carer"], consent="named")
    reader.close()
    svc.close()
    PanelService.open(panel_path).close()  # free again


def test_a_lock_left_by_a_killed_process_clears_itself(panel_path):
    import subprocess
    import sys

    make_panel(panel_path).close()
    code = (
        "import sys, os, time; from leap_desktop.store import lock;"
        f"l = lock.acquire(__import__('pathlib').Path({str(panel_path)!r})); print('locked', flush=True);"
        "os.kill(os.getpid(), 9)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "locked" and out.returncode == -9
    assert (panel_path.parent / ".panel.leap.lock").exists()  # left behind, but not held
    with PanelService.open(panel_path) as svc:
        assert svc.people()


# -- damage and tampering ---------------------------------------------------------------------


def damage_page(path, page: int):
    data = bytearray(path.read_bytes())
    offset = 4096 * (page - 1) + 2000
    data[offset : offset + 8] = bytes(b ^ 0xFF for b in data[offset : offset + 8])
    path.write_bytes(bytes(data))


def test_a_damaged_page_is_refused_untouched_offering_the_latest_backup(panel_path):
    svc = make_panel(panel_path)
    for n in range(40):
        svc.add_person(display_name=f"Person {n}", roles=["carer"], access_needs="x" * 300, consent="named")
    svc.close()
    with PanelService.open(panel_path) as again:  # reopening makes today's automatic backup
        good = backup.automatic_backups(panel_path, again.store.conn)[0]
    pages = panel_path.stat().st_size // 4096
    damage_page(panel_path, pages - 1)
    before = snapshot(panel_path)
    with pytest.raises(DamagedFile, match="damaged or has been tampered with") as caught:
        PanelService.open(panel_path)
    assert caught.value.latest_backup == good
    assert f"restore {good}" in str(caught.value)
    assert snapshot(panel_path) == before


def test_check_finds_cipher_page_damage_outside_the_tables(panel_path):
    svc = make_panel(panel_path)
    key = svc.store.security.key
    svc.close()
    conn = raw_connect(panel_path, key)
    conn.execute("CREATE TABLE scratch (x TEXT)")
    conn.executemany("INSERT INTO scratch VALUES (?)", [("y" * 3000,)] * 30)
    conn.commit()
    conn.execute("DROP TABLE scratch")  # its pages go to the free list, unread by quick_check
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    free = panel_path.stat().st_size // 4096 - 2
    damage_page(panel_path, free)
    with PanelService.open(panel_path, backups=False) as svc:
        problems = [str(p) for p in svc.check()]
    assert problems and problems[0].startswith("panel file: damaged: an encrypted page failed its check")


def test_an_audit_row_edited_with_raw_sql_fails_the_check(panel_path):
    make_panel(panel_path).close()
    conn = raw_connect(panel_path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET after = replace(after, 'Large print', 'Braille') WHERE seq = 2")
    conn.commit()
    conn.close()
    with PanelService.open(panel_path) as svc:
        assert [str(p) for p in svc.check()][0] == "audit entry 2: was changed after it was written"


# -- backups and restores ----------------------------------------------------------------------


def test_backup_before_migration_uses_the_backup_api_and_keeps_the_key(panel_path, monkeypatch):
    from leap_desktop.store import migrations

    make_panel(panel_path).close()
    monkeypatch.setattr(migrations, "check_compatible", lambda db, path: ["m999_pretend"])
    with PanelService.open(panel_path) as svc:
        made = backup.automatic_backups(panel_path, svc.store.conn)
    assert any("before-update" in p.name for p in made)
    for copy in made:
        assert read_salt(copy) == read_salt(panel_path)  # same keyring entry opens it
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert backup.check_file(copy, key_of(panel_path)).ok


def test_automatic_backups_rotate(panel_path):
    svc = make_panel(panel_path)
    backup.set_backups_to_keep(3)
    try:
        for _ in range(5):
            backup.make_automatic(svc.store.conn, panel_path, svc.store.security.key, "test")
        assert len(backup.automatic_backups(panel_path, svc.store.conn)) == 3
    finally:
        backup.set_backups_to_keep(backup.DEFAULT_KEEP)
        svc.close()


def test_restore_refuses_damaged_or_foreign_files_and_keeps_the_panel(tmp_path, panel_path):
    svc = make_panel(panel_path)
    svc.store.backup_to(tmp_path / "good.leap")
    svc.add_person(display_name="After the backup", roles=["carer"], consent="named")
    junk = tmp_path / "junk.leap"
    junk.write_text("not a panel " * 100)
    foreign = tmp_path / "foreign.db"
    import sqlite3

    c = sqlite3.connect(foreign)
    c.execute("CREATE TABLE songs (title TEXT)")
    c.commit()
    c.close()
    damaged = tmp_path / "damaged.leap"
    damaged.write_bytes((tmp_path / "good.leap").read_bytes())
    damage_page(damaged, 3)
    for bad, message in ((junk, "not a LEAP panel file"), (foreign, "not a LEAP panel file"), (damaged, "was not restored")):
        with pytest.raises(StoreError, match=message):
            svc.store.restore_from(bad)
        assert len(svc.people()) == 2
    svc.store.restore_from(tmp_path / "good.leap")
    assert [p.display_name for p in svc.people()] == [NAME]
    assert svc.check() == []
    svc.add_person(display_name="After the restore", roles=["carer"], consent="named")  # the store carries on
    svc.close()
    with PanelService.open(panel_path) as again:
        assert len(again.people()) == 2


def test_encrypt_an_existing_plaintext_file_keeps_every_record(tmp_path):
    path = tmp_path / "old.leap"
    svc = make_panel(path, encrypt=False)
    before = backup.table_counts(svc.store.conn)
    security = svc.store.encrypt(new_key())
    assert security.recovery_key
    assert backup.table_counts(svc.store.conn) == before
    svc.add_person(display_name="Later", roles=["carer"], consent="named")
    svc.close()
    assert NAME.encode() not in path.read_bytes()
    with PanelService.open(path) as again:
        assert again.store.security.encrypted and again.check() == []
        assert {p.display_name for p in again.people()} == {NAME, "Later"}


def test_decrypt_out_writes_a_checked_plain_copy_and_leaves_the_panel_encrypted(tmp_path, panel_path):
    svc = make_panel(panel_path)
    out = tmp_path / "plain.leap"
    svc.store.export_plaintext(out)
    svc.close()
    assert out.read_bytes().startswith(b"SQLite format 3\x00")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not panel_path.read_bytes().startswith(b"SQLite format 3\x00")
    with PanelService.open(out) as plain:
        assert [p.display_name for p in plain.people()] == [NAME]
        assert plain.check() == []


def test_search_works_on_an_encrypted_file(panel_path):
    svc = make_panel(panel_path)
    p = svc.store.select(Person)[0]
    m = svc.add_meeting(title="M", starts_at="2026-01-01 10:00")
    item = svc.add_item(m.id, title="Poster", purpose="discussion")
    svc.add_contribution(item.id, p.id, "idea", "A brighter recruitment poster")
    assert [h.ref for h in svc.search("poster")] == ["C-1"]
    svc.close()


def test_recovery_key_format_is_stable():
    assert format_recovery_key(bytes(range(32))).startswith("0001-0203-0405-0607-")
