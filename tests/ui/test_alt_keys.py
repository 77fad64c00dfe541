"""No Alt key does two things anywhere (issue 10, item 6): on every page, in every tab,
together with the menu bar; inside every menu; and in every dialog."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QTabWidget

from leap_desktop.views.pages import ENTRIES

from .dialogs import dialog_classes, every_dialog
from .helpers import activate, alt_keys, press


def letter(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def twice(keys: list[str]) -> list[str]:
    return sorted({k for k in keys if keys.count(k) > 1})


def bar_keys(window) -> list[str]:
    return [k for k in (letter(a.text()) for a in window.menuBar().actions() if a.isVisible()) if k]


def window_alt_shortcuts(window) -> list[str]:
    keys = []
    for action in window.actions():
        for shortcut in action.shortcuts():
            text = shortcut.toString()
            if text.startswith("Alt+") and len(text) == 5:
                keys.append(text[-1].lower())
    return keys


def menu_problems(menu: QMenu, path: str) -> list[str]:
    """Entries of ``menu`` (and its submenus) with no Alt letter, or sharing one."""
    problems = []
    entries = [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]
    keys = [letter(a.text()) for a in entries]
    # A choice among like entries (the text sizes, ticked) is picked with the arrow keys.
    problems += [f"{path} > {a.text()}: no Alt letter" for a, k in zip(entries, keys)
                 if not k and not (a.actionGroup() is not None and a.actionGroup().isExclusive())]
    problems += [f"{path}: Alt+{k.upper()} twice" for k in twice([k for k in keys if k])]
    for action in entries:
        if action.menu() is not None:
            problems += menu_problems(action.menu(), f"{path} > {action.text()}")
    return problems


def _show(window, demo_service, page_id):
    record = demo_service.meetings()[-2].id if page_id in ("meeting", "meeting_mode") else None
    return window.show_page(page_id, record)


@pytest.mark.parametrize("page_id", [e.page_id for e in ENTRIES])
def test_every_alt_key_on_a_page_and_its_menu_bar_does_one_thing(window, demo_service, page_id):
    page = _show(window, demo_service, page_id)
    tabs = page.findChildren(QTabWidget)
    for tab_widget, index in [(None, None)] + [(t, i) for t in tabs for i in range(t.count())]:
        if tab_widget is not None:
            tab_widget.setCurrentIndex(index)
        keys = alt_keys(page) + bar_keys(window) + window_alt_shortcuts(window)
        assert twice(keys) == [], f"{page_id}: an Alt key does two things"


@pytest.mark.parametrize("page_id", [e.page_id for e in ENTRIES])
def test_every_menu_entry_has_its_own_alt_letter(window, demo_service, page_id):
    _show(window, demo_service, page_id)
    problems = []
    for action in window.menuBar().actions():
        if action.isVisible() and action.menu() is not None:
            action.menu().aboutToShow.emit()  # menus filled when opened
            problems += menu_problems(action.menu(), action.text())
    assert problems == []


def test_meeting_mode_menu_on_the_last_item(window, demo_service):
    """On the last item, Next becomes Finish the last item: it keeps its own letter
    (it shared F with Finish meeting)."""
    page = _show(window, demo_service, "meeting_mode")
    last = page.agenda.rowCount() - 1
    page.go_to_item(page.agenda.row_at(last).item.id, count_time=False)
    assert "finish the last item" in page.next_action.text().lower()
    assert menu_problems(window.page_menus["meeting_mode"], "Meeting mode") == []


def test_no_alt_key_does_two_things_in_any_dialog(demo_ctx, qtbot, settings, appearance, window, tmp_path):
    dialogs = every_dialog(demo_ctx, window, settings, appearance, tmp_path)
    assert dialog_classes() <= {type(d).__name__ for d in dialogs}, "a dialog is missing from tests/ui/dialogs.py"
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        name = type(dialog).__name__
        keys = alt_keys(dialog)
        assert twice(keys) == [], f"{name}: an Alt key used twice"
        for label in dialog.findChildren(QLabel):
            if "&" in label.text().replace("&&", "") and label.isVisibleTo(dialog):
                assert label.buddy() is not None, f"{name}: {label.text()} has no buddy"


def test_every_field_of_the_meeting_decision_form_has_its_alt_key(window, demo_service, qtbot):
    """Method had no Alt key: now every named field of the decision form has one, and
    Alt+P puts the keyboard in the method ("Decision process")."""
    page = _show(window, demo_service, "meeting_mode")
    ui = page.ui
    ui.sideTabs.setCurrentWidget(ui.decisionTab)
    labels = [label for label in ui.decisionTab.findChildren(QLabel)  # the fields, not the list below
              if label.buddy() is not None and label.isVisibleTo(page) and label.buddy() is not ui.decisionsView]
    assert ui.methodLabel in labels
    assert [label.text() for label in labels if not letter(label.text())] == []
    assert letter(ui.methodLabel.text()) == "p"
    activate(window, qtbot)
    ui.decisionTitleEdit.setFocus()
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is ui.methodCombo
