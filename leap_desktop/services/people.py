"""People on the panel: joining, changing, leaving, what each has shaped, and the
panel's free text as their consent allows it to be read."""

from __future__ import annotations

from typing import Any

from ..domain.errors import RuleError
from ..domain.model import Action, Attendance, CoProducer, Contribution, Person, build
from ..domain.redact import Redactor
from ..store.panel_store import new_id
from .core import Topic
from .trace import PersonHistory, people_by_id, person_history, redactor_for


class PeopleService(Topic):
    """The panel's people."""

    def people(self, *, active_on: str | None = None) -> list[Person]:
        people = sorted(self.store.find(Person), key=lambda p: (p.display_name.casefold(), p.number or 0))
        if active_on:
            people = [p for p in people if p.active_on(active_on)]
        return people

    def people_by_id(self) -> dict[str, Person]:
        """Everyone the panel has had, by id, removed people too: for naming who said or
        owns something recorded before they were removed (as their consent allows)."""
        return people_by_id(self)

    def add_person(self, **values: Any) -> Person:
        person = build(Person, values, id=new_id())
        with self.store.change(f"Add {person.display_name}"):
            return self.store.insert(person)

    def edit_person(self, person_id: str, **changes: Any) -> Person:
        person = self.core.get(Person, person_id).changed(**changes)
        with self.store.change(f"Edit {person.display_name}"):
            return self.store.update(person)

    def deactivate_person(self, person_id: str, on: str | None = None) -> Person:
        """Someone leaves the panel: their history stays, they are no longer offered
        as an owner or speaker."""
        return self.edit_person(person_id, active_to=on or self.core.today())

    def remove_person(self, person_id: str) -> Person:
        """Delete a person added by mistake. Anyone with a history is deactivated instead."""
        person = self.core.get(Person, person_id)
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

    def person_history(self, person_id: str) -> PersonHistory:
        return person_history(self.core, self.core.get(Person, person_id))

    def redactor(self, *, anonymised: bool = False) -> Redactor:
        """Free text as the panel may read it: names of people who chose role only or
        anonymity taken out, initials for those who chose initials (everyone's name out
        with ``anonymised``). For every panel-facing listing and export."""
        return redactor_for(self, anonymised=anonymised)
