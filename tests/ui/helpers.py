"""Driving the window as a person would: keys to the focused widget, waiting for dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = CTRL | SHIFT
NONE = Qt.KeyboardModifier.NoModifier


def activate(window, qtbot):
    """Give the window the keyboard (a desktop's window manager does this on its own)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def press(qtbot, key, modifiers=NONE, widget=None):
    """Press a key where the keyboard focus is (or on ``widget``)."""
    target = widget or QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, key, modifiers)


def type_text(qtbot, text, widget=None):
    qtbot.keyClicks(widget or QApplication.focusWidget(), text)


def visible_dialogs(window, cls):
    return [d for d in window.findChildren(cls) if d.isVisible()]


def wait_dialog(window, qtbot, cls):
    """The one dialog of ``cls`` that has just opened, once it has the keyboard."""
    qtbot.waitUntil(lambda: len(visible_dialogs(window, cls)) == 1)
    dialog = visible_dialogs(window, cls)[0]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def wait_closed(window, dialog, qtbot):
    qtbot.waitUntil(lambda: not dialog.isVisible())
    activate(window, qtbot)


def column(model, col):
    return [model.index(r, col).data() for r in range(model.rowCount())]
