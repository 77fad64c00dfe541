"""Meeting mode and the workspace as a coordinator on a 1366x768 laptop meets them
(issue 10): the header and its clock always in view, who spoke found from any
letters a UK keyboard can type, a neutral kind for procedural speech, carrying an
item when there is no next meeting yet, and messages that say what is so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.model import AgendaItem, Meeting
from leap_desktop.domain.vocab import ContributionKind, ItemState
from leap_desktop.views.pages.meeting_mode import MeetingMode
from leap_desktop.views.pages.meeting_workspace import MeetingWorkspace

from .meeting_helpers import ALT, CTRL, OFFSCREEN_LIMITS, focused, press, show, type_text

pytestmark = OFFSCREEN_LIMITS
Key = Qt.Key


@pytest.fixture
def mode(ctx, small_panel, qtbot):
    page = MeetingMode(ctx)
    page.show_record(small_panel["meeting"].id)
    show(qtbot, page)
    page.focus_first()
    return page


# -- 3. a neutral kind, and the kind the next save uses ---------------------------------


def test_procedural_speech_is_a_comment_not_an_idea(mode, small_panel, service, qtbot):
    ui = mode.ui
    assert ContributionKind.parse("comment").label == "Comment"
    # A new meeting starts on the neutral kind: a welcome is not saved as an Idea.
    assert ui.kindCombo.currentText() == "Comment"
    assert ui.saveContributionButton.text() == "Save as comment (Enter)"
    type_text(qtbot, "am")
    press(qtbot, Key.Key_Return)
    type_text(qtbot, "Welcome, everyone.")
    press(qtbot, Key.Key_Return)
    assert service.contributions(small_panel["item"].id)[-1].kind is ContributionKind.COMMENT
    # Alt+8 chooses it from anywhere; the button says plainly what the next save uses.
    press(qtbot, Key.Key_3, ALT)
    assert ui.saveContributionButton.text() == "Save as concern (Enter)"
    assert ui.saveContributionButton.accessibleName() == "Save as concern"
    press(qtbot, Key.Key_8, ALT)
    assert ui.kindCombo.currentText() == "Comment"
    assert ui.kindKeysLabel.text().endswith("7 dissent, 8 comment")
    # After a save the kind carries over, and the line that confirms it says so.
    press(qtbot, Key.Key_3, ALT)
    type_text(qtbot, "ben")
    press(qtbot, Key.Key_Return)
    type_text(qtbot, "Is the room step-free?")
    press(qtbot, Key.Key_Return)
    assert ui.captureStatusLabel.text().endswith("Ctrl+Z undoes it. Next: concern too.")


def test_comment_is_listed_wherever_kinds_are(ctx, small_panel, service):
    from leap_desktop.models.contributions import ContributionsModel

    item = small_panel["item"]
    service.add_contribution(item.id, small_panel["people"]["amira"].id, "comment", "Point of information.")
    model = ContributionsModel(ctx)
    model.set_item(item.id)
    assert model.index(model.rowCount() - 1, ContributionsModel.KIND).data() == "Comment"


# -- 5. messages ----------------------------------------------------------------------


def test_a_refusal_does_not_stay_on_screen_on_the_next_item(mode, small_panel, service, qtbot):
    ui = mode.ui
    said = small_panel["said"]
    service.record_decision(title="Summary first", item_id=small_panel["item"].id, sources=[said["amira"].id])
    press(qtbot, Key.Key_O, ALT)
    press(qtbot, Key.Key_Home)
    press(qtbot, Key.Key_Delete)
    assert ui.captureProblemLabel.isVisible()
    press(qtbot, Key.Key_PageDown, CTRL)
    assert ui.itemTitleLabel.text() == "Recruitment poster"
    assert not ui.captureProblemLabel.isVisible() and ui.captureProblemLabel.text() == ""


def test_a_finished_item_does_not_say_not_finished(mode, small_panel, qtbot):
    ui = mode.ui
    assert ui.carryButton.text() == "Not finished: carry to the next meeting (Alt+C)"
    press(qtbot, Key.Key_PageDown, CTRL)
    press(qtbot, Key.Key_PageUp, CTRL)
    assert ui.itemStateLabel.text() == "State: Finished."
    assert "Not finished" not in ui.carryButton.text()
    assert ui.carryButton.text() == "Carry to the next meeting after all (Alt+C)"


def test_initials_end_a_sentence_with_one_full_stop(mode, small_panel, qtbot):
    type_text(qtbot, "ben")  # Ben Okafor: initials
    press(qtbot, Key.Key_Return)
    type_text(qtbot, "Fine by me.")
    press(qtbot, Key.Key_Return)
    text = mode.ui.captureStatusLabel.text()
    assert "from B.O. Ctrl+Z" in text or "from B.O. The next" in text
    assert ".." not in text


def test_no_message_says_where_a_form_is(mode, ctx, small_panel, qtbot):
    """The forms go below the list at large text: "on the left" would be wrong."""
    from leap_desktop.views.pages.meetings import MeetingsPage

    assert "left" not in mode.ui.sourcesLabel.text() and "right" not in mode.ui.sourcesLabel.text()
    page = MeetingsPage(ctx)
    show(qtbot, page)
    page.new_meeting()
    said = page.ui.announceLabel.text()
    assert said.startswith("New meeting:") and "right" not in said and "left" not in said


# -- 9. the agenda's quick add ----------------------------------------------------------


def test_quick_add_puts_the_keyboard_back_in_the_new_title(ctx, service, qtbot):
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-18 14:00", planned_minutes=60)
    page = MeetingWorkspace(ctx)
    page.show_record(meeting.id)
    show(qtbot, page)
    page.focus_first()
    press(qtbot, Key.Key_N, ALT)
    type_text(qtbot, "Welcome")
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_A, CTRL)
    type_text(qtbot, "10")
    press(qtbot, Key.Key_Return)  # from Minutes
    assert [i.title for i in service.agenda(meeting.id)] == ["Welcome"]
    assert focused() is page.ui.newTitleEdit
    type_text(qtbot, "Consent form")
    press(qtbot, Key.Key_Return)  # from the title
    assert focused() is page.ui.newTitleEdit
    assert [i.title for i in service.agenda(meeting.id)] == ["Welcome", "Consent form"]


# -- 2. who spoke: a list as you type and on Down -----------------------------------------


def rows(popup) -> list[str]:
    model = popup.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.mark.parametrize("field", ["who", "owner", "dissent"])
def test_down_in_an_empty_name_field_lists_everyone_present_first(field, mode, small_panel, service, qtbot):
    ui = mode.ui
    people = small_panel["people"]
    service.set_attendance(small_panel["meeting"].id, people["cat"].id, status="present")
    picker = {"who": mode.capture.who, "owner": mode.action_form.owner, "dissent": mode.decision_form.dissenter}[field]
    if field == "owner":
        mode.open_action_form()
    elif field == "dissent":
        mode.open_decision_form()
    picker.edit.setFocus()
    assert picker.edit.text() == ""
    press(qtbot, Key.Key_Down)
    popup = picker.completer.popup()
    assert popup.isVisible()
    assert rows(popup) == [  # as each person's consent allows: the list may be on the room's screen
        "Researcher (P-3), present",
        "Amira Khan, lived experience member",
        "B.O. (P-2), carer",
        "Anonymous member (P-4)",
    ]
    qtbot.keyClick(popup, Key.Key_Down)
    qtbot.keyClick(popup, Key.Key_Down)
    qtbot.keyClick(popup, Key.Key_Return)
    assert not popup.isVisible()
    assert picker.person.id == people["amira"].id
    assert picker.edit.text() == "Amira Khan"


def test_letters_a_uk_keyboard_can_type_find_everyone(mode, small_panel, service, qtbot):
    ui = mode.ui
    zhang = service.add_person(display_name="张伟", preferred_name="Zhang Wei", roles=["lived_experience"],
                               consent="named")
    service.add_person(display_name="Siân Llewelyn", roles=["carer"], consent="named")
    popup = mode.capture.who.completer.popup()
    type_text(qtbot, "zh")
    assert rows(popup) == ["张伟 (Zhang Wei), lived experience member"]
    ui.whoEdit.clear()
    type_text(qtbot, "sian")
    assert rows(popup) == ["Siân Llewelyn, carer"]
    ui.whoEdit.clear()
    type_text(qtbot, "liv")  # a role word: everyone with lived experience
    assert rows(popup) == ["Amira Khan, lived experience member",
                           "Anonymous member (P-4)",  # found by their role, but not named
                           "张伟 (Zhang Wei), lived experience member"]
    qtbot.keyClick(popup, Key.Key_Up)  # from the field's end: the last row
    qtbot.keyClick(popup, Key.Key_Return)
    assert mode.capture.who.person.id == zhang.id
    assert focused() is ui.textEdit
    type_text(qtbot, "Thank you.")
    press(qtbot, Key.Key_Return)
    assert service.contributions(small_panel["item"].id)[-1].person_id == zhang.id


def test_letters_that_fit_nobody_keep_the_keyboard_in_who(mode, small_panel, service, qtbot):
    ui = mode.ui
    type_text(qtbot, "zx")
    assert not mode.capture.who.completer.popup().isVisible()
    press(qtbot, Key.Key_Return)
    assert ui.whoFoundLabel.text() == "No one on the panel matches “zx”."
    assert focused() is ui.whoEdit
    # The words that follow do not run on after the letters: they start a new search.
    type_text(qtbot, "ben")
    assert ui.whoEdit.text() == "ben"
    press(qtbot, Key.Key_Return)
    assert mode.capture.who.person.id == small_panel["people"]["ben"].id
    assert focused() is ui.textEdit


# -- 1. the header and its clock always in view -------------------------------------------


HEADER = ("meetingLabel", "meetingClockLabel", "previousButton", "itemPositionLabel", "itemTitleLabel", "timerLabel",
          "nextButton")


def cut_off(page, holder) -> list[str]:
    """The header's widgets not wholly inside the page's visible area."""
    from PySide6.QtCore import QPoint, QRect

    viewport = holder.viewport()
    out = []
    for name in HEADER:
        widget = getattr(page.ui, name)
        if not widget.isVisible() or not widget.text():
            continue
        if not viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())):
            out.append(name)
    return out


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_header_and_its_clock_stay_in_view_on_a_laptop_screen(window, appearance, scale, qtbot):
    """1366x768, less the title bar and the task bar: wherever the keyboard goes, the
    item, its clock and Previous/Next are in view; nothing is cut off sideways."""
    window.resize(1366, 700)
    appearance.set_scale(scale)
    page = window.show_page("meeting_mode")
    holder = page.parentWidget().parentWidget()
    QApplication.processEvents()
    assert page.ui.timerLabel.text()
    if scale == 1.0:
        assert holder.verticalScrollBar().maximum() == 0, "meeting mode fits the window at 100 %"
    for scroller in (holder, getattr(page.ui, "bodyScroller", holder)):
        assert scroller.horizontalScrollBar().maximum() == 0, "nothing is cut off sideways"
    stops = []
    for opener in (page.focus_first, page.open_decision_form, page.open_action_form):
        opener()
        for _ in range(12):
            QApplication.processEvents()
            stops.append((focused().objectName(), cut_off(page, holder)))
            press(qtbot, Key.Key_Tab)
    assert [stop for stop in stops if stop[1]] == []
    # The body scrolled to follow the keyboard meanwhile (it did not fit), the header did not.
    if scale == 2.0:
        assert page.ui.bodyScroller.verticalScrollBar().maximum() > 0
    appearance.reset()


def test_the_meeting_running_over_is_said_in_words(mode, small_panel, qtbot):
    now = [1000.0]
    mode.header.clock.now = lambda: now[0]
    mode.header.restart_clocks()
    now[0] += 95 * 60
    mode.header.tick()
    ui = mode.ui
    assert ui.meetingClockLabel.text() == "⚠ Meeting: 95 of 90 minutes: 5 minutes over time"
    assert ui.meetingClockLabel.accessibleName() == "Meeting: 95 of 90 minutes: 5 minutes over time"


# -- 4. carrying an item when there is no next meeting yet --------------------------------


def test_carrying_from_the_last_meeting_offers_to_add_the_next(ctx, service, small_panel, qtbot):
    from leap_desktop.views.dialogs.carry import CarryToNewMeetingDialog

    later = small_panel["later"]  # Thu 2 April 2026: no meeting after it
    item = service.add_item(later.id, title="Budget", allotted_minutes=10)
    page = MeetingMode(ctx)
    page.show_record(later.id)
    show(qtbot, page)
    page.focus_first()
    press(qtbot, Key.Key_C, ALT)
    dialog = page.dialog
    assert isinstance(dialog, CarryToNewMeetingDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert not page.ui.captureProblemLabel.isVisible()  # no dead end
    # The day suggested from the series (the first Thursday of the next month), read back.
    assert dialog.ui.dateEdit.text() == "7 May 2026"
    assert dialog.ui.dateHint.text() == "Thursday 7 May 2026"
    assert "“Panel meeting, May 2026”, at 14:00 for 90 minutes" in dialog.ui.detailsHint.text()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.ui.dateEdit)
    press(qtbot, Key.Key_Return)  # by keyboard: Enter adds the meeting and carries the item
    qtbot.waitUntil(lambda: not dialog.isVisible())
    new = [m for m in service.meetings() if m.starts_at == "2026-05-07T14:00"]
    assert len(new) == 1 and new[0].title == "Panel meeting, May 2026"
    assert [i.title for i in service.agenda(new[0].id)] == ["Budget"]
    assert page.ui.itemStateLabel.text() == f"State: Carried to {new[0].ref}."
    assert page.ui.captureStatusLabel.text() == (
        f"'Budget' is carried to the new meeting {new[0].ref} (Thu 7 May 2026). Ctrl+Page Down for the next item.")
    # Undoable: the item back, the meeting away.
    ctx.undo_stack.undo()
    assert service.find(Meeting, new[0].id) is None
    assert service.get(AgendaItem, item.id).state is ItemState.OPEN


def test_another_day_can_be_typed_and_a_wrong_one_is_refused(ctx, service, small_panel, qtbot):
    later = small_panel["later"]
    service.add_item(later.id, title="Budget", allotted_minutes=10)
    page = MeetingWorkspace(ctx)
    page.show_record(later.id)
    show(qtbot, page)
    page.builder.select_item(service.agenda(later.id)[0].id)
    page.builder.carry_item()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.ui.dateEdit.setText("31/02/2026")
    dialog.submit()
    assert dialog.isVisible() and "There is no 31 February 2026" in dialog.ui.dateError.text()
    dialog.ui.dateEdit.setText("1 March 2026")  # before the meeting itself
    dialog.submit()
    assert dialog.isVisible() and dialog.ui.dateError.text() == (
        "The next meeting has to be after this one (Thursday 2 April 2026): type a later day")
    assert len(service.meetings()) == 2
    dialog.ui.dateEdit.setText("14/05/2026")
    dialog.submit()
    assert not dialog.isVisible()
    assert [m.starts_at for m in service.meetings()][-1] == "2026-05-14T14:00"
    assert page.ui.agendaAnnounceLabel.text().startswith("Carried 'Budget' to the new meeting M-3")
