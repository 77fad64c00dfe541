"""The first schema of a panel file: the statements of migration m001 (store/migrations.py).

Kept apart only for size; like every migration that has shipped, never edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# Columns every audited record table has.
META = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
"""

#: The tables, indexes and triggers m001 makes (then :func:`create_search`).
PANEL_RECORD = f"""
    CREATE TABLE panel ({META},
        name TEXT NOT NULL,
        purpose TEXT,
        advises TEXT,
        start_date TEXT
    ) STRICT;

    CREATE TABLE people ({META},
        number INTEGER NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        preferred_name TEXT,
        pronouns TEXT,
        roles TEXT NOT NULL,
        consent TEXT NOT NULL,
        access_needs TEXT,
        payment TEXT,
        active_from TEXT,
        active_to TEXT
    ) STRICT;

    CREATE TABLE meetings ({META},
        number INTEGER NOT NULL UNIQUE,
        title TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        planned_minutes INTEGER,
        place TEXT,
        papers_sent_on TEXT,
        status TEXT NOT NULL
    ) STRICT;
    CREATE INDEX meetings_starts_at ON meetings(starts_at);

    CREATE TABLE attendance ({META},
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        person_id TEXT NOT NULL REFERENCES people(id),
        status TEXT NOT NULL,
        meeting_role TEXT,
        hours REAL
    ) STRICT;
    CREATE UNIQUE INDEX attendance_once ON attendance(meeting_id, person_id)
        WHERE deleted_at IS NULL;
    CREATE INDEX attendance_person ON attendance(person_id);

    CREATE TABLE agenda_items ({META},
        number INTEGER NOT NULL UNIQUE,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        purpose TEXT NOT NULL,
        presenter_id TEXT REFERENCES people(id),
        allotted_minutes INTEGER,
        notes TEXT,
        state TEXT NOT NULL,
        carried_from_id TEXT REFERENCES agenda_items(id)
    ) STRICT;
    CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
    CREATE INDEX agenda_items_carried_from ON agenda_items(carried_from_id);

    CREATE TABLE contributions ({META},
        number INTEGER NOT NULL UNIQUE,
        item_id TEXT NOT NULL REFERENCES agenda_items(id),
        person_id TEXT NOT NULL REFERENCES people(id),
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        said_at TEXT,
        attribution TEXT
    ) STRICT;
    CREATE INDEX contributions_item ON contributions(item_id, said_at);
    CREATE INDEX contributions_person ON contributions(person_id);

    CREATE TABLE decisions ({META},
        number INTEGER NOT NULL UNIQUE,
        title TEXT NOT NULL,
        text TEXT,
        rationale TEXT,
        summary TEXT,
        method TEXT,
        votes_for INTEGER,
        votes_against INTEGER,
        votes_abstain INTEGER,
        level TEXT NOT NULL,
        status TEXT NOT NULL,
        status_note TEXT,
        meeting_id TEXT REFERENCES meetings(id),
        item_id TEXT REFERENCES agenda_items(id),
        supersedes_id TEXT REFERENCES decisions(id),
        decided_on TEXT
    ) STRICT;
    CREATE INDEX decisions_meeting ON decisions(meeting_id);
    CREATE INDEX decisions_item ON decisions(item_id);
    CREATE INDEX decisions_supersedes ON decisions(supersedes_id);
    CREATE INDEX decisions_status ON decisions(status);
    CREATE INDEX decisions_level ON decisions(level);
    CREATE INDEX decisions_decided_on ON decisions(decided_on, number);

    CREATE TABLE decision_sources ({META},
        decision_id TEXT NOT NULL REFERENCES decisions(id),
        contribution_id TEXT NOT NULL REFERENCES contributions(id),
        note TEXT
    ) STRICT;
    CREATE UNIQUE INDEX decision_sources_once ON decision_sources(decision_id, contribution_id)
        WHERE deleted_at IS NULL;
    CREATE INDEX decision_sources_contribution ON decision_sources(contribution_id);

    CREATE TABLE decision_coproducers ({META},
        decision_id TEXT NOT NULL REFERENCES decisions(id),
        person_id TEXT NOT NULL REFERENCES people(id),
        note TEXT
    ) STRICT;
    CREATE UNIQUE INDEX decision_coproducers_once ON decision_coproducers(decision_id, person_id)
        WHERE deleted_at IS NULL;
    CREATE INDEX decision_coproducers_person ON decision_coproducers(person_id);

    CREATE TABLE decision_dissent ({META},
        decision_id TEXT NOT NULL REFERENCES decisions(id),
        person_id TEXT REFERENCES people(id),
        text TEXT NOT NULL
    ) STRICT;
    CREATE INDEX decision_dissent_decision ON decision_dissent(decision_id);

    CREATE TABLE actions ({META},
        number INTEGER NOT NULL UNIQUE,
        title TEXT NOT NULL,
        owner_id TEXT NOT NULL REFERENCES people(id),
        due_on TEXT,
        status TEXT NOT NULL,
        outcome TEXT,
        decision_id TEXT REFERENCES decisions(id),
        item_id TEXT REFERENCES agenda_items(id),
        reported_meeting_id TEXT REFERENCES meetings(id),
        closed_on TEXT
    ) STRICT;
    CREATE INDEX actions_owner ON actions(owner_id);
    CREATE INDEX actions_decision ON actions(decision_id);
    CREATE INDEX actions_item ON actions(item_id);
    CREATE INDEX actions_due ON actions(status, due_on);

    -- The audit log: append-only, each entry chained to the one before by SHA-256.
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
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
        hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_row ON audit(tbl, row_id, seq);
    CREATE INDEX audit_change ON audit(change_id);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
"""


def create_search(db: "Database") -> None:
    """Full-text search over contributions, decisions and actions.

    One FTS5 table per kind, keyed by the record's short number (stable across
    VACUUM, unlike SQLite's rowid), kept in step by triggers so that every path
    that writes a record (the app, an import, a restore) keeps search right.
    """
    searchable = {
        "contributions": "text",
        "decisions": "title, text, rationale, summary",
        "actions": "title, outcome",
    }
    for table, columns in searchable.items():
        cols = [c.strip() for c in columns.split(",")]
        fts = f"{table}_fts"
        db.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        new_values = ", ".join(f"new.{c}" for c in cols)
        db.execute(
            f"""CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table}
            WHEN new.deleted_at IS NULL BEGIN
                INSERT INTO {fts}(rowid, {columns}) VALUES (new.number, {new_values});
            END"""
        )
        db.execute(
            f"""CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN
                DELETE FROM {fts} WHERE rowid = old.number;
                INSERT INTO {fts}(rowid, {columns})
                    SELECT new.number, {new_values} WHERE new.deleted_at IS NULL;
            END"""
        )
        db.execute(
            f"""CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
                DELETE FROM {fts} WHERE rowid = old.number;
            END"""
        )


def split_statements(script: str) -> list[str]:
    """Split a script of simple statements (triggers end in 'END;')."""
    out, current = [], []
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        stripped = line.strip()
        in_trigger = any("CREATE TRIGGER" in c for c in current)
        if stripped.endswith(";") and (not in_trigger or stripped.endswith("END;")):
            out.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    if current:
        out.append("\n".join(current))
    return out
