"""Panel files that cannot be changed here, and files that are not panel files (QA
findings 10, 11 and 12): read-only files and folders open read-only and say so, leave
nothing beside them, and another program's SQLite file is left exactly as it was.

Permissions only bind a user without privileges. When the tests run as root, each
command runs without root's right to override file permissions (``setpriv``), as a
coordinator's account would.
"""

from __future__ import annotations

import filecmp
import io
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from leap_desktop.cli import main

PASSPHRASE = "read only panel passphrase"
SETPRIV = shutil.which("setpriv")
AS_USER = (
    [SETPRIV, "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    if os.geteuid() == 0 and SETPRIV
    else []
)
needs_permissions = pytest.mark.skipif(
    os.geteuid() == 0 and not SETPRIV,
    reason="running as root without setpriv: file permissions cannot be made to apply",
)


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    home = tmp_path_factory.mktemp("ro-home")
    path = home / "master.leap"
    done = leap_as_user(home, "--db", path, "demo")
    assert done.returncode == 0, done.stderr
    return path


def leap_as_user(home, *args):
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LEAP_PASSPHRASE": PASSPHRASE,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "LEAP_DATA_DIR": str(home / "data")}
    return subprocess.run([*AS_USER, sys.executable, "-m", "leap_desktop.cli", *map(str, args)], env=env,
                          cwd=home, capture_output=True, text=True, timeout=120)


def snapshot(folder):
    return {p.name: (p.stat().st_mode, p.read_bytes()) for p in folder.iterdir()}


@needs_permissions
def test_a_panel_in_a_read_only_folder_opens_read_only_and_says_so(master, tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.copyfile(master, folder / "p.leap")
    folder.chmod(0o555)
    try:
        before = snapshot(folder)
        done = leap_as_user(tmp_path, "--db", folder / "p.leap", "decisions")
        assert done.returncode == 0, done.stderr
        assert "D-1" in done.stdout
        assert done.stderr == (
            f"Opened p.leap read-only: its folder {folder} is read-only, so changes could not be saved safely.\n"
        )
        for command in (["trace", "D-1"], ["check"], ["export-minutes", "M-1", "--out", tmp_path / "m.docx"]):
            done = leap_as_user(tmp_path, "--db", folder / "p.leap", *command)
            assert done.returncode == 0, done.stderr
        refused = leap_as_user(tmp_path, "--db", folder / "p.leap", "circulate", "M-12")
        assert refused.returncode == 1
        assert refused.stderr == (
            f"leap: p.leap is open read-only, so nothing was saved: its folder {folder} is read-only, "
            "so changes could not be saved safely\n"
        )
        assert snapshot(folder) == before, "nothing was added, changed or left beside it"
    finally:
        folder.chmod(0o755)


@needs_permissions
def test_a_read_only_file_leaves_no_side_files_so_it_can_be_saved_once_made_writable(master, tmp_path):
    path = tmp_path / "ro.leap"
    shutil.copyfile(master, path)
    path.chmod(0o400)
    done = leap_as_user(tmp_path, "--db", path, "trace", "D-1")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "Opened ro.leap read-only: the file is read-only (its permissions do not allow changes).\n"
    assert sorted(p.name for p in tmp_path.glob("ro.leap*")) == ["ro.leap"], "no -wal or -shm beside it"
    path.chmod(0o600)  # as the message advises
    done = leap_as_user(tmp_path, "--db", path, "circulate", "M-12")
    assert done.returncode == 0, done.stderr


@needs_permissions
def test_a_read_only_side_file_is_named_as_the_problem(master, tmp_path):
    path = tmp_path / "p.leap"
    shutil.copyfile(master, path)
    shm = tmp_path / "p.leap-shm"
    shm.write_bytes(b"")
    shm.chmod(0o400)  # as an older LEAP Desktop left it after reading a read-only file
    done = leap_as_user(tmp_path, "--db", path, "circulate", "M-12")
    assert done.returncode == 1
    assert done.stderr == (
        "leap: p.leap is open read-only, so nothing was saved: p.leap-shm beside it is read-only (give it the "
        "same permissions as p.leap, or delete it while no program has the panel open)\n"
    )
    shm.unlink()
    assert leap_as_user(tmp_path, "--db", path, "circulate", "M-12").returncode == 0


def test_another_programs_sqlite_file_is_refused_and_left_byte_for_byte(tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    original = tmp_path / "kept" / "other.sqlite"
    original.parent.mkdir()
    shutil.copy2(other, original)
    for command in (["decisions"], ["check"], ["people", "--json"]):
        out, err = io.StringIO(), io.StringIO()
        assert main(["--db", str(other), *command], out=out, err=err) == 1
        assert err.getvalue() == f"leap: {other} is an SQLite file but not a LEAP panel file; it was left as it was\n"
    assert filecmp.cmp(original, other, shallow=False), "the same bytes (no switch to write-ahead logging)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept", "other.sqlite"]
    assert sqlite3.connect(other).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
