"""The one table-model base: rows from the services, described by their columns, that
refresh by telling views exactly what changed.

Views never see SQL or services: a model ``fetch()``-es its rows from the services and
``refresh()`` compares them with what it showed. A changed row is announced with
``dataChanged``, a row added or removed with ``rowsInserted``/``rowsRemoved``, one row
moving with ``rowsMoved``, and only anything bigger resets the model; so selection and
keyboard focus stay on the row a person was working on while they edit, undo or
reorder. A model given the context and some ``TABLES`` refreshes itself when a change
touches one of them (``AppContext.changed``); a page that refreshes its own model
when it is shown (so a hidden page costs nothing) leaves ``TABLES`` empty.

Each column says how to show a row as text (which is also what a screen reader reads),
how to sort it, and optionally an icon and a tooltip, so meaning is always in the text
and never in colour alone. A model whose text needs more than one row (the clock of an
agenda, today's date) overrides :meth:`TableModel.text` and the other hooks instead.

``PagedTableModel`` (models/paged.py) is the same model fetched a page at a time (the
decision log of a ten-year panel), with Qt's ``canFetchMore``/``fetchMore``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from ..paths import resource
from . import roles
from .row_changes import contiguous_block, single_move

if TYPE_CHECKING:
    from .context import AppContext

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

_icons: dict[str, QIcon] = {}

# The roles as plain values, looked up once: ``Qt.ItemDataRole.DisplayRole`` costs about
# 0.1 µs each time from Python, and ``data()`` is asked tens of thousands of times while a
# long list lays itself out (its rows' heights, its columns' widths).
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_RECORD, _RECORD_ID, _ROW, _SORT = roles.RecordRole, roles.RecordIdRole, roles.RowRole, roles.SortRole


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons`` (made once; needs a running QGuiApplication)."""
    if name not in _icons:
        _icons[name] = QIcon(str(resource("icons", f"{name}.svg")))
    return _icons[name]


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    #: the cell's text; None when the model's ``text()`` says it
    text: Callable[[Row], str] | None = None
    description: str = ""  # the header's tooltip: what the column means
    sort: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str] | None = None
    icon: Callable[[Row], QIcon | None] | None = None
    bold: Callable[[Row], bool] | None = None
    align_right: bool = False
    #: typed freely (titles, outcomes): shown through the model's ``panel_text``, so
    #: names appear only as each person's consent allows (models/free_text.py)
    free_text: bool = False


class TableModel(QAbstractTableModel, Generic[Row]):
    """Rows, one per record, in the order the services give them."""

    RecordRole = roles.RecordRole
    RecordIdRole = roles.RecordIdRole
    RowRole = roles.RowRole
    SortRole = roles.SortRole

    COLUMNS: Sequence[Column] = ()
    #: the tables whose changes make the model refresh itself
    TABLES: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, ctx: AppContext | None, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.service if ctx is not None else None
        self._rows: list[Row] = []
        #: free text as the panel may read it (a PanelText, models/free_text.py); None: as typed
        self.panel_text: Any = None
        if ctx is not None and self.TABLES:
            ctx.changed.connect(self._on_changed)

    # -- what subclasses provide ------------------------------------------------------

    def fetch(self) -> Sequence[Row]:
        """The rows to show now, from the services (by default the rows already shown:
        a model its page fills with :meth:`set_rows`)."""
        return self._rows

    def record(self, row: Row) -> Any:
        """The domain record behind a row (the row itself by default)."""
        return row

    def record_id(self, row: Row) -> Hashable:
        """A row's stable identity: its record's id."""
        return self.record(row).id

    def text(self, row: Row, column: int) -> str:
        col = self.COLUMNS[column]
        value = col.text(row) if col.text is not None else ""
        return self._clean(col, value)

    def tooltip(self, row: Row, column: int) -> str | None:
        col = self.COLUMNS[column]
        value = self._clean(col, col.tooltip(row)) if col.tooltip is not None else self.text(row, column)
        return value or None

    def sort_key(self, row: Row, column: int) -> Any:
        col = self.COLUMNS[column]
        return col.sort(row) if col.sort is not None else self.text(row, column).casefold()

    def extra(self, row: Row, column: int, role: int) -> Any:
        """Any other role (icons, fonts, alignment, check marks); None for the default."""
        col = self.COLUMNS[column]
        if role == _ACCESSIBLE:
            return self.text(row, column)
        if role == _DECORATION and col.icon is not None:
            return col.icon(row)
        if role == _FONT and col.bold is not None and col.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == _ALIGNMENT and col.align_right:
            return _RIGHT
        return None

    def _clean(self, column: Column, text: str) -> str:
        return self.panel_text(text) if column.free_text and self.panel_text is not None else text

    # -- reading ----------------------------------------------------------------------

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, number: int) -> Row | None:
        """The row shown at ``number``, or None."""
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def row_of(self, record_id: Hashable) -> int:
        """The row number showing ``record_id``, or -1."""
        for number, row in enumerate(self._rows):
            if self.record_id(row) == record_id:
                return number
        return -1

    def index_of(self, record_id: Hashable, column: int = 0) -> QModelIndex:
        number = self.row_of(record_id)
        return self.index(number, column) if number >= 0 else QModelIndex()

    # -- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)  # row numbers
        if not (0 <= section < len(self.COLUMNS)):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.description or column.title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for thousands of times while a view lays itself out: a plain check, not
        # checkIndex (which costs twice the rest of this method from Python). An invalid
        # index has row and column -1.
        number, column = index.row(), index.column()
        if not (0 <= number < len(self._rows) and 0 <= column < len(self.COLUMNS)) or index.model() is not self:
            return None
        row = self._rows[number]
        if role == _DISPLAY:
            return self.text(row, column)
        if role == _TOOLTIP:
            return self.tooltip(row, column)
        if role == _RECORD:
            return self.record(row)
        if role == _RECORD_ID:
            return self.record_id(row)
        if role == _ROW:
            return row
        if role == _SORT:
            return self.sort_key(row, column)
        return self.extra(row, column, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # -- refreshing -------------------------------------------------------------------

    def _on_changed(self, tables: set[str]) -> None:
        if tables & self.TABLES:
            self.refresh()

    def refresh(self) -> None:
        """Fetch the rows again and announce the difference (keeping the selection)."""
        reads_differently = self.panel_text is not None and self.panel_text.update()
        self.set_rows(self.fetch())
        if reads_differently:  # the same rows, but names in their text now read differently
            self._announce_all()

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows``, announcing only what changed."""
        new = list(rows)
        before = {self.record_id(r): r for r in self._rows}
        old_keys = [self.record_id(r) for r in self._rows]
        new_keys = [self.record_id(r) for r in new]
        if old_keys == new_keys:
            changed = [n for n, (a, b) in enumerate(zip(self._rows, new)) if a != b]
            self._rows = new
            self._announce(changed)
            return
        same_keys = len(old_keys) == len(new_keys) and set(old_keys) == set(new_keys)
        move = single_move(old_keys, new_keys) if same_keys else None
        if move is not None:
            source, destination = move
            self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
            self._rows = new
            self.endMoveRows()
        elif (block := contiguous_block(old_keys, new_keys)) is not None:
            self.beginInsertRows(QModelIndex(), block[0], block[0] + block[1] - 1)
            self._rows = new
            self.endInsertRows()
        elif (block := contiguous_block(new_keys, old_keys)) is not None:
            self.beginRemoveRows(QModelIndex(), block[0], block[0] + block[1] - 1)
            self._rows = new
            self.endRemoveRows()
        else:
            self._reset(new)
            return
        # Rows moved, arrived or left: announce the rows whose content changed too (an
        # agenda item's number, say), as one range.
        self._announce([n for n, row in enumerate(self._rows)
                        if (key := self.record_id(row)) in before and before[key] != row])

    def _reset(self, rows: Sequence[Row]) -> None:
        """Show a different list altogether (another meeting's agenda, a new filter)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _announce(self, changed: list[int]) -> None:
        if changed and self.columnCount():
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1))

    def _announce_all(self) -> None:
        self._announce([0, len(self._rows) - 1] if self._rows else [])
