"""A meeting's agenda, in order, with a running clock; reordered by drag and drop.

Moving rows (by drag and drop, or ``moveRows`` from the keyboard commands) calls a
*mover*, ``mover(item_id, position)``; by default that is ``PanelService.move_item``,
and the workspace passes one that makes the move undoable. The model then shows the
new order the service saved: it never keeps an order of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QObject, Qt

from ..domain import rules
from ..domain.model import AgendaItem, Meeting, Person
from ..domain.vocab import Consent, ItemState
from .. import words
from .free_text import PanelText
from .table import Column, Index, TableModel

if TYPE_CHECKING:
    from .context import AppContext

MIME_TYPE = "application/x-leap-agenda-item"

Mover = Callable[[str, int], Any]


@dataclass(frozen=True)
class AgendaRow:
    """An item with what the list shows about it: its slot in the meeting's clock,
    its presenter's name, and where it came from or went."""

    item: AgendaItem
    starts_after: int | None  # minutes after the meeting's start; None once untimed items come first
    presenter: str
    carried_from: str | None  # "M-11"
    carried_to: str | None  # "M-14"

    @property
    def id(self) -> str:
        return self.item.id


class AgendaModel(TableModel):
    POSITION, TITLE, PURPOSE, PRESENTER, MINUTES, TIME, STATE = range(7)
    COLUMNS = tuple(Column(title) for title in ("No.", "Item", "Purpose", "Presenter", "Minutes", "Time", "State"))
    TABLES = frozenset({"agenda_items", "meetings", "people"})

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QObject | None = None, *,
                 as_panel_reads: bool = False):
        """``as_panel_reads``: titles and notes with names as each person's consent
        allows (meeting mode, which may be projected); the workspace, where the
        coordinator plans and edits the agenda, shows them as typed."""
        super().__init__(ctx, parent)
        self.panel_text = PanelText(ctx.service, enabled=as_panel_reads)
        self.meeting: Meeting | None = None
        self.mover: Mover = lambda item_id, position: self.service.move_item(item_id, position)
        self.set_meeting(meeting_id)

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self._reset(self.fetch())

    def fetch(self) -> Sequence[AgendaRow]:
        if not self.meeting_id:
            self.meeting = None
            return []
        self.meeting = self.service.find(Meeting, self.meeting_id)
        if self.meeting is None:  # deleted meanwhile
            return []
        people = {p.id: p for p in self.service.people()}
        items = self.service.agenda(self.meeting_id)
        rows: list[AgendaRow] = []
        elapsed: int | None = 0
        for item in items:
            carried_from = carried_to = None
            if item.carried_from_id:
                source = self.service.find(AgendaItem, item.carried_from_id)
                meeting = self.service.find(Meeting, source.meeting_id) if source else None
                carried_from = meeting.ref if meeting else None
            if item.state is ItemState.CARRIED:
                copy = self.service.carried_to(item.id)
                meeting = self.service.find(Meeting, copy.meeting_id) if copy else None
                carried_to = meeting.ref if meeting else None
            presenter = people.get(item.presenter_id)
            shown = _shown(presenter) if self.panel_text.enabled else _name(presenter)
            rows.append(AgendaRow(item, elapsed, shown, carried_from, carried_to))
            if elapsed is not None and item.allotted_minutes is not None:
                elapsed += item.allotted_minutes
            elif item.allotted_minutes is None:
                elapsed = None
        return rows

    def record(self, row: AgendaRow) -> AgendaItem:
        return row.item

    def timing(self) -> rules.AgendaTiming:
        planned = self.meeting.planned_minutes if self.meeting else None
        return rules.AgendaTiming([r.item.allotted_minutes for r in self._rows], planned)

    # -- showing ----------------------------------------------------------------------

    def text(self, row: AgendaRow, column: int) -> str:
        item = row.item
        if column == self.POSITION:
            return str(item.position)
        if column == self.TITLE:
            return self.panel_text(item.title) + (f" (carried from {row.carried_from})" if row.carried_from else "")
        if column == self.PURPOSE:
            return item.purpose.label
        if column == self.PRESENTER:
            return row.presenter
        if column == self.MINUTES:
            return "" if item.allotted_minutes is None else str(item.allotted_minutes)
        if column == self.TIME:
            return self.slot(row)
        if column == self.STATE:
            if item.state is ItemState.CARRIED and row.carried_to:
                return f"Carried to {row.carried_to}"
            return item.state.label
        return ""

    def slot(self, row: AgendaRow) -> str:
        """``14:10 to 14:40``, or over the planned end: ``16:05 to 16:20 (after the planned end)``."""
        if self.meeting is None or row.item.allotted_minutes is None:
            return "Not timed"
        if row.starts_after is None:
            return f"{row.item.allotted_minutes} min, after an item not timed"
        start = self.meeting.starts_at
        begin, end = row.starts_after, row.starts_after + row.item.allotted_minutes
        text = f"{words.clock_after(start, begin)} to {words.clock_after(start, end)}"
        planned = self.meeting.planned_minutes
        if planned and end > planned:
            text += " (after the planned end)"
        return text

    def tooltip(self, row: AgendaRow, column: int) -> str | None:
        item = row.item
        parts = [f"{item.ref}: {self.panel_text(item.title)}", item.purpose.label]
        if row.presenter:
            parts.append(f"Presented by {row.presenter}")
        if item.allotted_minutes is not None:
            parts.append(words.minutes(item.allotted_minutes))
        if item.notes:
            parts.append(self.panel_text(item.notes))
        return "\n".join(parts)

    def extra(self, row: AgendaRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.POSITION, self.MINUTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.POSITION:
            return f"Item {row.item.position}"
        return None

    # -- drag and drop ----------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows (on the list itself), never on an item.
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[str] = []
        for index in indexes:
            if index.isValid() and self.record_id(self._rows[index.row()]) not in ids:
                ids.append(str(self.record_id(self._rows[index.row()])))
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(ids).encode()))
        return data

    def _dragged(self, data: QMimeData) -> list[str]:
        if data is None or not data.hasFormat(MIME_TYPE):
            return []
        ids = bytes(data.data(MIME_TYPE).data()).decode().split("\n")
        return [i for i in ids if self.row_of(i) >= 0]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and not parent.isValid() and len(self._dragged(data)) == 1

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """A dragged item dropped before ``row`` (or at the end when ``row`` is -1)."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        source = self.row_of(self._dragged(data)[0])
        destination = len(self._rows) if row < 0 else row
        return self.moveRows(QModelIndex(), source, 1, QModelIndex(), destination)

    def moveRows(self, sourceParent: Index, sourceRow: int, count: int, destinationParent: Index, destinationChild: int) -> bool:
        """Move one item to before ``destinationChild`` (Qt's convention), through the mover."""
        if sourceParent.isValid() or destinationParent.isValid() or count != 1:
            return False
        if not (0 <= sourceRow < len(self._rows)) or not (0 <= destinationChild <= len(self._rows)):
            return False
        final = destinationChild if destinationChild <= sourceRow else destinationChild - 1
        if final == sourceRow:
            return False
        item_id = str(self.record_id(self._rows[sourceRow]))
        if self.ctx.attempt(self.mover, item_id, final + 1) is None:
            return False
        self.refresh()  # usually a no-op: the change notice has refreshed the rows already
        return True

    def move_by(self, row: int, step: int) -> bool:
        """Move the item in ``row`` up (``step`` < 0) or down: the keyboard command."""
        target = row + step
        if not (0 <= row < len(self._rows)) or not (0 <= target < len(self._rows)):
            return False
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), target if step < 0 else target + 1)


def _name(person: Person | None) -> str:
    return person.display_name if person else ""


def _shown(person: Person | None) -> str:
    """A presenter as the room may see them: as their consent allows, and nobody for an
    anonymous member (the room sees who presents, so a label would tie them to it)."""
    if person is None or person.consent is Consent.ANONYMOUS:
        return ""
    return rules.attribute(person)
