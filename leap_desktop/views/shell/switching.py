"""Page switching: each page made when first shown, the page on screen, Back, and the
menu of the page on screen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

from ... import APP_NAME
from ...domain.errors import shown
from ..pages.base import Page
from ..pages import NAVIGATION, entry
from ..partials.screen_fit import bring_into_view

PAGE_KEY = "window/page"
HISTORY = 50


class PageSwitchingMixin:
    """For MainWindow: ``pages`` made so far, ``current_id`` on screen, ``history`` for Back."""

    def page(self, page_id: str) -> Page:
        """The page with this id, made (and its module imported) the first time it is asked for."""
        if page_id not in self.pages:
            found = entry(page_id)
            if found is None:
                raise KeyError(page_id)
            cls = found.load()
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
        title = entry(page_id).menu
        menu.setTitle(title if shown else title.replace("&&", "\0").replace("&", "").replace("\0", "&&"))
        menu.menuAction().setVisible(shown)

    def current_page(self) -> Page | None:
        return self.pages.get(self.current_id) if self.current_id else None

    def show_page(self, page_id: str, record_id: str | None = None, *, focus: bool = True,
                  record_history: bool = True) -> Page | None:
        if entry(page_id) is None:
            self.show_problem(f"There is no {shown(page_id)} page in this version of {APP_NAME}")
            return None
        if record_history and self.current_id and (self.current_id != page_id or record_id):
            self.history.append((self.current_id, None))
            del self.history[:-HISTORY]
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
        for pid in self.page_menus:
            self._show_page_menu(pid, pid == page_id)
        if page_id in self.page_actions:
            self.page_actions[page_id].setChecked(True)
        else:
            for action in self.page_actions.values():
                action.setChecked(False)
        self.navigation.select(page_id)
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

    def _page_chosen(self, page_id: str) -> None:
        # Arrowing through the list shows each page but leaves the focus in the list.
        self.show_page(page_id, focus=False)

    def _keep_focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Wherever the keyboard goes on a page (Tab, an Alt key, a command), scroll the
        page so it can be seen: with large text a page can be taller than the window."""
        if self._closed or new is None or not shiboken6.isValid(new):
            return
        page = self.current_page()
        holder = page.parentWidget().parentWidget() if page is not None and page.parentWidget() else None
        if isinstance(holder, QScrollArea) and page.isAncestorOf(new):
            bring_into_view(holder, new)

    def meeting_on_screen(self) -> str | None:
        """The meeting the page on screen shows or has chosen (None: the dialog asks)."""
        page = self.current_page()
        return page.current_meeting_id() if page is not None else None

    def find(self) -> None:
        page = self.show_page("decisions", focus=False)
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    def _drop_pages(self) -> None:
        """Take the pages down while the panel is still open: a list being taken down
        tells its page the selection changed, and the page may look the record up."""
        # The keyboard leaves the page first, while it is whole: a field that saves when
        # left (an agenda item's notes) saves now, not from inside Qt taking it down
        # (which crashed the app when the window was closed with the focus there).
        focus = QApplication.focusWidget()
        if focus is not None and self.stack.isAncestorOf(focus):
            focus.clearFocus()
        for page in self.pages.values():
            page.set_active(False)
        self.pages.clear()
        # Hidden first: taking the page on screen away would show (and refresh) the next.
        self.stack.hide()
        while self.stack.count():
            holder = self.stack.widget(0)
            self.stack.removeWidget(holder)
            shiboken6.delete(holder)
