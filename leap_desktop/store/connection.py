"""The one place a connection to a panel file is made.

Everything that opens a panel file (the ``leap`` command, the desktop app, backups,
tests) comes through :func:`connect`, so the settings that keep data safe are set in
one place: write-ahead log, ``synchronous=FULL`` (a committed change survives power
loss), foreign keys enforced, and a busy timeout instead of instant "locked" errors.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..domain.errors import StoreError

#: Stamped into every panel file (``PRAGMA application_id``): ASCII "LEAP".
APPLICATION_ID = 0x4C454150

# The DB-API module behind the connection. Kept in one name so the encrypted
# build (sqlcipher3, which has the same interface) replaces it in one place.
driver = sqlite3

BUSY_TIMEOUT_MS = 5_000


def create_owner_only(path: Path) -> None:
    """Create an empty file readable only by its owner (0600), failing if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def connect(path: str | os.PathLike, *, create: bool = False, readonly: bool = False):
    """Open ``path`` and return a configured DB-API connection.

    ``create``: make the file (owner-only) if it does not exist.
    ``readonly``: open without the right to write (used to inspect files safely).
    Raises :class:`StoreError` with a plain message when the file cannot be used.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise StoreError(f"There is no panel file at {path}")
        if not path.parent.exists():
            raise StoreError(f"The folder {path.parent} does not exist")
        try:
            create_owner_only(path)
        except OSError as exc:
            raise StoreError(f"Cannot create {path}: {exc.strerror}") from None
    elif path.is_dir():
        raise StoreError(f"{path} is a folder, not a panel file")
    mode = "ro" if readonly else "rw"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    try:
        conn = driver.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except driver.Error as exc:
        raise StoreError(f"Cannot open {path}: {exc}") from None
    try:
        configure(conn, readonly=readonly)
    except driver.DatabaseError as exc:
        conn.close()
        raise StoreError(
            f"{path} is not a LEAP panel file, or it is damaged ({exc})"
        ) from None
    return conn


def configure(conn, *, readonly: bool = False) -> None:
    """Apply the settings every panel connection needs. The first read happens here,
    so a file that is not a database fails now, with a clear message."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise driver.DatabaseError(f"cannot use write-ahead logging (journal mode {mode})")
    conn.execute("PRAGMA synchronous = FULL")
