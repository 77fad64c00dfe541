"""A meeting's calendar invitation as an .ics file (RFC 5545, made with ``icalendar``).

One invitation travels to everyone, so it names no one: no attendees, no organiser's
address. Calendars recognise a later copy of the same invitation by its UID, which is
made from the meeting's id (never from a person), and take it as newer when its
SEQUENCE is higher: the meeting's ``invite_sequence`` is raised whenever its time or
place changes or it is cancelled (services/meetings.py). A cancelled meeting gives a
cancellation (``METHOD:CANCEL``, ``STATUS:CANCELLED``). Times are in Europe/London,
with the zone described in the file (``VTIMEZONE``), so summer time is right; a
reminder (``VALARM``) goes off the day before by default.
"""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from ..domain.model import Meeting
from ..domain.vocab import MeetingStatus

ZONE = "Europe/London"
PRODID = "-//LEAP Desktop//Meeting invitations//EN"
#: Invitation UIDs are made from the meeting's id in this namespace.
_NAMESPACE = uuid.UUID("b0c5e7a8-2f4d-4d1b-9a3e-5c7f1e2d4a60")
DEFAULT_REMINDER = dt.timedelta(days=1)


def invitation_uid(meeting: Meeting) -> str:
    """The invitation's UID: the same for every copy of this meeting's invitation."""
    return f"{uuid.uuid5(_NAMESPACE, meeting.id)}@leap-desktop"


def invitation(service, meeting: Meeting, *, reminder: dt.timedelta | None = DEFAULT_REMINDER) -> bytes:
    """``meeting``'s invitation as the panel may read it: its title and place through the
    panel's Redactor (``service`` is the open panel's PanelService)."""
    clean = service.redactor()
    panel = service.panel()
    return render(meeting, panel_name=clean(panel.name) if panel else "Panel", title=clean(meeting.title) or meeting.ref,
                  place=clean(meeting.place), now=service.store.clock(), reminder=reminder)


def save_invitation(service, meeting: Meeting, path) -> None:
    """Write ``meeting``'s invitation to ``path`` (in one step: never a half-written file)."""
    from ..store.files import write_atomically

    write_atomically(path, invitation(service, meeting))


def _is_link(place: str) -> bool:
    return place.strip().lower().startswith(("http://", "https://"))


def render(meeting: Meeting, *, panel_name: str, title: str, place: str | None, now: dt.datetime,
           reminder: dt.timedelta | None = DEFAULT_REMINDER, note: str | None = None) -> bytes:
    """The invitation (or, for a cancelled meeting, the cancellation) as .ics bytes.
    ``title`` and ``place`` are given as the panel may read them (the caller redacts)."""
    from icalendar import Alarm, Calendar, Event

    cancelled = meeting.status is MeetingStatus.CANCELLED
    zone = ZoneInfo(ZONE)
    start = dt.datetime.fromisoformat(meeting.starts_at).replace(tzinfo=zone)
    end = start + dt.timedelta(minutes=meeting.planned_minutes or 120)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", invitation_uid(meeting))
    event.add("dtstamp", now.astimezone(dt.timezone.utc))
    event.add("sequence", meeting.invite_sequence)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Cancelled: {title}" if cancelled else title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    lines = [f"{panel_name}: {meeting.ref}."]
    if place:
        if _is_link(place):
            event.add("location", "Online")
            event.add("url", place.strip())
            lines.append(f"Join online: {place.strip()}")
        else:
            event.add("location", place)
    if cancelled:
        lines.append("This meeting has been cancelled.")
    elif note:
        lines.append(note)
    event.add("description", "\n".join(lines))
    event.add("transp", "OPAQUE")
    if reminder is not None and not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Reminder: {title}")
        alarm.add("trigger", -reminder)
        event.add_component(alarm)
    cal.add_component(_london())
    cal.add_component(event)
    return cal.to_ical()


def _london():
    """Europe/London as a calendar describes it: GMT, and BST from the last Sunday of
    March at 01:00 UTC to the last Sunday of October (the rule since 1996), in a few
    lines rather than a list of every change."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", ZONE)
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", dt.datetime(1981, 3, 29, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    summer.add("tzoffsetfrom", dt.timedelta(hours=0))
    summer.add("tzoffsetto", dt.timedelta(hours=1))
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    winter.add("tzoffsetfrom", dt.timedelta(hours=1))
    winter.add("tzoffsetto", dt.timedelta(hours=0))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone
