"""Copies of a panel file: backups, restores, and the safe swap they share.

* Every copy of a live file is made through SQLite itself (the backup API, or
  ``sqlcipher_export`` between an encrypted and a plain file), never by copying bytes
  while the file is in use.
* A copy is written under a temporary name beside its destination, checked
  (``integrity_check``, ``cipher_integrity_check``, the same rows in every table), and
  only then renamed into place in one step. Until that moment the file it replaces is
  untouched; a crash at any point leaves the old file or the new one, never a mix.
* Automatic backups go to the LEAP Desktop data folder, ``backups/<file>-<digest>/``
  (one folder per file, named by a digest of the file's own id: store/identity.py), one
  before every migration, one before a restore or a key change, and one a day on open;
  the newest ``backups_to_keep()`` are kept (``settings.json`` in the data folder).
* An encrypted file's backups keep its key and salt, so they open with the same keyring
  entry and the same recovery key as the file itself.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import StoreError
from ..paths import data_dir, make_private_folder
from . import anchor, identity, leftovers
from .connection import APPLICATION_ID, connect, driver, known_sql_error
from .files import fsync_folder, read_note, write_atomically
from .keys import PanelKey, read_salt

DEFAULT_KEEP = 10
MAX_KEEP = 365
SETTINGS_FILE = "settings.json"


# -- settings --------------------------------------------------------------------------------


def _settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def _read_settings() -> dict:
    try:
        data = json.loads(read_note(_settings_path()) or "")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def backups_to_keep() -> int:
    """How many automatic backups of each panel file are kept (default 10)."""
    value = _read_settings().get("backups_to_keep", DEFAULT_KEEP)
    return value if isinstance(value, int) and 1 <= value <= MAX_KEEP else DEFAULT_KEEP


def set_backups_to_keep(count: int) -> None:
    if not isinstance(count, int) or not 1 <= count <= MAX_KEEP:
        raise StoreError(f"Keep between 1 and {MAX_KEEP} backups (got {count})")
    settings = _read_settings()
    settings["backups_to_keep"] = count
    write_atomically(_settings_path(), json.dumps(settings, indent=2).encode("utf-8"))


# -- where backups go --------------------------------------------------------------------------


def backups_root(*, create: bool = True) -> Path:
    return data_dir(create=create) / "backups"


def backup_folder(path: Path, conn, *, create: bool = True) -> Path:
    # Named from the file's name and a digest of its own id, never from text in the
    # file: each file (not each panel: copies share that) has its own (store/identity.py).
    folder = backups_root(create=create) / identity.folder_name(path, conn)
    if create:
        make_private_folder(folder)  # backups/ and the panel's folder, both owner-only
    return folder


def automatic_backups(path: Path, conn) -> list[Path]:
    """This panel's automatic backups, newest first."""
    folder = backup_folder(path, conn, create=False)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*.leap"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


# -- checking a copy --------------------------------------------------------------------------


@dataclass(frozen=True)
class FileCheck:
    problems: tuple[str, ...]
    counts: dict

    @property
    def ok(self) -> bool:
        return not self.problems


def table_counts(conn) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def check_connection(conn, *, encrypted: bool, full: bool = True) -> list[str]:
    """Problems with the file behind ``conn``: SQLite's own check, and for an encrypted
    file the authentication code of every page. Empty when all is well."""
    problems: list[str] = []
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            # One line each: SQLite's report of a page may run over several lines.
            problems.extend(f"the file's structure is damaged ({' '.join(str(r).split())})" for r in rows[:5])
        if encrypted:
            for (row,) in conn.execute("PRAGMA cipher_integrity_check"):
                problems.append(f"an encrypted page failed its check ({row})")
    except driver.DatabaseError as exc:
        problems.append(f"the file cannot be read ({exc})")
    return problems


def check_file(path: Path, key: PanelKey | None, *, shown_as: Path | None = None) -> FileCheck:
    """Open a file read-only and check it fully, including that it is a panel file."""
    try:
        conn = connect(path, readonly=True, key=key, plaintext=key is None, shown_as=shown_as)
    except StoreError as exc:
        return FileCheck((str(exc),), {})
    try:
        problems = check_connection(conn, encrypted=key is not None)
        if not problems:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                problems.append("it is not a LEAP panel file")
        counts = table_counts(conn) if not problems else {}
    finally:
        conn.close()
    return FileCheck(tuple(problems), counts)


# -- copying ------------------------------------------------------------------------------------


def _temporary_beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


def remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_into(conn, *, source_key: PanelKey | None, dest: Path, dest_key: PanelKey | None,
              shown_as: Path | None = None) -> None:
    """Copy the database behind ``conn`` into the new file ``dest`` (created owner-only).

    Through the backup API when both are encrypted or both plain; otherwise through
    ``sqlcipher_export`` (the backup API cannot change between the two), which is then
    given the schema version and application id the export leaves out."""
    same_kind = (source_key is None) == (dest_key is None)
    if same_kind:
        target = connect(dest, create=True, key=dest_key, plaintext=dest_key is None, shown_as=shown_as)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        return
    connect(dest, create=True, key=dest_key, plaintext=dest_key is None, shown_as=shown_as).close()
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    key_text = f"x'{dest_key.raw.hex()}'" if dest_key is not None else ""
    conn.execute("ATTACH DATABASE ? AS copy KEY ?", [str(dest.resolve()), key_text])
    try:
        conn.execute("SELECT sqlcipher_export('copy')")
        conn.execute(f"PRAGMA copy.user_version = {int(version)}")
        conn.execute(f"PRAGMA copy.application_id = {int(app_id)}")
        if conn.in_transaction:
            conn.commit()
    finally:
        conn.execute("DETACH DATABASE copy")
    # A copy at rest is one self-contained file (no write-ahead log): opening it to
    # check or restore leaves nothing beside it. The panel file goes back to WAL on open.
    target = connect(dest, key=dest_key, plaintext=dest_key is None, shown_as=shown_as)
    try:
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()


def write_copy(
    conn,
    *,
    source_key: PanelKey | None,
    dest: Path,
    dest_key: PanelKey | None,
    expect_counts: dict[str, int] | None = None,
    replace: bool = False,
    before_replace=None,
    owner: Path | None = None,
) -> FileCheck:
    """Copy into a temporary file beside ``dest``, check it, then rename it to ``dest``.

    Refuses (leaving ``dest`` as it was) when the copy fails its checks or its row
    counts differ from the source's. ``before_replace()`` runs once the copy has passed,
    just before the rename (to close the connection to a file being swapped). With
    ``owner`` (the panel file, for a copy written elsewhere), the temporary copy is noted
    while it is written, so that a kill does not leave it unseen (store/leftovers.py)."""
    dest = Path(dest)
    if dest.exists() and not replace:
        raise StoreError(f"{dest} already exists; choose another name")
    if not dest.parent.is_dir():
        raise StoreError(f"The folder {dest.parent} does not exist")
    tmp = _temporary_beside(dest)
    if owner is not None:
        leftovers.note_started(owner, tmp.resolve())
    try:
        copy_into(conn, source_key=source_key, dest=tmp, dest_key=dest_key, shown_as=dest)
        check = check_file(tmp, dest_key, shown_as=dest)
        if expect_counts is None:
            expect_counts = table_counts(conn)
        if check.ok and check.counts != expect_counts:
            differ = sorted(k for k in set(check.counts) | set(expect_counts) if check.counts.get(k) != expect_counts.get(k))
            check = FileCheck((f"the copy does not hold the same records ({', '.join(differ)})",), check.counts)
        if not check.ok:
            raise StoreError(f"The copy of the panel could not be checked, so nothing was replaced: {check.problems[0]}")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, dest)
        fsync_folder(dest.parent)
        return check
    except driver.Error as exc:
        if (known := known_sql_error(exc, dest)) is None:
            raise  # a bug, not the disk
        raise StoreError(known) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StoreError(f"The disk holding {dest} is full: nothing was saved. Free some space and try again") from None
        raise StoreError(f"Could not write {dest}: {exc.strerror}") from None
    finally:
        remove_with_sidecars(tmp)
        if owner is not None:
            leftovers.note_finished(owner, tmp.resolve())


# -- automatic backups ------------------------------------------------------------------------


def _stamp(now: dt.datetime) -> str:
    return now.astimezone().strftime("%Y%m%d-%H%M%S")


def make_automatic(conn, path: Path, key: PanelKey | None, reason: str, *, now: dt.datetime | None = None) -> Path:
    """A rotating backup of the open file, e.g. before a migration; returns its path."""
    folder = backup_folder(path, conn)
    for leftover in folder.glob(".*.part*"):  # from a backup a crash interrupted
        leftover.unlink(missing_ok=True)
    moment = now or dt.datetime.now(dt.timezone.utc)
    dest = folder / f"{path.stem}-{_stamp(moment)}-{reason}.leap"
    n = 1
    while dest.exists():
        n += 1
        dest = folder / f"{path.stem}-{_stamp(moment)}-{reason}-{n}.leap"
    write_copy(conn, source_key=key, dest=dest, dest_key=key)
    anchor.note_backup(dest, conn)  # where its audit trail reached (store/anchor.py)
    rotate(path, conn)
    return dest


def rotate(path: Path, conn, keep: int | None = None) -> None:
    keep = backups_to_keep() if keep is None else keep
    for old in automatic_backups(path, conn)[keep:]:
        old.unlink(missing_ok=True)
        Path(f"{old}{anchor.BACKUP_SUFFIX}").unlink(missing_ok=True)


def daily_due(path: Path, conn, *, today: dt.date | None = None) -> bool:
    """True when this panel has no automatic backup from today (local time)."""
    today = today or dt.date.today()
    prefix = f"{path.stem}-{today.strftime('%Y%m%d')}-"
    return not any(b.name.startswith(prefix) for b in automatic_backups(path, conn))


def made_at(path: Path) -> dt.datetime:
    """When a backup was made (its file's time), in local time."""
    return dt.datetime.fromtimestamp(Path(path).stat().st_mtime).astimezone()


def candidates(path: Path) -> list[Path]:
    """Automatic backups of a panel file called like ``path``, found without reading it
    (for a file that cannot be read), newest first: those of the same kind (encrypted
    with the same salt, or plain) as far as its first bytes say."""
    root = backups_root(create=False)
    if not root.is_dir():
        return []
    try:
        salt = read_salt(path) if path.is_file() else None
    except OSError:
        salt = None
    found = [p for folder in root.glob(f"{path.stem}-*") for p in folder.glob(f"{path.stem}-*.leap")]
    found = [p for p in found if read_salt(p) == salt]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def latest_good(path: Path, key: PanelKey | None, *, limit: int = 20) -> Path | None:
    """The newest automatic backup of a panel file called like ``path`` that opens with
    ``key`` and passes its checks. Used when the file itself cannot be read."""
    root = backups_root(create=False)
    if not root.is_dir():
        return None
    found = [p for folder in root.glob(f"{path.stem}-*") for p in folder.glob(f"{path.stem}-*.leap")]
    found.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for candidate in found[:limit]:
        if (key is None) != (read_salt(candidate) is None):
            continue
        if check_file(candidate, key).ok:
            return candidate
    return None


#: What the last part of an automatic backup's name says about why it was made.
REASONS = {
    "daily": "the day's automatic backup",
    "before-update": "made before LEAP Desktop updated the file",
    "before-restore": "made before a restore",
    "before-key-change": "made before a change of key",
    "before-encrypting": "made before the file was encrypted",
}


def reason_words(backup_file: Path) -> str:
    """Why an automatic backup was made, in words ("" when its name does not say)."""
    stem = Path(backup_file).stem
    for reason, words in REASONS.items():
        if stem.endswith(f"-{reason}") or f"-{reason}-" in stem:
            return words
    return ""
