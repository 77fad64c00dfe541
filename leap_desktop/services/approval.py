"""Circulating, approving and amending a meeting's minutes.

Draft -> circulated (when, to whom) -> approved at a later meeting, by a decision of
that meeting. Approved minutes are locked (see ``rules.check_minutes_unlocked``); an
amendment keeps the approved version, with a snapshot of exactly what was approved, and
starts a new draft version. Each step is one audited change, and the meeting's own
status follows its current minutes (minutes in draft, circulated, approved).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..domain import fields as f
from ..domain import rules
from ..domain.errors import RuleError
from ..domain.model import AgendaItem, Decision, Meeting, MinutesVersion, build
from ..domain.vocab import MeetingStatus, MinutesStatus
from ..store.panel_store import new_id
from ..words import long_date
from . import minutes

if TYPE_CHECKING:
    from .panel import PanelService

DEFAULT_AUDIENCE = "all panel members"


def versions(service: "PanelService", meeting_id: str) -> list[MinutesVersion]:
    return minutes.versions(service, meeting_id)


def current(service: "PanelService", meeting: Meeting) -> MinutesVersion | None:
    found = versions(service, meeting.id)
    return found[-1] if found else None


def _set_meeting_status(service: "PanelService", meeting: Meeting, status: MeetingStatus) -> Meeting:
    """Move the meeting's status along, through 'minutes in draft' if it was only held."""
    if meeting.status is MeetingStatus.HELD and status is not MeetingStatus.HELD:
        meeting = service.store.update(dataclasses.replace(meeting, status=MeetingStatus.MINUTES_DRAFT))
    if meeting.status is not status:
        rules.check_meeting_transition(meeting.status, status)
        meeting = service.store.update(dataclasses.replace(meeting, status=status))
    return meeting


def _first_version(service: "PanelService", meeting: Meeting) -> MinutesVersion:
    """Version 1 for a meeting whose minutes were never versioned (inside a change).

    Minutes approved before versions were kept get an approved version 1 whose snapshot
    is the record as it stands: it is locked, so that is what was approved."""
    status = rules.check_has_minutes(meeting)
    values = {"meeting_id": meeting.id, "version": 1, "status": status}
    if status is MinutesStatus.CIRCULATED:
        values["circulated_on"] = service.today()
        values["circulated_to"] = DEFAULT_AUDIENCE
    if status is MinutesStatus.APPROVED:
        values["snapshot"] = minutes.snapshot(minutes.live_rows(service, meeting), service.redactor(), service.panel())
    return service.store.insert(build(MinutesVersion, values, id=new_id()))


def _ensure(service: "PanelService", meeting: Meeting) -> MinutesVersion:
    return current(service, meeting) or _first_version(service, meeting)


def exported(service: "PanelService", meeting_id: str) -> Meeting:
    """Minutes of a meeting that was only held were written out (a Word document): its
    status moves on to "minutes in draft", so the Meetings page says the minutes exist.
    Any later state is left as it is (exporting circulated or approved minutes again
    changes nothing)."""
    meeting = service.get(Meeting, meeting_id)
    if meeting.status is not MeetingStatus.HELD:
        return meeting
    with service.store.change(f"Export the minutes of {meeting.ref}"):
        return _set_meeting_status(service, meeting, MeetingStatus.MINUTES_DRAFT)


def circulate(service: "PanelService", meeting_id: str, *, to: str | None = None, on: str | None = None) -> MinutesVersion:
    """Send the draft minutes to the panel (again, after corrections, if need be)."""
    meeting = service.get(Meeting, meeting_id)
    rules.check_has_minutes(meeting)
    rules.check_minutes_unlocked(meeting, "they", "circulated again")
    today = service.today()
    on = f.Date("Circulated on")(on) or today  # a real date before any comparison
    if on > today:
        raise RuleError(f"Minutes cannot be recorded as circulated on {on}, a day still to come (today is {today})", "circulated_on")
    if on < meeting.day:
        raise RuleError(f"Minutes cannot be circulated ({on}) before the meeting was held ({meeting.day})", "circulated_on")
    with service.store.change(f"Circulate the minutes of {meeting.ref}"):
        version = _ensure(service, meeting)
        rules.check_minutes_transition(version.status, MinutesStatus.CIRCULATED)
        version = service.store.update(
            version.changed(status=MinutesStatus.CIRCULATED, circulated_on=on, circulated_to=to or version.circulated_to or DEFAULT_AUDIENCE)
        )
        _set_meeting_status(service, meeting, MeetingStatus.MINUTES_CIRCULATED)
        return version


def approve(service: "PanelService", meeting_id: str, at_meeting_id: str) -> tuple[MinutesVersion, Decision]:
    """The panel approves the minutes at a later meeting: a decision of that meeting.

    The approved version keeps a snapshot of the record it approved."""
    meeting = service.get(Meeting, meeting_id)
    at = service.get(Meeting, at_meeting_id)
    rules.check_has_minutes(meeting)
    rules.check_approval(meeting, at, service.today())
    rules.check_minutes_unlocked(at, "its decisions")
    existing = current(service, meeting)
    if meeting.status is MeetingStatus.MINUTES_APPROVED:
        when = f" on {existing.approved_on}" if existing and existing.approved_on else ""
        raise RuleError(f"The minutes of {meeting.ref} were already approved{when}; they are locked")
    rules.check_minutes_transition(
        existing.status if existing else (rules.minutes_status_of(meeting) or MinutesStatus.DRAFT), MinutesStatus.APPROVED
    )
    item = _minutes_item(service, at)
    version_label = existing.version if existing else 1
    with service.store.change(f"Approve the minutes of {meeting.ref} at {at.ref}"):
        version = _ensure(service, meeting)
        decision = service.record_decision(
            title=f"Approve the minutes of {meeting.ref} ({meeting.title})",
            text=f"The panel approved version {version_label} of the minutes of {meeting.ref}, "
                 f"held on {long_date(meeting.day)}, as a true record.",
            summary="The panel agreed these minutes are a true record of the meeting.",
            method="consensus",
            status="agreed",
            level="panel_led",
            meeting_id=at.id,
            item_id=item.id if item else None,
            decided_on=at.day,
        )
        version = service.store.update(
            version.changed(
                status=MinutesStatus.APPROVED,
                approved_at_meeting_id=at.id,
                approval_decision_id=decision.id,
                approved_on=at.day,
                snapshot=minutes.snapshot(minutes.live_rows(service, meeting), service.redactor(), service.panel()),
            )
        )
        _set_meeting_status(service, meeting, MeetingStatus.MINUTES_APPROVED)
        return version, decision


def _minutes_item(service: "PanelService", at: Meeting) -> AgendaItem | None:
    """The item of the approving meeting where minutes are taken, if it has one."""
    for item in service.agenda(at.id):
        if "minutes" in item.title.casefold():
            return item
    return None


def amend(service: "PanelService", meeting_id: str, reason: str) -> MinutesVersion:
    """Open approved minutes for an amendment: the approved version is kept as it was,
    and a new draft version is started, which will be circulated and approved in turn."""
    meeting = service.get(Meeting, meeting_id)
    reason = (reason or "").strip()
    if not reason:
        raise RuleError("Say why the approved minutes are being amended", "amendment_reason")
    if meeting.status is not MeetingStatus.MINUTES_APPROVED:
        raise RuleError(
            f"The minutes of {meeting.ref} are {meeting.status.label.lower()}, not approved: "
            "correct them directly, no amendment is needed"
        )
    with service.store.change(f"Amend the minutes of {meeting.ref}"):
        old = _ensure(service, meeting)
        rules.check_minutes_transition(old.status, MinutesStatus.AMENDED)
        service.store.update(old.changed(status=MinutesStatus.AMENDED, replaced_on=service.today()))
        new = service.store.insert(
            build(
                MinutesVersion,
                {"meeting_id": meeting.id, "version": old.version + 1, "status": MinutesStatus.DRAFT,
                 "amendment_reason": reason},
                id=new_id(),
            )
        )
        _set_meeting_status(service, meeting, MeetingStatus.MINUTES_DRAFT)
        return new
