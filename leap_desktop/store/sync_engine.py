"""One sync of a panel file with a shared folder (see docs/sync.md).

1. Take into the base what an interrupted sync had applied but not yet recorded there.
2. Send: ``Session.diff`` of every synced table against the base gives this laptop's
   changes since it last synced; they go, with its new audit entries, into its next
   file in the folder, and the base takes them (one transaction of the base).
3. Take: every other laptop's files not yet applied, each in its own order, after the
   files of others it had itself applied (its header's ``base``), one transaction per
   file, recorded in ``sync_applied`` in that same transaction: a file seen twice is
   applied once. A file that cannot be used is refused in one line; that laptop's later
   files wait behind it, the other laptops' files still apply.
4. The base takes what was applied; anything this laptop changed while applying (a
   renumbering) is sent at once.

SQLite works on the panel file through APSW (SQLite3 Multiple Ciphers, which reads
SQLCipher 4 files), beside the app's own connection, while the app's writer's lock is held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import apsw

from ..domain.errors import LeapError
from . import migrations, sync_base, sync_format as fmt, sync_tables
from .sync_apply import Applier, field_time
from .sync_policy import policy


@dataclass
class Report:
    sent: int = 0  # changes sent
    received: int = 0  # changes taken in
    files_in: int = 0
    files_out: int = 0
    conflicts: int = 0  # new ones, this sync
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def open_apsw(path: Path, raw_key: bytes):
    conn = apsw.Connection(str(path))
    conn.execute("PRAGMA cipher = 'sqlcipher'")
    conn.execute("PRAGMA legacy = 4")
    conn.execute(f"PRAGMA key = \"x'{raw_key.hex()}'\"")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    return conn


def device_id(conn) -> str:
    rows = conn.execute("SELECT id FROM file_identity LIMIT 1").fetchall()
    device = rows[0][0] if rows else ""
    if not fmt.HEX32.match(device or ""):
        raise LeapError("This panel file has no device id of its own; open it in LEAP Desktop once, then sync")
    return device


def panel_id(conn) -> str | None:
    rows = conn.execute("SELECT id FROM panel ORDER BY created_at, id LIMIT 1").fetchall()
    return rows[0][0] if rows else None


def synced_tables(conn) -> list[str]:
    have = {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    return [t for t in migrations.RECORD_TABLES if t in have]


def sync_store(store, folder: Path, *, digest: str | None = None, name_of: Callable | None = None) -> Report:
    """Sync an open panel (a :class:`PanelStore`) with ``folder``.

    Two copies of SQLite in one process (APSW's and SQLCipher's) must never have the
    same file open at once: POSIX locks belong to the process, so one copy closing the
    file drops the other's locks (https://sqlite.org/howtocorrupt.html, 2.2.1). So the
    store's own connection is closed for the sync, with the writer's lock kept, and
    opened again after; meanwhile the lock says the file is not open, so a kill while
    SQLite tidies its log away is not taken for a lost log."""
    from .connection import connect

    key = store.security.key
    store.release_connection()  # the log folded in, the lock kept and told the file is not open
    store.note_file_open(False)
    try:
        engine = Sync(store.path, key.raw, key.salt, folder, actor=store.actor, digest=digest, name_of=name_of)
        return engine.run()
    finally:
        store.take_connection(connect(store.path, key=key))
        store.note_file_open(True)


class Sync:
    def __init__(self, path: Path, raw_key: bytes, salt: bytes, folder: Path, *, actor: str,
                 digest: str | None = None, name_of: Callable | None = None):
        self.path, self.raw_key, self.salt, self.root = path, raw_key, salt, folder
        self.actor, self.name_of = actor, name_of
        self.conn = open_apsw(path, raw_key)
        self.me = device_id(self.conn)
        pid = panel_id(self.conn)
        if pid is None and digest is None:
            raise LeapError(f"{path.name} has no panel details yet, so it cannot be synced")
        self.digest = digest or fmt.panel_digest(pid)
        self.tables = synced_tables(self.conn)
        self.schema = migrations.schema_version()
        self.report = Report()
        sync_base.attach(self.conn, self.me, f"x'{raw_key.hex()}'")
        sync_base.ensure_tables(self.conn, self.tables)

    def close(self) -> None:
        self.conn.close()

    def run(self) -> Report:
        try:
            self._absorb()  # what a killed sync applied but did not record in the base
            self.send()
            self.take()
            self._absorb()
            self.send(audit_only_if_changes=True)
            self.conn.execute("INSERT INTO sync_runs VALUES (?, ?, ?, ?, ?)", (
                _now(), self.report.sent, self.report.received, len(self.report.refused), self.report.conflicts))
        finally:
            self.close()
        return self.report

    # -- the audit trail's marks ----------------------------------------------------------

    def _audit_end(self) -> int:
        return self.conn.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchall()[0][0]

    def _absorb(self) -> None:
        applied = self.conn.execute("SELECT coalesce(max(audit_seq), 0) FROM sync_applied").fetchall()[0][0]
        mark = sync_base.meta(self.conn, "absorbed")
        if applied <= mark:
            return
        with self.conn:
            sync_base.absorb_synced(self.conn, mark, applied, set(self.tables))
            sync_base.set_meta(self.conn, "absorbed", applied)

    # -- sending ------------------------------------------------------------------------

    def applied(self) -> dict[str, int]:
        return {d: s for d, s in self.conn.execute("SELECT device, max(seq) FROM sync_applied GROUP BY device")}

    def send(self, *, audit_only_if_changes: bool = False) -> None:
        session = apsw.Session(self.conn, "main")
        for table in self.tables:
            session.attach(table)
            session.diff("base", table)
        changeset = session.changeset()
        session.close()
        changed: dict[str, list[str]] = {}
        times: dict[str, dict[str, dict[str, list[str]]]] = {}
        rows: dict[str, dict[str, dict]] = {}
        count = 0
        for change in apsw.Changeset.iter(changeset) if changeset else ():
            values = change.new if change.op == "INSERT" else change.old
            changed.setdefault(change.name, []).append(values[0])
            count += 1
            if change.op == "UPDATE":  # a row changed more than once here carries each field's own time
                names = sync_base.columns(self.conn, "main", change.name)
                cols = [n for n, v in zip(names, change.new) if v is not apsw.no_change and n not in ("id", "updated_at")]
                if len(cols) > 1:
                    times.setdefault(change.name, {})[values[0]] = {
                        c: list(field_time(self.conn, self.me, change.name, values[0], c, "")) for c in cols}
                if policy(change.name).sets_versions:  # this laptop's whole version, should it stand or wait
                    found = self.conn.execute(f"SELECT * FROM main.{change.name} WHERE id = ?", (values[0],))
                    rows.setdefault(change.name, {})[values[0]] = dict(zip(names, found.fetchone()))
        sent_to = sync_base.meta(self.conn, "audit_sent")
        end = self._audit_end()
        if not count and (audit_only_if_changes or end <= sent_to):
            return
        cursor = self.conn.execute(
            "SELECT seq, at, actor, change_id, summary, op, tbl, row_id, before, after, prev_hash, hash "
            "FROM audit WHERE seq > ? AND seq <= ? ORDER BY seq", (sent_to, end))
        names = [d[0] for d in cursor.getdescription()]
        entries = [dict(zip(names, row)) for row in cursor]
        own = fmt.device_folder(self.root, self.digest, self.me)
        written, _ = fmt.sequences(own)
        sequence = max([sync_base.meta(self.conn, "sent"), *written]) + 1
        header = fmt.Header(schema=self.schema, panel=self.digest, device=self.me, sequence=sequence,
                            salt=self.salt.hex(), base=self.applied(), made=_now())
        try:
            fmt.write_new(fmt.file_path(self.root, self.digest, self.me, sequence),
                          fmt.seal(header, fmt.Body(changeset or b"", entries, times, rows), self.raw_key))
        except OSError as exc:
            raise LeapError(f"Could not write to the shared folder {self.root} ({exc.strerror or exc}); "
                            "nothing was sent, and the panel file is as it was") from None
        with self.conn:
            for table, ids in changed.items():
                sync_base.absorb_rows(self.conn, table, ids)
            sync_base.set_meta(self.conn, "sent", sequence)
            sync_base.set_meta(self.conn, "audit_sent", end)
            sync_base.set_meta(self.conn, "absorbed", max(end, sync_base.meta(self.conn, "absorbed")))
        self.report.sent += count
        self.report.files_out += 1

    # -- taking ---------------------------------------------------------------------------

    def take(self) -> None:
        found, other = fmt.devices(self.root, self.digest)
        for name in other:
            self.report.notes.append(f"Left alone {name} in the panel's sync folder: it is not a laptop's folder")
        applied = self.applied()
        waiting: dict[str, list[int]] = {}
        blocked: set[str] = set()
        for device in found:
            if device == self.me:
                continue
            numbers, strays = fmt.sequences(fmt.device_folder(self.root, self.digest, device))
            for name in strays:
                self.report.notes.append(f"Left alone {device[:8]}/{name}: it is not a sync file (a copy made by the sync service?)")
            todo = [n for n in numbers if n > applied.get(device, 0)]
            if todo and todo[0] != applied.get(device, 0) + 1:
                self.report.notes.append(
                    f"Waiting for file {applied.get(device, 0) + 1} from laptop {device[:8]}: the shared folder "
                    "may still be copying it")
                continue
            if todo:
                waiting[device] = todo
        opened: dict[tuple[str, int], tuple] = {}
        while True:
            ready = [d for d in sorted(waiting) if waiting[d] and d not in blocked]
            if not ready:
                break
            progress = False
            for strict in (True, False):
                for device in ready:
                    sequence = waiting[device][0]
                    key = (device, sequence)
                    if key not in opened:
                        opened[key] = self._open(device, sequence)
                    sealed = opened[key]
                    if sealed is None:
                        blocked.add(device)
                        progress = True
                        continue
                    header, body = sealed
                    if strict and any(applied.get(d, 0) < s and d in waiting and waiting[d] and d not in blocked
                                      for d, s in header.base.items() if d not in (self.me, device)):
                        continue  # it had files of another laptop this one has yet to take: those first
                    if self._apply(header, body):
                        applied[device] = sequence
                        waiting[device].pop(0)
                    else:
                        blocked.add(device)
                    progress = True
                    del opened[key]
                    break
                if progress:
                    break
            if not progress:
                break

    def _open(self, device: str, sequence: int):
        name = f"{device[:8]}/{sequence}{fmt.SUFFIX}"
        path = fmt.file_path(self.root, self.digest, device, sequence)
        try:
            header, body = fmt.open_sealed(fmt.read_file(path, name), name, self.raw_key)
            if header.panel != self.digest or header.device != device or header.sequence != sequence:
                raise fmt.Refused(f"{name} was not written for this panel by that laptop (its header says otherwise)")
            if header.schema > self.schema:
                raise fmt.Refused(
                    f"{name} comes from a newer LEAP Desktop (schema {header.schema}; this one has {self.schema}): "
                    "update LEAP Desktop on this laptop to take that laptop's changes")
        except fmt.Refused as exc:
            self.report.refused.append(f"Refused {exc}; that laptop's later files wait behind it")
            return None
        if header.schema < self.schema:
            note = (f"Laptop {device[:8]} uses an older LEAP Desktop (schema {header.schema}): update it, "
                    "so that it can take the changes made here")
            if note not in self.report.notes:
                self.report.notes.append(note)
        return header, body

    def _apply(self, header: fmt.Header, body: fmt.Body) -> bool:
        name = f"{header.device[:8]}/{header.sequence}{fmt.SUFFIX}"
        applier = Applier(self.conn, me=self.me, device=header.device, sequence=header.sequence,
                          actor=self.actor, name_of=self.name_of)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            outcome = applier.apply(body.changeset, body.times, body.rows) if body.changeset else applier.outcome
            self._keep_audit(header.device, body.audit)
            sync_tables.close_kept_elsewhere(self.conn, body.audit, _now())
            self.conn.execute("INSERT INTO sync_applied VALUES (?, ?, ?, ?, ?)", (
                header.device, header.sequence, self._audit_end(), _now(), outcome.changes))
            self.conn.execute("COMMIT")
        except (apsw.Error, ValueError, KeyError, TypeError) as exc:
            self.conn.execute("ROLLBACK")
            self.report.refused.append(f"Refused {name}: its changes could not be applied ({exc}); "
                                       "that laptop's later files wait behind it")
            return False
        self.report.received += outcome.changes
        self.report.files_in += 1
        self.report.conflicts += outcome.conflicts
        self.report.notes.extend(outcome.notes)
        return True

    def _keep_audit(self, device: str, entries: list[dict]) -> None:
        """The other laptop's audit entries, as it chained them (``leap check`` verifies them)."""
        cols = ("seq", "at", "actor", "change_id", "summary", "op", "tbl", "row_id", "before", "after", "prev_hash", "hash")
        for entry in entries:
            self.conn.execute(
                f"INSERT OR IGNORE INTO sync_audit (device, {', '.join(cols)}) VALUES (?{', ?' * len(cols)})",
                [device] + [entry[c] for c in cols])
