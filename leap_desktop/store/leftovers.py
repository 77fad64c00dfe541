"""What a killed copy leaves behind, found and removed at the next open of its panel file.

A copy of a panel file (a key change, encryption, a restore, ``leap backup --out``,
``leap decrypt --out``) is written under a hidden temporary name, ``.<name>.<8 hex
digits>.part``, and renamed when it has passed its checks. A process killed before the
rename leaves that full-size copy (and its ``-wal``/``-shm``): the panel's data, where
nobody looks. So:

* a copy written beside the panel file itself (a key change, encryption, a restore) is
  found by its name when the panel file is next opened for changes (the writer's lock
  is held then, and only the holder of that lock writes such copies);
* a copy written elsewhere (``--out``) is noted, while it is being written, in
  ``unfinished-copies.json`` in the data folder, under a hash of the panel file's path,
  with the writing process's id; at the next open for changes, a noted copy whose
  process has ended is removed.

The open says once how many were removed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .path_notes import PathNotes, path_key

RECORD_FILE = "unfinished-copies.json"
_NOTES = PathNotes(RECORD_FILE)
_SIDES = ("", "-wal", "-shm", "-journal")


def _part_name(name: str) -> re.Pattern:
    return re.compile(r"^\." + re.escape(name) + r"\.[0-9a-f]{8}\.part(-wal|-shm|-journal)?$")


def _others(data: dict, panel: Path, part: Path) -> list[dict]:
    """The copies of ``panel`` noted in ``data``, but for the one at ``part``."""
    return [e for e in data.get(path_key(panel), []) if isinstance(e, dict) and e.get("part") != str(part)]


def note_started(panel: Path, part: Path) -> None:
    """A copy of ``panel`` is being written at ``part`` (somewhere other than beside it)."""
    data = _NOTES.load()
    entries = _others(data, panel, part)
    entries.append({"part": str(part), "pid": os.getpid()})
    data[path_key(panel)] = entries
    _NOTES.save(data)


def note_finished(panel: Path, part: Path) -> None:
    data = _NOTES.load()
    entries = _others(data, panel, part)
    if entries:
        data[path_key(panel)] = entries
    else:
        data.pop(path_key(panel), None)
    _NOTES.save(data)


def _alive(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove(part: Path) -> int:
    removed = 0
    for side in _SIDES:
        target = Path(f"{part}{side}")
        try:
            if target.is_file() and not target.is_symlink():
                target.unlink()
                removed += 1 if side == "" else 0
        except OSError:
            pass
    return removed


def clean(panel: Path) -> int:
    """Remove what killed copies of ``panel`` left; call with the writer's lock held.
    Returns how many copies were removed."""
    removed = 0
    pattern = _part_name(panel.name)
    try:
        beside = [p for p in panel.parent.iterdir() if pattern.match(p.name)]
    except OSError:
        beside = []
    for base in sorted({Path(re.sub(r"(-wal|-shm|-journal)$", "", str(p))) for p in beside}):
        removed += _remove(base)  # the copy and its -wal/-shm (or those alone)
    data = _NOTES.load()
    entries = data.get(path_key(panel))
    if isinstance(entries, list) and entries:
        keep = []
        for entry in entries:
            part = Path(entry.get("part", "")) if isinstance(entry, dict) and isinstance(entry.get("part"), str) else None
            if part is None or "\x00" in str(part) or not part.is_absolute():
                continue
            if _alive(entry.get("pid")):
                keep.append(entry)
                continue
            if re.match(r"^\..+\.[0-9a-f]{8}\.part$", part.name):
                removed += _remove(part)
        if keep:
            data[path_key(panel)] = keep
        else:
            data.pop(path_key(panel), None)
        _NOTES.save(data)
    return removed


def words(panel: Path, count: int) -> str:
    what = "an unfinished copy" if count == 1 else f"{count} unfinished copies"
    return (
        f"Removed {what} of {panel.name} left by a key change or backup that was interrupted "
        "(hidden files holding the panel's data)"
    )
