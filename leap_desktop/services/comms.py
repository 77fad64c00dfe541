"""Reaching every member: communication needs, the papers sent log, who has their
papers for the next meeting, and the meeting's calendar invitation.

Reached from a panel as ``PanelService.comms``. Each public method that changes
something is one audited change. See ``docs/papers.md``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from ..domain.comms import CommsNeeds, Due, DueState, PaperFormat, SentPapers, papers_due
from ..domain.errors import NotFound
from ..domain.model import Meeting, Person, build
from ..domain.vocab import MeetingStatus
from ..store.panel_store import new_id

if TYPE_CHECKING:
    from ..store import PanelStore
    from .core import PanelCore

#: What a sending is called when none is given.
PAPERS_PACK = "Papers pack"


@dataclasses.dataclass(frozen=True)
class DueLine:
    """One person's papers for the meeting, as the papers due list shows them."""

    person: Person
    due: Due
    state: DueState

    @property
    def late(self) -> bool:
        return self.state is DueState.LATE


@dataclasses.dataclass(frozen=True)
class PapersDue:
    meeting: Meeting | None
    lines: list[DueLine]
    today: str

    @property
    def late(self) -> list[DueLine]:
        return [line for line in self.lines if line.late]


def first_sent_on(store: "PanelStore", meeting_id: str) -> str | None:
    """The first day papers went out for a meeting (to anyone), or None."""
    found = store.find(SentPapers, meeting_id=meeting_id, order_by="sent_on", limit=1)
    return found[0].sent_on if found else None


def first_sent_by_meeting(store: "PanelStore") -> dict[str, str]:
    """Meeting id -> the first day papers went out for it (the sent log is small)."""
    out: dict[str, str] = {}
    for sent in store.find(SentPapers, order_by="sent_on"):
        out.setdefault(sent.meeting_id, sent.sent_on)
    return out


class CommsService:
    """The communication use-cases of one open panel."""

    def __init__(self, panel: "PanelCore"):
        self.panel = panel
        self.store = panel.store

    # -- needs ----------------------------------------------------------------------------

    def needs(self, person_id: str) -> CommsNeeds | None:
        found = self.store.find(CommsNeeds, person_id=person_id)
        return found[0] if found else None

    def all_needs(self) -> dict[str, CommsNeeds]:
        return {n.person_id: n for n in self.store.find(CommsNeeds)}

    def set_needs(self, person_id: str, **values: Any) -> CommsNeeds:
        """Record (or change) a person's communication needs; only the fields given
        change. Setting a format other than large print clears the print size."""
        person = self.panel.get(Person, person_id)
        current = self.needs(person.id)
        if "paper_format" in values and "print_size" not in values:
            fmt = PaperFormat.parse(values["paper_format"] or "standard", "Format of papers")
            if fmt is not PaperFormat.LARGE_PRINT:
                values["print_size"] = None
        if current is None:
            needs = build(CommsNeeds, {**values, "person_id": person.id}, id=new_id())
            with self.store.change(f"Record communication needs of {person.display_name}"):
                return self.store.insert(needs)
        values.pop("person_id", None)
        changed = current.changed(**values)
        with self.store.change(f"Edit communication needs of {person.display_name}"):
            return self.store.update(changed)

    def clear_needs(self, person_id: str) -> CommsNeeds | None:
        """Forget a person's recorded needs (what Undo of recording them does)."""
        current = self.needs(person_id)
        if current is None:
            return None
        with self.store.change("Remove communication needs"):
            return self.store.delete(current)

    def restore_needs(self, needs: CommsNeeds) -> CommsNeeds:
        """Put back needs exactly as they were (what Undo of a change does)."""
        current = self.store.get(CommsNeeds, needs.id, include_deleted=True)
        with self.store.change("Put back communication needs"):
            if current is None:
                return self.store.insert(needs)
            return self.store.update(dataclasses.replace(needs, deleted_at=None))

    # -- the sent log ---------------------------------------------------------------------

    def first_sent(self, meeting_id: str) -> str | None:
        """The first day papers went out for a meeting (to anyone), or None."""
        return first_sent_on(self.store, meeting_id)

    def first_sent_by_meeting(self) -> dict[str, str]:
        """Meeting id -> the first day papers went out for it; meetings whose papers
        have not gone out are not in it."""
        return first_sent_by_meeting(self.store)

    def sent(self, meeting_id: str) -> list[SentPapers]:
        return self.store.find(SentPapers, meeting_id=meeting_id, order_by="sent_on, created_at")

    def record_sent(self, meeting_id: str, person_id: str | None, *, what: str | None = None,
                    paper_format: Any = None, how: Any = None, on: str | None = None) -> SentPapers:
        """Record that papers went to a person (or, with no person, to the whole panel).
        The format defaults to the one their needs ask for."""
        meeting = self.panel.get(Meeting, meeting_id)
        person = self.panel.get(Person, person_id) if person_id else None
        if paper_format in (None, "") and person is not None:
            needs = self.needs(person.id)
            paper_format = needs.paper_format if needs else PaperFormat.STANDARD
        record = build(SentPapers, {
            "meeting_id": meeting.id, "person_id": person.id if person else None,
            "what": what or PAPERS_PACK, "paper_format": paper_format, "how": how,
            "sent_on": on or self.panel.today(),
        }, id=new_id())
        whom = person.display_name if person else "the panel"
        with self.store.change(f"Record papers sent to {whom} for {meeting.ref}"):
            return self.store.insert(record)

    def remove_sent(self, sent_id: str) -> SentPapers:
        record = self.store.get(SentPapers, sent_id)
        if record is None:
            raise NotFound("That sending is not in the log (it may have been removed already)")
        with self.store.change("Remove a sending from the log"):
            return self.store.delete(record)

    # -- papers due -----------------------------------------------------------------------

    def next_meeting(self) -> Meeting | None:
        """The next planned meeting from today (the one papers are being sent for)."""
        today = self.panel.today()
        upcoming = [m for m in self.store.find(Meeting, order_by="starts_at, number")
                    if m.status is MeetingStatus.PLANNED and m.day >= today]
        return upcoming[0] if upcoming else None

    def papers_due(self, meeting_id: str | None = None) -> PapersDue:
        """Who needs what by when for a meeting (the next one when none is named), and who
        is late: each person active on its day, with their format and days ahead."""
        today = self.panel.today()
        meeting = self.panel.get(Meeting, meeting_id) if meeting_id else self.next_meeting()
        if meeting is None:
            return PapersDue(None, [], today)
        people = {p.id: p for p in self.store.find(Person) if p.active_on(meeting.day)}
        dues = papers_due(meeting.day, list(people), self.all_needs(), self.sent(meeting.id))
        lines = [DueLine(people[d.person_id], d, d.state(today)) for d in dues]
        lines.sort(key=lambda line: (line.state is not DueState.LATE, line.due.due_on,
                                     line.person.display_name.casefold()))
        return PapersDue(meeting, lines, today)

    def formats_needed(self, meeting_id: str) -> list[tuple[PaperFormat, int]]:
        """The packs to make for a meeting: (format, print size), standard always first,
        each large print size once."""
        meeting = self.panel.get(Meeting, meeting_id)
        needs = self.all_needs()
        wanted = {(PaperFormat.STANDARD, 12)}
        for person in self.store.find(Person):
            if person.active_on(meeting.day) and person.id in needs:
                need = needs[person.id]
                wanted.add((need.paper_format.document, need.size if need.paper_format.document is PaperFormat.LARGE_PRINT else 12))
        order = [PaperFormat.STANDARD, PaperFormat.LARGE_PRINT, PaperFormat.PLAIN_LANGUAGE]
        return sorted(wanted, key=lambda pair: (order.index(pair[0]), pair[1]))

