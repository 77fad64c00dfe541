"""A meeting's agenda: items added, edited, moved, removed and brought back, carried to
a later meeting and back, and what was decided and agreed on each."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..domain import rules
from ..domain.errors import NotFound, RuleError
from ..domain.model import Action, AgendaItem, Contribution, Decision, Meeting, Person, build
from ..domain.vocab import ItemState
from ..store import queries
from ..store.panel_store import new_id
from ..words import day_long, month_year
from .core import PanelCore, Topic
from .meetings import MeetingService


class AgendaService(Topic):
    """The agendas of the panel's meetings."""

    def __init__(self, core: PanelCore, meetings: MeetingService):
        super().__init__(core)
        self.meeting_service = meetings

    def agenda(self, meeting_id: str) -> list[AgendaItem]:
        return self.store.find(AgendaItem, meeting_id=meeting_id, order_by="position, number")

    def agenda_timing(self, meeting_id: str) -> rules.AgendaTiming:
        meeting = self.core.get(Meeting, meeting_id)
        return rules.AgendaTiming([i.allotted_minutes for i in self.agenda(meeting.id)], meeting.planned_minutes)

    def add_item(self, meeting_id: str, **values: Any) -> AgendaItem:
        """Add an item to a meeting's agenda (at the end unless a position is given)."""
        meeting = self.core.get(Meeting, meeting_id)
        self.core.unlocked(meeting.id, "its agenda")
        items = self.agenda(meeting.id)
        position = values.pop("position", None) or len(items) + 1
        self._check_presenter(values.get("presenter_id"))
        item = build(AgendaItem, {**values, "meeting_id": meeting.id, "position": len(items) + 1}, id=new_id())
        with self.store.change(f"Add agenda item to {meeting.ref}"):
            item = self.store.insert(item)
            if int(position) != item.position:
                item = self._move(item, int(position))
            return item

    def _check_presenter(self, presenter_id: str | None) -> None:
        if presenter_id:
            rules.check_member(self.store.get(Person, presenter_id), "The presenter")

    def edit_item(self, item_id: str, **changes: Any) -> AgendaItem:
        if "position" in changes:
            raise RuleError("Use 'move' to change an item's place on the agenda", "position")
        if "presenter_id" in changes:
            self._check_presenter(changes["presenter_id"])
        item = self.core.get(AgendaItem, item_id).changed(**changes)
        self.core.unlocked(item.meeting_id, "its agenda")
        with self.store.change(f"Edit agenda item {item.ref}"):
            return self.store.update(item)

    def move_item(self, item_id: str, position: int) -> AgendaItem:
        """Move an item to ``position`` (1 = first); the others close up around it."""
        item = self.core.get(AgendaItem, item_id)
        self.core.unlocked(item.meeting_id, "its agenda")
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
        item = self.core.get(AgendaItem, item_id)
        self.core.unlocked(item.meeting_id, "its agenda")
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
        item = self.core.get(AgendaItem, item_id)
        meeting = self.core.get(Meeting, item.meeting_id)
        if item.state is ItemState.CARRIED:
            raise RuleError(f"'{item.title}' has already been carried to a later meeting")
        self.core.unlocked(meeting.id, "its agenda")
        if to_meeting_id is None:
            target = self.meeting_service.next_meeting(meeting)
            if target is None:
                raise RuleError("There is no later meeting to carry this item to; add the next meeting first")
        else:
            target = self.core.get(Meeting, to_meeting_id)
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

    def next_meeting_suggested(self, item_id: str) -> dict[str, Any] | None:
        """The details suggested for the next meeting when ``item_id``'s meeting has no
        later one to carry it to (None: it has one)."""
        item = self.core.get(AgendaItem, item_id)
        if self.meeting_service.next_meeting(self.core.get(Meeting, item.meeting_id)) is not None:
            return None
        return self.meeting_service.new_meeting_defaults()

    def carry_to_new_meeting(self, item_id: str, day: str | None = None) -> tuple[AgendaItem, Meeting]:
        """Carry an item when its meeting has no later one yet: add the next meeting
        (its details suggested from the series; on ``day`` if given, at the same time)
        and carry the item to it, as one change. Undone by
        :meth:`undo_carry_to_new_meeting`."""
        values = self.next_meeting_suggested(item_id)
        if values is None:
            raise RuleError("There is a later meeting already: carry the item to it")
        item = self.core.get(AgendaItem, item_id)
        meeting = self.core.get(Meeting, item.meeting_id)
        if day and day <= meeting.day:
            raise RuleError(f"The next meeting has to be after this one ({day_long(meeting.day)}): "
                            "type a later day", "starts_at")
        if day:
            suggested = values["starts_at"][:10]
            values["starts_at"] = f"{day}{values['starts_at'][10:]}"
            old, new = month_year(suggested), month_year(day)
            values["title"] = values["title"].replace(old, new)
        with self.store.change(f"Carry {item.ref} to a new meeting"):
            target = self.meeting_service.add_meeting(**values)
            return self.carry_item(item_id, target.id), target

    def undo_carry_to_new_meeting(self, item_id: str, meeting_id: str) -> AgendaItem:
        """Take a carry to a new meeting back: the copy off, the meeting away (refused
        once anything is recorded on it), the item unfinished again; one change."""
        with self.store.change("Take back a carry to a new meeting"):
            item = self.uncarry_item(item_id)
            self.meeting_service.remove_meeting(meeting_id)
            return item

    def set_item_state(self, item_id: str, state: Any) -> AgendaItem:
        """Mark an agenda item finished, or not finished yet. Carrying an item to a later
        meeting goes through :meth:`carry_item`, so the copy is made too."""
        item = self.core.get(AgendaItem, item_id)
        new = ItemState.parse(state, "Item state")
        if new is item.state:
            return item
        if new is ItemState.CARRIED:
            raise RuleError(f"Carry '{item.title}' to a later meeting with 'carry', so it is put on that agenda", "state")
        if item.state is ItemState.CARRIED:
            copy = self.carried_to(item.id)
            where = f" to {self.core.get(Meeting, copy.meeting_id).ref}" if copy else ""
            raise RuleError(f"'{item.title}' was carried{where}; bring it back first to mark it here", "state")
        return self.edit_item(item.id, state=new)

    def carried_to(self, item_id: str) -> AgendaItem | None:
        """The copy of a carried item on the later meeting's agenda, if there is one."""
        found = self.store.find(AgendaItem, carried_from_id=item_id, order_by="created_at", limit=1)
        return found[0] if found else None

    def uncarry_item(self, item_id: str) -> AgendaItem:
        """Undo a carry: take the copy off the later meeting's agenda and make the item
        unfinished here again. Refused once anything is recorded against the copy."""
        item = self.core.get(AgendaItem, item_id)
        if item.state is not ItemState.CARRIED:
            raise RuleError(f"'{item.title}' has not been carried to a later meeting")
        copy = self.carried_to(item.id)
        if copy is not None:
            target = self.core.get(Meeting, copy.meeting_id)
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
