"""Meeting mode, driven by keyboard only: capture contributions, record a decision
from the ticked contributions, add an action, move through the agenda, undo; and
nothing entered before the last Enter is lost in a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from leap_desktop.domain.model import AgendaItem, Contribution, Meeting
from leap_desktop.domain.vocab import ContributionKind, ItemState, MeetingStatus
from leap_desktop.services import PanelService
from leap_desktop.views.pages.meeting_mode import MeetingMode

from .meeting_helpers import ALT, CTRL, OFFSCREEN_LIMITS, SHIFT, focused, press, show, type_text

pytestmark = OFFSCREEN_LIMITS
Key = Qt.Key


@pytest.fixture
def mode(ctx, small_panel, qtbot):
    page = MeetingMode(ctx)
    page.show_record(small_panel["meeting"].id)
    show(qtbot, page)
    page.focus_first()
    return page


def capture(qtbot, who: str, text: str, kind_key: Key | None = None) -> None:
    """Who, Enter, (Alt+digit for the kind), what was said, Enter."""
    type_text(qtbot, who)
    press(qtbot, Key.Key_Return)
    if kind_key is not None:
        press(qtbot, kind_key, ALT)
    type_text(qtbot, text)
    press(qtbot, Key.Key_Return)


def test_it_opens_on_the_first_unfinished_item_with_its_time(mode, small_panel, service):
    ui = mode.ui
    assert ui.itemTitleLabel.text() == "Consent form"
    assert ui.itemPositionLabel.text() == "Item 1 of 2 · For decision"
    assert ui.timerLabel.text() == "0 of 40 minutes"
    assert mode.contributions.rowCount() == 4
    assert ui.whoEdit.hasFocus()


def test_a_contribution_takes_a_few_keystrokes_and_is_saved_at_once(mode, small_panel, service, qtbot):
    ui = mode.ui
    item = small_panel["item"]
    type_text(qtbot, "am")
    press(qtbot, Key.Key_Return)
    assert ui.whoFoundLabel.text() == "Amira Khan, lived experience member"
    assert ui.whoEdit.text() == "Amira Khan"
    assert focused() is ui.textEdit
    press(qtbot, Key.Key_3, ALT)  # a concern
    assert ui.kindCombo.currentText() == "Concern"
    type_text(qtbot, "Two pages is still a lot")
    press(qtbot, Key.Key_Return, SHIFT)  # a new line, not a save
    type_text(qtbot, "when you are unwell.")
    assert service.contributions(item.id)[-1].text != "Two pages is still a lot\nwhen you are unwell."
    press(qtbot, Key.Key_Return)
    saved = service.contributions(item.id)[-1]
    assert (saved.text, saved.kind, saved.person_id) == (
        "Two pages is still a lot\nwhen you are unwell.", ContributionKind.CONCERN, small_panel["people"]["amira"].id)
    # Visible at once, the form cleared for the next, focus back on Who.
    assert mode.contributions.rowCount() == 5
    last = mode.contributions.index(4, mode.contributions.TEXT).data()
    assert last == "Two pages is still a lot\nwhen you are unwell."
    assert (ui.whoEdit.text(), ui.textEdit.toPlainText()) == ("", "")
    assert focused() is ui.whoEdit
    assert ui.captureStatusLabel.text() == (
        f"Saved {saved.ref}: concern from Amira Khan. Ctrl+Z undoes it. Next: concern too.")
    # The next one straight away; the kind stays as chosen, and consent is respected in the list.
    capture(qtbot, "dev", "An easy-read version for everyone, not only on request.")
    assert mode.contributions.index(5, mode.contributions.WHO).data() == "Anonymous member"
    # The screen may be projected for the room: what it says names nobody who chose not to be named.
    dev = service.contributions(item.id)[-1]
    said = f"Saved {dev.ref}: concern from Anonymous member. Ctrl+Z undoes it. Next: concern too."
    assert ui.captureStatusLabel.text() == said
    assert mode.ctx.undo_stack.undoText() == "Add concern from Anonymous member"
    for text in (ui.captureStatusLabel.text(), ui.captureStatusLabel.accessibleName(), ui.undoButton.toolTip()):
        assert "Dev" not in text and "Patel" not in text
    assert service.contributions(item.id)[-1].kind is ContributionKind.CONCERN


def test_who_is_asked_for_and_what_was_typed_is_kept(mode, small_panel, service, qtbot):
    ui = mode.ui
    before = len(service.contributions(small_panel["item"].id))
    type_text(qtbot, "xyz")
    press(qtbot, Key.Key_Return)
    assert ui.whoFoundLabel.text() == "No one on the panel matches “xyz”."
    assert focused() is ui.whoEdit
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)
    assert focused() is ui.textEdit
    type_text(qtbot, "Something important")
    press(qtbot, Key.Key_Return)
    assert ui.captureProblemLabel.text() == "Not saved: Say who said it: type a few letters of their name in Who, then Enter."
    assert ui.captureProblemLabel.isVisible()
    assert ui.textEdit.toPlainText() == "Something important"
    assert focused() is ui.whoEdit
    assert len(service.contributions(small_panel["item"].id)) == before
    # Fixing the name saves what was kept.
    ui.whoEdit.selectAll()
    type_text(qtbot, "ben")
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Return)
    assert service.contributions(small_panel["item"].id)[-1].text == "Something important"
    assert not ui.captureProblemLabel.isVisible()


def test_ctrl_z_undoes_a_capture_and_ctrl_shift_z_brings_it_back(mode, small_panel, service, qtbot):
    item = small_panel["item"]
    capture(qtbot, "cat", "Ethics will accept a summary page if the full form follows.", Key.Key_5)
    saved = service.contributions(item.id)[-1]
    assert mode.ui.undoButton.isEnabled()
    assert mode.ui.undoButton.toolTip() == "Undo: Add suggestion from Researcher (Ctrl+Z)"  # Cat: role only
    press(qtbot, Key.Key_Z, CTRL)  # focus is in the (empty) Who field
    assert saved.id not in [c.id for c in service.contributions(item.id)]
    assert mode.contributions.rowCount() == 4
    press(qtbot, Key.Key_Z, CTRL | SHIFT)
    back = service.contributions(item.id)[-1]
    assert (back.id, back.ref) == (saved.id, saved.ref)
    assert mode.contributions.rowCount() == 5


def test_a_field_keeps_its_own_undo_while_typing(mode, qtbot):
    ui = mode.ui
    type_text(qtbot, "amx")
    press(qtbot, Key.Key_Backspace)
    press(qtbot, Key.Key_Z, CTRL)  # undoes the Backspace in the field, not a saved change
    assert ui.whoEdit.text() == "amx"


def test_a_decision_is_recorded_with_the_contributions_ticked_by_keyboard(mode, small_panel, service, qtbot):
    ui = mode.ui
    said = small_panel["said"]
    press(qtbot, Key.Key_O, ALT)  # "Contributions on this item"
    assert focused() is ui.contributionsView
    press(qtbot, Key.Key_Down)  # second row: Ben's suggestion
    press(qtbot, Key.Key_Space)
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Down)  # fourth: the easy-read idea
    press(qtbot, Key.Key_Space)
    assert ui.sourcesLabel.text() == "Shaped by 2 contributions: C-2 (B.O.), C-4 (Anonymous member)."
    press(qtbot, Key.Key_D, ALT)
    assert focused() is ui.decisionTitleEdit
    type_text(qtbot, "A one-page summary goes first")
    press(qtbot, Key.Key_Tab)
    assert focused() is ui.methodCombo
    type_text(qtbot, "v")  # Vote
    assert ui.methodCombo.currentText() == "Vote"
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "7")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "1")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "1")
    press(qtbot, Key.Key_Tab)
    assert focused() is ui.levelCombo
    type_text(qtbot, "col")  # Collaborate
    press(qtbot, Key.Key_Tab)
    press(qtbot, Key.Key_Tab)  # status stays Agreed
    assert focused() is ui.summaryEdit
    type_text(qtbot, "Members see a short, kind summary before the full form.")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "Two pages is still too long.")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "dev")
    press(qtbot, Key.Key_Return, CTRL)
    decision = service.decisions(small_panel["meeting"].id)[-1]
    assert (decision.title, decision.status.value, decision.method.value, decision.votes) == (
        "A one-page summary goes first", "agreed", "vote", (7, 1, 1))
    assert decision.level.value == "collaborate" and decision.item_id == small_panel["item"].id
    assert {s.contribution_id for s in service.sources(decision.id)} == {said["ben"].id, said["dev"].id}
    assert [(d.person_id, d.text) for d in service.dissent(decision.id)] == [
        (small_panel["people"]["dev"].id, "Two pages is still too long.")]
    trace = service.trace(decision.id)
    assert {s.contribution.id for s in trace.sources} == {said["ben"].id, said["dev"].id}
    # Shown, announced, and the form and ticks cleared for the next.
    assert mode.decisions.index(0, 2).data() == "A one-page summary goes first"
    assert mode.decisions.index(0, 3).data() == "2 contributions"
    assert ui.captureStatusLabel.text().startswith(f"Recorded {decision.ref}: agreed, shaped by 2 contributions.")
    assert mode.contributions.ticked() == [] and ui.decisionTitleEdit.text() == ""


def test_a_decision_that_breaks_a_rule_says_why_and_keeps_the_form(mode, service, small_panel, qtbot):
    ui = mode.ui
    press(qtbot, Key.Key_D, ALT)
    type_text(qtbot, "Vote on the poster")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "v")
    press(qtbot, Key.Key_Return, CTRL)  # no votes counted
    assert ui.decisionProblemLabel.text() == "Not saved: A vote needs at least one vote counted"
    assert ui.decisionTitleEdit.text() == "Vote on the poster"
    assert service.decisions() == []


def test_an_action_gets_an_owner_by_type_ahead_and_a_due_date(mode, service, small_panel, qtbot):
    ui = mode.ui
    press(qtbot, Key.Key_A, ALT)
    assert focused() is ui.actionTitleEdit
    type_text(qtbot, "Ask ethics about a summary page")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "ca")
    press(qtbot, Key.Key_Return)
    # Meeting mode may be projected: Cat Rhodes (role only) is shown by role, with her reference.
    assert ui.ownerFoundLabel.text() == "Researcher (P-3); shown as they asked"
    assert ui.ownerEdit.text() == "Researcher (P-3)"
    assert focused() is ui.dueEdit
    # Four weeks after the meeting to start with, as a person writes it, read back in words.
    assert ui.dueEdit.text() == "02/04/2026"
    assert ui.dueHint.text() == "Thursday 2 April 2026"
    press(qtbot, Key.Key_Return, CTRL)
    action = service.actions()[-1]
    assert (action.title, action.owner_id, action.due_on, action.item_id) == (
        "Ask ethics about a summary page", small_panel["people"]["cat"].id, "2026-04-02", small_panel["item"].id)
    assert mode.actions_model.rowCount() == 1
    assert mode.actions_model.index(0, 1).data() == "Researcher"  # Cat's consent: role only
    assert ui.captureStatusLabel.text() == f"Added {action.ref} for Researcher, due Thu 2 Apr 2026. Ctrl+Z undoes it."
    press(qtbot, Key.Key_Z, CTRL)
    assert service.actions() == [] and mode.actions_model.rowCount() == 0


def test_an_action_due_date_is_typed_as_people_write_dates(mode, service, small_panel, qtbot):
    ui = mode.ui
    press(qtbot, Key.Key_A, ALT)
    type_text(qtbot, "Send the summary to ethics")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "am")
    press(qtbot, Key.Key_Return)
    assert focused() is ui.dueEdit
    ui.dueEdit.selectAll()
    type_text(qtbot, "30/02/2026")
    assert ui.dueHint.text() == "There is no 30 February 2026"
    press(qtbot, Key.Key_Return, CTRL)
    assert ui.actionProblemLabel.text() == "Not saved: There is no 30 February 2026"
    assert focused() is ui.dueEdit and ui.dueEdit.text() == "30/02/2026"
    assert service.actions() == []
    ui.dueEdit.selectAll()
    type_text(qtbot, "17/4/2026")
    assert ui.dueHint.text() == "Friday 17 April 2026"
    press(qtbot, Key.Key_Tab)  # Tab goes on to the decision it comes from, as before
    assert focused() is ui.actionDecisionCombo
    press(qtbot, Key.Key_Return, CTRL)
    (action,) = service.actions()
    assert action.due_on == "2026-04-17"
    assert ui.actionProblemLabel.isHidden()


def test_ctrl_enter_in_the_owner_field_adds_the_action(mode, service, small_panel, qtbot):
    press(qtbot, Key.Key_A, ALT)
    type_text(qtbot, "Book a room")
    press(qtbot, Key.Key_Tab)
    type_text(qtbot, "am")
    press(qtbot, Key.Key_Return, CTRL)
    (action,) = service.actions()
    assert (action.title, action.owner_id) == ("Book a room", small_panel["people"]["amira"].id)


def test_an_action_without_an_owner_is_refused_and_kept(mode, service, qtbot):
    ui = mode.ui
    press(qtbot, Key.Key_A, ALT)
    type_text(qtbot, "Book a room")
    press(qtbot, Key.Key_Return, CTRL)
    assert ui.actionProblemLabel.text() == "Not saved: Say who will do it: a few letters of their name in Owner."
    assert ui.actionTitleEdit.text() == "Book a room"
    assert focused() is ui.ownerEdit
    assert service.actions() == []


def test_next_and_previous_item_mark_items_finished(mode, small_panel, service, qtbot):
    ui = mode.ui
    first, second = small_panel["item"], small_panel["other"]
    press(qtbot, Key.Key_PageDown, CTRL)
    assert service.get(AgendaItem, first.id).state is ItemState.DONE
    assert ui.itemTitleLabel.text() == "Recruitment poster"
    assert ui.itemPositionLabel.text() == "Item 2 of 2 · For discussion"
    assert mode.contributions.rowCount() == 0
    assert focused() is ui.whoEdit
    capture(qtbot, "ben", "Use a photo of real members, with their say-so.")
    assert service.contributions(second.id)[-1].text == "Use a photo of real members, with their say-so."
    press(qtbot, Key.Key_PageUp, CTRL)
    assert ui.itemTitleLabel.text() == "Consent form"
    assert ui.itemStateLabel.text() == "State: Finished."
    # Ctrl+Right works too, outside a text box.
    press(qtbot, Key.Key_O, ALT)
    press(qtbot, Key.Key_Right, CTRL)
    assert ui.itemTitleLabel.text() == "Recruitment poster"
    # Finishing the last item says so instead of going nowhere.
    press(qtbot, Key.Key_PageDown, CTRL)
    assert service.get(AgendaItem, second.id).state is ItemState.DONE
    assert ui.captureStatusLabel.text() == "That was the last item. Finish the meeting when you are ready."
    # Undo puts the item back to not finished.
    press(qtbot, Key.Key_Z, CTRL)
    assert service.get(AgendaItem, second.id).state is ItemState.OPEN


def test_an_unfinished_item_is_carried_to_the_next_meeting(mode, small_panel, service, qtbot):
    press(qtbot, Key.Key_PageDown, CTRL)
    press(qtbot, Key.Key_C, ALT)
    later = small_panel["later"]
    assert [i.title for i in service.agenda(later.id)] == ["Recruitment poster"]
    assert mode.ui.itemStateLabel.text() == "State: Carried to M-2."
    assert mode.ui.captureStatusLabel.text() == (
        "'Recruitment poster' is carried to M-2 (Thu 2 Apr 2026). Ctrl+Page Down for the next item.")
    assert not mode.carry_action.isEnabled()
    press(qtbot, Key.Key_Z, CTRL)
    assert service.agenda(later.id) == []
    assert service.get(AgendaItem, small_panel["other"].id).state is ItemState.OPEN




def test_the_clock_says_elapsed_against_allotted_in_words(mode, small_panel, qtbot):
    now = [1000.0]
    mode.header.clock.now = lambda: now[0]
    mode.header.restart_clocks()
    ui = mode.ui
    now[0] += 12 * 60 + 30
    mode.header.tick()
    assert ui.timerLabel.text() == "12 of 40 minutes"
    assert ui.meetingClockLabel.text() == "Meeting: 12 of 90 minutes"
    now[0] += 33 * 60
    mode.header.tick()
    assert ui.timerLabel.text() == "⚠ 45 of 40 minutes: 5 minutes over time"
    assert ui.timerLabel.accessibleName() == "45 of 40 minutes: 5 minutes over time"
    # Each item keeps its own time; coming back resumes it.
    mode.next_item()
    now[0] += 5 * 60
    mode.header.tick()
    assert ui.timerLabel.text() == "5 of 30 minutes"
    mode.previous_item()
    assert ui.timerLabel.text() == "⚠ 45 of 40 minutes: 5 minutes over time"
    mode.restart_clock()
    assert ui.timerLabel.text() == "0 of 40 minutes"
    # The QTimer drives it while the page is shown.
    assert mode.header.timer.isActive()
    mode.hide()
    assert not mode.header.timer.isActive()


def test_finishing_the_meeting_marks_it_held_and_returns_to_the_workspace(mode, ctx, small_panel, service, qtbot):
    with qtbot.wait_signal(ctx.navigate) as navigate:
        mode.finish_action.trigger()
    assert navigate.args == ["meeting", small_panel["meeting"].id]
    assert service.get(Meeting, small_panel["meeting"].id).status is MeetingStatus.HELD
    assert service.get(AgendaItem, small_panel["item"].id).state is ItemState.DONE


def test_the_agenda_tab_goes_to_an_item(mode, small_panel, qtbot):
    press(qtbot, Key.Key_I, ALT)
    assert focused() is mode.ui.agendaView
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Return)
    assert mode.item.id == small_panel["other"].id
    assert focused() is mode.ui.whoEdit


def test_page_actions_carry_their_shortcuts_for_menus(mode):
    by_text = {a.text().replace("&", ""): a for a in mode.actions()}
    assert by_text["Next item"].shortcuts()[0].toString() == "Ctrl+PgDown"
    assert by_text["Previous item"].shortcuts()[0].toString() == "Ctrl+PgUp"
    assert by_text["Kind: Concern"].shortcut().toString() == "Alt+3"
    assert "(Alt+C)" in by_text["Carry this item to the next meeting"].toolTip()
    assert all(a.toolTip() for a in mode.actions())


# -- nothing entered is lost --------------------------------------------------------------


def test_every_enter_is_already_on_disk_for_another_connection(mode, small_panel, service, panel_path, qtbot):
    """Open the file afresh (a second connection, as after a restart) while meeting
    mode is still open: everything entered by keyboard is there."""
    capture(qtbot, "am", "The form felt frightening when I was unwell.", Key.Key_1)
    capture(qtbot, "ben", "A one-page summary first, please.", Key.Key_5)
    press(qtbot, Key.Key_PageDown, CTRL)  # the first item is finished
    assert not service.store.conn.in_transaction
    with PanelService.open(panel_path, readonly=True) as fresh:  # the app still has it open for changes
        texts = [c.text for c in fresh.contributions(small_panel["item"].id)]
        assert texts[-2:] == ["The form felt frightening when I was unwell.", "A one-page summary first, please."]
        assert fresh.get(AgendaItem, small_panel["item"].id).state is ItemState.DONE
        assert fresh.check() == []


CRASHING_CAPTURE = textwrap.dedent(
    """
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from leap_desktop.services import PanelService
    from leap_desktop.models.context import AppContext
    from leap_desktop.views.pages.meeting_mode import MeetingMode

    app = QApplication([])
    # No keyring in this process: the key comes the way a coordinator would give it.
    service = PanelService.open(sys.argv[1], ask=lambda request: os.environ["LEAP_RECOVERY_KEY"])
    page = MeetingMode(AppContext(service))
    page.show_record(sys.argv[2])
    page.show()
    page.activateWindow()
    app.processEvents()
    page.focus_first()

    def type_(text):
        for ch in text:
            QTest.keyClick(QApplication.focusWidget(), ch)

    type_("am")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_("Said just before the battery died.")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_("ben")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    type_("Typed but never saved")  # no Enter: this one is not kept
    print("captured", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # no clean-up, no close: a crash
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs a way to kill a process outright")
def test_a_crash_loses_nothing_entered_before_the_last_enter(service, small_panel, panel_path, tmp_path):
    item = small_panel["item"]
    before = len(service.contributions(item.id))
    recovery_key = service.store.security.key.recovery_key
    service.close()  # the app holds the only writer's lock: the crashing one is the app
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_CAPTURE)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEAP_ACTOR": "test", "LEAP_RECOVERY_KEY": recovery_key}
    result = subprocess.run([sys.executable, str(script), str(panel_path), small_panel["meeting"].id], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "captured" in result.stdout
    with PanelService.open(panel_path) as after:
        contributions = after.contributions(item.id)
        assert len(contributions) == before + 1
        assert contributions[-1].text == "Said just before the battery died."
        assert after.get(Contribution, contributions[-1].id).person_id == small_panel["people"]["amira"].id
        assert after.check() == []


def test_with_a_window_wide_undo_ctrl_z_undoes_once(mode, ctx, small_panel, service, qtbot):
    """In the app, Edit > Undo (Ctrl+Z) belongs to the window: the capture fields let
    it through when they have nothing of their own to undo, and it runs once."""
    from PySide6.QtGui import QAction, QKeySequence

    window_undo = QAction("Undo", mode)
    window_undo.setShortcut(QKeySequence.StandardKey.Undo)
    window_undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window_undo.triggered.connect(ctx.undo_stack.undo)
    mode.addAction(window_undo)
    capture(qtbot, "am", "First.")
    capture(qtbot, "ben", "Second.")
    with qtbot.wait_signal(window_undo.triggered):
        press(qtbot, Key.Key_Z, CTRL)
    assert [c.text for c in service.contributions(small_panel["item"].id)][-1] == "First."


@pytest.mark.parametrize("choose_in_list", [False, True], ids=["enter at once", "arrow down then enter"])
def test_the_type_ahead_list_hands_enter_on(mode, small_panel, qtbot, choose_in_list):
    """In the app, while the list of matching names is open it receives the keys."""
    ui = mode.ui
    type_text(qtbot, "am")
    popup = mode.capture.who.completer.popup()
    assert popup.isVisible()
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "Amira Khan, lived experience member"]
    if choose_in_list:
        qtbot.keyClick(popup, Key.Key_Down)
    qtbot.keyClick(popup, Key.Key_Return)
    assert not popup.isVisible()
    assert mode.capture.who.person.id == small_panel["people"]["amira"].id
    assert ui.whoEdit.text() == "Amira Khan"
    assert focused() is ui.textEdit


def test_a_contribution_is_corrected_in_place_and_the_correction_undone(mode, small_panel, service, qtbot):
    ui = mode.ui
    ben = small_panel["said"]["ben"]
    press(qtbot, Key.Key_O, ALT)
    press(qtbot, Key.Key_Down)  # Ben's suggestion
    for _ in range(3):
        press(qtbot, Key.Key_Right)  # to "What was said"
    assert ui.contributionsView.currentIndex().column() == mode.contributions.TEXT
    press(qtbot, Key.Key_F2)
    editor = focused()
    assert editor.accessibleName() == "What was said"
    press(qtbot, Key.Key_End, CTRL)
    type_text(qtbot, " In large print.")
    press(qtbot, Key.Key_Return)
    assert service.get(Contribution, ben.id).text == "Put a one-page summary first. In large print."
    assert ui.captureStatusLabel.text() == "Corrected what was said in C-2. Ctrl+Z undoes it."
    # The kind, from a list.
    press(qtbot, Key.Key_Left)
    press(qtbot, Key.Key_F2)
    assert focused().accessibleName() == "Kind of contribution"
    type_text(qtbot, "q")  # Question
    press(qtbot, Key.Key_Return)  # Qt saves a list's choice a moment later
    qtbot.waitUntil(lambda: service.get(Contribution, ben.id).kind is ContributionKind.QUESTION)
    assert mode.contributions.index(1, mode.contributions.KIND).data() == "Question"
    press(qtbot, Key.Key_Z, CTRL)
    press(qtbot, Key.Key_Z, CTRL)
    corrected = service.get(Contribution, ben.id)
    assert (corrected.text, corrected.kind) == ("Put a one-page summary first.", ContributionKind.SUGGESTION)


def test_delete_takes_a_contribution_out_unless_it_shaped_a_decision(mode, small_panel, service, qtbot):
    ui = mode.ui
    said = small_panel["said"]
    service.record_decision(title="Summary first", item_id=small_panel["item"].id, sources=[said["amira"].id])
    press(qtbot, Key.Key_O, ALT)
    press(qtbot, Key.Key_Home)
    press(qtbot, Key.Key_Delete)
    assert ui.captureProblemLabel.text() == "Not saved: C-1 shaped D-1; remove it from the decision's sources first"
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Delete)
    assert said["ben"].id not in [c.id for c in service.contributions(small_panel["item"].id)]
    assert ui.captureStatusLabel.text() == "Removed C-2. Ctrl+Z puts it back."
    press(qtbot, Key.Key_Z, CTRL)
    assert said["ben"].id in [c.id for c in service.contributions(small_panel["item"].id)]


def test_coming_back_to_meeting_mode_shows_nothing_stale(mode, small_panel, qtbot):
    """Leaving meeting mode and coming back clears the ticks; what was said about them
    must go too ("C-2 ticked as shaping the decision" with nothing ticked)."""
    ui = mode.ui
    press(qtbot, Key.Key_O, ALT)
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Space)
    assert ui.captureStatusLabel.text() == "C-2 ticked as shaping the decision."
    mode.hide()  # Ctrl+Shift+M to the workspace, and back: the window shows the meeting again
    mode.show_record(small_panel["meeting"].id)
    mode.show()
    qtbot.waitExposed(mode)
    assert mode.contributions.ticked() == []
    assert not ui.captureStatusLabel.isVisible() and ui.captureStatusLabel.text() == ""
    assert ui.sourcesLabel.text().startswith("Shaped by: nothing ticked yet.")


def test_the_presenter_is_shown_only_as_their_consent_allows(mode, small_panel, service):
    item, people = small_panel["item"], small_panel["people"]
    service.edit_item(item.id, presenter_id=people["cat"].id)  # role only
    assert mode.ui.itemPositionLabel.text() == "Item 1 of 2 · For decision · presented by Researcher"
    service.edit_item(item.id, presenter_id=people["dev"].id)  # anonymous: not tied to a label on screen
    assert mode.ui.itemPositionLabel.text() == "Item 1 of 2 · For decision"
    service.edit_item(item.id, presenter_id=people["amira"].id)
    assert mode.ui.itemPositionLabel.text() == "Item 1 of 2 · For decision · presented by Amira Khan"


@pytest.mark.parametrize("field", ["who", "owner", "dissent"])
def test_every_name_field_says_when_the_letters_fit_more_than_one_person(field, mode, small_panel, service, qtbot):
    """Who spoke, an action's owner and who disagreed are one picker: the same words
    when the letters typed fit two people, and nothing is saved."""
    ui = mode.ui
    item = small_panel["item"]
    counts = (len(service.contributions(item.id)), len(service.decisions_on_item(item.id)), len(service.actions_on_item(item.id)))
    fits = "“at” fits Researcher (P-3), Anonymous member (P-4): type more of the name."  # as consent allows
    if field == "who":
        ui.whoEdit.setFocus()
        type_text(qtbot, "at")
        press(qtbot, Key.Key_Return)
        assert ui.whoFoundLabel.text() == fits
        assert focused() is ui.whoEdit
    elif field == "owner":
        mode.open_action_form()
        type_text(qtbot, "Send the summary")
        ui.ownerEdit.setFocus()
        type_text(qtbot, "at")
        press(qtbot, Key.Key_Return)
        assert ui.ownerFoundLabel.text() == fits
        press(qtbot, Key.Key_Return, CTRL)
        assert ui.actionProblemLabel.text() == "Not saved: Say who will do it: a few letters of their name in Owner."
    else:
        mode.open_decision_form()
        type_text(qtbot, "Use a summary page")
        ui.dissentEdit.setPlainText("Too short")
        ui.dissentWhoEdit.setFocus()
        type_text(qtbot, "at")
        press(qtbot, Key.Key_Return, CTRL)
        assert ui.decisionProblemLabel.text() == f"Not saved: {fits}"
        assert focused() is ui.dissentWhoEdit
    after = (len(service.contributions(item.id)), len(service.decisions_on_item(item.id)), len(service.actions_on_item(item.id)))
    assert after == counts
