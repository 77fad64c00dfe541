"""Issue 9: a panel file is never overwritten by an export, and what a kill leaves is cleaned."""

from __future__ import annotations

import io
import os

import pytest

from leap_desktop.cli import main


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "p.leap"
    assert leap("--db", path, "demo")[0] == 0
    return path


@pytest.mark.parametrize("suffix, command", [
    (".docx", ["export-minutes", "M-12"]),
    (".docx", ["export-decisions"]),
    (".csv", ["export-decisions"]),
    (".csv", ["export-actions"]),
])
def test_no_export_writes_over_the_panel_file(tmp_path, suffix, command):
    panel = tmp_path / f"panel{suffix}"
    assert leap("--db", panel, "demo")[0] == 0
    assert leap("--db", panel, "people")[0] == 0
    before = panel.read_bytes()
    code, _, err = leap("--db", panel, *command, "--out", panel)
    assert code == 1
    assert err.strip() == f"leap: {panel} is the panel file itself: choose another file for the export (nothing was written)"
    assert panel.read_bytes() == before
    assert leap("--db", panel, "people")[0] == 0


def test_no_export_writes_over_a_hard_link_or_another_panel_file(demo, tmp_path):
    assert leap("--db", demo, "people")[0] == 0  # its first open settles it (the day's backup)
    link = tmp_path / "link.csv"
    os.link(demo, link)
    before = demo.read_bytes()
    code, _, err = leap("--db", demo, "export-actions", "--out", link)
    assert code == 1 and "is the panel file itself" in err and len(err.splitlines()) == 1
    other = tmp_path / "other.csv"
    assert leap("--db", other, "demo")[0] == 0
    other_bytes = other.read_bytes()
    code, _, err = leap("--db", demo, "export-actions", "--out", other)
    assert code == 1
    assert err.strip() == f"leap: {other} is a panel file: nothing is ever written over one. Choose another file name (nothing was written)"
    assert demo.read_bytes() == before and other.read_bytes() == other_bytes
    # an ordinary earlier export is still replaced when asked (and only then)
    out = tmp_path / "a.csv"
    assert leap("--db", demo, "export-actions", "--out", out)[0] == 0
    assert leap("--db", demo, "export-actions", "--out", out)[2].strip() == (
        f"leap: {out} already exists (nothing was written): add --overwrite to replace it")
    assert leap("--db", demo, "export-actions", "--out", out, "--overwrite")[0] == 0
    out.write_bytes(("\ufeffRef,Title\n" + "x" * 4083).encode("utf-8"))  # a CSV of exactly one page
    assert out.stat().st_size == 4096
    assert leap("--db", demo, "export-actions", "--out", out, "--overwrite")[0] == 0


# -- item 7: what a killed key change or backup leaves -------------------------------------

KILL_AT_RENAME = """
import os, signal, sys
from pathlib import Path
real = os.replace
def replace(src, dst, *args, **kwargs):
    if Path(dst).name == os.environ["KILL_AT"] and str(src).endswith(".part"):
        os.kill(os.getpid(), signal.SIGKILL)  # the copy is complete and checked: the worst moment
    return real(src, dst, *args, **kwargs)
os.replace = replace
from leap_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def killed(db, *args, kill_at, env):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, "--db", str(db), *map(str, args)],
                            env={**env, "KILL_AT": kill_at}, capture_output=True, timeout=120)
    assert result.returncode == -9, result.stderr.decode()


def hidden_copies(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and ".part" in p.name)


def test_copies_left_by_a_killed_rekey_and_backup_are_removed_at_the_next_open(tmp_path, monkeypatch):
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    env = {**os.environ, "PYTHONPATH": here, "LEAP_PASSPHRASE": "a long passphrase", "LEAP_NEW_PASSPHRASE": "another long one",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    monkeypatch.setenv("LEAP_PASSPHRASE", "a long passphrase")
    db = tmp_path / "rk.leap"
    assert leap("--db", db, "init", "--name", "Killed")[0] == 0
    for args, kill_at, prefix in ((["rekey", "--passphrase"], db.name, ".rk.leap."),
                                  (["backup", "--out", tmp_path / "b1.leap"], "b1.leap", ".b1.leap.")):
        killed(db, *args, kill_at=kill_at, env=env)
        left = hidden_copies(tmp_path)
        assert left and all(n.startswith(prefix) for n in left), left
        assert max((tmp_path / n).stat().st_size for n in left) >= 4096  # a whole copy of the panel
        code, _, err = leap("--db", db, "people")
        assert code == 0, err
        assert err.count("Removed an unfinished copy of rk.leap left by a key change or backup that was "
                         "interrupted (hidden files holding the panel's data).") == 1, err
        assert hidden_copies(tmp_path) == []
        code, _, err = leap("--db", db, "people")
        assert "unfinished" not in err  # said once


# -- item 8: damage on the first page is not a wrong key ------------------------------------


@pytest.mark.parametrize("keyring_too", [True, False])
def test_a_damaged_first_page_with_the_right_key_offers_the_backup(tmp_path, monkeypatch, request, keyring_too):
    from panel_files import damage_page

    if not keyring_too:
        request.getfixturevalue("no_keyring")
    monkeypatch.setenv("LEAP_PASSPHRASE", "a long passphrase")
    db = tmp_path / "p.leap"
    assert leap("--db", db, "init", "--name", "First page")[0] == 0
    code, out, err = leap("--db", db, "backups")  # the day's backup
    assert code == 0 and "-daily.leap" in out
    damage_page(db, 1)
    before = db.read_bytes()
    code, _, err = leap("--db", db, "people")
    assert code == 1
    assert "does not open" not in err
    assert "p.leap is damaged or has been tampered with, so it was not opened" in err
    assert "The latest good backup is" in err and "restore" in err
    assert len(err.strip().splitlines()) == 1
    assert db.read_bytes() == before
    backup_file = err.split("The latest good backup is ")[1].split(", made")[0]
    code, _, err = leap("--db", db, "restore", backup_file)
    assert code == 0, err
    assert leap("--db", db, "people")[0] == 0


def test_the_keyring_key_and_the_passphrase_agreeing_is_damage_even_without_a_backup(tmp_path, monkeypatch):
    from panel_files import damage_page

    monkeypatch.setenv("LEAP_PASSPHRASE", "a long passphrase")
    db = tmp_path / "p.leap"
    assert leap("--db", db, "init", "--name", "First page")[0] == 0
    damage_page(db, 1)
    code, _, err = leap("--db", db, "people")
    assert code == 1 and "does not open" not in err
    assert "p.leap is damaged or has been tampered with" in err and "No good automatic backup" in err


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_PASSPHRASE", "a long passphrase")
    db = tmp_path / "p.leap"
    assert leap("--db", db, "init", "--name", "Wrong key")[0] == 0
    assert leap("--db", db, "backups")[0] == 0
    monkeypatch.setenv("LEAP_PASSPHRASE", "not the passphrase")
    import keyring
    from memory_keyring import MemoryKeyring
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        code, _, err = leap("--db", db, "people")
    finally:
        keyring.set_keyring(previous)
    assert code == 1 and "LEAP_PASSPHRASE does not open p.leap" in err and "damaged" not in err
