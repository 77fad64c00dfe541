"""Traceability: who shaped a decision, and what a person's contributions shaped.

Names are shown only as each person's attribution consent allows (and more
privately where a single contribution asked for it). The balance of voices is
counted from people's real roles, so it stays true even when names are hidden.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..domain import rules
from ..domain.impact_vocab import Uptake
from ..domain.model import Action, AgendaItem, Contribution, Decision, Meeting, Person, Record
from ..domain.mentions import FrozenNames, NameMark
from ..domain.redact import Redactor, speaker_redactor
from ..domain.vocab import Consent, Role, RoleGroup
from ..store import PanelStore, impact_queries, queries

if TYPE_CHECKING:  # the impact log's records are made when first used
    from ..domain.impact_records import ContributionUptake

R = TypeVar("R", bound=Record)


class HoldsStore(Protocol):
    """What a trace reads from: anything holding the open panel's store (the panel
    service, its core, or one of its topics). Not ``PanelService`` itself, so this
    module never imports services/panel.py."""

    @property
    def store(self) -> PanelStore: ...


@dataclass(frozen=True)
class Voice:
    """A person as a trace shows them: a name their consent allows, visible roles,
    and the group their voice counts in."""

    key: str  # stable within one trace; not a person id when they are anonymous
    label: str
    roles: tuple[Role, ...]
    group: RoleGroup
    person_id: str = field(repr=False, compare=False, default="")
    consent: Consent = field(repr=False, compare=False, default=Consent.ANONYMOUS)  # the level shown

    @property
    def named(self) -> bool:
        """Shown by their name (so a screen may link to their page without revealing more)."""
        return self.consent is Consent.NAMED

    def as_json(self) -> dict[str, Any]:
        return {"name": self.label, "roles": [r.value for r in self.roles], "role_labels": [r.label for r in self.roles]}


class Voices:
    """Hands out consent-respecting labels, numbering anonymous people within one view."""

    def __init__(self, people: dict[str, Person], *, anonymised: bool = False):
        self.people = people
        self.anonymised = anonymised
        self._voices: dict[tuple[str, Consent], Voice] = {}
        self._anonymous = 0

    def of(self, person_id: str, override: Consent | None = None) -> Voice:
        person = self.people[person_id]
        level = rules.effective_consent(person.consent, override)
        if self.anonymised and level.privacy < Consent.ROLE_ONLY.privacy:
            level = Consent.ROLE_ONLY
        key = (person_id, level)
        if key not in self._voices:
            label = rules.attribute(person, override, anonymised=self.anonymised)
            if level is Consent.ANONYMOUS:
                self._anonymous += 1
                label = f"Anonymous member {self._anonymous}"
            self._voices[key] = Voice(
                key=f"{person_id}:{level.value}" if level is not Consent.ANONYMOUS else f"anon-{self._anonymous}",
                label=label,
                roles=rules.visible_roles(person, level),
                group=rules.role_group(person.roles),
                person_id=person_id,
                consent=level,
            )
        return self._voices[key]

    def seen(self, person_id: str, override: Consent | None = None) -> Voice:
        """A person in a part they are seen to play in the room (present, chair, presenter,
        owner of an action): as :meth:`of`, except that someone anonymous is plain
        "Anonymous member", never the numbered label of their contributions, so what they
        said is not tied to who was seen doing it."""
        person = self.people[person_id]
        level = rules.effective_consent(person.consent, override)
        if level is not Consent.ANONYMOUS:
            return self.of(person_id, override)
        return Voice(
            key="anon-seen",
            label="Anonymous member",
            roles=(),
            group=rules.role_group(person.roles),
            person_id=person_id,
            consent=Consent.ANONYMOUS,
        )


@dataclass(frozen=True)
class SourceView:
    contribution: Contribution
    note: str | None
    voice: Voice
    item: AgendaItem
    meeting: Meeting

    def as_json(self) -> dict[str, Any]:
        c = self.contribution
        return {
            "ref": c.ref,
            "kind": c.kind.value,
            "kind_label": c.kind.label,
            "text": c.text,
            "how_it_shaped": self.note,
            "said_by": self.voice.as_json(),
            "meeting": self.meeting.ref,
            "meeting_date": self.meeting.day,
            "item": self.item.title,
        }


@dataclass
class CoProducerView:
    voice: Voice
    contributions: list[SourceView] = field(default_factory=list)
    direct_note: str | None = None
    named_directly: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            **self.voice.as_json(),
            "contributions": [s.contribution.ref for s in self.contributions],
            "named_directly": self.named_directly,
            "note": self.direct_note,
        }


#: The groups every balance lists, even at none.
ALWAYS_SHOWN = (RoleGroup.LIVED_EXPERIENCE, RoleGroup.CARERS)


@dataclass
class Balance:
    """How many sources (or people) came from each group of roles."""

    counts: dict[RoleGroup, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, *groups: RoleGroup) -> float:
        """The share of the total in ``groups`` together (0 when there is nothing)."""
        return sum(self.counts.get(g, 0) for g in groups) / self.total if self.total else 0.0

    def shown_groups(self) -> list[RoleGroup]:
        """The groups a report lists: lived experience and carers always (a share of none
        is worth saying), the others when they have any."""
        return [g for g in RoleGroup if self.counts.get(g, 0) or g in ALWAYS_SHOWN]

    def describe(self) -> str:
        if not self.total:
            return "No recorded sources"
        parts = [f"{group.label}: {self.counts.get(group, 0)} ({self.share(group):.0%})" for group in self.shown_groups()]
        return "; ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            group.value: {"count": self.counts.get(group, 0), "share": round(self.share(group), 4)}
            for group in RoleGroup
        }


@dataclass
class DecisionTrace:
    decision: Decision
    meeting: Meeting | None
    item: AgendaItem | None
    sources: list[SourceView]
    coproducers: list[CoProducerView]
    source_balance: Balance
    people_balance: Balance
    older: list[Decision]  # decisions this one replaced, nearest first
    newer: list[Decision]  # decisions that replaced this one, nearest first
    actions: list[Action]
    dissent: list[tuple[Voice | None, str]]
    owners: dict[str, Voice]  # action id -> owner's voice

    def as_json(self) -> dict[str, Any]:
        d = self.decision
        return {
            "decision": {
                "ref": d.ref,
                "title": d.title,
                "text": d.text,
                "rationale": d.rationale,
                "summary": d.summary,
                "status": d.status.value,
                "method": d.method.value if d.method else None,
                "votes": dict(zip(("for", "against", "abstain"), d.votes)) if d.votes else None,
                "involvement_level": d.level.value,
                "decided_on": d.decided_on,
                "meeting": self.meeting.ref if self.meeting else None,
                "item": self.item.title if self.item else None,
            },
            "coproducers": [c.as_json() for c in self.coproducers],
            "sources": [s.as_json() for s in self.sources],
            "share_of_sources_by_role": self.source_balance.as_json(),
            "coproducers_by_role": self.people_balance.as_json(),
            "role_groups": {g.value: {"label": g.label, "roles": [r.value for r in g.roles]} for g in RoleGroup},
            "supersedes": [o.ref for o in self.older],
            "superseded_by": [n.ref for n in self.newer],
            "actions": [
                {
                    "ref": a.ref,
                    "title": a.title,
                    "owner": self.owners[a.id].label,
                    "due_on": a.due_on,
                    "status": a.status.value,
                    "outcome": a.outcome,
                }
                for a in self.actions
            ],
            "dissent": [
                {"by": voice.as_json() if voice else None, "text": text} for voice, text in self.dissent
            ],
        }


def people_by_id(service: HoldsStore) -> dict[str, Person]:
    return {p.id: p for p in service.store.find(Person, include_deleted=True)}


def redactor_for(service: HoldsStore, people: dict[str, Person] | None = None, *, anonymised: bool = False,
                 frozen: FrozenNames | None = None) -> Redactor:
    """The panel's one :class:`~leap_desktop.domain.redact.Redactor`: its people (all of
    them, those who left too), and the names check's "not a name" marks."""
    people = people if people is not None else people_by_id(service)
    marks = service.store.find(NameMark)
    return Redactor(people.values(), anonymised=anonymised, marks=marks, frozen=frozen)


def trace_decision(
    service: HoldsStore,
    decision: Decision,
    *,
    anonymised: bool = False,
    people: dict[str, Person] | None = None,
    clean: Callable[[str | None], str | None] | None = None,
) -> DecisionTrace:
    """The trace of ``decision`` as the panel sees it.

    Names follow each person's consent, and so does free text: the records in the trace
    (the decision, its sources, actions, the decisions it replaced...) are copies whose
    free text has gone through the panel's :class:`~leap_desktop.domain.redact.Redactor`
    (``clean``). They are for showing: never save them back. ``people`` and ``clean``
    may be given when tracing many decisions at once (exports)."""
    rows = queries.trace_rows(service.store, decision)
    people = people if people is not None else people_by_id(service)
    clean = clean or redactor_for(service, people, anonymised=anonymised)
    voices = Voices(people, anonymised=anonymised)
    sources: list[SourceView] = []
    coproducers: dict[str, CoProducerView] = {}
    for link, contribution, item, meeting in rows.sources:
        voice = voices.of(contribution.person_id, contribution.attribution)
        said = speaker_clean(people, contribution, clean)
        view = SourceView(contribution=_cleaned(contribution, said), note=said(link.note), voice=voice,
                          item=_cleaned(item, clean), meeting=_cleaned(meeting, clean))
        sources.append(view)
        coproducers.setdefault(voice.key, CoProducerView(voice=voice)).contributions.append(view)
    for link in rows.coproducers:
        voice = voices.of(link.person_id)
        entry = coproducers.setdefault(voice.key, CoProducerView(voice=voice))
        entry.named_directly = True
        entry.direct_note = clean(link.note)
    distinct_people = {c.voice.person_id: c.voice.group for c in coproducers.values()}
    return DecisionTrace(
        decision=_cleaned(decision, clean),
        meeting=_cleaned(rows.meeting, clean),
        item=_cleaned(rows.item, clean),
        sources=sources,
        coproducers=list(coproducers.values()),
        source_balance=Balance(dict(Counter(s.voice.group for s in sources))),
        people_balance=Balance(dict(Counter(distinct_people.values()))),
        older=[_cleaned(d, clean) for d in rows.older],
        newer=[_cleaned(d, clean) for d in rows.newer],
        actions=[_cleaned(a, clean) for a in rows.actions],
        dissent=[(voices.of(d.person_id) if d.person_id else None, clean(d.text)) for d in rows.dissent],
        owners={a.id: voices.seen(a.owner_id) for a in rows.actions},
    )


def speaker_clean(people: dict[str, Person], contribution: Contribution, clean):
    """``clean``, and for a contribution made more private than its speaker's consent,
    the speaker's own name taken out as well (:func:`~leap_desktop.domain.redact.speaker_redactor`)."""
    person = people.get(contribution.person_id)
    extra = speaker_redactor(person, contribution.attribution) if person is not None else None
    if extra is None:
        return clean
    return lambda text: extra(clean(text))


#: The free-text fields of each kind of record, which the panel reads through a Redactor.
FREE_TEXT: dict[type, tuple[str, ...]] = {
    Decision: ("title", "text", "rationale", "summary", "status_note"),
    Contribution: ("text",),
    AgendaItem: ("title", "notes"),
    Meeting: ("title", "place"),
    Action: ("title", "outcome"),
}


def _cleaned(record: R | None, clean: Callable[[str | None], str | None]) -> R | None:
    """A copy of ``record`` with its free text redacted (for showing only)."""
    if record is None:
        return None
    names = FREE_TEXT.get(type(record), ())
    changes = {name: clean(getattr(record, name)) for name in names}
    changes = {k: v for k, v in changes.items() if v != getattr(record, k)}
    return dataclasses.replace(record, **changes) if changes else record


@dataclass
class ShapedContribution:
    row: queries.ContributionRow
    decisions: list[Decision]
    #: noted, or not taken up with the reason (recorded only for one that shaped no decision)
    uptake: ContributionUptake | None = None

    @property
    def status(self) -> Uptake:
        """Was it taken up: shaped a decision (from its sources), noted, not taken up, or not recorded."""
        if self.decisions:
            return Uptake.SHAPED
        return self.uptake.status if self.uptake is not None else Uptake.UNKNOWN

    @property
    def taken_up(self) -> str:
        """In words: ``Shaped D-4, D-7``, ``Noted``, ``Not taken up: <the reason>``, ``Not recorded yet``."""
        status = self.status
        if status is Uptake.SHAPED:
            return "Shaped " + ", ".join(d.ref for d in self.decisions)
        if status is Uptake.NOT_TAKEN_UP and self.uptake is not None and self.uptake.reason:
            return f"{status.label}: {self.uptake.reason}"
        return status.label


@dataclass
class PersonHistory:
    person: Person
    contributions: list[ShapedContribution]
    decisions: list[Decision]  # every decision they shaped, by contribution or directly
    direct: list[Decision]  # named as co-producer outside a contribution
    actions: list[Action]
    meetings_attended: int
    hours: float

    def as_json(self) -> dict[str, Any]:
        p = self.person
        return {
            "person": {
                "ref": p.ref,
                "name": p.display_name,
                "roles": [r.value for r in p.roles],
                "consent": p.consent.value,
            },
            "meetings_attended": self.meetings_attended,
            "hours": self.hours,
            "contributions": [
                {
                    "ref": s.row.contribution.ref,
                    "kind": s.row.contribution.kind.value,
                    "text": s.row.contribution.text,
                    "meeting": f"M-{s.row.meeting_number}",
                    "meeting_date": s.row.meeting_day,
                    "item": s.row.item_title,
                    "shaped": [d.ref for d in s.decisions],
                    "uptake": s.status.value,
                    "uptake_reason": s.uptake.reason if s.uptake is not None and not s.decisions else None,
                }
                for s in self.contributions
            ],
            "decisions_shaped": [{"ref": d.ref, "title": d.title, "status": d.status.value} for d in self.decisions],
            "co_produced_directly": [d.ref for d in self.direct],
            "actions": [
                {"ref": a.ref, "title": a.title, "due_on": a.due_on, "status": a.status.value} for a in self.actions
            ],
        }


def person_history(service: HoldsStore, person: Person) -> PersonHistory:
    store = service.store
    shaped: dict[str, list[Decision]] = {}
    decisions: dict[str, Decision] = {}
    direct: list[Decision] = []
    for via, decision in queries.decisions_shaped_by(store, person.id):
        decisions[decision.id] = decision
        if via is None:
            direct.append(decision)
        else:
            shaped.setdefault(via, []).append(decision)
    attended = [a for a in queries.attendance_of(store, person.id) if a.status.value == "present"]
    rows = queries.contributions_of(store, person.id)
    uptake = impact_queries.uptake_of(store, [row.contribution.id for row in rows])
    return PersonHistory(
        person=person,
        contributions=[
            ShapedContribution(row=row, decisions=shaped.get(row.contribution.id, []),
                               uptake=uptake.get(row.contribution.id))
            for row in rows
        ],
        decisions=sorted(decisions.values(), key=lambda d: d.number or 0),
        direct=direct,
        actions=store.find(Action, owner_id=person.id, order_by="number"),
        meetings_attended=len(attended),
        hours=sum(a.hours or 0 for a in attended),
    )
