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

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain import rules
from ..domain.errors import RuleError
from ..domain.model import BY_TABLE, Meeting, MinutesVersion, Panel, Person, Record
from ..domain.redact import Redactor
from ..domain.vocab import AttendanceStatus, Consent, DecisionStatus, MinutesStatus, Role
from ..store import queries
from ..store.codec import from_row, to_row
from ..words import clock_after, long_date, plural, start_time
from .trace import Voices, people_by_id, speaker_clean

if TYPE_CHECKING:
    from .panel import PanelService

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


# -- dates --------------------------------------------------------------------------------------


def _time_span(meeting: Meeting) -> str:
    start = start_time(meeting.starts_at)
    if meeting.planned_minutes:
        return f"{start} to {clock_after(meeting.starts_at, meeting.planned_minutes)}"
    return start


# -- assembling ---------------------------------------------------------------------------------


def _roles(roles: tuple[Role, ...]) -> str:
    return rules.roles_label(roles) if roles else ""


def assemble(
    service: "PanelService",
    rows: queries.MinutesRows,
    *,
    panel: Panel | None,
    versions: list[MinutesVersion],
    version: MinutesVersion | None,
    anonymised: bool = False,
    people: dict[str, Person] | None = None,
) -> Minutes:
    """The minutes of ``rows.meeting`` as a reader sees them."""
    people = people if people is not None else people_by_id(service)
    voices = Voices(people, anonymised=anonymised)
    clean = Redactor(people.values(), anonymised=anonymised)
    meeting = rows.meeting
    meetings = {m.id: m for m in rows.related_meetings}
    meetings[meeting.id] = meeting
    items_by_id = {i.id: i for i in [*rows.items, *rows.related_items]}
    contributions = {c.id: c for c in [*rows.contributions, *rows.earlier_contributions]}
    decisions_by_id = {d.id: d for d in [*rows.decisions, *rows.related_decisions]}

    def meeting_label(meeting_id: str | None) -> str | None:
        other = meetings.get(meeting_id or "")
        return f"{other.ref}, {long_date(other.day)}" if other else None

    def said(c, note: str | None = None) -> Said:
        voice = voices.of(c.person_id, c.attribution)
        item = items_by_id.get(c.item_id)
        where = None
        if item is not None and item.meeting_id != meeting.id:
            where = meeting_label(item.meeting_id)
        words = speaker_clean(people, c, clean)
        return Said(ref=c.ref, kind=c.kind.label, text=words(c.text), by=voice.label,
                    roles=_roles(voice.roles), note=words(note), where=where)

    def action_minute(a, came_from: str | None = None) -> ActionMinute:
        return action_line(a, clean, voices, came_from)

    # Attendance, in a stable, readable order: as the names are shown, names first.
    # Anonymous people are counted, not listed (see the module's doc).
    present, apologies = [], []
    hidden = Counter()
    for a in rows.attendance:
        if a.person_id not in people or a.status is AttendanceStatus.ABSENT:
            continue
        if people[a.person_id].consent is Consent.ANONYMOUS:
            hidden[a.status] += 1
            continue
        voice = voices.of(a.person_id)
        entry = Attendee(name=voice.label, roles=_roles(voice.roles), meeting_role=clean(a.meeting_role),
                         by_name=voice.consent in (Consent.NAMED, Consent.INITIALS))
        (present if a.status is AttendanceStatus.PRESENT else apologies).append(entry)
    order = lambda e: (not e.by_name, e.name.casefold())
    present.sort(key=order)
    apologies.sort(key=order)

    sources_of: dict[str, list] = {}
    for s in rows.sources:
        sources_of.setdefault(s.decision_id, []).append(s)
    coproducers_of: dict[str, list] = {}
    for c in rows.coproducers:
        coproducers_of.setdefault(c.decision_id, []).append(c)
    dissent_of: dict[str, list] = {}
    for d in rows.dissent:
        dissent_of.setdefault(d.decision_id, []).append(d)

    def decision_minute(d) -> DecisionMinute:
        shaped: list[Said] = []
        lines: dict[str, CoProducerLine] = {}
        for s in sources_of.get(d.id, []):
            c = contributions.get(s.contribution_id)
            if c is None or c.deleted_at is not None:
                continue
            view = said(c, s.note)
            shaped.append(view)
            voice = voices.of(c.person_id, c.attribution)
            line = lines.setdefault(voice.key, CoProducerLine(name=voice.label, roles=_roles(voice.roles), contributions=[]))
            line.contributions.append(c.ref)
        for cp in coproducers_of.get(d.id, []):
            voice = voices.of(cp.person_id)
            line = lines.setdefault(voice.key, CoProducerLine(name=voice.label, roles=_roles(voice.roles), contributions=[]))
            line.note = clean(cp.note) or line.note or "shaped it outside a recorded contribution"
        since = None
        if d.status in (DecisionStatus.SUPERSEDED, DecisionStatus.REVERSED):
            since = d.status.label + (f": {clean(d.status_note)}" if d.status_note else "")
        status = d.status.label
        if d.status in (DecisionStatus.SUPERSEDED, DecisionStatus.REVERSED):
            status = DecisionStatus.AGREED.label  # what the meeting decided; "since" tells the rest
        return DecisionMinute(
            ref=d.ref, number=d.number, anchor=anchor_name("decision", d.number), title=clean(d.title),
            text=clean(d.text), rationale=clean(d.rationale), summary=clean(d.summary), status=status,
            since=since, method=d.method.label if d.method else None, votes=d.votes, level=d.level.label,
            level_rung=d.level.rung, coproducers=list(lines.values()), shaped_by=shaped,
            dissent=[(voices.of(x.person_id).label if x.person_id else "Unattributed", clean(x.text)) for x in dissent_of.get(d.id, [])],
        )

    said_on: dict[str, list] = {}
    for c in rows.contributions:
        said_on.setdefault(c.item_id, []).append(c)
    decided_on: dict[str | None, list] = {}
    for d in rows.decisions:
        decided_on.setdefault(d.item_id, []).append(d)
    action_minutes = [action_minute(a) for a in rows.actions]
    actions_of_item: dict[str, list[ActionMinute]] = {}
    decision_item = {d.id: d.item_id for d in rows.decisions}
    for a, view in zip(rows.actions, action_minutes):
        item_id = a.item_id or decision_item.get(a.decision_id or "")
        if item_id:
            actions_of_item.setdefault(item_id, []).append(view)

    items: list[ItemMinute] = []
    for item in rows.items:
        presenter = None
        if item.presenter_id in people and people[item.presenter_id].consent is not Consent.ANONYMOUS:
            presenter = voices.of(item.presenter_id).label
        carried = items_by_id.get(item.carried_from_id or "")
        items.append(
            ItemMinute(
                ref=item.ref, number=item.number, anchor=anchor_name("item", item.number),
                position=item.position, title=clean(item.title), purpose=item.purpose.label,
                presenter=presenter, notes=clean(item.notes), state=item.state.label,
                carried_from=meeting_label(carried.meeting_id) if carried else None,
                said=[said(c) for c in said_on.get(item.id, [])],
                decisions=[decision_minute(d) for d in decided_on.get(item.id, [])],
                actions=actions_of_item.get(item.id, []),
            )
        )
    loose = decided_on.get(None, [])
    if loose:  # decisions of the meeting not made on an agenda item
        items.append(
            ItemMinute(ref="", number=0, anchor="", position=len(items) + 1, title="Other decisions",
                       purpose="", presenter=None, notes=None, state="", carried_from=None,
                       decisions=[decision_minute(d) for d in loose])
        )

    done = [
        action_minute(a, came_from(decisions_by_id.get(a.decision_id or ""), items_by_id.get(a.item_id or ""),
                                   clean, meeting_label))
        for a in rows.done_since
    ]

    # Co-authors: everyone whose words are in this record, as their consent allows.
    authors = [c.person_id for c in rows.contributions] + [c.person_id for c in rows.earlier_contributions]
    authors += [cp.person_id for cp in rows.coproducers]
    coauthors, note = _coauthors(people, authors, anonymised)

    status = version.status if version is not None else (rules.minutes_status_of(meeting) or MinutesStatus.DRAFT)
    if status is MinutesStatus.AMENDED:
        status = MinutesStatus.APPROVED  # an old version is shown as it was approved
    number = version.version if version is not None else 1
    return Minutes(
        panel_name=clean(panel.name) if panel else "Panel",
        advises=clean(panel.advises) if panel else None,
        meeting_ref=meeting.ref,
        meeting_number=meeting.number or 0,
        title=clean(meeting.title),
        date=long_date(meeting.day, weekday=True) or meeting.day,
        time=_time_span(meeting),
        place=clean(meeting.place),
        papers_sent_on=long_date(meeting.papers_sent_on),
        status=status,
        version=number,
        anonymised=anonymised,
        marker=marker_name(panel.id if panel else "", meeting, number),
        present=present,
        apologies=apologies,
        present_anonymous=hidden[AttendanceStatus.PRESENT],
        apologies_anonymous=hidden[AttendanceStatus.APOLOGIES],
        items=items,
        actions=action_minutes,
        you_said_we_did=done,
        previous=f"{rows.previous.ref}, {long_date(rows.previous.day)}" if rows.previous else None,
        coauthors=coauthors,
        coauthors_note=note,
        versions=_version_lines(versions, version, meeting, meetings_of(service, versions), decisions_of(service, versions), clean),
        generated_on=long_date(service.today()) or service.today(),
    )


def action_line(a, clean, voices: Voices, came_from: str | None = None) -> ActionMinute:
    """One action as "You said, we did" shows it (the minutes, and each member's
    "What your input changed" document: services/feedback.py)."""
    return ActionMinute(
        ref=a.ref, number=a.number, anchor=anchor_name("action", a.number), what=clean(a.title),
        owner=voices.seen(a.owner_id).label, due=long_date(a.due_on), status=a.status.label,
        outcome=clean(a.outcome), closed_on=long_date(a.closed_on), came_from=came_from,
    )


def came_from(decision, item, clean, meeting_label) -> str | None:
    """Where a done action came from: "D-3 Revise the poster (M-2, 5 March 2026)", or the
    item it was agreed on; ``meeting_label(meeting_id)`` names a meeting."""
    if decision is not None:
        text = f"{decision.ref} {clean(decision.title)}"
        where = meeting_label(decision.meeting_id)
    elif item is not None:
        text = f"the item '{clean(item.title)}'"
        where = meeting_label(item.meeting_id)
    else:
        return None
    return text + (f" ({where})" if where else "")


def _coauthors(people: dict[str, Person], person_ids: list[str], anonymised: bool) -> tuple[list[str], str | None]:
    ids = [pid for pid in dict.fromkeys(person_ids) if pid in people]
    if anonymised:
        groups = Counter()
        hidden = 0
        for pid in ids:
            person = people[pid]
            if person.consent is Consent.ANONYMOUS:
                hidden += 1
            else:
                groups[rules.roles_label(person.roles)] += 1
        lines = [f"{label[:1].upper()}{label[1:]} ({n})" if n > 1 else label[:1].upper() + label[1:] for label, n in sorted(groups.items())]
        note = "Named by role only in this edition for publication."
        if hidden:
            note += f" {plural(hidden, 'more member')} chose to stay anonymous."
        return lines, note
    voices = Voices(people)
    lines, hidden = [], 0
    for pid in ids:
        person = people[pid]
        if person.consent is Consent.ANONYMOUS:
            hidden += 1
            continue
        voice = voices.of(pid)
        shows_role = voice.roles and person.consent is not Consent.ROLE_ONLY
        lines.append(voice.label + (f" ({rules.roles_label(voice.roles)})" if shows_role else ""))
    lines.sort(key=lambda s: s.casefold())
    note = None
    if hidden:
        note = f"and {plural(hidden, 'member')} who chose to stay anonymous."
    return lines, note


def meetings_of(service: "PanelService", versions: list[MinutesVersion]) -> dict[str, Meeting]:
    ids = {v.approved_at_meeting_id for v in versions if v.approved_at_meeting_id}
    return {m.id: m for m in (service.store.get(Meeting, i, include_deleted=True) for i in ids) if m}


def decisions_of(service: "PanelService", versions: list[MinutesVersion]) -> dict[str, Any]:
    from ..domain.model import Decision

    ids = {v.approval_decision_id for v in versions if v.approval_decision_id}
    return {d.id: d for d in (service.store.get(Decision, i, include_deleted=True) for i in ids) if d}


def _version_lines(versions, shown, meeting, approvers, decisions, clean) -> list[VersionLine]:
    lines = []
    for v in versions:
        if shown is not None and v.version > shown.version:
            continue  # an old version shows the history up to itself
        approved = None
        if v.approved_on:
            approved = long_date(v.approved_on)
            at = approvers.get(v.approved_at_meeting_id or "")
            if at is not None:
                approved += f" at {at.ref} ({clean(at.title)})"
            decision = decisions.get(v.approval_decision_id or "")
            if decision is not None:
                approved += f", decision {decision.ref}"
        circulated = None
        if v.circulated_on:
            circulated = long_date(v.circulated_on) + (f", to {clean(v.circulated_to)}" if v.circulated_to else "")
        status = v.status
        if shown is not None and v.version == shown.version and status is MinutesStatus.AMENDED:
            status = MinutesStatus.APPROVED
        lines.append(VersionLine(version=v.version, status=status.label, circulated=circulated, approved=approved,
                                 reason=clean(v.amendment_reason), replaced_on=long_date(v.replaced_on)))
    if not lines:
        status = rules.minutes_status_of(meeting) or MinutesStatus.DRAFT
        earlier = "before LEAP Desktop kept minutes versions"
        lines.append(VersionLine(
            version=1, status=status.label,
            circulated=earlier if status is not MinutesStatus.DRAFT else None,
            approved=earlier if status is MinutesStatus.APPROVED else None, reason=None, replaced_on=None))
    return lines


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
    return assemble(service, rows, panel=service.panel(), versions=all_versions, version=shown, anonymised=anonymised)


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
