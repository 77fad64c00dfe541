"""The tables sync keeps in each panel file (migration m010), and small reads of them.

They are not record tables: each laptop keeps its own (what it applied, what waits),
so they are neither exported nor synced. ``sync_audit`` holds every other laptop's
audit entries exactly as that laptop chained them, so ``leap check`` can verify each
chain; like ``audit`` it refuses changes.
"""

from __future__ import annotations

SCHEMA = """
CREATE TABLE sync_applied (
    device TEXT NOT NULL,
    seq INTEGER NOT NULL,
    audit_seq INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    changes INTEGER NOT NULL,
    PRIMARY KEY (device, seq)
) STRICT;

CREATE TABLE sync_audit (
    device TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    change_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    op TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (device, seq)
) STRICT;
CREATE TRIGGER sync_audit_no_update BEFORE UPDATE ON sync_audit
    BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER sync_audit_no_delete BEFORE DELETE ON sync_audit
    BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;

CREATE TABLE sync_conflicts (
    number INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    device TEXT NOT NULL,
    seq INTEGER NOT NULL,
    reason TEXT NOT NULL,
    kept TEXT NOT NULL,
    waiting TEXT NOT NULL,
    noted_at TEXT NOT NULL,
    settled_at TEXT,
    settled_how TEXT
) STRICT;
CREATE UNIQUE INDEX sync_conflicts_once ON sync_conflicts(tbl, row_id, waiting);

CREATE TABLE sync_origin (
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    device TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id)
) STRICT;

CREATE TABLE sync_field_times (
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    audit_seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    device TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, col)
) STRICT;

CREATE TABLE sync_runs (
    at TEXT NOT NULL,
    sent INTEGER NOT NULL,
    received INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    conflicts INTEGER NOT NULL
) STRICT;
"""

#: Prefix of the ``change_id`` of audit entries written while applying another
#: laptop's file: ``sync:<device>:<sequence>``.
SYNC_CHANGE = "sync:"


#: The ``op`` of an audit entry that records a conflict settled by keeping the record as
#: it is: its ``before`` is the version set aside, its ``after`` the record, unchanged.
SETTLE = "settle"


def close_kept_elsewhere(conn, entries: list[dict], at: str) -> None:
    """Another laptop's audit entries, as its file brought them: a conflict it settled
    by keeping its version (:data:`SETTLE`) closes here too, if the version it set aside
    is the one waiting here (in the fields the conflict is about)."""
    import json

    for entry in entries:
        if entry.get("op") != SETTLE or not entry.get("before"):
            continue
        aside = json.loads(entry["before"])
        for number, kept, waiting in conn.execute(
            "SELECT number, kept, waiting FROM sync_conflicts WHERE tbl = ? AND row_id = ? AND settled_at IS NULL",
            (entry.get("tbl"), entry.get("row_id")),
        ).fetchall():
            kept, waiting = json.loads(kept), json.loads(waiting)
            fields = [k for k in waiting if k != "updated_at" and kept.get(k) != waiting[k]]
            if fields and all(aside.get(k) == waiting[k] for k in fields):
                mark_settled(conn, number, at, "on another laptop")


def mark_settled(conn, number: int, at: str, how: str) -> None:
    conn.execute("UPDATE sync_conflicts SET settled_at = ?, settled_how = ? WHERE number = ?", (at, how, number))


def last_run(store) -> dict:
    rows = store.rows("SELECT at, sent, received, refused FROM sync_runs ORDER BY rowid DESC LIMIT 1")
    return rows[0] if rows else {"at": None, "sent": 0, "received": 0, "refused": 0}


def counts(store) -> dict[str, int]:
    return {
        "conflicts_waiting": store.scalar("SELECT count(*) FROM sync_conflicts WHERE settled_at IS NULL"),
        "files_applied": store.scalar("SELECT count(*) FROM sync_applied"),
        "devices": store.scalar("SELECT count(DISTINCT device) FROM sync_applied"),
    }


def conflict_rows(store, *, settled: bool = False, number: int | None = None) -> list[dict]:
    if number is not None:
        return store.rows("SELECT * FROM sync_conflicts WHERE number = ?", [number])
    where = "" if settled else "WHERE settled_at IS NULL"
    return store.rows(f"SELECT * FROM sync_conflicts {where} ORDER BY number")


def mark_waiting(conn, number: int) -> None:
    """Open a settled conflict again (undoing the settling on this laptop)."""
    conn.execute("UPDATE sync_conflicts SET settled_at = NULL, settled_how = NULL WHERE number = ?", (number,))


def origin_of(store, table: str, row_id: str, version: dict, columns: list[str]) -> str | None:
    """Which laptop made ``version`` of a row: "" for this laptop, another laptop's
    device id, or None when no audit entry holds it. An entry holds it when it left the
    row with ``version``'s ``updated_at`` and ``columns`` (the fields in conflict). An
    entry written while applying another laptop's file (``sync:<device>:<n>``) names
    that laptop; every laptop's own entries travel in ``sync_audit``."""
    import json

    wanted = ["updated_at", *columns]

    def same(after: str | None) -> bool:
        if after is None:
            return False
        row = json.loads(after)
        return all(row.get(c) == version.get(c) for c in wanted)

    for row in store.rows("SELECT change_id, after FROM audit WHERE tbl = ? AND row_id = ? AND op != ? "
                          "ORDER BY seq DESC", [table, row_id, SETTLE]):
        if same(row["after"]):
            change = row["change_id"]
            return change.split(":")[1] if change.startswith(SYNC_CHANGE) and change.count(":") >= 2 else ""
    for row in store.rows("SELECT device, change_id, after FROM sync_audit WHERE tbl = ? AND row_id = ? "
                          "AND op != ? ORDER BY at DESC, seq DESC", [table, row_id, SETTLE]):
        if same(row["after"]) and not row["change_id"].startswith(SYNC_CHANGE):
            return row["device"]
    return None
