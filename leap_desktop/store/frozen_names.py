"""The guessed names of minutes approved before names were frozen with them (m008).

Minutes approved since m008 keep, inside their snapshot, the names guessed in their free
text when they were approved (domain/mentions.py, FrozenNames). For minutes approved
before, migration m008 freezes them as they read at the update, with the panel's people
as they were then, in this table apart from the audited rows (which stay exactly as
they were written), so that a member added later never changes what they say.
"""

from __future__ import annotations

import json
from typing import Any


def _connection(db: Any):
    return getattr(db, "conn", db)


#: Frozen names of minutes approved before m008 (kept apart: their audited rows stay as
#: they were). Minutes approved since keep theirs inside their snapshot.
FROZEN_NAMES = "frozen_names"


def create_table(db: Any) -> None:
    """Migration m008: the table, filled for the minutes approved so far."""
    _connection(db).execute(f"CREATE TABLE {FROZEN_NAMES} (version_id TEXT PRIMARY KEY NOT NULL, names TEXT NOT NULL) STRICT")
    freeze_approved_minutes(db)


def kept_for(store, version_id: str) -> str | None:
    """The frozen names (JSON) kept for an approved version, if any."""
    return store.scalar(f"SELECT names FROM {FROZEN_NAMES} WHERE version_id = ?", [version_id])


def freeze_approved_minutes(db: Any) -> None:
    """For each approved version's snapshot without frozen names: the names guessed in
    it with the panel's people as they are now (what the minutes say today)."""
    from ..domain.mentions import dumps_frozen, freeze, texts_of_rows
    from ..domain.model import Person
    from ..domain.redact import Redactor
    from .codec import from_row

    conn = _connection(db)
    cursor = conn.execute("SELECT * FROM people")
    names = [d[0] for d in cursor.description]
    people = [from_row(Person, dict(zip(names, row))) for row in cursor.fetchall()]
    redactor = Redactor(people)
    cursor = conn.execute("SELECT * FROM panel")
    names = [d[0] for d in cursor.description]
    panel = [dict(zip(names, row)) for row in cursor.fetchall()]
    for version_id, text in conn.execute(
            "SELECT id, snapshot FROM minutes_versions WHERE snapshot IS NOT NULL").fetchall():
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if not isinstance(data, dict) or "names" in data:
            continue
        rows = {"panel": panel, "meetings": [m for m in (data.get("meeting"), data.get("previous")) if isinstance(m, dict)]}
        for key, value in data.items():
            if isinstance(value, list):
                rows.setdefault(_SNAPSHOT_TABLES.get(key, key), []).extend(v for v in value if isinstance(v, dict))
        frozen = freeze(redactor, (t for _, _, _, t in texts_of_rows(rows)))
        conn.execute(f"INSERT OR REPLACE INTO {FROZEN_NAMES} VALUES (?, ?)", [version_id, dumps_frozen(frozen)])


#: The lists of a minutes snapshot (queries.MinutesRows.LISTS) by the table they hold.
_SNAPSHOT_TABLES = {
    "attendance": "attendance", "items": "agenda_items", "related_items": "agenda_items",
    "contributions": "contributions", "earlier_contributions": "contributions",
    "decisions": "decisions", "related_decisions": "decisions", "sources": "decision_sources",
    "coproducers": "decision_coproducers", "dissent": "decision_dissent", "actions": "actions",
    "done_since": "actions", "related_meetings": "meetings",
}


