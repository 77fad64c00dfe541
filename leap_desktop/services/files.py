"""Saving a file the person asked for (an export, the minutes): whole or not at all.

A thin call over ``store.files.write_atomically``, so that views reach the store only
through services.
"""

from __future__ import annotations

import os

from ..store import files as _files


def write_atomically(path: str | os.PathLike, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` in one step: readers see the old file or the new one,
    never a mix. Owner-only unless ``mode`` says otherwise. Never over a panel file; a
    StoreError in plain words (nothing written) when it cannot be written."""
    _files.write_atomically(path, data, mode=mode)


__all__ = ["write_atomically"]
