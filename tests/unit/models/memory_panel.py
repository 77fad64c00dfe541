"""A panel held in memory, for testing the models with no file and no window.

:class:`MemoryService` answers the few service calls the models make, from lists of
domain records built here; ``changed(tables)`` tells listeners, as a committed change
would, so a model's refresh can be watched row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from leap_desktop.domain.model import Action, AgendaItem, Attendance, Contribution, Decision, Meeting, Person
from leap_desktop.domain.redact import Redactor
from leap_desktop.domain.vocab import (
    ActionStatus,
    AgendaPurpose,
    AttendanceStatus,
    Consent,
    ContributionKind,
    DecisionStatus,
    InvolvementLevel,
    Role,
)
from leap_desktop.services import ActionRow, DecisionRow, MeetingSummary
from leap_desktop.services.panel import AttendanceLine

TODAY = "2026-06-15"


def person(number: int, name: str, consent: Consent, *roles: Role, **more) -> Person:
    return Person(id=f"p{number}", number=number, display_name=name, consent=consent,
                  roles=roles or (Role.LIVED_EXPERIENCE,), **more)


@dataclass
class MemoryService:
    people_: list[Person] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    said: list[Contribution] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    listeners: list = field(default_factory=list)
    moves: list[tuple[str, int]] = field(default_factory=list)
    papers_sent: dict[str, str] = field(default_factory=dict)  # meeting id -> first day papers went out

    # -- what the context asks ------------------------------------------------------------
    def listen(self, listener) -> None:
        self.listeners.append(listener)

    def stop_listening(self, listener) -> None:
        if listener in self.listeners:
            self.listeners.remove(listener)

    def changed(self, *tables: str) -> None:
        for listener in list(self.listeners):
            listener(SimpleNamespace(tables=frozenset(tables)))

    # -- what the models ask --------------------------------------------------------------
    def today(self) -> str:
        return TODAY

    def redactor(self) -> Redactor:
        return Redactor(self.people_)

    def people(self, active_on: str | None = None) -> list[Person]:
        people = sorted(self.people_, key=lambda p: p.display_name)
        if active_on is None:
            return people
        return [p for p in people if not (p.active_to and p.active_to < active_on)]

    def find(self, cls, record_id):
        pool = {Meeting: self.meetings, AgendaItem: self.items, Person: self.people_}[cls]
        return next((r for r in pool if r.id == record_id), None)

    def meeting_summaries(self) -> list[MeetingSummary]:
        out = []
        for m in sorted(self.meetings, key=lambda m: m.starts_at):
            items = [i for i in self.items if i.meeting_id == m.id]
            here = [a for a in self.attendance if a.meeting_id == m.id]
            out.append(MeetingSummary(
                meeting=m, items=len(items), allotted_minutes=sum(i.allotted_minutes or 0 for i in items),
                present=sum(a.status is AttendanceStatus.PRESENT for a in here),
                apologies=sum(a.status is AttendanceStatus.APOLOGIES for a in here),
                decisions=sum(d.meeting_id == m.id for d in self.decisions),
                papers_sent_on=self.papers_sent.get(m.id)))
        return out

    def agenda(self, meeting_id: str) -> list[AgendaItem]:
        return sorted((i for i in self.items if i.meeting_id == meeting_id), key=lambda i: i.position)

    def carried_to(self, item_id: str):
        return next((i for i in self.items if i.carried_from_id == item_id), None)

    def move_item(self, item_id: str, position: int) -> AgendaItem:
        self.moves.append((item_id, position))
        item = self.find(AgendaItem, item_id)
        others = [i for i in self.agenda(item.meeting_id) if i.id != item_id]
        others.insert(position - 1, item)
        renumbered = {i.id: replace(i, position=n) for n, i in enumerate(others, start=1)}
        self.items = [renumbered.get(i.id, i) for i in self.items]
        self.changed("agenda_items")
        return renumbered[item_id]

    def attendance_sheet(self, meeting_id: str) -> list[AttendanceLine]:
        records = {a.person_id: a for a in self.attendance if a.meeting_id == meeting_id}
        return [AttendanceLine(p, records.get(p.id)) for p in self.people()]

    def contributions(self, item_id: str) -> list[Contribution]:
        return [c for c in self.said if c.item_id == item_id]

    def decisions_on_item(self, item_id: str) -> list[Decision]:
        return [d for d in self.decisions if d.item_id == item_id]

    def sources(self, decision_id: str) -> list:
        return [c for c in self.said if c.id.endswith(decision_id[-1])]

    def actions_on_item(self, item_id: str) -> list[Action]:
        return [a for a in self.actions if a.item_id == item_id]

    def action_log(self, *, owner_id=None, statuses=(), overdue=False, decision_id=None) -> list[ActionRow]:
        rows = []
        for a in self.actions:
            if statuses and a.status.value not in statuses:
                continue
            if overdue and not a.is_overdue(TODAY):
                continue
            if owner_id and a.owner_id != owner_id:
                continue
            decision = next((d for d in self.decisions if d.id == a.decision_id), None)
            rows.append(ActionRow(a, decision.number if decision else None, decision.title if decision else None))
        return rows

    def count_decisions(self, flt=None) -> int:
        return len(self._log(flt))

    def decision_log(self, flt=None, *, limit=None, offset=0) -> list[DecisionRow]:
        rows = self._log(flt)
        return rows[offset:offset + limit if limit is not None else None]

    def _log(self, flt) -> list[DecisionRow]:
        decisions = sorted(self.decisions, key=lambda d: d.number, reverse=True)
        if flt is not None and flt.statuses:
            decisions = [d for d in decisions if d.status.value in flt.statuses]
        return [DecisionRow(d, 1, "March panel", "2026-03-05", n % 3, n % 2) for n, d in enumerate(decisions)]


def small_panel() -> MemoryService:
    """Four people of every consent, a meeting with two items, what was said on the
    first, a decision on it and two actions."""
    amira = person(1, "Amira Khan", Consent.NAMED)
    ben = person(2, "Ben Okafor", Consent.INITIALS, Role.CARER, access_needs="Carer cover on meeting days")
    cat = person(3, "Cat Rhodes", Consent.ROLE_ONLY, Role.RESEARCHER)
    dev = person(4, "Dev Patel", Consent.ANONYMOUS, active_to="2026-01-31")
    march = Meeting(id="m1", number=1, title="March panel", starts_at="2026-03-05T14:00", planned_minutes=90)
    june = Meeting(id="m2", number=2, title="June panel with Dev", starts_at="2026-06-18T14:00", planned_minutes=60)
    form = AgendaItem(id="i1", number=1, meeting_id="m1", position=1, title="Consent form",
                      purpose=AgendaPurpose.DECISION, allotted_minutes=40, presenter_id="p1")
    poster = AgendaItem(id="i2", number=2, meeting_id="m1", position=2, title="Poster by Dev",
                        allotted_minutes=30)
    said = [
        Contribution(id="c1", number=1, item_id="i1", person_id="p1", kind=ContributionKind.INSIGHT,
                     text="The form felt frightening.", said_at="2026-03-05T14:05:00Z"),
        Contribution(id="c2", number=2, item_id="i1", person_id="p2", kind=ContributionKind.SUGGESTION,
                     text="Dev said put a summary first.", said_at="2026-03-05T14:09:00Z"),
    ]
    decision = Decision(id="d1", number=1, title="Summary first, as Dev asked", status=DecisionStatus.AGREED,
                        level=InvolvementLevel.COLLABORATE, meeting_id="m1", item_id="i1", decided_on="2026-03-05")
    older = Decision(id="d2", number=2, title="Keep the full wording", status=DecisionStatus.REVERSED,
                     meeting_id="m1", decided_on="2026-03-05")
    actions = [
        Action(id="a1", number=1, title="Redraft the form", owner_id="p1", due_on="2026-06-01",
               decision_id="d1", item_id="i1"),
        Action(id="a2", number=2, title="Print posters", owner_id="p4", due_on="2026-07-01",
               status=ActionStatus.DONE, outcome="Printed 50", closed_on="2026-06-10"),
    ]
    attendance = [Attendance(id="t1", meeting_id="m1", person_id="p2", status=AttendanceStatus.PRESENT,
                             meeting_role="chair", hours=2.5)]
    return MemoryService([amira, ben, cat, dev], [march, june], [form, poster], said, attendance,
                         [decision, older], actions)
