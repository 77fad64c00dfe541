"""The minutes as plain data (what services/minutes.py assembles and the Word export
lays out), and the names the Word file's bookmarks and marker are given."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..domain.model import Meeting
from ..domain.vocab import MinutesStatus

#: Bookmark names are at most 40 characters in Word (longer ones are cut short when
#: Word saves), so anchors use each record's short number, which never changes:
#: ``leap_item_12``, ``leap_decision_7``, ``leap_action_31``.
ANCHOR_KINDS = ("item", "decision", "action")
ANCHOR = re.compile(r"^_?leap_(item|decision|action)_(\d+)$")
#: The marker naming the panel, meeting and version the file holds.
MARKER = re.compile(r"^_?leap_meeting_(\d+)_v(\d+)_([0-9a-f]{10})$")


def anchor_name(kind: str, number: int | None) -> str:
    return f"leap_{kind}_{number}"


def meeting_check(panel_id: str, meeting_id: str) -> str:
    """Ten hex digits that tie a file to one meeting of one panel file (no names in it)."""
    return hashlib.sha256(f"{panel_id}:{meeting_id}".encode()).hexdigest()[:10]


def marker_name(panel_id: str, meeting: Meeting, version: int) -> str:
    return f"leap_meeting_{meeting.number}_v{version}_{meeting_check(panel_id, meeting.id)}"


# -- the minutes, as plain data -----------------------------------------------------------------


@dataclass
class Said:
    """One contribution as the minutes show it."""

    ref: str
    kind: str  # "Lived-experience insight"
    text: str
    by: str  # a name, initials, a role, or "Anonymous member 2", as consent allows
    roles: str  # "carer", or "" when not shown
    note: str | None = None  # how it shaped a decision (in a decision's list)
    where: str | None = None  # for a source said at another meeting: "M-3, 5 March 2026"


@dataclass
class CoProducerLine:
    name: str
    roles: str
    contributions: list[str]  # refs of their contributions that shaped the decision
    note: str | None = None  # how they shaped it outside a recorded contribution


@dataclass
class DecisionMinute:
    ref: str
    number: int
    anchor: str
    title: str
    text: str | None
    rationale: str | None
    summary: str | None
    status: str
    since: str | None  # what happened later: "Superseded: Replaced by D-4"
    method: str | None
    votes: tuple[int, int, int] | None
    level: str
    level_rung: int
    coproducers: list[CoProducerLine]
    shaped_by: list[Said]
    dissent: list[tuple[str, str]]  # (who, what)


@dataclass
class ActionMinute:
    ref: str
    number: int
    anchor: str
    what: str
    owner: str
    due: str | None
    status: str
    outcome: str | None = None
    closed_on: str | None = None
    came_from: str | None = None  # "D-3 Revise the poster (M-2, 5 March 2026)"


@dataclass
class ItemMinute:
    ref: str
    number: int
    anchor: str
    position: int
    title: str
    purpose: str
    presenter: str | None
    notes: str | None
    state: str
    carried_from: str | None
    said: list[Said] = field(default_factory=list)
    decisions: list[DecisionMinute] = field(default_factory=list)
    actions: list[ActionMinute] = field(default_factory=list)


@dataclass
class VersionLine:
    version: int
    status: str
    circulated: str | None  # "12 March 2026, to all panel members"
    approved: str | None  # "2 April 2026 at M-4 (Panel meeting, April 2026), decision D-9"
    reason: str | None  # why this version was made
    replaced_on: str | None


@dataclass
class Attendee:
    name: str
    roles: str
    meeting_role: str | None
    by_name: bool = True  # shown by name or initials (else by role)


@dataclass
class Minutes:
    panel_name: str
    advises: str | None
    meeting_ref: str
    meeting_number: int
    title: str
    date: str  # "Thursday 5 March 2026"
    time: str  # "14:00 to 16:00"
    place: str | None
    papers_sent_on: str | None
    status: MinutesStatus
    version: int
    anonymised: bool
    marker: str
    present: list[Attendee]
    apologies: list[Attendee]
    present_anonymous: int  # present, chose to stay anonymous: counted, not listed
    apologies_anonymous: int
    items: list[ItemMinute]
    actions: list[ActionMinute]
    you_said_we_did: list[ActionMinute]
    previous: str | None  # "M-2, 5 February 2026"
    coauthors: list[str]
    coauthors_note: str | None
    versions: list[VersionLine]
    generated_on: str

    @property
    def is_draft(self) -> bool:
        return self.status is not MinutesStatus.APPROVED

    @property
    def decisions(self) -> list[DecisionMinute]:
        return [d for item in self.items for d in item.decisions]

    @property
    def contribution_count(self) -> int:
        return sum(len(i.said) for i in self.items)
