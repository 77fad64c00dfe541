"""Contributions: who said what, on which agenda item."""

from __future__ import annotations

from typing import Any

from ..domain import rules
from ..domain.errors import RuleError
from ..domain.model import AgendaItem, Contribution, Person, build
from ..store import queries
from ..store.panel_store import new_id
from .core import Topic


class ContributionService(Topic):
    """What was said at the panel's meetings."""

    def contributions(self, item_id: str) -> list[Contribution]:
        return self.store.find(Contribution, item_id=item_id, order_by="said_at, number")

    def add_contribution(self, item_id: str, person_id: str, kind: Any, text: str, **values: Any) -> Contribution:
        """Capture who said what, on which item. Saved the moment it is entered."""
        item = self.core.get(AgendaItem, item_id)
        self.core.unlocked(item.meeting_id, "what was said")
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
        current = self.core.get(Contribution, contribution_id)
        contribution = current.changed(**changes)
        rules.check_contribution(contribution, self.store.get(Person, contribution.person_id))
        for item_id in {current.item_id, contribution.item_id}:
            self.core.unlocked(self.core.get(AgendaItem, item_id).meeting_id, "what was said")
        with self.store.change(f"Edit contribution {contribution.ref}"):
            return self.store.update(contribution)

    def remove_contribution(self, contribution_id: str) -> Contribution:
        contribution = self.core.get(Contribution, contribution_id)
        self.core.unlocked(self.core.get(AgendaItem, contribution.item_id).meeting_id, "what was said")
        shaped = queries.decisions_shaped_by_contribution(self.store, contribution.id)
        if shaped:
            refs = ", ".join(f"D-{number}" for number in shaped)
            raise RuleError(f"{contribution.ref} shaped {refs}; remove it from the decision's sources first")
        with self.store.change(f"Delete contribution {contribution.ref}"):
            return self.store.delete(contribution)
