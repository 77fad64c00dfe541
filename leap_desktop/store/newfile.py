"""Making a new panel file so that an interruption never leaves an unusable one.

A new panel is built under a temporary name beside its final one (``.NAME.new``) and
takes its name only once it is complete (its key kept or shown, the panel named): a
kill, a crash or a refusal part-way leaves no file under that name, never an empty or
half-made one. A leftover from an interrupted attempt is removed, with its keyring
entry, the next time a panel of that name is made. The ``leap`` command (``init``,
``demo``, ``import``) and the desktop app's New panel both work this way.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import StoreError
from .files import fsync_folder
from .keys import KeyStore, read_salt


def building_path(path: Path) -> Path:
    """Where a new panel called ``path`` is built: ``.NAME.new`` beside it."""
    return path.with_name(f".{path.name}.new")


def remove_panel_file(path: Path, keystore: KeyStore | None = None) -> None:
    """Remove a panel file that was being made and could not be finished, with the files
    beside it and its key in the keyring (the key of a file nobody can open any more)."""
    try:
        salt = read_salt(path) if path.is_file() else None
    except OSError:
        salt = None
    if salt is not None:
        (keystore or KeyStore()).forget(salt)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def start(path: Path, *, keystore: KeyStore | None = None) -> Path:
    """Check that a new panel may be made at ``path`` and clear any leftover of an
    interrupted attempt; returns where to build it. Raises :class:`StoreError` when
    ``path`` is a folder or already a file."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a panel file")
    if path.exists() and path.stat().st_size > 0:
        raise StoreError(f"There is already a file at {path}")
    building = building_path(path)
    if building.exists():
        remove_panel_file(building, keystore)
    return building


def finish(building: Path, path: Path, *, keystore: KeyStore | None = None) -> None:
    """Give the complete panel file ``building`` (closed) its name ``path``, in one step.
    If something else made a file at ``path`` meanwhile, that file is left alone and the
    new panel removed (:class:`StoreError`)."""
    if path.exists() and path.stat().st_size > 0:
        remove_panel_file(building, keystore)
        raise StoreError(f"{path} was made by something else meanwhile; it was left as it is")
    wal = Path(f"{building}-wal")
    if wal.exists() and wal.stat().st_size > 0:  # never after a clean close
        raise StoreError(f"{path.name} is still being written; it was not given its name")
    for side in (wal, Path(f"{building}-shm")):
        side.unlink(missing_ok=True)
    os.replace(building, path)
    fsync_folder(path.parent)
