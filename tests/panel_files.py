"""Helpers for tests that reach under the app, as someone with raw SQL access would."""

from __future__ import annotations

import os
import threading
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


def damage_page(path: Path, page: int) -> None:
    """Flip 8 bytes in the middle of one page, as a failing disk or a tamperer might."""
    data = bytearray(path.read_bytes())
    offset = 4096 * (page - 1) + 2000
    data[offset : offset + 8] = bytes(b ^ 0xFF for b in data[offset : offset + 8])
    path.write_bytes(bytes(data))


def damaged_panel(path: Path) -> Path:
    """An encrypted panel whose newest automatic backup holds 40 people ("Person 0" to
    "Person 39"), then one more person added after that backup ("Added after the
    backup"), then a page damaged. Returns the backup."""
    from leap_desktop.services import PanelService
    from leap_desktop.store import backup

    with PanelService.open(path, create=True) as svc:
        svc.set_panel(name="Damaged panel")
        for n in range(40):
            svc.add_person(display_name=f"Person {n}", roles=["carer"], access_needs="x" * 300, consent="named")
    with PanelService.open(path) as svc:  # reopening makes today's automatic backup
        good = backup.automatic_backups(path, svc.store.conn)[0]
        svc.add_person(display_name="Added after the backup", roles=["carer"], consent="named")
    damage_page(path, path.stat().st_size // 4096 - 1)
    return good


def returns_without_a_writer(fifo, call):
    """``call()`` finishes although nobody ever writes to the named pipe ``fifo`` (on
    failure, the pipe is opened for writing so the stuck reader can end)."""
    done: list = []
    worker = threading.Thread(target=lambda: done.append(call()), daemon=True)
    worker.start()
    worker.join(timeout=5)
    waited = worker.is_alive()
    if waited:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=5)
    assert not waited, "reading the note waited for a writer"
    return done[0]

