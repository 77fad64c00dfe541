"""Meetings: adding, editing and moving them through their statuses, which one a
screen opens on, and sensible values for the next one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..domain import rules
from ..domain.errors import RuleError
from ..domain.model import AgendaItem, Attendance, Decision, Meeting, build
from ..domain.vocab import MeetingStatus
from ..store import queries
from ..store.panel_store import new_id
from ..words import month_year
from .core import Topic

# Meeting statuses that only the minutes workflow (services.approval) moves in or out of.
_MINUTES_WORKFLOW = frozenset({MeetingStatus.MINUTES_CIRCULATED, MeetingStatus.MINUTES_APPROVED})


class MeetingService(Topic):
    """The panel's meetings."""

    def meetings(self) -> list[Meeting]:
        return self.store.find(Meeting, order_by="starts_at, number")

    def add_meeting(self, **values: Any) -> Meeting:
        meeting = build(Meeting, values, id=new_id())
        with self.store.change(f"Add meeting {meeting.title}"):
            return self.store.insert(meeting)

    def edit_meeting(self, meeting_id: str, **changes: Any) -> Meeting:
        current = self.core.get(Meeting, meeting_id)
        meeting = current.changed(**changes)
        rules.check_meeting_transition(current.status, meeting.status)
        if meeting.status is not current.status and {meeting.status, current.status} & _MINUTES_WORKFLOW:
            raise RuleError(
                "Circulating, approving and amending minutes each have their own step "
                "(Circulate minutes, Approve minutes at a later meeting, Amend minutes), so that "
                "every version is kept",
                "status",
            )
        if set(changes) - {"status"}:
            self.core.unlocked(current.id, "the meeting's details")
        meeting = _next_invitation(current, meeting)
        with self.store.change(f"Edit meeting {meeting.ref}"):
            return self.store.update(meeting)

    def set_meeting_status(self, meeting_id: str, status: Any) -> Meeting:
        return self.edit_meeting(meeting_id, status=status)

    def revert_meeting_status(self, meeting_id: str, status: Any) -> Meeting:
        """Undo a status change: put back the status the meeting had just before, even
        where the usual order of statuses would not lead back to it (audited as usual)."""
        current = self.core.get(Meeting, meeting_id)
        meeting = _next_invitation(current, current.changed(status=status))
        with self.store.change(f"Undo status change of {meeting.ref}"):
            return self.store.update(meeting)

    def remove_meeting(self, meeting_id: str) -> Meeting:
        """Delete a meeting added by mistake. A meeting with an agenda, a register or
        decisions stays: cancel it instead, so its history is kept."""
        meeting = self.core.get(Meeting, meeting_id)
        used = (
            self.store.count(AgendaItem, meeting_id=meeting.id)
            + self.store.count(Attendance, meeting_id=meeting.id)
            + self.store.count(Decision, meeting_id=meeting.id)
        )
        if used:
            raise RuleError(
                f"{meeting.ref} has an agenda, a register or decisions, so it cannot be deleted; "
                "mark it cancelled instead (its history is kept)"
            )
        with self.store.change(f"Delete meeting {meeting.ref}"):
            return self.store.delete(meeting)

    def next_meeting(self, meeting: Meeting) -> Meeting | None:
        return queries.meeting_beside(self.store, meeting, later=True)

    def previous_meeting(self, meeting: Meeting) -> Meeting | None:
        return queries.meeting_beside(self.store, meeting, later=False)

    def meeting_to_show(self, record_id: str | None) -> tuple[Meeting | None, AgendaItem | None]:
        """The meeting a screen asked to show ``record_id`` should open on: that meeting,
        or given an agenda item its meeting (and the item); otherwise the current one."""
        meeting = self.core.find(Meeting, record_id) if record_id else None
        item = self.core.find(AgendaItem, record_id) if record_id and meeting is None else None
        if item is not None:
            meeting = self.core.find(Meeting, item.meeting_id)
        return meeting or self.current_meeting(), item

    def current_meeting(self) -> Meeting | None:
        """The meeting a screen should open on when none is named: today's, else the
        next one, else the latest (cancelled meetings are passed over)."""
        today = self.core.today()
        meetings = [m for m in self.meetings() if m.status is not MeetingStatus.CANCELLED]
        upcoming = [m for m in meetings if m.day >= today]
        if upcoming:
            return upcoming[0]
        return meetings[-1] if meetings else None

    def meeting_summaries(self) -> list[queries.MeetingSummary]:
        """Every meeting with the size of its agenda, who came, how many decisions, and
        the first day papers went out for it (from the sent log)."""
        from .comms import first_sent_by_meeting  # the sent log's records: made when first needed

        sent = first_sent_by_meeting(self.store)
        return [dataclasses.replace(row, papers_sent_on=sent[row.meeting.id]) if row.meeting.id in sent else row
                for row in queries.meeting_summaries(self.store)]

    def new_meeting_defaults(self) -> dict[str, Any]:
        """Sensible values for the next meeting: the same weekday of the next month as
        the latest meeting (first Thursday stays first Thursday), same time, length and
        place; or next week at 14:00 for a panel's first meeting."""
        last = queries.latest_meeting(self.store)
        if last is None:
            day = dt.date.fromisoformat(self.core.today()) + dt.timedelta(days=7)
            return {
                "title": f"Panel meeting, {month_year(day)}",
                "starts_at": f"{day.isoformat()}T14:00",
                "planned_minutes": 120,
                "place": None,
            }
        last_day = dt.date.fromisoformat(last.day)
        day = _same_weekday_next_month(last_day)
        title = last.title
        old_month, new_month = month_year(last_day), month_year(day)
        title = title.replace(old_month, new_month) if old_month in title else f"Panel meeting, {new_month}"
        return {
            "title": title,
            "starts_at": f"{day.isoformat()}T{last.starts_at[11:16]}",
            "planned_minutes": last.planned_minutes,
            "place": last.place,
        }


def _next_invitation(current: Meeting, meeting: Meeting) -> Meeting:
    """``meeting`` with its invitation's version raised when its time or place changed or
    it was cancelled (or uncancelled), so calendars replace the invitation they hold."""
    moved = (current.starts_at, current.planned_minutes, current.place) != (
        meeting.starts_at, meeting.planned_minutes, meeting.place)
    cancelled = (current.status is MeetingStatus.CANCELLED) != (meeting.status is MeetingStatus.CANCELLED)
    if (moved or cancelled) and meeting.invite_sequence == current.invite_sequence:
        return dataclasses.replace(meeting, invite_sequence=current.invite_sequence + 1)
    return meeting


def _same_weekday_next_month(day: dt.date) -> dt.date:
    """The same weekday in the same week of the next month (the 5th Thursday becomes the
    last Thursday when the next month has only four)."""
    nth = (day.day - 1) // 7
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    first = dt.date(year, month, 1)
    offset = (day.weekday() - first.weekday()) % 7
    candidate = first + dt.timedelta(days=offset + 7 * nth)
    while candidate.month != month:
        candidate -= dt.timedelta(days=7)
    return candidate
