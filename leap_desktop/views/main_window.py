"""The main window: the pages of one open panel, its menus, and the status bar.

Pages come from the list in :mod:`leap_desktop.views.pages` and are made the first
time they are shown, so the window opens at once. Every frequent command is in a
menu with its keyboard shortcut; the menu of the page on screen sits between View
and Help. The window remembers its size, place and last page (QSettings).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from .. import APP_NAME
from ..domain.errors import shown
from ..models.context import AppContext
from .errors import tell
from .partials.feedback import tell_screen_reader as announce
from .page import Page
from .pages import NAVIGATION, PAGES, default_page, page_class
from .minutes_dialogs import minutes_actions, minutes_menu
from .shortcuts_dialog import ShortcutsDialog
from .about import about_action
from .theme import Appearance, icon, style_labels

if TYPE_CHECKING:
    from .app import Launcher

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
PAGE_KEY = "window/page"
MESSAGE_MS = 10_000
#: The window's first size, made smaller on a smaller screen (MainWindow.fit_to_screen).
FIRST_SIZE = (1200, 780)
#: Allowed for a window border on each side before the window manager has drawn one.
WINDOW_BORDER = 4


class _RoomyItems(QStyledItemDelegate):
    """Page names set in from the edge, with the selection still full width (drawn, not
    styled: a style sheet would stop the list following View > Text size)."""

    INDENT = 14

    def paint(self, painter, option, index) -> None:  # noqa: D401 (Qt's signature)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(opt.font)
        style.drawItemText(
            painter, opt.rect.adjusted(self.INDENT, 0, -4, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), opt.palette, True, text,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        painter.restore()


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        launcher: "Launcher | None" = None,
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
        ctx.pages = {cls.PAGE_ID for cls in PAGES}

        self._build_body()
        self._build_status_bar()
        self._build_menus()
        self._update_title()
        ctx.navigate.connect(self.navigate)
        ctx.message.connect(self.show_message)
        ctx.problem.connect(self.show_problem)
        ctx.changed.connect(self._changed)
        ctx.backup_finished.connect(self._backup_finished)
        QApplication.instance().focusChanged.connect(self._keep_focus_in_view)
        ctx.background_bug.connect(self._background_bug)
        self.appearance.changed.connect(self._appearance_changed)

        geometry = self.settings.value(GEOMETRY_KEY) if remember else None
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(*FIRST_SIZE)
        self.fit_to_screen()
        start = first_page or (str(self.settings.value(PAGE_KEY, "")) if remember else "") or default_page()
        if page_class(start) is None or start not in NAVIGATION:
            start = default_page()
        self.show_page(start, focus=True, record_history=False)
        if ctx.opening_notes:
            self.show_message(" ".join(note.rstrip(".") + "." for note in ctx.opening_notes))

    # -- layout -----------------------------------------------------------------------------

    def fit_to_screen(self) -> None:
        """Keep the window, with its title bar and frame, inside the screen's free area
        (a 1366x768 laptop with a panel has about 1366x740): never larger, and never
        placed off it. The first size and a size remembered from a larger screen alike.
        Called when the window is made, and again once it is on screen and its frame is
        known."""
        if self.isMaximized() or self.isFullScreen() or not self._fit_screen:
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        inner, frame = self.geometry(), self.frameGeometry()
        if self.isVisible() and frame != inner:
            left, top = inner.x() - frame.x(), inner.y() - frame.y()
            right, bottom = frame.width() - inner.width() - left, frame.height() - inner.height() - top
        else:  # no frame yet: allow for a title bar and borders as the style draws them
            left = right = bottom = WINDOW_BORDER
            top = self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight) + WINDOW_BORDER
        width = min(inner.width(), area.width() - left - right)
        height = min(inner.height(), area.height() - top - bottom)
        if (width, height) != (inner.width(), inner.height()):
            self.resize(width, height)
        outer_w, outer_h = width + left + right, height + top + bottom
        x = min(max(inner.x() - left, area.left()), area.left() + area.width() - outer_w)
        y = min(max(inner.y() - top, area.top()), area.top() + area.height() - outer_h)
        if (x, y) != (inner.x() - left, inner.y() - top):
            self.move(x, y)  # a window's position is its frame's

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
        self.navigation = QListWidget(body)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setAccessibleDescription("The pages of this panel. Use the arrow keys to move between them.")
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.navigation.setItemDelegate(_RoomyItems(self.navigation))
        for page_id in NAVIGATION:
            cls = page_class(page_id)
            if cls is None:
                continue
            item = QListWidgetItem(cls.TITLE)
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            item.setToolTip(f"Go to {cls.TITLE} ({self._nav_shortcut(page_id).toString(QKeySequence.SequenceFormat.NativeText)})")
            self.navigation.addItem(item)
        self.navigation.currentItemChanged.connect(self._navigation_changed)
        self.stack = QStackedWidget(body)
        self.stack.setObjectName("pages")
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._fit_navigation()

    def _fit_navigation(self) -> None:
        """Roomy entries in the page list, sized from the current text size."""
        metrics = self.navigation.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.navigation.item(i).text())
                      for i in range(self.navigation.count())), default=100)
        width = widest + 3 * metrics.averageCharWidth() + 40 + _RoomyItems.INDENT
        for row in range(self.navigation.count()):
            self.navigation.item(row).setSizeHint(QSize(width - 8, metrics.height() + 18))
        self.navigation.setFixedWidth(width)

    def _build_status_bar(self) -> None:
        bar = QStatusBar(self)
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
        self.setStatusBar(bar)

    # -- menus --------------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object], shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
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

    def _nav_shortcut(self, page_id: str) -> QKeySequence:
        return QKeySequence(f"Ctrl+{NAVIGATION.index(page_id) + 1}")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        launcher = self.launcher

        file_menu = bar.addMenu("&File")
        # File > Minutes: on the meeting on screen (or the one chosen on the Meetings page).
        self.minutes_actions = minutes_actions(self.ctx, self, self.meeting_on_screen, opened=self._keep_dialog)
        self.minutes_menu = minutes_menu(self.minutes_actions, self)
        if launcher is not None:
            self._action(file_menu, "&New panel…", lambda: launcher.new_panel(self), "Ctrl+N",
                         "Make a new, empty panel file")
            self._action(file_menu, "&Open panel…", lambda: launcher.open_file(self), "Ctrl+O",
                         "Open a panel file on this computer")
            self.recent_menu = file_menu.addMenu("Open &recent")
            self.recent_menu.aboutToShow.connect(self._fill_recent)
            self._action(file_menu, "Open the &demo panel", lambda: launcher.open_demo(self),
                         tip="A made-up panel with a year of meetings, to try things out")
            file_menu.addSeparator()
        file_menu.addMenu(self.minutes_menu)
        file_menu.addSeparator()
        if launcher is not None:
            self._action(file_menu, "&Security settings…", self.show_security,
                         tip="How this panel file is protected: its key, passphrase and backups")
            self.restore_action = self._action(
                file_menu, "Restore from a &backup…", self.restore_from_backup,
                tip="Put one of this panel's backups in its place (the panel as it is now is backed up first)")
            file_menu.addSeparator()
            self._action(file_menu, "&Close panel", lambda: launcher.close_panel(), ["Ctrl+W", "Ctrl+F4"],
                         "Close this panel and go back to the start screen")
        self._action(file_menu, "&Quit", self._quit, "Ctrl+Q", "Close LEAP Desktop")

        edit_menu = bar.addMenu("&Edit")
        stack = self.ctx.undo_stack
        self.undo_action = self._action(edit_menu, "&Undo", self.undo, "Ctrl+Z")
        self.redo_action = self._action(edit_menu, "&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        if page_class("decisions") is not None:
            edit_menu.addSeparator()
            self._action(edit_menu, "&Find in the decision log", self.find, "Ctrl+F",
                         "Search the decision log")

        view_menu = bar.addMenu("&View")
        self.page_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for page_id in NAVIGATION:
            cls = page_class(page_id)
            if cls is None:
                continue
            action = self._action(view_menu, cls.TITLE, lambda p=page_id: self.show_page(p, focus=True),
                                  self._nav_shortcut(page_id), f"Go to {cls.TITLE}")
            action.setCheckable(True)
            group.addAction(action)
            self.page_actions[page_id] = action
        self.back_action = self._action(view_menu, "&Back", self.back, "Alt+Left",
                                        "Go back to the page you were on")
        self.back_action.setEnabled(False)
        view_menu.addSeparator()
        text_menu = view_menu.addMenu("&Text size")
        self.larger_action = self._action(text_menu, "&Larger", self.appearance.larger,
                                          ["Ctrl++", "Ctrl+="], "Make all text larger")
        self.smaller_action = self._action(text_menu, "&Smaller", self.appearance.smaller,
                                           "Ctrl+-", "Make all text smaller")
        self.reset_text_action = self._action(text_menu, "&Normal size", self.appearance.reset, "Ctrl+0",
                                              "Text at the system's size")
        self.contrast_action = self._action(view_menu, "&High-contrast theme",
                                            lambda: self.appearance.set_high_contrast(self.contrast_action.isChecked()),
                                            "Ctrl+Shift+H", "White text on black, with yellow for focus and selection")
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(self.appearance.high_contrast)
        self._update_text_actions()

        for cls in PAGES:
            if cls.MENU:
                self.page_menus[cls.PAGE_ID] = bar.addMenu(cls.MENU)
                self._show_page_menu(cls.PAGE_ID, False)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1",
                     "Every command with a keyboard shortcut")
        help_menu.addSeparator()
        help_menu.addAction(about_action(self))

    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(f"&Undo {text}" if text else "&Undo")

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(f"&Redo {text}" if text else "&Redo")

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.launcher.recent() if self.launcher else []
        if not paths:
            empty = self.recent_menu.addAction("No recent panels")
            empty.setEnabled(False)
            return
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}  ({path.parent})")
            action.triggered.connect(lambda _c=False, p=path: self.launcher.open_path(p, parent=self))

    def _update_text_actions(self) -> None:
        self.larger_action.setEnabled(self.appearance.can_grow)
        self.smaller_action.setEnabled(self.appearance.can_shrink)

    def _appearance_changed(self) -> None:
        style_labels(self)
        self._update_text_actions()
        self.contrast_action.setChecked(self.appearance.high_contrast)
        self._fit_navigation()
        self.show_message(
            f"{self.appearance.describe_size()}; "
            + ("high-contrast theme" if self.appearance.high_contrast else "standard theme")
        )

    # -- pages ----------------------------------------------------------------------------------

    def page(self, page_id: str) -> Page:
        """The page with this id, made the first time it is asked for."""
        if page_id not in self.pages:
            cls = page_class(page_id)
            if cls is None:
                raise KeyError(page_id)
            # Each page scrolls as a whole when the window is too small for it (large
            # text on a small screen), rather than squeezing or cutting anything off.
            holder = QScrollArea(self.stack)
            holder.setObjectName(f"{page_id}Scroller")
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            page = cls(self.ctx, holder)
            holder.setWidget(page)
            self.pages[page_id] = page
            self.stack.addWidget(holder)
            menu = self.page_menus.get(page_id)
            if menu is not None:
                for action in page.menu_actions():
                    menu.addAction(action)
                if cls.MINUTES_MENU:
                    menu.addSeparator()
                    menu.addMenu(self.minutes_menu)
            if cls.MINUTES_MENU:
                page.set_minutes_menu(self.minutes_menu)
        return self.pages[page_id]

    def _show_page_menu(self, page_id: str, shown: bool) -> None:
        """Show the menu of the page on screen; hide the others, and take their Alt key
        away while hidden: the menu bar answers the Alt key of a hidden menu too, which
        would make that key do nothing on the page on screen (Alt+D, Alt+A in meeting
        mode would clash with the Decisions and Actions menus)."""
        menu = self.page_menus[page_id]
        title = page_class(page_id).MENU
        menu.setTitle(title if shown else title.replace("&&", "\0").replace("&", "").replace("\0", "&&"))
        menu.menuAction().setVisible(shown)

    def current_page(self) -> Page | None:
        return self.pages.get(self.current_id) if self.current_id else None

    def show_page(self, page_id: str, record_id: str | None = None, *, focus: bool = True,
                  record_history: bool = True) -> Page | None:
        if page_class(page_id) is None:
            self.show_problem(f"There is no {shown(page_id)} page in this version of {APP_NAME}")
            return None
        if record_history and self.current_id and (self.current_id != page_id or record_id):
            self.history.append((self.current_id, None))
            del self.history[:-50]
        page = self.page(page_id)
        previous = self.current_page()
        if previous is not None and previous is not page:
            previous.set_active(False)
        self.current_id = page_id
        if record_id is not None:  # before it is shown, so it does not load something else first
            page.show_record(record_id)
        # Hiding the old page can move the keyboard focus to the page list, which then
        # picks its first row: that must not show (and activate) another page meanwhile.
        self.navigation.blockSignals(True)
        try:
            self.stack.setCurrentWidget(page.parentWidget().parentWidget())  # its scroll area
        finally:
            self.navigation.blockSignals(False)
        page.set_active(True)
        for pid, menu in self.page_menus.items():
            self._show_page_menu(pid, pid == page_id)
        if page_id in self.page_actions:
            self.page_actions[page_id].setChecked(True)
        else:
            for action in self.page_actions.values():
                action.setChecked(False)
        self._sync_navigation(page_id)
        self.back_action.setEnabled(bool(self.history))
        if focus:
            page.focus_first()
        if self.remember and page_id in NAVIGATION:
            self.settings.setValue(PAGE_KEY, page_id)
        self._update_title()
        return page

    def navigate(self, page_id: str, record_id: object = None) -> None:
        """A page asked to show another page, or a record on it."""
        self.show_page(page_id, record_id if isinstance(record_id, str) else None, focus=True)

    def back(self) -> None:
        if self.history:
            page_id, record_id = self.history.pop()
            self.show_page(page_id, record_id, focus=True, record_history=False)

    def _sync_navigation(self, page_id: str) -> None:
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(-1)
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == page_id:
                self.navigation.setCurrentRow(row)
        self.navigation.blockSignals(False)

    def _navigation_changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            # Arrowing through the list shows each page but leaves the focus in the list.
            self.show_page(item.data(Qt.ItemDataRole.UserRole), focus=False)

    def _keep_focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Wherever the keyboard goes on a page (Tab, an Alt key, a command), scroll the
        page so it can be seen: with large text a page can be taller than the window."""
        if self._closed or new is None or not shiboken6.isValid(new):
            return
        page = self.current_page()
        holder = page.parentWidget().parentWidget() if page is not None and page.parentWidget() else None
        if isinstance(holder, QScrollArea) and page.isAncestorOf(new):
            holder.ensureWidgetVisible(new, 16, 16)

    def meeting_on_screen(self) -> str | None:
        """The meeting the page on screen shows or has chosen (None: the dialog asks)."""
        page = self.current_page()
        return page.current_meeting_id() if page is not None else None

    def _keep_dialog(self, dialog) -> None:
        """A dialog opened from a menu: kept as ``self.dialog`` while it is open, and the
        keyboard goes back where it was when it closes."""
        self.dialog = dialog
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self:
            dialog.finished.connect(lambda _result, focus=focus: _restore_focus(focus))

    def find(self) -> None:
        page = self.show_page("decisions", focus=False)
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    # -- messages -------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.problem_icon.hide()
        self.problem_label.hide()
        self.statusBar().showMessage(text, MESSAGE_MS)
        announce(self.statusBar(), text)

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
        elif path is not None and not self.statusBar().currentMessage() and not self.problem_label.isVisible():
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

    def show_problem(self, text: str, *, dialog: bool = True, lead: str = "Not done") -> None:
        """A change was refused or failed: say so in the status bar and (unless
        ``dialog=False``, for work in the background) in a small window. Nothing typed is
        lost (forms stay open; lists are unchanged)."""
        self.statusBar().clearMessage()
        self.problem_label.setText(f"{lead}: {text}")
        self.problem_icon.show()
        self.problem_label.show()
        announce(self.statusBar(), f"{lead}: {text}")
        if dialog:
            tell(self, "Could not do that", text)

    def _changed(self, tables: set[str]) -> None:
        if "panel" in tables:
            self._update_title()

    def _update_title(self) -> None:
        path = self.ctx.path
        read_only = " (read-only)" if self.ctx.service.store.readonly else ""
        self.setWindowTitle(f"{self.ctx.panel_name()} \u2013 {path}{read_only}")
        self.setWindowFilePath(str(path))

    # -- edit ----------------------------------------------------------------------------------------

    def undo(self) -> None:
        text = self.ctx.undo_stack.undoText()
        if self.ctx.undo_stack.canUndo():
            self.ctx.undo_stack.undo()
            self.show_message(f"Undone: {text}")

    def redo(self) -> None:
        text = self.ctx.undo_stack.redoText()
        if self.ctx.undo_stack.canRedo():
            self.ctx.undo_stack.redo()
            self.show_message(f"Done again: {text}")

    def show_security(self) -> None:
        from .security_dialogs import SecuritySettingsDialog

        dialog = SecuritySettingsDialog(self.ctx.service.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def restore_from_backup(self) -> bool:
        """File > Restore from a backup…: choose one of the panel's backups and put it in
        place of the panel (backed up first); every page shows the restored panel."""
        from .app import make_ask
        from .restore_dialogs import restore_open_panel

        return restore_open_panel(self.ctx, self, ask=make_ask(self)) is not None

    def show_shortcuts(self) -> None:
        for cls in PAGES:  # make every page, so every page's menu is listed
            if cls.MENU:
                self.page(cls.PAGE_ID).set_active(cls.PAGE_ID == self.current_id)
        keys = {menu: page_class(page_id).KEYS for page_id, menu in self.page_menus.items()}
        dialog = ShortcutsDialog(self.menuBar(), self, keys)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    # -- closing ----------------------------------------------------------------------------------------

    def _quit(self) -> None:
        if self.launcher is not None:
            self.launcher.quit()
        else:
            self.close()

    def _drop_pages(self) -> None:
        """Take the pages down while the panel is still open: a list being taken down
        tells its page the selection changed, and the page may look the record up."""
        for page in self.pages.values():
            page.set_active(False)
        self.pages.clear()
        while self.stack.count():
            holder = self.stack.widget(0)
            self.stack.removeWidget(holder)
            shiboken6.delete(holder)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            QApplication.instance().focusChanged.disconnect(self._keep_focus_in_view)
            if self.remember:
                self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
                self.settings.setValue(STATE_KEY, self.saveState())
                self.settings.sync()
            self._drop_pages()
            busy = self.ctx.service.store.background_busy
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
