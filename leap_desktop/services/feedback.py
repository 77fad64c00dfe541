""""What your input changed": one member's feedback for a period, as plain data.

What they said, which decisions it shaped, what happened next (the actions and their
outcomes), what was noted and what was not taken up and why. It is theirs, so it names
them (whatever they chose for the panel's records); everyone else appears as their
consent allows, and free text goes through the panel's Redactor with that one change.

"You said, we did" here is the minutes' own list (``services/minutes.py``: actions done
after the previous meeting up to this one, each line made by the same
:func:`~.minutes.action_line`), kept to the actions that came from decisions this
member's contributions shaped, so the two never tell a different story.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..domain import rules
from ..domain.errors import RuleError
from ..domain.impact_vocab import Uptake
from ..domain.model import AgendaItem, Decision, Meeting, Person
from ..domain.redact import Redactor
from ..domain.vocab import AttendanceStatus, Consent, MeetingStatus
from ..store import impact_queries, queries
from ..words import long_date
from .minutes import ActionMinute, action_line, came_from
from .trace import Voices, people_by_id

#: The panel's service, handed in by its caller (not imported here, so that no module of
#: services imports panel.py: see tests/unit/services/test_structure.py).
PanelService = Any


@dataclass
class SaidLine:
    ref: str
    date: str  # "5 March 2026"
    where: str  # "M-3 Panel meeting, March 2026: Consent form"
    kind: str
    text: str
    uptake: Uptake
    uptake_label: str  # "Shaped D-4", "Noted", "Not taken up"
    reason: str | None = None


@dataclass
class DecisionLine:
    ref: str
    title: str
    summary: str | None
    status: str
    level: str
    from_refs: list[str]  # this member's contributions that shaped it
    next_steps: list[ActionMinute] = field(default_factory=list)


@dataclass
class Feedback:
    panel_name: str
    person_name: str
    person_ref: str
    roles: str
    period: str  # "1 March 2026 to 31 May 2026", "M-3 Panel meeting, March 2026"
    said: list[SaidLine]
    decisions: list[DecisionLine]
    noted: list[SaidLine]
    not_taken_up: list[SaidLine]
    not_recorded: list[SaidLine]
    you_said_we_did: list[ActionMinute]
    generated_on: str

    @property
    def title(self) -> str:
        return f"What your input changed: {self.person_name}"


def _day(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(str(text).strip()).isoformat()
    except ValueError:
        raise RuleError(f"{what} must be a date like 2026-03-31 (got {text!r})") from None


def build_feedback(service: "PanelService", person: Person, *, since: str | None = None, until: str | None = None,
                   period: str | None = None, done_after: str | None = None) -> Feedback:
    """The feedback for ``person``: contributions at meetings from ``since`` to ``until``
    (dates, both included); "You said, we did" lists actions done after ``done_after``
    (default: the day before ``since``) up to ``until``."""
    since, until = _day(since, "--from"), _day(until, "--to") or service.today()
    if since and since > until:
        raise RuleError(f"The period starts ({since}) after it ends ({until})")
    people = people_by_id(service)
    # Theirs: their own name throughout, whatever they chose for the panel's records.
    people[person.id] = dataclasses.replace(people[person.id], consent=Consent.NAMED)
    voices = Voices(people)
    clean = Redactor(people.values())
    store = service.store
    rows = [r for r in queries.contributions_of(store, person.id)
            if (since is None or r.meeting_day >= since) and r.meeting_day <= until]
    ids = [r.contribution.id for r in rows]
    shaped = impact_queries.shaped_by(store, ids)
    uptake = impact_queries.uptake_of(store, ids)
    said, noted, not_taken, unknown = [], [], [], []
    for r in rows:
        c = r.contribution
        decisions = shaped.get(c.id, [])
        mark = uptake.get(c.id)
        if decisions:
            status, label, reason = Uptake.SHAPED, "Shaped " + ", ".join(d.ref for d in decisions), None
        elif mark is not None:
            status, label, reason = mark.status, mark.status.label, clean(mark.reason)
        else:
            status, label, reason = Uptake.UNKNOWN, Uptake.UNKNOWN.label, None
        line = SaidLine(ref=c.ref, date=long_date(r.meeting_day) or r.meeting_day,
                        where=f"M-{r.meeting_number} {clean(r.meeting_title)}: {clean(r.item_title)}",
                        kind=c.kind.label, text=clean(c.text) or "", uptake=status, uptake_label=label, reason=reason)
        said.append(line)
        {Uptake.NOTED: noted, Uptake.NOT_TAKEN_UP: not_taken, Uptake.UNKNOWN: unknown}.get(status, []).append(line)

    meetings: dict[str, Meeting] = {}

    def meeting_label(meeting_id: str | None) -> str | None:
        if not meeting_id:
            return None
        if meeting_id not in meetings:
            found = store.get(Meeting, meeting_id, include_deleted=True)
            if found is None:
                return None
            meetings[meeting_id] = found
        m = meetings[meeting_id]
        return f"{m.ref}, {long_date(m.day)}"

    by_decision: dict[str, tuple[Decision, list[str]]] = {}
    for r in rows:
        for d in shaped.get(r.contribution.id, []):
            by_decision.setdefault(d.id, (d, []))[1].append(r.contribution.ref)
    actions = impact_queries.actions_of(store, list(by_decision))
    decision_lines = []
    for d, refs in sorted(by_decision.values(), key=lambda pair: pair[0].number or 0):
        decision_lines.append(DecisionLine(
            ref=d.ref, title=clean(d.title) or "", summary=clean(d.summary), status=d.status.label,
            level=d.level.label, from_refs=refs,
            next_steps=[action_line(a, clean, voices) for a in actions.get(d.id, [])]))

    # "You said, we did": the minutes' list, kept to decisions their words ever shaped.
    ever = {d.id for _, d in queries.decisions_shaped_by(store, person.id)}
    if done_after is None and since is not None:
        done_after = (dt.date.fromisoformat(since) - dt.timedelta(days=1)).isoformat()
    done = []
    for a in queries.done_between(store, done_after, until):
        if a.decision_id in ever:
            decision = store.get(Decision, a.decision_id, include_deleted=True)
            item = store.get(AgendaItem, a.item_id, include_deleted=True) if a.item_id else None
            done.append(action_line(a, clean, voices, came_from(decision, item, clean, meeting_label)))
    panel = service.panel()
    me = voices.of(person.id)
    return Feedback(
        panel_name=clean(panel.name) if panel else "Panel",
        person_name=person.display_name, person_ref=person.ref,
        roles=rules.roles_label(me.roles) if me.roles else "",
        period=clean(period) or (f"{long_date(since)} to {long_date(until)}" if since else f"Up to {long_date(until)}"),
        said=said, decisions=decision_lines, noted=noted, not_taken_up=not_taken, not_recorded=unknown,
        you_said_we_did=done, generated_on=long_date(service.today()) or service.today(),
    )


def for_meeting(service: "PanelService", meeting: Meeting) -> list[tuple[Person, Feedback]]:
    """One feedback for every person present at ``meeting``: what they said there, and
    the minutes' "You said, we did" (since the previous meeting) that came from them."""
    if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED):
        raise RuleError(f"{meeting.ref} has not been held ({meeting.status.label.lower()}), so there is no "
                        "feedback from it yet")
    previous = service.previous_meeting(meeting)
    present = [a for a in service.attendance(meeting.id) if a.status is AttendanceStatus.PRESENT]
    if not present:
        raise RuleError(f"Nobody is recorded as present at {meeting.ref}; record the attendance first")
    label = f"{meeting.ref} {meeting.title}, {long_date(meeting.day)}"
    out = []
    for a in present:
        person = service.store.get(Person, a.person_id)
        if person is None:
            continue
        out.append((person, build_feedback(service, person, since=meeting.day, until=meeting.day, period=label,
                                           done_after=previous.day if previous else None)))
    return out
