"""Checking an open panel file: its pages, its foreign keys, its audit chain, and every
record against its audit trail (``leap check``, and Check file in the app)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import anchor, audit, backup, lostlog, migrations


def _rows(conn, sql: str) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row))


def verify(conn, path: Path, *, encrypted: bool) -> list[audit.Problem]:
    """Check the file, the audit chain, and every record against its audit trail.

    Returns the problems found, first broken link first; empty means all is well.
    """
    problems: list[audit.Problem] = []
    damage = backup.check_connection(conn, encrypted=encrypted, full=True)
    if damage:
        problems.append(audit.Problem("panel file", "damaged: " + "; ".join(damage[:3])))
        return problems
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:1]:
        problems.append(audit.Problem(table, f"row {rowid} points to a missing {parent} record"))
    cursor = conn.execute(
        "SELECT seq, at, actor, change_id, summary, op, tbl, row_id, before, after, prev_hash, hash "
        "FROM audit ORDER BY seq"
    )
    names = [d[0] for d in cursor.description]
    broken = audit.verify_chain(dict(zip(names, row)) for row in cursor)
    if broken:
        problems.append(broken)
    problems.extend(_trail_problems(conn, path))
    lost = lostlog.remembered(path)
    if lost is not None:
        problems.append(audit.Problem("panel file", lost))
    last_after = {
        (tbl, row_id): after
        for tbl, row_id, after in conn.execute(
            "SELECT tbl, row_id, after FROM audit WHERE seq IN "
            "(SELECT max(seq) FROM audit GROUP BY tbl, row_id)"
        )
    }
    seen: set[tuple[str, str]] = set()
    for table in migrations.RECORD_TABLES:
        for row in _rows(conn, f"SELECT * FROM {table}"):
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


def _trail_problems(conn, path: Path) -> list[audit.Problem]:
    """The audit log's guards, and its end against where it was seen to reach."""
    problems = []
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [name for name in audit.GUARDS if name not in present]
    if missing:
        problems.append(audit.Problem(
            "audit log",
            "the guard that stops its entries being changed or deleted was removed outside LEAP "
            f"Desktop (missing: {', '.join(missing)})",
        ))
    now = anchor.current(conn)
    if now is not None:
        seen = anchor.seen_here(path, now[0])
        if seen is None:
            seen = anchor.seen_in_backups(backup.backup_folder(path, conn, create=False), now[0])
        message = anchor.compare(conn, seen) if seen is not None else None
        if message:
            problems.append(audit.Problem("panel file", message))
    return problems
