"""Attendance at one meeting: everyone on the panel on its day, with a count of who
was present, sent apologies, was absent or is not recorded yet; for the chosen
person, their attendance (Alt+P, Alt+G, Alt+B, Alt+Y), role at the meeting and
hours. "Mark the rest present" records everyone not recorded yet. Each change is one
undoable change, said below the list (the person as their consent allows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QButtonGroup, QWidget

from ....domain import rules
from ....domain.errors import LeapError
from ....domain.model import Meeting
from ....domain.vocab import AttendanceStatus
from .... import words
from ....models.attendance import AttendanceModel
from ....models.roles import RowRole
from ....services.panel import AttendanceLine
from ....models.context import AppContext
from ...partials.meeting_kit import pass_undo_through
from ..base import bind_button
from ...partials.feedback import announce, clear_problem, remember_descriptions, show_problem
from ...partials.form_part import FormPart
from ...partials.undo import run_undoable
from ...partials.widgets import prepare_table

MEETING_ROLES = ("", "chair", "note-taker", "facilitator", "presenter", "host", "observer")


class AttendancePanel(FormPart):
    WIDGETS = ("attendanceTab", "attendanceSummaryLabel", "attendanceListLabel", "attendanceView", "restPresentButton",
               "attendanceAnnounceLabel", "personBox", "personNameLabel", "presentRadio", "apologiesRadio",
               "absentRadio", "unrecordedRadio", "meetingRoleCombo", "hoursSpin", "attendanceProblemLabel")

    #: Whether anyone's attendance is still to be recorded (Mark the rest present).
    rest_unrecorded = Signal(bool)

    def __init__(self, ctx: AppContext, form: QWidget, parent: QObject | None = None):
        super().__init__(ctx, form, parent)
        ui = self.ui
        ui.attendanceAnnounceLabel.hide()
        ui.attendanceProblemLabel.hide()
        self.meeting: Meeting | None = None
        self.model = AttendanceModel(ctx, None, self)
        ui.attendanceView.setModel(self.model)
        prepare_table(ui.attendanceView, stretch_column=AttendanceModel.ROLE, stretch_min=24, list_look=False,
                      fit_contents=True)
        ui.attendanceView.selectionModel().currentRowChanged.connect(lambda *_: self.fill_person())
        for signal in (self.model.modelReset, self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(lambda *_: self.update_summary())
        self.status_buttons = QButtonGroup(self)
        for button, status in (
            (ui.presentRadio, AttendanceStatus.PRESENT),
            (ui.apologiesRadio, AttendanceStatus.APOLOGIES),
            (ui.absentRadio, AttendanceStatus.ABSENT),
            (ui.unrecordedRadio, None),
        ):
            button.setProperty("status", status.value if status else "")
            self.status_buttons.addButton(button)
        self.status_buttons.buttonClicked.connect(lambda b: self.set_status(b.property("status") or None))
        ui.meetingRoleCombo.addItems(list(MEETING_ROLES))
        ui.meetingRoleCombo.lineEdit().setPlaceholderText("None")
        ui.meetingRoleCombo.lineEdit().editingFinished.connect(self._commit_role)
        ui.meetingRoleCombo.activated.connect(lambda _i: self._commit_role())
        ui.hoursSpin.editingFinished.connect(self._commit_hours)
        remember_descriptions([ui.meetingRoleCombo, ui.hoursSpin])

    def pass_undo_through(self) -> QObject:
        """Ctrl+Z in the role and hours undoes the panel's last change when they have
        nothing of their own to undo."""
        return pass_undo_through(self.ctx, self, [self.ui.meetingRoleCombo, self.ui.hoursSpin])

    def bind_buttons(self, *, rest_present: QAction) -> None:
        bind_button(self.ui.restPresentButton, rest_present)

    def set_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.model.set_meeting(meeting.id if meeting else None)

    def renew(self, meeting: Meeting) -> None:
        """The meeting's details changed (not which meeting it is)."""
        self.meeting = meeting

    def select_first(self) -> None:
        if self.model.rowCount():
            self.ui.attendanceView.setCurrentIndex(self.model.index(0, 0))
        else:
            self.fill_person()

    def current_line(self) -> AttendanceLine | None:
        index = self.ui.attendanceView.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def select_person(self, person_id: str) -> None:
        index = self.model.index_of(person_id)
        if index.isValid():
            self.ui.attendanceView.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )

    def update_summary(self) -> None:
        counts = self.model.counts()
        if not self.model.rowCount():
            text = "No one is on the panel on the day of this meeting."
        else:
            text = (
                f"{counts['present']} present, {counts['apologies']} sent apologies, {counts['absent']} absent, "
                f"{counts['unrecorded']} not recorded yet."
            )
        self.ui.attendanceSummaryLabel.setText(text)
        self.rest_unrecorded.emit(self.meeting is not None and counts["unrecorded"] > 0)

    def fill_person(self) -> None:
        ui = self.ui
        line = self.current_line()
        ui.personBox.setEnabled(line is not None)
        if line is None:
            ui.personNameLabel.setText("Choose a person in the list.")
            return
        a = line.attendance
        ui.personNameLabel.setText(f"{line.person.display_name} at {self.meeting.ref if self.meeting else ''}")
        ui.personBox.setTitle(line.person.display_name)
        button = {
            "present": ui.presentRadio,
            "apologies": ui.apologiesRadio,
            "absent": ui.absentRadio,
        }.get(a.status.value if a else "", ui.unrecordedRadio)
        button.setChecked(True)
        if not ui.meetingRoleCombo.hasFocus():
            ui.meetingRoleCombo.setEditText((a.meeting_role or "") if a else "")
        if not ui.hoursSpin.hasFocus():
            ui.hoursSpin.setValue((a.hours or 0.0) if a else 0.0)

    # -- changes ----------------------------------------------------------------------

    def _save(self, text: str, field: QWidget | None, **values: Any) -> bool:
        line = self.current_line()
        if line is None or self.meeting is None:
            return False
        meeting, person, before = self.meeting, line.person, line.attendance

        def undo(_result: Any) -> None:
            if before is None:
                self.service.remove_attendance(meeting.id, person.id)
            else:
                self.service.set_attendance(
                    meeting.id, person.id, status=before.status, meeting_role=before.meeting_role, hours=before.hours
                )

        if values.get("status", "") is None:
            do = lambda: self.service.remove_attendance(meeting.id, person.id)  # noqa: E731
        else:
            do = lambda: self.service.set_attendance(meeting.id, person.id, **values)  # noqa: E731
        try:
            run_undoable(self.ctx, text, do=do, undo=undo)
        except LeapError as exc:
            show_problem(self.ui.attendanceProblemLabel, str(exc), field)
            return False
        clear_problem(self.ui.attendanceProblemLabel, self.ui.meetingRoleCombo, self.ui.hoursSpin)
        fresh = self.current_line()
        said = fresh.attendance.status.label.lower() if fresh and fresh.attendance else "not recorded"
        extra = ""
        if fresh and fresh.attendance and fresh.attendance.meeting_role:
            extra += f", {fresh.attendance.meeting_role}"
        if fresh and fresh.attendance and fresh.attendance.hours is not None:
            extra += f", {words.hours(fresh.attendance.hours)}"
        # Said in the status bar and Edit > Undo too, which a projected screen shows: the
        # person as their consent allows (the register above is the coordinator's).
        announce(self.ui.attendanceAnnounceLabel, f"{rules.attribute(person)}: {said}{extra}.", self.ctx)
        return True

    def set_status(self, status: str | None) -> bool:
        line = self.current_line()
        if line is None:
            return False
        current = line.attendance.status.value if line.attendance else None
        if status == current:
            return False
        label = AttendanceStatus(status).label.lower() if status else "not recorded"
        return self._save(f"Mark {rules.attribute(line.person)} {label}", None, status=status)

    def _commit_role(self) -> None:
        line = self.current_line()
        if line is None:
            return
        text = self.ui.meetingRoleCombo.currentText().strip()
        current = (line.attendance.meeting_role or "") if line.attendance else ""
        if text == current:
            return
        self._save(f"Set the role at the meeting of {rules.attribute(line.person)}", self.ui.meetingRoleCombo,
                   meeting_role=text)

    def _commit_hours(self) -> None:
        line = self.current_line()
        if line is None:
            return
        hours = self.ui.hoursSpin.value() or None
        current = line.attendance.hours if line.attendance else None
        if hours == current:
            return
        self._save(f"Set the hours of {rules.attribute(line.person)}", self.ui.hoursSpin, hours=hours)

    def mark_rest_present(self) -> int:
        if self.meeting is None:
            return 0
        meeting = self.meeting
        rest = [r.person.id for r in self.model.rows() if r.attendance is None]
        if not rest:
            announce(self.ui.attendanceAnnounceLabel, "Everyone's attendance is already recorded.")
            return 0
        try:
            run_undoable(
                self.ctx,
                f"Mark {len(rest)} people present",
                do=lambda: self.service.set_attendance_many(meeting.id, rest, status="present"),
                undo=lambda _: self.service.remove_attendance_many(meeting.id, rest),
            )
        except LeapError as exc:
            show_problem(self.ui.attendanceProblemLabel, str(exc))
            return 0
        announce(self.ui.attendanceAnnounceLabel,
                 f"Marked {words.plural(len(rest), 'more person', 'more people')} present.", self.ctx)
        return len(rest)
