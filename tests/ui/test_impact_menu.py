"""The Impact log has its page menu like every other page, and its keys are in Help >
Keyboard shortcuts (F1): it had neither, so its commands were only buttons and a
person could not learn its keys from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from leap_desktop.views.dialogs.impact import DraftImpactDialog, ImpactEntryDialog, ImpactVoiceDialog
from leap_desktop.views.dialogs.impact_delete import DeleteImpactDialog
from leap_desktop.views.dialogs.research_stages import ResearchStagesDialog
from leap_desktop.views.dialogs.shortcuts import ShortcutsDialog

from .helpers import CTRL_SHIFT, activate, press, wait_closed, wait_dialog
from .test_window_integration import menu_rows, visible_menus

K = Qt.Key
#: (command, keys) as the menu and the F1 list show them
COMMANDS = [("New entry…", "Ctrl+Shift+N"), ("Edit entry…", "F2"), ("Draft from a decision…", "Ctrl+Shift+D"),
            ("Add a view…", "Ctrl+Shift+V"), ("Mark uptake…", "Ctrl+Shift+U"), ("Delete…", "Del"),
            ("Research stages…", "")]


def test_the_impact_log_has_its_menu_while_it_is_on_screen(window):
    window.show_page("impact")
    assert visible_menus(window) == ["File", "Edit", "View", "Impact log", "Help"]
    assert menu_rows(window.page_menus["impact"]) == COMMANDS
    window.show_page("people")
    assert "Impact log" not in visible_menus(window)


def test_f1_lists_the_impact_logs_keys_from_another_page(window, qtbot):
    window.show_page("meetings")
    activate(window, qtbot)
    press(qtbot, K.Key_F1)
    dialog = wait_dialog(window, qtbot, ShortcutsDialog)
    text = dialog.ui.shortcutsText.toPlainText()
    assert "Impact log (on its page)" in text
    lines = []
    for line in text.split("Impact log (on its page)", 1)[1].splitlines():
        if line.strip() == "Help" or line.endswith("(on its page)"):
            break  # the next menu's heading
        if line.strip():
            lines.append(line.strip())
    rows = list(zip(lines[0::2], lines[1::2]))  # (keys, command), a row of the table each
    assert rows == [(keys, command.rstrip("…")) for command, keys in COMMANDS if keys] + [
        ("Enter (on an entry)", "Edit the entry")]
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)


def opens(window, qtbot, key, modifiers, cls, title: str | None = None):
    press(qtbot, key, modifiers)
    dialog = wait_dialog(window, qtbot, cls)
    if title is not None:
        assert dialog.windowTitle() == title
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)


def test_each_key_and_menu_entry_does_what_it_says(window, qtbot):
    page = window.show_page("impact")
    activate(window, qtbot)
    table = page.ui.impactTable
    table.setFocus()
    first = page.current().ref
    none = Qt.KeyboardModifier.NoModifier
    opens(window, qtbot, K.Key_N, CTRL_SHIFT, ImpactEntryDialog, "Add an impact log entry")
    opens(window, qtbot, K.Key_F2, none, ImpactEntryDialog, f"Edit {first}")
    opens(window, qtbot, K.Key_Return, none, ImpactEntryDialog, f"Edit {first}")  # Enter on an entry
    opens(window, qtbot, K.Key_D, CTRL_SHIFT, DraftImpactDialog)
    opens(window, qtbot, K.Key_V, CTRL_SHIFT, ImpactVoiceDialog, f"Add a view to {first}")
    opens(window, qtbot, K.Key_Delete, none, DeleteImpactDialog, f"Delete from {first}")
    # Delete deletes only from the list: in a filter it does nothing.
    page.ui.standardCombo.setFocus()
    press(qtbot, K.Key_Delete)
    qtbot.wait(50)
    assert not [d for d in window.findChildren(DeleteImpactDialog) if d.isVisible()]
    # The menu's entries do the same as the keys and the buttons.
    entries = {a.text().replace("&", ""): a for a in window.page_menus["impact"].actions()}
    entries["Research stages…"].trigger()
    dialog = wait_dialog(window, qtbot, ResearchStagesDialog)
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)
