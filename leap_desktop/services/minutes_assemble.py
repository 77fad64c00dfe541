"""Assembling a meeting's minutes from its records: names as each person's consent
allows, free text through the panel's Redactor, the anonymised edition, the version
history. The rules are set out in services/minutes.py, which callers import."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..domain import rules
from ..domain.model import Meeting, MinutesVersion, Panel, Person
from ..domain.mentions import FrozenNames
from ..domain.vocab import AttendanceStatus, Consent, DecisionStatus, MinutesStatus, Role
from ..store import queries
from .minutes_data import (
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
)
from ..words import clock_after, long_date, plural, start_time
from .comms import first_sent_on
from .trace import Voices, people_by_id, redactor_for, speaker_clean

if TYPE_CHECKING:
    from .panel import PanelService

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
    frozen: FrozenNames | None = None,
) -> Minutes:
    """The minutes of ``rows.meeting`` as a reader sees them; ``frozen``: the names
    guessed in them when they were approved."""
    people = people if people is not None else people_by_id(service)
    voices = Voices(people, anonymised=anonymised)
    clean = redactor_for(service, people, anonymised=anonymised, frozen=frozen)
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
        papers_sent_on=long_date(first_sent_on(service.store, meeting.id)),
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
