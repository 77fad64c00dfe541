"""The meeting invitation, read back with icalendar and with vobject (an independent parser)."""

from __future__ import annotations

import datetime as dt

import icalendar
import vobject

from leap_desktop.export import ics


def _read(data: bytes):
    cal = icalendar.Calendar.from_ical(data)
    other = vobject.readOne(data.decode("utf-8"))
    return cal, cal.walk("VEVENT")[0], other


def test_an_invitation_has_one_uid_london_time_a_reminder_and_no_attendees(service):
    amira = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    service.add_person(display_name="Dev Patel", roles=["carer"], consent="anonymous")
    meeting = service.add_meeting(title="June panel with Dev Patel", starts_at="2026-06-25 14:00", planned_minutes=90,
                                  place="Room 2, Mill Street")
    service.set_attendance(meeting.id, amira.id, status="present")
    cal, event, other = _read(ics.invitation(service, meeting))
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == ics.invitation_uid(meeting) and meeting.id not in str(event["UID"])
    assert int(event["SEQUENCE"]) == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert event.get("ATTENDEE") is None and event.get("ORGANIZER") is None
    assert "Amira" not in data_text(cal) and "Dev" not in data_text(cal)  # no names, and the title is redacted
    assert str(event["LOCATION"]) == "Room 2, Mill Street"
    assert [str(a["TRIGGER"].to_ical(), "ascii") if hasattr(a["TRIGGER"], "to_ical") else a["TRIGGER"] for a in event.walk("VALARM")] == ["-P1D"]
    # vobject resolves the time with the file's own VTIMEZONE: 14:00 in summer is 13:00 UTC.
    start = other.vevent.dtstart.value
    assert start.tzinfo is not None and start.astimezone(dt.timezone.utc).hour == 13
    assert other.vevent.dtend.value - start == dt.timedelta(minutes=90)
    assert other.vtimezone.tzid.value == "Europe/London"
    assert other.vevent.uid.value == ics.invitation_uid(meeting)


def data_text(cal) -> str:
    return cal.to_ical().decode("utf-8")


def test_moving_it_raises_the_sequence_and_cancelling_sends_a_cancellation(service):
    meeting = service.add_meeting(title="December panel", starts_at="2026-12-03 14:00",
                                  place="https://meet.example/leap")
    first = ics.invitation(service, meeting)
    moved = service.edit_meeting(meeting.id, starts_at="2026-12-10 14:00")
    _, event, other = _read(ics.invitation(service, moved))
    assert int(event["SEQUENCE"]) == 1
    assert str(event["UID"]) == str(_read(first)[1]["UID"])
    assert other.vevent.dtstart.value.astimezone(dt.timezone.utc).hour == 14  # GMT in winter
    assert str(event["LOCATION"]) == "Online" and str(event["URL"]) == "https://meet.example/leap"
    cancelled = service.set_meeting_status(meeting.id, "cancelled")
    cal, event, other = _read(ics.invitation(service, cancelled))
    assert str(cal["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 2 and other.vevent.sequence.value == "2"
    assert event.walk("VALARM") == []
