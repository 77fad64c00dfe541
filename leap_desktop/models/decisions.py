"""The decision log, fetched a page at a time so a ten-year panel opens at once.

The model knows how many decisions match (``count_decisions``) and holds only the
pages a view has asked for: a first screenful, then ``canFetchMore``/``fetchMore``
bring the next page from ``decision_log(limit, offset)`` as the list is scrolled
(models/paged.py). Its page refreshes it when shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.vocab import InvolvementLevel
from ..services import DecisionFilter, DecisionRow
from ..words import day
from .free_text import PanelText
from .paged import PagedTableModel
from .table import Column

if TYPE_CHECKING:
    from .context import AppContext

PAGE_SIZE = 200

LADDER = ", ".join(level.label.lower() for level in InvolvementLevel)


def _meeting(row: DecisionRow) -> str:
    if row.meeting_number is None:
        return ""
    return f"M-{row.meeting_number}"


def _date(row: DecisionRow) -> str:
    return row.decision.decided_on or row.meeting_day or ""


def _level_tooltip(row: DecisionRow) -> str:
    level = row.decision.level
    return f"Involvement level {level.rung} of {len(InvolvementLevel)} ({LADDER}): {level.label}"


class DecisionLogModel(PagedTableModel[DecisionRow]):
    """Decisions matching a :class:`DecisionFilter`, newest first, loaded page by page."""

    REF, DATE, TITLE, STATUS, LEVEL, MEETING, SOURCES, OPEN_ACTIONS = range(8)

    COLUMNS = (
        Column("Ref", lambda r: r.decision.ref, "The decision's reference, like D-12",
               sort=lambda r: r.decision.number or 0),
        Column("Date", lambda r: day(_date(r), short=True), "When it was decided (or the meeting's date)",
               sort=_date),
        Column("Decision", lambda r: r.decision.title, "What was decided",
               tooltip=lambda r: r.decision.summary or r.decision.text or r.decision.title, free_text=True),
        Column("Status", lambda r: r.decision.status.label,
               "Proposed, agreed, rejected, deferred, superseded or reversed",
               tooltip=lambda r: r.decision.status_note or r.decision.status.label, free_text=True),
        Column("Involvement", lambda r: r.decision.level.label,
               f"How far the panel shaped it, on the ladder: {LADDER}",
               sort=lambda r: r.decision.level.rung, tooltip=_level_tooltip),
        Column("Meeting", _meeting, "The meeting where it was made",
               tooltip=lambda r: f"{_meeting(r)} {r.meeting_title or ''}".strip(),
               sort=lambda r: r.meeting_number or 0, free_text=True),
        Column("Sources", lambda r: str(r.source_count), "How many contributions shaped it",
               sort=lambda r: r.source_count, align_right=True),
        Column("Open actions", lambda r: str(r.open_actions), "Actions from it that are not finished yet",
               sort=lambda r: r.open_actions, align_right=True),
    )

    def __init__(self, ctx: AppContext, parent=None, *, page_size: int = PAGE_SIZE, first_page: int | None = None):
        super().__init__(ctx, parent, page_size=page_size, first_page=first_page)
        self.panel_text = PanelText(ctx.service)  # the panel reads the log: names as consent allows
        self.filter = DecisionFilter()

    def record(self, row: DecisionRow):
        return row.decision

    def set_filter(self, flt: DecisionFilter) -> None:
        """List what ``flt`` matches, from the first page."""
        self.filter = flt
        self.restart()

    def count(self) -> int:
        return self.service.count_decisions(self.filter)

    def fetch_page(self, limit: int, offset: int) -> list[DecisionRow]:
        return self.service.decision_log(self.filter, limit=limit, offset=offset)
