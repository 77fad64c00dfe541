"""The decision log, fetched a page at a time so a ten-year panel opens at once.

The model knows how many decisions match (``count_decisions``) and holds only the
pages a view has asked for: ``canFetchMore``/``fetchMore`` bring the next page from
``decision_log(limit, offset)`` as the list is scrolled.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal

from ..domain.vocab import InvolvementLevel
from ..services import DecisionFilter, DecisionRow, PanelService
from .base import Column, RowsModel
from ..words import day
from .free_text import PanelText

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


class DecisionLogModel(RowsModel[DecisionRow]):
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

    loaded = Signal()  # after a reload or a page more: the count may have changed

    def __init__(self, service: PanelService, parent=None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.service = service
        self.panel_text = PanelText(service)  # the panel reads the log: names as consent allows
        self.page_size = page_size
        self.filter = DecisionFilter()
        self.total = 0
        self._fetching = False  # fetchMore can be re-entered from a view's slot: never twice

    def record(self, row: DecisionRow):
        return row.decision

    def set_filter(self, flt: DecisionFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self, at_least: int = 0) -> None:
        """Start again from the first page (keeping at least ``at_least`` rows loaded,
        so a refresh after a change does not lose the reader's place)."""
        self.beginResetModel()
        self.panel_text.update()
        self.total = self.service.count_decisions(self.filter)
        self._rows = self.service.decision_log(self.filter, limit=max(self.page_size, at_least), offset=0)
        self.endResetModel()
        self.loaded.emit()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._fetching and len(self._rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or self._fetching or len(self._rows) >= self.total:
            return
        self._fetching = True
        try:
            more = self.service.decision_log(self.filter, limit=self.page_size, offset=len(self._rows))
            if not more:  # the log shrank since it was counted
                self.total = len(self._rows)
            else:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
                self._rows.extend(more)
                self.endInsertRows()
        finally:
            self._fetching = False
        self.loaded.emit()

    def fetch_all(self) -> None:
        """Load every matching row (e.g. before jumping to the end)."""
        while self.canFetchMore():
            self.fetchMore()

    def ensure_loaded(self, decision_id: str) -> int:
        """Load pages until ``decision_id`` is in the model; its row, or -1 if it does not match."""
        row = self.find(decision_id)
        while row < 0 and self.canFetchMore():
            self.fetchMore()
            row = self.find(decision_id)
        return row
