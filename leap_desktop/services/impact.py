"""The impact log: what the panel was asked, what changed, why it matters, in two voices.

Reached from the panel's service as ``service.impact`` (one small accessor), so the
use-cases stay in one module. Every change is one audited change, like the rest of the
panel. The rules that need other records live here:

* a researcher's view is written by someone with a research or practice role, a public
  contributor's view by a lived experience member or a carer;
* an entry's agenda item belongs to its meeting;
* a contribution that is a source of a decision *shaped* it (derived, never stored);
  others may be marked *noted*, or *not taken up* with the reason;
* a draft entry is assembled only from text already in the record (:meth:`draft`).

What a reader sees (names, free text) is decided in :mod:`.impact_view`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..domain.errors import NotFound, RuleError, shown
from ..domain.impact_vocab import ImpactOutcome, Standard, Uptake, VoiceKind
from ..domain.model import (
    Action,
    AgendaItem,
    Contribution,
    ContributionUptake,
    Decision,
    ImpactEntry,
    ImpactLink,
    ImpactVoice,
    Meeting,
    Person,
    Record,
    ResearchStage,
    build,
)
from ..domain.redact import speaker_redactor
from ..domain.vocab import DecisionStatus, Role
from ..store import impact_queries
from ..store.panel_store import new_id
from .impact_stages import StagesMixin

#: The panel's service, handed in by its caller (not imported here, so that no module of
#: services imports panel.py: see tests/unit/services/test_structure.py).
PanelService = Any

RESEARCH_ROLES = frozenset({Role.RESEARCHER, Role.PRACTITIONER, Role.COORDINATOR, Role.FACILITATOR})
PUBLIC_ROLES = frozenset({Role.LIVED_EXPERIENCE, Role.CARER})
LINKABLE: tuple[type[Record], ...] = (Contribution, Decision, Action)


@dataclasses.dataclass(frozen=True)
class Draft:
    """A draft entry assembled from the record: the values and links to save, unsaved."""

    values: dict[str, Any]
    links: list[Record]


class ImpactService(StagesMixin):
    """The impact log's use-cases over one open panel (the research stages' are in
    :mod:`.impact_stages`)."""

    def __init__(self, panel: "PanelService"):
        self.panel = panel
        self.store = panel.store

    # -- entries ----------------------------------------------------------------------------------

    def entries(self, *, standard: Any = None, stage: str | None = None, outcome: Any = None) -> list[ImpactEntry]:
        """The log, oldest activity first (undated last); optionally only one UK Standard, stage or outcome."""
        found = sorted(self.store.find(ImpactEntry),
                       key=lambda e: (e.activity_on is None, e.activity_on or "", e.number or 0))
        if standard:
            wanted = Standard.parse(standard, "UK Standard")
            found = [e for e in found if wanted in e.standards]
        if stage:
            stage_id = self.find_stage(stage).id
            found = [e for e in found if e.stage_id == stage_id]
        if outcome:
            wanted_outcome = ImpactOutcome.parse(outcome, "What changed")
            found = [e for e in found if e.outcome is wanted_outcome]
        return found

    def entry(self, ref: str) -> ImpactEntry:
        try:
            return self.panel.resolve(ImpactEntry, ref)
        except NotFound:
            raise NotFound(f"No impact log entry {shown(str(ref).strip())} in this panel (use a reference like E-1)") from None

    def links(self, entry: ImpactEntry) -> list[ImpactLink]:
        return self.store.find(ImpactLink, entry_id=entry.id, order_by="created_at, id")

    def voices(self, entry: ImpactEntry) -> list[ImpactVoice]:
        return self.store.find(ImpactVoice, entry_id=entry.id, order_by="written_on, created_at, id")

    def add_entry(self, *, links: list[str] = (), stage: str | None = None, **values: Any) -> ImpactEntry:
        """A new entry; ``links`` are references (C-3, D-2, A-9), ``stage`` a stage name."""
        with self.store.change("Add impact log entry"):
            if stage:
                values["stage_id"] = self._stage(stage).id
            entry = self._placed(build(ImpactEntry, values, id=new_id()))  # type: ignore[arg-type]
            entry = self.store.insert(entry)
            for ref in links:
                self._link(entry, self._target(ref))
            return entry

    def edit_entry(self, ref: str, *, stage: str | None = None, links: list[str] | None = None,
                   **changes: Any) -> ImpactEntry:
        """Change an entry; with ``links`` (references), its links become exactly those, in
        the same change."""
        entry = self.entry(ref)
        with self.store.change(f"Edit impact log entry {entry.ref}"):
            if stage is not None:
                changes["stage_id"] = None if stage.strip().casefold() in ("", "none") else self._stage(stage).id
            entry = self.store.update(self._placed(entry.changed(**changes)))  # type: ignore[arg-type]
            if links is not None:
                self._set_links(entry, links)
            return entry

    def _set_links(self, entry: ImpactEntry, refs: list[str]) -> None:
        wanted = {}
        for ref in refs:
            record = self._target(ref)
            wanted.setdefault(record.id, record)
        for link in self.links(entry):
            if link.target_id not in wanted:
                self.store.delete(link)
        have = {link.target_id for link in self.links(entry)}
        for record_id, record in wanted.items():
            if record_id not in have:
                self._link(entry, record)

    def linked(self, entry: ImpactEntry) -> list[Record]:
        """The contributions, decisions and actions an entry is linked to, in that order."""
        found: list[Record] = []
        for link in self.links(entry):
            for cls, key in ((Contribution, link.contribution_id), (Decision, link.decision_id),
                             (Action, link.action_id)):
                record = self.store.get(cls, key) if key else None
                if record is not None:
                    found.append(record)
        order = {Contribution: 0, Decision: 1, Action: 2}
        return sorted(found, key=lambda r: (order[type(r)], r.number or 0))

    def remove_entry(self, ref: str) -> ImpactEntry:
        """Delete an entry with its views and its links, in one change (tombstones, as
        every deletion); the contributions, decisions and actions it linked to stay."""
        entry = self.entry(ref)
        with self.store.change(f"Delete impact log entry {entry.ref}"):
            for child in [*self.links(entry), *self.voices(entry)]:
                self.store.delete(child)
            return self.store.delete(entry)

    def restore_entry(self, entry_id: str) -> ImpactEntry:
        """Undo :meth:`remove_entry`: the entry comes back with the views and links that
        were deleted with it, in the same change (not any deleted before)."""
        entry = self.store.get(ImpactEntry, entry_id, include_deleted=True)
        if entry is None:
            raise NotFound(f"No impact log entry with id {entry_id} in this panel")
        if entry.deleted_at is None:
            return entry
        change = impact_queries.deletion_change(self.store, ImpactEntry.TABLE, entry.id)
        with self.store.change(f"Restore impact log entry {entry.ref}"):
            for cls in (ImpactLink, ImpactVoice):
                for child in self.store.find(cls, entry_id=entry.id, include_deleted=True):
                    if child.deleted_at is not None and \
                            impact_queries.deletion_change(self.store, cls.TABLE, child.id) == change:
                        self.store.restore(child)
            return self.store.restore(entry)

    def _placed(self, entry: ImpactEntry) -> ImpactEntry:
        """Check the entry's meeting and item (the item's meeting fills in the meeting)."""
        if entry.meeting_id and self.store.get(Meeting, entry.meeting_id) is None:
            raise NotFound(f"No meeting with id {entry.meeting_id} in this panel")
        if entry.item_id:
            item = self.store.get(AgendaItem, entry.item_id)
            if item is None:
                raise NotFound(f"No agenda item with id {entry.item_id} in this panel")
            if entry.meeting_id and entry.meeting_id != item.meeting_id:
                raise RuleError(f"{item.ref} is on the agenda of another meeting", "item_id")
            entry = dataclasses.replace(entry, meeting_id=item.meeting_id)
        if entry.stage_id and self.store.get(ResearchStage, entry.stage_id) is None:
            raise NotFound("That research stage is not on the panel's list")
        if entry.activity_on is None and entry.meeting_id:
            meeting = self.store.get(Meeting, entry.meeting_id)
            entry = dataclasses.replace(entry, activity_on=meeting.day if meeting else None)
        return entry

    def link(self, ref: str, target: str) -> ImpactLink:
        entry = self.entry(ref)
        with self.store.change(f"Link {target.strip()} to {entry.ref}"):
            return self._link(entry, self._target(target))

    def unlink(self, ref: str, target: str) -> None:
        entry = self.entry(ref)
        record = self._target(target)
        found = [link for link in self.links(entry) if link.target_id == record.id]
        if not found:
            raise NotFound(f"{record.ref} is not linked to {entry.ref}")
        with self.store.change(f"Unlink {record.ref} from {entry.ref}"):
            for link in found:
                self.store.delete(link)

    def _target(self, ref: str) -> Record:
        prefix = (ref or "").strip()[:1].upper()
        for cls in LINKABLE:
            if cls.PREFIX == prefix:
                return self.panel.resolve(cls, ref)
        raise RuleError(f"Link a contribution (C-3), a decision (D-2) or an action (A-9), not {shown(ref)}")

    def _link(self, entry: ImpactEntry, record: Record) -> ImpactLink:
        if any(link.target_id == record.id for link in self.links(entry)):
            raise RuleError(f"{record.ref} is already linked to {entry.ref}")
        key = {Contribution: "contribution_id", Decision: "decision_id", Action: "action_id"}[type(record)]
        return self.store.insert(build(ImpactLink, {"entry_id": entry.id, key: record.id}, id=new_id()))

    # -- the two voices ---------------------------------------------------------------------------

    def add_voice(self, ref: str, kind: Any, person: str, text: str, *, written_on: str | None = None,
                  attribution: Any = None) -> ImpactVoice:
        """A researcher's view or a public contributor's reflection on an entry."""
        entry = self.entry(ref)
        author = self.panel.resolve(Person, person)
        voice = build(ImpactVoice, {"entry_id": entry.id, "kind": kind, "person_id": author.id, "text": text,
                                    "written_on": written_on or self.panel.today(), "attribution": attribution},
                      id=new_id())
        check_author(voice, author)  # type: ignore[arg-type]
        with self.store.change(f"Add a view to {entry.ref}"):
            return self.store.insert(voice)

    def find_voice(self, ref: str, kind: Any, person: str, *, written_on: str | None = None) -> ImpactVoice:
        """The view on an entry of this kind by this person (and, if they wrote more than
        one, on this day)."""
        entry = self.entry(ref)
        wanted = VoiceKind.parse(kind, "Whose view")
        author = self.panel.resolve(Person, person)
        found = [v for v in self.voices(entry) if v.kind is wanted and v.person_id == author.id]
        if written_on:
            written_on = ImpactVoice.FIELDS["written_on"](written_on)
            found = [v for v in found if v.written_on == written_on]
        what = f"{wanted.label.lower()} by {author.ref} on {entry.ref}"
        if not found:
            raise NotFound(f"There is no {what}" + (f" written on {written_on}" if written_on else ""))
        if len(found) > 1:
            days = ", ".join(v.written_on or "no date" for v in found)
            raise RuleError(f"{author.ref} wrote more than one {wanted.label.lower()} on {entry.ref} ({days}): "
                            "say which by its date")
        return found[0]

    def remove_voice(self, voice_id: str) -> ImpactVoice:
        voice = self.panel.get(ImpactVoice, voice_id)
        entry = self.store.get(ImpactEntry, voice.entry_id)
        with self.store.change(f"Delete a view from {entry.ref}" if entry else "Delete a view from the impact log"):
            return self.store.delete(voice)

    # -- drafted from the record ------------------------------------------------------------------

    def draft(self, decision_ref: str) -> Draft:
        """A draft entry for a decision with sources, assembled only from existing text:
        the item, the sources, the decision, its actions and their outcomes."""
        decision = self.panel.resolve(Decision, decision_ref)
        already = self.store.find(ImpactEntry, drafted_from_id=decision.id, limit=1)
        if already:
            raise RuleError(f"{already[0].ref} was already drafted from {decision.ref}; edit that entry")
        sources = self.panel.sources(decision.id)
        contributions = sorted((c for c in (self.store.get(Contribution, s.contribution_id) for s in sources) if c),
                               key=lambda c: c.number or 0)
        if not contributions:
            raise RuleError(f"{decision.ref} has no contributions recorded as its sources, so there is nothing "
                            "to draft from; add its sources, or write the entry yourself")
        item = self.store.get(AgendaItem, decision.item_id)
        actions = self.store.find(Action, decision_id=decision.id, order_by="number")
        people = {p.id: p for p in self.store.find(Person, include_deleted=True)}
        said = []
        for c in contributions:
            person = people.get(c.person_id)
            own = speaker_redactor(person, c.attribution) if person else None
            said.append(f"{c.kind.label} ({c.ref}): {own(c.text) if own else c.text}")
        changed = [decision.title] + [t for t in (decision.summary, decision.text) if t]
        for a in actions:
            changed.append(f"{a.ref} ({a.status.label.lower()}): {a.title}" + (f" - {a.outcome}" if a.outcome else ""))
        outcome, reason = ImpactOutcome.PENDING, None
        if decision.status in (DecisionStatus.AGREED, DecisionStatus.SUPERSEDED):
            outcome = ImpactOutcome.ADOPTED
        elif decision.status in (DecisionStatus.REJECTED, DecisionStatus.REVERSED):
            reason = decision.status_note or decision.rationale
            outcome = ImpactOutcome.NOT_ADOPTED if reason else ImpactOutcome.PENDING
        stage = self.stage_of(decision)
        values = {
            "title": item.title if item else decision.title,
            "meeting_id": decision.meeting_id or (item.meeting_id if item else None),
            "item_id": item.id if item else None,
            "activity_on": decision.decided_on,
            "how_contributed": "\n".join(said),
            "hoped_to_influence": item.notes if item else None,
            "outcome": outcome,
            "what_changed": "\n".join(changed),
            "outcome_reason": reason,
            "why_it_matters": decision.rationale,
            "stage_id": stage.id if stage and stage.id else None,
            "drafted_from_id": decision.id,
        }
        return Draft(values=values, links=[*contributions, decision, *actions])

    def add_draft(self, decision_ref: str) -> ImpactEntry:
        """Save :meth:`draft` as a new entry, for the coordinator to edit."""
        draft = self.draft(decision_ref)
        with self.store.change("Draft impact log entry"):
            entry = self.store.insert(self._placed(build(ImpactEntry, draft.values, id=new_id())))  # type: ignore[arg-type]
            for record in draft.links:
                self._link(entry, record)  # type: ignore[arg-type]
            return entry  # type: ignore[return-value]

    # -- was it taken up? -------------------------------------------------------------------------

    def uptake(self, contribution: Contribution) -> tuple[Uptake, str | None, list[Decision]]:
        """(shaped / noted / not taken up / not recorded, the reason, the decisions it shaped)."""
        shaped = impact_queries.shaped_by(self.store, [contribution.id]).get(contribution.id, [])
        if shaped:
            return Uptake.SHAPED, None, shaped
        found = impact_queries.uptake_of(self.store, [contribution.id]).get(contribution.id)
        if found is None:
            return Uptake.UNKNOWN, None, []
        return found.status, found.reason, []

    def mark_uptake(self, contribution_ref: str, status: Any, reason: str | None = None) -> ContributionUptake | None:
        """Mark a contribution noted or not taken up (with the reason); ``status``
        "unknown" clears the mark. One that shaped a decision is refused."""
        c = self.panel.resolve(Contribution, contribution_ref)
        wanted = Uptake.parse(status, "Was it taken up")
        shaped = impact_queries.shaped_by(self.store, [c.id]).get(c.id, [])
        if shaped and wanted is not Uptake.UNKNOWN:
            refs = ", ".join(d.ref for d in shaped)
            raise RuleError(f"{c.ref} shaped {refs}, so it was taken up; take it off the decision's sources "
                            "first to mark it otherwise")
        current = impact_queries.uptake_of(self.store, [c.id]).get(c.id)
        with self.store.change(f"Uptake of {c.ref}"):
            if wanted is Uptake.UNKNOWN:
                if current is not None:
                    self.store.delete(current)
                return None
            values = {"status": wanted, "reason": reason, "recorded_on": self.panel.today()}
            if current is not None:
                return self.store.update(current.changed(**values))
            return self.store.insert(build(ContributionUptake, {"contribution_id": c.id, **values}, id=new_id()))

    def counts(self) -> impact_queries.UptakeCounts:
        return impact_queries.uptake_counts(self.store)


def check_author(voice: ImpactVoice, author: Person) -> None:
    """A researcher's view needs a research or practice role; a public contributor's view
    a lived experience member or a carer."""
    roles = set(author.roles)
    if voice.kind is VoiceKind.RESEARCHER and not roles & RESEARCH_ROLES:
        raise RuleError(f"{author.ref} has no research or practice role, so cannot write the researcher's view; "
                        "record it as a public contributor's view instead", "person_id")
    if voice.kind is VoiceKind.PUBLIC and not roles & PUBLIC_ROLES:
        raise RuleError(f"{author.ref} is not a lived experience member or a carer, so cannot write a public "
                        "contributor's view", "person_id")
