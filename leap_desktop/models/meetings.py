"""The meetings list: upcoming meetings (soonest first) or past ones (latest first)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from ..domain.model import Meeting
from ..domain.vocab import MeetingStatus
from ..services import MeetingSummary
from .. import words
from .free_text import PanelText
from .table import Column, TableModel

if TYPE_CHECKING:
    from .context import AppContext

#: Papers are due a week before a meeting (members with access needs rely on it).
PAPERS_DUE_DAYS = 7
_FONT = Qt.ItemDataRole.FontRole  # looked up once: asked for each cell as the lists lay out


class MeetingsModel(TableModel):
    """Meetings with their status, papers and agenda in words.

    ``scope`` is ``"upcoming"`` (planned or cancelled for today or later, soonest
    first: :func:`is_upcoming`), ``"past"`` (the rest, held ones whatever their date,
    latest first) or ``"all"`` (in date order).
    """

    WHEN, TITLE, STATUS, PAPERS, AGENDA, PEOPLE = range(6)
    COLUMNS = tuple(Column(title) for title in (
        "When", "Meeting", "Status", "Papers", "Agenda", "Attendance and decisions"))
    TABLES = frozenset({"meetings", "agenda_items", "attendance", "decisions", "people", "papers_sent"})

    def __init__(self, ctx: AppContext, scope: str = "all", parent: QObject | None = None):
        if scope not in ("upcoming", "past", "all"):
            raise ValueError(f"unknown scope {scope!r}")
        self.scope = scope
        super().__init__(ctx, parent)
        self.panel_text = PanelText(ctx.service)  # titles and places as the panel may read them
        self.refresh()

    def fetch(self) -> list[MeetingSummary]:
        today = self.service.today()
        rows = self.service.meeting_summaries()
        if self.scope == "upcoming":
            return [r for r in rows if is_upcoming(r.meeting, today)]
        if self.scope == "past":
            return [r for r in rows if not is_upcoming(r.meeting, today)][::-1]
        return rows

    def record(self, row: MeetingSummary) -> Meeting:
        return row.meeting

    def text(self, row: MeetingSummary, column: int) -> str:
        m = row.meeting
        if column == self.WHEN:
            return words.when_short(m.starts_at)
        if column == self.TITLE:
            return self.panel_text(m.title)
        if column == self.STATUS:
            return list_status_words(row.meeting, self.service.today())
        if column == self.PAPERS:
            return papers_words(row.meeting, self.service.today(), row.papers_sent_on)
        if column == self.AGENDA:
            return agenda_words(row)
        if column == self.PEOPLE:
            return people_words(row)
        return ""

    def tooltip(self, row: MeetingSummary, column: int) -> str | None:
        m = row.meeting
        clean = self.panel_text
        place = f"\n{clean(m.place)}" if m.place else ""
        return f"{m.ref}: {clean(m.title)}\n{words.when_long(m.starts_at, m.planned_minutes)}{place}"

    def extra(self, row: MeetingSummary, column: int, role: int) -> Any:
        if column == self.PAPERS and role == _FONT and papers_late(row.meeting, self.service.today(), row.papers_sent_on):
            font = QFont()
            font.setBold(True)
            return font
        return None


def is_upcoming(meeting: Meeting, today: str) -> bool:
    """Still to come: planned (or cancelled) for today or later. A meeting that was held
    is past whatever its date says (one held this morning is not "upcoming")."""
    return meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED) and meeting.day >= today


def status_words(meeting: Meeting, today: str) -> str:
    if meeting.status is MeetingStatus.PLANNED and meeting.day < today:
        return "Planned, but the date has passed"
    return meeting.status.label


def list_status_words(meeting: Meeting, today: str) -> str:
    """The status column of the meetings list, which says where a held meeting's minutes
    are: "Held, no minutes exported yet" until they are exported (then "Minutes in
    draft", "Minutes circulated", "Minutes approved")."""
    if meeting.status is MeetingStatus.HELD:
        return "Held, no minutes exported yet"
    return status_words(meeting, today)


def papers_late(meeting: Meeting, today: str, sent_on: str | None) -> bool:
    return (
        sent_on is None
        and meeting.status is MeetingStatus.PLANNED
        and 0 <= words.days_between(today, meeting.day) <= PAPERS_DUE_DAYS
    )


def papers_words(meeting: Meeting, today: str, sent_on: str | None) -> str:
    """The papers column: when they first went out (the sent log), or how late they are."""
    if sent_on:
        return f"Sent {words.day(sent_on, short=True)}"
    if meeting.status is MeetingStatus.CANCELLED:
        return ""
    if meeting.day < today:
        return "Not recorded"
    if papers_late(meeting, today, sent_on):
        return f"Not sent yet: the meeting is {words.in_days(today, meeting.day)}"
    return "Not sent yet"


def agenda_words(row: MeetingSummary) -> str:
    if not row.items:
        return "No items yet"
    text = f"{words.plural(row.items, 'item')}, {row.allotted_minutes}"
    planned = row.meeting.planned_minutes
    if planned:
        text += f" of {words.minutes(planned)}"
        if row.allotted_minutes > planned:
            text += f": over time by {words.minutes(row.allotted_minutes - planned)}"
    else:
        text += " minutes"
    return text


def people_words(row: MeetingSummary) -> str:
    parts = []
    if row.present:
        parts.append(f"{row.present} present")
    if row.apologies:
        parts.append(words.plural(row.apologies, "apology", "apologies"))
    if row.decisions:
        parts.append(words.plural(row.decisions, "decision"))
    return ", ".join(parts)
