"""Applying one laptop's changeset to this panel file, by the written policy.

Runs inside the caller's transaction (one per file). SQLite applies every change that
fits; each one that conflicts is left out by the conflict handler and settled here,
afterwards, in plain SQL (a handler must not write to the database it is applying to):

* the same row changed on both laptops: merged field by field, or, where the table's
  policy says so (locked, or a status changed on both), one whole version stands and
  the other waits in ``sync_conflicts``;
* a short number (D-12) both laptops gave: the record made first keeps it; the other
  is renumbered by the laptop that made it (an ordinary change it then sends on), and
  meanwhile carries a temporary number below zero elsewhere (see docs/sync.md);
* a once-only pair (attendance, a source) both laptops added: the one made first stays,
  the other becomes a tombstone, the same on every laptop.

Every row this leaves changed gets an audit entry in this laptop's own chain, with the
device and file in its ``change_id`` (``sync:<device>:<sequence>``), so ``leap check``
still finds every record matching its audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import apsw

from . import audit
from .sync_policy import policy
from .sync_tables import SETTLE, SYNC_CHANGE

OMIT = apsw.SQLITE_CHANGESET_OMIT
INSERT, UPDATE = "INSERT", "UPDATE"


@dataclass
class Outcome:
    changes: int = 0
    conflicts: int = 0
    notes: list[str] = field(default_factory=list)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Applier:
    def __init__(self, conn, *, me: str, device: str, sequence: int, actor: str, name_of=None):
        self.conn, self.me, self.device, self.sequence, self.actor = conn, me, device, sequence, actor
        self.change_id = f"{SYNC_CHANGE}{device}:{sequence}"
        self.name_of = name_of or (lambda table, row: f"{table} {row['id']}")
        self._columns: dict[str, list[str]] = {}
        self.deferred: list[tuple[int, str, str, list, list, list]] = []
        self.touched: dict[tuple[str, str], None] = {}
        self.times: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}  # fields merged: when set there
        self.waited: set[tuple[str, str]] = set()  # rows with a version set waiting by this file
        self.local: set[tuple[str, str]] = set()  # rows renumbered here: changes this laptop sends on
        self.outcome = Outcome()
        self.told: dict = {}
        self.versions: dict = {}

    # -- reading ---------------------------------------------------------------------------

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [r[1] for r in self.conn.execute(f"PRAGMA main.table_info({table})")]
        return self._columns[table]

    def row(self, table: str, row_id: str, schema: str = "main") -> dict[str, Any] | None:
        cols = self.columns(table)
        found = self.conn.execute(f"SELECT {', '.join(cols)} FROM {schema}.{table} WHERE id = ?", (row_id,)).fetchall()
        return dict(zip(cols, found[0])) if found else None

    def _named(self, table: str, values) -> dict[str, Any]:
        return {c: v for c, v in zip(self.columns(table), values) if v is not apsw.no_change}

    def writer(self, table: str, row_id: str) -> str:
        """The device whose change this row shows (the tie-break after the time)."""
        found = self.conn.execute(
            "SELECT change_id FROM audit WHERE tbl = ? AND row_id = ? AND op != ? ORDER BY seq DESC LIMIT 1",
            (table, row_id, SETTLE)
        ).fetchall()
        if found and found[0][0].startswith(SYNC_CHANGE):
            return found[0][0][len(SYNC_CHANGE):].split(":")[0]
        return self.me

    # -- applying ------------------------------------------------------------------------

    def apply(self, changeset: bytes, told: dict | None = None, versions: dict | None = None) -> Outcome:
        """Apply ``changeset``; ``told``: when the sender set each changed field;
        ``versions``: the sender's whole version of rows that may stand or wait whole."""
        self.told, self.versions = told or {}, versions or {}
        for change in apsw.Changeset.iter(changeset):
            values = change.new if change.op == INSERT else change.old
            self.touched[(change.name, values[0])] = None
            self.outcome.changes += 1
            told_row = self.told.get(change.name, {}).get(values[0]) if change.op == UPDATE else None
            if isinstance(told_row, dict):  # set here as the sender set them, unless settled otherwise below
                self._timed(change.name, values[0], {c: (str(v[0]), str(v[1])) for c, v in told_row.items()
                                                     if isinstance(v, list) and len(v) == 2})
            if change.op == INSERT:
                self.conn.execute("INSERT OR IGNORE INTO sync_origin VALUES (?, ?, ?)", (change.name, values[0], self.device))

        def conflict(reason: int, change) -> int:
            if reason != apsw.SQLITE_CHANGESET_FOREIGN_KEY:
                self.deferred.append((reason, change.op, change.name, list(change.old or ()), list(change.new or ()), []))
            return OMIT

        apsw.Changeset.apply(changeset, self.conn, conflict=conflict)
        for reason, op, table, old, new, _ in self.deferred:
            if op == INSERT:
                self._insert(table, self._named(table, new))
            elif op == UPDATE and reason != apsw.SQLITE_CHANGESET_NOTFOUND:
                self._update(table, self._named(table, old), self._named(table, new))
        self._audit()
        return self.outcome

    def _insert(self, table: str, incoming: dict[str, Any]) -> None:
        current = self.row(table, incoming["id"])
        if current is None:  # refused by a once-only rule (a short number, a pair)
            self.place(table, incoming)
        elif current != {**current, **incoming}:  # the same row added on both: rare; by the policy
            self._settle(table, current, self.row(table, incoming["id"], "base") or {}, incoming)

    def _update(self, table: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        current = self.row(table, old["id"])
        if current is None:
            return
        self._settle(table, current, {**(self.row(table, old["id"], "base") or {}), **old}, new)

    def _settle(self, table: str, current: dict, old: dict, new: dict) -> None:
        """Both laptops changed this row. ``old`` is what the other laptop changed it
        from (where known), ``new`` what it changed to."""
        pol = policy(table)
        theirs = self._theirs(table, current, new)
        if _same(theirs, current):
            if (new.get("updated_at") or "") > (current.get("updated_at") or ""):
                self.place(table, {**current, "updated_at": new["updated_at"]})
            return
        if self._settled_elsewhere(table, current["id"], theirs):
            self.place(table, {**current, **theirs})
            return

        def changed_here(col: str) -> bool:
            return col not in old or current.get(col) != old[col]

        incoming = (new.get("updated_at") or "", self.device)
        told = self.told.get(table, {}).get(current["id"], {})
        if not isinstance(told, dict):
            told = {}
        noted = self.times.pop((table, current["id"]), None)  # decided again below, field by field
        del noted

        def when(col: str) -> tuple[str, str]:
            value = told.get(col)
            return (str(value[0]), str(value[1])) if isinstance(value, list) and len(value) == 2 else incoming

        both = [c for c in new if c not in ("id", "updated_at") and current.get(c) != new[c] and changed_here(c)]
        ours_locked, theirs_locked = pol.locked(current), pol.locked(theirs)
        whole = bool(set(both) & pol.whole_if_both_change)
        if ours_locked or theirs_locked or whole:
            mine = max([self.field_time(table, current, c) for c in both]
                       or [(current.get("updated_at") or "", self.writer(table, current["id"]))])
            take = theirs_locked if ours_locked != theirs_locked else max([when(c) for c in both] or [incoming]) > mine
            if whole and not (ours_locked or theirs_locked):
                # Nothing locked: merged field by field as any edit (the later status
                # stands; what only one laptop changed is kept, the same everywhere),
                # and the version whose status lost waits whole.
                merged = self._merge(table, current, new, changed_here, when)
                ours_stood = all(merged.get(c) == current.get(c) for c in set(both) & pol.whole_if_both_change)
                self._wait(table, merged, theirs if ours_stood else current, pol.words)
                return
            kept, waiting = (theirs, current) if take else (current, theirs)
            if take:
                self.place(table, {**current, **theirs})
                self._timed(table, current["id"], {c: when(c) for c in new})
            self._wait(table, kept, waiting, pol.words)
            return
        self._merge(table, current, new, changed_here, when)

    def _theirs(self, table: str, current: dict, new: dict) -> dict:
        """The other laptop's version of the record, as it sent it. Failing that (a file
        from an earlier LEAP Desktop), what was last synced with its changes laid over:
        that copy may hold this laptop's own changes (it sends before it takes)."""
        rows = self.versions.get(table)
        sent = rows.get(current["id"]) if isinstance(rows, dict) else None
        base = self.row(table, current["id"], "base") or current
        if isinstance(sent, dict) and sent.get("id") == current["id"]:
            return {**base, **{c: v for c, v in sent.items() if c in base}, **new}
        return {**base, **new}

    def _merge(self, table: str, current: dict, new: dict, changed_here, when) -> dict:
        """Field by field: a field only the other laptop changed is taken, one both
        changed takes the later change. Returns the row as it now is."""
        merged, taken = dict(current), {}
        for col, value in new.items():
            if col == "updated_at" or current.get(col) == value:
                continue
            if not changed_here(col) or when(col) > self.field_time(table, current, col):
                merged[col], taken[col] = value, when(col)
        merged["updated_at"] = max(current.get("updated_at") or "", new.get("updated_at") or "")
        if merged != current:
            self.place(table, merged)
            self._timed(table, current["id"], taken)
        return merged

    def _timed(self, table: str, row_id: str, times: dict[str, tuple[str, str]]) -> None:
        """Note when each field taken from the other laptop was set there: the row's own
        ``updated_at`` may be later, from a field changed here."""
        fields = self.times.setdefault((table, row_id), {})
        for col, at in times.items():
            if col not in ("id", "updated_at"):
                fields[col] = at

    def field_time(self, table: str, row: dict, col: str) -> tuple[str, str]:
        return field_time(self.conn, self.me, table, row["id"], col, row.get("updated_at") or "")

    def _settled_elsewhere(self, table: str, row_id: str, theirs: dict) -> bool:
        """A version that waited here arrives as a later change: it was settled on
        another laptop. The conflict is closed and that version is taken."""
        for number, kept, waiting in self.conn.execute(
            "SELECT number, kept, waiting FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND settled_at IS NULL",
            (table, row_id),
        ).fetchall():
            if _same(json.loads(kept), theirs) or _same(json.loads(waiting), theirs):
                self.conn.execute("UPDATE sync_conflicts SET settled_at = ?, settled_how = 'on another laptop' "
                                  "WHERE number = ?", (_now(), number))
                return True
        return False

    def _close_if_settled(self, table: str, row_id: str, now: dict) -> None:
        """A row another laptop changed to the version that waits here: settled there
        (taking that version). The fields in conflict decide: the version that waited
        here may carry this laptop's own changes to other fields, which the settling
        laptop's version need not hold."""
        for number, kept, waiting in self.conn.execute(
            "SELECT number, kept, waiting FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND settled_at IS NULL",
            (table, row_id),
        ).fetchall():
            kept, waiting = json.loads(kept), json.loads(waiting)
            fields = [k for k in waiting if k != "updated_at" and kept.get(k) != waiting[k]]
            taken = _same(waiting, now) or (fields and all(now.get(k) == waiting[k] for k in fields))
            if taken and (table, row_id) not in self.waited:
                self.conn.execute("UPDATE sync_conflicts SET settled_at = ?, settled_how = 'on another laptop' "
                                  "WHERE number = ?", (_now(), number))

    def _wait(self, table: str, kept: dict, waiting: dict, words: str) -> None:
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO sync_conflicts (tbl, row_id, device, seq, reason, kept, waiting, noted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (table, kept["id"], self.device, self.sequence, words, audit.canonical(kept), audit.canonical(waiting), _now()),
        )
        if self.conn.changes():
            self.outcome.conflicts += 1
        self.waited.add((table, kept["id"]))
        del cursor

    # -- writing one row whole, with the once-only rules ---------------------------------------

    def place(self, table: str, row: dict[str, Any]) -> None:
        cols = [c for c in self.columns(table) if c in row]
        for _ in range(8):
            try:
                if self.conn.execute(f"SELECT 1 FROM main.{table} WHERE id = ?", (row["id"],)).fetchall():
                    sets = ", ".join(f"{c} = ?" for c in cols if c != "id")
                    self.conn.execute(f"UPDATE main.{table} SET {sets} WHERE id = ?", [row[c] for c in cols if c != "id"] + [row["id"]])
                else:
                    self.conn.execute(f"INSERT INTO main.{table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                      [row[c] for c in cols])
                self.touched[(table, row["id"])] = None
                return
            except apsw.ConstraintError:
                row = self._make_room(table, row)
        raise apsw.ConstraintError(f"{table} {row['id']} could not be placed")

    def _make_room(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        for index_cols, where in self._unique(table):
            if any(row.get(c) is None for c in index_cols) or (where and row.get("deleted_at") is not None):
                continue
            sql = f"SELECT id FROM main.{table} WHERE id != ? AND " + " AND ".join(f"{c} = ?" for c in index_cols)
            if where:
                sql += f" AND ({where})"
            found = self.conn.execute(sql, [row["id"]] + [row[c] for c in index_cols]).fetchall()
            if not found:
                continue
            other = self.row(table, found[0][0])
            loser_is_row = (row["created_at"], row["id"]) > (other["created_at"], other["id"])
            loser = row if loser_is_row else other
            changed = dict(loser)
            if index_cols == ["number"]:
                owner = self._owner(table, loser["id"], incoming=loser_is_row)
                if owner == self.me:
                    changed["number"] = self._scalar(f"SELECT coalesce(max(number), 0) + 1 FROM main.{table}")
                    changed["updated_at"] = max(_now(), loser["updated_at"])
                    self.local.add((table, loser["id"]))
                    self.outcome.notes.append(
                        f"{self.name_of(table, loser)} was renumbered {self.name_of(table, changed)}: "
                        f"another laptop had made {self.name_of(table, loser)} first")
                else:
                    changed["number"] = min(0, self._scalar(f"SELECT min(number) FROM main.{table}") or 0) - 1
            else:
                changed["deleted_at"] = loser["created_at"]
            if loser_is_row:
                return changed
            self.place(table, changed)
            return row
        raise apsw.ConstraintError(f"{table} {row['id']} breaks a rule that sync cannot settle")

    def _owner(self, table: str, row_id: str, *, incoming: bool) -> str:
        found = self.conn.execute("SELECT device FROM sync_origin WHERE tbl = ? AND row_id = ?", (table, row_id)).fetchall()
        return found[0][0] if found else (self.device if incoming else self.me)

    def _unique(self, table: str) -> list[tuple[list[str], str | None]]:
        out = []
        for _, name, unique, origin, partial in self.conn.execute(f"PRAGMA main.index_list({table})").fetchall():
            if not unique or origin == "pk":
                continue
            cols = [r[2] for r in self.conn.execute(f"PRAGMA main.index_info({name})").fetchall()]
            where = None
            if partial:
                sql = self._scalar("SELECT sql FROM main.sqlite_master WHERE name = ?", [name]) or ""
                match = re.search(r"\bWHERE\b(.*)$", sql, re.S | re.I)
                where = match.group(1).strip() if match else None
            out.append((cols, where))
        return out

    def _scalar(self, sql: str, params=()):
        found = self.conn.execute(sql, params).fetchall()
        return found[0][0] if found else None

    # -- the audit trail ---------------------------------------------------------------------

    def _audit(self) -> None:
        last = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchall()
        seq, prev = last[0] if last else (0, audit.GENESIS)
        at = _now()
        for table, row_id in self.touched:
            now = self.row(table, row_id)
            recorded = self.conn.execute(
                "SELECT after FROM audit WHERE tbl = ? AND row_id = ? ORDER BY seq DESC LIMIT 1", (table, row_id)
            ).fetchall()
            before = recorded[0][0] if recorded else None
            after = None if now is None else audit.canonical(now)
            if after == before:
                continue
            if now is not None:
                self._close_if_settled(table, row_id, now)
            op = "insert" if not recorded else "update"
            local = (table, row_id) in self.local
            seq += 1
            entry = {
                "seq": seq, "at": at, "actor": self.actor,
                "change_id": f"renumber:{self.device}:{self.sequence}" if local else self.change_id,
                "summary": "Renumbered, after a sync" if local else f"Synced from laptop {self.device[:8]}",
                "op": op, "tbl": table, "row_id": row_id, "before": before, "after": after, "prev_hash": prev,
            }
            entry["hash"] = prev = audit.entry_hash(prev, entry)
            self.conn.execute(
                "INSERT INTO audit VALUES (:seq, :at, :actor, :change_id, :summary, :op, :tbl, :row_id, :before, "
                ":after, :prev_hash, :hash)", entry)
            for col, (when, device) in self.times.get((table, row_id), {}).items():
                self.conn.execute("INSERT OR REPLACE INTO sync_field_times VALUES (?, ?, ?, ?, ?, ?)",
                                  (table, row_id, col, seq, when, device))


def field_time(conn, me: str, table: str, row_id: str, col: str, fallback: str) -> tuple[str, str]:
    """(when, device) the value a row has in ``col`` was set: the audit entry that last
    changed it, or for a field merged from another laptop, the time noted then."""
    entries = conn.execute(
        "SELECT seq, change_id, before, after FROM audit WHERE tbl = ? AND row_id = ? AND op != ? ORDER BY seq DESC",
        (table, row_id, SETTLE)).fetchall()
    for seq, change_id, before, after in entries:
        was, now = json.loads(before) if before else {}, json.loads(after) if after else {}
        if before is not None and was.get(col) == now.get(col):
            continue
        noted = conn.execute("SELECT at, device, audit_seq FROM sync_field_times WHERE tbl = ? AND row_id = ? "
                             "AND col = ?", (table, row_id, col)).fetchall()
        if noted and noted[0][2] == seq:
            return noted[0][0], noted[0][1]
        device = change_id[len(SYNC_CHANGE):].split(":")[0] if change_id.startswith(SYNC_CHANGE) else me
        return now.get("updated_at") or "", device
    return fallback, me


def _same(a: dict, b: dict) -> bool:
    """The same version of a record, whenever it was saved."""
    skip = {"updated_at"}
    return {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}
