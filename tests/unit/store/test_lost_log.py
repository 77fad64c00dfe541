"""Issue 9, item 9: a write-ahead log deleted or damaged after a kill is said, not hidden."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from leap_desktop.cli import main
from leap_desktop.store.lostlog import log_problem

ROOT = Path(__file__).resolve().parents[3]
PASSPHRASE = "a long passphrase"

WRITER = """
import sys, time
from leap_desktop.services import PanelService
svc = PanelService.open(sys.argv[1], passphrase=sys.argv[2])
for n in range(3):
    svc.add_person(display_name=f"Acknowledged {n}", roles=["carer"], consent="named")
    print("ACK", n, flush=True)
if sys.argv[3] == "fold":
    svc.store.release_connection()  # the first step of closing: the log folded into the file
    print("ACK folded", flush=True)
time.sleep(60)
"""


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def kill_a_writer(db: Path, *, after: str = "writes") -> None:
    """Run a writer on ``db`` in another process, make three acknowledged writes (and,
    ``after="fold"``, the first step of closing), then kill it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), PASSPHRASE, after], env=env,
                            stdout=subprocess.PIPE, text=True)
    acks = [proc.stdout.readline() for _ in range(4 if after == "fold" else 3)]
    assert [a.split()[0] for a in acks] == ["ACK"] * len(acks), acks
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()


@pytest.fixture
def new_panel(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_PASSPHRASE", PASSPHRASE)
    db = tmp_path / "p.leap"
    assert leap("--db", db, "init", "--name", "Lost log")[0] == 0
    assert leap("--db", db, "people")[0] == 0
    return db


@pytest.fixture
def killed_writer(new_panel):
    """A panel file whose writer was killed after three acknowledged writes."""
    kill_a_writer(new_panel)
    assert Path(f"{new_panel}-wal").stat().st_size > 0
    return new_panel


def test_a_kill_with_its_log_kept_loses_nothing_and_says_nothing(killed_writer):
    code, out, err = leap("--db", killed_writer, "people")
    assert code == 0 and "not closed properly" not in err
    assert all(f"Acknowledged {n}" in out for n in range(3))


def test_a_deleted_log_after_a_kill_is_said_at_open_and_by_check(killed_writer):
    db = killed_writer
    Path(f"{db}-wal").unlink()
    Path(f"{db}-shm").unlink(missing_ok=True)
    code, out, err = leap("--db", db, "people")
    assert code == 0 and "Acknowledged" not in out  # the three writes are gone
    assert err.count("p.leap was not closed properly the last time it was open, and the log of its latest "
                     "changes (p.leap-wal) that should be beside it is missing. Changes made just before then "
                     "may be lost") == 1, err
    assert "not closed properly" not in leap("--db", db, "people")[2]  # said once at open
    code, out, _ = leap("--db", db, "check")
    assert code == 1 and "All good" not in out and "(p.leap-wal) that should be beside it is missing" in out
    code, out, _ = leap("--db", db, "check", "--accept-older-copy")
    assert code == 0 and "All good" in out


def test_a_damaged_log_after_a_kill_is_said(killed_writer):
    db = killed_writer
    wal = Path(f"{db}-wal")
    data = bytearray(wal.read_bytes())
    data[32 + 24 + 100] ^= 0xFF  # inside the first frame's page
    wal.write_bytes(bytes(data))
    assert log_problem(wal) is not None
    code, out, err = leap("--db", db, "people")
    assert code == 0
    assert "(p.leap-wal) is damaged: a change in it cannot be read" in err
    code, out, _ = leap("--db", db, "check")
    assert code == 1 and "is damaged" in out


def test_a_clean_close_leaves_no_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_PASSPHRASE", PASSPHRASE)
    db = tmp_path / "p.leap"
    assert leap("--db", db, "init", "--name", "Clean")[0] == 0
    from leap_desktop.services import PanelService
    with PanelService.open(db, passphrase=PASSPHRASE) as svc:
        svc.add_person(display_name="Sam", roles=["carer"], consent="named")
    Path(f"{db}-wal").unlink(missing_ok=True)  # none after a clean close anyway
    code, out, err = leap("--db", db, "check")
    assert code == 0 and "not closed properly" not in err + out


def test_a_kill_after_the_log_was_folded_in_at_close_is_not_taken_for_a_lost_log(new_panel):
    """Closing folds the write-ahead log into the file, then removes it and the lock file:
    a kill between the two must not make the next open warn that changes were lost."""
    db = new_panel
    kill_a_writer(db, after="fold")
    assert db.with_name(f".{db.name}.lock").exists()  # the kill left the lock file behind
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0  # every change in the file
    code, out, err = leap("--db", db, "people")
    assert code == 0 and "not closed properly" not in err, err
    assert all(f"Acknowledged {n}" in out for n in range(3))
    code, out, _ = leap("--db", db, "check")
    assert code == 0 and "All good" in out
