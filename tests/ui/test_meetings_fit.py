"""The Meetings page's lists fit their pane at large text (QA: at 175% they scrolled
sideways): columns wrap their words and rows grow, and nothing is cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle

from .meeting_helpers import OFFSCREEN_LIMITS

pytestmark = OFFSCREEN_LIMITS


def every_word_shown(view) -> list[tuple]:
    """Cells whose words do not fit their column, or whose lines do not fit their row."""
    model = view.model()
    metrics = view.fontMetrics()
    # Qt's item delegate sets text in from each side by the style's focus frame margin + 1.
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    cut = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = str(model.index(row, column).data() or "")
            width = view.columnWidth(column) - margin
            if any(metrics.horizontalAdvance(word) > width for word in text.split()):
                cut.append((text, "a word is wider than its column", width))
                continue
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
            if needed > view.rowHeight(row):
                cut.append((text, "its lines are taller than the row", needed, view.rowHeight(row)))
    return cut


def titles_cut(view) -> list[str]:
    """Column titles that do not fit their column (a word wider than it) or the
    header's height (lines below its edge)."""
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    cut = []
    for column in range(header.count()):
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal))
        width = header.sectionSize(column) - 2 * margin
        needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, title).height()
        if any(metrics.horizontalAdvance(word) > width for word in title.split()) or needed > header.height():
            cut.append(title)
    return cut


@pytest.mark.parametrize("scale", [1.0, 1.75, 2.0])
def test_the_meeting_lists_never_scroll_sideways(window, appearance, scale, qtbot):
    """At 200 % the past meetings scrolled sideways by a column (about 40 pixels) in the
    1200-pixel window (as many characters as a 1366x768 laptop's): the wrapping columns
    take a line more (a date on three lines, a title on three) rather than that."""
    window.resize(1200, 780)
    page = window.show_page("meetings")
    appearance.set_scale(scale)
    QApplication.processEvents()
    qtbot.wait(50)  # the page list takes its width for the new size, and the page the rest
    for view in (page.ui.upcomingView, page.ui.pastView):
        assert view.model().rowCount() > 0
        widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
        assert view.horizontalScrollBar().maximum() == 0, (
            "scrolls sideways", scale, widths, view.horizontalHeader().length(), view.viewport().width())
        assert every_word_shown(view) == []
        assert titles_cut(view) == []
    # The meeting's title keeps room to be read.
    title = page.ui.pastView.columnWidth(page.past.TITLE)
    assert title >= 14 * page.ui.pastView.fontMetrics().averageCharWidth()
    appearance.reset()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_details_say_when_the_papers_went_in_full(window, appearance, scale, qtbot):
    """"First sent 26 Nov 2026, to 11 members" wrapped to two lines in a row one line
    high (both lines cut through), at 100 % as at 200 %; and a long place showed its end."""
    from leap_desktop.views.partials.widgets import select_row

    window.resize(1200, 780)
    page = window.show_page("meetings")
    select_row(page.ui.pastView, 0)  # a meeting whose papers went out
    appearance.set_scale(scale)
    qtbot.wait(50)
    editor = page.editor
    label = editor.ui.papersStateLabel
    assert label.text().startswith("First sent")
    assert label.height() >= label.heightForWidth(label.width()), (label.height(), label.heightForWidth(label.width()))
    place = editor.ui.placeEdit
    assert place.cursorPosition() == 0 and place.text().startswith("Room 2")


def test_the_past_meetings_keep_room_at_200(window, appearance, qtbot):
    """At 200 % the past meetings list was squeezed to one meeting, under a header of
    wrapped titles: it keeps room for a few (the page scrolls instead)."""
    window.resize(1200, 780)
    page = window.show_page("meetings")
    appearance.set_scale(2.0)
    qtbot.wait(50)
    view = page.ui.pastView
    shown = view.viewport().rect()
    whole = [row for row in range(view.model().rowCount())
             if shown.contains(view.visualRect(view.model().index(row, 0)))]
    assert len(whole) >= 2, (len(whole), view.viewport().height())
