"""The one place a connection to a panel file is made.

Everything that opens a panel file (the ``leap`` command, the desktop app, backups,
tests) comes through :func:`connect`, so the settings that keep data safe are set in
one place: encryption (SQLCipher: ``PRAGMA key`` first, then a check that SQLCipher
really is there), write-ahead log, ``synchronous=FULL`` (a committed change survives
power loss), foreign keys enforced, and a busy timeout instead of instant "locked" errors.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3.dbapi2 as sqlcipher

from ..domain.errors import StoreError

if TYPE_CHECKING:
    from .keys import PanelKey

#: Stamped into every panel file (``PRAGMA application_id``): ASCII "LEAP".
APPLICATION_ID = 0x4C454150

# The DB-API module behind every connection: SQLCipher (SQLite with encryption), which
# opens plain SQLite files too. Only this name is used elsewhere, for its exceptions.
driver = sqlcipher


def _quiet_sqlcipher() -> None:
    """SQLCipher logs failed page decryptions to stderr; a wrong key is a normal event
    that the app explains itself, and logs must never carry anything about the file."""
    conn = driver.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    except driver.Error:
        pass
    finally:
        conn.close()


_quiet_sqlcipher()


def cipher_version(conn) -> str | None:
    """SQLCipher's version on this connection, None if the library has no encryption."""
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    except driver.Error:
        return None
    return row[0] if row and row[0] else None

BUSY_TIMEOUT_MS = 5_000
CACHE_KIB = 65_536


class WrongKey(StoreError):
    """The key given does not open this encrypted file (or its first page is damaged)."""


def create_owner_only(path: Path) -> None:
    """Create an empty file readable only by its owner (0600), failing if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def connect(
    path: str | os.PathLike,
    *,
    create: bool = False,
    readonly: bool = False,
    key: "PanelKey | None" = None,
    plaintext: bool = False,
):
    """Open ``path`` and return a configured DB-API connection.

    ``key``: the file's key (an encrypted file). Without one the file is opened as plain
    SQLite, which must be asked for with ``plaintext=True``: a new panel file is never
    plaintext by accident.
    ``create``: make the file (owner-only) if it does not exist.
    ``readonly``: open without the right to write (used to inspect files safely).
    Raises :class:`StoreError` with a plain message when the file cannot be used.
    """
    if key is None and not plaintext:
        raise ValueError("connect() needs the file's key, or plaintext=True")
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
    if key is not None:
        try:
            # The key must be the first statement; a new file takes the key's salt so
            # that its keyring entry (named by the salt) matches.
            new = path.stat().st_size == 0
            conn.execute(f"PRAGMA key = {key.pragma(with_salt=new)}")
        except driver.Error as exc:
            conn.close()
            raise StoreError(f"Cannot open {path}: {exc}") from None
        if cipher_version(conn) is None:
            conn.close()
            raise StoreError(
                "This copy of LEAP Desktop was built without encryption (SQLCipher is missing), "
                f"so it will not open or write {path}. Reinstall LEAP Desktop"
            )
    try:
        configure(conn, readonly=readonly)
    except driver.DatabaseError as exc:
        conn.close()
        if key is not None and "not a database" in str(exc):
            raise WrongKey(f"This key does not open {path}") from None
        raise StoreError(
            f"{path} is not a LEAP panel file, or it is damaged ({exc})"
        ) from None
    return conn


def configure(conn, *, readonly: bool = False) -> None:
    """Apply the settings every panel connection needs. The first read happens here,
    so a file that is not a database fails now, with a clear message."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Keep decrypted pages in memory (64 MiB at most): an encrypted page read from disk
    # is decrypted and authenticated again each time it leaves this cache.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise driver.DatabaseError(f"cannot use write-ahead logging (journal mode {mode})")
    conn.execute("PRAGMA synchronous = FULL")
