"""The app side of reaching every member: papers due on the Meetings page, File >
Papers and invitations (invitation, packs, record as sent), File > Publish."""

from __future__ import annotations

import icalendar

from leap_desktop.views.pages.meetings import MeetingsPage
from leap_desktop.views.dialogs.papers import PapersDialog, publish_decision_log


def _panel(service):
    ben = service.add_person(display_name="Ben Okafor", roles=["carer"], consent="named")
    amira = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-25 14:00")
    service.comms.set_needs(ben.id, paper_format="posted", days_ahead=14)  # due 11 June: late on 15 June
    service.comms.set_needs(amira.id, paper_format="large_print", print_size=20)
    return ben, amira, meeting


def test_the_meetings_page_says_who_is_late_and_follows_a_sending(ctx, service, qtbot):
    ben, _, meeting = _panel(service)
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    assert page.papersDueLabel.text().startswith("Papers for M-1 (25 Jun 2026): 1 late: Ben Okafor, posted on paper, due by 11 Jun 2026")
    service.comms.record_sent(meeting.id, ben.id, how="post")
    assert page.papersDueLabel.text().startswith("Papers for M-1 (25 Jun 2026): none late; sent to 1 of 2")


def test_papers_and_invitations_make_the_invitation_the_packs_and_record_a_sending(ctx, service, qtbot, tmp_path):
    ben, amira, meeting = _panel(service)
    dialog = PapersDialog(ctx, meeting.id)
    qtbot.addWidget(dialog)
    assert dialog.dueList.item(0).text() == "Late: Ben Okafor, posted on paper, due by 11 Jun 2026"
    assert dialog.dueList.item(1).text() == "Due: Amira Khan, large print 20 pt, due by 18 Jun 2026"
    out = dialog.make_invitation(str(tmp_path / "june"))
    assert out.name == "june.ics" and icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    packs = dialog.make_packs(str(tmp_path))
    assert sorted(p.name for p in packs) == ["papers-M-1-large-print-20pt.docx", "papers-M-1-standard.docx"]
    dialog.dueList.setCurrentRow(0)
    dialog.sentButton.click()
    assert [s.person_id for s in service.comms.sent(meeting.id)] == [ben.id]
    assert dialog.dueList.item(0).text() == "Sent: Ben Okafor, posted on paper, sent 15 Jun 2026"
    ctx.undo_stack.undo()
    assert service.comms.sent(meeting.id) == []


def test_publish_writes_the_pages_into_the_chosen_folder(ctx, service, qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    service.record_decision(title="Use plain words", status="proposed")
    written = publish_decision_log(ctx, parent, str(tmp_path / "site"), anonymised=True)
    assert (tmp_path / "site" / "index.html") in written
    assert "Anonymised edition" in (tmp_path / "site" / "index.html").read_text()


def test_papers_and_invitations_is_laid_out_by_its_form_like_every_dialog(ctx, service, qtbot):
    """One way for forms (issue 11, item 9): ui/papers_dialog.ui, read by views/partials/forms.py;
    Alt+W to the list, and the whole dialog scrolls when the text is large."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    _, _, meeting = _panel(service)
    dialog = PapersDialog(ctx, meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.ui.objectName() == "PapersDialog" and dialog.dueList is dialog.ui.dueList
    assert dialog.scroller is not None  # FormDialog's scroll area
    assert dialog.windowTitle() == "Papers and invitations: M-1"
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.dueList
    close = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.accessibleName() == "Close"
    qtbot.keyClick(dialog.dueList, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
