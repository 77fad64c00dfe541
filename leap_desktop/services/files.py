"""Saving a file the person asked for (an export, the minutes): whole or not at all;
and telling, before anything is written, whether a name is the panel file itself.

Thin calls over ``store/files.py``, so that the command line and the views reach the
store only through services.
"""

from __future__ import annotations

import os

from ..store import files as _files
from ..store.files import looks_like_panel_file, same_file


def write_atomically(path: str | os.PathLike, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` in one step: readers see the old file or the new one,
    never a mix. Owner-only unless ``mode`` says otherwise. Never over a panel file; a
    StoreError in plain words (nothing written) when it cannot be written."""
    _files.write_atomically(path, data, mode=mode)


__all__ = ["looks_like_panel_file", "same_file", "write_atomically"]
