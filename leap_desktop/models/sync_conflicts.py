"""The conflicts dialog's two tables: the conflicts waiting, and the fields the chosen
one's two versions differ in, side by side (services/sync_shown.py says them in words,
names as each person's consent allows)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from ..services.sync_shown import ConflictShown, Difference
from .table import Column, TableModel


class ConflictsModel(TableModel[ConflictShown]):
    """The conflicts waiting, oldest first (filled with :meth:`set_rows`)."""

    NUMBER, WHAT, FROM = range(3)
    COLUMNS = (
        Column("No.", lambda c: str(c.number), "The conflict's number (leap conflicts --settle N)",
               sort=lambda c: c.number),
        Column("Record", lambda c: c.what, "The record both laptops changed"),
        Column("Waiting version", lambda c: f"from {c.waiting_from}" if c.waiting_from else "",
               "Where the version that waits was made"),
    )

    def record_id(self, row: ConflictShown) -> Hashable:
        return row.number


class DifferencesModel(TableModel[Difference]):
    """One conflict's differing fields: the version in this panel now beside the one
    that waits. The waiting column's title says where it was made."""

    FIELD, KEPT, WAITING = range(3)
    KEPT_TITLE = "In this panel now"
    COLUMNS = (
        Column("Field", lambda d: d.field, "What differs"),
        Column(KEPT_TITLE, lambda d: d.kept, "The version in this panel now: it stands until you settle"),
        Column("Waiting", lambda d: d.waiting, "The version that waits for you"),
    )

    def __init__(self, ctx=None, parent=None):
        super().__init__(ctx, parent)
        self.waiting_title = "Waiting"

    def show(self, conflict: ConflictShown | None) -> None:
        self.waiting_title = conflict.waiting_heading if conflict is not None else "Waiting"
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.WAITING, self.WAITING)
        self.set_rows(list(conflict.differences) if conflict is not None else [])

    def record_id(self, row: Difference) -> Hashable:
        return row.field

    def set_rows(self, rows: Sequence[Difference]) -> None:  # a new conflict: all new rows
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def extra(self, row: Difference, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole and column != self.FIELD:
            title = self.KEPT_TITLE if column == self.KEPT else self.waiting_title
            return f"{row.field}, {title.lower()}: {self.text(row, column)}"
        return super().extra(row, column, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == self.WAITING and role == Qt.ItemDataRole.DisplayRole:
            return self.waiting_title
        return super().headerData(section, orientation, role)

