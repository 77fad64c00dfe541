"""Changing how an open panel file is protected: encrypt, change the key, restore, copy.

Each of these writes a complete new file beside the panel file, checks it
(:func:`backup.write_copy`), and only then swaps it in with one rename, so the original
stays untouched until the new file has passed. A backup of the original is taken first
(``backups/`` in the data folder). The new key is put in the keyring *before* the swap,
so a crash at any moment leaves a file whose key is known.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..domain.errors import StoreError
from . import anchor, backup, identity, lock, migrations, verified
from .connection import WrongKey, connect
from .files import fsync_folder
from .keys import FileKind, KeyringUnavailable, KeyStore, PanelKey, file_kind
from .unlock import Ask, Security, open_connection, where_sentence


class OpenPanel(Protocol):
    """What this module needs of an open panel (``PanelStore``): its file, connection and
    key, and the calls to let go of the file and take it up again once it is swapped."""

    path: Path
    conn: Any
    security: Security
    keystore: KeyStore
    readonly: bool
    read_only_reason: str | None

    @property
    def db(self) -> Any: ...

    def release_connection(self) -> None: ...

    def take_connection(self, conn: Any) -> None: ...

    def reload_column_types(self) -> None: ...

    def note_file_open(self, is_open: bool) -> None: ...


def _require_writable(store: OpenPanel) -> None:
    if store.readonly:
        raise StoreError(
            f"{store.path.name} is open read-only, so it cannot be changed"
            + (f": {store.read_only_reason}" if store.read_only_reason else "")
        )


def _detach_file(store: OpenPanel) -> None:
    """Close the store's connection so its file can be replaced; refuse if a reader
    elsewhere still holds a write-ahead log that would not match the new file."""
    store.release_connection()
    wal = Path(f"{store.path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"Another program is still reading {store.path.name}, so it was not replaced. "
            "Close it there and try again"
        )
    for suffix in ("-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    store.note_file_open(False)  # no log to lose while the file is swapped


def _reattach(store: OpenPanel, keys: list[PanelKey | None]) -> PanelKey | None:
    """Reconnect to whatever file is now at the store's path, with whichever key fits."""
    last: Exception | None = None
    for key in keys:
        try:
            conn = connect(store.path, key=key, plaintext=key is None)
        except WrongKey as exc:
            last = exc
            continue
        except StoreError as exc:
            last = exc
            continue
        store.take_connection(conn)
        store.note_file_open(True)
        return key
    raise StoreError(f"{store.path.name} could not be opened again after the change: {last}")


def _swap_in(store: OpenPanel, source_conn, *, source_key: PanelKey | None, dest_key: PanelKey | None,
             old_key: PanelKey | None) -> PanelKey | None:
    """Write a checked copy of ``source_conn`` under ``dest_key`` over the store's file, and
    reconnect the store to whatever file is there afterwards. Returns the key that opens it
    (``dest_key`` after a swap; ``old_key`` if the copy failed before the swap)."""
    swapped = False

    def detach() -> None:
        nonlocal swapped
        _detach_file(store)
        swapped = True

    current = old_key
    try:
        backup.write_copy(source_conn, source_key=source_key, dest=store.path, dest_key=dest_key,
                          replace=True, before_replace=detach)
    finally:
        if swapped:
            current = _reattach(store, [dest_key, old_key])
    return current


def _store_key(store: OpenPanel, key: PanelKey, security: Security) -> bool:
    try:
        store.keystore.put(key)
        return True
    except KeyringUnavailable as exc:
        security.notes.append(
            f"{exc.reason}: the new key is not stored on this computer. Keep the new recovery key "
            "safe: you will need it (or the passphrase) every time you open this file"
        )
        return False


def replace_protection(store: OpenPanel, new_key: PanelKey | None, *, reason: str) -> Security:
    """Rewrite the open file under ``new_key`` (None: plaintext) and swap it in."""
    _require_writable(store)
    old_key = store.security.key
    backup.make_automatic(store.conn, store.path, old_key, reason)
    security = Security(
        encrypted=new_key is not None,
        where="",
        key=new_key,
        recovery_key=new_key.recovery_key if new_key is not None else None,
        opened_with="new key" if new_key is not None else "plaintext",
    )
    stored = _store_key(store, new_key, security) if new_key is not None else False
    current = _swap_in(store, store.conn, source_key=old_key, dest_key=new_key, old_key=old_key)
    if current is not new_key:
        raise StoreError(f"{store.path.name} was not changed: the new file could not be swapped in")
    security.where = where_sentence(store.path, new_key, store.keystore, stored=stored)
    store.security = security
    return security


def encrypt(store: OpenPanel, key: PanelKey) -> Security:
    if store.security.encrypted:
        raise StoreError(f"{store.path.name} is already encrypted; use 'leap rekey' to change its key")
    return replace_protection(store, key, reason="before-encrypting")


def rekey(store: OpenPanel, key: PanelKey) -> Security:
    if not store.security.encrypted:
        raise StoreError(f"{store.path.name} is not encrypted; use 'leap encrypt' first")
    return replace_protection(store, key, reason="before-key-change")


def export_plaintext(store: OpenPanel, out: Path) -> Path:
    """Write an unencrypted copy of the panel to ``out`` (a new file), checked first."""
    out = Path(out)
    if out.resolve() == store.path.resolve():
        raise StoreError("The plaintext copy must go in a new file, not over the panel file")
    backup.write_copy(store.conn, source_key=store.security.key, dest=out, dest_key=None, owner=store.path)
    return out


def backup_to(store: OpenPanel, out: Path) -> Path:
    """A backup of the open file at ``out``: same key, checked before it is named ``out``."""
    out = Path(out)
    if out.resolve() == store.path.resolve():
        raise StoreError("A backup must go in a new file, not over the panel file")
    backup.write_copy(store.conn, source_key=store.security.key, dest=out, dest_key=store.security.key,
                      owner=store.path)
    return out


def _check_source(source: Path, panel: Path) -> None:
    if not source.is_file():
        raise StoreError(f"There is no backup file at {source}")
    if source.resolve() == panel.resolve():
        raise StoreError("That is the panel file itself, not a backup of it")
    if file_kind(source) is FileKind.EMPTY:
        raise StoreError(f"{source} is empty: it is not a LEAP panel file")


def _check_backup(conn, source: Path, security: Security) -> None:
    """Refuse a backup that fails its full check, is not a panel file, or is newer."""
    problems = backup.check_connection(conn, encrypted=security.encrypted, full=True)
    if not problems:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != backup.APPLICATION_ID:
            problems.append("it is not a LEAP panel file")
        elif conn.execute("PRAGMA user_version").fetchone()[0] > migrations.schema_version():
            problems.append("it was saved by a newer version of LEAP Desktop")
    if problems:
        raise StoreError(f"{source.name} was not restored, and the panel file is unchanged: {problems[0]}")


def restore(store: OpenPanel, source: Path, *, ask: Ask | None) -> Path:
    """Replace the panel with the panel file ``source`` (a backup), once it has passed
    every check; the current file is backed up first and kept until the new one verifies.
    Returns the path of that backup of the file as it was."""
    _require_writable(store)
    source = Path(source)
    _check_source(source, store.path)
    own_id = identity.file_id(store.conn)  # kept: a backup of a copy must not make it that copy
    conn, source_security = open_connection(
        source, create=False, readonly=True, ask=ask, keystore=store.keystore, encrypt=False,
    )
    try:
        _check_backup(conn, source, source_security)
        # The restored file keeps the current file's key, so the recovery key still works.
        old_key = store.security.key
        dest_key = old_key if old_key is not None else source_security.key
        saved = backup.make_automatic(store.conn, store.path, old_key, "before-restore")
        current = _swap_in(store, conn, source_key=source_security.key, dest_key=dest_key, old_key=old_key)
        if current is dest_key and dest_key is not old_key:
            store.security = Security(True, where_sentence(store.path, dest_key, store.keystore, stored=False), key=dest_key)
    finally:
        conn.close()
    migrations.apply(store.db)
    identity.keep(store.conn, own_id, store.path)
    store.reload_column_types()
    # Going back to an earlier point on purpose: compare the audit trail with this one
    # from now on, not with what the file held before (store/anchor.py).
    anchor.note_restored(backup.backup_folder(store.path, store.conn))
    anchor.note(store.path, store.conn, force=True)
    return saved


# -- a damaged panel file ------------------------------------------------------------------------


@dataclass(frozen=True)
class DamagedRestore:
    """What :func:`restore_over_damaged` did."""

    panel: Path  # the panel file, now a checked copy of the backup
    damaged: Path  # the damaged file, moved aside byte for byte as it was
    backup: Path  # the backup that was restored


def damaged_name(path: Path, now: dt.datetime | None = None) -> Path:
    """A free, clearly named place beside ``path`` for a damaged panel file:
    ``panel.damaged-2026-11-26T1402.leap`` (``...-2.leap`` if that is taken)."""
    stamp = (now or dt.datetime.now()).astimezone().strftime("%Y-%m-%dT%H%M")
    name = f"{path.stem}.damaged-{stamp}"
    candidate = path.with_name(f"{name}{path.suffix}")
    n = 1
    while any(Path(f"{candidate}{side}").exists() for side in ("", "-wal", "-journal")):
        n += 1
        candidate = path.with_name(f"{name}-{n}{path.suffix}")
    return candidate


def _move_aside(path: Path, aside: Path) -> None:
    """Give the damaged file at ``path`` the name ``aside``, unchanged and owner-only.

    A hard link first, so the damaged file keeps its name too until the restored copy
    is renamed over it (a crash in between leaves both names on the same, untouched
    file); where the file system has no hard links (a FAT stick), a rename. Its
    write-ahead log (and rollback journal) go with it: left beside the restored copy,
    SQLite would apply the damaged file's pending changes to it."""
    try:
        os.link(path, aside)
    except FileExistsError:
        raise StoreError(f"{aside} already exists, so the damaged file was not moved there") from None
    except OSError:
        if aside.exists():
            raise StoreError(f"{aside} already exists, so the damaged file was not moved there") from None
        os.rename(path, aside)
    os.chmod(aside, 0o600)
    for side in ("-wal", "-journal"):
        old = Path(f"{path}{side}")
        if old.exists():
            os.replace(old, Path(f"{aside}{side}"))
            os.chmod(Path(f"{aside}{side}"), 0o600)
    Path(f"{path}-shm").unlink(missing_ok=True)  # only an index of the log, rebuilt from it
    fsync_folder(path.parent)


def restore_over_damaged(
    path: Path,
    source: Path,
    *,
    ask: Ask | None = None,
    keystore: KeyStore | None = None,
    now: dt.datetime | None = None,
) -> DamagedRestore:
    """Put a checked copy of the backup ``source`` in place of the damaged panel file
    ``path``, without opening the damaged file and without overwriting it.

    For a file that failed its check on open (:class:`~.opening.DamagedFile`). The
    backup is opened read-only (its key from the keyring, else ``ask``) and checked in
    full; a copy of it is written beside the panel file (the backup API, same key: an
    automatic backup keeps the file's key and salt, so the keyring entry and the
    recovery key still open it) and checked again. Only then is the damaged file moved
    aside to :func:`damaged_name` (owner-only, byte for byte as it was) and the copy
    renamed into its place. Any refusal before that leaves every file as it was. The
    writer's lock on ``path`` is held throughout (another writer: ``PanelInUse``)."""
    path, source = Path(path), Path(source)
    keystore = keystore or KeyStore()
    if not path.is_file():
        raise StoreError(f"There is no panel file at {path}")
    _check_source(source, path)
    held = lock.acquire(path)
    try:
        conn, security = open_connection(source, create=False, readonly=True, ask=ask, keystore=keystore, encrypt=False)
        try:
            _check_backup(conn, source, security)
            aside = damaged_name(path, now)
            backup.write_copy(conn, source_key=security.key, dest=path, dest_key=security.key, replace=True,
                              before_replace=lambda: _move_aside(path, aside))
            # Going back to the backup's point on purpose: the audit trail is compared
            # with the backup's from now on (store/anchor.py); the file is checked in
            # full at its next open.
            verified.forget(path)
            anchor.note_restored(backup.backup_folder(path, conn))
            anchor.note(path, conn, force=True)
        finally:
            conn.close()
    finally:
        held.release()
    return DamagedRestore(panel=path, damaged=aside, backup=source)
