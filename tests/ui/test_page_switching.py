"""Switching pages by keyboard never activates a page that is not on screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.model import Decision

from .helpers import CTRL, CTRL_SHIFT, activate, press, type_text


def test_meeting_mode_from_the_workspace_keeps_its_own_keys(window, qtbot, demo_ctx):
    """Reaching meeting mode by keyboard (Meetings, Enter, Ctrl+Shift+M) must not leave
    the Panel members page active behind it: its Ctrl+Enter (open their page) used to
    take the key meant for Record decision, and threw the note-taker out of the meeting."""
    activate(window, qtbot)
    press(qtbot, Qt.Key.Key_2, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_id == "meeting")
    press(qtbot, Qt.Key.Key_M, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.current_id == "meeting_mode")
    qtbot.wait(100)
    assert window.current_id == "meeting_mode"
    assert [pid for pid, page in window.pages.items() if page.active] == ["meeting_mode"]

    page = window.pages["meeting_mode"]
    page.ui.decisionTitleEdit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.ui.decisionTitleEdit)
    before = len(demo_ctx.service.store.select(Decision))
    type_text(qtbot, "Keep the welcome short")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(demo_ctx.service.store.select(Decision)) == before + 1)
    assert window.current_id == "meeting_mode"
