"""What every minutes dialog shares (views/dialogs/minutes/dialogs.py): a meeting chooser that
starts on the meeting on screen, a note when that meeting cannot take the step, a line
for problems, OK and Cancel; each dialog is laid out by its own form in ui/."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ....domain import rules
from ....domain.errors import LeapError
from ....domain.model import Meeting
from ....models.context import AppContext
from ..export import fit_dialog, named
from ...partials.feedback import tell_screen_reader as announce
from ...partials.forms import load_form
from ...shell.theme import set_label_role
from ...partials.screen_fit import ScreenFit


def meeting_label(meeting: Meeting, clean=None) -> str:
    """A meeting to choose; ``clean`` (the panel's Redactor) for a dialog the panel may see."""
    title = clean(meeting.title) if clean is not None else meeting.title
    return f"{meeting.ref}  {title}  ({meeting.day}, {meeting.status.label.lower()})"


class MinutesDialog(ScreenFit, QDialog):
    """Shared parts of the minutes dialogs, each laid out by its form in ui/: a meeting
    chooser (``meetingCombo``), a note on the meeting on screen (``noteLabel``), a line
    for problems (``errorLabel``), OK/Cancel (``buttons``)."""

    FORM = ""
    WIDGETS: tuple[str, ...] = ("noteLabel", "meetingCombo", "errorLabel", "buttons")
    TITLE = ""
    OK_TEXT = "&OK"
    OK_DESCRIPTION = ""
    WIDTH_CHARS = 72
    #: why a meeting on screen is not offered ("{ref} ..."): says what to do instead
    NOT_OFFERED = "{ref} has no minutes yet: it is {status}. Minutes start once a meeting is held."

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None,
                 meetings: list[Meeting] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        self.ui = load_form(self.FORM, self)
        self.setWindowTitle(self.TITLE)
        self.setAccessibleName(self.TITLE)
        self.form = self.ui.fieldsLayout
        self.meeting = self.ui.meetingCombo
        offered = meetings if meetings is not None else self.meetings()
        self.clean = ctx.service.redactor()  # minutes dialogs open from the Meetings page
        for m in offered:
            self.meeting.addItem(meeting_label(m, self.clean), m.id)
        self.note = self.ui.noteLabel
        self.note.hide()
        found = self.meeting.findData(meeting_id) if meeting_id is not None else -1
        if found >= 0:
            self.meeting.setCurrentIndex(found)
        elif self.meeting.count():
            self.meeting.setCurrentIndex(self.meeting.count() - 1)  # the most recent
        if meeting_id is not None and found < 0:
            on_screen = ctx.service.find(Meeting, meeting_id)
            if on_screen is not None:
                self.note.setText(self.NOT_OFFERED.format(ref=on_screen.ref, status=on_screen.status.label.lower())
                                  + (" Choose another meeting." if self.meeting.count() else ""))
                self.note.show()
        self.error = self.ui.errorLabel
        self.error.hide()
        self.buttons = self.ui.buttons
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.OK_TEXT)
        named(self.ok, self.OK_TEXT.replace("&", ""), self.OK_DESCRIPTION or self.OK_TEXT.replace("&", ""))
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel", "Close without doing anything (Escape)")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        if not self.meeting.count():
            self.ok.setEnabled(False)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        fit_dialog(self, self.WIDTH_CHARS)
        super().showEvent(event)

    def meetings(self) -> list[Meeting]:
        return [m for m in self.ctx.service.meetings() if rules.minutes_status_of(m) is not None]

    def meeting_id(self) -> str | None:
        return self.meeting.currentData()

    def show_problem(self, message: str, field: QWidget | None = None) -> None:
        """Say why it was not done, in the dialog; the focus goes to the field at fault."""
        self.error.setText(f"Not done: {message}" if message else "")
        set_label_role(self.error, "error" if message else None)
        self.error.setVisible(bool(message))
        fit_dialog(self, self.WIDTH_CHARS)
        if message:
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
            announce(self.error, f"Not done. {message}")

    def attempt(self, action, *args, **kwargs):
        self.show_problem("")
        try:
            return action(*args, **kwargs)
        except LeapError as exc:
            self.show_problem(str(exc))
            return None

    def close_saying(self, meeting_id: str, said: str) -> None:
        """Say in the status bar what was done to the meeting's minutes (``said`` goes
        on from "The minutes of M-1 "), and close."""
        meeting = self.ctx.service.get(Meeting, meeting_id)
        self.ctx.message.emit(f"The minutes of {meeting.ref} {said}")
        self.accept()

    def run(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError
