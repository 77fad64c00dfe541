"""File > Minutes: the commands that open the minutes dialogs (views/dialogs/minutes/dialogs.py).

The menu is made with the window; the dialogs' module (and what it needs) is imported
the first time one of them is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

if TYPE_CHECKING:
    from ....models.context import AppContext

#: (menu text, shortcut, the dialog's class in views/dialogs/minutes/dialogs.py, its options, tip).
#: Circulating, approving and amending happen once a month at most: no shortcut, so no
#: page's keys are taken.
ENTRIES: tuple[tuple[str, str | None, str, dict, str] | None, ...] = (
    ("&Export minutes…", "Ctrl+Shift+E", "ExportMinutesDialog", {}, "Write a meeting's minutes as a Word document"),
    ("Export a&nonymised minutes…", None, "ExportMinutesDialog", {"anonymised": True},
     "Minutes for publication: people by role only, no names or initials"),
    ("&Import review comments…", "Ctrl+Shift+I", "ImportReviewDialog", {},
     "Read members' comments from returned minutes, then accept or answer each"),
    ("C&heck names…", None, "NamesCheckDialog", {},
     "Go through the words in a meeting's minutes that may be a member's name"),
    None,
    ("&Circulate minutes…", None, "CirculateDialog", {}, "Record that the draft minutes were sent to the panel"),
    ("A&pprove minutes…", None, "ApproveDialog", {},
     "Record that a later meeting approved the minutes (they are then locked)"),
    ("A&mend approved minutes…", None, "AmendDialog", {},
     "Start a new version of approved minutes; the approved one is kept"),
)


def minutes_actions(ctx: "AppContext", parent: QWidget | None = None,
                    meeting_on_screen: Callable[[], str | None] | None = None,
                    opened: Callable[[QDialog], object] | None = None) -> list[QAction]:
    """The Minutes commands, for File > Minutes: each opens its dialog on the meeting
    ``meeting_on_screen()`` names (else the latest that fits) over ``parent``, without
    stopping the app (window-modal). ``opened(dialog)`` is told of each dialog."""
    actions = []
    for entry in ENTRIES:
        if entry is None:
            separator = QAction(parent)
            separator.setSeparator(True)
            actions.append(separator)
            continue
        text, shortcut, name, options, tip = entry

        def open_dialog(_checked=False, name=name, options=options) -> None:
            from . import dialogs as minutes_dialogs

            meeting_id = meeting_on_screen() if meeting_on_screen is not None else None
            dialog = getattr(minutes_dialogs, name)(ctx, meeting_id, parent, **options)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            if opened is not None:
                opened(dialog)
            dialog.open()

        action = QAction(text, parent)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(open_dialog)
        actions.append(action)
    return actions


def minutes_menu(actions: list[QAction], parent: QWidget | None = None) -> QMenu:
    menu = QMenu("&Minutes", parent)
    menu.addActions(actions)
    return menu
