"""Making a menu command: text, slot, shortcut(s) and the status-bar tip in one call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def add_action(owner: QObject, menu: QMenu, text: str, slot: Callable[[], object], shortcut=None,
               tip: str = "") -> QAction:
    """A command in ``menu``; ``shortcut`` is one key sequence or a list of them."""
    action = QAction(text, owner)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def with_key(title: str, taken: set[str]) -> str:
    """``title`` with an Alt letter not in ``taken`` (a word's first letter if it can),
    which is then taken."""
    words = [i for i, ch in enumerate(title) if ch.isalpha() and (i == 0 or title[i - 1] == " ")]
    for i in words + [i for i, ch in enumerate(title) if ch.isalpha() and i not in words]:
        if title[i].lower() not in taken:
            taken.add(title[i].lower())
            return f"{title[:i]}&{title[i:]}"
    return title
