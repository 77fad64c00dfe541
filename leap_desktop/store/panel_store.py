"""The panel file: change it one audited transaction at a time, and read it.

Its other jobs live beside it: opening (:mod:`.opening`), reading records
(:mod:`.reading`), the day's backup in the background (:mod:`.daily_backup`), changing
its protection (:mod:`.protect`) and checking it (:mod:`.file_check`).

Rules for everything that writes (see ``docs/reliability.md``):

* every user-level change is one ``with store.change("what"):`` block: one
  ``BEGIN IMMEDIATE`` ... ``COMMIT`` with its audit entries, or nothing at all;
* no public method returns with a transaction open;
* rows are never deleted: a deletion sets ``deleted_at`` (a tombstone) so that two
  copies of a panel can be merged later and history is never lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import StoreError
from ..domain.model import Record
from . import anchor, audit, lock, lostlog, migrations, unlock, verified
from .codec import to_row
from .connection import driver, known_sql_error, opening_error
from .daily_backup import DailyBackup, Done
from .keys import KeyStore
from .opening import DamagedFile, OpenOptions, open_file
from .reading import R, RecordReader

if TYPE_CHECKING:
    from sqlite_utils import Database

    from . import protect

__all__ = ["Change", "DamagedFile", "OpenOptions", "PanelStore", "new_id"]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


def default_actor() -> str:
    actor = os.environ.get("LEAP_ACTOR")
    if actor:
        return actor
    try:
        return getpass.getuser()
    except Exception:  # no user name on this system: still record something honest
        return "unknown"


@dataclass
class Change:
    """One user-level change in progress, then committed."""

    id: str
    summary: str
    at: str
    tables: set[str] = field(default_factory=set)
    refs: list[str] = field(default_factory=list)


class PanelStore(RecordReader):
    """A panel file opened for reading and writing."""

    def __init__(self, conn, path: Path, *, actor: str, clock: Callable[[], dt.datetime]):
        self.conn = conn
        self._db: Database | None = None
        self.path = path
        self.actor = actor
        self.clock = clock
        self.listeners: list[Callable[[Change], None]] = []
        self._closed = False
        self._change: Change | None = None
        self._seq = 0
        self._last_hash = audit.GENESIS
        self._column_types: dict[str, dict[str, str]] = {}
        self.security = unlock.Security(False, "")
        self.readonly = False
        self.read_only_reason: str | None = None  # why it is open read-only, in words
        self.keystore = KeyStore()
        self._lock: lock.PanelLock | None = None
        self._daily = DailyBackup(path, lambda: self.security.key)

    @property
    def db(self) -> Database:
        """sqlite-utils over the connection, for writing rows: imported at the first
        change, not at opening (it takes a moment to load; reading needs only SQL)."""
        if self._db is None or self._db.conn is not self.conn:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, options: OpenOptions | None = None, **given: Any) -> "PanelStore":
        """Open (and with ``create``, make) a panel file, bringing its schema up to date.

        How is said by ``options`` (:class:`.opening.OpenOptions`) or by its fields as
        keywords (``create=True``, ``readonly=True``, ``ask=...``, ...); what opening does
        (the lock, the key, the check, migrations, backups) is told at
        :func:`.opening.open_file`."""
        options = dataclasses.replace(options, **given) if options is not None else OpenOptions(**given)
        opened = open_file(Path(path), options)
        try:
            store = cls(opened.conn, opened.path, actor=options.actor or default_actor(), clock=options.clock or utc_now)
            store.reload_column_types()
        except driver.DatabaseError as exc:
            opened.abandon()
            if (known := opening_error(exc, opened.path)) is None:
                raise  # a bug, not the file: the report dialog / "unexpected problem"
            raise StoreError(known) from None
        except BaseException:
            opened.abandon()
            raise
        store.security = opened.security
        store.readonly = opened.readonly
        store.read_only_reason = opened.read_only_reason
        store.keystore = opened.keystore
        store._lock = opened.lock
        store.daily_backup_due = opened.daily_backup_due
        return store

    def close(self) -> None:
        """Close the file and release the writer's lock. Closing twice is harmless.
        A backup still being made in the background is finished first."""
        if self._closed:
            return
        self.wait_for_background()
        self._closed = True
        self.release_connection()
        if not self.readonly and self._lock is not None:
            # Checked at open, changed only through SQLite since: note it as good.
            verified.remember_checked(self.path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- the file under the store, for changing its protection (store/protect.py) ------

    def release_connection(self) -> None:
        """Close the connection, noting where the audit trail reached and folding the
        write-ahead log into the file (the writer's lock is kept)."""
        if self.conn.in_transaction:  # never expected: changes always end their transaction
            self.conn.rollback()
        if not self.readonly:
            anchor.note(self.path, self.conn)  # where the audit trail reached (store/anchor.py)
            try:
                # Fold the write-ahead log back into the file so it travels as one file.
                busy, _frames, _done = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except driver.Error:
                busy = 1
            if not busy:  # every change is in the file now: a kill from here on loses nothing
                self.note_file_open(False)
        self.conn.close()

    def take_connection(self, conn) -> None:
        """Carry on over a new connection (after the file was swapped for a new one)."""
        self.conn = conn
        self.reload_column_types()

    def reload_column_types(self) -> None:
        """Read the record tables' column types again (after opening or a migration)."""
        for table in migrations.RECORD_TABLES:
            info = self.conn.execute(f"PRAGMA table_info({table})").fetchall()
            self._column_types[table] = {row[1]: row[2].upper() for row in info}

    def note_file_open(self, is_open: bool) -> None:
        """Tell the writer's lock whether the file is open (a kill while it is open
        leaves a write-ahead log that matters; none while it is being swapped)."""
        if self._lock is not None:
            self._lock.mark(open=is_open)

    # -- the day's backup, in the background (store/daily_backup.py) -------------------

    @property
    def daily_backup_due(self) -> bool:
        """The day's automatic backup was left for :meth:`start_daily_backup`."""
        return self._daily.due

    @daily_backup_due.setter
    def daily_backup_due(self, due: bool) -> None:
        self._daily.due = due

    def make_daily_backup(self) -> Path | None:
        """Make today's automatic backup if it is still due (see :meth:`.DailyBackup.make`)."""
        return self._daily.make()

    def start_daily_backup(self, done: Done | None = None) -> threading.Thread | None:
        """Make today's backup (if due) in a worker thread; ``done(path, problem)`` is
        called from that thread when it ends (``problem`` is the exception, if any).
        Closing the store, and every change of key or restore, waits for it first."""
        if self._closed or self.readonly:
            return None
        return self._daily.start(done)

    @property
    def background_busy(self) -> bool:
        """Whether a backup is being made in the background now."""
        return self._daily.busy

    def wait_for_background(self) -> None:
        """Wait for a backup being made in the background, if there is one."""
        self._daily.wait()

    # -- protecting the file (store/protect.py, imported when first used: opening a file
    # -- does not need it) -------------------------------------------------------------

    def encrypt(self, key) -> unlock.Security:
        self.wait_for_background()
        from . import protect

        return protect.encrypt(self, key)

    def rekey(self, key) -> unlock.Security:
        self.wait_for_background()
        from . import protect

        return protect.rekey(self, key)

    def backup_to(self, out: str | os.PathLike) -> Path:
        self.wait_for_background()
        from . import protect

        return protect.backup_to(self, Path(out))

    def export_plaintext(self, out: str | os.PathLike) -> Path:
        self.wait_for_background()
        from . import protect

        return protect.export_plaintext(self, Path(out))

    def restore_from(self, source: str | os.PathLike, *, ask: unlock.Ask | None = None) -> Path:
        """Replace the panel with a backup (checked first); listeners hear of every table."""
        self.wait_for_background()
        from . import protect

        saved = protect.restore(self, Path(source), ask=ask)
        change = Change(id=new_id(), summary=f"Restore {Path(source).name}", at=self.now(), tables=set(migrations.RECORD_TABLES))
        for listener in list(self.listeners):
            listener(change)
        return saved

    @staticmethod
    def restore_damaged(path: str | os.PathLike, source: str | os.PathLike, *, ask: unlock.Ask | None = None,
                        keystore: KeyStore | None = None) -> protect.DamagedRestore:
        """Put a checked copy of the backup ``source`` in place of the damaged panel file
        ``path`` (one that raised :class:`DamagedFile`), without opening the damaged file
        and without overwriting it: it is moved aside to ``NAME.damaged-<date>T<time>.leap``
        beside it, owner-only and byte for byte as it was. The copy keeps the backup's
        key. Then open the panel as usual. See :func:`.protect.restore_over_damaged`."""
        from . import protect

        return protect.restore_over_damaged(Path(path), Path(source), ask=ask, keystore=keystore)

    def __enter__(self) -> "PanelStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- time --------------------------------------------------------------------------

    def now(self) -> str:
        return timestamp(self.clock())

    def today(self) -> str:
        """Today's date where the user is (local time)."""
        return self.clock().astimezone().date().isoformat()

    # -- changing ----------------------------------------------------------------------

    @contextmanager
    def change(self, summary: str) -> Iterator[Change]:
        """One user-level change: all of it is saved, or none of it.

        Nested calls join the outer change. Listeners hear about the change only once
        it is committed.
        """
        if self._change is not None:
            yield self._change
            return
        if self.readonly:
            raise StoreError(
                f"{self.path.name} is open read-only, so nothing was saved"
                + (f": {self.read_only_reason}" if self.read_only_reason else "")
            )
        change = Change(id=new_id(), summary=summary, at=self.now())
        self._change = change
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                last = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
                self._seq, self._last_hash = last if last else (0, audit.GENESIS)
                yield change
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except driver.DatabaseError as exc:  # by its code: disk full, read-only, busy, ...
            message = known_sql_error(exc, self.path)
            if message is None:
                raise
            raise StoreError(message) from None
        finally:
            self._change = None
        for listener in list(self.listeners):
            listener(change)

    def _require_change(self) -> Change:
        if self._change is None:
            raise RuntimeError("writes must happen inside store.change()")
        return self._change

    def _normalise(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        types = self._column_types[table]
        for name, value in row.items():
            if value is not None and types.get(name) == "REAL":
                row[name] = float(value)
        return row

    def _audit(self, op: str, table: str, row_id: str, before: dict | None, after: dict | None) -> dict:
        change = self._require_change()
        self._seq += 1
        entry = {
            "seq": self._seq,
            "at": change.at,
            "actor": self.actor,
            "change_id": change.id,
            "summary": change.summary,
            "op": op,
            "tbl": table,
            "row_id": row_id,
            "before": None if before is None else audit.canonical(before),
            "after": None if after is None else audit.canonical(after),
            "prev_hash": self._last_hash,
        }
        entry["hash"] = audit.entry_hash(self._last_hash, entry)
        self._last_hash = entry["hash"]
        change.tables.add(table)
        return entry

    def next_number(self, cls: type[Record]) -> int:
        row = self.conn.execute(f"SELECT coalesce(max(number), 0) + 1 FROM {cls.TABLE}").fetchone()
        return row[0]

    def insert(self, record: R, *, keep_meta: bool = False) -> R:
        """Save a new record (inside a change). Assigns its short number and timestamps
        unless ``keep_meta`` (imports keep the ones they carry)."""
        self._require_change()
        if not keep_meta:
            now = self._change.at  # type: ignore[union-attr]
            meta: dict[str, Any] = {"created_at": now, "updated_at": now, "deleted_at": None}
            if hasattr(record, "number"):
                meta["number"] = self.next_number(type(record))
            record = dataclasses.replace(record, **meta)
        row = self._normalise(record.TABLE, to_row(record))
        self.db[record.TABLE].insert(row)
        self.conn.execute(
            "INSERT INTO audit VALUES (:seq, :at, :actor, :change_id, :summary, :op, :tbl, "
            ":row_id, :before, :after, :prev_hash, :hash)",
            self._audit("insert", record.TABLE, record.id, None, row),
        )
        self._change.refs.append(record.ref)  # type: ignore[union-attr]
        return record

    def insert_many(self, records: Iterable[Record], *, batch: int = 500) -> int:
        """Save many records at once (imports, demo panels), audited like any other."""
        self._require_change()
        by_table: dict[str, list[dict]] = {}
        entries: list[dict] = []
        count = 0
        for record in records:
            row = self._normalise(record.TABLE, to_row(record))
            by_table.setdefault(record.TABLE, []).append(row)
            entries.append(self._audit("insert", record.TABLE, record.id, None, row))
            count += 1
        for table in migrations.RECORD_TABLES:  # parents before children
            if table in by_table:
                self.db[table].insert_all(by_table[table], batch_size=batch)
        self.db["audit"].insert_all(entries, batch_size=batch)
        return count

    def update(self, record: R) -> R:
        """Save a changed record (inside a change). Does nothing if nothing changed."""
        self._require_change()
        before = self._row(record.TABLE, record.id)
        if before is None:
            raise StoreError(f"{record.ref} is not in this panel file")
        after = self._normalise(record.TABLE, to_row(record))
        after["created_at"] = before["created_at"]
        after["updated_at"] = before["updated_at"]
        if after == before:
            return record
        after["updated_at"] = self._change.at  # type: ignore[union-attr]
        changes = {k: v for k, v in after.items() if before.get(k) != v}
        self.db[record.TABLE].update(record.id, changes)
        op = "update"
        if before["deleted_at"] is None and after["deleted_at"] is not None:
            op = "delete"
        elif before["deleted_at"] is not None and after["deleted_at"] is None:
            op = "restore"
        self.conn.execute(
            "INSERT INTO audit VALUES (:seq, :at, :actor, :change_id, :summary, :op, :tbl, "
            ":row_id, :before, :after, :prev_hash, :hash)",
            self._audit(op, record.TABLE, record.id, before, after),
        )
        return dataclasses.replace(record, updated_at=after["updated_at"], created_at=after["created_at"])

    def note(self, op: str, table: str, row_id: str, aside: dict[str, Any]) -> None:
        """An audit entry that changes no record (inside a change), for something decided
        about one: ``op`` names it ("settle": a sync conflict settled by keeping the
        record as it is), ``aside`` is the version set aside (the entry's ``before``).
        Its ``after`` is the record as it stands, so the record still matches its trail."""
        self._require_change()
        now = self._row(table, row_id)
        if now is None:
            raise StoreError(f"{table} {row_id} is not in this panel file")
        self.conn.execute(
            "INSERT INTO audit VALUES (:seq, :at, :actor, :change_id, :summary, :op, :tbl, "
            ":row_id, :before, :after, :prev_hash, :hash)",
            self._audit(op, table, row_id, aside, now),
        )

    def delete(self, record: R) -> R:
        """Mark a record deleted (a tombstone); the row and its history are kept."""
        return self.update(dataclasses.replace(record, deleted_at=self._require_change().at))

    def restore(self, record: R) -> R:
        """Bring back a deleted record (undo of a deletion)."""
        return self.update(dataclasses.replace(record, deleted_at=None))

    # -- checking ----------------------------------------------------------------------

    def verify(self) -> list[audit.Problem]:
        """Check the file, the audit chain, and every record against its audit trail
        (:func:`.file_check.verify`): the problems found, first broken link first."""
        from . import file_check

        return file_check.verify(self.conn, self.path, encrypted=self.security.encrypted)

    def accept_as_it_is(self) -> None:
        """An older copy was put in place on purpose: compare with this one from now on."""
        anchor.note(self.path, self.conn, force=True)
        lostlog.forget(self.path)

