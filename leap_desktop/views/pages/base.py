"""The pages of the main window share one small interface."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QDialog, QMenu, QWidget

from ...models.context import AppContext


class Page(QWidget):
    """A screen of the main window (people, meetings, decisions, actions, ...).

    ``PAGE_ID`` names it for ``--screenshot --page`` and for remembering the last page;
    ``TITLE`` is what the navigation shows. A page refreshes itself when the context
    says its data changed, and ``focus_first()`` puts keyboard focus somewhere useful
    when the page is shown.

    Optional, for pages with commands of their own: ``MENU`` names the page's menu in
    the menu bar (shown while the page is on screen) and :meth:`page_action` makes a
    command with a shortcut, listed in that menu and optionally behind a button.
    ``TABLES`` names the tables whose changes call :meth:`refresh` (at once if the page
    is on screen, otherwise when it is next shown).

    A page whose commands manage their own state and shortcuts (the meetings screens,
    whose actions live on the page with window-wide keys that only work while the page
    is shown) lists them in its menu with :meth:`list_in_menu` instead. ``KEYS`` names
    keys that are not menu commands (Enter in a field, Alt+letter for a tab), so Help >
    Keyboard shortcuts can list them with the page's menu.
    """

    PAGE_ID = ""
    TITLE = ""
    FORM: str | None = None
    WIDGETS: tuple[str, ...] = ()
    MENU = ""
    TABLES: frozenset[str] = frozenset()
    KEYS: tuple[tuple[str, str], ...] = ()
    #: whether the window's Minutes menu is also offered in this page's menu
    MINUTES_MENU = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"{self.PAGE_ID}Page")
        self.setAccessibleName(self.TITLE)
        self.active = False
        self._stale = False
        self._menu_actions: list[QAction] = []
        self._managed: list[QAction] = []  # made by page_action: on only while the page is shown
        self._conditions: dict[QAction, Callable[[], bool]] = {}
        if self.TABLES:
            ctx.changed.connect(self._on_changed)

    def focus_first(self) -> None:
        self.focusNextChild()

    def show_record(self, record_id: str | None) -> None:
        """Show one record on this page (a person, a meeting, a decision), if it has one."""

    def current_meeting_id(self) -> str | None:
        """The meeting this page is showing or has chosen, if any: File > Minutes acts on it."""
        return None

    def set_minutes_menu(self, menu) -> None:
        """The window's Minutes menu, for a page that offers it (``MINUTES_MENU``)."""

    def open_dialog(self, dialog: QDialog, on_accept: Callable[[], object] | None = None) -> QDialog:
        """Show a dialog over the window without stopping the app (window-modal).

        The dialog is kept as ``self.dialog`` (tests and screen readers find it there)
        and deleted when closed; ``on_accept`` runs after it is accepted.
        """
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_accept is not None:
            dialog.accepted.connect(lambda: on_accept())
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- keeping up to date ------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload what the page shows from the services."""

    def _on_changed(self, tables: set[str]) -> None:
        if not (set(tables) & self.TABLES):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # -- commands -------------------------------------------------------------------------------

    def page_action(
        self,
        text: str,
        slot: Callable[[], object],
        *,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        description: str = "",
        button: QAbstractButton | None = None,
        enabled_when: Callable[[], bool] | None = None,
    ) -> QAction:
        """A command of this page: in its menu, with a shortcut, and behind ``button``.

        ``enabled_when`` says when it makes sense (e.g. something is selected); the
        command is also off while the page is not on screen, so pages can reuse keys.
        """
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if description:
            action.setStatusTip(description)
            action.setToolTip(description)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self._menu_actions.append(action)
        self._managed.append(action)
        if enabled_when is not None:
            self._conditions[action] = enabled_when
        if button is not None:
            bind_button(button, action)
        action.setEnabled(False)
        return action

    def menu_actions(self) -> list[QAction]:
        return list(self._menu_actions)

    def add_menu_separator(self) -> None:
        separator = QAction(self)
        separator.setSeparator(True)
        self._menu_actions.append(separator)

    def list_in_menu(self, *actions: QAction | None, title: str = "") -> None:
        """List actions the page manages itself in its menu (None: a separator; with
        ``title``, in a submenu of that name). See :func:`menu_entry`."""
        if title:
            submenu = QMenu(title, self)
            for action in actions:
                if action is None:
                    submenu.addSeparator()
                else:
                    submenu.addAction(menu_entry(action, submenu))
            self._menu_actions.append(submenu.menuAction())
            return
        for action in actions:
            if action is None:
                self.add_menu_separator()
            else:
                self._menu_actions.append(menu_entry(action, self))

    def set_active(self, active: bool) -> None:
        """The main window says whether this page is the one on screen."""
        self.active = active
        self.update_actions()

    def update_actions(self) -> None:
        for action in self._managed:
            condition = self._conditions.get(action)
            action.setEnabled(self.active and (condition is None or bool(condition())))


def bind_button(button: QAbstractButton, action: QAction) -> None:
    """A button that does what ``action`` does, is enabled when it is, and names its
    shortcut in its tooltip (unless the action's tooltip names it already)."""
    button.clicked.connect(lambda _checked=False: action.trigger())

    def sync() -> None:
        button.setEnabled(action.isEnabled())
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = action.toolTip()
        button.setToolTip(f"{tip} ({shortcut})" if shortcut and tip and shortcut not in tip else tip)

    action.changed.connect(sync)
    sync()


def menu_entry(action: QAction, parent: QWidget) -> QAction:
    """A menu entry standing for ``action``: the same words, keys, tip and state, and
    choosing it triggers ``action``.

    The page keeps ``action`` (and its shortcut) on itself, so the key works only while
    the page is shown; were ``action`` put in the menu bar itself, Qt would count its key
    as live on every page. The entry shows the key in the menu (and in Help > Keyboard
    shortcuts) but never answers it: its shortcut is bound to the menu alone
    (``WidgetShortcut``), which never has the keyboard focus when the key is pressed.
    """
    entry = QAction(parent)
    entry.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def sync() -> None:
        entry.setText(action.text())
        entry.setShortcuts(action.shortcuts())
        entry.setStatusTip(action.statusTip())
        entry.setToolTip(action.toolTip())
        entry.setEnabled(action.isEnabled())
        entry.setVisible(action.isVisible())
        entry.setCheckable(action.isCheckable())
        entry.setChecked(action.isChecked())

    action.changed.connect(sync)
    entry.triggered.connect(lambda _checked=False: action.trigger())
    sync()
    return entry
