"""The menu bar: File, Edit, View, the menu of the page on screen, and Help."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QWidget

from ... import APP_NAME
from ..pages import ENTRIES, NAVIGATION, entry
from .actions import add_action, with_key
from .appearance import AppearanceMenu
from .file_menu import FileMenuMixin
from .page_list import nav_shortcut


def about_action(parent: QWidget) -> QAction:
    """Help > About LEAP Desktop (views/dialogs/about.py, imported when first chosen)."""
    action = QAction(f"&About {APP_NAME}", parent)
    action.setObjectName("aboutAction")
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.setStatusTip(f"The version of {APP_NAME}, its licence and what it is built with")

    def show() -> None:
        from ..dialogs.about import AboutDialog

        dialog = AboutDialog(parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(show)
    return action


#: The View menu's own letters (Back, Page list, Text size, High-contrast theme): the
#: pages' entries are given other ones.
VIEW_MENU_KEYS = ("b", "l", "t", "h")


class MenusMixin(FileMenuMixin):
    """For MainWindow: builds the menu bar and answers Edit and Help."""

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._build_file_menu(bar)

        edit_menu = bar.addMenu("&Edit")
        stack = self.ctx.undo_stack
        self.undo_action = add_action(self, edit_menu, "&Undo", self.undo, "Ctrl+Z")
        self.redo_action = add_action(self, edit_menu, "&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        if entry("decisions") is not None:
            edit_menu.addSeparator()
            add_action(self, edit_menu, "&Find in the decision log", self.find, "Ctrl+F",
                       "Search the decision log")

        view_menu = bar.addMenu("&View")
        self.page_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        taken = set(VIEW_MENU_KEYS)
        for page_id in NAVIGATION:
            found = entry(page_id)
            if found is None:
                continue
            action = add_action(self, view_menu, with_key(found.title, taken),
                                lambda p=page_id: self.show_page(p, focus=True),
                                nav_shortcut(page_id), f"Go to {found.title}")
            action.setCheckable(True)
            group.addAction(action)
            self.page_actions[page_id] = action
        self.back_action = add_action(self, view_menu, "&Back", self.back, "Alt+Left",
                                      "Go back to the page you were on")
        self.back_action.setEnabled(False)
        self.page_list_action = add_action(self, view_menu, "Page &list", self.toggle_page_list, ["F6", "Ctrl+L"],
                                           "Move the keyboard to the list of pages, and back to the page")
        view_menu.addSeparator()
        self.appearance_menu = AppearanceMenu(self, view_menu, self.appearance,
                                              refit=self.navigation.fit, say=self.show_message)
        self.contrast_action = self.appearance_menu.contrast_action
        self.larger_action = self.appearance_menu.larger_action
        self.smaller_action = self.appearance_menu.smaller_action

        # Each page's menu is there from the start; its commands come when the page is made.
        for page in ENTRIES:
            if page.menu:
                self.page_menus[page.page_id] = bar.addMenu(page.menu)
                self._show_page_menu(page.page_id, False)

        help_menu = bar.addMenu("&Help")
        add_action(self, help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1",
                   "Every command with a keyboard shortcut")
        help_menu.addSeparator()
        help_menu.addAction(about_action(self))

    def toggle_page_list(self) -> None:
        """F6: to the list of pages; F6 again (or Enter, Escape) back to the page on screen."""
        if self.navigation.hasFocus():
            self.focus_page()
        else:
            self.navigation.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.show_message("The list of pages: Up and Down choose a page; Enter goes back to the page")

    def focus_page(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_first()

    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(f"&Undo {text}" if text else "&Undo")

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(f"&Redo {text}" if text else "&Redo")

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

    def show_shortcuts(self) -> None:
        from ..dialogs.shortcuts import ShortcutsDialog

        for page in ENTRIES:  # make every page, so every page's menu is listed
            if page.menu:
                self.page(page.page_id).set_active(page.page_id == self.current_id)
        keys = {menu: self.page(page_id).KEYS for page_id, menu in self.page_menus.items()}
        dialog = ShortcutsDialog(self.menuBar(), self, keys)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
