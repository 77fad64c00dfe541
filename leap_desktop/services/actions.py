"""Actions: what someone agreed to do, moved on to done or dropped, and what was done
between two dates ("you said, we did")."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ..domain import rules
from ..domain.model import Action, AgendaItem, Decision, Meeting, Person, build
from ..domain.vocab import ActionStatus
from ..store import queries
from ..store.panel_store import new_id
from ..store.queries import ActionRow
from .core import Topic


class ActionService(Topic):
    """The panel's actions."""

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
            overdue_on=self.core.today() if overdue else None,
            decision_id=decision_id,
        )

    def add_action(self, **values: Any) -> Action:
        action = build(Action, values, id=new_id())
        rules.check_action(action, self.store.get(Person, action.owner_id), self.core.today())
        self._check_action_links(action)
        with self.store.change("Add action"):
            return self.store.insert(action)

    def _check_action_links(self, action: Action) -> None:
        if action.decision_id:
            self.core.get(Decision, action.decision_id)
        if action.item_id:
            self.core.get(AgendaItem, action.item_id)
        if action.reported_meeting_id:
            self.core.get(Meeting, action.reported_meeting_id)

    def edit_action(self, action_id: str, **changes: Any) -> Action:
        current = self.core.get(Action, action_id)
        action = current.changed(**changes)
        rules.check_action_transition(current.status, action.status)
        if action.owner_id != current.owner_id:
            rules.check_action(action, self.store.get(Person, action.owner_id), self.core.today())
        self._check_action_links(action)
        if action.status.is_closed and not current.status.is_closed and "closed_on" not in changes:
            action = dataclasses.replace(action, closed_on=self.core.today())
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
        action = self.core.get(Action, action_id)
        with self.store.change(f"Delete action {action.ref}"):
            return self.store.delete(action)

    def you_said_we_did(self, since: str | None, until: str) -> list[Action]:
        """Actions completed after ``since`` up to and including ``until`` (dates)."""
        return queries.done_between(self.store, since, until)
