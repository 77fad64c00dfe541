"""Snapshots of approved minutes: the records they were made from, kept as JSON with
the approved version, so an old version reads as it was approved."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..domain.errors import RuleError
from ..domain.mentions import FREE_TEXT, FrozenNames, freeze
from ..domain.model import BY_TABLE, MinutesVersion, Record
from ..domain.redact import Redactor
from ..domain.vocab import MinutesStatus
from ..store import queries
from ..store.codec import from_row, to_row
from ..store.frozen_names import kept_for

# -- snapshots of approved minutes ---------------------------------------------------------------

SNAPSHOT_FORMAT = "leap-minutes-snapshot-1"


def snapshot(rows: queries.MinutesRows, redactor: Redactor | None = None, panel: Record | None = None) -> str:
    """The records of approved minutes as JSON, kept with the approved version; with
    ``redactor``, also the names it guesses in their free text ("names", see
    :class:`~leap_desktop.domain.mentions.FrozenNames`), so that a member added later
    never changes what the approved minutes say."""
    data: dict[str, Any] = {"format": SNAPSHOT_FORMAT, "meeting": to_row(rows.meeting)}
    data["previous"] = to_row(rows.previous) if rows.previous else None
    for name, _ in queries.MinutesRows.LISTS:
        data[name] = [to_row(r) for r in getattr(rows, name)]
    if redactor is not None:
        records = [*records_of(rows), *([rows.previous] if rows.previous else []), *([panel] if panel else [])]
        data["names"] = freeze(redactor, texts_of(records)).as_json()
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def texts_of(records) -> list[str]:
    """Every free text of ``records`` that reaches the panel."""
    return [t for r in records for name in FREE_TEXT.get(r.TABLE, ()) if (t := getattr(r, name, None))]


def frozen_names(store, version: MinutesVersion | None) -> FrozenNames | None:
    """The names frozen when ``version`` was approved (None: not approved, or kept
    before frozen names existed and never migrated)."""
    if version is None or not version.snapshot or version.status not in (MinutesStatus.APPROVED, MinutesStatus.AMENDED):
        return None
    try:
        names = json.loads(version.snapshot).get("names")
    except (ValueError, AttributeError):
        names = None
    if names is None:
        kept = kept_for(store, version.id)
        names = json.loads(kept) if kept else None
    return FrozenNames.from_json(names)


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


def with_frozen_names(store, version: MinutesVersion) -> MinutesVersion:
    """For an export: a version approved before names were frozen in snapshots carries
    in its snapshot the names frozen for it by migration m008 (store/frozen_names.py)."""
    kept = kept_for(store, version.id) if version.snapshot else None
    if not kept:
        return version
    data = json.loads(version.snapshot)
    if "names" in data:
        return version
    data["names"] = json.loads(kept)
    return dataclasses.replace(version, snapshot=json.dumps(data, sort_keys=True, separators=(",", ":")))
