"""Which panel FILE this is, apart from which PANEL it holds, and where its backups go.

A panel (its ``panel`` record's id) is shared by every copy of it: an export and its
import, a backup put elsewhere, every ``leap demo`` file. A later merge between laptops
needs that. Automatic backups, though, belong to one file: two copies must not list or
rotate each other's. So each file also has an id of its own (table ``file_identity``,
migration m005), made fresh when the file is made, imported or updated from an older
LEAP Desktop, and kept through key changes, restores and moves.

A copy made byte for byte (a file manager, ``cp``, ``leap backup --out``) holds the same
file id. So the file also notes where it was last opened for changes. Opened for
changes somewhere else while a file still stands at the noted place (and that is not
the same file under another name, a hard or symbolic link), it is a copy: it takes a
fresh file id and says so once; its backups start afresh, those made before stay with
the original. Opened elsewhere with nothing left at the noted place, it was moved: it
keeps its id and its backups. (A file that was moved and then replaced at its old
place by another file looks like a copy: it then starts its backups afresh, and says so.)

Nothing read from the file ever names a folder: a backup folder is called
``<file name>-<16 hex digits of a SHA-256 of the file id>``. The noted place is only
ever compared with (``stat``), never written to.

Files from before m005 had their backups in ``<file name>-<first 12 characters of the
panel id>``: the first of them to be updated adopts that folder (renames it), so its
backups are still its own; its copies, updated later, start their own.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path

from .connection import driver

TABLE = "file_identity"
_SAFE_OLD_NAME = re.compile(r"^[0-9A-Za-z]{1,12}$")
MAX_NOTED_PATH = 4096


def create_table(db) -> None:
    """Migration m005: one row, this file's id and where it was last opened for changes."""
    db.execute(
        f"CREATE TABLE {TABLE} (id TEXT NOT NULL, opened_at TEXT, adopt_old_folder INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute(f"INSERT INTO {TABLE} (id, opened_at, adopt_old_folder) VALUES (?, NULL, 1)", [new_file_id()])


def new_file_id() -> str:
    return uuid.uuid4().hex


def _row(conn):
    try:
        return conn.execute(f"SELECT id, opened_at, adopt_old_folder FROM {TABLE} LIMIT 1").fetchone()
    except driver.Error:  # a file from before m005 (a backup before its update)
        return None


def file_id(conn) -> str | None:
    row = _row(conn)
    return str(row[0]) if row and row[0] is not None else None


def digest(value: str) -> str:
    return hashlib.sha256(f"leap-file:{value}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def folder_name(path: Path, conn) -> str:
    """The name of this file's backup folder, made only from the file's name on disk and
    a digest (never from text read out of the file)."""
    fid = file_id(conn)
    if fid is not None:
        return f"{path.stem}-{digest(fid)}"
    return old_folder_names(path, conn)[0]


def old_folder_names(path: Path, conn) -> list[str]:
    """Where a file from before m005 kept its backups: the old name when it is a plain
    one (12 letters or digits), and a digest of the file's salt or place otherwise."""
    from .keys import read_salt  # a leaf module; imported here to keep this one light

    names = []
    try:
        row = conn.execute("SELECT id FROM panel ORDER BY created_at LIMIT 1").fetchone()
    except driver.Error:
        row = None
    try:
        salt = read_salt(path) if path.is_file() and path.stat().st_size else None
    except OSError:
        salt = None
    if row and row[0]:
        old = str(row[0]).replace("-", "")[:12]
    elif salt is not None:
        old = salt.hex()[:12]
    else:
        old = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:12]
    if _SAFE_OLD_NAME.match(old):
        names.append(f"{path.stem}-{old}")
    where = salt.hex() if salt is not None else str(path.resolve())
    names.append(f"{path.stem}-{digest('old:' + where)}")
    return names


def _noted_place(text) -> Path | None:
    if not isinstance(text, str) or not text or len(text) > MAX_NOTED_PATH or "\x00" in text:
        return None
    place = Path(text)
    return place if place.is_absolute() else None


def _still_there(noted: Path, path: Path) -> bool:
    """A file still stands at the noted place and it is not this one under another name."""
    try:
        if not noted.is_file():
            return False
        return not os.path.samefile(noted, path)
    except (OSError, ValueError):
        return False


def settle(conn, path: Path, root: Path) -> list[str]:
    """At an open for changes: notice a copy (fresh id), adopt an old backup folder
    once, and note where the file is now. Returns what to tell the person (once)."""
    row = _row(conn)
    if row is None:
        return []
    fid, noted_text, adopt = row
    here = str(path.resolve())
    notes: list[str] = []
    noted = _noted_place(noted_text)
    if noted_text is not None and noted_text != here and noted is not None and _still_there(noted, path):
        fid = new_file_id()
        adopt = 0
        notes.append(
            f"{path.name} is a copy of a panel file that is still in its first place: from now on "
            "it has automatic backups of its own (those made before stay with the first file)"
        )
    if adopt:
        _adopt_old_folders(path, conn, root, f"{path.stem}-{digest(str(fid))}")
    if (fid, noted_text, adopt) != tuple(row) or noted_text != here or adopt:
        with conn:
            conn.execute(f"UPDATE {TABLE} SET id = ?, opened_at = ?, adopt_old_folder = 0", [fid, here])
    return notes


def keep(conn, fid: str | None, path: Path) -> None:
    """After a restore: the file keeps its own id (a backup of a copy must not make it
    that copy), and its place."""
    if fid is None or _row(conn) is None:
        return
    with conn:
        conn.execute(f"UPDATE {TABLE} SET id = ?, opened_at = ?, adopt_old_folder = 0", [fid, str(path.resolve())])


def _adopt_old_folders(path: Path, conn, root: Path, new_name: str) -> None:
    """Move the backups of a file from before m005 into its own folder (rename the
    folder, or its files one by one when both exist). Never across folders it did not
    find under ``root``, never over a file."""
    if not root.is_dir():
        return
    target = root / new_name
    for name in old_folder_names(path, conn):
        old = root / name
        if not old.is_dir() or old.is_symlink() or old.parent.resolve() != root.resolve():
            continue
        try:
            if not target.exists():
                os.rename(old, target)
                continue
            for item in old.iterdir():
                if item.is_file() and not (target / item.name).exists():
                    os.rename(item, target / item.name)
            old.rmdir()
        except OSError:
            continue  # left where it was: restore-from-damaged still finds it
