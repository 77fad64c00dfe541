"""A meeting's register: every active member, with their attendance in words."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from ..domain import rules
from ..services.panel import AttendanceLine
from .. import words
from .table import Column, TableModel

if TYPE_CHECKING:
    from .context import AppContext

NOT_RECORDED = "Not recorded yet"


class AttendanceModel(TableModel):
    NAME, ROLES, STATUS, ROLE, HOURS = range(5)
    COLUMNS = tuple(Column(title) for title in (
        "Name", "Roles on the panel", "Attendance", "Role at the meeting", "Hours"))
    TABLES = frozenset({"attendance", "people", "meetings"})

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QObject | None = None):
        super().__init__(ctx, parent)
        self.set_meeting(meeting_id)

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self._reset(self.fetch())

    def fetch(self) -> Sequence[AttendanceLine]:
        if not self.meeting_id:
            return []
        return self.service.attendance_sheet(self.meeting_id)

    def record_id(self, row: AttendanceLine) -> Hashable:
        return row.person.id

    def text(self, row: AttendanceLine, column: int) -> str:
        a = row.attendance
        if column == self.NAME:
            return row.person.display_name
        if column == self.ROLES:
            label = rules.roles_label(row.person.roles)
            return label[:1].upper() + label[1:]
        if column == self.STATUS:
            return a.status.label if a else NOT_RECORDED
        if column == self.ROLE:
            return (a.meeting_role or "") if a else ""
        if column == self.HOURS:
            return words.hours(a.hours) if a and a.hours is not None else ""
        return ""

    def tooltip(self, row: AttendanceLine, column: int) -> str | None:
        if column == self.HOURS:
            return "Hours given to this meeting, including preparation"
        return None

    def extra(self, row: AttendanceLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def counts(self) -> dict[str, int]:
        """How many present, sent apologies, absent and not recorded: for the summary line."""
        out = {"present": 0, "apologies": 0, "absent": 0, "unrecorded": 0}
        for row in self._rows:
            out[row.attendance.status.value if row.attendance else "unrecorded"] += 1
        return out
