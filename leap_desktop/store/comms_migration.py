"""The schema step for communication needs and the papers sent log (migration m007).

It makes two tables, and moves each meeting's single "papers sent" date into the sent
log as a sending to the whole panel, so no date is lost; each meeting gains the
version number its calendar invitation carries (``invite_sequence``).

Changing rows that already exist is a change to the record like any other, so it is
written to the audit log (as the LEAP Desktop file update, in one change): the moved
dates as new sent-log records, each meeting as updated. ``leap check`` then finds every
record matching its audit trail, as before the update.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from . import audit

ACTOR = "LEAP Desktop (file update)"
SUMMARY = "Update the panel file: each meeting's papers sent date moved into the sent log"
#: Ids of moved dates are made from the meeting's id, so the same file updated twice
#: (say, a copy) gives the same records.
_NAMESPACE = uuid.UUID("6f1d4a52-7c1e-4f8e-9a55-0c6f0d1c2b15")

TABLES = """
CREATE TABLE communication_needs ({meta},
    person_id TEXT NOT NULL REFERENCES people(id),
    paper_format TEXT NOT NULL,
    print_size INTEGER,
    language TEXT,
    days_ahead INTEGER NOT NULL,
    contact_by TEXT
) STRICT;
CREATE UNIQUE INDEX communication_needs_once ON communication_needs(person_id) WHERE deleted_at IS NULL;

CREATE TABLE papers_sent ({meta},
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    person_id TEXT REFERENCES people(id),
    what TEXT NOT NULL,
    paper_format TEXT,
    sent_on TEXT NOT NULL,
    how TEXT
) STRICT;
CREATE INDEX papers_sent_meeting ON papers_sent(meeting_id, person_id)
"""


def moved_id(meeting_id: str) -> str:
    """The id of the sent-log record a meeting's old papers sent date becomes."""
    return str(uuid.uuid5(_NAMESPACE, meeting_id))


def _rows(db: Any, sql: str, params: list[Any] | tuple = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _stamp() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def apply(db: Any, meta: str) -> None:
    for statement in TABLES.format(meta=meta).split(";"):
        if statement.strip():
            db.execute(statement)
    before = {row["id"]: row for row in _rows(db, "SELECT * FROM meetings ORDER BY rowid")}
    db.execute("ALTER TABLE meetings ADD COLUMN invite_sequence INTEGER NOT NULL DEFAULT 0")
    at = _stamp()
    moved = []
    for row in before.values():
        if not row.get("papers_sent_on"):
            continue
        sent = {
            "id": moved_id(row["id"]), "created_at": at, "updated_at": at,
            "deleted_at": row["deleted_at"], "meeting_id": row["id"], "person_id": None,
            "what": "Papers", "paper_format": None, "sent_on": row["papers_sent_on"], "how": None,
        }
        db.execute(
            "INSERT INTO papers_sent (id, created_at, updated_at, deleted_at, meeting_id, person_id, what, "
            "paper_format, sent_on, how) VALUES (:id, :created_at, :updated_at, :deleted_at, :meeting_id, "
            ":person_id, :what, :paper_format, :sent_on, :how)",
            sent,
        )
        moved.append(sent["id"])
    db.execute("ALTER TABLE meetings DROP COLUMN papers_sent_on")
    if not before:
        return
    entries = []
    for sent_id in moved:
        after = _rows(db, "SELECT * FROM papers_sent WHERE id = ?", [sent_id])[0]
        entries.append(("insert", "papers_sent", sent_id, None, after))
    for meeting_id, old in before.items():
        after = _rows(db, "SELECT * FROM meetings WHERE id = ?", [meeting_id])[0]
        entries.append(("update", "meetings", meeting_id, old, after))
    _write_audit(db, entries, at)


def _write_audit(db: Any, entries: list[tuple], at: str) -> None:
    """Append ``entries`` (op, table, id, before, after) to the audit log as one change."""
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0], last[1]) if last else (0, audit.GENESIS)
    change_id = str(uuid.uuid4())
    for op, table, row_id, before, after in entries:
        seq += 1
        entry = {
            "seq": seq, "at": at, "actor": ACTOR, "change_id": change_id, "summary": SUMMARY, "op": op,
            "tbl": table, "row_id": row_id,
            "before": None if before is None else audit.canonical(before),
            "after": audit.canonical(after), "prev_hash": prev,
        }
        entry["hash"] = prev = audit.entry_hash(prev, entry)
        db.execute(
            "INSERT INTO audit VALUES (:seq, :at, :actor, :change_id, :summary, :op, :tbl, "
            ":row_id, :before, :after, :prev_hash, :hash)",
            entry,
        )
