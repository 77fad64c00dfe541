"""The main window: the pages of one open panel, its menus, and the status bar.

Pages come from the list in :mod:`leap_desktop.views.pages`; a page's module is
imported, and the page made, the first time it is shown (:meth:`MainWindow.page`), so
the window opens at once. Every frequent command is in a menu with its keyboard
shortcut; the menu of the page on screen sits between View and Help. The window
remembers its size, place and last page (QSettings).

The window's jobs live in :mod:`leap_desktop.views.shell`: the page list
(``page_list``), page switching (``switching``), the menus (``menus``, ``file_menu``),
text size and theme (``appearance``), size and place (``geometry``) and the status
bar (``status``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QMenu, QStackedWidget, QWidget

from ...models.context import AppContext
from ..pages.base import Page
from ..pages import NAVIGATION, default_page, entry, page_ids
from . import geometry
from .menus import MenusMixin
from .page_list import PageList
from .status import StatusLine
from .switching import PAGE_KEY, PageSwitchingMixin
from .theme import Appearance

if TYPE_CHECKING:
    from .launching import Launching

FIRST_SIZE = geometry.FIRST_SIZE  # the window's first size (tests)


class MainWindow(PageSwitchingMixin, MenusMixin, QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        launcher: "Launching | None" = None,
        *,
        appearance: Appearance | None = None,
        remember: bool = True,
        first_page: str | None = None,
        fit_screen: bool = True,
    ):
        """``fit_screen=False`` keeps whatever size it is given, even larger than the
        screen (a picture drawn off screen at a chosen size, ``--screenshot``)."""
        super().__init__()
        self._fit_screen = fit_screen
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.launcher = launcher
        self.settings = ctx.settings
        self.appearance = appearance or (launcher.appearance if launcher else Appearance(ctx.settings))
        self.remember = remember
        self.pages: dict[str, Page] = {}
        self.page_menus: dict[str, QMenu] = {}
        self.history: list[tuple[str, str | None]] = []
        self.current_id: str | None = None
        self._closed = False
        ctx.pages = set(page_ids())

        self._build_body()
        self.status_line = StatusLine(self)
        self.problem_icon, self.problem_label = self.status_line.problem_icon, self.status_line.problem_label
        self._build_menus()
        self._build_sync_status()
        self._update_title()
        ctx.navigate.connect(self.navigate)
        ctx.message.connect(self.show_message)
        ctx.problem.connect(self.show_problem)
        ctx.changed.connect(self._changed)
        ctx.backup_finished.connect(self._backup_finished)
        QApplication.instance().focusChanged.connect(self._keep_focus_in_view)
        ctx.background_bug.connect(self._background_bug)
        self.appearance.changed.connect(self._appearance_changed)

        geometry.restore(self, self.settings, remember)
        self.fit_to_screen()
        start = first_page or (str(self.settings.value(PAGE_KEY, "")) if remember else "") or default_page()
        if entry(start) is None or start not in NAVIGATION:
            start = default_page()
        self.show_page(start, focus=True, record_history=False)
        if ctx.opening_notes:
            self.show_message(" ".join(note.rstrip(".") + "." for note in ctx.opening_notes))

    # -- layout -----------------------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """Keep the window inside the screen's free area (:func:`.shell.geometry.fit_to_screen`).
        Called when the window is made, and again once it is on screen and its frame is
        known; not for a window made with ``fit_screen=False``."""
        if self._fit_screen:
            geometry.fit_to_screen(self)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not getattr(self, "_fitted_shown", False):
            self._fitted_shown = True
            QTimer.singleShot(0, self._fit_once_shown)

    def _fit_once_shown(self) -> None:
        if not self._closed and shiboken6.isValid(self):
            self.fit_to_screen()

    def _build_body(self) -> None:
        body = QWidget(self)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = PageList(body)
        self.navigation.chosen.connect(self._page_chosen)
        self.navigation.leave.connect(lambda: self.focus_page())
        self.stack = QStackedWidget(body)
        self.stack.setObjectName("pages")
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def _appearance_changed(self) -> None:
        self.appearance_menu.changed()

    def _keep_dialog(self, dialog) -> None:
        """A dialog opened from a menu: kept as ``self.dialog`` while it is open, and the
        keyboard goes back where it was when it closes."""
        self.dialog = dialog
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self:
            dialog.finished.connect(lambda _result, focus=focus: _restore_focus(focus))

    # -- messages -------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.status_line.show_message(text)

    def show_problem(self, text: str, *, dialog: bool = True, lead: str = "Not done") -> None:
        """A change was refused or failed: said in the status bar and (unless ``dialog=False``,
        for work in the background) in a small window (:class:`.shell.status.StatusLine`)."""
        self.status_line.show_problem(text, dialog=dialog, lead=lead)

    def start_daily_backup(self) -> bool:
        """Today's automatic backup, in the background (the panel was opened without it,
        so the window came up at once). Its outcome is said in the status bar."""
        if self._closed:
            return False
        return self.ctx.start_daily_backup()

    def _backup_finished(self, path, problem: str) -> None:
        if self._closed:
            return
        if problem:
            self.show_problem(f"Today's automatic backup could not be made: {problem}", dialog=False,
                              lead="Problem")
        elif path is not None and self.status_line.is_quiet():
            # Said only when nothing else is being said: it must not wipe a note from opening.
            self.show_message(f"Made today's automatic backup of {self.ctx.path.name}")

    def _background_bug(self, problem: BaseException) -> None:
        from .errors import format_report, show_report

        report = format_report(type(problem), problem, problem.__traceback__)
        print(report, file=sys.stderr)
        if not self._closed:
            self.show_problem("Today's automatic backup could not be made (a problem report is open)", dialog=False,
                              lead="Problem")
        show_report(report)

    def _changed(self, tables: set[str]) -> None:
        if "panel" in tables:
            self._update_title()

    def _update_title(self) -> None:
        path = self.ctx.path
        read_only = " (read-only)" if self.ctx.service.readonly else ""
        self.setWindowTitle(f"{self.ctx.panel_name()} \u2013 {path}{read_only}")
        self.setWindowFilePath(str(path))

    # -- closing ----------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self.sync_timer.stop()
            QApplication.instance().focusChanged.disconnect(self._keep_focus_in_view)
            if self.remember:
                geometry.save(self, self.settings)
            self._drop_pages()
            busy = self.ctx.service.background_busy
            if busy:  # today's backup is still being made: closing waits for it
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.ctx.close()
            finally:
                if busy:
                    QApplication.restoreOverrideCursor()
        super().closeEvent(event)


def _restore_focus(widget: QWidget) -> None:
    """Give the keyboard back to ``widget`` if it is still there and can take it."""
    if shiboken6.isValid(widget) and widget.isVisible() and widget.isEnabled():
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
