"""Issue 10, item 18: "@" and a few letters in a free-text field, picked from a list by
keyboard, puts a mention in the text; on a screen the panel may see, the list names
nobody more than their consent allows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from leap_desktop.views.partials.mention_completer import MentionCompleter

from .meeting_helpers import OFFSCREEN_LIMITS, show, type_text

pytestmark = OFFSCREEN_LIMITS


def make(service):
    service.add_person(display_name="张伟", preferred_name="Zhang Wei", roles=["lived_experience"], consent="anonymous")
    service.add_person(display_name="Amy Nolan", roles=["carer"], consent="named")


def test_at_and_letters_then_enter_puts_a_mention_in_the_text(ctx, service, qtbot):
    make(service)
    box = QPlainTextEdit()
    mentions = MentionCompleter(service, box, panel_facing=True)
    show(qtbot, box, (500, 200))
    box.setFocus()
    type_text(qtbot, "Thanks @zh")
    popup = mentions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert [mentions.model.item(r).text() for r in range(mentions.model.rowCount())] == ["Anonymous member (P-1)"]
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert box.toPlainText() == "Thanks @[P-1] " and not popup.isVisible()
    type_text(qtbot, "and @am")
    qtbot.waitUntil(popup.isVisible)
    assert mentions.model.item(0).text() == "Amy Nolan (carer)"
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert box.toPlainText() == "Thanks @[P-1] and @am" and not popup.isVisible()
    assert service.redactor()(box.toPlainText()) == "Thanks [name removed] and @am"


def test_on_the_coordinators_forms_the_list_gives_names_and_how_each_is_shown(ctx, service, qtbot):
    make(service)
    line = QLineEdit()
    mentions = MentionCompleter(service, line)
    show(qtbot, line, (500, 60))
    line.setFocus()
    type_text(qtbot, "@wei")
    qtbot.waitUntil(mentions.completer.popup().isVisible)
    assert mentions.model.item(0).text() == "张伟 (P-1, lived experience member, shown as Anonymous member)"
    qtbot.keyClick(mentions.completer.popup(), Qt.Key.Key_Tab)
    assert line.text() == "@[P-1] "
    type_text(qtbot, "me@home.org is my email")
    assert not mentions.completer.popup().isVisible()  # an "@" inside a word is no mention


def test_meeting_mode_saves_a_mention_and_lists_it_as_consent_allows(ctx, service, qtbot):
    from leap_desktop.domain.model import Contribution
    from leap_desktop.views.pages.meeting_mode import MeetingMode

    from .meeting_helpers import press

    make(service)
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-15 10:00")
    item = service.add_item(meeting.id, title="Welcome", purpose="discussion")
    mode = MeetingMode(ctx)
    mode.show_record(meeting.id)
    show(qtbot, mode)
    mode.go_to_item(item.id)
    ui = mode.ui
    ui.whoEdit.setFocus()
    type_text(qtbot, "amy")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "I agree with @zhang")
    popup = mode.capture.mentions[0].completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the mention, not a save
    assert ui.textEdit.toPlainText() == "I agree with @[P-1] " and service.store.find(Contribution) == []
    press(qtbot, Qt.Key.Key_Return)  # now Enter saves
    [said] = service.store.find(Contribution)
    assert said.text == "I agree with @[P-1]"
    shown = [mode.contributions.index(r, mode.contributions.TEXT).data() for r in range(mode.contributions.rowCount())]
    assert shown == ["I agree with [name removed]"]
