"""The meeting workspace: build an agenda by keyboard, reorder it by keyboard and by
drag and drop, see the running total and the over-time warning, carry an item, take
attendance; every change undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.model import AgendaItem
from leap_desktop.domain.vocab import AttendanceStatus, ItemState
from leap_desktop.models.agenda import AgendaModel
from leap_desktop.views.pages.meeting_workspace import MeetingWorkspace
from leap_desktop.views.shell.theme import problem_colour

from .meeting_helpers import ALT, CTRL, OFFSCREEN_LIMITS, SHIFT, focused, press, show, type_text

pytestmark = OFFSCREEN_LIMITS
Key = Qt.Key


@pytest.fixture
def meeting(service):
    return service.add_meeting(title="June panel", starts_at="2026-06-18 14:00", planned_minutes=60)


@pytest.fixture
def workspace(ctx, meeting, qtbot):
    page = MeetingWorkspace(ctx)
    page.show_record(meeting.id)
    show(qtbot, page)
    page.focus_first()
    return page


def titles(service, meeting):
    return [i.title for i in service.agenda(meeting.id)]


def add_by_keyboard(qtbot, title: str, minutes: int | None) -> None:
    """In the New item field: the title, Tab, the minutes, Enter (focus comes back)."""
    type_text(qtbot, title)
    if minutes is not None:
        press(qtbot, Key.Key_Tab)
        press(qtbot, Key.Key_A, CTRL)
        type_text(qtbot, str(minutes))
    press(qtbot, Key.Key_Return)
    if minutes is not None:
        press(qtbot, Key.Key_N, ALT)


def build(workspace, qtbot):
    press(qtbot, Key.Key_N, ALT)
    assert focused() is workspace.ui.newTitleEdit
    add_by_keyboard(qtbot, "Welcome and apologies", 10)
    add_by_keyboard(qtbot, "Consent form", 30)
    add_by_keyboard(qtbot, "Any other business", None)


def test_an_agenda_is_built_by_keyboard_with_a_running_total(workspace, meeting, service, qtbot):
    ui = workspace.ui
    assert ui.timingLabel.text() == "0 of 60 minutes allotted (60 spare)."
    build(workspace, qtbot)
    assert titles(service, meeting) == ["Welcome and apologies", "Consent form", "Any other business"]
    assert [i.allotted_minutes for i in service.agenda(meeting.id)] == [10, 30, None]
    assert ui.timingLabel.text() == "40 of 60 minutes allotted (20 spare); 1 item not timed yet."
    assert ui.agendaAnnounceLabel.text().startswith("Added 'Any other business' as item 3 of 3.")
    model = workspace.agenda
    assert [model.index(r, AgendaModel.TIME).data() for r in range(3)] == ["14:00 to 14:10", "14:10 to 14:40", "Not timed"]
    # The new item is chosen, ready to edit.
    assert ui.itemBox.title() == "Item 3: Any other business"


def set_minutes(workspace, service, meeting, qtbot, row: int, minutes: int) -> None:
    workspace.select_item(service.agenda(meeting.id)[row].id)
    workspace.ui.itemMinutesSpin.setFocus()
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, str(minutes))
    press(qtbot, Key.Key_Return)


def test_over_time_is_a_warning_in_words(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    add_by_keyboard(qtbot, "Findings event", 45)
    assert ui.timingLabel.accessibleName() == (
        "Over time: 85 minutes allotted, 25 more than the 60 planned; 1 item not timed yet.")
    assert ui.timingLabel.text().startswith("⚠ Over time:")
    assert ui.timingLabel.font().bold()
    assert ui.timingLabel.palette().color(QPalette.ColorRole.WindowText) == problem_colour(ui.timingLabel)
    assert workspace.agenda.index(3, AgendaModel.TIME).data() == "45 min, after an item not timed"
    # Once every item is timed, the clock runs through and says what runs late.
    set_minutes(workspace, service, meeting, qtbot, 2, 5)
    assert workspace.agenda.index(3, AgendaModel.TIME).data() == "14:45 to 15:30 (after the planned end)"
    assert ui.timingLabel.text() == "⚠ Over time: 90 minutes allotted, 30 more than the 60 planned."
    # Trimming an item brings it back under, and the warning goes.
    set_minutes(workspace, service, meeting, qtbot, 3, 15)
    assert ui.timingLabel.text() == "60 of 60 minutes allotted (0 spare)."
    assert not ui.timingLabel.font().bold()
    assert ui.timingLabel.palette().color(QPalette.ColorRole.WindowText) == workspace.palette().color(QPalette.ColorRole.WindowText)


def test_items_are_reordered_by_keyboard_and_announced(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    ui.agendaView.setFocus()
    workspace.select_item(service.agenda(meeting.id)[2].id)
    press(qtbot, Key.Key_Up, CTRL)
    assert titles(service, meeting) == ["Welcome and apologies", "Any other business", "Consent form"]
    assert ui.agendaAnnounceLabel.text() == "Moved 'Any other business' to position 2 of 3."
    press(qtbot, Key.Key_Up, ALT | SHIFT)
    assert titles(service, meeting) == ["Any other business", "Welcome and apologies", "Consent form"]
    assert ui.agendaView.currentIndex().row() == 0, "the moved item stays chosen"
    press(qtbot, Key.Key_Up, CTRL)
    assert ui.agendaAnnounceLabel.text() == "'Any other business' is already first."
    press(qtbot, Key.Key_Down, CTRL)
    press(qtbot, Key.Key_Down, CTRL)
    assert titles(service, meeting) == ["Welcome and apologies", "Consent form", "Any other business"]
    # The buttons do the same, and each move is undone in turn.
    ui.moveUpButton.click()
    assert titles(service, meeting) == ["Welcome and apologies", "Any other business", "Consent form"]
    workspace.ctx.undo_stack.undo()
    assert titles(service, meeting) == ["Welcome and apologies", "Consent form", "Any other business"]
    assert workspace.ctx.undo_stack.undoText() == "Move 'Any other business'"


def _drag_and_drop(view, source_row: int, target_row: int, *, below: bool = False) -> None:
    """What a mouse drag delivers to the view: enter, move, drop over a row's edge."""
    model = view.model()
    data = model.mimeData([model.index(source_row, 0)])
    rect = view.visualRect(model.index(target_row, 1))
    point = QPointF(rect.center().x(), rect.bottom() - 1 if below else rect.top() + 1)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    actions = Qt.DropAction.MoveAction
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(point.toPoint(), actions, data, buttons, mods))
    move = QDragMoveEvent(point.toPoint(), actions, data, buttons, mods)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted(), "the agenda should accept the dragged item here"
    drop = QDropEvent(point, actions, data, buttons, mods)
    QApplication.sendEvent(view.viewport(), drop)


def test_items_are_reordered_by_drag_and_drop(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    _drag_and_drop(ui.agendaView, 2, 0)  # onto the top edge of the first row
    assert titles(service, meeting) == ["Any other business", "Welcome and apologies", "Consent form"]
    assert ui.agendaAnnounceLabel.text() == "Moved 'Any other business' to position 1 of 3."
    _drag_and_drop(ui.agendaView, 0, 2, below=True)  # below the last row
    assert titles(service, meeting) == ["Welcome and apologies", "Consent form", "Any other business"]
    assert [i.position for i in service.agenda(meeting.id)] == [1, 2, 3]
    workspace.ctx.undo_stack.undo()
    assert titles(service, meeting) == ["Any other business", "Welcome and apologies", "Consent form"]


def test_the_chosen_item_is_edited_field_by_field(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    consent = service.agenda(meeting.id)[1]
    presenter = service.add_person(display_name="Ellie Whitfield", roles=["researcher"], consent="named")
    workspace.select_item(consent.id)
    ui.itemTitleEdit.setFocus()
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "Consent form: the summary page")
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Tab)
    assert focused() is ui.itemPurposeCombo
    press(qtbot, Key.Key_Down)  # from "For discussion" to "For decision"
    press(qtbot, Key.Key_Tab)
    assert focused() is ui.itemPresenterCombo
    type_text(qtbot, "Ell")
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)
    assert focused() is ui.itemNotesEdit
    type_text(qtbot, "Draft attached.")
    press(qtbot, Key.Key_Return, SHIFT)
    type_text(qtbot, "Decide today.")
    press(qtbot, Key.Key_Return, CTRL)
    item = service.get(AgendaItem, consent.id)
    assert (item.title, item.purpose.value, item.presenter_id, item.notes) == (
        "Consent form: the summary page", "decision", presenter.id, "Draft attached.\nDecide today.")
    assert workspace.agenda.index(1, AgendaModel.PRESENTER).data() == "Ellie Whitfield"
    assert ui.agendaAnnounceLabel.text() == "Saved the notes of 'Consent form: the summary page'."
    workspace.ctx.undo_stack.undo()
    assert service.get(AgendaItem, consent.id).notes is None
    assert ui.itemNotesEdit.toPlainText() == ""


def test_a_refused_edit_says_why_beside_the_field_and_keeps_the_typing(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    workspace.select_item(service.agenda(meeting.id)[0].id)
    ui.itemTitleEdit.setFocus()
    press(qtbot, Key.Key_A, CTRL)
    long_title = "A" * 201
    type_text(qtbot, long_title)
    press(qtbot, Key.Key_Return)
    assert ui.itemProblemLabel.text() == "Not saved: Item title is too long: 201 characters (at most 200)"
    assert ui.itemProblemLabel.isVisible()
    assert ui.itemTitleEdit.text() == long_title
    assert ui.itemTitleEdit.accessibleDescription() == ui.itemProblemLabel.text()
    assert focused() is ui.itemTitleEdit
    assert service.agenda(meeting.id)[0].title == "Welcome and apologies"
    press(qtbot, Key.Key_Backspace)
    press(qtbot, Key.Key_Return)
    assert service.agenda(meeting.id)[0].title == "A" * 200
    assert not ui.itemProblemLabel.isVisible()


def test_an_unfinished_item_is_carried_to_the_next_meeting(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    consent = service.agenda(meeting.id)[1]
    workspace.select_item(consent.id)
    ui.carryButton.click()  # no later meeting yet: offered to add it (see test_meeting_room.py); not now
    workspace.dialog.reject()
    assert service.get(AgendaItem, consent.id).state is ItemState.OPEN and len(service.meetings()) == 1
    july = service.add_meeting(title="July panel", starts_at="2026-07-02 14:00")
    ui.carryButton.click()
    assert ui.agendaAnnounceLabel.text() == "Carried 'Consent form' to M-2, July panel (Thu 2 Jul 2026)."
    assert workspace.agenda.index(1, AgendaModel.STATE).data() == "Carried to M-2"
    assert [(i.title, i.carried_from_id) for i in service.agenda(july.id)] == [("Consent form", consent.id)]
    workspace.ctx.undo_stack.undo()
    assert service.agenda(july.id) == []
    assert service.get(AgendaItem, consent.id).state is ItemState.OPEN


def test_an_item_is_removed_and_undo_puts_it_back_in_place(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    ui.agendaView.setFocus()
    workspace.select_item(service.agenda(meeting.id)[1].id)
    press(qtbot, Key.Key_Delete)
    assert titles(service, meeting) == ["Welcome and apologies", "Any other business"]
    assert ui.agendaAnnounceLabel.text() == "Removed 'Consent form'. Ctrl+Z puts it back."
    workspace.ctx.undo_stack.undo()
    assert titles(service, meeting) == ["Welcome and apologies", "Consent form", "Any other business"]


def test_an_item_with_contributions_is_not_removed(workspace, meeting, service, qtbot):
    ui = workspace.ui
    build(workspace, qtbot)
    person = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    item = service.agenda(meeting.id)[1]
    service.add_contribution(item.id, person.id, "idea", "Shorter, please.")
    workspace.select_item(item.id)
    ui.removeItemButton.click()
    assert ui.agendaAnnounceLabel.text().startswith("Not saved: 'Consent form' has 1 contribution(s)")
    assert len(service.agenda(meeting.id)) == 3


# -- attendance ---------------------------------------------------------------------------


def test_attendance_is_taken_for_every_active_member(ctx, service, small_panel, qtbot):
    page = MeetingWorkspace(ctx)
    page.show_record(small_panel["meeting"].id)
    show(qtbot, page)
    ui = page.ui
    people = small_panel["people"]
    press(qtbot, Key.Key_C, ALT)  # the Attendance tab
    assert ui.tabs.currentWidget() is ui.attendanceTab
    assert ui.attendanceSummaryLabel.text() == "0 present, 0 sent apologies, 0 absent, 4 not recorded yet."
    ui.attendanceView.setFocus()
    page.select_person(people["ben"].id)
    press(qtbot, Key.Key_G, ALT)  # Sent apologies (a mnemonic clicks the button a moment later)
    qtbot.waitUntil(lambda: len(service.attendance(small_panel["meeting"].id)) == 1)
    assert service.attendance(small_panel["meeting"].id)[0].status is AttendanceStatus.APOLOGIES
    # Said in the status bar too, which may be projected: Ben as his consent (initials) allows.
    assert ui.attendanceAnnounceLabel.text() == "B.O.: sent apologies."
    assert ctx.undo_stack.undoText() == "Mark B.O. sent apologies"
    page.select_person(people["amira"].id)
    press(qtbot, Key.Key_P, ALT)
    qtbot.waitUntil(lambda: len(service.attendance(small_panel["meeting"].id)) == 2)
    press(qtbot, Key.Key_M, ALT)  # Role at the meeting
    type_text(qtbot, "chair")
    press(qtbot, Key.Key_Tab)
    assert focused() is ui.hoursSpin
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "3.5")
    press(qtbot, Key.Key_Tab)
    amira = [a for a in service.attendance(small_panel["meeting"].id) if a.person_id == people["amira"].id][0]
    assert (amira.status, amira.meeting_role, amira.hours) == (AttendanceStatus.PRESENT, "chair", 3.5)
    model = page.attendance
    assert [model.index(0, c).data() for c in range(5)] == [
        "Amira Khan", "Lived experience member", "Present", "chair", "3.5 hours"]
    ui.restPresentButton.click()
    assert ui.attendanceSummaryLabel.text() == "3 present, 1 sent apologies, 0 absent, 0 not recorded yet."
    assert not ui.restPresentButton.isEnabled()
    ctx.undo_stack.undo()
    assert ui.attendanceSummaryLabel.text() == "1 present, 1 sent apologies, 0 absent, 2 not recorded yet."
    # Not recorded forgets it again.
    page.select_person(people["ben"].id)
    press(qtbot, Key.Key_Y, ALT)
    qtbot.waitUntil(lambda: len(service.attendance(small_panel["meeting"].id)) == 1)
    assert [a.person_id for a in service.attendance(small_panel["meeting"].id)] == [people["amira"].id]


def test_the_workspace_starts_meeting_mode_and_goes_back(workspace, ctx, meeting, qtbot):
    with qtbot.wait_signal(ctx.navigate) as navigate:
        press(qtbot, Key.Key_M, CTRL | SHIFT)
    assert navigate.args == ["meeting_mode", meeting.id]
    with qtbot.wait_signal(ctx.navigate) as navigate:
        workspace.ui.backButton.click()
    assert navigate.args == ["meetings", meeting.id]


def test_the_header_says_when_where_and_what_state(workspace, meeting, service):
    ui = workspace.ui
    assert ui.titleLabel.text() == "June panel"
    assert ui.whenLabel.text() == "Thursday 18 June 2026, 14:00 to 15:00 (M-1, in 3 days)"
    assert ui.statusLabel.text() == "Status: Planned. Papers: not sent yet: the meeting is in 3 days."
    service.edit_meeting(meeting.id, place="Room 2")
    service.comms.record_sent(meeting.id, None, on="2026-06-11")
    assert ui.statusLabel.text() == "Status: Planned. Papers: sent 11 Jun 2026."
    assert ui.placeLabel.text() == "Room 2"
