"""Issue 10, item 18: the names check in the app, by keyboard: reached from the Export
minutes and Circulate minutes dialogs and File > Minutes; each verdict undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from leap_desktop.domain.model import Contribution
from .meeting_helpers import ALT, press
from leap_desktop.views.dialogs.minutes.dialogs import CirculateDialog, ExportMinutesDialog, NamesCheckDialog
from leap_desktop.views.dialogs.minutes.menu import minutes_actions


def make_panel(service):
    amy = service.add_person(display_name="Amy Nolan", roles=["carer"], consent="named")
    dev = service.add_person(display_name="Dev Patel", roles=["lived_experience"], consent="anonymous")
    meeting = service.add_meeting(title="March panel", starts_at="2026-03-05 14:00", status="held")
    item = service.add_item(meeting.id, title="Consent", purpose="discussion")
    said = service.add_contribution(item.id, amy.id, "question", "Will my GP be told? Dev asked too.")
    service.add_person(display_name="Will Hope", roles=["researcher"], consent="role_only")
    return meeting, said, dev


def test_export_dialog_says_how_many_are_unchecked_and_the_check_settles_them_by_keyboard(ctx, service, qtbot):
    meeting, said, dev = make_panel(service)
    export = ExportMinutesDialog(ctx, meeting.id)
    qtbot.addWidget(export)
    export.show()
    export.activateWindow()
    qtbot.waitExposed(export)
    export.path.setFocus()
    qtbot.waitUntil(export.path.hasFocus)
    assert export.ui.namesLabel.text().startswith("2 possible names not checked yet: left out of these minutes")
    press(qtbot, Qt.Key.Key_N, ALT)  # Check names…
    qtbot.waitUntil(lambda: getattr(export, "names_dialog", None) is not None and export.names_dialog.isVisible())
    check = export.names_dialog
    qtbot.waitUntil(check.list.hasFocus)
    assert check.list.count() == 2
    assert check.list.item(0).text() == "1. C-1, what was said: «Will» my GP be told? Dev asked too.  (looks like Will Hope)"
    press(qtbot, Qt.Key.Key_N, ALT)  # Not a name
    qtbot.waitUntil(lambda: check.list.count() == 1)
    assert check.list.count() == 1 and "«Dev»" in check.list.item(0).text()
    assert check.person.currentText().startswith("Dev Patel (P-2, lived experience member, shown as Anonymous member)")
    press(qtbot, Qt.Key.Key_P, ALT)  # It is this person
    qtbot.waitUntil(lambda: check.list.count() == 0)
    assert check.list.count() == 0 and check.summary.text().startswith("Every word that looked like a name")
    assert service.get(Contribution, said.id).text == "Will my GP be told? @[P-2] asked too."
    ctx.undo_stack.undo()
    assert service.get(Contribution, said.id).text == "Will my GP be told? Dev asked too."
    ctx.undo_stack.redo()
    press(qtbot, Qt.Key.Key_C, ALT)  # Close
    qtbot.waitUntil(lambda: export.ui.namesLabel.text() == "No possible names left to check.")
    export.anonymised.setChecked(True)
    assert export.ui.namesLabel.text() == "No possible names left to check."


def test_circulate_dialog_and_file_minutes_reach_the_names_check(ctx, service, qtbot):
    meeting, _, _ = make_panel(service)
    circulate = CirculateDialog(ctx, meeting.id)
    qtbot.addWidget(circulate)
    assert circulate.ui.namesLabel.text().startswith("2 possible names not checked yet")
    assert circulate.ui.namesButton.text() == "Check &names…"
    opened = []
    actions = minutes_actions(ctx, meeting_on_screen=lambda: meeting.id, opened=opened.append)
    next(a for a in actions if a.text() == "C&heck names…").trigger()
    assert isinstance(opened[0], NamesCheckDialog) and opened[0].list.count() == 2
    opened[0].close()
