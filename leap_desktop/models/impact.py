"""The impact log as a table: one row per entry, as the panel may read it (names and
free text as each person's consent allows: services/impact_view.py); and the panel's
research stages, in order, with what uses each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.model import ResearchStage
from ..services.impact_stages import StageUses
from ..services.impact_view import LogEntry, build_log
from .table import Column, TableModel

if TYPE_CHECKING:
    from .context import AppContext


def _views(e: LogEntry) -> str:
    parts = []
    if e.researcher:
        parts.append("researcher")
    if e.public:
        parts.append(f"{len(e.public)} public" if len(e.public) > 1 else "public")
    return " and ".join(parts) or "none yet"


class ImpactModel(TableModel[LogEntry]):
    """The impact log, oldest activity first, optionally filtered."""

    REF, DATE, ACTIVITY, OUTCOME, STANDARDS, STAGE, VIEWS = range(7)
    TABLES = frozenset({"impact_entries", "impact_links", "impact_voices", "research_stages", "people"})
    COLUMNS = (
        Column("Ref", lambda e: e.ref, "The entry's reference", sort=lambda e: e.entry.number or 0),
        Column("Date", lambda e: e.date or "", "When the activity happened", sort=lambda e: e.entry.activity_on or ""),
        Column("What the panel was asked", lambda e: e.activity.replace("\n", " "), "The activity"),
        Column("What changed", lambda e: e.outcome, "Adopted, adapted, not adopted, or not known yet"),
        Column("UK Standards", lambda e: "; ".join(e.standards), "The UK Standards for Public Involvement it relates to"),
        Column("Research stage", lambda e: e.stage or "", "The stage of the research"),
        Column("Views", _views, "Whose views are recorded: the researcher's and the public contributors'",
               tooltip=lambda e: e.missing or "Both views are recorded"),
    )

    def __init__(self, ctx: AppContext | None, parent=None):
        super().__init__(ctx, parent)
        self.filters: dict[str, str | None] = {"standard": None, "stage": None, "outcome": None}

    def fetch(self) -> list[LogEntry]:
        impact = self.service.impact
        return build_log(self.service, impact.entries(**self.filters))

    def record(self, row: LogEntry):
        return row.entry

    def set_filter(self, name: str, value: str | None) -> None:
        self.filters[name] = value or None
        self.refresh()


@dataclass(frozen=True)
class StageRow:
    stage: ResearchStage
    uses: StageUses


class StagesModel(TableModel[StageRow]):
    """The research stages in their order, each with what uses it now."""

    PLACE, NAME, USED = range(3)
    TABLES = frozenset({"research_stages", "research_stage_marks", "impact_entries", "agenda_items", "decisions"})
    COLUMNS = (
        Column("Place", lambda r: str(r.stage.position), "Its place in the list: 1 comes first",
               sort=lambda r: r.stage.position, align_right=True),
        Column("Research stage", lambda r: r.stage.name, "The stage's name, as everything at this stage shows it"),
        Column("Used by", lambda r: r.uses.summary(), "The agenda items, decisions and impact log entries at this stage",
               tooltip=lambda r: f"The stage of {r.uses.where()}" if r.uses else "Nothing uses it: it can be removed"),
    )

    def fetch(self) -> list[StageRow]:
        impact = self.service.impact
        uses = impact.stage_uses()
        return [StageRow(s, uses.get(s.id) or StageUses()) for s in impact.stages()]

    def record(self, row: StageRow):
        return row.stage

    def record_id(self, row: StageRow):
        """The stage's id; the usual list not saved yet has none, so its name."""
        return row.stage.id or row.stage.name
