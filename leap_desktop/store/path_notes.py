"""Small notes about panel files, kept in the LEAP Desktop data folder.

Several parts of the store note something about a panel file outside it: a copy being
written (store/leftovers.py), a lost write-ahead log (store/lostlog.py), a file checked
at its last close (store/verified.py), where its audit trail reached (store/anchor.py).
Each keeps one JSON file in the data folder, keyed by a hash of the panel file's path
(so no path is written down), read whole and written whole with
:func:`.files.write_atomically`.

A note is for later: one that cannot be read counts as none, and one that cannot be
written is never worth failing what the user asked for.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..paths import data_dir
from .files import read_note, write_atomically


def path_key(path: str | Path) -> str:
    """The key a panel file's notes are kept under: a hash of its resolved path."""
    return hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()


class PathNotes:
    """One JSON file of notes in the data folder, ``{path_key: note}``.

    With ``keep``, only the notes of the ``keep`` files noted last are kept."""

    def __init__(self, file_name: str, *, keep: int | None = None):
        self.file_name = file_name
        self.keep = keep

    @property
    def path(self) -> Path:
        return data_dir() / self.file_name

    def load(self) -> dict:
        """Every note; an empty dict when the file is missing or unreadable."""
        try:
            data = json.loads(read_note(self.path, limit=64 << 20) or "{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, data: dict) -> None:
        """Write every note in one step (best effort: a failure is passed over)."""
        if self.keep is not None:
            for stale in list(data)[: -self.keep]:
                del data[stale]
        try:
            write_atomically(self.path, (json.dumps(data, indent=0) + "\n").encode("utf-8"))
        except Exception:  # a note for later; never worth failing a copy, an open or a close over
            pass

    def get(self, panel: str | Path):
        return self.load().get(path_key(panel))

    def put(self, panel: str | Path, note) -> None:
        """Note ``note`` for ``panel``, as the newest note."""
        data = self.load()
        key = path_key(panel)
        data.pop(key, None)
        data[key] = note
        self.save(data)

    def forget(self, panel: str | Path) -> None:
        data = self.load()
        if data.pop(path_key(panel), None) is not None:
            self.save(data)
