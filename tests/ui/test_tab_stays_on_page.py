"""Tab and Shift+Tab go round the page on screen and never fall into the list of pages
(which used to switch to Panel members and throw the coordinator off the meeting); the
list has its own key, F6 (issue 10, item 7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from .helpers import SHIFT, activate, press

PAGES = ("people", "meetings", "decisions", "actions", "payments", "person", "meeting", "meeting_mode")


def _open(window, demo_service, page_id):
    record = None
    if page_id in ("meeting", "meeting_mode"):
        record = demo_service.meetings()[-2].id
    return window.show_page(page_id, record)


def _walk(window, qtbot, page, presses, modifiers):
    seen = []
    for _ in range(presses):
        press(qtbot, Qt.Key.Key_Tab, modifiers)
        focus = QApplication.focusWidget()
        assert focus is not window.navigation, f"Tab reached the page list from {seen[-1:]}"
        assert page.isAncestorOf(focus), f"Tab left the page for {type(focus).__name__} {focus.objectName()}"
        assert window.current_id == page.PAGE_ID
        seen.append(focus.objectName())
    return seen


@pytest.mark.parametrize("page_id", PAGES)
def test_tab_and_shift_tab_go_round_the_page(window, demo_service, qtbot, page_id):
    activate(window, qtbot)
    page = _open(window, demo_service, page_id)
    tabs = page.findChildren(QTabWidget)
    for index in range(max((t.count() for t in tabs), default=1)):
        for tab_widget in tabs:
            tab_widget.setCurrentIndex(min(index, tab_widget.count() - 1))
        page.focus_first()
        qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget()))
        forwards = _walk(window, qtbot, page, 45, Qt.KeyboardModifier.NoModifier)
        _walk(window, qtbot, page, 45, SHIFT)
        assert len(set(forwards)) >= 3


def test_hours_in_attendance_tab_on_to_the_buttons_and_round(window, demo_service, qtbot):
    activate(window, qtbot)
    page = _open(window, demo_service, "meeting")
    page.ui.tabs.setCurrentWidget(page.ui.attendanceTab)
    page.ui.attendanceView.setFocus()
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # the list has an Alt key
    assert QApplication.focusWidget() is page.ui.attendanceView
    page.ui.hoursSpin.setFocus()
    order = _walk(window, qtbot, page, 6, Qt.KeyboardModifier.NoModifier)
    assert order[0] == "minutesButton" and "attendanceView" in order
    assert window.current_id == "meeting"


def test_the_page_list_never_changes_page_by_getting_the_keyboard(window, demo_service, qtbot):
    activate(window, qtbot)
    _open(window, demo_service, "meeting_mode")
    window.navigation.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: window.navigation.hasFocus())
    qtbot.wait(50)
    assert window.current_id == "meeting_mode"
    press(qtbot, Qt.Key.Key_Down)  # choosing a row still changes page
    assert window.current_id != "meeting_mode"


def test_f6_goes_to_the_page_list_and_back(window, demo_service, qtbot):
    activate(window, qtbot)
    page = _open(window, demo_service, "meeting")
    page.ui.newTitleEdit.setFocus()
    press(qtbot, Qt.Key.Key_F6)
    assert window.navigation.hasFocus()
    assert window.current_id == "meeting"
    press(qtbot, Qt.Key.Key_F6)
    assert page.isAncestorOf(QApplication.focusWidget())
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.navigation.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert page.isAncestorOf(QApplication.focusWidget())
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    entry = next(a for a in view_menu.actions() if a.text() == "Page &list")
    assert [k.toString() for k in entry.shortcuts()] == ["F6", "Ctrl+L"]


def test_tab_reaches_the_status_of_the_chosen_meeting(window, qtbot):
    """Tab from the upcoming list crosses the past list without choosing a past meeting,
    on to the chosen meeting's details and its Change status."""
    activate(window, qtbot)
    page = window.show_page("meetings")
    chosen = page.current_meeting_id()
    page.ui.upcomingView.setFocus()
    order = []
    for _ in range(12):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert "statusCombo" in order and "statusButton" in order
    assert page.current_meeting_id() == chosen
    assert page.editor.meeting.id == chosen
