"""Driving the meetings screens by keyboard, as a person would: keys go to whatever
has focus, never straight to a widget the test picked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def show(qtbot, page: QWidget, size=(1280, 800)) -> QWidget:
    """Show a page in its own active window, as the app would."""
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def type_text(qtbot, text: str) -> None:
    """Type into whatever has focus (the focus may move as we go)."""
    for ch in text:
        qtbot.keyClick(focused(), ch)


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


#: The offscreen platform (used for tests) cannot pass a window's size limits on, raise
#: a pop-up or grab the keyboard for it, and says so each time; that says nothing about
#: our code, so only those notices are let through.
OFFSCREEN_LIMITS = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
