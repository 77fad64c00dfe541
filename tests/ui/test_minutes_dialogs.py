"""The minutes dialogs, driven by keyboard and mouse with pytest-qt."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
)

from leap_desktop.domain.model import Decision, Meeting
from leap_desktop.domain.vocab import MeetingStatus, ReviewStatus
from leap_desktop.services import approval
from leap_desktop.views.dialogs.minutes.dialogs import (
    AmendDialog,
    ApproveDialog,
    CirculateDialog,
    ExportMinutesDialog,
    ImportReviewDialog,
    NamesCheckDialog,
)
from leap_desktop.views.dialogs.minutes.menu import minutes_actions

from .meeting_helpers import OFFSCREEN_LIMITS


@pytest.fixture
def held(ctx, service):
    amira = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    ben = service.add_person(display_name="Ben Okafor", roles=["carer"], consent="initials")
    meeting = service.add_meeting(title="March panel", starts_at="2026-03-05 14:00", status="held")
    later = service.add_meeting(title="April panel", starts_at="2026-04-02 14:00", status="held")
    item = service.add_item(meeting.id, title="Consent form", purpose="decision")
    said = service.add_contribution(item.id, ben.id, "suggestion", "Put a one-page summary first.")
    decision = service.record_decision(title="Add a one-page summary", item_id=item.id, method="consensus",
                                       status="agreed", sources=[said.id])
    service.set_attendance(meeting.id, amira.id)
    return {"meeting": meeting, "later": later, "item": item, "decision": decision, "amira": amira}


def ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_export_dialog_writes_the_anonymised_minutes(ctx, held, qtbot, tmp_path):
    dialog = ExportMinutesDialog(ctx, held["meeting"].id)
    qtbot.addWidget(dialog)
    assert dialog.meeting.currentData() == held["meeting"].id
    dialog.anonymised.setFocus()
    qtbot.keyClick(dialog.anonymised, Qt.Key.Key_Space)
    assert dialog.anonymised.isChecked() and dialog.path.text().endswith("minutes-M-1-anonymised.docx")
    dialog.path.setText(str(tmp_path / "out.docx"))
    with qtbot.wait_signal(ctx.message):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)
    assert "Anonymised edition" in text and "B.O." not in text and "Carer" in text
    # The held meeting's minutes now exist: the Meetings page says they are in draft.
    assert ctx.service.get(Meeting, held["meeting"].id).status is MeetingStatus.MINUTES_DRAFT


@OFFSCREEN_LIMITS
def test_export_dialog_says_what_is_wrong(ctx, held, qtbot, tmp_path):
    dialog = ExportMinutesDialog(ctx, held["meeting"].id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / "no-such-folder" / "m.docx"))
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    # Said in the dialog, which stays open with what was typed; nothing is written.
    assert dialog.error.text() == f"Not done: The folder {tmp_path / 'no-such-folder'} does not exist"
    assert dialog.error.isVisible() and dialog.error.font().bold()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.path.text().endswith("m.docx") and not list(tmp_path.rglob("*.docx"))
    dialog.path.setText(str(tmp_path / "m.txt"))
    qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Not done: The file name must end in .docx"


def test_import_review_then_accept_and_answer_by_keyboard(ctx, held, service, qtbot, tmp_path):
    exporter = ExportMinutesDialog(ctx, held["meeting"].id)
    qtbot.addWidget(exporter)
    exporter.path.setText(str(tmp_path / "m.docx"))
    exporter.run()
    document = docx.Document(str(tmp_path / "m.docx"))
    heading = next(p for p in document.paragraphs if p.text.startswith("Decision D-1"))
    document.add_comment(heading.runs, text="Say who writes the summary.", author="Amira Khan")
    document.add_comment(document.paragraphs[0].runs, text="Thanks!", author="Visitor")
    document.save(str(tmp_path / "m.docx"))

    dialog = ImportReviewDialog(ctx, held["meeting"].id)
    qtbot.addWidget(dialog)
    dialog.import_file(tmp_path / "m.docx")
    assert dialog.summary.text() == "Minutes of M-1: 2 new comments."
    assert dialog.comments.rowCount() == 2
    assert dialog.comments.item(0, 3).text().startswith("decision D-1")
    assert dialog.comments.item(0, 2).text() == "Amira Khan (P-1)"
    # Accept the first: choose the field by keyboard, type, press the button's mnemonic.
    dialog.field.setFocus()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    while dialog.field.currentData() != "summary":
        qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    dialog.text.setPlainText("Members write the summary with the research team.")
    dialog.accept_button.setFocus()
    qtbot.keyClick(dialog.accept_button, Qt.Key.Key_Space)
    assert service.get(Decision, held["decision"].id).summary == "Members write the summary with the research team."
    assert dialog.comments.item(0, 1).text() == "Accepted"
    # Answer the second.
    dialog.table.selectRow(1)
    dialog.text.setPlainText("Thank you for reading them.")
    qtbot.mouseClick(dialog.answer_button, Qt.MouseButton.LeftButton)
    statuses = [r.status for r in dialog.reviews()]
    assert statuses == [ReviewStatus.ACCEPTED, ReviewStatus.ANSWERED]
    # The same file again adds nothing.
    dialog.import_file(tmp_path / "m.docx")
    assert dialog.summary.text() == "Minutes of M-1: 0 new comments, 2 already imported."


def test_import_review_refuses_a_file_that_is_not_word(ctx, held, qtbot, tmp_path):
    (tmp_path / "notes.txt").write_text("fine")
    dialog = ImportReviewDialog(ctx, held["meeting"].id)
    qtbot.addWidget(dialog)
    dialog.import_file(tmp_path / "notes.txt")
    assert "is not a Word document" in dialog.error.text() and dialog.comments.rowCount() == 0
    assert dialog.error.text().startswith("Not done: ")


def test_circulate_then_approve(ctx, held, service, qtbot):
    circulate = CirculateDialog(ctx, held["meeting"].id)
    qtbot.addWidget(circulate)
    circulate.to.setText("all members; large print to Amira")
    said: list[str] = []
    ctx.message.connect(said.append)
    qtbot.mouseClick(ok(circulate), Qt.MouseButton.LeftButton)
    assert service.get(Meeting, held["meeting"].id).status is MeetingStatus.MINUTES_CIRCULATED
    assert len(said) == 1 and said[0].startswith("The minutes of M-1 ") and "circulated" in said[0]
    assert not circulate.isVisible()
    approve = ApproveDialog(ctx, held["meeting"].id)
    qtbot.addWidget(approve)
    assert approve.at.currentData() == held["later"].id
    qtbot.mouseClick(ok(approve), Qt.MouseButton.LeftButton)
    assert service.get(Meeting, held["meeting"].id).status is MeetingStatus.MINUTES_APPROVED
    assert said[1].startswith("The minutes of M-1 ") and "approved" in said[1] and "locked" in said[1]
    assert [d.title for d in service.decisions(held["later"].id)] == ["Approve the minutes of M-1 (March panel)"]


@OFFSCREEN_LIMITS
def test_the_day_the_minutes_were_sent_is_typed_as_people_write_it(ctx, held, service, qtbot):
    """Issue 10, item 10: "Sent on" was a Qt date field stepped with the arrow keys."""
    from PySide6.QtWidgets import QApplication

    circulate = CirculateDialog(ctx, held["meeting"].id)
    qtbot.addWidget(circulate)
    circulate.show()
    qtbot.waitExposed(circulate)
    circulate.activateWindow()
    qtbot.waitUntil(circulate.isActiveWindow)
    assert circulate.on.hint.text() == "Monday 15 June 2026"  # "today", read back in words
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # "Sent on": its key
    assert QApplication.focusWidget() is circulate.on.edit
    qtbot.keyClick(circulate.on.edit, Qt.Key.Key_Backtab)  # Tab stops at the field once each way
    assert QApplication.focusWidget() is circulate.to
    qtbot.keyClick(circulate.to, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is circulate.on.edit
    qtbot.keyClick(circulate.on.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() not in (circulate.on, circulate.on.edit)
    circulate.on.edit.setFocus()
    assert circulate.on.edit.accessibleName() == "Sent on" and "15/12/2026" in circulate.on.edit.accessibleDescription()
    circulate.on.edit.selectAll()
    qtbot.keyClicks(circulate.on.edit, "31/04/2026")
    assert circulate.on.hint.text() == "There is no 31 April 2026"
    qtbot.keyClick(circulate.on.edit, Qt.Key.Key_Return)
    assert circulate.isVisible() and circulate.error.text() == "Not done: There is no 31 April 2026"
    assert service.get(Meeting, held["meeting"].id).status is MeetingStatus.HELD  # nothing changed
    circulate.on.edit.selectAll()
    qtbot.keyClicks(circulate.on.edit, "10 June")
    assert circulate.on.hint.text() == "Wednesday 10 June 2026"
    qtbot.keyClick(circulate.on.edit, Qt.Key.Key_Return)
    assert not circulate.isVisible()
    (version,) = approval.versions(service, held["meeting"].id)
    assert version.circulated_on == "2026-06-10"


def test_menu_actions_have_text_shortcuts_and_every_control_a_name(ctx, held, qtbot):
    actions = [a for a in minutes_actions(ctx) if not a.isSeparator()]
    assert [a.text() for a in actions] == [
        "&Export minutes…", "Export a&nonymised minutes…", "&Import review comments…", "C&heck names…",
        "&Circulate minutes…", "A&pprove minutes…", "A&mend approved minutes…"]
    assert {a.text(): a.shortcut().toString() for a in actions if not a.shortcut().isEmpty()} == {
        "&Export minutes…": "Ctrl+Shift+E", "&Import review comments…": "Ctrl+Shift+I"}
    for cls in (ExportMinutesDialog, ImportReviewDialog, CirculateDialog, ApproveDialog, AmendDialog, NamesCheckDialog):
        dialog = cls(ctx, held["meeting"].id)
        qtbot.addWidget(dialog)
        for kind in (QComboBox, QLineEdit, QPlainTextEdit, QTableWidget, QDateEdit):
            for widget in dialog.findChildren(kind):
                if widget.isVisibleTo(dialog) and not isinstance(widget.parent(), (QComboBox, QDateEdit)):
                    assert widget.accessibleName(), f"{cls.__name__}: a {type(widget).__name__} has no accessible name"
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisibleTo(dialog) and not button.objectName().startswith("qt_"):  # Qt's own parts
                assert button.text() or button.accessibleName()
