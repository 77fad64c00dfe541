"""A meeting's papers pack, assembled as plain data for the Word renderer
(export/papers_docx.py) to lay out in each format members need.

The pack holds: the agenda with timings and presenters; the previous meeting's minutes
(the draft, if not yet approved; built by services/minutes.py, so names follow consent
exactly as in the minutes); the open actions and their owners; the decisions to review;
and the list of papers. Names and free text go through the panel's Redactor and each
person's consent (``Voices.seen``: someone anonymous is "Anonymous member"), as in the
minutes. The plain-language edition uses the decisions' plain-language summaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..domain.errors import RuleError
from ..domain.model import Action, Decision, Meeting
from ..domain.vocab import ActionStatus, DecisionStatus
from ..words import clock_after, long_date, when_long
from .minutes import Minutes, build_minutes
from .trace import Voices, people_by_id

if TYPE_CHECKING:
    from .panel import PanelService

#: Decisions the panel is asked to look at again.
TO_REVIEW = (DecisionStatus.PROPOSED, DecisionStatus.DEFERRED)


@dataclass(frozen=True)
class AgendaLine:
    number: int
    time: str  # "14:00 to 14:40", or "" when the item has no time allotted
    title: str
    purpose: str
    presenter: str | None
    minutes: int | None


@dataclass(frozen=True)
class ActionLine:
    ref: str
    what: str
    owner: str
    due: str | None
    status: str


@dataclass(frozen=True)
class DecisionLine:
    ref: str
    title: str
    summary: str | None  # the plain-language summary
    status: str
    decided_on: str | None


@dataclass
class Pack:
    panel_name: str
    meeting_ref: str
    title: str
    when: str
    place: str | None
    agenda: list[AgendaLine]
    previous: Minutes | None
    previous_ref: str | None
    actions: list[ActionLine]
    decisions: list[DecisionLine]
    generated_on: str
    papers: list[str] = field(default_factory=list)


def build_pack(service: "PanelService", meeting: Meeting) -> Pack:
    """The papers pack for ``meeting``, as the panel may read it."""
    people = people_by_id(service)
    clean = service.redactor()
    voices = Voices(people)
    panel = service.panel()
    agenda, clock = [], 0
    for item in service.agenda(meeting.id):
        minutes = item.allotted_minutes
        time = ""
        if minutes:
            time = f"{clock_after(meeting.starts_at, clock)} to {clock_after(meeting.starts_at, clock + minutes)}"
            clock += minutes
        presenter = voices.seen(item.presenter_id).label if item.presenter_id in people else None
        agenda.append(AgendaLine(item.position, time, clean(item.title) or "", item.purpose.label, presenter, minutes))
    previous_meeting = service.previous_meeting(meeting)
    previous = None
    if previous_meeting is not None:
        try:
            previous = build_minutes(service, previous_meeting)
        except RuleError:  # not held (cancelled, or never recorded): no minutes to send
            previous = None
    open_actions = [a for a in service.actions(statuses=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))]
    actions = [_action_line(a, voices, clean) for a in open_actions if a.owner_id in people]
    decisions = [_decision_line(d, clean) for d in service.store.find(Decision, order_by="number")
                 if d.status in TO_REVIEW]
    pack = Pack(
        panel_name=clean(panel.name) if panel else "Panel",
        meeting_ref=meeting.ref,
        title=clean(meeting.title) or meeting.ref,
        when=when_long(meeting.starts_at, meeting.planned_minutes),
        place=clean(meeting.place),
        agenda=agenda,
        previous=previous,
        previous_ref=previous_meeting.ref if previous is not None and previous_meeting else None,
        actions=actions,
        decisions=decisions,
        generated_on=long_date(service.today()) or service.today(),
    )
    pack.papers = _papers(pack)
    return pack


def _action_line(action: Action, voices: Voices, clean) -> ActionLine:
    return ActionLine(action.ref, clean(action.title) or "", voices.seen(action.owner_id).label,
                      long_date(action.due_on), action.status.label)


def _decision_line(decision: Decision, clean) -> DecisionLine:
    return DecisionLine(decision.ref, clean(decision.title) or "", clean(decision.summary), decision.status.label,
                        long_date(decision.decided_on))


def _papers(pack: Pack) -> list[str]:
    """What is in the pack, in order, as its list of papers says it."""
    out = [f"Agenda for {pack.meeting_ref} ({len(pack.agenda)} item{'s' if len(pack.agenda) != 1 else ''})"]
    if pack.previous is not None:
        state = "draft, for approval" if pack.previous.is_draft else "approved"
        out.append(f"Minutes of the last meeting, {pack.previous_ref} ({state})")
    out.append(f"Open actions ({len(pack.actions)})")
    out.append(f"Decisions to review ({len(pack.decisions)})")
    return out
