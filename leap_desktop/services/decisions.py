"""Decisions: recorded with the contributions and people that shaped them and any
dissent, changed through their statuses, replaced, listed, and traced."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from ..domain import rules
from ..domain.errors import RuleError
from ..domain.model import (
    Action,
    AgendaItem,
    CoProducer,
    Contribution,
    Decision,
    DecisionSource,
    Dissent,
    Meeting,
    Person,
    build,
)
from ..domain.vocab import DecisionStatus
from ..store import queries
from ..store.panel_store import new_id
from ..store.queries import DecisionFilter, DecisionRow
from .core import R, Topic
from .trace import DecisionTrace, trace_decision


class DecisionService(Topic):
    """The panel's decision log."""

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
        self.core.unlocked(decision.meeting_id, "its decisions")
        source_pairs = [_pair(s) for s in sources]
        coproducer_pairs = [_pair(c) for c in coproducers]
        dissent_pairs = [(None, d) if isinstance(d, str) else d for d in dissent]
        for contribution_id, _ in source_pairs:
            self.core.get(Contribution, contribution_id)
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
            decided_on = meeting.day if meeting else self.core.today()
        return dataclasses.replace(decision, meeting_id=meeting_id, decided_on=decided_on)

    def _check_supersedes(self, decision: Decision) -> Decision | None:
        if decision.supersedes_id is None:
            return None
        old = self.store.get(Decision, decision.supersedes_id)
        rules.check_supersedes(decision, old)
        assert old is not None
        rules.check_not_circular(decision, self._replaced_by(old))
        if old.status is DecisionStatus.SUPERSEDED:
            newer = [d for d in self.store.find(Decision, supersedes_id=old.id) if d.id != decision.id]
            if any(d.status is DecisionStatus.AGREED for d in newer):
                raise RuleError(f"{old.ref} has already been replaced by {newer[0].ref}", "supersedes_id")
        return old

    def _replaced_by(self, decision: Decision) -> Iterable[Decision]:
        """``decision``, what it replaces, what that replaces, and so on (removed ones too)."""
        seen: set[str] = set()
        current: Decision | None = decision
        while current is not None and current.id not in seen:
            yield current
            seen.add(current.id)
            current = self.store.get(Decision, current.supersedes_id, include_deleted=True)

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
        current = self.core.get(Decision, decision_id)
        decision = self._place_decision(current.changed(**changes))
        # What happens to a decision later (reversed, replaced) is not part of the
        # meeting's minutes; what was decided is.
        if set(changes) - {"status", "status_note"}:
            for meeting_id in {current.meeting_id, decision.meeting_id}:
                self.core.unlocked(meeting_id, "its decisions")
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
        decision = self.core.get(Decision, decision_id)
        self.core.unlocked(decision.meeting_id, "its decisions")
        contribution = self.core.get(Contribution, contribution_id)
        with self.store.change(f"{contribution.ref} shaped {decision.ref}"):
            return self._insert_link(DecisionSource, decision_id=decision.id, contribution_id=contribution.id, note=note)

    def remove_source(self, decision_id: str, contribution_id: str) -> None:
        self.core.unlocked(self.core.get(Decision, decision_id).meeting_id, "its decisions")
        for link in self.store.find(DecisionSource, decision_id=decision_id, contribution_id=contribution_id):
            with self.store.change("Remove a source of a decision"):
                self.store.delete(link)

    def add_coproducer(self, decision_id: str, person_id: str, note: str | None = None) -> CoProducer:
        decision = self.core.get(Decision, decision_id)
        self.core.unlocked(decision.meeting_id, "its decisions")
        person = rules.check_member(self.store.get(Person, person_id), "A co-producer")
        with self.store.change(f"{person.display_name} co-produced {decision.ref}"):
            return self._insert_link(CoProducer, decision_id=decision.id, person_id=person.id, note=note)

    def remove_coproducer(self, decision_id: str, person_id: str) -> None:
        self.core.unlocked(self.core.get(Decision, decision_id).meeting_id, "its decisions")
        for link in self.store.find(CoProducer, decision_id=decision_id, person_id=person_id):
            with self.store.change("Remove a co-producer of a decision"):
                self.store.delete(link)

    def add_dissent(self, decision_id: str, text: str, person_id: str | None = None) -> Dissent:
        decision = self.core.get(Decision, decision_id)
        self.core.unlocked(decision.meeting_id, "its decisions")
        if person_id:
            rules.check_member(self.store.get(Person, person_id), "The person dissenting")
        record = build(Dissent, {"decision_id": decision.id, "person_id": person_id, "text": text}, id=new_id())
        with self.store.change(f"Dissent recorded on {decision.ref}"):
            return self.store.insert(record)

    def remove_decision(self, decision_id: str) -> Decision:
        """Delete a decision entered by mistake. Only a proposal with no actions can go;
        anything decided is reversed or replaced instead, so the log stays whole."""
        decision = self.core.get(Decision, decision_id)
        self.core.unlocked(decision.meeting_id, "its decisions")
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

    def trace(self, decision_id: str, *, anonymised: bool = False, people: dict[str, Person] | None = None,
              clean: Any = None) -> DecisionTrace:
        """Who shaped a decision, as the panel may see it (names and free text as each
        person's consent allows; see :func:`~.trace.trace_decision`)."""
        return trace_decision(self.core, self.core.get(Decision, decision_id), anonymised=anonymised, people=people, clean=clean)


def _pair(value: str | tuple[str, str | None]) -> tuple[str, str | None]:
    if isinstance(value, str):
        return value, None
    return value[0], value[1]
