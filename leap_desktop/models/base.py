"""A table model over a list of rows, described by its columns.

Views never see SQL or services: a page asks a model to ``refresh()``, and the model
asks the service. Each column says how to show a row as text (which is also what a
screen reader reads), how to sort it, and optionally an icon and a tooltip, so
meaning is always in the text and never in colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from ..paths import resource

RecordRole = Qt.ItemDataRole.UserRole + 1  # the domain record of a row
SortRole = Qt.ItemDataRole.UserRole + 2  # a sortable key (dates as ISO text, numbers as numbers)
RowRole = Qt.ItemDataRole.UserRole + 3  # the whole row object

Row = TypeVar("Row")

_Index = QModelIndex | QPersistentModelIndex


_icons: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons`` (made once; needs a running QGuiApplication)."""
    if name not in _icons:
        _icons[name] = QIcon(str(resource("icons", f"{name}.svg")))
    return _icons[name]


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    text: Callable[[Row], str]
    description: str = ""  # the header's tooltip: what the column means
    sort: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str] | None = None
    icon: Callable[[Row], QIcon | None] | None = None
    bold: Callable[[Row], bool] | None = None
    align_right: bool = False
    #: typed freely (titles, outcomes): shown through the model's ``panel_text``, so
    #: names appear only as each person's consent allows (models/free_text.py)
    free_text: bool = False


class RowsModel(QAbstractTableModel, Generic[Row]):
    COLUMNS: Sequence[Column] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Row] = []
        #: how free-text columns are shown (a PanelText); None: as typed
        self.panel_text: Callable[[str], str] | None = None

    # -- what subclasses provide ---------------------------------------------------------

    def record(self, row: Row) -> Any:
        """The domain record behind a row (the row itself by default)."""
        return row

    def record_id(self, row: Row) -> str:
        return self.record(row).id

    # -- rows -------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, index: _Index) -> Row | None:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()]

    def find(self, record_id: str | None) -> int:
        """The row number of a record, or -1."""
        if record_id is None:
            return -1
        for number, row in enumerate(self._rows):
            if self.record_id(row) == record_id:
                return number
        return -1

    # -- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None or not (0 <= index.column() < len(self.COLUMNS)):
            return None
        column = self.COLUMNS[index.column()]
        clean = self.panel_text if column.free_text and self.panel_text is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return clean(column.text(row)) if clean else column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.tooltip(row) if column.tooltip else column.text(row)
            return (clean(text) if clean else text) or None
        if role == Qt.ItemDataRole.DecorationRole and column.icon is not None:
            return column.icon(row)
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SortRole:
            if column.sort:
                return column.sort(row)
            return (clean(column.text(row)) if clean else column.text(row)).casefold()
        if role == RecordRole:
            return self.record(row)
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.COLUMNS)):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.description or column.title
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
