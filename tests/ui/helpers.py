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


def alt_keys(page) -> list[str]:
    """Every Alt+letter a page or dialog offers now: underlined letters of its visible
    labels, buttons, group boxes and tabs, and its own Alt shortcuts."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget

    def letter(text: str) -> str | None:
        found = re.search(r"&([^&])", text.replace("&&", ""))
        return found.group(1).lower() if found else None

    keys = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            keys.append(letter(widget.text()))
        elif isinstance(widget, QGroupBox):
            keys.append(letter(widget.title()))
        elif isinstance(widget, QTabBar):
            keys.extend(letter(widget.tabText(i)) for i in range(widget.count()))
    for action in page.actions():
        for shortcut in action.shortcuts():
            text = shortcut.toString()
            if text.startswith("Alt+") and len(text) == 5:
                keys.append(text[-1].lower())
    return [k for k in keys if k]
