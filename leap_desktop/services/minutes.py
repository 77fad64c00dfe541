"""The minutes of a meeting, assembled as plain data for an export to render.

Everything a reader of the minutes sees is decided here, not in the Word renderer:
which names are shown (each person's attribution consent, made more private where a
contribution asked for it, via :class:`~leap_desktop.services.trace.Voices`), what the
anonymised edition leaves out, the order of the agenda, and the version history. The
renderer (``leap_desktop/export/minutes_docx.py``) only lays it out.

Free text (what was said, titles, notes, outcomes...) goes through the panel's
:class:`~leap_desktop.domain.redact.Redactor`: in the minutes for the panel, the names
of people who chose role only or anonymity are taken out of it, and people who chose
initials appear by their initials. Anonymised minutes (for publication) carry no name
and no initials anywhere: people appear by role only (or as "Anonymous member" where
they chose that), and every panel member's name is taken out of free text.

People who chose to stay anonymous are never tied to what they were seen doing in the
room: they are counted, not listed, under Attendance (so no meeting role such as chair
is shown for them), no presenter is shown for an item they presented, and an action
they own says "Anonymous member" without the number their contributions carry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import rules
from ..domain.errors import RuleError
from ..domain.model import Meeting, MinutesVersion
from ..store import queries
from .minutes_assemble import action_line, assemble, came_from, decisions_of, long_date, meetings_of
from .minutes_data import (
    ANCHOR,
    ANCHOR_KINDS,
    MARKER,
    ActionMinute,
    Attendee,
    CoProducerLine,
    DecisionMinute,
    ItemMinute,
    Minutes,
    Said,
    VersionLine,
    anchor_name,
    marker_name,
    meeting_check,
)
from .minutes_snapshot import SNAPSHOT_FORMAT, frozen_names, records_of, rows_from_snapshot, snapshot, texts_of

if TYPE_CHECKING:
    from .panel import PanelService

#: The minutes' names, wherever they are kept: the data (minutes_data.py), the
#: assembly (minutes_assemble.py) and the snapshots (minutes_snapshot.py).
__all__ = [
    "ANCHOR", "ANCHOR_KINDS", "MARKER", "SNAPSHOT_FORMAT",
    "ActionMinute", "Attendee", "CoProducerLine", "DecisionMinute", "ItemMinute", "Minutes", "Said", "VersionLine",
    "action_line", "anchor_name", "assemble", "came_from", "build_minutes", "decisions_of", "live_rows", "long_date",
    "marker_name", "meeting_check", "meetings_of", "records_of", "frozen_names", "texts_of", "rows_from_snapshot",
    "snapshot", "versions",
]


# -- reading the record ------------------------------------------------------------------------


def versions(service: "PanelService", meeting_id: str) -> list[MinutesVersion]:
    return service.store.find(MinutesVersion, meeting_id=meeting_id, order_by="version")


def live_rows(service: "PanelService", meeting: Meeting) -> queries.MinutesRows:
    return queries.minutes_rows(service.store, meeting, service.previous_meeting(meeting))


def build_minutes(service: "PanelService", meeting: Meeting, *, anonymised: bool = False, version: int | None = None) -> Minutes:
    """The minutes of ``meeting``: the current version from the live record, or with
    ``version`` an earlier approved version from the snapshot kept when it was approved."""
    rules.check_has_minutes(meeting)
    all_versions = versions(service, meeting.id)
    current = all_versions[-1] if all_versions else None
    rows = None
    shown = current
    if version is not None and (current is None or version != current.version):
        shown = next((v for v in all_versions if v.version == version), None)
        if shown is None:
            known = ", ".join(str(v.version) for v in all_versions) or "1"
            raise RuleError(f"The minutes of {meeting.ref} have no version {version} (versions: {known})")
        if not shown.snapshot:
            raise RuleError(f"Version {version} of the minutes of {meeting.ref} was not kept (it was never approved)")
        rows = rows_from_snapshot(shown.snapshot)
    if rows is None:
        rows = live_rows(service, meeting)
    return assemble(service, rows, panel=service.panel(), versions=all_versions, version=shown, anonymised=anonymised,
                    frozen=frozen_names(service.store, shown))
