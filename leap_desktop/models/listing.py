"""A table model over a list of rows fetched from the services, that refreshes itself
when the panel changes and tells views exactly what changed.

When the panel file changes (``AppContext.changed`` names the tables a change
touched), a model whose tables were touched fetches its rows again and compares them
with what it showed: a changed row is announced with ``dataChanged``, a row added or
removed with ``rowsInserted``/``rowsRemoved``, one row moving with ``rowsMoved``,
and only anything bigger resets the model. So selection and keyboard focus stay on
the row a person was working on while they edit, undo or reorder.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from ..views.context import AppContext

#: The id of the record a row shows (str), for views to select and open rows by id.
RecordIdRole = Qt.ItemDataRole.UserRole + 1
#: The row itself (a record or a summary), for views that need more than the text.
RowRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class ListingModel(QAbstractTableModel):
    """Rows from the services, one per record, in the order the services give them.

    Subclasses set ``COLUMNS`` (header titles) and ``TABLES`` (the tables whose
    changes refresh them) and implement :meth:`fetch`, :meth:`key` and :meth:`text`.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    TABLES: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.service
        self._rows: list[Any] = []
        #: free text as the panel may read it (a PanelText, models/free_text.py), for a
        #: model the panel reads; None: as typed
        self.panel_text: Any = None
        ctx.changed.connect(self._on_changed)

    # -- what subclasses provide ------------------------------------------------------

    def fetch(self) -> Sequence[Any]:
        """The rows to show now, from the services."""
        raise NotImplementedError

    def key(self, row: Any) -> Hashable:
        """A stable identity for a row (normally its record id)."""
        return row.id

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    def extra(self, row: Any, column: int, role: int) -> Any:
        """Any other role (fonts, check marks, alignment); None for the default."""
        return None

    # -- reading ----------------------------------------------------------------------

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, key: Hashable) -> int:
        """The row number showing ``key``, or -1."""
        for number, row in enumerate(self._rows):
            if self.key(row) == key:
                return number
        return -1

    def index_of(self, key: Hashable, column: int = 0) -> QModelIndex:
        number = self.row_of(key)
        return self.index(number, column) if number >= 0 else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section]
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for thousands of times while a view lays itself out: a plain check, not
        # checkIndex (which costs twice the rest of this method from Python).
        if (not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.COLUMNS)
                or index.model() is not self):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == RecordIdRole:
            return self.key(row)
        if role == RowRole:
            return row
        return self.extra(row, index.column(), role)

    # -- refreshing -------------------------------------------------------------------

    def _on_changed(self, tables: set[str]) -> None:
        if tables & self.TABLES:
            self.refresh()

    def refresh(self) -> None:
        """Fetch the rows again and announce the difference."""
        reads_differently = self.panel_text is not None and self.panel_text.update()
        self._apply(list(self.fetch()))
        if reads_differently:  # the same rows, but names in their text now read differently
            self._announce_all()

    def _apply(self, new: list[Any]) -> None:
        before = {self.key(r): r for r in self._rows}
        old_keys = [self.key(r) for r in self._rows]
        new_keys = [self.key(r) for r in new]
        if old_keys == new_keys:
            self._replace(new)
            return
        if len(old_keys) == len(new_keys) and set(old_keys) == set(new_keys):
            move = _single_move(old_keys, new_keys)
            if move is not None:
                source, destination = move
                self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
                self._rows = new
                self.endMoveRows()
                self._announce_changed(before)
                return
        block = _contiguous_block(old_keys, new_keys)
        if block is not None:
            first, count = block
            self.beginInsertRows(QModelIndex(), first, first + count - 1)
            self._rows = new
            self.endInsertRows()
            self._announce_changed(before)
            return
        block = _contiguous_block(new_keys, old_keys)
        if block is not None:
            first, count = block
            self.beginRemoveRows(QModelIndex(), first, first + count - 1)
            self._rows = new
            self.endRemoveRows()
            self._announce_changed(before)
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def _replace(self, new: list[Any]) -> None:
        changed = [n for n, (a, b) in enumerate(zip(self._rows, new)) if a != b]
        self._rows = new
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1))

    def _announce_changed(self, before: dict[Hashable, Any]) -> None:
        """After rows moved, arrived or left: announce the rows whose content changed
        too (an agenda item's number, say), as one range."""
        changed = [n for n, row in enumerate(self._rows) if self.key(row) in before and before[self.key(row)] != row]
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1))

    def _announce_all(self) -> None:
        if self._rows and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))


def _single_move(old: list[Hashable], new: list[Hashable]) -> tuple[int, int] | None:
    """If ``new`` is ``old`` with one entry moved, return (source row, Qt destination
    row: the row it goes before, counted in ``old``)."""
    first = next(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    last = max(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    # Moved down: old[first] now sits at ``last``.
    if new[last] == old[first] and new[first:last] == old[first + 1:last + 1]:
        return first, last + 1
    # Moved up: old[last] now sits at ``first``.
    if new[first] == old[last] and new[first + 1:last + 1] == old[first:last]:
        return last, first
    return None


def _contiguous_block(short: list[Hashable], long: list[Hashable]) -> tuple[int, int] | None:
    """If ``long`` is ``short`` with one contiguous block added, return (first, count)."""
    count = len(long) - len(short)
    if count <= 0:
        return None
    first = next((i for i, (a, b) in enumerate(zip(short, long)) if a != b), len(short))
    if long[:first] + long[first + count:] == short:
        return first, count
    return None
