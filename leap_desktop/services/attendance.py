"""A meeting's register: who came, recorded one person or many at a time."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from ..domain import rules
from ..domain.model import Attendance, Meeting, Person, build
from ..store.panel_store import new_id
from .core import PanelCore, Topic
from .people import PeopleService


@dataclasses.dataclass(frozen=True)
class AttendanceLine:
    """One line of a meeting's register: a person and their attendance, if recorded."""

    person: Person
    attendance: Attendance | None


class AttendanceService(Topic):
    """Attendance at the panel's meetings."""

    def __init__(self, core: PanelCore, people: PeopleService):
        super().__init__(core)
        self.people_service = people

    def attendance(self, meeting_id: str) -> list[Attendance]:
        return self.store.find(Attendance, meeting_id=meeting_id, order_by="created_at")

    def set_attendance(self, meeting_id: str, person_id: str, **values: Any) -> Attendance:
        """Record (or change) one person's attendance at a meeting."""
        meeting = self.core.get(Meeting, meeting_id)
        person = rules.check_member(self.store.get(Person, person_id), "The attendee")
        self.core.unlocked(meeting.id, "its attendance")
        existing = self.store.find(Attendance, meeting_id=meeting.id, person_id=person.id
        )
        with self.store.change(f"Attendance of {person.display_name} at {meeting.ref}"):
            if existing:
                return self.store.update(existing[0].changed(**values))
            record = build(
                Attendance, {"meeting_id": meeting.id, "person_id": person.id, **values}, id=new_id()
            )
            return self.store.insert(record)

    def remove_attendance(self, meeting_id: str, person_id: str) -> None:
        existing = self.store.find(Attendance, meeting_id=meeting_id, person_id=person_id)
        self.core.unlocked(meeting_id, "its attendance")
        if existing:
            with self.store.change("Remove attendance"):
                self.store.delete(existing[0])

    def attendance_sheet(self, meeting_id: str) -> list["AttendanceLine"]:
        """A meeting's register: everyone active on the panel on the day of the meeting,
        and anyone else whose attendance was recorded, with their attendance (None when
        it is not recorded yet). In name order."""
        meeting = self.core.get(Meeting, meeting_id)
        recorded = {a.person_id: a for a in self.attendance(meeting.id)}
        lines = [
            AttendanceLine(person, recorded.get(person.id))
            for person in self.people_service.people()
            if person.active_on(meeting.day) or person.id in recorded
        ]
        return lines

    def set_attendance_many(self, meeting_id: str, person_ids: Iterable[str], **values: Any) -> list[Attendance]:
        """Record the same attendance for several people at once (one change), e.g.
        "everyone not yet recorded was present"."""
        meeting = self.core.get(Meeting, meeting_id)
        people = [rules.check_member(self.store.get(Person, pid), "The attendee") for pid in person_ids]
        recorded = {a.person_id: a for a in self.attendance(meeting.id)}
        saved = []
        with self.store.change(f"Attendance of {len(people)} people at {meeting.ref}"):
            for person in people:
                if person.id in recorded:
                    saved.append(self.store.update(recorded[person.id].changed(**values)))
                else:
                    record = build(
                        Attendance, {"meeting_id": meeting.id, "person_id": person.id, **values}, id=new_id()
                    )
                    saved.append(self.store.insert(record))
        return saved

    def remove_attendance_many(self, meeting_id: str, person_ids: Iterable[str]) -> None:
        """Forget the attendance recorded for several people (one change)."""
        wanted = set(person_ids)
        existing = [a for a in self.attendance(meeting_id) if a.person_id in wanted]
        if existing:
            with self.store.change("Remove attendance"):
                for record in existing:
                    self.store.delete(record)
