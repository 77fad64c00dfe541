"""Use-cases on one panel: what the desktop app and the ``leap`` command both call.

Each public method that changes something is one user-level change: one
transaction, audited, all or nothing. Records are checked by the domain rules
before anything is written, so a refused change leaves the file as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from ..domain import rules
from ..domain.errors import NotFound, RuleError, shown
from ..domain.redact import Redactor
from ..domain.model import (
    Action,
    AgendaItem,
    Attendance,
    CoProducer,
    Contribution,
    Decision,
    DecisionSource,
    Dissent,
    Meeting,
    Panel,
    Person,
    Record,
    build,
)
from ..domain.vocab import (
    ActionStatus,
    DecisionStatus,
    ItemState,
    MeetingStatus,
)
from ..store import PanelStore, queries
from ..store.panel_store import new_id
from ..store.queries import ActionRow, DecisionFilter, DecisionRow, SearchHit
from .trace import DecisionTrace, PersonHistory, person_history, trace_decision
from ..words import month_year

R = TypeVar("R", bound=Record)

# Meeting statuses that only the minutes workflow (services.approval) moves in or out of.
_MINUTES_WORKFLOW = frozenset({MeetingStatus.MINUTES_CIRCULATED, MeetingStatus.MINUTES_APPROVED})

_MAX_NUMBER = 2**63 - 1  # SQLite's largest integer
_REF = re.compile(r"^\s*([A-Za-z])\s*-?\s*(\d+)\s*$")


class PanelService:
    """The panel's use-cases over one open panel file."""

    def __init__(self, store: PanelStore):
        self.store = store

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, **options: Any) -> "PanelService":
        return cls(PanelStore.open(path, create=create, **options))

    @staticmethod
    def restore_damaged(path: str | os.PathLike, backup: str | os.PathLike, **options: Any):
        """Put a checked copy of ``backup`` in place of the damaged panel file ``path``
        (one that raised ``DamagedFile`` on open); the damaged file is kept beside it,
        renamed. Returns what was done (``.panel``, ``.damaged``, ``.backup``); then
        open the panel as usual. See ``PanelStore.restore_damaged``."""
        return PanelStore.restore_damaged(path, backup, **options)

    def close(self) -> None:
        self.store.close()

    def listen(self, listener: Callable[[Any], None]) -> None:
        """Call ``listener(change)`` after every committed change; ``change.tables``
        names the tables it touched (the Qt side refreshes its lists from it)."""
        self.store.listeners.append(listener)

    def stop_listening(self, listener: Callable[[Any], None]) -> None:
        if listener in self.store.listeners:
            self.store.listeners.remove(listener)

    def start_daily_backup(self, done: Callable[[Any, BaseException | None], None] | None = None) -> bool:
        """Make today's automatic backup in a worker thread, if it is due; ``done(path,
        problem)`` is called from that thread when it ends. False if none was started."""
        return self.store.start_daily_backup(done) is not None

    def __enter__(self) -> "PanelService":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self):
        return self.store.path

    def today(self) -> str:
        return self.store.today()

    # -- finding records ---------------------------------------------------------------

    def get(self, cls: type[R], record_id: str | None) -> R:
        record = self.store.get(cls, record_id)
        if record is None:
            raise NotFound(f"No {_noun(cls)} with id {record_id} in this panel")
        return record

    def find(self, cls: type[R], record_id: str | None) -> R | None:
        """The record with this id, or None if there is none (or it was deleted): for
        screens that follow a record that may have gone, e.g. after an undo."""
        return self.store.get(cls, record_id)

    def resolve(self, cls: type[R], text: str) -> R:
        """Find a record from what a person types: ``D-12``, ``12``, an id, or for
        people a name (unique prefix of a name is enough)."""
        text = (text or "").strip()
        if not text:
            raise NotFound(f"Say which {_noun(cls)}")
        match = _REF.match(text)
        number = None
        if match and cls.PREFIX and match.group(1).upper() == cls.PREFIX:
            number = int(match.group(2))
        elif text.isdigit() and cls.PREFIX:
            number = int(text)
        if number is not None:
            if number > _MAX_NUMBER:  # more digits than any record number can have
                raise NotFound(f"No {_noun(cls)} {cls.PREFIX}-{number} in this panel")
            record = self.store.by_number(cls, number)
            if record is None or record.deleted_at is not None:
                raise NotFound(f"No {_noun(cls)} {cls.PREFIX}-{number} in this panel")
            return record
        record = self.store.get(cls, text)
        if record is not None:
            return record
        if cls is Person:
            return self._person_by_name(text)  # type: ignore[return-value]
        raise NotFound(f"No {_noun(cls)} {shown(text)} in this panel (use a reference like {cls.PREFIX}-1)")

    def _person_by_name(self, text: str) -> Person:
        key = text.casefold()
        people = self.people()
        for test in (
            lambda n: n == key,
            lambda n: n.startswith(key),
            lambda n: key in n,
        ):
            found = [
                p for p in people
                if any(test(n.casefold()) for n in (p.display_name, p.preferred_name or "") if n)
            ]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                names = ", ".join(f"{p.display_name} ({p.ref})" for p in found[:5])
                raise RuleError(f"{shown(text)} matches more than one person: {names}")
        raise NotFound(f"No person called {shown(text)} on this panel")

    # -- the panel -----------------------------------------------------------------------

    def panel(self) -> Panel | None:
        found = self.store.find(Panel, order_by="created_at", limit=1)
        return found[0] if found else None

    def set_panel(self, **values: Any) -> Panel:
        """Create the panel's details, or change them."""
        current = self.panel()
        with self.store.change("Panel details"):
            if current is None:
                return self.store.insert(build(Panel, values, id=new_id()))
            return self.store.update(current.changed(**values))

    # -- people ---------------------------------------------------------------------------

    def people(self, *, active_on: str | None = None) -> list[Person]:
        people = sorted(self.store.find(Person), key=lambda p: (p.display_name.casefold(), p.number or 0))
        if active_on:
            people = [p for p in people if p.active_on(active_on)]
        return people

    def add_person(self, **values: Any) -> Person:
        person = build(Person, values, id=new_id())
        with self.store.change(f"Add {person.display_name}"):
            return self.store.insert(person)

    def edit_person(self, person_id: str, **changes: Any) -> Person:
        person = self.get(Person, person_id).changed(**changes)
        with self.store.change(f"Edit {person.display_name}"):
            return self.store.update(person)

    def deactivate_person(self, person_id: str, on: str | None = None) -> Person:
        """Someone leaves the panel: their history stays, they are no longer offered
        as an owner or speaker."""
        return self.edit_person(person_id, active_to=on or self.today())

    def remove_person(self, person_id: str) -> Person:
        """Delete a person added by mistake. Anyone with a history is deactivated instead."""
        person = self.get(Person, person_id)
        used = (
            self.store.count(Contribution, person_id=person.id)
            + self.store.count(Action, owner_id=person.id)
            + self.store.count(Attendance, person_id=person.id)
            + self.store.count(CoProducer, person_id=person.id)
        )
        if used:
            raise RuleError(
                f"{person.display_name} has a history on this panel, so they cannot be deleted; "
                "mark them as having left instead (their history is kept)"
            )
        with self.store.change(f"Delete {person.display_name}"):
            return self.store.delete(person)

    # -- meetings --------------------------------------------------------------------------

    def meetings(self) -> list[Meeting]:
        return self.store.find(Meeting, order_by="starts_at, number")

    def add_meeting(self, **values: Any) -> Meeting:
        meeting = build(Meeting, values, id=new_id())
        with self.store.change(f"Add meeting {meeting.title}"):
            return self.store.insert(meeting)

    def edit_meeting(self, meeting_id: str, **changes: Any) -> Meeting:
        current = self.get(Meeting, meeting_id)
        meeting = current.changed(**changes)
        rules.check_meeting_transition(current.status, meeting.status)
        if meeting.status is not current.status and {meeting.status, current.status} & _MINUTES_WORKFLOW:
            raise RuleError(
                "Circulating, approving and amending minutes each have their own step "
                "(Circulate minutes, Approve minutes at a later meeting, Amend minutes), so that "
                "every version is kept",
                "status",
            )
        if set(changes) - {"status"}:
            self._unlocked(current.id, "the meeting's details")
        with self.store.change(f"Edit meeting {meeting.ref}"):
            return self.store.update(meeting)

    def set_meeting_status(self, meeting_id: str, status: Any) -> Meeting:
        return self.edit_meeting(meeting_id, status=status)

    def revert_meeting_status(self, meeting_id: str, status: Any) -> Meeting:
        """Undo a status change: put back the status the meeting had just before, even
        where the usual order of statuses would not lead back to it (audited as usual)."""
        meeting = self.get(Meeting, meeting_id).changed(status=status)
        with self.store.change(f"Undo status change of {meeting.ref}"):
            return self.store.update(meeting)

    def remove_meeting(self, meeting_id: str) -> Meeting:
        """Delete a meeting added by mistake. A meeting with an agenda, a register or
        decisions stays: cancel it instead, so its history is kept."""
        meeting = self.get(Meeting, meeting_id)
        used = (
            self.store.count(AgendaItem, meeting_id=meeting.id)
            + self.store.count(Attendance, meeting_id=meeting.id)
            + self.store.count(Decision, meeting_id=meeting.id)
        )
        if used:
            raise RuleError(
                f"{meeting.ref} has an agenda, a register or decisions, so it cannot be deleted; "
                "mark it cancelled instead (its history is kept)"
            )
        with self.store.change(f"Delete meeting {meeting.ref}"):
            return self.store.delete(meeting)

    def next_meeting(self, meeting: Meeting) -> Meeting | None:
        return queries.meeting_beside(self.store, meeting, later=True)

    def previous_meeting(self, meeting: Meeting) -> Meeting | None:
        return queries.meeting_beside(self.store, meeting, later=False)

    def attendance(self, meeting_id: str) -> list[Attendance]:
        return self.store.find(Attendance, meeting_id=meeting_id, order_by="created_at")

    def set_attendance(self, meeting_id: str, person_id: str, **values: Any) -> Attendance:
        """Record (or change) one person's attendance at a meeting."""
        meeting = self.get(Meeting, meeting_id)
        person = rules.check_member(self.store.get(Person, person_id), "The attendee")
        self._unlocked(meeting.id, "its attendance")
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
        self._unlocked(meeting_id, "its attendance")
        if existing:
            with self.store.change("Remove attendance"):
                self.store.delete(existing[0])

    def attendance_sheet(self, meeting_id: str) -> list["AttendanceLine"]:
        """A meeting's register: everyone active on the panel on the day of the meeting,
        and anyone else whose attendance was recorded, with their attendance (None when
        it is not recorded yet). In name order."""
        meeting = self.get(Meeting, meeting_id)
        recorded = {a.person_id: a for a in self.attendance(meeting.id)}
        lines = [
            AttendanceLine(person, recorded.get(person.id))
            for person in self.people()
            if person.active_on(meeting.day) or person.id in recorded
        ]
        return lines

    def set_attendance_many(self, meeting_id: str, person_ids: Iterable[str], **values: Any) -> list[Attendance]:
        """Record the same attendance for several people at once (one change), e.g.
        "everyone not yet recorded was present"."""
        meeting = self.get(Meeting, meeting_id)
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

    def meeting_to_show(self, record_id: str | None) -> tuple[Meeting | None, AgendaItem | None]:
        """The meeting a screen asked to show ``record_id`` should open on: that meeting,
        or given an agenda item its meeting (and the item); otherwise the current one."""
        meeting = self.find(Meeting, record_id) if record_id else None
        item = self.find(AgendaItem, record_id) if record_id and meeting is None else None
        if item is not None:
            meeting = self.find(Meeting, item.meeting_id)
        return meeting or self.current_meeting(), item

    def current_meeting(self) -> Meeting | None:
        """The meeting a screen should open on when none is named: today's, else the
        next one, else the latest (cancelled meetings are passed over)."""
        today = self.today()
        meetings = [m for m in self.meetings() if m.status is not MeetingStatus.CANCELLED]
        upcoming = [m for m in meetings if m.day >= today]
        if upcoming:
            return upcoming[0]
        return meetings[-1] if meetings else None

    def meeting_summaries(self) -> list[queries.MeetingSummary]:
        """Every meeting with the size of its agenda, who came, and how many decisions."""
        return queries.meeting_summaries(self.store)

    def new_meeting_defaults(self) -> dict[str, Any]:
        """Sensible values for the next meeting: the same weekday of the next month as
        the latest meeting (first Thursday stays first Thursday), same time, length and
        place; or next week at 14:00 for a panel's first meeting."""
        last = queries.latest_meeting(self.store)
        if last is None:
            day = dt.date.fromisoformat(self.today()) + dt.timedelta(days=7)
            return {
                "title": f"Panel meeting, {month_year(day)}",
                "starts_at": f"{day.isoformat()}T14:00",
                "planned_minutes": 120,
                "place": None,
            }
        last_day = dt.date.fromisoformat(last.day)
        day = _same_weekday_next_month(last_day)
        title = last.title
        old_month, new_month = month_year(last_day), month_year(day)
        title = title.replace(old_month, new_month) if old_month in title else f"Panel meeting, {new_month}"
        return {
            "title": title,
            "starts_at": f"{day.isoformat()}T{last.starts_at[11:16]}",
            "planned_minutes": last.planned_minutes,
            "place": last.place,
        }

    # -- the agenda -------------------------------------------------------------------------

    def agenda(self, meeting_id: str) -> list[AgendaItem]:
        return self.store.find(AgendaItem, meeting_id=meeting_id, order_by="position, number")

    def agenda_timing(self, meeting_id: str) -> rules.AgendaTiming:
        meeting = self.get(Meeting, meeting_id)
        return rules.AgendaTiming([i.allotted_minutes for i in self.agenda(meeting.id)], meeting.planned_minutes)

    def add_item(self, meeting_id: str, **values: Any) -> AgendaItem:
        """Add an item to a meeting's agenda (at the end unless a position is given)."""
        meeting = self.get(Meeting, meeting_id)
        self._unlocked(meeting.id, "its agenda")
        items = self.agenda(meeting.id)
        position = values.pop("position", None) or len(items) + 1
        self._check_presenter(values.get("presenter_id"))
        item = build(AgendaItem, {**values, "meeting_id": meeting.id, "position": len(items) + 1}, id=new_id())
        with self.store.change(f"Add agenda item to {meeting.ref}"):
            item = self.store.insert(item)
            if int(position) != item.position:
                item = self._move(item, int(position))
            return item

    def _unlocked(self, meeting_id: str | None, what: str = "its record") -> None:
        """Refuse a change to what approved minutes record (they change only by amendment)."""
        if meeting_id:
            rules.check_minutes_unlocked(self.store.get(Meeting, meeting_id), what)

    def _check_presenter(self, presenter_id: str | None) -> None:
        if presenter_id:
            rules.check_member(self.store.get(Person, presenter_id), "The presenter")

    def edit_item(self, item_id: str, **changes: Any) -> AgendaItem:
        if "position" in changes:
            raise RuleError("Use 'move' to change an item's place on the agenda", "position")
        if "presenter_id" in changes:
            self._check_presenter(changes["presenter_id"])
        item = self.get(AgendaItem, item_id).changed(**changes)
        self._unlocked(item.meeting_id, "its agenda")
        with self.store.change(f"Edit agenda item {item.ref}"):
            return self.store.update(item)

    def move_item(self, item_id: str, position: int) -> AgendaItem:
        """Move an item to ``position`` (1 = first); the others close up around it."""
        item = self.get(AgendaItem, item_id)
        self._unlocked(item.meeting_id, "its agenda")
        with self.store.change(f"Move agenda item {item.ref}"):
            return self._move(item, position)

    def _move(self, item: AgendaItem, position: int) -> AgendaItem:
        items = [i for i in self.agenda(item.meeting_id) if i.id != item.id]
        position = max(1, min(int(position), len(items) + 1))
        items.insert(position - 1, item)
        moved = item
        for index, each in enumerate(items, start=1):
            if each.position != index:
                updated = self.store.update(dataclasses.replace(each, position=index))
                if each.id == item.id:
                    moved = updated
        return moved

    def remove_item(self, item_id: str) -> AgendaItem:
        item = self.get(AgendaItem, item_id)
        self._unlocked(item.meeting_id, "its agenda")
        contributions = self.store.count(Contribution, item_id=item.id)
        decisions = self.store.count(Decision, item_id=item.id)
        if contributions or decisions:
            raise RuleError(
                f"'{item.title}' has {contributions} contribution(s) and {decisions} decision(s) "
                "recorded against it, so it stays on the agenda; carry it to a later meeting instead"
            )
        with self.store.change(f"Remove agenda item {item.ref}"):
            removed = self.store.delete(item)
            rest = self.agenda(item.meeting_id)
            for index, each in enumerate(rest, start=1):
                if each.position != index:
                    self.store.update(dataclasses.replace(each, position=index))
            return removed

    def restore_item(self, item_id: str, position: int | None = None) -> AgendaItem:
        """Undo the removal of an agenda item: bring it back at ``position`` (by default
        where it was), the others making room, in one change."""
        item = self.store.get(AgendaItem, item_id, include_deleted=True)
        if item is None:
            raise NotFound(f"No agenda item with id {item_id} in this panel")
        with self.store.change(f"Restore agenda item {item.ref}"):
            item = self.store.restore(item) if item.deleted_at else item
            return self._move(item, position or item.position)

    def carry_item(self, item_id: str, to_meeting_id: str | None = None) -> AgendaItem:
        """Carry an unfinished item to a later meeting (the next one by default)."""
        item = self.get(AgendaItem, item_id)
        meeting = self.get(Meeting, item.meeting_id)
        if item.state is ItemState.CARRIED:
            raise RuleError(f"'{item.title}' has already been carried to a later meeting")
        self._unlocked(meeting.id, "its agenda")
        if to_meeting_id is None:
            target = self.next_meeting(meeting)
            if target is None:
                raise RuleError("There is no later meeting to carry this item to; add the next meeting first")
        else:
            target = self.get(Meeting, to_meeting_id)
            if target.starts_at <= meeting.starts_at:
                raise RuleError(f"{target.ref} is not later than {meeting.ref}; carry items forward only")
        count = len(self.agenda(target.id))
        copy = build(
            AgendaItem,
            {
                "meeting_id": target.id,
                "position": count + 1,
                "title": item.title,
                "purpose": item.purpose,
                "presenter_id": item.presenter_id,
                "allotted_minutes": item.allotted_minutes,
                "notes": item.notes,
                "carried_from_id": item.id,
            },
            id=new_id(),
        )
        with self.store.change(f"Carry {item.ref} to {target.ref}"):
            self.store.update(dataclasses.replace(item, state=ItemState.CARRIED))
            return self.store.insert(copy)

    def set_item_state(self, item_id: str, state: Any) -> AgendaItem:
        """Mark an agenda item finished, or not finished yet. Carrying an item to a later
        meeting goes through :meth:`carry_item`, so the copy is made too."""
        item = self.get(AgendaItem, item_id)
        new = ItemState.parse(state, "Item state")
        if new is item.state:
            return item
        if new is ItemState.CARRIED:
            raise RuleError(f"Carry '{item.title}' to a later meeting with 'carry', so it is put on that agenda", "state")
        if item.state is ItemState.CARRIED:
            copy = self.carried_to(item.id)
            where = f" to {self.get(Meeting, copy.meeting_id).ref}" if copy else ""
            raise RuleError(f"'{item.title}' was carried{where}; bring it back first to mark it here", "state")
        return self.edit_item(item.id, state=new)

    def carried_to(self, item_id: str) -> AgendaItem | None:
        """The copy of a carried item on the later meeting's agenda, if there is one."""
        found = self.store.find(AgendaItem, carried_from_id=item_id, order_by="created_at", limit=1)
        return found[0] if found else None

    def uncarry_item(self, item_id: str) -> AgendaItem:
        """Undo a carry: take the copy off the later meeting's agenda and make the item
        unfinished here again. Refused once anything is recorded against the copy."""
        item = self.get(AgendaItem, item_id)
        if item.state is not ItemState.CARRIED:
            raise RuleError(f"'{item.title}' has not been carried to a later meeting")
        copy = self.carried_to(item.id)
        if copy is not None:
            target = self.get(Meeting, copy.meeting_id)
            used = self.store.count(Contribution, item_id=copy.id) + self.store.count(Decision, item_id=copy.id)
            if used or copy.state is not ItemState.OPEN:
                raise RuleError(f"'{item.title}' has already been taken up at {target.ref}, so it stays there")
        with self.store.change(f"Bring back {item.ref}"):
            if copy is not None:
                self.store.delete(copy)
                for index, each in enumerate(self.agenda(copy.meeting_id), start=1):
                    if each.position != index:
                        self.store.update(dataclasses.replace(each, position=index))
            return self.store.update(dataclasses.replace(item, state=ItemState.OPEN))

    def decisions_on_item(self, item_id: str) -> list[Decision]:
        return self.store.find(Decision, item_id=item_id, order_by="number")

    def actions_on_item(self, item_id: str) -> list[Action]:
        """Actions agreed on an item, directly or through one of its decisions."""
        return queries.actions_on_item(self.store, item_id)


    # -- contributions ------------------------------------------------------------------------

    def contributions(self, item_id: str) -> list[Contribution]:
        return self.store.find(Contribution, item_id=item_id, order_by="said_at, number")

    def add_contribution(self, item_id: str, person_id: str, kind: Any, text: str, **values: Any) -> Contribution:
        """Capture who said what, on which item. Saved the moment it is entered."""
        item = self.get(AgendaItem, item_id)
        self._unlocked(item.meeting_id, "what was said")
        values.setdefault("said_at", self.store.now())
        contribution = build(
            Contribution,
            {"item_id": item.id, "person_id": person_id, "kind": kind, "text": text, **values},
            id=new_id(),
        )
        rules.check_contribution(contribution, self.store.get(Person, contribution.person_id))
        with self.store.change("Add contribution"):
            return self.store.insert(contribution)

    def edit_contribution(self, contribution_id: str, **changes: Any) -> Contribution:
        current = self.get(Contribution, contribution_id)
        contribution = current.changed(**changes)
        rules.check_contribution(contribution, self.store.get(Person, contribution.person_id))
        for item_id in {current.item_id, contribution.item_id}:
            self._unlocked(self.get(AgendaItem, item_id).meeting_id, "what was said")
        with self.store.change(f"Edit contribution {contribution.ref}"):
            return self.store.update(contribution)

    def remove_contribution(self, contribution_id: str) -> Contribution:
        contribution = self.get(Contribution, contribution_id)
        self._unlocked(self.get(AgendaItem, contribution.item_id).meeting_id, "what was said")
        shaped = queries.decisions_shaped_by_contribution(self.store, contribution.id)
        if shaped:
            refs = ", ".join(f"D-{number}" for number in shaped)
            raise RuleError(f"{contribution.ref} shaped {refs}; remove it from the decision's sources first")
        with self.store.change(f"Delete contribution {contribution.ref}"):
            return self.store.delete(contribution)

    def restore(self, cls: type[R], record_id: str) -> R:
        """Undo a deletion."""
        record = self.store.get(cls, record_id, include_deleted=True)
        if record is None:
            raise NotFound(f"No {_noun(cls)} with id {record_id} in this panel")
        with self.store.change(f"Restore {record.ref}"):
            return self.store.restore(record)

    # -- decisions --------------------------------------------------------------------------

    def record_decision(
        self,
        *,
        sources: Iterable[str | tuple[str, str | None]] = (),
        coproducers: Iterable[str | tuple[str, str | None]] = (),
        dissent: Iterable[str | tuple[str | None, str]] = (),
        **values: Any,
    ) -> Decision:
        """Record a decision with the contributions that shaped it (each with a note
        of how), people who shaped it directly, and any dissent, in one change."""
        decision = build(Decision, values, id=new_id())
        decision = self._place_decision(decision)
        self._unlocked(decision.meeting_id, "its decisions")
        source_pairs = [_pair(s) for s in sources]
        coproducer_pairs = [_pair(c) for c in coproducers]
        dissent_pairs = [(None, d) if isinstance(d, str) else d for d in dissent]
        for contribution_id, _ in source_pairs:
            self.get(Contribution, contribution_id)
        for person_id, _ in coproducer_pairs:
            rules.check_member(self.store.get(Person, person_id), "A co-producer")
        for person_id, _ in dissent_pairs:
            if person_id:
                rules.check_member(self.store.get(Person, person_id), "The person dissenting")
        old = self._check_supersedes(decision)
        with self.store.change("Record decision"):
            decision = self.store.insert(decision)
            self._supersede(decision, old)
            for contribution_id, note in source_pairs:
                self._insert_link(DecisionSource, decision_id=decision.id, contribution_id=contribution_id, note=note)
            for person_id, note in coproducer_pairs:
                self._insert_link(CoProducer, decision_id=decision.id, person_id=person_id, note=note)
            for person_id, text in dissent_pairs:
                self.store.insert(build(Dissent, {"decision_id": decision.id, "person_id": person_id, "text": text}, id=new_id()))
            return decision

    def _place_decision(self, decision: Decision) -> Decision:
        """Fill in the meeting from the item, and the date from the meeting."""
        item = self.store.get(AgendaItem, decision.item_id) if decision.item_id else None
        if decision.item_id and item is None:
            raise RuleError("The agenda item of this decision is not in this panel", "item_id")
        meeting_id = decision.meeting_id or (item.meeting_id if item else None)
        meeting = self.store.get(Meeting, meeting_id) if meeting_id else None
        if meeting_id and meeting is None:
            raise RuleError("The meeting of this decision is not in this panel", "meeting_id")
        rules.check_decision_meeting(
            dataclasses.replace(decision, meeting_id=meeting_id), meeting, item.meeting_id if item else None
        )
        decided_on = decision.decided_on
        if decided_on is None and decision.status in (DecisionStatus.AGREED, DecisionStatus.REJECTED):
            decided_on = meeting.day if meeting else self.today()
        return dataclasses.replace(decision, meeting_id=meeting_id, decided_on=decided_on)

    def _check_supersedes(self, decision: Decision) -> Decision | None:
        if decision.supersedes_id is None:
            return None
        old = self.store.get(Decision, decision.supersedes_id)
        rules.check_supersedes(decision, old)
        assert old is not None
        if old.status is DecisionStatus.SUPERSEDED:
            newer = [d for d in self.store.find(Decision, supersedes_id=old.id) if d.id != decision.id]
            if any(d.status is DecisionStatus.AGREED for d in newer):
                raise RuleError(f"{old.ref} has already been replaced by {newer[0].ref}", "supersedes_id")
        return old

    def _supersede(self, decision: Decision, old: Decision | None) -> None:
        """An agreed decision that replaces another marks the old one superseded."""
        if old is not None and decision.status is DecisionStatus.AGREED and old.status is DecisionStatus.AGREED:
            rules.check_decision_transition(old.status, DecisionStatus.SUPERSEDED)
            self.store.update(
                dataclasses.replace(old, status=DecisionStatus.SUPERSEDED, status_note=f"Replaced by {decision.ref}")
            )

    def _insert_link(self, cls: type[R], **values: Any) -> R:
        key = "contribution_id" if cls is DecisionSource else "person_id"
        existing = self.store.find(cls, decision_id=values["decision_id"], **{key: values[key]})
        if existing:
            return self.store.update(existing[0].changed(note=values.get("note")))
        return self.store.insert(build(cls, values, id=new_id()))

    def edit_decision(self, decision_id: str, **changes: Any) -> Decision:
        """Change a decision. Status changes follow the allowed transitions; agreeing a
        replacement marks the decision it replaces as superseded."""
        current = self.get(Decision, decision_id)
        decision = self._place_decision(current.changed(**changes))
        # What happens to a decision later (reversed, replaced) is not part of the
        # meeting's minutes; what was decided is.
        if set(changes) - {"status", "status_note"}:
            for meeting_id in {current.meeting_id, decision.meeting_id}:
                self._unlocked(meeting_id, "its decisions")
        if decision.status is DecisionStatus.SUPERSEDED and current.status is not DecisionStatus.SUPERSEDED:
            raise RuleError(
                "A decision becomes superseded when a later decision replaces it: record the new "
                "decision and say which one it replaces",
                "status",
            )
        rules.check_decision_transition(current.status, decision.status)
        old = self._check_supersedes(decision)
        with self.store.change(f"Edit decision {decision.ref}"):
            decision = self.store.update(decision)
            self._supersede(decision, old)
            return decision

    def set_decision_status(self, decision_id: str, status: Any, **values: Any) -> Decision:
        return self.edit_decision(decision_id, status=status, **values)

    def sources(self, decision_id: str) -> list[DecisionSource]:
        return self.store.find(DecisionSource, decision_id=decision_id, order_by="created_at")

    def add_source(self, decision_id: str, contribution_id: str, note: str | None = None) -> DecisionSource:
        decision = self.get(Decision, decision_id)
        self._unlocked(decision.meeting_id, "its decisions")
        contribution = self.get(Contribution, contribution_id)
        with self.store.change(f"{contribution.ref} shaped {decision.ref}"):
            return self._insert_link(DecisionSource, decision_id=decision.id, contribution_id=contribution.id, note=note)

    def remove_source(self, decision_id: str, contribution_id: str) -> None:
        self._unlocked(self.get(Decision, decision_id).meeting_id, "its decisions")
        for link in self.store.find(DecisionSource, decision_id=decision_id, contribution_id=contribution_id):
            with self.store.change("Remove a source of a decision"):
                self.store.delete(link)

    def add_coproducer(self, decision_id: str, person_id: str, note: str | None = None) -> CoProducer:
        decision = self.get(Decision, decision_id)
        self._unlocked(decision.meeting_id, "its decisions")
        person = rules.check_member(self.store.get(Person, person_id), "A co-producer")
        with self.store.change(f"{person.display_name} co-produced {decision.ref}"):
            return self._insert_link(CoProducer, decision_id=decision.id, person_id=person.id, note=note)

    def remove_coproducer(self, decision_id: str, person_id: str) -> None:
        self._unlocked(self.get(Decision, decision_id).meeting_id, "its decisions")
        for link in self.store.find(CoProducer, decision_id=decision_id, person_id=person_id):
            with self.store.change("Remove a co-producer of a decision"):
                self.store.delete(link)

    def add_dissent(self, decision_id: str, text: str, person_id: str | None = None) -> Dissent:
        decision = self.get(Decision, decision_id)
        self._unlocked(decision.meeting_id, "its decisions")
        if person_id:
            rules.check_member(self.store.get(Person, person_id), "The person dissenting")
        record = build(Dissent, {"decision_id": decision.id, "person_id": person_id, "text": text}, id=new_id())
        with self.store.change(f"Dissent recorded on {decision.ref}"):
            return self.store.insert(record)

    def remove_decision(self, decision_id: str) -> Decision:
        """Delete a decision entered by mistake. Only a proposal with no actions can go;
        anything decided is reversed or replaced instead, so the log stays whole."""
        decision = self.get(Decision, decision_id)
        self._unlocked(decision.meeting_id, "its decisions")
        if decision.status is not DecisionStatus.PROPOSED:
            raise RuleError(
                f"{decision.ref} is {decision.status.label.lower()}: decisions are never deleted "
                "from the log; reverse it or record a decision that replaces it"
            )
        if self.store.find(Action, decision_id=decision.id, limit=1):
            raise RuleError(f"{decision.ref} has actions; remove or move them first")
        with self.store.change(f"Delete proposal {decision.ref}"):
            for cls in (DecisionSource, CoProducer, Dissent):
                for link in self.store.find(cls, decision_id=decision.id):
                    self.store.delete(link)
            return self.store.delete(decision)

    def decisions(self, meeting_id: str | None = None) -> list[Decision]:
        if meeting_id:
            return self.store.find(Decision, meeting_id=meeting_id, order_by="number")
        return self.store.find(Decision, order_by="number")

    def decision_log(self, flt: DecisionFilter | None = None, *, limit: int | None = None, offset: int = 0) -> list[DecisionRow]:
        return queries.decision_log(self.store, flt or DecisionFilter(), limit=limit, offset=offset)

    def count_decisions(self, flt: DecisionFilter | None = None) -> int:
        return queries.count_decisions(self.store, flt or DecisionFilter())

    def dissent(self, decision_id: str) -> list[Dissent]:
        return self.store.find(Dissent, decision_id=decision_id, order_by="created_at")

    # -- actions ----------------------------------------------------------------------------

    def actions(
        self,
        *,
        owner_id: str | None = None,
        statuses: Sequence[Any] = (),
        overdue: bool = False,
        decision_id: str | None = None,
    ) -> list[Action]:
        """Actions, soonest due first (no due date last)."""
        return [
            row.action
            for row in self.action_log(owner_id=owner_id, statuses=statuses, overdue=overdue, decision_id=decision_id)
        ]

    def action_log(
        self,
        *,
        owner_id: str | None = None,
        statuses: Sequence[Any] = (),
        overdue: bool = False,
        decision_id: str | None = None,
    ) -> list[ActionRow]:
        """Actions with the decision each came from, soonest due first (for lists)."""
        codes = tuple(ActionStatus.parse(s, "Action status").value for s in statuses)
        return queries.action_log(
            self.store,
            owner_id=owner_id,
            statuses=codes,
            overdue_on=self.today() if overdue else None,
            decision_id=decision_id,
        )

    def add_action(self, **values: Any) -> Action:
        action = build(Action, values, id=new_id())
        rules.check_action(action, self.store.get(Person, action.owner_id), self.today())
        self._check_action_links(action)
        with self.store.change("Add action"):
            return self.store.insert(action)

    def _check_action_links(self, action: Action) -> None:
        if action.decision_id:
            self.get(Decision, action.decision_id)
        if action.item_id:
            self.get(AgendaItem, action.item_id)
        if action.reported_meeting_id:
            self.get(Meeting, action.reported_meeting_id)

    def edit_action(self, action_id: str, **changes: Any) -> Action:
        current = self.get(Action, action_id)
        action = current.changed(**changes)
        rules.check_action_transition(current.status, action.status)
        if action.owner_id != current.owner_id:
            rules.check_action(action, self.store.get(Person, action.owner_id), self.today())
        self._check_action_links(action)
        if action.status.is_closed and not current.status.is_closed and "closed_on" not in changes:
            action = dataclasses.replace(action, closed_on=self.today())
        elif not action.status.is_closed:
            action = dataclasses.replace(action, closed_on=None)
        with self.store.change(f"Edit action {action.ref}"):
            return self.store.update(action)

    def set_action_status(self, action_id: str, status: Any, outcome: str | None = None) -> Action:
        """Move an action on. Done needs what was done; dropped needs why."""
        changes: dict[str, Any] = {"status": status}
        if outcome is not None:
            changes["outcome"] = outcome
        return self.edit_action(action_id, **changes)

    def remove_action(self, action_id: str) -> Action:
        action = self.get(Action, action_id)
        with self.store.change(f"Delete action {action.ref}"):
            return self.store.delete(action)

    def you_said_we_did(self, since: str | None, until: str) -> list[Action]:
        """Actions completed after ``since`` up to and including ``until`` (dates)."""
        return queries.done_between(self.store, since, until)

    # -- search and checks -----------------------------------------------------------------

    def search(self, text: str, *, kinds: tuple[str, ...] = ("decision", "contribution", "action"), limit: int = 50) -> list[SearchHit]:
        return queries.search(self.store, text, kinds, limit)

    def check(self):
        """Verify the file, the audit chain and every record against its history."""
        return self.store.verify()

    def revert(self, records: Sequence[Record], summary: str = "Undo") -> list[Record]:
        """Put records back exactly as they were (what Undo in the app does), in one change.

        Each record is an earlier version of something still in this panel; the status
        rules are not applied again, since the earlier version was itself allowed. The
        audit log keeps both the change and its undoing.
        """
        for record in records:
            if self.store.get(type(record), record.id, include_deleted=True) is None:
                raise NotFound(f"{record.ref} is no longer in this panel, so it cannot be put back")
        with self.store.change(summary):
            return [self.store.update(record) for record in records]

    def trace(self, decision_id: str, *, anonymised: bool = False, people: dict[str, Person] | None = None,
              clean: Any = None) -> DecisionTrace:
        """Who shaped a decision, as the panel may see it (names and free text as each
        person's consent allows; see :func:`~.trace.trace_decision`)."""
        return trace_decision(self, self.get(Decision, decision_id), anonymised=anonymised, people=people, clean=clean)

    def redactor(self, *, anonymised: bool = False) -> Redactor:
        """Free text as the panel may read it: names of people who chose role only or
        anonymity taken out, initials for those who chose initials (everyone's name out
        with ``anonymised``). For every panel-facing listing and export."""
        return Redactor(self.store.find(Person, include_deleted=True), anonymised=anonymised)

    def person_history(self, person_id: str) -> PersonHistory:
        return person_history(self, self.get(Person, person_id))

    @property
    def impact(self):
        """The impact log and "was it taken up?" (services/impact.py)."""
        from .impact import ImpactService

        return ImpactService(self)


def _pair(value: str | tuple[str, str | None]) -> tuple[str, str | None]:
    if isinstance(value, str):
        return value, None
    return value[0], value[1]


def _noun(cls: type[Record]) -> str:
    return {
        Panel: "panel",
        Person: "person",
        Meeting: "meeting",
        Attendance: "attendance record",
        AgendaItem: "agenda item",
        Contribution: "contribution",
        Decision: "decision",
        DecisionSource: "decision source",
        CoProducer: "co-producer",
        Dissent: "dissent",
        Action: "action",
    }.get(cls, cls.__name__.lower())


@dataclasses.dataclass(frozen=True)
class AttendanceLine:
    """One line of a meeting's register: a person and their attendance, if recorded."""

    person: Person
    attendance: Attendance | None


def _same_weekday_next_month(day: dt.date) -> dt.date:
    """The same weekday in the same week of the next month (the 5th Thursday becomes the
    last Thursday when the next month has only four)."""
    nth = (day.day - 1) // 7
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    first = dt.date(year, month, 1)
    offset = (day.weekday() - first.weekday()) % 7
    candidate = first + dt.timedelta(days=offset + 7 * nth)
    while candidate.month != month:
        candidate -= dt.timedelta(days=7)
    return candidate
