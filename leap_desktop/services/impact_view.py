"""The impact log as a reader sees it: names as each person's consent allows, free text
through the panel's Redactor, and both voices with a plain word for whose is missing.

The screens, ``leap impact``, and the Word and CSV exports (``export/impact_log.py``)
all show this, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..domain import rules
from ..domain.impact_vocab import VoiceKind
from ..domain.model import Action, AgendaItem, Contribution, Decision, ImpactEntry, Meeting, ResearchStage
from ..domain.redact import Redactor, speaker_redactor
from ..words import long_date
from .trace import Voices, people_by_id

#: The panel's service, handed in by its caller (not imported here, so that no module of
#: services imports panel.py: see tests/unit/services/test_structure.py).
PanelService = Any


@dataclass(frozen=True)
class VoiceView:
    kind: VoiceKind
    by: str  # as the author's consent (or this view's own attribution) allows
    roles: str
    text: str
    written_on: str | None
    voice_id: str = ""  # the view's record, for a screen that changes it (not in the JSON)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "by": self.by, "roles": self.roles, "text": self.text,
                "written_on": self.written_on}


@dataclass
class LogEntry:
    entry: ImpactEntry
    ref: str
    date: str | None  # "5 March 2026"
    meeting: str | None  # "M-3 Panel meeting, March 2026"
    item: str | None
    activity: str
    how_contributed: str | None
    hoped_to_influence: str | None
    outcome: str
    what_changed: str | None
    reason: str | None
    why_it_matters: str | None
    standards: list[str]
    stage: str | None
    contributions: list[str] = field(default_factory=list)  # "C-12 Amira Khan, idea: ..."
    decisions: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    researcher: list[VoiceView] = field(default_factory=list)
    public: list[VoiceView] = field(default_factory=list)
    drafted_from: str | None = None

    @property
    def missing(self) -> str | None:
        """Whose view is missing, in words (None when both are there)."""
        if not self.researcher and not self.public:
            return "Both views are missing: no researcher's view and no public contributor's view yet"
        if not self.researcher:
            return "The researcher's view is missing"
        if not self.public:
            return "No public contributor's view yet"
        return None

    def as_json(self) -> dict[str, Any]:
        e = self.entry
        return {
            "ref": self.ref, "date": e.activity_on, "meeting": self.meeting, "item": self.item,
            "activity": self.activity, "how_contributed": self.how_contributed,
            "hoped_to_influence": self.hoped_to_influence, "outcome": e.outcome.value, "outcome_label": self.outcome,
            "what_changed": self.what_changed, "reason": self.reason, "why_it_matters": self.why_it_matters,
            "standards": [s.value for s in e.standards], "standard_labels": self.standards, "stage": self.stage,
            "contributions": self.contributions, "decisions": self.decisions, "actions": self.actions,
            "researcher_view": [v.as_json() for v in self.researcher],
            "public_views": [v.as_json() for v in self.public],
            "missing": self.missing, "drafted_from": self.drafted_from,
        }


def build_log(service: "PanelService", entries: list[ImpactEntry] | None = None, *,
              anonymised: bool = False) -> list[LogEntry]:
    """Each entry of the log (or of ``entries``) as the panel may read it."""
    impact = service.impact
    entries = impact.entries() if entries is None else entries
    people = people_by_id(service)
    voices = Voices(people, anonymised=anonymised)
    clean = Redactor(people.values(), anonymised=anonymised)
    store = service.store
    stages = {s.id: s.name for s in store.find(ResearchStage, include_deleted=True)}
    out = []
    for e in entries:
        meeting = store.get(Meeting, e.meeting_id, include_deleted=True)
        item = store.get(AgendaItem, e.item_id, include_deleted=True)
        view = LogEntry(
            entry=e, ref=e.ref, date=long_date(e.activity_on),
            meeting=f"{meeting.ref} {clean(meeting.title)}" if meeting else None,
            item=f"{item.ref} {clean(item.title)}" if item else None,
            activity=clean(e.title) or "", how_contributed=clean(e.how_contributed),
            hoped_to_influence=clean(e.hoped_to_influence), outcome=e.outcome.label,
            what_changed=clean(e.what_changed), reason=clean(e.outcome_reason), why_it_matters=clean(e.why_it_matters),
            standards=[s.label for s in e.standards], stage=stages.get(e.stage_id or ""),
        )
        drafted = store.get(Decision, e.drafted_from_id, include_deleted=True)
        view.drafted_from = drafted.ref if drafted else None
        for link in sorted(impact.links(e), key=lambda x: _number(store, x)):
            if link.contribution_id:
                c = store.get(Contribution, link.contribution_id)
                if c is not None:
                    voice = voices.of(c.person_id, c.attribution)
                    own = speaker_redactor(people[c.person_id], c.attribution) if c.person_id in people else None
                    text = clean(c.text)
                    view.contributions.append(f"{c.ref} {voice.label}, {c.kind.label.lower()}: "
                                              f"\u201c{own(text) if own else text}\u201d")
            elif link.decision_id:
                d = store.get(Decision, link.decision_id)
                if d is not None:
                    view.decisions.append(f"{d.ref} {clean(d.title)} ({d.status.label.lower()})")
            elif link.action_id:
                a = store.get(Action, link.action_id)
                if a is not None:
                    line = f"{a.ref} {clean(a.title)} ({a.status.label.lower()})"
                    view.actions.append(line + (f": {clean(a.outcome)}" if a.outcome else ""))
        for v in impact.voices(e):
            if v.person_id not in people:
                continue
            voice = voices.of(v.person_id, v.attribution)
            own = speaker_redactor(people[v.person_id], v.attribution)
            text = clean(v.text) or ""
            shown_view = VoiceView(kind=v.kind, by=voice.label, roles=rules.roles_label(voice.roles) if voice.roles else "",
                                   text=own(text) if own else text, written_on=long_date(v.written_on),
                                   voice_id=v.id)
            (view.researcher if v.kind is VoiceKind.RESEARCHER else view.public).append(shown_view)
        out.append(view)
    return out


def _number(store, link) -> tuple[int, int]:
    """Links in the order people read them: contributions, decisions, actions, each by number."""
    for kind, (cls, ref) in enumerate(((Contribution, link.contribution_id), (Decision, link.decision_id),
                                       (Action, link.action_id))):
        if ref:
            record = store.get(cls, ref, include_deleted=True)
            return kind, (record.number or 0) if record else 0
    return 3, 0
