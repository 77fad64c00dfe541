"""Minutes: draft -> circulated -> approved at a later meeting (a decision of it) -> locked;
an amendment makes a new version and keeps the approved one."""

import pytest

from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.model import Decision, Meeting
from leap_desktop.domain.vocab import DecisionStatus, MeetingStatus, MinutesStatus
from leap_desktop.services import approval


@pytest.fixture
def held(small_panel, service):
    service.edit_meeting(small_panel["meeting"].id, status="held")
    service.edit_meeting(small_panel["later"].id, status="held")  # the meeting that approves
    return small_panel


def test_circulate_then_approve_at_a_later_meeting(held, service):
    meeting, later = held["meeting"], held["later"]
    version = approval.circulate(service, meeting.id, to="all members, large print to Amira")
    assert (version.version, version.status, version.circulated_on) == (1, MinutesStatus.CIRCULATED, "2026-06-15")
    assert service.get(Meeting, meeting.id).status is MeetingStatus.MINUTES_CIRCULATED
    version, decision = approval.approve(service, meeting.id, later.id)
    assert version.status is MinutesStatus.APPROVED and version.approved_on == "2026-04-02"
    assert decision.meeting_id == later.id and decision.status is DecisionStatus.AGREED
    assert version.approval_decision_id == decision.id and version.snapshot
    assert service.get(Meeting, meeting.id).status is MeetingStatus.MINUTES_APPROVED
    assert service.check() == []


def test_approval_needs_circulation_and_a_later_meeting(held, service):
    meeting, later = held["meeting"], held["later"]
    with pytest.raises(RuleError, match="circulated to the panel before"):
        approval.approve(service, meeting.id, later.id)
    approval.circulate(service, meeting.id)
    with pytest.raises(RuleError, match="later meeting, not at M-1"):
        approval.approve(service, meeting.id, meeting.id)
    earlier = service.add_meeting(title="February panel", starts_at="2026-02-05 14:00")
    with pytest.raises(RuleError, match="not later than"):
        approval.approve(service, meeting.id, earlier.id)
    planned = service.add_meeting(title="May panel", starts_at="2026-05-07 14:00")
    with pytest.raises(RuleError, match="has not been held yet"):
        approval.circulate(service, planned.id)


def test_approved_minutes_are_locked_until_amended(held, service):
    meeting, later, item = held["meeting"], held["later"], held["item"]
    approval.circulate(service, meeting.id)
    approval.approve(service, meeting.id, later.id)
    amira = held["people"]["amira"]
    for attempt in (
        lambda: service.edit_item(item.id, title="Changed"),
        lambda: service.add_contribution(item.id, amira.id, "idea", "Late thought"),
        lambda: service.edit_contribution(held["said"]["amira"].id, text="Changed"),
        lambda: service.record_decision(title="Late", item_id=item.id),
        lambda: service.set_attendance(meeting.id, amira.id, status="apologies"),
        lambda: service.edit_meeting(meeting.id, title="Renamed"),
        lambda: approval.approve(service, meeting.id, later.id),
    ):
        with pytest.raises(RuleError, match="approved"):
            attempt()
    new = approval.amend(service, meeting.id, "Amira's words were misquoted")
    assert (new.version, new.status, new.amendment_reason) == (2, MinutesStatus.DRAFT, "Amira's words were misquoted")
    old = approval.versions(service, meeting.id)[0]
    assert old.status is MinutesStatus.AMENDED and old.snapshot and old.replaced_on == "2026-06-15"
    service.edit_contribution(held["said"]["amira"].id, text="The form felt frightening when I was very unwell.")
    approval.circulate(service, meeting.id)
    approval.approve(service, meeting.id, later.id)
    assert [v.status for v in approval.versions(service, meeting.id)] == [MinutesStatus.AMENDED, MinutesStatus.APPROVED]
    assert len([d for d in service.decisions(later.id) if d.title.startswith("Approve the minutes")]) == 2
    assert service.check() == []


def test_later_events_on_a_decision_are_not_locked(held, service):
    meeting, later, item = held["meeting"], held["later"], held["item"]
    decision = service.record_decision(title="Use a one-page summary", item_id=item.id, method="consensus", status="agreed")
    approval.circulate(service, meeting.id)
    approval.approve(service, meeting.id, later.id)
    service.set_decision_status(decision.id, "reversed", status_note="The ethics committee said no")
    assert service.get(Decision, decision.id).status is DecisionStatus.REVERSED
    with pytest.raises(RuleError, match="approved"):
        service.edit_decision(decision.id, title="Renamed")


def test_amending_needs_a_reason_and_approved_minutes(held, service):
    with pytest.raises(RuleError, match="not approved"):
        approval.amend(service, held["meeting"].id, "why")
    with pytest.raises(RuleError, match="Say why"):
        approval.amend(service, held["meeting"].id, " ")


def test_minutes_are_approved_only_at_a_meeting_that_has_been_held(small_panel, service):
    meeting, later = small_panel["meeting"], small_panel["later"]
    service.edit_meeting(meeting.id, status="held")
    approval.circulate(service, meeting.id)
    with pytest.raises(RuleError, match=r"M-2 \(2026-04-02\) has not been marked held: .* Mark M-2 held first"):
        approval.approve(service, meeting.id, later.id)
    future = service.add_meeting(title="July panel", starts_at="2026-07-02 14:00")  # today is 15 June
    service.edit_meeting(future.id, status="held")  # wrongly marked held ahead of time
    with pytest.raises(RuleError, match="M-3 is on 2026-07-02, in the future"):
        approval.approve(service, meeting.id, future.id)
    assert service.get(Meeting, meeting.id).status is MeetingStatus.MINUTES_CIRCULATED
    assert service.decisions(future.id) == [] and service.decisions(later.id) == []
    service.edit_meeting(later.id, status="held")
    version, _ = approval.approve(service, meeting.id, later.id)
    assert version.status is MinutesStatus.APPROVED


def test_circulation_date_is_checked_as_a_date_and_not_in_the_future(held, service):
    meeting = held["meeting"]
    with pytest.raises(RuleError, match=r"Circulated on must be a real date like 2026-03-31 \(got '2026-02-30'\)"):
        approval.circulate(service, meeting.id, on="2026-02-30")
    with pytest.raises(RuleError, match="cannot be recorded as circulated on 2099-01-01, a day still to come"):
        approval.circulate(service, meeting.id, on="2099-01-01")
    assert approval.versions(service, meeting.id) == []
    assert approval.circulate(service, meeting.id, on="12/03/2026").circulated_on == "2026-03-12"
