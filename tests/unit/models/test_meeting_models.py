"""The item models behind the meetings screens over a panel file, with no widget:
checked by Qt's QAbstractItemModelTester (through pytest-qt's qtmodeltester) while
they change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from leap_desktop.models.agenda import MIME_TYPE, AgendaModel
from leap_desktop.models.attendance import AttendanceModel
from leap_desktop.models.contributions import ContributionsModel
from leap_desktop.models.roles import RecordIdRole
from leap_desktop.models.row_changes import contiguous_block, single_move
from leap_desktop.models.meetings import MeetingsModel
from leap_desktop.models.member_choices import MemberChoicesModel, find_people


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


# -- the meetings list ----------------------------------------------------------------


def test_meetings_split_into_upcoming_and_past_with_status_in_words(ctx, service, small_panel, qtmodeltester):
    # The clock is at 15 June 2026: March and April are past.
    soon = service.add_meeting(title="June panel", starts_at="2026-06-18 14:00", planned_minutes=60)
    later = service.add_meeting(title="July panel", starts_at="2026-07-02 14:00")
    service.comms.record_sent(later.id, None, on="2026-06-10")  # to the whole panel
    upcoming, past = MeetingsModel(ctx, "upcoming"), MeetingsModel(ctx, "past")
    qtmodeltester.check(upcoming)
    qtmodeltester.check(past)
    assert texts(upcoming, MeetingsModel.TITLE) == ["June panel", "July panel"]
    assert texts(past, MeetingsModel.TITLE) == ["April panel", "March panel"]  # latest first
    assert texts(upcoming, MeetingsModel.WHEN) == ["Thu 18 Jun 2026, 14:00", "Thu 2 Jul 2026, 14:00"]
    assert texts(upcoming, MeetingsModel.PAPERS) == ["Not sent yet: the meeting is in 3 days", "Sent 10 Jun 2026"]
    assert upcoming.index(0, MeetingsModel.PAPERS).data(Qt.ItemDataRole.FontRole).bold()
    assert texts(past, MeetingsModel.STATUS) == ["Planned, but the date has passed"] * 2
    assert texts(past, MeetingsModel.AGENDA) == ["No items yet", "2 items, 70 of 90 minutes"]
    assert upcoming.index(0, 0).data(RecordIdRole) == soon.id
    assert later.id in [upcoming.index(r, 0).data(RecordIdRole) for r in range(2)]


def test_meetings_list_follows_changes_row_by_row(ctx, service, small_panel, qtbot, qtmodeltester):
    past = MeetingsModel(ctx, "past")
    qtmodeltester.check(past)
    march = small_panel["meeting"]
    with qtbot.wait_signal(past.dataChanged):
        service.set_meeting_status(march.id, "held")
    assert texts(past, MeetingsModel.STATUS) == ["Planned, but the date has passed", "Held, no minutes exported yet"]
    service.set_attendance(march.id, small_panel["people"]["amira"].id, status="present")
    service.set_attendance(march.id, small_panel["people"]["ben"].id, status="apologies")
    assert past.index(1, MeetingsModel.PEOPLE).data() == "1 present, 1 apology"
    with qtbot.wait_signal(past.rowsInserted), qtbot.assert_not_emitted(past.modelReset):
        service.add_meeting(title="May panel", starts_at="2026-05-07 14:00")
    assert texts(past, MeetingsModel.TITLE) == ["May panel", "April panel", "March panel"]


def test_a_held_meeting_is_past_and_says_where_its_minutes_are(ctx, service, small_panel, tmp_path):
    """Issue 10, item 20: a meeting held today was listed under Upcoming, and the status
    stayed "Held" after its minutes were exported."""
    from leap_desktop.services import approval

    today = service.add_meeting(title="June panel", starts_at="2026-06-15 10:00")  # the clock's day
    upcoming, past = MeetingsModel(ctx, "upcoming"), MeetingsModel(ctx, "past")
    assert texts(upcoming, MeetingsModel.TITLE) == ["June panel"]  # planned for today: still to come
    service.set_meeting_status(today.id, "held")
    assert texts(upcoming, MeetingsModel.TITLE) == []
    assert texts(past, MeetingsModel.TITLE)[0] == "June panel"
    assert texts(past, MeetingsModel.STATUS)[0] == "Held, no minutes exported yet"
    approval.exported(service, today.id)  # what exporting the minutes does, in the app and the command
    assert texts(past, MeetingsModel.STATUS)[0] == "Minutes in draft"
    approval.circulate(service, today.id)
    assert texts(past, MeetingsModel.STATUS)[0] == "Minutes circulated"
    approval.exported(service, today.id)  # exporting again later changes nothing
    assert texts(past, MeetingsModel.STATUS)[0] == "Minutes circulated"
    cancelled = service.add_meeting(title="July panel", starts_at="2026-07-02 14:00")
    service.set_meeting_status(cancelled.id, "cancelled")
    assert texts(upcoming, MeetingsModel.STATUS) == ["Cancelled"]  # a date to come, shown as cancelled


def test_agenda_over_time_is_said_in_words(ctx, service, small_panel):
    service.add_item(small_panel["meeting"].id, title="Long item", allotted_minutes=45)
    past = MeetingsModel(ctx, "past")
    assert past.index(1, MeetingsModel.AGENDA).data() == "3 items, 115 of 90 minutes: over time by 25 minutes"


# -- the agenda -----------------------------------------------------------------------


def test_agenda_shows_order_clock_and_state(ctx, service, small_panel, qtmodeltester):
    meeting = small_panel["meeting"]
    service.edit_item(small_panel["other"].id, presenter_id=small_panel["people"]["cat"].id)
    model = AgendaModel(ctx, meeting.id)
    qtmodeltester.check(model)
    assert texts(model, AgendaModel.TITLE) == ["Consent form", "Recruitment poster"]
    assert texts(model, AgendaModel.TIME) == ["14:00 to 14:40", "14:40 to 15:10"]
    assert texts(model, AgendaModel.PURPOSE) == ["For decision", "For discussion"]
    assert texts(model, AgendaModel.PRESENTER) == ["", "Cat Rhodes"]
    assert model.timing().describe() == "70 of 90 minutes allotted (20 spare)"
    service.add_item(meeting.id, title="Any other business")  # no minutes given
    service.add_item(meeting.id, title="Close", allotted_minutes=30)
    assert texts(model, AgendaModel.TIME)[2:] == ["Not timed", "30 min, after an item not timed"]
    service.edit_item(model.row_at(2).id, allotted_minutes=10)
    assert texts(model, AgendaModel.TIME)[2:] == ["15:10 to 15:20", "15:20 to 15:50 (after the planned end)"]
    assert model.timing().describe() == "Over time: 110 minutes allotted, 20 more than the 90 planned"


def test_carried_items_say_where_they_went_and_came_from(ctx, service, small_panel):
    copy = service.carry_item(small_panel["other"].id)
    here = AgendaModel(ctx, small_panel["meeting"].id)
    there = AgendaModel(ctx, small_panel["later"].id)
    assert texts(here, AgendaModel.STATE) == ["Not finished", "Carried to M-2"]
    assert texts(there, AgendaModel.TITLE) == ["Recruitment poster (carried from M-1)"]
    assert there.index(0, 0).data(RecordIdRole) == copy.id


def test_agenda_rows_move_through_the_service(ctx, service, small_panel, qtbot, qtmodeltester):
    meeting = small_panel["meeting"]
    service.add_item(meeting.id, title="Any other business", allotted_minutes=5)
    model = AgendaModel(ctx, meeting.id)
    qtmodeltester.check(model)
    # Qt's convention: move row 2 to before row 0.
    with qtbot.wait_signal(model.rowsMoved), qtbot.assert_not_emitted(model.modelReset):
        assert model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 0)
    assert [i.title for i in service.agenda(meeting.id)] == ["Any other business", "Consent form", "Recruitment poster"]
    assert texts(model, AgendaModel.POSITION) == ["1", "2", "3"]
    assert model.move_by(0, +1)  # the keyboard command: one place down
    assert texts(model, AgendaModel.TITLE) == ["Consent form", "Any other business", "Recruitment poster"]
    assert not model.move_by(0, -1)  # already first
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 1)  # nowhere


def test_agenda_drop_moves_the_dragged_item(ctx, service, small_panel, qtmodeltester):
    meeting = small_panel["meeting"]
    service.add_item(meeting.id, title="Any other business", allotted_minutes=5)
    model = AgendaModel(ctx, meeting.id)
    qtmodeltester.check(model)
    data = model.mimeData([model.index(0, 0), model.index(0, 1)])
    assert data.hasFormat(MIME_TYPE)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(1, 0))  # not onto an item
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())  # at the end
    assert [i.title for i in service.agenda(meeting.id)] == ["Recruitment poster", "Any other business", "Consent form"]
    data = model.mimeData([model.index(2, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())  # before the second
    assert texts(model, AgendaModel.TITLE) == ["Recruitment poster", "Consent form", "Any other business"]
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_a_refused_move_is_reported_and_changes_nothing(ctx, service, small_panel, qtbot):
    from leap_desktop.domain.errors import RuleError

    model = AgendaModel(ctx, small_panel["meeting"].id)

    def refuse(item_id, position):
        raise RuleError("The minutes are approved: the agenda can no longer change")

    model.mover = refuse
    with qtbot.wait_signal(ctx.problem) as problem:
        assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 0)
    assert problem.args == ["The minutes are approved: the agenda can no longer change"]
    assert texts(model, AgendaModel.TITLE) == ["Consent form", "Recruitment poster"]


# -- attendance -----------------------------------------------------------------------


def test_register_shows_everyone_and_follows_changes(ctx, service, small_panel, qtbot, qtmodeltester):
    meeting = small_panel["meeting"]
    model = AttendanceModel(ctx, meeting.id)
    qtmodeltester.check(model)
    assert texts(model, AttendanceModel.NAME) == ["Amira Khan", "Ben Okafor", "Cat Rhodes", "Dev Patel"]
    assert texts(model, AttendanceModel.STATUS) == ["Not recorded yet"] * 4
    assert texts(model, AttendanceModel.ROLES)[3] == "Lived experience member and practitioner"
    with qtbot.wait_signal(model.dataChanged), qtbot.assert_not_emitted(model.modelReset):
        service.set_attendance(meeting.id, small_panel["people"]["ben"].id, status="present", meeting_role="chair", hours=2.5)
    assert [model.index(1, c).data() for c in range(5)] == ["Ben Okafor", "Carer", "Present", "chair", "2.5 hours"]
    assert model.counts() == {"present": 1, "apologies": 0, "absent": 0, "unrecorded": 3}


# -- contributions --------------------------------------------------------------------


def test_contributions_are_ticked_as_sources_and_attributed_by_consent(ctx, service, small_panel, qtbot, qtmodeltester):
    item = small_panel["item"]
    model = ContributionsModel(ctx, item.id, checkable=True)
    qtmodeltester.check(model)
    assert texts(model, ContributionsModel.WHO) == ["Amira Khan", "B.O.", "Researcher", "Anonymous member"]
    assert texts(model, ContributionsModel.KIND) == ["Lived-experience insight", "Suggestion", "Concern", "Idea"]
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    with qtbot.wait_signal(model.tickedChanged):
        assert model.setData(model.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.set_ticked(small_panel["said"]["dev"].id)
    assert [c.text for c in model.ticked()] == ["Put a one-page summary first.", "Offer an easy-read version."]
    assert "ticked as shaping the decision" in model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    # A new contribution appears at the end without losing the ticks.
    with qtbot.wait_signal(model.rowsInserted), qtbot.assert_not_emitted(model.modelReset):
        service.add_contribution(item.id, small_panel["people"]["amira"].id, "agreement", "Yes, summary first.")
    assert model.rowCount() == 5 and len(model.ticked()) == 2
    # Removing a ticked one drops its tick.
    with qtbot.wait_signal(model.rowsRemoved):
        service.remove_contribution(small_panel["said"]["dev"].id)
    assert [c.text for c in model.ticked()] == ["Put a one-page summary first."]
    model.clear_ticks()
    assert model.ticked() == []


def test_contributions_without_ticks_have_no_tick_boxes(ctx, small_panel):
    model = ContributionsModel(ctx, small_panel["item"].id)
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) is None
    assert not model.setData(model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


# -- choosing people ------------------------------------------------------------------


def test_member_choices_offer_active_people_and_a_none_choice(ctx, service, small_panel, qtmodeltester):
    service.edit_person(small_panel["people"]["dev"].id, active_to="2026-01-31")
    model = MemberChoicesModel(ctx, on_day="2026-03-05", none_label="No presenter")
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "No presenter", "Amira Khan", "Ben Okafor", "Cat Rhodes"]
    assert model.index(0, 0).data(RecordIdRole) is None
    assert model.row_of(small_panel["people"]["ben"].id) == 2
    service.add_person(display_name="Aaron Bell", roles=["carer"], consent="named")
    assert model.index(1, 0).data() == "Aaron Bell"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("am", ["Amira Khan"]),
        ("AMIRA KHAN", ["Amira Khan"]),
        ("khan", ["Amira Khan"]),
        ("ak", ["Amira Khan"]),
        ("b", ["Ben Okafor"]),
        ("ok", ["Ben Okafor"]),
        ("r", ["Cat Rhodes"]),  # the start of "Rhodes"
        ("a", ["Amira Khan"]),  # the start of a whole name wins over a word inside one
        ("xyz", []),
        ("  ", []),
    ],
)
def test_typing_a_few_letters_finds_the_person(small_panel, typed, expected):
    people = list(small_panel["people"].values())
    assert [p.display_name for p in find_people(people, typed)] == expected


def test_ambiguous_letters_find_everyone_they_fit(service):
    a = service.add_person(display_name="Sam Jones", roles=["carer"], consent="named")
    b = service.add_person(display_name="Samira Ali", roles=["carer"], preferred_name="Sami", consent="named")
    assert [p.id for p in find_people([a, b], "sam")] == [a.id, b.id]
    assert [p.id for p in find_people([a, b], "sami")] == [b.id]


# -- the refresh arithmetic -----------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("abcd", "bcad", (0, 3)),  # a moved down to third: goes before old row 3
        ("abcd", "dabc", (3, 0)),  # d moved to the top
        ("abcd", "abdc", (2, 4)),
        ("abcd", "badc", None),  # two swaps: not one move
    ],
)
def test_single_move_is_recognised(old, new, expected):
    assert single_move(list(old), list(new)) == expected


@pytest.mark.parametrize(
    "short, long, expected",
    [("abc", "abxyc", (2, 2)), ("abc", "abcx", (3, 1)), ("", "xy", (0, 2)), ("abc", "xbc", None), ("abc", "abc", None)],
)
def test_contiguous_block_is_recognised(short, long, expected):
    assert contiguous_block(list(short), list(long)) == expected


def test_contributions_are_corrected_through_the_editor(ctx, service, small_panel, qtbot, qtmodeltester):
    model = ContributionsModel(ctx, small_panel["item"].id)
    qtmodeltester.check(model)
    text = model.index(1, ContributionsModel.TEXT)
    assert not model.flags(text) & Qt.ItemFlag.ItemIsEditable  # no editor: read only
    model.editor = lambda cid, field, value: service.edit_contribution(cid, **{field: value})
    assert model.flags(text) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, ContributionsModel.WHO)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.wait_signal(model.dataChanged):
        assert model.setData(text, "A one-page summary, first.")
    assert text.data() == "A one-page summary, first."
    assert model.setData(model.index(1, ContributionsModel.KIND), "question")
    assert model.index(1, ContributionsModel.KIND).data() == "Question"
    assert not model.setData(text, "A one-page summary, first.")  # nothing changed: nothing saved


def test_the_type_ahead_folds_accents_and_knows_preferred_names_initials_and_roles(service):
    """Issue 10, item 2: a UK keyboard reaches everyone."""
    sian = service.add_person(display_name="Siân Llewelyn", roles=["lived_experience"], consent="named")
    zhang = service.add_person(display_name="张伟", preferred_name="Zhang Wei", roles=["lived_experience"],
                               consent="named")
    liu = service.add_person(display_name="刘洋", roles=["carer"], consent="anonymous")
    people = [sian, zhang, liu]
    assert find_people(people, "sian") == [sian]
    assert find_people(people, "SIÂN L") == [sian]
    assert find_people(people, "zh") == [zhang]  # the preferred name
    assert find_people(people, "zw") == [zhang]  # its initials
    assert find_people(people, "carer") == [liu]  # a role word
    assert find_people(people, "lived exp") == [sian, zhang]
    assert find_people(people, "liv") == [sian, zhang]


def test_the_list_to_pick_from_puts_those_present_first(ctx, service, small_panel):
    people = small_panel["people"]
    model = MemberChoicesModel(ctx, on_day="2026-03-05")
    model.set_meeting(small_panel["meeting"].id)
    names = lambda found: [p.display_name for p in found]  # noqa: E731
    assert names(model.choices()) == ["Amira Khan", "Ben Okafor", "Cat Rhodes", "Dev Patel"]
    service.set_attendance(small_panel["meeting"].id, people["dev"].id, status="present")
    service.set_attendance(small_panel["meeting"].id, people["cat"].id, status="present")
    assert names(model.choices()) == ["Cat Rhodes", "Dev Patel", "Amira Khan", "Ben Okafor"]
    # Typed letters: the closest readings first, present before absent within them.
    assert names(model.choices("a")) == ["Amira Khan", "Cat Rhodes", "Dev Patel", "Ben Okafor"]
    assert names(model.choices("lived")) == ["Dev Patel", "Amira Khan"]
