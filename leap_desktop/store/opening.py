"""Opening a panel file: the lock, the key, the check, migrations, and what was left behind.

:func:`open_file` is the one way a panel file is opened (see ``docs/security.md``);
``PanelStore.open`` builds the store over what it returns. How to open is said by one
:class:`OpenOptions` value rather than fifteen keyword arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import LeapError, StoreError
from ..words import day_and_time
from . import backup, identity, leftovers, lock, lostlog, migrations, unlock, verified
from .connection import driver, opening_error, writable_problem
from .keys import KeyStore


@dataclass(frozen=True)
class OpenOptions:
    """How a panel file is opened (each is described at :func:`open_file`)."""

    create: bool = False
    actor: str | None = None  # who the audit log names (default: LEAP_ACTOR, else the user)
    clock: Callable[[], dt.datetime] | None = None  # the store's clock (default: UTC now)
    before_migrate: Callable[[Path, list[str]], None] | None = None
    connection_factory: Callable[..., Any] | None = None
    ask: unlock.Ask | None = None
    passphrase: str | None = None
    encrypt: bool = True
    require_keyring: bool = False
    keystore: KeyStore | None = None
    readonly: bool = False
    backups: bool = True
    defer_daily_backup: bool = False


@dataclass
class OpenedFile:
    """A panel file opened and brought up to date, ready for a store over it."""

    conn: Any
    path: Path
    security: unlock.Security
    keystore: KeyStore
    lock: lock.PanelLock | None
    readonly: bool
    read_only_reason: str | None  # why it is open read-only, in words
    daily_backup_due: bool  # the day's backup was left for later (``defer_daily_backup``)

    def abandon(self) -> None:
        """Close it again without a store (the store could not be made)."""
        self.conn.close()
        if self.lock is not None:
            self.lock.release()


def open_file(path: Path, options: OpenOptions) -> OpenedFile:
    """Open (and with ``create``, make) a panel file, bringing its schema up to date.

    * takes the writer's lock (:mod:`.lock`); another writer gets
      :class:`~.lock.PanelInUse`; ``readonly`` opens without it and without writing;
    * finds the key (:mod:`.unlock`): the keyring first, then ``ask(request)`` for the
      recovery key or passphrase. A new file is encrypted with a new random key (or
      one from ``passphrase``) unless ``encrypt=False``; ``security`` then holds the
      recovery key to show once. With ``require_keyring``, a new file without a
      passphrase is refused (``unlock.KeyNotKept``, nothing made) when no keyring can
      keep its key;
    * a file that cannot be written here (permissions, a read-only folder) opens
      read-only, with the reason in ``read_only_reason``;
    * checks the file (``quick_check``): a damaged file is refused untouched, naming
      the latest good backup (:class:`DamagedFile`);
    * refuses a file from a newer LEAP Desktop or not a panel file, untouched;
    * backs up before any migration (``before_migrate(path, pending)`` replaces that)
      and once a day (``backups=False`` turns automatic backups off). With
      ``defer_daily_backup`` the day's backup is not made here: ``daily_backup_due``
      says it is wanted, and ``PanelStore.start_daily_backup`` makes it in the
      background (the desktop app does that once its window is on screen). Backups
      before a migration are always made first, whatever this says.

    ``connection_factory(path, create=...)`` bypasses keys and locks (low-level tests).
    """
    path = Path(path)
    create, readonly, factory = options.create, options.readonly, options.connection_factory
    existed = path.exists() and path.is_file() and path.stat().st_size > 0
    keystore = options.keystore or KeyStore()
    # A file that cannot be changed here (its permissions, a read-only folder or
    # stick, a read-only -shm) opens read-only and says why, rather than failing.
    cannot_write = writable_problem(path) if existed and not readonly and factory is None else None
    if cannot_write is not None:
        readonly = True
    held = None
    if factory is None and not readonly and path.parent.is_dir() and (existed or create):
        held = lock.acquire(path)
    cleaned, lost = 0, None
    try:
        if held is not None:
            cleaned = leftovers.clean(path)  # what a killed key change or backup left
            lost = lostlog.problem_at_open(path, held.left_open)  # before SQLite makes a new log
        if factory is not None:
            conn = factory(path, create=create)
            security = unlock.Security(False, "", opened_with="connection factory")
        else:
            try:
                conn, security = unlock.open_connection(
                    path, create=create, readonly=readonly, ask=options.ask, keystore=keystore,
                    passphrase=options.passphrase, encrypt=options.encrypt,
                    require_keyring=options.require_keyring,
                )
            except unlock.KeyProvedRight as exc:
                verified.forget(path)
                raise DamagedFile(path, exc.how, backup.latest_good(path, exc.key)) from None
        if held is not None:
            held.mark(open=True)  # from now on a kill leaves a log that matters
        try:
            due = _bring_up_to_date(
                conn, path, existed=existed, security=security, readonly=readonly,
                before_migrate=options.before_migrate, backups=options.backups and factory is None,
                defer_daily_backup=options.defer_daily_backup,
            )
        except BaseException:
            conn.close()
            raise
    except BaseException:
        if held is not None:
            held.release()
        raise
    if cleaned:
        security.notes.insert(0, leftovers.words(path, cleaned))
    if lost is not None:
        lostlog.remember(path, lost)  # leap check reports it until accepted
        security.notes.insert(0, lost)
    return OpenedFile(conn, path, security, keystore, held, readonly, cannot_write, due)


def _bring_up_to_date(conn, path: Path, *, existed: bool, security: unlock.Security, readonly: bool,
                      before_migrate, backups: bool, defer_daily_backup: bool) -> bool:
    """Check, back up, migrate and settle the file's identity; make the day's backup
    unless it is deferred. True when the day's backup is still due."""
    key = security.key
    try:
        if existed and not verified.unchanged_since_checked(path):
            problems = backup.check_connection(conn, encrypted=False, full=False)
            if problems:
                verified.forget(path)
                raise DamagedFile(path, problems[0], backup.latest_good(path, key))
        pending = migrations.check_compatible(conn, str(path))
        if pending and readonly:
            raise StoreError(
                f"{path.name} needs updating to this version of LEAP Desktop, which cannot be "
                "done while it is open read-only"
            )
        if existed and pending:
            if before_migrate is not None:
                before_migrate(path, pending)
            elif backups:
                try:
                    backup.make_automatic(conn, path, key, "before-update")
                except StoreError as exc:
                    raise StoreError(
                        f"{path.name} needs updating, but no backup could be made first, so it "
                        f"was not changed: {exc}"
                    ) from None
        migrations.apply(conn)
        if not readonly:
            security.notes.extend(identity.settle(conn, path, backup.backups_root(create=False)))
    except LeapError:
        raise
    except driver.DatabaseError as exc:
        if (known := opening_error(exc, path)) is None:
            raise  # a bug, not the file: the report dialog / "unexpected problem"
        raise StoreError(known) from None
    due = False
    if existed and backups and not readonly and backup.daily_due(path, conn):
        if defer_daily_backup:
            due = True
        else:
            try:
                backup.make_automatic(conn, path, key, "daily")
            except StoreError as exc:
                security.notes.append(f"Today's automatic backup could not be made: {exc}")
    assert not conn.in_transaction
    return due


class DamagedFile(StoreError):
    """The file failed its check on open; it is left exactly as it is.

    ``latest_backup`` is the newest automatic backup that passes every check (None if
    there is none). ``PanelStore.restore_damaged`` puts a backup in its place
    without opening or overwriting the damaged file (the app offers that when it meets
    this; so does ``leap restore``)."""

    def __init__(self, path: Path, problem: str, latest_backup: Path | None):
        if latest_backup is not None:
            offer = (
                f"The latest good backup is {latest_backup}, made {day_and_time(backup.made_at(latest_backup))}. "
                f"Open the file in LEAP Desktop to restore it, or run 'leap --db {path} restore {latest_backup}'. "
                "The damaged file is then kept beside it, under a name with 'damaged' in it"
            )
        else:
            offer = (
                "No good automatic backup of it was found. If you made a backup yourself, open the file in "
                f"LEAP Desktop and choose it, or run 'leap --db {path} restore BACKUP'"
            )
        super().__init__(
            f"{path.name} is damaged or has been tampered with, so it was not opened ({problem}). "
            f"It has not been changed. {offer}"
        )
        self.path = path
        self.problem = problem
        self.latest_backup = latest_backup
