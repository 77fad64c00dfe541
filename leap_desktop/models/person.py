"""A person's page: what they said, and whether each was taken up (the decisions it
shaped, noted, or not taken up and why)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.impact_vocab import Uptake
from ..domain.model import Decision
from ..services.trace import PersonHistory, ShapedContribution
from ..words import day
from .table import Column, TableModel


def _taken_up_tip(entry: ShapedContribution) -> str:
    if entry.decisions:
        return "Shaped " + "; ".join(f"{d.ref} {d.title}" for d in entry.decisions)
    if entry.uptake is not None and entry.uptake.recorded_on:
        return f"{entry.taken_up} (recorded {day(entry.uptake.recorded_on)})"
    return entry.taken_up


class ContributionsModel(TableModel[ShapedContribution]):
    """Everything a person said, oldest first, with whether each was taken up (its page
    fills it with ``set_rows`` from the person's history)."""

    DATE, MEETING, ITEM, KIND, TEXT, TAKEN_UP = range(6)

    COLUMNS = (
        Column("Date", lambda s: day(s.row.meeting_day, short=True), "The meeting's date",
               sort=lambda s: s.row.meeting_day),
        Column("Meeting", lambda s: f"M-{s.row.meeting_number}", "The meeting where they said it",
               tooltip=lambda s: f"M-{s.row.meeting_number} {s.row.meeting_title}",
               sort=lambda s: s.row.meeting_number),
        Column("Agenda item", lambda s: s.row.item_title, "What the panel was discussing"),
        Column("Kind", lambda s: s.row.contribution.kind.label,
               "Lived-experience insight, idea, concern, question, suggestion, agreement, dissent or comment"),
        Column("What they said", lambda s: s.row.contribution.text.replace("\n", " "), "Their words",
               tooltip=lambda s: s.row.contribution.text),
        Column("Taken up?", lambda s: s.taken_up,
               "Whether it was taken up: the decisions it shaped, noted, not taken up (and why), or not recorded yet",
               tooltip=_taken_up_tip, sort=lambda s: (list(Uptake).index(s.status), s.taken_up)),
    )

    def record(self, entry: ShapedContribution):
        return entry.row.contribution


@dataclass(frozen=True)
class ShapedDecision:
    decision: Decision
    how: str  # "Through C-3, C-9" or "Directly, as a co-producer"


def shaped_decisions(history: PersonHistory) -> list[ShapedDecision]:
    through: dict[str, list[str]] = {}
    for entry in history.contributions:
        for decision in entry.decisions:
            through.setdefault(decision.id, []).append(entry.row.contribution.ref)
    direct = {d.id for d in history.direct}
    out = []
    for decision in history.decisions:
        parts = []
        if decision.id in through:
            parts.append("Through what they said: " + ", ".join(through[decision.id]))
        if decision.id in direct:
            parts.append("Directly, as a co-producer")
        out.append(ShapedDecision(decision, "; ".join(parts)))
    return out


class ShapedDecisionsModel(TableModel[ShapedDecision]):
    """The decisions a person shaped, and how (filled by its page, like the above)."""

    REF, TITLE, STATUS, DATE, HOW = range(5)

    COLUMNS = (
        Column("Ref", lambda s: s.decision.ref, "The decision's reference",
               sort=lambda s: s.decision.number or 0),
        Column("Decision", lambda s: s.decision.title, "What was decided",
               tooltip=lambda s: s.decision.summary or s.decision.title),
        Column("Status", lambda s: s.decision.status.label, "Where the decision stands now"),
        Column("Date", lambda s: day(s.decision.decided_on, short=True), "When it was decided",
               sort=lambda s: s.decision.decided_on or ""),
        Column("How they shaped it", lambda s: s.how, "Through their contributions, or directly"),
    )

    def record(self, entry: ShapedDecision):
        return entry.decision
