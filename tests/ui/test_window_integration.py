"""Where the parallel pieces meet in the main window: minutes from the menus (export,
review, circulate, approve, amend), the decision log and action list exports, the
meetings screens' menus and keys, no key doing two things, and warnings that follow
the text size and the theme."""

from __future__ import annotations

import csv
import io

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from leap_desktop.domain.model import Decision, Meeting, MinutesVersion
from leap_desktop.domain.vocab import DecisionStatus, MeetingStatus, ReviewStatus
from leap_desktop.services import reviews
from leap_desktop.views.dialogs.export import ExportActionsDialog, ExportDecisionsDialog
from leap_desktop.views.dialogs.minutes.dialogs import (
    AmendDialog,
    ApproveDialog,
    CirculateDialog,
    ExportMinutesDialog,
    ImportReviewDialog,
)
from leap_desktop.views.pages import PAGES
from leap_desktop.views.dialogs.shortcuts import ShortcutsDialog
from leap_desktop.views.shell.theme import problem_colour
from leap_desktop.views.partials.widgets import set_combo_data

from .helpers import CTRL, CTRL_SHIFT, activate, press, type_text, wait_closed, wait_dialog
from .meeting_helpers import OFFSCREEN_LIMITS

pytestmark = OFFSCREEN_LIMITS
K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def meeting(window, ref: str) -> Meeting:
    return window.ctx.service.resolve(Meeting, ref)


def minutes_entry(window, text: str) -> QAction:
    return next(a for a in window.minutes_menu.actions() if a.text().replace("&", "") == text)


def document_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    parts.extend(p.text for p in document.sections[0].header.paragraphs)
    return "\n".join(parts)


def fill(qtbot, widget, text: str) -> None:
    """Replace what a field holds by keyboard, as a person would."""
    widget.setFocus()
    press(qtbot, K.Key_A, CTRL, widget)
    type_text(qtbot, text, widget)


# -- minutes from the menus ------------------------------------------------------------------


def test_file_has_a_minutes_menu_and_the_meeting_pages_offer_it(window):
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Minutes" in titles
    assert [a.text().replace("&", "") for a in window.minutes_menu.actions() if not a.isSeparator()] == [
        "Export minutes…", "Export anonymised minutes…", "Import review comments…", "Check names…",
        "Circulate minutes…", "Approve minutes…", "Amend approved minutes…"]
    for page_id in ("meetings", "meeting"):
        window.show_page(page_id)
        assert window.minutes_menu.menuAction() in window.page_menus[page_id].actions()
    workspace = window.page("meeting")
    assert workspace.ui.minutesButton.isVisible() and workspace.ui.minutesButton.menu() is window.minutes_menu


def test_minutes_round_trip_from_the_window_by_keyboard(window, qtbot, tmp_path, monkeypatch):
    """Export a held meeting's minutes from its workspace, take a member's Word comment
    back and accept it, circulate, approve at the next meeting, amend: all from the
    menus, each dialog starting on the meeting on screen."""
    service = window.ctx.service
    m12, m13 = meeting(window, "M-12"), meeting(window, "M-13")
    page = window.show_page("meeting", m12.id)
    activate(window, qtbot)
    assert QApplication.focusWidget() is page.ui.agendaView

    # Export (Ctrl+Shift+E): the dialog is on M-12; Alt+F, a file name, Enter.
    press(qtbot, K.Key_E, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, ExportMinutesDialog)
    assert dialog.meeting_id() == m12.id and not dialog.anonymised.isChecked()
    press(qtbot, K.Key_F, ALT)
    assert QApplication.focusWidget() is dialog.path
    fill(qtbot, dialog.path, str(tmp_path / "m12.docx"))
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    assert QApplication.focusWidget() is page.ui.agendaView  # the keyboard is back where it was
    assert window.statusBar().currentMessage() == f"Saved the minutes of M-12 (version 1) to {tmp_path / 'm12.docx'}"
    text = document_text(tmp_path / "m12.docx")
    assert m12.title in text and "DRAFT" in text and "Decision D-15" in text

    # A member comments in Word on the decision, and sends the file back.
    returned = docx.Document(str(tmp_path / "m12.docx"))
    heading = next(p for p in returned.paragraphs if p.text.startswith("Decision D-15"))
    returned.add_comment(heading.runs, text="Say that carers are in the workshop too.", author="Carys Evans")
    returned.save(str(tmp_path / "m12-carys.docx"))

    # Import review comments (Ctrl+Shift+I): Alt+I chooses the file; accept by keyboard.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "m12-carys.docx"), ""))
    press(qtbot, K.Key_I, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, ImportReviewDialog)
    assert dialog.meeting_id() == m12.id
    press(qtbot, K.Key_I, ALT)  # a button's Alt key clicks it, after a short flash
    qtbot.waitUntil(lambda: dialog.summary.text() == "Minutes of M-12: 1 new comment.")
    assert QApplication.focusWidget() is dialog.table
    assert dialog.comments.item(0, 2).text().startswith("Carys Evans")
    assert dialog.comments.item(0, 3).text().startswith("decision D-15")
    assert dialog.chosen.text().endswith(":\nSay that carers are in the workshop too.")  # in full, to read
    press(qtbot, K.Key_A, ALT)
    assert QApplication.focusWidget() is dialog.field
    while dialog.field.currentData() != "summary":
        press(qtbot, K.Key_Down)
    fill(qtbot, dialog.text, "Members and carers will help write the safeguarding protocol.")
    press(qtbot, K.Key_C, ALT)
    qtbot.waitUntil(lambda: dialog.comments.item(0, 1).text() == "Accepted")
    d15 = service.resolve(Decision, "D-15")
    assert d15.summary == "Members and carers will help write the safeguarding protocol."
    assert [r.status for r in reviews.reviews(service, m12.id)] == [ReviewStatus.ACCEPTED]
    assert dialog.comments.item(0, 1).text() == "Accepted" and QApplication.focusWidget() is dialog.table
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)

    # Circulate, then approve at M-13, then amend: File > Minutes, Enter in each.
    minutes_entry(window, "Circulate minutes…").trigger()
    dialog = wait_dialog(window, qtbot, CirculateDialog)
    assert dialog.meeting_id() == m12.id
    fill(qtbot, dialog.to, "all members; large print to Amira")
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    assert service.get(Meeting, m12.id).status is MeetingStatus.MINUTES_CIRCULATED
    assert "circulated on 2026-06-15 to all members; large print to Amira" in window.statusBar().currentMessage()
    assert page.ui.statusLabel.text().startswith("Status: Minutes circulated")  # the page follows

    minutes_entry(window, "Approve minutes…").trigger()
    dialog = wait_dialog(window, qtbot, ApproveDialog)
    # M-13 is still to come: no meeting can approve M-12's minutes yet, and it says so.
    assert dialog.meeting_id() == m12.id and dialog.at.count() == 0
    press(qtbot, K.Key_Return)
    assert dialog.error.text() == ("Not done: No meeting after M-12 has been held yet; minutes are approved at a "
                                   "later meeting that has taken place")
    assert service.get(Meeting, m12.id).status is MeetingStatus.MINUTES_CIRCULATED
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)
    service.edit_meeting(m13.id, starts_at="2026-06-11 14:00", status="held")  # brought forward, and held

    minutes_entry(window, "Approve minutes…").trigger()
    dialog = wait_dialog(window, qtbot, ApproveDialog)
    assert (dialog.meeting_id(), dialog.at.currentData()) == (m12.id, m13.id)
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    assert service.get(Meeting, m12.id).status is MeetingStatus.MINUTES_APPROVED
    assert [d.title for d in service.decisions(m13.id)] == ["Approve the minutes of M-12 (Panel meeting, June 2026)"]

    minutes_entry(window, "Amend approved minutes…").trigger()
    dialog = wait_dialog(window, qtbot, AmendDialog)
    assert dialog.meeting_id() == m12.id and QApplication.focusWidget() is dialog.reason
    press(qtbot, K.Key_Return, CTRL)  # without a reason: refused, in words, nothing changed
    assert dialog.error.text() == "Not done: Say why the approved minutes are being amended"
    assert service.get(Meeting, m12.id).status is MeetingStatus.MINUTES_APPROVED
    type_text(qtbot, "The safeguarding lead's name was wrong.")
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    versions = service.store.select(MinutesVersion, "meeting_id = ?", [m12.id], order_by="version")
    assert [(v.version, v.status.value) for v in versions] == [(1, "amended"), (2, "draft")]

    # The next export says so.
    press(qtbot, K.Key_E, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, ExportMinutesDialog)
    fill(qtbot, dialog.path, str(tmp_path / "m12-v2.docx"))
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    text = document_text(tmp_path / "m12-v2.docx")
    assert "The safeguarding lead's name was wrong." in text and "Members and carers will help" in text


def test_the_anonymised_export_from_the_menu_has_no_names(window, qtbot, tmp_path):
    window.show_page("meeting", meeting(window, "M-12").id)
    activate(window, qtbot)
    minutes_entry(window, "Export anonymised minutes…").trigger()
    dialog = wait_dialog(window, qtbot, ExportMinutesDialog)
    assert dialog.anonymised.isChecked() and dialog.path.text().endswith("minutes-M-12-anonymised.docx")
    fill(qtbot, dialog.path, str(tmp_path / "anon.docx"))
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    text = document_text(tmp_path / "anon.docx")
    assert "Anonymised edition" in text
    for person in window.ctx.service.people():
        assert person.display_name not in text


def test_a_meeting_without_minutes_on_screen_is_explained_not_swapped(window, qtbot):
    page = window.show_page("meetings")
    page.select_meeting(meeting(window, "M-13").id)
    activate(window, qtbot)
    press(qtbot, K.Key_E, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, ExportMinutesDialog)
    assert dialog.note.isVisible()
    assert dialog.note.text() == ("M-13 has no minutes yet: it is planned. Minutes start once a meeting is held. "
                                  "Choose another meeting.")
    assert dialog.meeting_id() == meeting(window, "M-12").id  # the latest with minutes, shown, not hidden
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)


# -- the decision log and the action list, as their pages show them ----------------------------


def test_the_decision_log_exports_what_it_shows(window, qtbot, tmp_path):
    page = window.show_page("decisions")
    set_combo_data(page.ui.statusCombo, "agreed")
    flt = page.current_filter()
    expected = window.ctx.service.count_decisions(flt)
    assert 0 < expected < window.ctx.service.count_decisions()
    activate(window, qtbot)
    entries = {a.text().replace("&", ""): a for a in window.page_menus["decisions"].actions()}
    entries["Export the decision log…"].trigger()
    dialog = wait_dialog(window, qtbot, ExportDecisionsDialog)
    assert dialog.what.text().startswith(f"Writes the {expected} decisions the decision log shows now: status agreed.")
    assert QApplication.focusWidget() is dialog.format
    press(qtbot, K.Key_Down)  # CSV
    assert dialog.path.text().endswith("decision-log.csv")
    fill(qtbot, dialog.path, str(tmp_path / "agreed.csv"))
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "agreed.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == expected and {r["Status"] for r in rows} == {DecisionStatus.AGREED.label}
    assert window.statusBar().currentMessage() == f"Wrote {expected} decisions to {tmp_path / 'agreed.csv'}"

    # The same as Word, anonymised: the filters are said at the top, no names anywhere.
    entries["Export the decision log…"].trigger()
    dialog = wait_dialog(window, qtbot, ExportDecisionsDialog)
    assert dialog.path.text() == str(tmp_path / "decision-log.docx")  # the folder used last
    dialog.anonymised.setChecked(True)
    fill(qtbot, dialog.path, str(tmp_path / "agreed.docx"))
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    text = document_text(tmp_path / "agreed.docx")
    assert "Showing: decisions status agreed" in text
    assert not any(p.display_name in text for p in window.ctx.service.people())


def test_the_action_list_exports_what_it_shows(window, qtbot, tmp_path):
    page = window.show_page("actions")
    set_combo_data(page.ui.showCombo, "done")
    shown = page.model.rowCount()
    assert shown > 0
    activate(window, qtbot)
    entries = {a.text().replace("&", ""): a for a in window.page_menus["actions"].actions()}
    entries["Export the action list…"].trigger()
    dialog = wait_dialog(window, qtbot, ExportActionsDialog)
    assert dialog.what.text().startswith(f"Writes the {shown} actions the action list shows now: done.")
    fill(qtbot, dialog.path, str(tmp_path / "no-folder" / "done.csv"))
    press(qtbot, K.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == f"Not exported: The folder {tmp_path / 'no-folder'} does not exist"
    assert QApplication.focusWidget() is dialog.path
    fill(qtbot, dialog.path, str(tmp_path / "done.csv"))
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "done.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == shown and {r["Status"] for r in rows} == {"Done"}


# -- the meetings screens in the menus ----------------------------------------------------------


def menu_rows(menu: QMenu) -> list[tuple[str, str]]:
    rows = []
    for action in menu.actions():
        if action.menu() is not None and action.menu() is not None and action.isVisible():
            rows.extend(menu_rows(action.menu()))
        elif not action.isSeparator():
            rows.append((action.text().replace("&", ""), action.shortcut().toString()))
    return rows


def visible_menus(window) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions() if a.isVisible()]


@pytest.mark.parametrize("page_id, title, expected", [
    ("meetings", "Meetings", [("New meeting", "Ctrl+Shift+N"), ("Start meeting mode", "Ctrl+Shift+M")]),
    ("meeting", "Meeting workspace", [("Start meeting mode", "Ctrl+Shift+M"), ("Move item up", "Ctrl+Up"),
                                      ("Move item down", "Ctrl+Down"), ("Remove agenda item", "Del")]),
    ("meeting_mode", "Meeting mode", [("Next item", "Ctrl+PgDown"), ("Previous item", "Ctrl+PgUp"),
                                      ("Record a decision", "Alt+D"), ("Add an action", "Alt+A"),
                                      ("Kind: Concern", "Alt+3"), ("Leave meeting mode", "Ctrl+Shift+M")]),
])
def test_each_meetings_screen_has_its_menu_with_its_keys(window, demo_service, page_id, title, expected):
    window.show_page(page_id, demo_service.meetings()[-2].id if page_id != "meetings" else None)
    assert visible_menus(window) == ["File", "Edit", "View", title, "Help"]
    rows = menu_rows(window.page_menus[page_id])
    for row in expected:
        assert row in rows


def test_a_meetings_menu_entry_does_what_its_key_does(window, demo_service, qtbot):
    mode = window.show_page("meeting_mode", demo_service.meetings()[-2].id)
    first = mode.item
    entries = {a.text().replace("&", ""): a for a in window.page_menus["meeting_mode"].actions()}
    assert not entries["Previous item"].isEnabled()  # the page's own state shows in the menu
    entries["Next item"].trigger()
    assert mode.item.position == first.position + 1
    assert entries["Previous item"].isEnabled()


def test_page_keys_work_from_the_page_list_and_only_on_their_page(window, qtbot):
    page = window.show_page("meetings")
    activate(window, qtbot)
    window.navigation.setFocus()
    press(qtbot, K.Key_N, CTRL_SHIFT)  # New meeting, with the keyboard in the list of pages
    assert page.editor.meeting is None and page.editor.ui.titleEdit.hasFocus()
    people = window.show_page("people")
    activate(window, qtbot)
    press(qtbot, K.Key_N, CTRL_SHIFT)  # on Panel members the same keys add a member
    from leap_desktop.views.dialogs.person import PersonDialog

    dialog = wait_dialog(window, qtbot, PersonDialog)
    assert people.dialog is dialog
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)


def live_keys(window, page) -> list[tuple[str, str]]:
    """(key, command) for every key that can act while ``page`` is on screen: the
    window's own commands (menus other than the pages'), and the page's actions. A menu
    entry standing for a page action (shown, never answering) is left out."""
    found = []
    page_menus = set(window.page_menus.values())

    def walk(menu):
        for action in menu.actions():
            if action.menu() is not None:
                if action.menu() not in page_menus:
                    walk(action.menu())
            elif not action.isSeparator():
                found.extend((k.toString(), action.text()) for k in action.shortcuts())

    for action in window.menuBar().actions():
        if action.menu() is not None and action.menu() not in page_menus:
            walk(action.menu())
    for action in page.findChildren(QAction):
        objects = action.associatedObjects()
        if objects and all(isinstance(o, QMenu) for o in objects):
            continue  # a menu entry: shows the key, never answers it
        found.extend((k.toString(), action.text()) for k in action.shortcuts())
    return found


@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.PAGE_ID)
def test_no_key_does_two_things(window, demo_service, page_class):
    """A key bound twice where both could answer is ambiguous: Qt then does neither."""
    record = demo_service.meetings()[-2].id if page_class.PAGE_ID in ("meeting", "meeting_mode") else None
    page = window.show_page(page_class.PAGE_ID, record)
    keys = live_keys(window, page)
    assert len(keys) > 15
    doubled = sorted({k for k, _ in keys if [x for x, _ in keys].count(k) > 1})
    assert doubled == [], [(k, c) for k, c in keys if k in doubled]


def test_help_lists_the_meetings_keys(window, qtbot):
    activate(window, qtbot)
    press(qtbot, K.Key_F1)
    dialog = wait_dialog(window, qtbot, ShortcutsDialog)
    text = dialog.ui.shortcutsText.toPlainText()
    for expected in ("Meeting mode (on its page)", "Ctrl+PgDown", "Ctrl+Right", "Alt+1", "Alt+7", "Ctrl+Up",
                     "Alt+Shift+Up", "Ctrl+Shift+M", "Meetings", "Alt+W, then Enter", "Alt+A, Alt+C, Alt+I",
                     "Export minutes", "Ctrl+Shift+E", "Import review comments", "Ctrl+Shift+I"):
        assert expected in text, expected
    assert text.count("Export minutes") == 1  # the Minutes menu is in three menus, listed once
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)


# -- text size and theme reach the meetings screens' warnings ------------------------------------


def test_meeting_warnings_follow_text_size_and_high_contrast(window, appearance, qtbot):
    service = window.ctx.service
    m13 = meeting(window, "M-13")
    service.add_item(m13.id, title="A long discussion", allotted_minutes=200)
    workspace = window.show_page("meeting", m13.id)
    label = workspace.ui.timingLabel
    assert label.text().startswith("⚠ Over time") and label.font().bold()
    normal = label.font().pointSizeF()
    appearance.set_scale(2.0)
    QApplication.processEvents()
    assert label.font().pointSizeF() == pytest.approx(normal * 2, abs=0.2)
    assert label.font().bold()
    appearance.set_high_contrast(True)
    QApplication.processEvents()
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == "#ffff00"
    assert problem_colour(label).name() == "#ffff00"

    mode = window.show_page("meeting_mode", m13.id)
    activate(window, qtbot)
    mode.ui.textEdit.setFocus()
    type_text(qtbot, "Said by no one")
    press(qtbot, K.Key_Return)  # no speaker: refused, beside the field
    problem = mode.ui.captureProblemLabel
    assert problem.text().startswith("Not saved: Say who said it")
    assert problem.font().bold() and problem.font().pointSizeF() == pytest.approx(normal * 2, abs=0.2)
    assert problem.palette().color(QPalette.ColorRole.WindowText).name() == "#ffff00"
    appearance.set_high_contrast(False)
    appearance.reset()
    QApplication.processEvents()
    assert problem.palette().color(QPalette.ColorRole.WindowText).name() != "#ffff00"
    assert problem.font().pointSizeF() == pytest.approx(normal, abs=0.2)


# -- the day's backup, after the window is up ----------------------------------------------------


def close_launcher(launcher) -> None:
    for window in (launcher.window, launcher.start_screen):
        if window is not None:
            window.close()


@pytest.fixture
def fresh_panel(tmp_path):
    """A panel file not opened yet today (so its daily backup is due)."""
    from leap_desktop.services import PanelService

    path = tmp_path / "fresh.leap"
    with PanelService.open(path, create=True, backups=False) as svc:
        svc.set_panel(name="Fresh panel")
        svc.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    return path


def test_the_days_backup_is_made_after_the_window_is_shown(fresh_panel, settings, appearance, qtbot):
    from leap_desktop.store import backup
    from leap_desktop.views.shell.app import Launcher

    launcher = Launcher(settings, appearance)
    try:
        assert launcher.open_path(fresh_panel)
        window = launcher.window
        store = window.ctx.service.store
        assert window.isVisible() and store.daily_backup_due  # the window did not wait for it
        assert backup.automatic_backups(fresh_panel, store.conn) == []
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Made today's automatic backup of fresh.leap",
                        timeout=10_000)
        made = backup.automatic_backups(fresh_panel, store.conn)
        assert len(made) == 1 and "-daily" in made[0].name
        assert backup.check_file(made[0], store.security.key).ok
    finally:
        close_launcher(launcher)


def test_a_days_backup_that_fails_is_said_in_the_status_bar(fresh_panel, settings, appearance, qtbot, monkeypatch):
    from leap_desktop.store import backup
    from leap_desktop.views.shell.app import Launcher

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "copy_into", disk_full)
    launcher = Launcher(settings, appearance)
    try:
        assert launcher.open_path(fresh_panel)
        window = launcher.window
        qtbot.waitUntil(lambda: window.problem_label.isVisible(), timeout=10_000)
        assert window.problem_label.text().startswith("Problem: Today's automatic backup could not be made: The disk holding")
        assert window.problem_label.text().endswith("is full: nothing was saved. Free some space and try again")
        assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == "problemMessage"]
        window.ctx.service.add_person(display_name="Ben Okafor", roles=["carer"], consent="named")  # the panel works on
    finally:
        close_launcher(launcher)


def test_large_text_stacks_meeting_mode_and_the_focus_stays_in_view(window, appearance, demo_service, qtbot):
    """With large text the contributions and the decision form go one above the other
    (nothing squeezed), the page scrolls, and wherever the keyboard goes is shown."""
    window.resize(1280, 800)
    m12 = demo_service.resolve(Meeting, "M-12")
    mode = window.show_page("meeting_mode", m12.id)
    activate(window, qtbot)
    QApplication.processEvents()
    assert mode.ui.splitter.orientation() == Qt.Orientation.Horizontal
    appearance.set_scale(2.0)
    QApplication.processEvents()
    assert mode.ui.splitter.orientation() == Qt.Orientation.Vertical
    text = mode.ui.contributionsView.columnWidth(3)
    assert text >= 24 * mode.ui.contributionsView.fontMetrics().averageCharWidth()  # what was said stays readable
    scroller = mode.ui.bodyScroller  # under the header, which stays in view (issue 10)
    qtbot.waitUntil(lambda: scroller.verticalScrollBar().maximum() > 0)  # the page scrolls instead
    press(qtbot, K.Key_D, ALT)  # Record a decision: far down the page
    title = mode.ui.decisionTitleEdit
    assert title.hasFocus()

    def shown() -> bool:
        top = title.mapTo(scroller.viewport(), title.rect().topLeft()).y()
        return 0 <= top and top + title.height() <= scroller.viewport().height()

    qtbot.waitUntil(shown)
    appearance.reset()
    QApplication.processEvents()
    assert mode.ui.splitter.orientation() == Qt.Orientation.Horizontal


def test_meeting_mode_alt_keys_work_in_the_window(window, demo_service, qtbot):
    """The menu bar answers the Alt key of a hidden menu too: a page's Alt+D or Alt+A
    must not meet the hidden Decisions or Actions menu (Qt would then do neither)."""
    mode = window.show_page("meeting_mode", demo_service.resolve(Meeting, "M-12").id)
    activate(window, qtbot)
    hidden = [a.text() for a in window.menuBar().actions() if not a.isVisible()]
    assert hidden and not any("&" in text for text in hidden)
    press(qtbot, K.Key_D, ALT)
    assert QApplication.focusWidget() is mode.ui.decisionTitleEdit
    press(qtbot, K.Key_A, ALT)
    assert QApplication.focusWidget() is mode.ui.actionTitleEdit
    press(qtbot, K.Key_I, ALT)
    assert QApplication.focusWidget() is mode.ui.agendaView
    window.show_page("decisions")
    assert window.page_menus["decisions"].title() == "&Decisions"  # its own Alt key is back


def test_meeting_mode_on_a_meeting_held_before_runs_no_clocks(window, demo_service, qtbot):
    m12 = demo_service.resolve(Meeting, "M-12")  # held, minutes in draft: someone adds from notes
    mode = window.show_page("meeting_mode", m12.id)
    assert mode.ui.meetingClockLabel.text() == "Held on Thu 4 Jun 2026"
    assert mode.ui.timerLabel.text() == f"{mode.item.allotted_minutes} minutes allotted"
    assert not mode.restart_action.isEnabled()
    m13 = demo_service.resolve(Meeting, "M-13")  # planned: the clocks run
    mode = window.show_page("meeting_mode", m13.id)
    assert mode.ui.meetingClockLabel.text().startswith("Meeting: 0 of 120 minutes")
    assert mode.ui.timerLabel.text().startswith("0 of ") and mode.restart_action.isEnabled()


def test_meeting_mode_shows_every_word_of_who_said_what_in_the_default_window(window, demo_service, qtbot):
    """In the 1200x780 window, the contributions list keeps "What was said" readable
    without scrolling sideways, and who said it and its kind are never cut off: they
    wrap onto a second line when the pane is narrow."""
    from PySide6.QtCore import QRect

    from leap_desktop.domain.model import AgendaItem
    from leap_desktop.models.contributions import ContributionsModel as C

    people = {p.id: p for p in demo_service.people()}

    def wordy(item):  # an item with long kinds and labels to show ("Lived-experience insight", "Anonymous member")
        said = demo_service.contributions(item.id)
        long_words = {c.kind.value == "insight" or people[c.person_id].consent.value == "anonymous" for c in said}
        return len(long_words - {False}), len(said)

    items = [i for m in demo_service.meetings() for i in demo_service.agenda(m.id)]
    item = max(items, key=wordy)
    for visit in range(2):  # the first time meeting mode is shown, and coming back to it
        page = window.show_page("meeting_mode", item.id)
        QApplication.processEvents()
        view = page.ui.contributionsView
        model = view.model()
        assert model.rowCount() >= 3
        widths = [view.columnWidth(c) for c in range(model.columnCount())]
        assert view.horizontalScrollBar().maximum() == 0, ("the list scrolls sideways", widths, view.viewport().width())
        chars = view.fontMetrics().averageCharWidth()
        assert view.columnWidth(C.TEXT) >= 24 * chars
        metrics = view.fontMetrics()
        for row in range(model.rowCount()):
            height = view.rowHeight(row)
            for column in (C.TIME, C.WHO, C.KIND):
                text = model.index(row, column).data()
                width = view.columnWidth(column) - 12  # the cell's margins
                assert all(metrics.horizontalAdvance(word) <= width for word in text.split()), (text, width)
                needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
                assert needed <= height, (text, width, height)
        window.show_page("meeting", item.meeting_id)
        QApplication.processEvents()
    assert isinstance(demo_service.get(AgendaItem, item.id), AgendaItem)


def test_closing_the_window_while_typing_an_items_notes_saves_them(window, demo_path, qtbot):
    """The window closed with the keyboard in an agenda item's Notes (which save when
    left) crashed the app as Qt took the page down; the notes are saved first."""
    from leap_desktop.domain.model import AgendaItem
    from leap_desktop.services import PanelService

    page = window.show_page("meeting", meeting(window, "M-13").id)
    activate(window, qtbot)
    item_id = page.builder.current_item().id
    press(qtbot, K.Key_O, ALT)
    assert page.ui.itemNotesEdit.hasFocus()
    press(qtbot, K.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Bring the draft.")
    window.close()
    with PanelService.open(demo_path) as service:
        assert service.get(AgendaItem, item_id).notes.endswith("Bring the draft.")
