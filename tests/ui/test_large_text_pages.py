"""At 200 % text on a 1366x768 laptop nothing on the Panel members page or a person's
page is cut off or off screen (issue 10, item 13): their rows of
controls go on to more lines instead of making the page wider than the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from leap_desktop.models.person import ContributionsModel

from .helpers import activate, press


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


def squeezed(page) -> list[str]:
    """The controls on the page narrower or shorter than their words need (a label or
    button cut off); lines of text that wrap are not counted."""
    from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLabel, QScrollBar, QWidget

    found = []
    for widget in page.findChildren(QWidget):
        inner = isinstance(widget.parentWidget(), (QAbstractScrollArea, QAbstractSpinBox, QComboBox))  # Qt's own parts
        if not widget.isVisibleTo(page) or isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_") or inner:
            continue
        least = widget.minimumSizeHint()
        wraps = isinstance(widget, QLabel) and widget.wordWrap()
        if (not wraps and widget.width() < least.width() - 1) or widget.height() < least.height() - 1:
            found.append(widget.objectName() or widget.metaObject().className())
    return found


def test_the_meeting_workspace_shows_the_chosen_item_beside_or_below_the_agenda(large, qtbot):
    """At 200 % the agenda item's editor was beyond the right edge of the window (issue
    10, item 13): it now goes below the agenda, the rows of buttons go on to more lines,
    and the field the keyboard goes to is scrolled into view."""
    page = large.show_page("meeting")
    activate(large, qtbot)
    qtbot.wait(50)
    ui = page.ui
    assert no_wider_than_the_window(page)
    assert not squeezed(page), squeezed(page)
    for widget in (ui.newTitleEdit, ui.newMinutesSpin, ui.addItemButton, ui.agendaView, ui.moveUpButton,
                   ui.moveDownButton, ui.carryButton, ui.removeItemButton, ui.itemBox, ui.itemTitleEdit,
                   ui.itemPresenterCombo, ui.itemMinutesSpin, ui.itemNotesEdit, ui.meetingModeButton):
        assert seen(widget, page).right() <= page.parentWidget().width(), widget.objectName()
    # The agenda keeps rows to choose from; the item's notes keep lines to write in.
    agenda = ui.agendaView
    assert agenda.viewport().height() >= 4 * agenda.verticalHeader().defaultSectionSize()
    assert ui.itemNotesEdit.height() >= 3 * ui.itemNotesEdit.fontMetrics().lineSpacing()
    for key, field in ((Qt.Key.Key_O, ui.itemNotesEdit), (Qt.Key.Key_T, ui.itemTitleEdit)):
        press(qtbot, key, Qt.KeyboardModifier.AltModifier)  # Notes, then Title: the page scrolls to each
        assert field.hasFocus()
        qtbot.waitUntil(lambda field=field: in_view(field, page))
    for tab in (ui.attendanceTab, ui.detailsTab):
        ui.tabs.setCurrentWidget(tab)
        qtbot.wait(20)
        assert no_wider_than_the_window(page)
        assert not squeezed(page), (tab.objectName(), squeezed(page))


def test_the_meeting_workspace_fits_a_laptop_screen_at_normal_text_and_after_200(window, appearance, qtbot):
    """At 100 % the agenda and the chosen item stay side by side with no scrolling at
    all, when the page opens and after a visit to 200 %."""
    window.resize(1366, 768)
    page = window.show_page("meeting")
    qtbot.wait(50)
    for scale in (1.0, 2.0, 1.0):
        appearance.set_scale(scale)
        qtbot.wait(50)
        viewport = page.parentWidget()
        beside = seen(page.ui.itemBox, page).left() > seen(page.ui.agendaView, page).right()
        assert beside == (scale == 1.0)
        if scale == 1.0:
            assert page.size().toTuple() == viewport.size().toTuple()  # nothing to scroll
        assert no_wider_than_the_window(page)
