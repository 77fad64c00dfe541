"""Use-cases behind the meetings screens: the register, item states, undoing a carry,
the meetings list and the suggested next meeting."""

import datetime as dt

import pytest

from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.model import AgendaItem
from leap_desktop.domain.vocab import AttendanceStatus, ItemState
from leap_desktop.services.meetings import _same_weekday_next_month


def test_register_lists_active_members_and_anyone_recorded(small_panel, service):
    meeting = small_panel["meeting"]  # 5 March 2026
    people = small_panel["people"]
    service.add_person(display_name="Zara Ahmed", roles=["carer"], active_from="2026-04-01", consent="named")
    service.edit_person(people["dev"].id, active_to="2026-01-31")
    service.set_attendance(meeting.id, people["amira"].id, status="apologies")
    sheet = service.attendance_sheet(meeting.id)
    names = [line.person.display_name for line in sheet]
    assert names == ["Amira Khan", "Ben Okafor", "Cat Rhodes"]  # Zara not yet joined, Dev had left
    assert sheet[0].attendance.status is AttendanceStatus.APOLOGIES
    assert sheet[1].attendance is None
    # Someone who had left but whose attendance was recorded still shows.
    service.set_attendance(meeting.id, people["dev"].id, status="present")
    assert "Dev Patel" in [line.person.display_name for line in service.attendance_sheet(meeting.id)]


def test_attendance_for_many_people_is_one_change_and_can_be_removed(small_panel, service):
    meeting = small_panel["meeting"]
    ids = [p.id for p in small_panel["people"].values()]
    seen = []
    service.store.listeners.append(seen.append)
    service.set_attendance_many(meeting.id, ids, status="present", hours=2.5)
    assert len(seen) == 1
    assert {a.status for a in service.attendance(meeting.id)} == {AttendanceStatus.PRESENT}
    assert {a.hours for a in service.attendance(meeting.id)} == {2.5}
    service.remove_attendance_many(meeting.id, ids[:2])
    assert len(service.attendance(meeting.id)) == 2
    assert service.check() == []


def test_attendance_for_many_refuses_a_stranger_and_changes_nothing(small_panel, service):
    meeting = small_panel["meeting"]
    with pytest.raises(RuleError, match="must be a person on this panel"):
        service.set_attendance_many(meeting.id, [small_panel["people"]["amira"].id, "nobody"], status="present")
    assert service.attendance(meeting.id) == []


def test_items_are_marked_finished_and_not_finished(small_panel, service):
    item = small_panel["item"]
    assert service.set_item_state(item.id, "done").state is ItemState.DONE
    assert service.set_item_state(item.id, "open").state is ItemState.OPEN
    with pytest.raises(RuleError, match="Carry 'Consent form' to a later meeting"):
        service.set_item_state(item.id, "carried")


def test_a_carry_can_be_undone_until_the_later_meeting_takes_it_up(small_panel, service):
    item, later = small_panel["other"], small_panel["later"]
    service.add_item(later.id, title="Budget")
    copy = service.carry_item(item.id)
    assert [i.title for i in service.agenda(later.id)] == ["Budget", "Recruitment poster"]
    assert service.carried_to(item.id).id == copy.id
    with pytest.raises(RuleError, match="was carried to M-2; bring it back first"):
        service.set_item_state(item.id, "done")
    back = service.uncarry_item(item.id)
    assert back.state is ItemState.OPEN
    assert [i.title for i in service.agenda(later.id)] == ["Budget"]
    assert service.get(AgendaItem, item.id).state is ItemState.OPEN
    # Carried again, and this time discussed at the later meeting: it stays there.
    again = service.carry_item(item.id)
    service.add_contribution(again.id, small_panel["people"]["amira"].id, "idea", "Use brighter colours")
    with pytest.raises(RuleError, match="already been taken up at M-2"):
        service.uncarry_item(item.id)
    assert service.get(AgendaItem, item.id).state is ItemState.CARRIED
    with pytest.raises(RuleError, match="has not been carried"):
        service.uncarry_item(small_panel["item"].id)
    assert service.check() == []


def test_decisions_and_actions_on_an_item(small_panel, service):
    item = small_panel["item"]
    decision = service.record_decision(title="One-page summary first", item_id=item.id, sources=[small_panel["said"]["ben"].id])
    owner = small_panel["people"]["cat"].id
    direct = service.add_action(title="Redraft the form", owner_id=owner, item_id=item.id)
    via = service.add_action(title="Ask ethics", owner_id=owner, decision_id=decision.id)
    service.add_action(title="Elsewhere", owner_id=owner, item_id=small_panel["other"].id)
    assert [d.id for d in service.decisions_on_item(item.id)] == [decision.id]
    assert [a.id for a in service.actions_on_item(item.id)] == [direct.id, via.id]


def test_meeting_summaries_count_agenda_register_and_decisions(small_panel, service):
    meeting = small_panel["meeting"]
    people = small_panel["people"]
    service.set_attendance(meeting.id, people["amira"].id, status="present")
    service.set_attendance(meeting.id, people["ben"].id, status="apologies")
    service.record_decision(title="One-page summary first", item_id=small_panel["item"].id)
    march, april = service.meeting_summaries()
    assert (march.meeting.title, march.items, march.allotted_minutes) == ("March panel", 2, 70)
    assert (march.present, march.apologies, march.decisions) == (1, 1, 1)
    assert (april.meeting.title, april.items, april.present, april.decisions) == ("April panel", 0, 0, 0)


def test_next_meeting_is_suggested_from_the_latest(small_panel, service):
    service.add_meeting(title="Panel meeting, May 2026", starts_at="2026-05-07 10:30", planned_minutes=150, place="Room 2")
    cancelled = service.add_meeting(title="Extra", starts_at="2026-05-20 10:00")
    service.set_meeting_status(cancelled.id, "cancelled")
    assert service.new_meeting_defaults() == {
        "title": "Panel meeting, June 2026",
        "starts_at": "2026-06-04T10:30",  # first Thursday of June, like 7 May
        "planned_minutes": 150,
        "place": "Room 2",
    }


def test_first_meeting_is_suggested_for_next_week(service):
    assert service.new_meeting_defaults() == {
        "title": "Panel meeting, June 2026",
        "starts_at": "2026-06-22T14:00",
        "planned_minutes": 120,
        "place": None,
    }


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2026-03-05", "2026-04-02"),  # first Thursday
        ("2026-12-03", "2027-01-07"),  # over the year end
        ("2026-04-30", "2026-05-28"),  # a fifth Thursday becomes the last one
        ("2026-01-31", "2026-02-28"),  # fifth Saturday of January, last of February
    ],
)
def test_same_weekday_next_month(day, expected):
    got = _same_weekday_next_month(dt.date.fromisoformat(day))
    assert got.isoformat() == expected
    assert got.weekday() == dt.date.fromisoformat(day).weekday()


def test_status_change_can_be_put_back_even_against_the_usual_order(small_panel, service):
    meeting = small_panel["meeting"]
    service.set_meeting_status(meeting.id, "held")
    service.set_meeting_status(meeting.id, "minutes_draft")
    with pytest.raises(RuleError, match="cannot become held"):
        service.set_meeting_status(meeting.id, "held")
    assert service.revert_meeting_status(meeting.id, "held").status.value == "held"
    assert service.check() == []


def test_only_an_empty_meeting_can_be_deleted(small_panel, service):
    from leap_desktop.domain.model import Meeting

    with pytest.raises(RuleError, match="M-1 has an agenda, a register or decisions"):
        service.remove_meeting(small_panel["meeting"].id)
    empty = small_panel["later"]
    service.remove_meeting(empty.id)
    assert [m.title for m in service.meetings()] == ["March panel"]
    service.restore(Meeting, empty.id)
    assert [m.title for m in service.meetings()] == ["March panel", "April panel"]


def test_a_removed_item_comes_back_where_it_was(small_panel, service):
    meeting = small_panel["meeting"]
    extra = service.add_item(meeting.id, title="Any other business", position=2)
    assert [i.title for i in service.agenda(meeting.id)] == ["Consent form", "Any other business", "Recruitment poster"]
    service.remove_item(extra.id)
    back = service.restore_item(extra.id)
    assert back.position == 2
    assert [(i.position, i.title) for i in service.agenda(meeting.id)] == [
        (1, "Consent form"), (2, "Any other business"), (3, "Recruitment poster")]
    assert service.check() == []


def test_the_current_meeting_is_todays_else_the_next_else_the_latest(small_panel, service):
    assert service.current_meeting().title == "April panel"  # both are past: the latest
    june = service.add_meeting(title="June panel", starts_at="2026-06-15 18:00")  # today
    service.add_meeting(title="July panel", starts_at="2026-07-02 14:00")
    assert service.current_meeting().id == june.id
    service.set_meeting_status(june.id, "cancelled")
    assert service.current_meeting().title == "July panel"


def test_find_returns_none_for_a_record_that_has_gone(small_panel, service):
    from leap_desktop.domain.model import Meeting

    later = small_panel["later"]
    assert service.find(Meeting, later.id) == later
    service.remove_meeting(later.id)
    assert service.find(Meeting, later.id) is None
    assert service.find(Meeting, None) is None


def test_an_item_is_carried_to_a_new_meeting_added_for_it_and_back(small_panel, service):
    """Issue 10, item 4: no later meeting is no dead end."""
    from leap_desktop.domain.model import Meeting

    later = small_panel["later"]  # 2 April 2026, the last meeting
    item = service.add_item(later.id, title="Budget", allotted_minutes=10)
    assert service.next_meeting_suggested(small_panel["item"].id) is None  # March has April after it
    suggested = service.next_meeting_suggested(item.id)
    assert (suggested["starts_at"], suggested["title"]) == ("2026-05-07T14:00", "Panel meeting, May 2026")
    copy, meeting = service.carry_to_new_meeting(item.id)
    assert (meeting.starts_at, meeting.planned_minutes) == ("2026-05-07T14:00", 90)
    assert [i.title for i in service.agenda(meeting.id)] == ["Budget"] and copy.carried_from_id == item.id
    assert service.get(AgendaItem, item.id).state is ItemState.CARRIED
    service.undo_carry_to_new_meeting(item.id, meeting.id)
    assert service.find(Meeting, meeting.id) is None
    assert service.get(AgendaItem, item.id).state is ItemState.OPEN
    # Another day typed: the same time, the title follows the month.
    copy, meeting = service.carry_to_new_meeting(item.id, "2026-06-04")
    assert (meeting.starts_at, meeting.title) == ("2026-06-04T14:00", "Panel meeting, June 2026")
    with pytest.raises(RuleError):
        service.carry_to_new_meeting(small_panel["item"].id)
