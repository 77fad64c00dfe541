"""At 200 % text on a 1366x768 laptop nothing on the Panel members page or a person's
page is cut off or off screen (issue 10, item 13): their rows of
controls go on to more lines instead of making the page wider than the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from leap_desktop.models.person import ContributionsModel


@pytest.fixture
def large(window, appearance, qtbot):
    qtbot.wait(20)  # the window has fitted itself to the (smaller) test screen: now a laptop's size.
    # The tests' font is 9 point, a desktop's usually 10: 1200 pixels here hold about as
    # many characters as a 1366-pixel laptop screen does.
    window.resize(1200, 768)
    appearance.set_scale(2.0)
    qtbot.wait(50)
    return window


def seen(widget, page) -> QRect:
    """Where ``widget`` is, in the visible part of the page's scroll area."""
    viewport = page.parentWidget()
    return QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())


def in_view(widget, page) -> bool:
    return page.parentWidget().rect().contains(seen(widget, page))


def no_wider_than_the_window(page) -> bool:
    assert page.width() <= page.parentWidget().width(), (page.width(), page.parentWidget().width())
    return True


def test_the_members_page_shows_its_introduction_and_include_left(large, qtbot):
    page = large.show_page("people")
    qtbot.wait(50)
    ui = page.ui
    assert no_wider_than_the_window(page)
    assert in_view(ui.includeLeftCheck, page)
    assert ui.intro.width() <= page.parentWidget().width()
    for button in (ui.addButton, ui.editButton, ui.openButton, ui.leftButton):
        assert in_view(button, page), button.objectName()


def test_a_persons_page_shows_what_they_said(large, qtbot, demo_service):
    page = large.show_page("person")
    qtbot.wait(50)
    ui = page.ui
    assert no_wider_than_the_window(page)
    assert in_view(ui.editButton, page) and in_view(ui.logButton, page)
    table = ui.contributionsTable
    left = table.columnViewportPosition(ContributionsModel.TEXT)
    width = table.columnWidth(ContributionsModel.TEXT)
    chars = table.fontMetrics().averageCharWidth()
    assert left + min(width, 15 * chars) <= table.viewport().width(), "What they said is off screen"
    assert width >= 15 * chars


def test_the_decision_logs_filters_fit_and_the_search_box_keeps_its_words(large, qtbot):
    page = large.show_page("decisions")
    qtbot.wait(50)
    ui = page.ui
    assert no_wider_than_the_window(page)
    for widget in (ui.searchEdit, ui.statusCombo, ui.levelCombo, ui.meetingCombo, ui.personCombo, ui.clearButton):
        assert in_view(widget, page), widget.objectName()
    # The search box shows what is typed, not "Wor…": room for 24 characters at this size.
    search = ui.searchEdit
    assert search.width() >= 24 * search.fontMetrics().averageCharWidth()
    # Its hint line reads in full, so nobody has to guess what it searches.
    hint = search.fontMetrics().horizontalAdvance(search.placeholderText())
    assert search.width() >= hint
    for widget in (ui.decisionsTable, ui.traceView, ui.statusButton, ui.addActionButton):  # below: the page scrolls down
        assert seen(widget, page).right() <= page.parentWidget().width(), widget.objectName()
