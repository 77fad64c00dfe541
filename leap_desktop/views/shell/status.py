"""The main window's status bar: a passing message, or a problem that stays."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar

from ..partials.feedback import tell, tell_screen_reader as announce
from .theme import icon

MESSAGE_MS = 10_000


class StatusLine:
    """Made on ``window``'s status bar; says messages and problems (also to screen readers)."""

    def __init__(self, window: QMainWindow):
        self.window = window
        bar = QStatusBar(window)
        bar.setObjectName("statusBar")
        bar.setAccessibleName("Status")
        self.problem_icon = QLabel(bar)
        self.problem_icon.setPixmap(icon("problem").pixmap(QSize(16, 16)))
        self.problem_icon.setAccessibleName("Problem")
        self.problem_label = QLabel(bar)
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(False)
        bold = QFont()
        bold.setBold(True)  # only the weight: the size follows Text size
        self.problem_label.setFont(bold)
        bar.addWidget(self.problem_icon)
        bar.addWidget(self.problem_label, 1)
        self.problem_icon.hide()
        self.problem_label.hide()
        window.setStatusBar(bar)
        self.bar = bar

    def show_message(self, text: str) -> None:
        self.problem_icon.hide()
        self.problem_label.hide()
        self.bar.showMessage(text, MESSAGE_MS)
        announce(self.bar, text)

    def show_problem(self, text: str, *, dialog: bool = True, lead: str = "Not done") -> None:
        """A change was refused or failed: say so in the status bar and (unless
        ``dialog=False``, for work in the background) in a small window. Nothing typed is
        lost (forms stay open; lists are unchanged)."""
        self.bar.clearMessage()
        self.problem_label.setText(f"{lead}: {text}")
        self.problem_icon.show()
        self.problem_label.show()
        announce(self.bar, f"{lead}: {text}")
        if dialog:
            tell(self.window, "Could not do that", text)

    def is_quiet(self) -> bool:
        """Nothing is being said (no message, no problem)."""
        return not self.bar.currentMessage() and not self.problem_label.isVisible()
