"""The panel file: open it, change it one audited transaction at a time, read it.

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
import json
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..domain.errors import LeapError, StoreError
from ..domain.model import Record
from ..words import day_and_time
from . import anchor, audit, backup, identity, leftovers, lock, lostlog, migrations, unlock, verified
from .codec import from_row, to_row
from .connection import connect, driver, known_sql_error, opening_error, writable_problem
from .keys import KeyStore

if TYPE_CHECKING:
    from sqlite_utils import Database

    from . import protect

R = TypeVar("R", bound=Record)


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


class PanelStore:
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
        #: the day's automatic backup was left for :meth:`start_daily_backup`
        self.daily_backup_due = False
        self._background: threading.Thread | None = None

    @property
    def db(self) -> Database:
        """sqlite-utils over the connection, for writing rows: imported at the first
        change, not at opening (it takes a moment to load; reading needs only SQL)."""
        if self._db is None or self._db.conn is not self.conn:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def _query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    # -- opening ----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        *,
        create: bool = False,
        actor: str | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        before_migrate: Callable[[Path, list[str]], None] | None = None,
        connection_factory: Callable[..., Any] | None = None,
        ask: "unlock.Ask | None" = None,
        passphrase: str | None = None,
        encrypt: bool = True,
        require_keyring: bool = False,
        keystore: KeyStore | None = None,
        readonly: bool = False,
        backups: bool = True,
        defer_daily_backup: bool = False,
    ) -> "PanelStore":
        """Open (and with ``create``, make) a panel file, bringing its schema up to date.

        The one way a panel file is opened (see ``docs/security.md``):

        * takes the writer's lock (:mod:`.lock`); another writer gets
          :class:`~.lock.PanelInUse`; ``readonly`` opens without it and without writing;
        * finds the key (:mod:`.unlock`): the keyring first, then ``ask(request)`` for the
          recovery key or passphrase. A new file is encrypted with a new random key (or
          one from ``passphrase``) unless ``encrypt=False``; ``store.security`` then
          holds the recovery key to show once. With ``require_keyring``, a new file
          without a passphrase is refused (``unlock.KeyNotKept``, nothing made) when no
          keyring can keep its key;
        * a file that cannot be written here (permissions, a read-only folder) opens
          read-only, with the reason in ``store.read_only_reason``;
        * checks the file (``quick_check``): a damaged file is refused untouched, naming
          the latest good backup (:class:`DamagedFile`);
        * refuses a file from a newer LEAP Desktop or not a panel file, untouched;
        * backs up before any migration (``before_migrate(path, pending)`` replaces that)
          and once a day (``backups=False`` turns automatic backups off). With
          ``defer_daily_backup`` the day's backup is not made here: ``daily_backup_due``
          says it is wanted, and :meth:`start_daily_backup` makes it in the background
          (the desktop app does that once its window is on screen). Backups before a
          migration are always made first, whatever this says.

        ``connection_factory(path, create=...)`` bypasses keys and locks (low-level tests).
        """
        path = Path(path)
        existed = path.exists() and path.is_file() and path.stat().st_size > 0
        keystore = keystore or KeyStore()
        # A file that cannot be changed here (its permissions, a read-only folder or
        # stick, a read-only -shm) opens read-only and says why, rather than failing.
        cannot_write = writable_problem(path) if existed and not readonly and connection_factory is None else None
        if cannot_write is not None:
            readonly = True
        held = None
        if connection_factory is None and not readonly and path.parent.is_dir() and (existed or create):
            held = lock.acquire(path)
        cleaned, lost = 0, None
        try:
            if held is not None:
                cleaned = leftovers.clean(path)  # what a killed key change or backup left
                lost = lostlog.problem_at_open(path, held.left_open)  # before SQLite makes a new log
            if connection_factory is not None:
                conn = connection_factory(path, create=create)
                security = unlock.Security(False, "", opened_with="connection factory")
            else:
                try:
                    conn, security = unlock.open_connection(
                        path, create=create, readonly=readonly, ask=ask, keystore=keystore,
                        passphrase=passphrase, encrypt=encrypt, require_keyring=require_keyring,
                    )
                except unlock.KeyProvedRight as exc:
                    verified.forget(path)
                    raise DamagedFile(path, exc.how, backup.latest_good(path, exc.key)) from None
            if held is not None:
                held.mark(open=True)  # from now on a kill leaves a log that matters
            try:
                store = cls._open_connection(
                    conn, path, existed=existed, security=security, actor=actor, clock=clock,
                    before_migrate=before_migrate, readonly=readonly,
                    backups=backups and connection_factory is None, defer_daily_backup=defer_daily_backup,
                )
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if held is not None:
                held.release()
            raise
        store._lock = held
        store.keystore = keystore
        if cleaned:
            store.security.notes.insert(0, leftovers.words(path, cleaned))
        if lost is not None:
            lostlog.remember(path, lost)  # leap check reports it until accepted
            store.security.notes.insert(0, lost)
        if cannot_write is not None:
            store.read_only_reason = cannot_write
        return store

    @classmethod
    def _open_connection(cls, conn, path: Path, *, existed: bool, security, actor, clock, before_migrate, readonly, backups,
                         defer_daily_backup: bool = False):
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
            store = cls(conn, path, actor=actor or default_actor(), clock=clock)
            store._load_column_types()
        except LeapError:
            raise
        except driver.DatabaseError as exc:
            if (known := opening_error(exc, path)) is None:
                raise  # a bug, not the file: the report dialog / "unexpected problem"
            raise StoreError(known) from None
        store.security = security
        store.readonly = readonly
        if existed and backups and not readonly and backup.daily_due(path, conn):
            if defer_daily_backup:
                store.daily_backup_due = True
            else:
                try:
                    backup.make_automatic(conn, path, key, "daily")
                except StoreError as exc:
                    security.notes.append(f"Today's automatic backup could not be made: {exc}")
        assert not conn.in_transaction
        return store

    def _load_column_types(self) -> None:
        for table in migrations.RECORD_TABLES:
            info = self.conn.execute(f"PRAGMA table_info({table})").fetchall()
            self._column_types[table] = {row[1]: row[2].upper() for row in info}

    def close(self) -> None:
        """Close the file and release the writer's lock. Closing twice is harmless.
        A backup still being made in the background is finished first."""
        if self._closed:
            return
        self.wait_for_background()
        self._closed = True
        self._close_connection()
        if not self.readonly and self._lock is not None:
            # Checked at open, changed only through SQLite since: note it as good.
            verified.remember_checked(self.path)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _use_connection(self, conn) -> None:
        """Carry on over a new connection (after the file was swapped for a new one)."""
        self.conn = conn
        self._load_column_types()

    # -- the day's backup, in the background --------------------------------------------------

    def make_daily_backup(self) -> Path | None:
        """Make today's automatic backup if it is still due; its path, or None.

        Safe to call from another thread while this store carries on: it opens a
        read-only connection of its own (with the file's key) and uses only that one, in
        the thread that made it. The copy (SQLite's backup API) and the row counts it is
        checked against are read in one snapshot, so changes committed meanwhile on the
        store's own connection neither block it nor spoil the check. Raises
        :class:`StoreError` with a plain message when it cannot be made."""
        key = self.security.key
        try:
            conn = connect(self.path, readonly=True, key=key, plaintext=key is None)
        except StoreError as exc:
            raise StoreError(f"the file could not be read for it ({exc})") from None
        try:
            if not backup.daily_due(self.path, conn):
                self.daily_backup_due = False
                return None
            conn.execute("BEGIN")  # one read snapshot for the copy and its check
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            try:
                made = backup.make_automatic(conn, self.path, key, "daily")
            finally:
                conn.rollback()
        except driver.Error as exc:
            raise StoreError(str(exc)) from None
        finally:
            conn.close()
        self.daily_backup_due = False
        return made

    def start_daily_backup(
        self, done: Callable[[Path | None, BaseException | None], None] | None = None
    ) -> threading.Thread | None:
        """Make today's backup (if due) in a worker thread; ``done(path, problem)`` is
        called from that thread when it ends (``problem`` is the exception, if any).
        Closing the store, and every change of key or restore, waits for it first."""
        if not self.daily_backup_due or self._closed or self.readonly:
            return None
        if self._background is not None and self._background.is_alive():
            return self._background

        def work() -> None:
            try:
                made = self.make_daily_backup()
            except BaseException as exc:  # handed to ``done``: the caller decides how to say it
                if done is not None:
                    done(None, exc)
                return
            if done is not None:
                done(made, None)

        self._background = threading.Thread(target=work, name="leap-daily-backup", daemon=False)
        self._background.start()
        return self._background

    @property
    def background_busy(self) -> bool:
        """Whether a backup is being made in the background now."""
        return self._background is not None and self._background.is_alive()

    def wait_for_background(self) -> None:
        """Wait for a backup being made in the background, if there is one."""
        thread, self._background = self._background, None
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    # -- protecting the file (see store/protect.py) ----------------------------------------

    def encrypt(self, key) -> "unlock.Security":
        from . import protect

        self.wait_for_background()
        return protect.encrypt(self, key)

    def rekey(self, key) -> "unlock.Security":
        from . import protect

        self.wait_for_background()
        return protect.rekey(self, key)

    def backup_to(self, out: str | os.PathLike) -> Path:
        from . import protect

        self.wait_for_background()
        return protect.backup_to(self, Path(out))

    def export_plaintext(self, out: str | os.PathLike) -> Path:
        from . import protect

        self.wait_for_background()
        return protect.export_plaintext(self, Path(out))

    def restore_from(self, source: str | os.PathLike, *, ask: "unlock.Ask | None" = None) -> Path:
        """Replace the panel with a backup (checked first); listeners hear of every table."""
        from . import protect

        self.wait_for_background()
        saved = protect.restore(self, Path(source), ask=ask)
        change = Change(id=new_id(), summary=f"Restore {Path(source).name}", at=self.now(), tables=set(migrations.RECORD_TABLES))
        for listener in list(self.listeners):
            listener(change)
        return saved

    @staticmethod
    def restore_damaged(path: str | os.PathLike, source: str | os.PathLike, *, ask: "unlock.Ask | None" = None,
                        keystore: KeyStore | None = None) -> "protect.DamagedRestore":
        """Put a checked copy of the backup ``source`` in place of the damaged panel file
        ``path`` (one that raised :class:`DamagedFile`), without opening the damaged file
        and without overwriting it: it is moved aside to ``NAME.damaged-<date>T<time>.leap``
        beside it, owner-only and byte for byte as it was. The copy keeps the backup's
        key. Then open the panel as usual. See :func:`.protect.restore_over_damaged`."""
        from . import protect

        return protect.restore_over_damaged(Path(path), Path(source), ask=ask, keystore=keystore)

    def _close_connection(self) -> None:
        if self.conn.in_transaction:  # never expected: changes always end their transaction
            self.conn.rollback()
        if not self.readonly:
            anchor.note(self.path, self.conn)  # where the audit trail reached (store/anchor.py)
            try:
                # Fold the write-ahead log back into the file so it travels as one file.
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except driver.Error:
                pass
        self.conn.close()

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

    def delete(self, record: R) -> R:
        """Mark a record deleted (a tombstone); the row and its history are kept."""
        return self.update(dataclasses.replace(record, deleted_at=self._require_change().at))

    def restore(self, record: R) -> R:
        """Bring back a deleted record (undo of a deletion)."""
        return self.update(dataclasses.replace(record, deleted_at=None))

    # -- reading -----------------------------------------------------------------------

    def _row(self, table: str, row_id: str) -> dict[str, Any] | None:
        rows = list(self._query(f"SELECT * FROM {table} WHERE id = ?", [row_id]))
        return rows[0] if rows else None

    def get(self, cls: type[R], record_id: str | None, *, include_deleted: bool = False) -> R | None:
        if record_id is None:
            return None
        row = self._row(cls.TABLE, record_id)
        if row is None or (row["deleted_at"] is not None and not include_deleted):
            return None
        return from_row(cls, row)  # type: ignore[return-value]

    def by_number(self, cls: type[R], number: int) -> R | None:
        rows = self.select(cls, "number = ?", [number], include_deleted=True)
        return rows[0] if rows else None

    def select(
        self,
        cls: type[R],
        where: str | None = None,
        params: Iterable[Any] = (),
        *,
        order_by: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        include_deleted: bool = False,
    ) -> list[R]:
        clauses = [] if include_deleted else ["deleted_at IS NULL"]
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {cls.TABLE}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
            if offset:
                sql += f" OFFSET {int(offset)}"
        return [from_row(cls, row) for row in self._query(sql, params)]  # type: ignore[misc]

    def find(
        self,
        cls: type[R],
        *,
        order_by: str | None = None,
        limit: int | None = None,
        include_deleted: bool = False,
        **equals: Any,
    ) -> list[R]:
        """Records of ``cls`` whose fields equal the given values, e.g.
        ``find(Attendance, meeting_id=m, person_id=p)``: how the services read single
        tables without writing SQL. ``order_by`` names fields, each optionally ``DESC``."""
        where, params = self._equals(cls, equals)
        return self.select(cls, where, params, order_by=self._order(cls, order_by), limit=limit,
                           include_deleted=include_deleted)

    def count(self, cls: type[R], **equals: Any) -> int:
        """How many live records of ``cls`` have the given field values."""
        where, params = self._equals(cls, equals)
        return self.scalar(
            f"SELECT count(*) FROM {cls.TABLE} WHERE deleted_at IS NULL" + (f" AND {where}" if where else ""), params
        )

    @staticmethod
    def _fields(cls: type[Record]) -> set[str]:
        return {fl.name for fl in dataclasses.fields(cls)}

    def _equals(self, cls: type[Record], equals: dict[str, Any]) -> tuple[str | None, list[Any]]:
        unknown = set(equals) - self._fields(cls)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
        clauses, params = [], []
        for name, value in equals.items():
            if value is None:
                clauses.append(f"{name} IS NULL")
            else:
                clauses.append(f"{name} = ?")
                params.append(value.value if hasattr(value, "value") else value)
        return (" AND ".join(clauses) or None), params

    def _order(self, cls: type[Record], order_by: str | None) -> str | None:
        if not order_by:
            return None
        fields = self._fields(cls)
        for part in order_by.split(","):
            words = part.split()
            if not words or words[0] not in fields or words[1:] not in ([], ["DESC"], ["ASC"]):
                raise TypeError(f"cannot order {cls.__name__} by {part.strip()!r}")
        return order_by

    def is_empty(self) -> bool:
        """True when the file holds no records at all (a new file, ready for an import)."""
        return all(self.scalar(f"SELECT count(*) FROM {table}") == 0 for table in migrations.RECORD_TABLES)

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Raw rows for the named queries in :mod:`leap_desktop.store.queries`."""
        return list(self._query(sql, params))

    def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.conn.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    # -- checking ----------------------------------------------------------------------

    def verify(self) -> list[audit.Problem]:
        """Check the file, the audit chain, and every record against its audit trail.

        Returns the problems found, first broken link first; empty means all is well.
        """
        problems: list[audit.Problem] = []
        damage = backup.check_connection(self.conn, encrypted=self.security.encrypted, full=True)
        if damage:
            problems.append(audit.Problem("panel file", "damaged: " + "; ".join(damage[:3])))
            return problems
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check").fetchall()[:1]:
            problems.append(audit.Problem(table, f"row {rowid} points to a missing {parent} record"))
        cursor = self.conn.execute(
            "SELECT seq, at, actor, change_id, summary, op, tbl, row_id, before, after, prev_hash, hash "
            "FROM audit ORDER BY seq"
        )
        names = [d[0] for d in cursor.description]
        broken = audit.verify_chain(dict(zip(names, row)) for row in cursor)
        if broken:
            problems.append(broken)
        problems.extend(self._trail_problems())
        lost = lostlog.remembered(self.path)
        if lost is not None:
            problems.append(audit.Problem("panel file", lost))
        last_after = {
            (tbl, row_id): after
            for tbl, row_id, after in self.conn.execute(
                "SELECT tbl, row_id, after FROM audit WHERE seq IN "
                "(SELECT max(seq) FROM audit GROUP BY tbl, row_id)"
            )
        }
        seen: set[tuple[str, str]] = set()
        for table in migrations.RECORD_TABLES:
            for row in self._query(f"SELECT * FROM {table}"):
                key = (table, row["id"])
                seen.add(key)
                recorded = last_after.get(key)
                where = audit.label(table, row, row["id"])
                if recorded is None:
                    problems.append(audit.Problem(where, "was added outside LEAP Desktop (no audit entry)"))
                elif recorded != audit.canonical(row):
                    problems.append(audit.Problem(where, "was changed outside LEAP Desktop (it differs from its audit trail)"))
        for key, after in last_after.items():
            if key not in seen and after is not None:
                problems.append(
                    audit.Problem(audit.label(key[0], json.loads(after), key[1]), "was removed outside LEAP Desktop")
                )
        return problems


    def _trail_problems(self) -> list[audit.Problem]:
        """The audit log's guards, and its end against where it was seen to reach."""
        problems = []
        present = {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        missing = [name for name in audit.GUARDS if name not in present]
        if missing:
            problems.append(audit.Problem(
                "audit log",
                "the guard that stops its entries being changed or deleted was removed outside LEAP "
                f"Desktop (missing: {', '.join(missing)})",
            ))
        now = anchor.current(self.conn)
        if now is not None:
            seen = anchor.seen_here(self.path, now[0])
            if seen is None:
                seen = anchor.seen_in_backups(backup.backup_folder(self.path, self.conn, create=False), now[0])
            message = anchor.compare(self.conn, seen) if seen is not None else None
            if message:
                problems.append(audit.Problem("panel file", message))
        return problems

    def accept_as_it_is(self) -> None:
        """An older copy was put in place on purpose: compare with this one from now on."""
        anchor.note(self.path, self.conn, force=True)
        lostlog.forget(self.path)


class DamagedFile(StoreError):
    """The file failed its check on open; it is left exactly as it is.

    ``latest_backup`` is the newest automatic backup that passes every check (None if
    there is none). :meth:`PanelStore.restore_damaged` puts a backup in its place
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
