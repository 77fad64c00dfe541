"""The protection commands end to end, as a coordinator would type them."""

import io
import os
import stat

import pytest

from leap_desktop.cli import main
from leap_desktop.store.keys import parse_recovery_key


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def recovery_key_in(text: str) -> str:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "RECOVERY KEY is:" in line) + 2
    key = "-".join(line.strip() for line in lines[start : start + 4])
    assert parse_recovery_key(key) is not None
    return key


def test_init_prints_the_recovery_key_once_and_says_where_the_key_is(tmp_path):
    db = str(tmp_path / "p.leap")
    code, out, err = leap("--db", db, "init", "--name", "Our LEAP")
    assert code == 0 and out == ""
    key = recovery_key_in(err)
    assert "It will not be shown again" in err
    assert "The key of p.leap is kept in the keyring 'memory keyring MemoryKeyring', under 'panel file " in err
    code, out, err = leap("--db", db, "people")
    assert code == 0 and key not in out + err and "RECOVERY KEY" not in err
    code, out, _ = leap("--db", db, "key-info")
    assert out.startswith("Encrypted (SQLCipher 4, 256-bit key).")


def test_without_keyring_the_environment_opens_the_file(tmp_path, no_keyring, monkeypatch):
    db = str(tmp_path / "p.leap")
    monkeypatch.setenv("LEAP_PASSPHRASE", "made in a script")
    _, _, err = leap("--db", db, "init")
    monkeypatch.delenv("LEAP_PASSPHRASE")
    assert "No keyring works on this computer, so the key is not stored" in err
    key = recovery_key_in(err)
    code, _, err = leap("--db", db, "people")
    assert code == 1
    assert err == (
        "leap: No keyring works on this computer, so p.leap cannot be opened. Set LEAP_RECOVERY_KEY "
        "(or LEAP_PASSPHRASE), or run the command in a terminal to be asked\n"
    )
    monkeypatch.setenv("LEAP_RECOVERY_KEY", key)
    assert leap("--db", db, "people")[0] == 0
    monkeypatch.setenv("LEAP_RECOVERY_KEY", key[:-1] + ("0" if key[-1] != "0" else "1"))
    before = (tmp_path / "p.leap").read_bytes(), os.stat(tmp_path / "p.leap").st_mtime_ns
    code, _, err = leap("--db", db, "people")
    assert code == 1 and err == "leap: LEAP_RECOVERY_KEY does not open p.leap; the file has not been changed\n"
    assert ((tmp_path / "p.leap").read_bytes(), os.stat(tmp_path / "p.leap").st_mtime_ns) == before


def test_with_no_keyring_a_script_cannot_make_a_file_nobody_could_open(tmp_path, no_keyring):
    # stderr is not a terminal here (as in a script or a cron job): the recovery key
    # printed there might never be read, and without a keyring it is the only way in.
    for command in (["init"], ["demo"]):
        code, out, err = leap("--db", str(tmp_path / "p.leap"), *command)
        assert code == 1 and out == ""
        assert err == (
            "leap: No keyring works on this computer, so the key of a new panel file cannot be kept on "
            "this computer, and this command's messages are not going to a terminal where its recovery "
            "key could be read: p.leap was not created. To create a panel file from a script, set "
            "LEAP_PASSPHRASE (at least 8 characters; it opens the file from then on), or run the "
            "command in a terminal and write down the recovery key it shows\n"
        )
        assert list(tmp_path.iterdir()) == []  # no file, no half-made file, no lock


def test_both_keys_in_the_environment_are_tried(tmp_path, no_keyring, monkeypatch):
    db = str(tmp_path / "p.leap")
    monkeypatch.setenv("LEAP_PASSPHRASE", "the right passphrase")
    assert leap("--db", db, "init")[0] == 0
    monkeypatch.setenv("LEAP_RECOVERY_KEY", "1234-" * 15 + "1234")  # a recovery key, but not this file's
    code, out, err = leap("--db", db, "people")
    assert code == 0 and err == "", err
    monkeypatch.setenv("LEAP_PASSPHRASE", "the wrong passphrase")
    code, _, err = leap("--db", db, "people")
    assert code == 1
    assert err == "leap: Neither LEAP_RECOVERY_KEY nor LEAP_PASSPHRASE opens p.leap; the file has not been changed\n"


def test_passphrase_from_the_environment_for_a_new_file(tmp_path, no_keyring, monkeypatch):
    db = str(tmp_path / "p.leap")
    monkeypatch.setenv("LEAP_PASSPHRASE", "a long passphrase")
    assert leap("--db", db, "demo")[0] == 0
    assert leap("--db", db, "check")[1].startswith("All good")


def test_encrypt_decrypt_rekey_backup_restore(tmp_path, monkeypatch):
    plain = tmp_path / "plain.leap"
    code, _, err = leap("--db", str(tmp_path / "p.leap"), "demo")
    assert code == 0, err
    code, _, err = leap("--db", str(tmp_path / "p.leap"), "decrypt", "--out", str(plain))
    assert code == 0 and "UNENCRYPTED" in err and "Warning" in err
    assert plain.read_bytes()[:16] == b"SQLite format 3\x00"
    assert stat.S_IMODE(plain.stat().st_mode) == 0o600
    code, out, _ = leap("--db", str(plain), "key-info")
    assert out.startswith("NOT encrypted.")
    code, _, err = leap("--db", str(plain), "decrypt", "--out", str(tmp_path / "again.leap"))
    code, _, err = leap("--db", str(plain), "encrypt")
    assert code == 0, err
    first = recovery_key_in(err)
    assert b"Amira" not in plain.read_bytes()
    code, _, err = leap("--db", str(plain), "encrypt")
    assert code == 1 and "already encrypted" in err
    code, _, err = leap("--db", str(plain), "rekey")
    assert code == 0 and "new RECOVERY KEY" in err
    assert recovery_key_in(err) != first
    monkeypatch.setenv("LEAP_NEW_PASSPHRASE", "a new passphrase")
    assert leap("--db", str(plain), "rekey", "--passphrase")[0] == 0
    code, _, err = leap("--db", str(plain), "backup", "--out", str(tmp_path / "b.leap"))
    assert code == 0 and "same recovery key" in err
    code, _, err = leap("--db", str(plain), "backup", "--out", str(tmp_path / "b.leap"))
    assert code == 1 and "already exists" in err
    code, _, err = leap("--db", str(plain), "restore", str(tmp_path / "b.leap"))
    assert code == 0 and "The file as it was before is kept in" in err
    code, out, _ = leap("--db", str(plain), "check")
    assert code == 0 and out.startswith("All good")
    code, out, _ = leap("--db", str(plain), "backups")
    assert "before-restore" in out and "before-key-change" in out


def test_check_names_a_decision_changed_with_raw_sql(tmp_path):
    from panel_files import raw_connect

    db = tmp_path / "p.leap"
    assert leap("--db", str(db), "demo")[0] == 0
    conn = raw_connect(db)
    conn.execute("UPDATE decisions SET status = 'rejected' WHERE number = 2")
    conn.commit()
    conn.close()
    code, out, _ = leap("--db", str(db), "check")
    assert code == 1
    assert "D-2: was changed outside LEAP Desktop" in out


def test_backups_keep_setting(tmp_path):
    assert leap("--db", str(tmp_path / "p.leap"), "init")[0] == 0
    code, _, err = leap("--db", str(tmp_path / "p.leap"), "backups", "--keep", "4")
    assert code == 0 and "keeps the newest 4" in err
    try:
        assert "the newest 4 are kept" in leap("--db", str(tmp_path / "p.leap"), "backups")[1]
        code, _, err = leap("--db", str(tmp_path / "p.leap"), "backups", "--keep", "0")
        assert code == 1 and "Keep between 1 and 365 backups" in err
    finally:
        leap("--db", str(tmp_path / "p.leap"), "backups", "--keep", "10")


def test_the_prompt_says_plainly_that_no_keyring_keeps_keys(tmp_path, no_keyring, monkeypatch):
    db = str(tmp_path / "p.leap")
    monkeypatch.setenv("LEAP_PASSPHRASE", "typed at the prompt")
    assert leap("--db", db, "init")[0] == 0
    monkeypatch.delenv("LEAP_PASSPHRASE")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("leap_desktop.cli.opening.getpass.getpass", lambda prompt: "typed at the prompt")
    code, _, err = leap("--db", db, "people")
    assert code == 0
    assert err == "No keyring works on this computer.\n"  # not "LEAP Desktop keeps keys in nowhere"


def test_where_keys_are_kept_is_one_sentence_that_reads_right():
    from pathlib import Path

    from leap_desktop.store.unlock import UnlockRequest

    nowhere = UnlockRequest(Path("p.leap"), "No keyring works on this computer", "nowhere: no keyring works on this computer", 1)
    assert nowhere.keys_kept == "No keyring works on this computer, so LEAP Desktop keeps no keys on it"
    locked = UnlockRequest(Path("p.leap"), "The keyring is locked", "the macOS Keychain", 1)
    assert locked.keys_kept == "LEAP Desktop keeps the keys of panel files in the macOS Keychain"


def test_a_backup_to_a_full_disk_says_the_disk_is_full(tmp_path, monkeypatch):
    from leap_desktop.store import connection
    from leap_desktop.store.connection import driver

    db = tmp_path / "p.leap"
    assert leap("--db", str(db), "init")[0] == 0
    real = connection.configure

    def full(conn, *, readonly=False):
        exc = driver.OperationalError("database or disk is full")  # what SQLite raises on a full disk,
        exc.sqlite_errorcode, exc.sqlite_errorname = driver.SQLITE_FULL, "SQLITE_FULL"  # with its code
        raise exc

    original_connect = connection.connect

    out = tmp_path / "usb" / "b.leap"

    def connect(path, **options):
        if str(path).startswith(str(out.parent)):  # the copy being written beside the backup
            monkeypatch.setattr(connection, "configure", full)
        try:
            return original_connect(path, **options)
        finally:
            monkeypatch.setattr(connection, "configure", real)

    monkeypatch.setattr("leap_desktop.store.backup.connect", connect)
    out.parent.mkdir()
    code, _, err = leap("--db", str(db), "backup", "--out", str(out))
    assert (code, err) == (1, f"leap: The disk holding {out} is full: nothing was saved. Free some space and try again\n")
    assert list(out.parent.iterdir()) == []
