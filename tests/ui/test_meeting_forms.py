"""The meetings screens' forms and accessibility: every declared widget exists in its
form, every control a keyboard reaches has an accessible name, and Tab goes in a
sensible order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from leap_desktop.views.partials.forms import load_form
from leap_desktop.views.dialogs.meeting_editor import MeetingEditor
from leap_desktop.views.pages.meeting_mode import MeetingMode
from leap_desktop.views.pages.meeting_workspace import MeetingWorkspace
from leap_desktop.views.pages.meetings import MeetingsPage

from .helpers import alt_keys
from .meeting_helpers import OFFSCREEN_LIMITS, focused, press, show

pytestmark = OFFSCREEN_LIMITS
VIEWS = (MeetingsPage, MeetingWorkspace, MeetingMode, MeetingEditor)


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.__name__)
def test_every_declared_widget_is_in_its_form(view, qapp):
    form = load_form(view.FORM)
    try:
        missing = [name for name in view.WIDGETS if form.findChild(QWidget, name) is None]
        assert missing == []
        assert len(set(view.WIDGETS)) == len(view.WIDGETS)
    finally:
        form.deleteLater()


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.__name__)
def test_every_control_a_keyboard_reaches_has_a_name_and_labels_point_at_theirs(view, ctx, small_panel, qtbot):
    page = view(ctx)
    show(qtbot, page)
    unnamed, unlabelled = [], []
    for widget in page.findChildren(QWidget):
        name = widget.objectName()
        if not name or name.startswith("qt_") or not widget.isVisibleTo(page):
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not widget.accessibleName():
            unnamed.append(name)
        if isinstance(widget, QLabel) and "&" in widget.text() and widget.buddy() is None:
            unlabelled.append(name)
    assert unnamed == []
    assert unlabelled == []


def test_page_ids_for_the_shell(qapp):
    assert (MeetingsPage.PAGE_ID, MeetingWorkspace.PAGE_ID, MeetingMode.PAGE_ID) == ("meetings", "meeting", "meeting_mode")
    assert all(page.TITLE for page in (MeetingsPage, MeetingWorkspace, MeetingMode))


def test_tab_goes_through_a_capture_in_order(ctx, small_panel, qtbot):
    page = MeetingMode(ctx)
    page.show_record(small_panel["meeting"].id)
    show(qtbot, page)
    page.focus_first()
    order = [focused().objectName()]
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(focused().objectName())
    # Undo is skipped while there is nothing to undo.
    assert order == ["whoEdit", "kindCombo", "textEdit", "saveContributionButton", "contributionsView",
                     "qt_tabwidget_tabbar"]


def test_tab_goes_through_the_agenda_builder_in_order(ctx, small_panel, qtbot):
    page = MeetingWorkspace(ctx)
    page.show_record(small_panel["meeting"].id)
    show(qtbot, page)
    page.ui.newTitleEdit.setFocus()
    order = [focused().objectName()]
    for _ in range(10):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(focused().objectName())
    assert order == [
        "newTitleEdit", "newMinutesSpin", "addItemButton", "agendaView", "moveUpButton", "moveDownButton",
        "carryButton", "removeItemButton", "itemTitleEdit", "itemPurposeCombo", "itemPresenterCombo",
    ]



@pytest.mark.parametrize("view", (MeetingsPage, MeetingWorkspace, MeetingMode), ids=lambda v: v.__name__)
def test_no_two_controls_share_an_alt_key(view, ctx, small_panel, qtbot):
    from PySide6.QtWidgets import QTabWidget

    page = view(ctx)
    page.show_record(small_panel["meeting"].id)
    show(qtbot, page)
    tab_widgets = page.findChildren(QTabWidget)
    states = [(None, None)] + [(tabs, i) for tabs in tab_widgets for i in range(tabs.count())]
    for tabs, index in states:
        if tabs is not None:
            tabs.setCurrentIndex(index)
        keys = alt_keys(page)
        clashes = sorted({k for k in keys if keys.count(k) > 1})
        where = tabs.tabText(index) if tabs is not None else "first shown"
        assert clashes == [], f"{view.__name__} ({where}): Alt+{clashes} used twice"


def test_text_follows_the_system_text_size(ctx, small_panel, qtbot, qapp):
    """Headings are sized relative to the app's font, so a larger system text size
    makes them larger too (no fixed point sizes)."""
    page = MeetingMode(ctx)
    show(qtbot, page)
    before_body, before_title = page.font().pointSizeF(), page.ui.itemTitleLabel.font().pointSizeF()
    original = qapp.font()
    bigger = qapp.font()
    bigger.setPointSizeF(original.pointSizeF() * 1.5)
    try:
        qapp.setFont(bigger)
        qtbot.waitUntil(lambda: page.font().pointSizeF() > before_body)
        # The title stays larger than the text (a little less so once the page is narrow
        # for the text size, so the header keeps to a few lines: issue 10).
        factor = 1.25 if page.header.compact else 1.6
        assert page.ui.itemTitleLabel.font().pointSizeF() == pytest.approx(page.font().pointSizeF() * factor, rel=0.05)
        assert page.ui.itemTitleLabel.font().pointSizeF() > before_title
        assert page.ui.whoEdit.font().pointSizeF() == pytest.approx(before_body * 1.5, rel=0.05)
    finally:
        qapp.setFont(original)
