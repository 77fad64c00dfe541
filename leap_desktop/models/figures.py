"""A table of participation and influence figures (services/analytics_tables.Table) as a
Qt model: the data table beside each chart on the Reports page. Its columns are the
table's own, so the model is re-made (reset) when another table is shown."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import QObject, Qt

from ..services.analytics_tables import Table
from .table import Column, TableModel

Row = tuple[int, list[str]]  # (position, the cells as shown)


class FigureTableModel(TableModel[Row]):
    """One figure table: every cell as the reports show it (small numbers hidden)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(None, parent)
        self.COLUMNS = []
        self.table: Table | None = None

    def show_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.COLUMNS = [Column(h, description=f"{h}: {table.definition}") for h in table.headers] if table else []
        self._rows = list(enumerate(table.cells())) if table else []
        self.endResetModel()

    def record(self, row: Row) -> Any:
        return row

    def record_id(self, row: Row) -> Hashable:
        return row[0]

    def text(self, row: Row, column: int) -> str:
        return row[1][column]

    def sort_key(self, row: Row, column: int) -> Any:
        value = self.table.rows[row[0]][column] if self.table else None
        return (0, value) if isinstance(value, (int, float)) else (1, str(value or "").casefold())

    def extra(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.COLUMNS[column].title}: {self.text(row, column)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and self.table and isinstance(self.table.rows[row[0]][column], (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
