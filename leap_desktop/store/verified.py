"""Remembering that a panel file was checked, so an unchanged file is not re-read at every open.

Opening a panel runs SQLite's ``quick_check``, which reads (and, for an encrypted file,
decrypts and authenticates) every page: about 0.7 s for a ten-year panel. When LEAP
Desktop closes a file cleanly after a checked session, it notes the file's size and
modification time (in ``verified.json`` in the data folder, keyed by a hash of the
file's path, so no path is written down). At the next open, a file with the same size
and time and no pending write-ahead log has not been touched since: the page scan is
skipped. Any change from outside (another program, a copy over it, a crash that left a
log) changes what is noted, and the full check runs. Damage that changes neither size
nor time is still caught: SQLCipher authenticates every page it reads, and
``leap check`` always reads them all.
"""

from __future__ import annotations

from pathlib import Path

from .path_notes import PathNotes

RECORD_FILE = "verified.json"
KEEP = 50  # files remembered; older entries are dropped
_NOTES = PathNotes(RECORD_FILE, keep=KEEP)


def _state(path: Path) -> dict[str, int] | None:
    wal = Path(f"{path}-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return None  # changes not yet folded into the file: check it
        stat = path.stat()
    except OSError:
        return None
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def unchanged_since_checked(path: Path) -> bool:
    """True when the file is exactly as LEAP Desktop left it after a checked session."""
    state = _state(path)
    return state is not None and _NOTES.get(path) == state


def remember_checked(path: Path) -> None:
    """Note the file as it is now (after a clean close of a checked session)."""
    state = _state(path)
    if state is None:
        return
    _NOTES.put(path, state)  # a note to save time later; never worth failing a close over


def forget(path: Path) -> None:
    _NOTES.forget(path)
