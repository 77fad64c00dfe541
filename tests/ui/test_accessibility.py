"""Every control on every screen has an accessible name and description, and the Tab
key moves through a page in the order it reads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from leap_desktop.domain.model import Action, Decision, Person
from leap_desktop.domain.vocab import ActionStatus
from leap_desktop.views.dialogs.actions import ActionDialog, CloseActionDialog
from leap_desktop.views.shell.app import Launcher
from leap_desktop.views.dialogs.decisions import DecisionStatusDialog
from leap_desktop.services import DecisionFilter
from leap_desktop.store.unlock import UnlockRequest
from leap_desktop.views.dialogs.about import AboutDialog
from leap_desktop.views.shell.errors import ErrorReportDialog
from leap_desktop.views.dialogs.security import RecoveryKeyDialog, SecuritySettingsDialog, UnlockDialog
from leap_desktop.views.dialogs.export import ExportActionsDialog, ExportDecisionsDialog
from leap_desktop.views.dialogs.minutes.dialogs import (
    AmendDialog,
    ApproveDialog,
    CirculateDialog,
    ExportMinutesDialog,
    ImportReviewDialog,
)
from leap_desktop.views.dialogs.new_panel import NewPanelDialog
from leap_desktop.views.pages import PAGES
from leap_desktop.views.dialogs.person import LeaveDialog, PersonDialog
from leap_desktop.views.dialogs.shortcuts import ShortcutsDialog
from leap_desktop.views.shell.start_screen import StartScreen

from .helpers import activate, alt_keys, press

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def controls(root: QWidget) -> list[QWidget]:
    """The controls a person can reach, leaving out the parts Qt builds inside others
    (the text box inside a spin box, a drop-down's list, a table's header, the scroll
    arrows of a row of tabs)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not root:
            if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar)):
                inner = True
            parent = parent.parentWidget()
        if not inner and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            found.append(widget)
    return found


def unnamed(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName() or w.property('text') or '?'}"
        for w in controls(root)
        if not w.accessibleName().strip() or not w.accessibleDescription().strip()
    ]


@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.PAGE_ID)
def test_every_control_on_every_page_is_named_and_described(window, page_class):
    page = window.page(page_class.PAGE_ID)
    assert len(controls(page)) >= 3
    assert unnamed(page) == []


def test_the_window_itself(window):
    for page_class in PAGES:
        window.page(page_class.PAGE_ID)
    assert unnamed(window.centralWidget()) == []
    assert window.navigation.accessibleName() == "Pages"


def test_every_dialog_is_named_and_described(demo_ctx, qtbot, settings, appearance, window):
    service = demo_ctx.service
    person = service.resolve(Person, "Amira Khan")
    decision = service.decisions()[0]
    action = service.actions()[0]
    dialogs = [
        PersonDialog(demo_ctx, None),
        PersonDialog(demo_ctx, person),
        LeaveDialog(demo_ctx, person),
        DecisionStatusDialog(demo_ctx, service.get(Decision, decision.id)),
        ActionDialog(demo_ctx, decision),
        CloseActionDialog(demo_ctx, service.get(Action, action.id), ActionStatus.DONE),
        NewPanelDialog(lambda path, values: None),
        ShortcutsDialog(window.menuBar()),
        StartScreen(Launcher(settings, appearance)),
        ErrorReportDialog("report"),
        ExportMinutesDialog(demo_ctx, service.meetings()[-2].id),
        ImportReviewDialog(demo_ctx, service.meetings()[-2].id),
        CirculateDialog(demo_ctx, service.meetings()[-2].id),
        ApproveDialog(demo_ctx, service.meetings()[-3].id),
        AmendDialog(demo_ctx, service.meetings()[-4].id),
        ExportDecisionsDialog(demo_ctx, DecisionFilter()),
        ExportActionsDialog(demo_ctx, "all", None),
        UnlockDialog(UnlockRequest(demo_ctx.path, "The keyring is locked", "the system keyring", 1)),
        RecoveryKeyDialog("1E12-0C21-EF0D-B5FB", "the system keyring", "demo.leap"),
        SecuritySettingsDialog(service.security),
        AboutDialog(),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
        keys = alt_keys(dialog)
        assert sorted({k for k in keys if keys.count(k) > 1}) == [], f"{type(dialog).__name__}: an Alt key used twice"


def test_tab_goes_through_the_members_page_in_reading_order(window, qtbot):
    page = window.show_page("people")
    activate(window, qtbot)
    ui = page.ui
    ui.addButton.setFocus()
    order = [ui.addButton]
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [ui.addButton, ui.editButton, ui.openButton, ui.leftButton, ui.includeLeftCheck, ui.peopleTable]


def test_tab_goes_through_the_decision_log_in_reading_order(window, qtbot):
    page = window.show_page("decisions")
    activate(window, qtbot)
    ui = page.ui
    ui.searchEdit.setFocus()
    order = [ui.searchEdit]
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [ui.searchEdit, ui.statusCombo, ui.levelCombo, ui.meetingCombo, ui.personCombo,
                     ui.clearButton, ui.decisionsTable]



@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.PAGE_ID)
def test_no_alt_key_of_a_page_is_also_a_menu(window, page_class, demo_service):
    """Alt+F, Alt+E, Alt+V, Alt+H (and the page's own menu) open the menus on every page,
    so no label or button on the page may use the same letter."""
    import re

    from PySide6.QtWidgets import QTabWidget

    meeting = demo_service.meetings()[-2].id
    page = window.show_page(page_class.PAGE_ID, meeting if page_class.PAGE_ID in ("meeting", "meeting_mode") else None)
    menus = {
        re.search(r"&(.)", action.text()).group(1).lower()
        for action in window.menuBar().actions()
        if action.isVisible() and "&" in action.text()
    }
    assert {"f", "e", "v", "h"} <= menus
    tabs = page.findChildren(QTabWidget)
    for tab_widget, index in [(None, None)] + [(t, i) for t in tabs for i in range(t.count())]:
        if tab_widget is not None:
            tab_widget.setCurrentIndex(index)
        keys = alt_keys(page)
        assert sorted(set(keys) & menus) == [], f"{page_class.PAGE_ID}: Alt keys also used by the menus"
        assert sorted({k for k in keys if keys.count(k) > 1}) == [], f"{page_class.PAGE_ID}: an Alt key used twice"


@pytest.mark.parametrize("page_class", PAGES, ids=lambda c: c.PAGE_ID)
def test_a_search_box_clear_button_is_named_once_words_are_typed(window, page_class):
    """The little clear button Qt shows inside a search box once something is typed
    (the AT-SPI walk found it as an unnamed push button on the decision log)."""
    from PySide6.QtGui import QAccessible

    page = window.page(page_class.PAGE_ID)
    window.show_page(page_class.PAGE_ID)
    unnamed_buttons = []
    for edit in page.findChildren(QLineEdit):
        if not edit.isClearButtonEnabled():
            continue
        edit.setText("easy-read")
        QApplication.processEvents()
        for button in edit.findChildren(QAbstractButton):
            name = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
            if button.isVisible() and not name.strip():
                unnamed_buttons.append(f"{edit.objectName()} clear button")
        edit.clear()
    assert not unnamed_buttons
