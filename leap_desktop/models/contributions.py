"""Contributions on one agenda item, newest last, each ready to be ticked as a source
of a decision."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from ..domain import rules
from ..domain.model import Contribution, Person
from ..domain.vocab import ContributionKind
from .. import words
from ..services.trace import speaker_clean
from .free_text import PanelText
from .table import Column, Index, TableModel

if TYPE_CHECKING:
    from .context import AppContext


#: ``edit(contribution_id, field, value)``: save one change; returns None if refused.
Editor = Callable[[str, str, Any], Any]


class ContributionsModel(TableModel):
    """``checkable``: each row has a tick box (the first column) saying whether the
    contribution shaped the decision being recorded; ``ticked()`` lists them in order.

    With an ``editor``, what was said and its kind can be corrected in place (the
    editor saves through the services, undoably)."""

    TIME, WHO, KIND, TEXT = range(4)
    COLUMNS = tuple(Column(title) for title in ("Time", "Said by", "Kind", "What was said"))
    TABLES = frozenset({"contributions", "people"})

    tickedChanged = Signal()

    def __init__(self, ctx: AppContext, item_id: str | None = None, *, checkable: bool = False,
                 parent: QObject | None = None):
        super().__init__(ctx, parent)
        # Meeting mode may be on a projected screen: what was said shows names only as
        # each person's consent allows (the text as typed comes back for editing).
        self.panel_text = PanelText(ctx.service)
        self.checkable = checkable
        self.editor: Editor | None = None
        self._ticked: set[str] = set()
        self._people: dict[str, Person] = {}
        self.set_item(item_id)

    def set_item(self, item_id: str | None) -> None:
        self.item_id = item_id
        self._ticked.clear()
        self._reset(self.fetch())
        self.tickedChanged.emit()

    def fetch(self) -> Sequence[Contribution]:
        if not self.item_id:
            return []
        self._people = {p.id: p for p in self.service.people()}
        return self.service.contributions(self.item_id)

    def refresh(self) -> None:
        super().refresh()
        present = {c.id for c in self._rows}
        if not self._ticked <= present:
            self._ticked &= present
            self.tickedChanged.emit()

    def said_by(self, row: Contribution) -> str:
        person = self._people.get(row.person_id)
        return rules.attribute(person, row.attribution) if person else "Someone no longer on the panel"

    def text(self, row: Contribution, column: int) -> str:
        if column == self.TIME:
            return words.local_time(row.said_at)
        if column == self.WHO:
            return self.said_by(row)
        if column == self.KIND:
            return row.kind.label
        if column == self.TEXT:
            return self.what_was_said(row)
        return ""

    def what_was_said(self, row: Contribution) -> str:
        """The text as the panel may read it: others' names as their consent allows, and
        for a remark made more private than its speaker's consent, their own name too."""
        return speaker_clean(self._people, row, self.panel_text)(row.text) or ""

    def tooltip(self, row: Contribution, column: int) -> str | None:
        return f"{row.ref}: {row.kind.label} from {self.said_by(row)}\n{self.what_was_said(row)}"

    def extra(self, row: Contribution, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole and column == self.TEXT:
            return row.text
        if role == Qt.ItemDataRole.EditRole and column == self.KIND:
            return row.kind.value
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and column == self.TIME:
            return Qt.CheckState.Checked if row.id in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.TIME:
            ticked = ", ticked as shaping the decision" if row.id in self._ticked else ""
            return f"{row.ref} at {words.local_time(row.said_at)}{ticked}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.checkable and index.column() == self.TIME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.isValid() and self.editor is not None and index.column() in (self.TEXT, self.KIND):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and self.editor is not None:
            return self._edit(self._rows[index.row()], index.column(), value)
        if role != Qt.ItemDataRole.CheckStateRole or not self.checkable or not index.isValid():
            return False
        if index.column() != self.TIME:
            return False
        row = self._rows[index.row()]
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked:
            self._ticked.add(row.id)
        else:
            self._ticked.discard(row.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.AccessibleTextRole])
        self.tickedChanged.emit()
        return True

    def _edit(self, row: Contribution, column: int, value: Any) -> bool:
        field = {self.TEXT: "text", self.KIND: "kind"}.get(column)
        if field is None or self.editor is None:
            return False
        current = row.text if field == "text" else row.kind.value
        if field == "kind":
            value = ContributionKind.parse(value).value if value else value
        if value == current:
            return False
        return self.editor(row.id, field, value) is not None

    def ticked(self) -> list[Contribution]:
        return [c for c in self._rows if c.id in self._ticked]

    def set_ticked(self, contribution_id: str, ticked: bool = True) -> bool:
        number = self.row_of(contribution_id)
        if number < 0:
            return False
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return self.setData(self.index(number, self.TIME), state, Qt.ItemDataRole.CheckStateRole)

    def clear_ticks(self) -> None:
        if self._ticked:
            self._ticked.clear()
            self._announce_all()
            self.tickedChanged.emit()
