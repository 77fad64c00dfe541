"""Sync with a shared folder, its status, and the conflicts waiting (docs/sync.md).

Reached from a panel as ``PanelService.sync`` (``leap sync``, File > Sync with a shared
folder…). The engine is in ``store/sync_engine.py``; this layer checks what a person
gave, makes the day's backup before the first sync of a day, tells the app's views that
records changed, and settles conflicts as ordinary audited changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain import model
from ..domain.errors import LeapError, NotFound, StoreError
from ..domain.model import Panel
from ..store import audit, backup, identity, migrations, sync_tables
from ..store.codec import from_row, to_row
from ..store.panel_store import Change, new_id

if TYPE_CHECKING:
    from ..store.sync_engine import Report
    from .sync_shown import ConflictShown
    from .core import PanelCore


@dataclass(frozen=True)
class Conflict:
    number: int
    table: str
    row_id: str
    what: str  # D-12, or the table and row
    device: str
    reason: str
    kept: dict[str, Any]
    waiting: dict[str, Any]
    noted_at: str
    settled_at: str | None
    settled_how: str | None

    def differences(self) -> list[tuple[str, Any, Any]]:
        """(field, kept, waiting) for each field the two versions differ in."""
        skip = {"updated_at", "created_at", "id"}
        names = [n for n in self.kept if n not in skip] + [n for n in self.waiting if n not in self.kept and n not in skip]
        return [(n, self.kept.get(n), self.waiting.get(n)) for n in names if self.kept.get(n) != self.waiting.get(n)]


@dataclass(frozen=True)
class Status:
    last_synced: str | None
    sent: int
    received: int
    refused: int
    conflicts_waiting: int
    files_applied: int
    devices: int


class SyncService:
    def __init__(self, core: "PanelCore"):
        self.core = core
        self.store = core.store

    # -- syncing ------------------------------------------------------------------------

    def sync(self, folder: str | Path, *, digest: str | None = None) -> "Report":
        from ..store.sync_engine import sync_store

        store = self.store
        if store.readonly:
            raise StoreError(f"{store.path.name} is open read-only, so it cannot be synced"
                             + (f": {store.read_only_reason}" if store.read_only_reason else ""))
        key = store.security.key
        if key is None:
            raise LeapError("Only an encrypted panel file can be synced: encrypt it first ('leap encrypt')")
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise LeapError(f"The shared folder {folder} does not exist, or is not a folder; nothing was synced")
        store.wait_for_background()  # the day's backup, if being made, counts as today's
        if store.count(Panel):  # a file being made from the folder has nothing to back up yet
            self._backup_before_first_sync()
        report = sync_store(store, folder, digest=digest, name_of=lambda table, row: audit.label(table, row, row["id"]))
        if report.files_in:
            change = Change(id=new_id(), summary="Sync", at=store.now(), tables=set(migrations.RECORD_TABLES))
            for listener in list(store.listeners):
                listener(change)
        return report

    def _backup_before_first_sync(self) -> None:
        store = self.store
        today = dt.datetime.now().astimezone().strftime("%Y%m%d")
        prefix = f"{store.path.stem}-{today}-"
        if any(b.name.startswith(prefix) for b in backup.automatic_backups(store.path, store.conn)):
            return
        try:
            backup.make_automatic(store.conn, store.path, store.security.key, "before-sync")
        except StoreError as exc:
            raise StoreError(f"No backup could be made before today's first sync, so nothing was synced: {exc}") from None

    # -- status ---------------------------------------------------------------------------

    def status(self) -> Status:
        run, counts = sync_tables.last_run(self.store), sync_tables.counts(self.store)
        return Status(last_synced=run["at"], sent=run["sent"], received=run["received"], refused=run["refused"],
                      **counts)

    # -- conflicts ------------------------------------------------------------------------

    def conflicts(self, *, settled: bool = False) -> list[Conflict]:
        return [self._conflict(row) for row in sync_tables.conflict_rows(self.store, settled=settled)]

    def conflict(self, number: int) -> Conflict:
        rows = sync_tables.conflict_rows(self.store, number=number)
        if not rows:
            raise NotFound(f"There is no sync conflict {number} (see 'leap conflicts')")
        return self._conflict(rows[0])

    @staticmethod
    def _conflict(row: dict[str, Any]) -> Conflict:
        kept, waiting = json.loads(row["kept"]), json.loads(row["waiting"])
        return Conflict(row["number"], row["tbl"], row["row_id"], audit.label(row["tbl"], kept, row["row_id"]),
                        row["device"], row["reason"], kept, waiting, row["noted_at"], row["settled_at"],
                        row["settled_how"])

    def settle(self, number: int, use: str) -> Conflict:
        """Settle conflict ``number``: ``use`` is "kept" (the version shown now) or
        "waiting" (the one that waited). Either way it is one audited change, which every
        other laptop takes at its next sync (closing it there too): taking the waiting
        version saves it as a new change of the record; keeping the version shown leaves
        the record as it is, with an audit entry that says so (``op`` "settle", the
        version set aside as its ``before``)."""
        if use not in ("kept", "waiting"):
            raise LeapError("Say which version to keep: 'kept' (the one in the panel now) or 'waiting'")
        conflict = self.conflict(number)
        if conflict.settled_at is not None:
            raise LeapError(f"Conflict {number} was already settled ({conflict.settled_how})")
        cls = model.BY_TABLE.get(conflict.table)
        if cls is None:
            raise LeapError(f"Conflict {number} is about {conflict.table}, which this version cannot change")
        store = self.store
        how = "kept the version shown" if use == "kept" else "took the version that waited"
        with store.change(f"Settle a sync conflict on {conflict.what}"):
            if use == "waiting":
                self._put(conflict, conflict.waiting)
            elif store.get(cls, conflict.row_id, include_deleted=True) is None:
                raise NotFound(f"{conflict.what} is no longer in this panel")
            else:
                store.note(sync_tables.SETTLE, conflict.table, conflict.row_id, conflict.waiting)
            sync_tables.mark_settled(store.conn, number, store.now(), how)
        return self.conflict(number)

    def reopen(self, number: int) -> Conflict:
        """Undo settling conflict ``number`` on this laptop: it waits again, and when the
        waiting version had been taken, the version kept before is put back (a new
        change, which travels as any other). One settled on another laptop stays so."""
        conflict = self.conflict(number)
        if conflict.settled_at is None:
            raise LeapError(f"Conflict {number} is waiting already")
        if conflict.settled_how not in ("kept the version shown", "took the version that waited"):
            raise LeapError(f"Conflict {number} was settled {conflict.settled_how}, so it cannot be opened here")
        store = self.store
        with store.change(f"Undo settling a sync conflict on {conflict.what}"):
            if conflict.settled_how == "took the version that waited":
                self._put(conflict, conflict.kept)
            sync_tables.mark_waiting(store.conn, number)
        return self.conflict(number)

    def _put(self, conflict: Conflict, version: dict[str, Any]) -> None:
        cls = model.BY_TABLE[conflict.table]
        current = self.store.get(cls, conflict.row_id, include_deleted=True)
        if current is None:
            raise NotFound(f"{conflict.what} is no longer in this panel")
        names = {f.name for f in dataclasses.fields(cls)}
        record = from_row(cls, {k: v for k, v in version.items() if k in names})
        self.store.update(dataclasses.replace(record, created_at=current.created_at, updated_at=current.updated_at))

    # -- which laptop is which ------------------------------------------------------------

    def this_laptop(self) -> str:
        """This panel file's own id: its folder's name in the shared folder, and what
        the app keeps this laptop's choice of shared folder under."""
        found = identity.file_id(self.store.conn)
        if found is None:
            raise LeapError("This panel file has no id of its own yet; open it in LEAP Desktop once, then sync")
        return found

    def shown(self, number: int | None = None) -> list["ConflictShown"]:
        """The conflicts waiting (or conflict ``number``) as people read them, side by
        side (services/sync_shown.py): for the app's conflicts dialog."""
        from .sync_shown import Shower

        shower = Shower(self)
        chosen = [self.conflict(number)] if number is not None else self.conflicts()
        return [shower.show(c) for c in chosen]

    def current_version(self, conflict: Conflict) -> dict[str, Any]:
        """The record as it is in this panel now (it may have changed since the conflict
        was noted): what Keep keeps, and what Take replaces whole."""
        cls = model.BY_TABLE.get(conflict.table)
        record = self.store.get(cls, conflict.row_id, include_deleted=True) if cls is not None else None
        return to_row(record) if record is not None else dict(conflict.kept)

    def waiting_from(self, conflict: Conflict) -> str | None:
        """The id of the laptop where the waiting version was made (this laptop's own,
        :meth:`this_laptop`, or another's), or None when that cannot be told. Not always ``conflict.device`` (the laptop whose
        file brought the conflict): when the later version came in, this laptop's own
        version is the one that waits."""
        columns = [name for name, _, _ in conflict.differences()]
        found = sync_tables.origin_of(self.store, conflict.table, conflict.row_id, conflict.waiting, columns)
        return self.this_laptop() if found == "" else found
