"""As a screen reader hears it (issue 10, item 8). A Qt-API test that runs everywhere:
moving through the links of a decision's details says each link. The real
accessibility tree (AT-SPI on Linux) is walked in tests/ui/test_atspi_tree.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .helpers import activate, press


def test_tab_through_the_links_of_a_decision_says_each(window, qtbot, monkeypatch):
    said = []
    monkeypatch.setattr("leap_desktop.views.pages.decision_log.tell_screen_reader",
                        lambda widget, text: said.append((widget.objectName(), text)))
    page = window.show_page("decisions")
    activate(window, qtbot)
    page.ui.decisionsTable.setFocus()
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = page.ui.traceView
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    for count in range(1, 4):
        press(qtbot, Qt.Key.Key_Tab, widget=view)
        qtbot.waitUntil(lambda count=count: len([s for s in said if s[0] == "traceView"]) >= min(count, 2))
    links = [text for name, text in said if name == "traceView"]
    assert len(links) >= 2, said
    assert all(text.startswith("Link: ") and len(text) > len("Link: . Enter opens it.") for text in links)
    assert view.textCursor().selectedText().strip() in links[-1]
