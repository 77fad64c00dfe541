"""The impact log's records (issue 13): research stages, entries, their links and
two voices, and whether each contribution was taken up.

Plain immutable values like those in :mod:`.model` (which lists them among every record
type); rules that need other records (who may write which view, uptake against the
decisions a contribution shaped) live in ``services/impact.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import fields as f
from .errors import RuleError
from .impact_vocab import ImpactOutcome, Standard, Uptake, VoiceKind
from .record import Record
from .vocab import Consent

@dataclass(frozen=True, kw_only=True)
class ResearchStage(Record):
    """One stage of research in the panel's editable list (design, ethics, ...)."""

    number: int | None = None
    name: str
    position: int

    TABLE = "research_stages"
    FIELDS = {
        "name": f.Text("Research stage", required=True, max_len=80),
        "position": f.Number("Position", 1, 10_000, required=True),
    }


@dataclass(frozen=True, kw_only=True)
class StageMark(Record):
    """The research stage an agenda item or a decision belongs to."""

    stage_id: str
    item_id: str | None = None
    decision_id: str | None = None

    TABLE = "research_stage_marks"
    FIELDS = {
        "stage_id": f.Ref("Research stage", required=True),
        "item_id": f.Ref("Agenda item"),
        "decision_id": f.Ref("Decision"),
    }

    def check(self) -> None:
        if (self.item_id is None) == (self.decision_id is None):
            raise RuleError("A research stage is set on one agenda item or one decision", "item_id")


@dataclass(frozen=True, kw_only=True)
class ImpactEntry(Record):
    """One activity in the impact log: what the panel was asked, what changed, why it matters."""

    number: int | None = None
    title: str  # the activity: what the panel was asked
    meeting_id: str | None = None
    item_id: str | None = None
    activity_on: str | None = None
    how_contributed: str | None = None
    hoped_to_influence: str | None = None
    outcome: ImpactOutcome = ImpactOutcome.PENDING
    what_changed: str | None = None
    outcome_reason: str | None = None
    why_it_matters: str | None = None
    standards: tuple[Standard, ...] = ()
    stage_id: str | None = None
    drafted_from_id: str | None = None  # the decision it was drafted from

    PREFIX = "E"
    TABLE = "impact_entries"
    FIELDS = {
        "title": f.Text("What the panel was asked", required=True, multiline=True, max_len=2_000),
        "meeting_id": f.Ref("Meeting"),
        "item_id": f.Ref("Agenda item"),
        "activity_on": f.Date("Date of the activity"),
        "how_contributed": f.Text("How members contributed", multiline=True, max_len=f.TEXT_MAX),
        "hoped_to_influence": f.Text("What they hoped to influence", multiline=True, max_len=f.TEXT_MAX),
        "outcome": f.Choice("What changed", ImpactOutcome),
        "what_changed": f.Text("What changed, in words", multiline=True, max_len=f.TEXT_MAX),
        "outcome_reason": f.Text("Reason", multiline=True, max_len=f.TEXT_MAX),
        "why_it_matters": f.Text("Why it matters", multiline=True, max_len=f.TEXT_MAX),
        "standards": f.Tags("UK Standards", Standard),
        "stage_id": f.Ref("Research stage"),
        "drafted_from_id": f.Ref("Decision it was drafted from"),
    }

    def check(self) -> None:
        if self.outcome.needs_reason and not self.outcome_reason:
            what = "how it was adapted and why" if self.outcome is ImpactOutcome.ADAPTED else "why it was not adopted"
            raise RuleError(f"Say {what} (the reason)", "outcome_reason")


@dataclass(frozen=True, kw_only=True)
class ImpactLink(Record):
    """A contribution, decision or action an impact log entry is about."""

    entry_id: str
    contribution_id: str | None = None
    decision_id: str | None = None
    action_id: str | None = None

    TABLE = "impact_links"
    FIELDS = {
        "entry_id": f.Ref("Impact log entry", required=True),
        "contribution_id": f.Ref("Contribution"),
        "decision_id": f.Ref("Decision"),
        "action_id": f.Ref("Action"),
    }

    def check(self) -> None:
        if sum(x is not None for x in (self.contribution_id, self.decision_id, self.action_id)) != 1:
            raise RuleError("A link is to one contribution, decision or action", "contribution_id")

    @property
    def target_id(self) -> str:
        return self.contribution_id or self.decision_id or self.action_id or ""


@dataclass(frozen=True, kw_only=True)
class ImpactVoice(Record):
    """A view on an impact log entry: the researcher's, or a public contributor's reflection."""

    entry_id: str
    kind: VoiceKind
    person_id: str
    text: str
    written_on: str | None = None
    attribution: Consent | None = None  # only ever more private than the author's consent

    TABLE = "impact_voices"
    FIELDS = {
        "entry_id": f.Ref("Impact log entry", required=True),
        "kind": f.Choice("Whose view", VoiceKind),
        "person_id": f.Ref("Author", required=True),
        "text": f.Text("The view", required=True, multiline=True, max_len=f.TEXT_MAX),
        "written_on": f.Date("Written on"),
        "attribution": f.Choice("Attribution for this view", Consent, required=False),
    }


@dataclass(frozen=True, kw_only=True)
class ContributionUptake(Record):
    """Whether a contribution that shaped no decision was noted, or not taken up and why."""

    contribution_id: str
    status: Uptake
    reason: str | None = None
    recorded_on: str | None = None

    TABLE = "contribution_uptake"
    FIELDS = {
        "contribution_id": f.Ref("Contribution", required=True),
        "status": f.Choice("Was it taken up", Uptake),
        "reason": f.Text("Reason", multiline=True, max_len=f.TEXT_MAX),
        "recorded_on": f.Date("Recorded on"),
    }

    def check(self) -> None:
        if self.status in (Uptake.SHAPED, Uptake.UNKNOWN):
            raise RuleError("Mark a contribution as noted or not taken up (shaping a decision is "
                            "recorded by making it a source of the decision)", "status")
        if self.status is Uptake.NOT_TAKEN_UP and not self.reason:
            raise RuleError("Say why it was not taken up, so the member hears the reason", "reason")


#: In the order they are written (parents before children).
IMPACT_RECORD_TYPES: tuple[type[Record], ...] = (
    ResearchStage,
    StageMark,
    ImpactEntry,
    ImpactLink,
    ImpactVoice,
    ContributionUptake,
)
