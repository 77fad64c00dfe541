"""A write-ahead log lost or damaged after a crash: said, where it can be known.

Committed changes sit in the write-ahead log (``panel.leap-wal``) until SQLite folds
them into the file. If the program is killed and that log is then deleted or damaged,
those changes are gone, and the file itself looks whole: SQLite cannot tell. What can
be told:

* the file was **not closed cleanly**: the writer's lock file (``.panel.leap.lock``,
  removed at every clean close) is still there, and says the connection was open
  (``"open": true``, written once the file is open, cleared while a key change swaps
  the file);
* and then the log is **missing**, or it is **damaged**: its header does not check, or
  a frame in it fails its checksum while a later frame of the same log ends a
  transaction (so a whole committed change after it cannot be read).

Then the open says so once, and ``leap check`` reports it (until ``leap check
--accept-older-copy``), noted in ``lost-logs.json`` in the data folder under a hash of
the file's path. What cannot be known: a log deleted after a *clean* close (there is
none then: nothing is lost), a log removed together with the lock file, changes in a
log damaged at its very end (a torn last write of a change that was never
acknowledged looks the same), and anything done on another computer.
"""

from __future__ import annotations

import struct
from pathlib import Path

from .path_notes import PathNotes

RECORD_FILE = "lost-logs.json"
_NOTES = PathNotes(RECORD_FILE)
WAL_MAGIC = (0x377F0682, 0x377F0683)
MAX_SCAN = 256 * 1024 * 1024  # a log larger than this is only checked in its header


def _checksum(data: bytes, big: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & mask
        s1 = (s1 + words[i + 1] + s0) & mask
    return s0, s1


def log_problem(wal: Path) -> str | None:
    """Why the write-ahead log at ``wal`` cannot be read whole, or None."""
    try:
        size = wal.stat().st_size
        if size == 0:
            return None
        with open(wal, "rb") as handle:
            header = handle.read(32)
            if len(header) < 32:
                return "its header is cut short"
            magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", header)
            if magic not in WAL_MAGIC or page_size < 512 or page_size & (page_size - 1):
                return "its header is damaged"
            big = bool(magic & 1)
            s0, s1 = _checksum(header[:24], big)
            if (s0, s1) != (c1, c2):
                return "its header is damaged"
            if size > MAX_SCAN:
                return None
            broken = False
            while True:
                frame = handle.read(24 + page_size)
                if len(frame) < 24 + page_size:
                    return None
                _pgno, commit, f1, f2, k1, k2 = struct.unpack(">6I", frame[:24])
                if (f1, f2) != (salt1, salt2):
                    if not broken:
                        return None  # the end of this log; older frames follow
                    continue
                if broken:
                    if commit:
                        return "a change in it cannot be read, and a later committed change depends on it"
                    continue
                s0, s1 = _checksum(frame[:8], big, s0, s1)
                s0, s1 = _checksum(frame[24:], big, s0, s1)
                if (s0, s1) != (k1, k2):
                    broken = True
    except OSError:
        return None


def problem_at_open(path: Path, left_open: bool) -> str | None:
    """At an open for changes, before the file is opened: a message when the last session
    did not close the file and its log is now missing or damaged."""
    if not left_open:
        return None
    wal = Path(f"{path}-wal")
    if not wal.exists():
        why = f"the log of its latest changes ({wal.name}) that should be beside it is missing"
    else:
        damage = log_problem(wal)
        if damage is None:
            return None
        why = f"the log of its latest changes ({wal.name}) is damaged: {damage}"
    return (
        f"{path.name} was not closed properly the last time it was open, and {why}. Changes made "
        "just before then may be lost: check the latest records. If they are missing, restore the "
        "latest automatic backup, or run 'leap check --accept-older-copy' to carry on as it is"
    )


def remember(path: Path, message: str) -> None:
    _NOTES.put(path, message)


def remembered(path: Path) -> str | None:
    value = _NOTES.get(path)
    return value if isinstance(value, str) else None


def forget(path: Path) -> None:
    _NOTES.forget(path)
