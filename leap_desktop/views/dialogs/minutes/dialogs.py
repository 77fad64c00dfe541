"""Minutes in the app: export to Word (named or anonymised), import reviewers' comments
(and accept or answer them), circulate, approve at a later meeting, amend.

The main window puts :func:`.minutes_menu.minutes_actions` in File > Minutes (and in the Meetings and
Meeting workspace page menus, and behind the workspace's Minutes button). Each dialog
starts on the meeting on screen, or asks which meeting: a meeting that cannot take the
step (minutes not circulated yet, say) is explained in words, never silently swapped.

Every control has an accessible name and description and a keyboard route (mnemonics,
tab order, arrow keys in the comments table). A refusal is said in the dialog, in words,
in bold in the theme's problem colour, and read out; what was typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ....domain.errors import LeapError, RuleError
from ....domain.model import Meeting
from ....domain.vocab import MeetingStatus
from ....services import approval, minutes
from ....services.files import write_atomically
from ....models.context import AppContext
from ...partials.date_entry import DateReading
from ..export import SaveFileRow, checked_path, export_folder, remember_folder
from .base import MinutesDialog, meeting_label
from ..names_check import NamesCheckDialog, offer_names_check
from ..review import ImportReviewDialog

__all__ = ["AmendDialog", "ApproveDialog", "CirculateDialog", "ExportMinutesDialog", "ImportReviewDialog",
           "NamesCheckDialog"]


class ExportMinutesDialog(MinutesDialog):
    FORM = "export_minutes_dialog.ui"
    WIDGETS = MinutesDialog.WIDGETS + ("anonymisedCheck", "fileEdit", "chooseButton", "namesLabel", "namesButton")
    TITLE = "Export minutes"
    OK_TEXT = "&Export"
    OK_DESCRIPTION = "Write the minutes as a Word document (Enter)"

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None,
                 *, anonymised: bool = False):
        super().__init__(ctx, meeting_id, parent)
        self.anonymised = self.ui.anonymisedCheck
        self.anonymised.setChecked(anonymised)
        self.file = SaveFileRow(self.ui.fileEdit, self.ui.chooseButton, "Save the minutes as", "Word documents (*.docx)")
        self.path = self.file.edit
        self.path.setText(str(export_folder(ctx) / "minutes.docx"))
        self.meeting.currentIndexChanged.connect(self._suggest)
        self.anonymised.toggled.connect(self._suggest)
        self._suggest()
        offer_names_check(self, self.anonymised.isChecked)
        self.anonymised.toggled.connect(lambda _on: self.names_check.update())

    def _suggest(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            return
        meeting = self.ctx.service.get(Meeting, meeting_id)
        self.file.suggest(f"minutes-{meeting.ref}{'-anonymised' if self.anonymised.isChecked() else ''}.docx")

    def choose(self) -> None:
        self.file.choose()

    def run(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("There is no meeting with minutes yet")
            return
        try:
            path = checked_path(self.path.text(), (".docx",))
        except LeapError as exc:
            self.show_problem(str(exc), self.path)
            return
        service = self.ctx.service

        def export():
            meeting = service.get(Meeting, meeting_id)
            built = minutes.build_minutes(service, meeting, anonymised=self.anonymised.isChecked())
            from ....export import minutes_docx  # python-docx: loaded when first used

            write_atomically(path, minutes_docx.render(built, now=service.clock()))
            approval.exported(service, meeting_id)  # a held meeting's minutes are now in draft
            return built

        built = self.attempt(export)
        if built is not None:
            self.written = path
            remember_folder(self.ctx, path)
            kind = "anonymised minutes" if self.anonymised.isChecked() else "minutes"
            self.ctx.message.emit(f"Saved the {kind} of {built.meeting_ref} (version {built.version}) to {path}")
            self.accept()


class CirculateDialog(MinutesDialog):
    FORM = "circulate_dialog.ui"
    WIDGETS = MinutesDialog.WIDGETS + ("toEdit", "onEdit", "onHint", "namesLabel", "namesButton")
    TITLE = "Circulate minutes"
    OK_TEXT = "&Circulate"
    OK_DESCRIPTION = "Record that the draft minutes were sent (Enter)"
    NOT_OFFERED = "The minutes of {ref} cannot be circulated: it is {status}."

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.to = self.ui.toEdit
        self.to.setText(approval.DEFAULT_AUDIENCE)
        self.on = DateReading(self.ui.onEdit, self.ui.onHint, "circulated_on", today=ctx.service.today)
        self.ui.onEdit.setText("today")
        offer_names_check(self)

    def meetings(self) -> list[Meeting]:
        return [m for m in super().meetings() if m.status is not MeetingStatus.MINUTES_APPROVED]

    def run(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("There are no draft minutes to circulate")
            return
        try:
            on = self.on.value()
        except RuleError as exc:
            self.show_problem(str(exc), self.ui.onEdit)
            return
        done = self.attempt(approval.circulate, self.ctx.service, meeting_id, to=self.to.text().strip() or None, on=on)
        if done is not None:
            self.close_saying(meeting_id, f"(version {done.version}) were circulated on {done.circulated_on} "
                                          f"to {done.circulated_to}")


class ApproveDialog(MinutesDialog):
    FORM = "approve_dialog.ui"
    WIDGETS = MinutesDialog.WIDGETS + ("atCombo", "approveNote")
    TITLE = "Approve minutes"
    OK_TEXT = "&Approve"
    OK_DESCRIPTION = "Record that the later meeting approved the minutes, and lock them (Enter)"
    NOT_OFFERED = ("The minutes of {ref} cannot be approved now: it is {status}. Minutes are approved once "
                   "they have been circulated.")

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.at = self.ui.atCombo
        self.meeting.currentIndexChanged.connect(self._later)
        self._later()

    def meetings(self) -> list[Meeting]:
        return [m for m in super().meetings() if m.status is MeetingStatus.MINUTES_CIRCULATED]

    def _later(self) -> None:
        self.at.clear()
        meeting_id = self.meeting_id()
        if not meeting_id:
            return
        meeting = self.ctx.service.get(Meeting, meeting_id)
        today = self.ctx.service.today()
        for m in self.ctx.service.meetings():  # later meetings that have taken place
            held = m.status not in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED) and m.day <= today
            if m.starts_at > meeting.starts_at and held:
                self.at.addItem(meeting_label(m, self.clean), m.id)

    def run(self) -> None:
        meeting_id, at = self.meeting_id(), self.at.currentData()
        if meeting_id and not self.at.count():
            ref = self.ctx.service.get(Meeting, meeting_id).ref
            self.show_problem(f"No meeting after {ref} has been held yet; minutes are approved at a later meeting "
                              "that has taken place", self.at)
            return
        if not meeting_id or not at:
            self.show_problem("Choose circulated minutes and the later meeting that approved them", self.at)
            return
        done = self.attempt(approval.approve, self.ctx.service, meeting_id, at)
        if done is not None:
            version, decision = done
            self.close_saying(meeting_id, f"(version {version.version}) are approved, by decision {decision.ref}, "
                                          "and locked")


class AmendDialog(MinutesDialog):
    """Approved minutes are locked: an amendment keeps the approved version and starts a
    new draft, to be circulated and approved in turn."""

    FORM = "amend_dialog.ui"
    WIDGETS = MinutesDialog.WIDGETS + ("reasonEdit", "amendNote")
    TITLE = "Amend approved minutes"
    OK_TEXT = "&Amend"
    OK_DESCRIPTION = "Keep the approved version and start a new draft version (Ctrl+Enter)"
    NOT_OFFERED = ("The minutes of {ref} are not approved (it is {status}), so they can be corrected directly: "
                   "no amendment is needed.")

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        self.reason = self.ui.reasonEdit
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        save = QAction(self)
        save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.triggered.connect(lambda _checked=False: self.run())
        self.addAction(save)
        self.reason.setFocus()

    def meetings(self) -> list[Meeting]:
        return [m for m in super().meetings() if m.status is MeetingStatus.MINUTES_APPROVED]

    def run(self) -> None:
        meeting_id = self.meeting_id()
        if not meeting_id:
            self.show_problem("There are no approved minutes to amend")
            return
        done = self.attempt(approval.amend, self.ctx.service, meeting_id, self.reason.toPlainText())
        if done is None:
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.close_saying(meeting_id, f"are now version {done.version}, a draft; the approved version is kept")
