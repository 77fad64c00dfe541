"""The meetings page: upcoming and past meetings, adding and changing one, its
status (only the changes allowed), and opening its workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from leap_desktop.domain.model import Meeting
from leap_desktop.domain.vocab import MeetingStatus
from leap_desktop.models.roles import RecordIdRole
from leap_desktop.models.meetings import MeetingsModel
from leap_desktop.views.pages.meetings import MeetingsPage

from .meeting_helpers import ALT, CTRL, OFFSCREEN_LIMITS, SHIFT, focused, press, show, type_text

pytestmark = OFFSCREEN_LIMITS
Key = Qt.Key


@pytest.fixture
def page(ctx, qtbot):
    page = MeetingsPage(ctx)
    show(qtbot, page)
    page.focus_first()
    return page


def rows(view, column=MeetingsModel.TITLE):
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_a_meeting_is_added_from_suggested_details_by_keyboard(page, service, qtbot):
    ui, editor = page.ui, page.editor.ui
    press(qtbot, Key.Key_N, CTRL | SHIFT)
    assert focused() is editor.titleEdit
    assert editor.titleEdit.text() == "Panel meeting, June 2026"
    assert editor.startEdit.text() == "22/06/2026 14:00"  # a week from today, as a person would type it
    assert editor.startHint.text() == "Monday 22 June 2026 at 14:00"
    type_text(qtbot, "Extra meeting: recruitment")
    press(qtbot, Key.Key_Tab)
    assert focused() is editor.startEdit
    press(qtbot, Key.Key_Tab)
    assert focused() is editor.lengthSpin
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "90")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "Room 2, Mill Street")
    press(qtbot, Key.Key_Return)
    (meeting,) = service.meetings()
    assert (meeting.title, meeting.starts_at, meeting.planned_minutes, meeting.place) == (
        "Extra meeting: recruitment", "2026-06-22T14:00", 90, "Room 2, Mill Street")
    assert rows(ui.upcomingView) == ["Extra meeting: recruitment"]
    assert rows(ui.upcomingView, MeetingsModel.PAPERS) == ["Not sent yet: the meeting is in 7 days"]
    assert ui.upcomingView.currentIndex().data(RecordIdRole) == meeting.id
    assert editor.savedLabel.text() == (
        "Added M-1, Extra meeting: recruitment, on Monday 22 June 2026, 14:00 to 15:30.")
    assert ui.upcomingLabel.text() == "Up&coming meetings (1)"
    # The form now changes that meeting; undo takes the new meeting away again.
    assert page.editor.meeting.id == meeting.id
    page.ctx.undo_stack.undo()
    assert service.meetings() == []
    assert rows(ui.upcomingView) == []


def test_the_start_is_typed_as_people_write_it_and_read_back_in_words(page, service, qtbot):
    """Issue 10, item 10: the start was a Qt date field that began on the weekday part
    ("15" did nothing; "today at 18:00" took about 25 keys)."""
    editor = page.editor.ui
    press(qtbot, Key.Key_N, CTRL | SHIFT)
    press(qtbot, Key.Key_S, ALT)  # "Starts": the label's key reaches the field
    assert focused() is editor.startEdit
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "15")
    assert editor.startHint.text().startswith("\u201c15\u201d is not a date I can read")
    type_text(qtbot, "/12")  # a day alone keeps the suggested time
    assert editor.startHint.text() == "Tuesday 15 December 2026 at 14:00"
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "today at 18:00")  # 14 keys
    assert editor.startHint.text() == "Monday 15 June 2026 at 18:00"
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "next Tuesday 6.30pm")
    assert editor.startHint.text() == "Tuesday 16 June 2026 at 18:30"
    press(qtbot, Key.Key_Return)
    (meeting,) = service.meetings()
    assert meeting.starts_at == "2026-06-16T18:30"
    # Changing it: a date that cannot be read is refused in words, and nothing changes.
    editor.startEdit.setFocus()
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "31/06/2026 18:00")
    assert editor.startHint.text() == "There is no 31 June 2026"
    press(qtbot, Key.Key_Return)
    assert editor.problemLabel.text() == "Not saved: There is no 31 June 2026"
    assert service.meetings()[0].starts_at == "2026-06-16T18:30"
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "15 December 2026 6pm")
    press(qtbot, Key.Key_Return)
    assert service.meetings()[0].starts_at == "2026-12-15T18:00"
    assert editor.startEdit.text() == "15 December 2026 6pm"  # what was typed stays until it is left


def test_a_refused_detail_is_explained_and_what_was_typed_stays(page, service, qtbot):
    editor = page.editor.ui
    press(qtbot, Key.Key_N, CTRL | SHIFT)
    press(qtbot, Key.Key_O, ALT)  # "Place or online link"
    type_text(qtbot, "Room 2")
    press(qtbot, Key.Key_T, ALT)  # "Title"
    press(qtbot, Key.Key_A, CTRL)
    press(qtbot, Key.Key_Backspace)
    press(qtbot, Key.Key_Return)
    assert editor.problemLabel.text() == "Not saved: Meeting title is needed"
    assert editor.problemLabel.isVisible()
    assert editor.placeEdit.text() == "Room 2"
    assert service.meetings() == []
    type_text(qtbot, "Extra meeting")
    press(qtbot, Key.Key_Return)
    assert service.meetings()[0].place == "Room 2"
    assert not editor.problemLabel.isVisible()


def test_upcoming_and_past_meetings_are_listed_apart(ctx, service, small_panel, qtbot):
    service.add_meeting(title="June panel", starts_at="2026-06-18 14:00")
    page = show(qtbot, MeetingsPage(ctx))
    assert rows(page.ui.upcomingView) == ["June panel"]
    assert rows(page.ui.pastView) == ["April panel", "March panel"]
    assert rows(page.ui.pastView, MeetingsModel.STATUS) == ["Planned, but the date has passed"] * 2
    assert page.ui.pastLabel.text() == "Past &meetings (2)"
    # Choosing a past meeting shows it in the form and clears the other list's choice.
    page.select_meeting(small_panel["meeting"].id)
    assert page.editor.ui.titleEdit.text() == "March panel"
    assert not page.ui.upcomingView.selectionModel().hasSelection()


def test_a_field_is_saved_on_enter_and_undone(ctx, service, small_panel, qtbot):
    page = show(qtbot, MeetingsPage(ctx))
    march = small_panel["meeting"]
    page.select_meeting(march.id)
    editor = page.editor.ui
    editor.titleEdit.setFocus()
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "March panel (moved online)")
    press(qtbot, Key.Key_Return)
    assert service.get(Meeting, march.id).title == "March panel (moved online)"
    assert editor.savedLabel.text() == "Saved the title of M-1."
    assert rows(page.ui.pastView)[1] == "March panel (moved online)"
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Z, CTRL)  # from the date field: nothing typed there, so the page's undo
    assert service.get(Meeting, march.id).title == "March panel"
    assert editor.titleEdit.text() == "March panel"


def test_status_changes_only_as_the_rules_allow(ctx, service, small_panel, qtbot):
    page = show(qtbot, MeetingsPage(ctx))
    march = small_panel["meeting"]
    page.select_meeting(march.id)
    editor = page.editor
    ui = editor.ui
    assert ui.statusNowLabel.text() == "Now: Planned. It can become held or cancelled."
    assert [ui.statusCombo.itemText(i) for i in range(ui.statusCombo.count())] == ["Held", "Cancelled"]
    ui.statusCombo.setFocus()
    press(qtbot, Key.Key_Home)
    press(qtbot, Key.Key_U, ALT)  # "Change status"
    qtbot.waitUntil(lambda: service.get(Meeting, march.id).status is MeetingStatus.HELD)
    assert ui.statusNowLabel.text() == "Now: Held. It can become planned or minutes in draft."
    assert rows(page.ui.pastView, MeetingsModel.STATUS)[1] == "Held, no minutes exported yet"
    # A change the rules do not allow is refused in words, and nothing changes.
    assert editor.change_status("minutes_approved") is None
    assert ui.statusProblemLabel.text() == (
        "Not saved: A meeting that is held cannot become minutes approved; it can become: minutes in draft, planned")
    assert service.get(Meeting, march.id).status is MeetingStatus.HELD
    # Onwards to draft minutes; undo goes back even where the usual order would not.
    editor.change_status("minutes_draft")
    ctx.undo_stack.undo()
    assert service.get(Meeting, march.id).status is MeetingStatus.HELD
    ctx.undo_stack.undo()
    assert service.get(Meeting, march.id).status is MeetingStatus.PLANNED
    assert ui.statusNowLabel.text() == "Now: Planned. It can become held or cancelled."


def test_enter_or_a_double_click_opens_the_workspace(ctx, service, small_panel, qtbot):
    page = show(qtbot, MeetingsPage(ctx))
    page.focus_first()
    assert focused() is page.ui.pastView
    press(qtbot, Key.Key_Down)
    with qtbot.wait_signal(ctx.navigate) as navigate:
        press(qtbot, Key.Key_Return)
    assert navigate.args == ["meeting", small_panel["meeting"].id]
    view = page.ui.pastView
    rect = view.visualRect(view.model().index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.wait_signal(ctx.navigate) as navigate:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert navigate.args == ["meeting", small_panel["later"].id]


def test_page_actions_for_menus(page):
    by_text = {a.text().replace("&", ""): a for a in page.actions()}
    assert by_text["New meeting"].shortcut().toString() == "Ctrl+Shift+N"
    assert "(Ctrl+Shift+N)" in by_text["New meeting"].toolTip()
    assert "Open meeting workspace" in by_text


def test_change_status_never_offers_a_minutes_step_and_says_where_it_is(ctx, service, small_panel, qtbot):
    """Circulating and approving minutes are File > Minutes steps (each keeps a version):
    Change status must not offer them, only to have them refused."""
    page = show(qtbot, MeetingsPage(ctx))
    march = small_panel["meeting"]
    page.select_meeting(march.id)
    editor = page.editor
    ui = editor.ui
    editor.change_status("held")
    editor.change_status("minutes_draft")
    assert [ui.statusCombo.itemText(i) for i in range(ui.statusCombo.count())] == []
    assert not ui.statusButton.isEnabled()
    assert ui.statusNowLabel.text() == (
        "Now: Minutes in draft. Next: circulate the minutes with File > Minutes > Circulate minutes\u2026.")


def test_every_status_change_offered_is_one_the_panel_accepts(service):
    """The moves Change status offers, from every status, are all accepted (so the form
    and the panel's rules cannot drift apart again)."""
    from leap_desktop.views.dialogs.meeting_editor import status_moves

    for status in MeetingStatus:
        for move in status_moves(status):
            meeting = service.add_meeting(title=f"{status.value} to {move.value}", starts_at="2026-05-01 14:00")
            with service.store.change("Set up the test"):  # put it there directly
                service.store.update(meeting.changed(status=status))
            assert service.set_meeting_status(meeting.id, move).status is move


def test_papers_sent_today_goes_into_the_sent_log_and_undo_takes_it_out(page, service, qtbot):
    editor = page.editor.ui
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-18 14:00")
    page.editor.show_meeting(meeting.id)
    page.editor.focus_first()
    assert editor.papersStateLabel.text() == "Not sent yet"
    editor.papersTodayButton.click()  # "Sent to everyone today" (Alt+D)
    (sent,) = service.comms.sent(meeting.id)
    assert (sent.person_id, sent.sent_on) == (None, "2026-06-15")
    assert editor.papersStateLabel.text() == "First sent 15 Jun 2026, to everyone"
    assert rows(page.ui.upcomingView, MeetingsModel.PAPERS) == ["Sent 15 Jun 2026"]
    page.ctx.undo_stack.undo()
    assert service.comms.sent(meeting.id) == []
    assert editor.papersStateLabel.text() == "Not sent yet"
