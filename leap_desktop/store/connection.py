"""The one place a connection to a panel file is made.

Everything that opens a panel file (the ``leap`` command, the desktop app, backups,
tests) comes through :func:`connect`, so the settings that keep data safe are set in
one place: encryption (SQLCipher: ``PRAGMA key`` first, then a check that SQLCipher
really is there), write-ahead log, ``synchronous=FULL`` (a committed change survives
power loss), foreign keys enforced, and a busy timeout instead of instant "locked" errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3.dbapi2 as sqlcipher

from ..domain.errors import StoreError
from .sql_errors import Problem, classify

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

@dataclass(frozen=True)
class Engine:
    """The database engine panel files are opened with, for Help > About."""

    cipher_version: str | None  # SQLCipher's version; None: this build ignores keys (no encryption)
    sqlite_version: str  # the SQLite inside it
    driver: str  # the Python module that reaches it
    python_sqlite_version: str  # the SQLite of Python's own sqlite3 (not used for panel files)


def engine() -> Engine:
    """Which SQLCipher and SQLite this copy of LEAP Desktop uses (asked of an in-memory
    database: no file is opened). Raises :class:`StoreError` if the library is broken."""
    try:
        conn = driver.connect(":memory:")
        try:
            version = cipher_version(conn)
        finally:
            conn.close()
    except driver.Error as exc:
        raise StoreError(f"SQLCipher does not work in this copy of LEAP Desktop ({exc})") from None
    import sqlite3  # Python's own, only to name its version here (not loaded at every start)

    return Engine(version, driver.sqlite_version, driver.__name__.split(".")[0], sqlite3.sqlite_version)


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
    shown_as: str | os.PathLike | None = None,
):
    """Open ``path`` and return a configured DB-API connection.

    ``key``: the file's key (an encrypted file). Without one the file is opened as plain
    SQLite, which must be asked for with ``plaintext=True``: a new panel file is never
    plaintext by accident.
    ``create``: make the file (owner-only) if it does not exist.
    ``readonly``: open without the right to write (used to inspect files safely). A file
    that cannot be written (its permissions, or a read-only folder) is read as it is
    (SQLite's ``immutable``), so no ``-wal``/``-shm`` file is made beside it.
    ``shown_as``: the name to use in messages (a temporary copy is named after the file
    it will become).
    Raises :class:`StoreError` with a plain message when the file cannot be used. A
    SQLite file of another program is refused before anything could change it.
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
    shown = Path(shown_as) if shown_as is not None else path
    mode = "ro" if readonly else "rw"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    if readonly and writable_problem(path) is not None and not _pending_log(path):
        # Nothing can change it (nor should SQLite try to make its -shm beside it): read it as it is.
        uri += "&immutable=1"
    try:
        conn = driver.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except driver.Error as exc:
        known = opening_error(exc, shown)
        if known is None:
            raise
        raise StoreError(known) from None
    if key is not None:
        try:
            # The key must be the first statement; a new file takes the key's salt so
            # that its keyring entry (named by the salt) matches.
            new = path.stat().st_size == 0
            conn.execute(f"PRAGMA key = {key.pragma(with_salt=new)}")
        except driver.Error as exc:
            conn.close()
            known = opening_error(exc, shown)
            if known is None:
                raise
            raise StoreError(known) from None
        if cipher_version(conn) is None:
            conn.close()
            raise StoreError(
                "This copy of LEAP Desktop was built without encryption (SQLCipher is missing), "
                f"so it will not open or write {path}. Reinstall LEAP Desktop"
            )
    try:
        configure(conn, readonly=readonly)
    except NotAPanelFile:
        conn.close()
        raise NotAPanelFile(f"{shown} is an SQLite file but not a LEAP panel file; it was left as it was") from None
    except NoWriteAheadLog as exc:
        conn.close()
        raise StoreError(
            f"{shown} cannot be changed safely where it is: this disk or folder does not allow "
            f"SQLite's write-ahead log ({exc}). Copy it to a folder on this computer and open the copy"
        ) from None
    except driver.DatabaseError as exc:
        conn.close()
        if key is not None and classify(exc) is Problem.NOTADB:
            raise WrongKey(f"This key does not open {shown}") from None
        known = opening_error(exc, shown)
        if known is None:
            raise
        raise StoreError(known) from None
    return conn


class NotAPanelFile(StoreError):
    """An SQLite file of another program (its ``application_id`` is not LEAP's)."""


class NoWriteAheadLog(StoreError):
    """SQLite would not switch the file to write-ahead logging (a network share, say)."""


def writable_problem(path: Path) -> str | None:
    """Why the panel file at ``path`` cannot be changed here, in words, or None when it can.

    Changing a panel file needs the file, its folder (for the lock, the write-ahead log
    and atomic swaps) and any ``-wal``/``-shm`` file beside it to be writable."""
    if not os.access(path, os.W_OK):
        return "the file is read-only (its permissions do not allow changes)"
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {folder} is read-only, so changes could not be saved safely"
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists() and not os.access(side, os.W_OK):
            return (
                f"{side.name} beside it is read-only (give it the same permissions as {path.name}, "
                "or delete it while no program has the panel open)"
            )
    return None


def _pending_log(path: Path) -> bool:
    """A write-ahead log with changes not yet folded into the file (left by a crash)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def known_sql_error(exc: BaseException, path: str | os.PathLike) -> str | None:
    """A plain message for an SQLite error met while using the panel file at ``path``,
    decided by its result code (``sql_errors.classify``); None when the error is a bug,
    to be raised as it is."""
    problem = classify(exc)
    if problem is None:
        return None
    path = Path(path)
    if problem is Problem.READONLY:
        reason = writable_problem(path) if path.exists() else None
        if reason is not None and reason.startswith(path.name):  # its -wal or -shm file
            return f"{path} cannot be changed: nothing was saved. {reason}"
        return f"{path} is read-only: nothing was saved. Check the file's permissions or save a copy elsewhere"
    if problem is Problem.FULL:
        return f"The disk holding {path} is full: nothing was saved. Free some space and try again"
    if problem in (Problem.BUSY, Problem.LOCKED):
        return f"{path} is being changed by another program: nothing was saved. Try again in a moment"
    if problem is Problem.IOERR:
        return f"The disk holding {path} could not be read or written: nothing was saved. Check that it is still connected"
    if problem is Problem.PERM:
        return f"This computer refused access to {path}: nothing was saved. Check the file's permissions"
    if problem is Problem.CANTOPEN:
        return f"{path} could not be opened: nothing was saved. Check that it and its folder are still there"
    return f"{path} is damaged, or is not a LEAP panel file: nothing was saved"  # CORRUPT, NOTADB


def opening_error(exc: BaseException, path: str | os.PathLike) -> str | None:
    """As :func:`known_sql_error`, for an error met while opening ``path``."""
    problem = classify(exc)
    if problem in (Problem.CORRUPT, Problem.NOTADB):
        return f"{path} is not a LEAP panel file, or it is damaged"
    if problem is Problem.CANTOPEN:
        return f"{path} could not be opened. Check that it and its folder are still there and can be read"
    return known_sql_error(exc, path)


def configure(conn, *, readonly: bool = False) -> None:
    """Apply the settings every panel connection needs. The first read happens here,
    so a file that is not a database fails now, with a clear message."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Keep decrypted pages in memory (64 MiB at most): an encrypted page read from disk
    # is decrypted and authenticated again each time it leaves this cache.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA foreign_keys = ON")
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    # Another program's SQLite file is refused here, before the switch to write-ahead
    # logging below, which would change its header: it is left exactly as it was.
    if tables and conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise NotAPanelFile("not a LEAP panel file")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise NoWriteAheadLog(f"journal mode {mode}")
    conn.execute("PRAGMA synchronous = FULL")
