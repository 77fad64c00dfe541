"""What was recorded on one agenda item besides contributions: its decisions and actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..domain import rules
from ..domain.model import Action, Decision, Person
from .. import words
from .free_text import PanelText
from .table import Column, TableModel

if TYPE_CHECKING:
    from .context import AppContext


class _ItemModel(TableModel):
    """Meeting mode's lists, which may be on a projected screen: free text shows names
    only as each person's consent allows (models/free_text.py)."""

    def __init__(self, ctx: AppContext, item_id: str | None = None, parent: QObject | None = None):
        super().__init__(ctx, parent)
        self.panel_text = PanelText(ctx.service)
        self.set_item(item_id)

    def set_item(self, item_id: str | None) -> None:
        self.item_id = item_id
        self._reset(self.fetch())


class ItemDecisionsModel(_ItemModel):
    REF, STATUS, TITLE, SOURCES = range(4)
    COLUMNS = tuple(Column(title) for title in ("Ref", "Status", "Decision", "Shaped by"))
    TABLES = frozenset({"decisions", "decision_sources", "people"})

    def fetch(self) -> Sequence[Decision]:
        if not self.item_id:
            return []
        decisions = self.service.decisions_on_item(self.item_id)
        self._sources = {d.id: len(self.service.sources(d.id)) for d in decisions}
        return decisions

    def text(self, row: Decision, column: int) -> str:
        if column == self.REF:
            return row.ref
        if column == self.STATUS:
            method = f", {row.method.label.lower()}" if row.method else ""
            return f"{row.status.label}{method}"
        if column == self.TITLE:
            return self.panel_text(row.title)
        if column == self.SOURCES:
            return words.plural(self._sources.get(row.id, 0), "contribution")
        return ""

    def tooltip(self, row: Decision, column: int) -> str | None:
        clean = self.panel_text
        return "\n".join(filter(None, [f"{row.ref}: {clean(row.title)}", clean(row.summary), f"Involvement: {row.level.label}"]))


class ItemActionsModel(_ItemModel):
    REF, OWNER, DUE, TITLE = range(4)
    COLUMNS = tuple(Column(title) for title in ("Ref", "Owner", "Due", "What needs doing"))
    TABLES = frozenset({"actions", "people", "decisions"})

    def fetch(self) -> Sequence[Action]:
        if not self.item_id:
            return []
        self._people: dict[str, Person] = {p.id: p for p in self.service.people()}
        return self.service.actions_on_item(self.item_id)

    def text(self, row: Action, column: int) -> str:
        if column == self.REF:
            return row.ref
        if column == self.OWNER:
            owner = self._people.get(row.owner_id)
            return rules.attribute(owner) if owner else ""
        if column == self.DUE:
            return words.day(row.due_on, short=True) if row.due_on else "No date"
        if column == self.TITLE:
            return self.panel_text(row.title)
        return ""

    def tooltip(self, row: Action, column: int) -> str | None:
        return f"{row.ref}: {self.panel_text(row.title)} ({row.status.label})"
