"""Snapshots of approved minutes: the records they were made from, kept as JSON with
the approved version, so an old version reads as it was approved."""

from __future__ import annotations

import json
from typing import Any

from ..domain.errors import RuleError
from ..domain.model import BY_TABLE, Record
from ..store import queries
from ..store.codec import from_row, to_row

# -- snapshots of approved minutes ---------------------------------------------------------------

SNAPSHOT_FORMAT = "leap-minutes-snapshot-1"


def snapshot(rows: queries.MinutesRows) -> str:
    """The records of approved minutes as JSON, kept with the approved version."""
    data: dict[str, Any] = {"format": SNAPSHOT_FORMAT, "meeting": to_row(rows.meeting)}
    data["previous"] = to_row(rows.previous) if rows.previous else None
    for name, _ in queries.MinutesRows.LISTS:
        data[name] = [to_row(r) for r in getattr(rows, name)]
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def rows_from_snapshot(text: str) -> queries.MinutesRows:
    data = json.loads(text)
    if data.get("format") != SNAPSHOT_FORMAT:
        raise RuleError("This version of the minutes was kept in a form this LEAP Desktop cannot read")
    meeting_cls = BY_TABLE["meetings"]
    for key in ("meeting", "previous"):  # kept before meetings had an invitation version
        if data.get(key):
            data[key].setdefault("invite_sequence", 0)
    rows = queries.MinutesRows(
        meeting=from_row(meeting_cls, data["meeting"]),  # type: ignore[arg-type]
        previous=from_row(meeting_cls, data["previous"]) if data.get("previous") else None,  # type: ignore[arg-type]
    )
    for name, cls in queries.MinutesRows.LISTS:
        setattr(rows, name, [from_row(cls, r) for r in data.get(name, [])])
    return rows


def records_of(rows: queries.MinutesRows) -> list[Record]:
    out: list[Record] = [rows.meeting]
    for name, _ in queries.MinutesRows.LISTS:
        out.extend(getattr(rows, name))
    return out
