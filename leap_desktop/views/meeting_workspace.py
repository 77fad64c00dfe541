"""The meeting workspace: one meeting's agenda, attendance and details.

The agenda builder adds items (type a title, Enter), changes the chosen item (saved
when you press Enter or leave a field), reorders by keyboard (Ctrl+Up / Ctrl+Down or
Alt+Shift+Up / Alt+Shift+Down), by the buttons or by drag and drop, keeps a running
total of allotted minutes against the planned length (with a warning in words when
over), and carries unfinished items to the next meeting. Every change is one
undoable change through the services.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QButtonGroup, QHeaderView, QTableView, QVBoxLayout, QWidget

from ..domain import rules
from ..domain.errors import LeapError, RuleError
from ..domain.model import AgendaItem, Meeting
from ..domain.vocab import AgendaPurpose, AttendanceStatus
from .. import words
from ..models.agenda import AgendaModel
from ..models.attendance import AttendanceModel
from ..models.roles import RecordIdRole, RowRole
from ..models.meetings import papers_words, status_words
from ..models.member_choices import MemberChoicesModel
from ..services.panel import AttendanceLine
from ..models.context import AppContext
from .forms import load_form
from .meeting_editor import MeetingEditor
from .meeting_kit import (
    EnterFilter,
    carry_undoable,
    UndoKeys,
    pass_undo_through,
    adding,
    announce,
    bind_button,
    clear_problem,
    make_action,
    remember_descriptions,
    run_undoable,
    scale_font,
    set_warning,
    show_problem,
)
from .page import Page
from .widgets import TableFit

ITEM_FIELD_NAMES = {
    "title": "title",
    "purpose": "purpose",
    "presenter_id": "presenter",
    "allotted_minutes": "allotted minutes",
    "notes": "notes",
}

MEETING_ROLES = ("", "chair", "note-taker", "facilitator", "presenter", "host", "observer")


class MeetingWorkspace(UndoKeys, Page):
    PAGE_ID = "meeting"
    TITLE = "Meeting workspace"
    FORM = "meeting_workspace.ui"
    WIDGETS = (
        "titleLabel", "whenLabel", "placeLabel", "statusLabel", "meetingModeButton", "backButton", "minutesButton",
        "tabs",
        "agendaTab", "newTitleEdit", "newMinutesSpin", "addItemButton", "agendaView", "moveUpButton",
        "moveDownButton", "carryButton", "removeItemButton", "timingLabel", "agendaAnnounceLabel",
        "itemBox", "itemTitleEdit", "itemPurposeCombo", "itemPresenterCombo", "itemMinutesSpin",
        "itemNotesEdit", "itemProblemLabel", "itemHintLabel",
        "attendanceTab", "attendanceSummaryLabel", "attendanceView", "restPresentButton",
        "attendanceAnnounceLabel", "personBox", "personNameLabel", "presentRadio", "apologiesRadio",
        "absentRadio", "unrecordedRadio", "meetingRoleCombo", "hoursSpin", "attendanceProblemLabel",
        "detailsTab", "detailsHost",
    )
    MENU = "Meeting &workspace"
    MINUTES_MENU = True
    KEYS = (
        ("Alt+A, Alt+C, Alt+I", "The Agenda, Attendance and Details tabs"),
        ("Alt+N, then Enter", "Add an agenda item (Tab to Minutes first to give it time)"),
        ("Ctrl+Enter (in Notes)", "Save the item's notes"),
        ("Alt+P, Alt+G, Alt+B, Alt+Y", "Attendance: present, sent apologies, absent, not recorded"),
        ("Alt+M, Alt+R", "Attendance: role at the meeting, hours"),
        ("Alt+S", "Mark the rest present"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = ctx.service
        self.meeting: Meeting | None = None
        self._shown_item: AgendaItem | None = None  # the chosen item as its editor last showed it
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        for label in (ui.agendaAnnounceLabel, ui.itemProblemLabel, ui.attendanceAnnounceLabel, ui.attendanceProblemLabel):
            label.hide()
        ui.minutesButton.hide()  # until the window gives it its Minutes menu

        # The agenda.
        self.agenda = AgendaModel(ctx, None, self)
        self.agenda.mover = self._move_undoable
        ui.agendaView.setModel(self.agenda)
        _set_up_table(ui.agendaView, stretch=AgendaModel.TITLE)
        # DragDrop rather than InternalMove: the model accepts only its own items, and
        # the move goes through the service either way (the view never removes rows).
        ui.agendaView.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        ui.agendaView.setDragDropOverwriteMode(False)
        ui.agendaView.setDefaultDropAction(Qt.DropAction.MoveAction)
        ui.agendaView.setDropIndicatorShown(True)
        ui.agendaView.selectionModel().currentRowChanged.connect(lambda *_: self._fill_item())
        self.agenda.rowsMoved.connect(self._on_rows_moved)
        for signal in (self.agenda.modelReset, self.agenda.rowsInserted, self.agenda.rowsRemoved,
                       self.agenda.rowsMoved, self.agenda.dataChanged):
            signal.connect(lambda *_: self._update_timing())

        # The chosen item's editor.
        for purpose in AgendaPurpose:
            ui.itemPurposeCombo.addItem(purpose.label, purpose.value)
        self.presenters = MemberChoicesModel(ctx, none_label="No presenter", parent=self)
        ui.itemPresenterCombo.setModel(self.presenters)
        self.item_fields: dict[str, QWidget] = {
            "title": ui.itemTitleEdit,
            "purpose": ui.itemPurposeCombo,
            "presenter_id": ui.itemPresenterCombo,
            "allotted_minutes": ui.itemMinutesSpin,
            "notes": ui.itemNotesEdit,
        }
        remember_descriptions(self.item_fields.values())
        ui.itemTitleEdit.editingFinished.connect(lambda: self._commit_item("title"))
        ui.itemPurposeCombo.activated.connect(lambda _i: self._commit_item("purpose"))
        ui.itemPresenterCombo.activated.connect(lambda _i: self._commit_item("presenter_id"))
        ui.itemMinutesSpin.editingFinished.connect(lambda: self._commit_item("allotted_minutes"))
        self._notes_saver = _SaveOnLeave(lambda: self._commit_item("notes"), self)
        ui.itemNotesEdit.installEventFilter(self._notes_saver)

        # Adding items.
        self._add_on_enter = EnterFilter(self.add_item, self)
        ui.newTitleEdit.installEventFilter(self._add_on_enter)
        ui.newMinutesSpin.installEventFilter(self._add_on_enter)

        # Attendance.
        self.attendance = AttendanceModel(ctx, None, self)
        ui.attendanceView.setModel(self.attendance)
        _set_up_table(ui.attendanceView, stretch=AttendanceModel.ROLE)
        ui.attendanceView.selectionModel().currentRowChanged.connect(lambda *_: self._fill_person())
        for signal in (self.attendance.modelReset, self.attendance.dataChanged, self.attendance.rowsInserted,
                       self.attendance.rowsRemoved):
            signal.connect(lambda *_: self._update_attendance_summary())
        self.status_buttons = QButtonGroup(self)
        for button, status in (
            (ui.presentRadio, AttendanceStatus.PRESENT),
            (ui.apologiesRadio, AttendanceStatus.APOLOGIES),
            (ui.absentRadio, AttendanceStatus.ABSENT),
            (ui.unrecordedRadio, None),
        ):
            button.setProperty("status", status.value if status else "")
            self.status_buttons.addButton(button)
        self.status_buttons.buttonClicked.connect(lambda b: self.set_attendance_status(b.property("status") or None))
        ui.meetingRoleCombo.addItems(list(MEETING_ROLES))
        ui.meetingRoleCombo.lineEdit().setPlaceholderText("None")
        ui.meetingRoleCombo.lineEdit().editingFinished.connect(self._commit_role)
        ui.meetingRoleCombo.activated.connect(lambda _i: self._commit_role())
        ui.hoursSpin.editingFinished.connect(self._commit_hours)
        remember_descriptions([ui.meetingRoleCombo, ui.hoursSpin])

        # Details.
        self.editor = MeetingEditor(ctx, ui.detailsHost)
        self.editor.setMaximumWidth(self.fontMetrics().averageCharWidth() * 110)
        host_layout = QVBoxLayout(ui.detailsHost)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addWidget(self.editor)

        self._undo_keys = pass_undo_through(
            ctx, self, [ui.newTitleEdit, ui.newMinutesSpin, *self.item_fields.values(), ui.meetingRoleCombo, ui.hoursSpin]
        )
        self._make_actions()
        ctx.changed.connect(self._on_changed)
        scale_font(ui.titleLabel, 1.5, bold=True, base=self.font())
        self.show_record(None)

    # -- actions ----------------------------------------------------------------------

    def _make_actions(self) -> None:
        ui = self.ui
        view_only = Qt.ShortcutContext.WidgetShortcut
        self.meeting_mode_action = make_action(
            self, "&Start meeting mode", self.start_meeting_mode, ["Ctrl+Shift+M"],
            tip="Capture contributions, decisions and actions live, item by item",
        )
        self.back_action = make_action(self, "&All meetings", self.back_to_meetings, tip="Back to the list of meetings")
        self.add_item_action = make_action(
            self, "Add agenda &item", self.add_item, tip="Add the new item to the end of the agenda (Enter in its title)",
        )
        self.move_up_action = make_action(
            self, "Move item &up", lambda: self.move_item(-1), ["Ctrl+Up", "Alt+Shift+Up"],
            tip="Move the chosen item one place earlier", context=view_only, on=[ui.agendaView],
        )
        self.move_down_action = make_action(
            self, "Move item &down", lambda: self.move_item(+1), ["Ctrl+Down", "Alt+Shift+Down"],
            tip="Move the chosen item one place later", context=view_only, on=[ui.agendaView],
        )
        self.carry_action = make_action(
            self, "&Carry item to the next meeting", self.carry_item,
            tip="Put the unfinished item on the next meeting's agenda",
        )
        self.remove_action = make_action(
            self, "&Remove agenda item", self.remove_item, ["Delete"],
            tip="Take the chosen item off the agenda", context=view_only, on=[ui.agendaView],
        )
        self.rest_present_action = make_action(
            self, "Mark the rest &present", self.mark_rest_present,
            tip="Record everyone whose attendance is not recorded yet as present",
        )
        bind_button(ui.meetingModeButton, self.meeting_mode_action)
        bind_button(ui.backButton, self.back_action)
        bind_button(ui.addItemButton, self.add_item_action)
        bind_button(ui.moveUpButton, self.move_up_action)
        bind_button(ui.moveDownButton, self.move_down_action)
        bind_button(ui.carryButton, self.carry_action)
        bind_button(ui.removeItemButton, self.remove_action)
        bind_button(ui.restPresentButton, self.rest_present_action)
        self.list_in_menu(
            self.meeting_mode_action, self.back_action, None,
            self.add_item_action, self.move_up_action, self.move_down_action, self.carry_action, self.remove_action,
            None, self.rest_present_action,
        )
        ui.meetingModeButton.setText(f"Start meeting mode ({_keys(self.meeting_mode_action)})")
        ui.moveUpButton.setText(f"Move up ({_keys(self.move_up_action, 1)})")
        ui.moveDownButton.setText(f"Move down ({_keys(self.move_down_action, 1)})")

    # -- which meeting ----------------------------------------------------------------

    def show_record(self, record_id: str | None) -> None:
        """Show one meeting (given an agenda item, its meeting with the item chosen);
        without an id, the next meeting (or the latest)."""
        meeting, item = self.service.meeting_to_show(record_id)
        self.meeting = meeting
        meeting_id = meeting.id if meeting else None
        self.agenda.set_meeting(meeting_id)
        self.attendance.set_meeting(meeting_id)
        self.presenters.set_day(meeting.day if meeting else None)
        self.editor.show_meeting(meeting_id)
        for action in (self.meeting_mode_action, self.add_item_action, self.rest_present_action):
            action.setEnabled(meeting is not None)
        self._fill_header()
        self._update_timing()
        self._update_attendance_summary()
        if self.agenda.rowCount():
            self.select_item(item.id if item is not None and self.agenda.index_of(item.id).isValid()
                             else self.agenda.row_at(0).id)
        else:
            self._fill_item()
        if self.attendance.rowCount():
            self.ui.attendanceView.setCurrentIndex(self.attendance.index(0, 0))
        else:
            self._fill_person()

    def current_meeting_id(self) -> str | None:
        return self.meeting.id if self.meeting else None

    def set_minutes_menu(self, menu) -> None:
        """The Minutes button in the header opens the window's Minutes menu, which acts
        on this meeting."""
        self.ui.minutesButton.setMenu(menu)
        self.ui.minutesButton.show()

    def focus_first(self) -> None:
        ui = self.ui
        ui.tabs.setCurrentWidget(ui.agendaTab)
        target = ui.agendaView if self.agenda.rowCount() else ui.newTitleEdit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_header(self) -> None:
        ui = self.ui
        m = self.meeting
        if m is None:
            ui.titleLabel.setText("No meetings yet")
            ui.whenLabel.setText("Add a meeting on the Meetings page first.")
            ui.placeLabel.setText("")
            ui.statusLabel.setText("")
            return
        today = self.service.today()
        ui.titleLabel.setText(m.title)
        ui.whenLabel.setText(f"{words.when_long(m.starts_at, m.planned_minutes)} ({m.ref}, {words.in_days(today, m.day)})")
        ui.placeLabel.setText(m.place or "No place or link set yet")
        papers = papers_words(m, today)
        ui.statusLabel.setText(f"Status: {status_words(m, today)}." + (f" Papers: {papers[:1].lower()}{papers[1:]}." if papers else ""))
        self.setAccessibleDescription(f"{m.title}, {ui.whenLabel.text()}. {ui.statusLabel.text()}")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "ui"):
            scale_font(self.ui.titleLabel, 1.5, bold=True, base=self.font())
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "agenda"):
            self._update_timing()  # the warning's colour suits the new theme

    def _on_changed(self, tables: set[str]) -> None:
        if self.meeting is None:
            if "meetings" in tables:
                self.show_record(None)
            return
        if "meetings" in tables:
            fresh = self.service.find(Meeting, self.meeting.id)
            if fresh is None:
                self.show_record(None)
                return
            self.meeting = fresh
            self.presenters.set_day(fresh.day)
            self._fill_header()
            self._update_timing()
        if "agenda_items" in tables:
            self._fill_item(keep_typing=True)
        if "attendance" in tables:
            self._fill_person()

    def start_meeting_mode(self) -> None:
        if self.meeting:
            self.ctx.navigate.emit("meeting_mode", self.meeting.id)

    def back_to_meetings(self) -> None:
        self.ctx.navigate.emit("meetings", self.meeting.id if self.meeting else None)

    # -- the agenda -------------------------------------------------------------------

    def current_item(self) -> AgendaItem | None:
        index = self.ui.agendaView.currentIndex()
        if not index.isValid():
            return None
        return index.data(RowRole).item

    def select_item(self, item_id: str) -> None:
        index = self.agenda.index_of(item_id)
        if index.isValid():
            self.ui.agendaView.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.ui.agendaView.scrollTo(index)

    def _update_timing(self) -> None:
        if self.meeting is None:
            self.ui.timingLabel.setText("")
            return
        timing = self.agenda.timing()
        text = timing.describe()
        if timing.unallotted:
            text += f"; {words.plural(timing.unallotted, 'item')} not timed yet"
        set_warning(self.ui.timingLabel, text + ".", timing.is_over)

    def add_item(self) -> AgendaItem | None:
        if self.meeting is None:
            return None
        ui = self.ui
        meeting = self.meeting
        title = ui.newTitleEdit.text()
        minutes = ui.newMinutesSpin.value() or None
        try:
            item = run_undoable(
                self.ctx,
                f"Add '{title.strip()}' to the agenda",
                do=adding(
                    lambda: self.service.add_item(meeting.id, title=title, allotted_minutes=minutes),
                    lambda it: self.service.restore_item(it.id),
                ),
                undo=lambda it: self.service.remove_item(it.id),
            )
        except LeapError as exc:
            show_problem(ui.agendaAnnounceLabel, str(exc), ui.newTitleEdit)
            return None
        clear_problem(ui.agendaAnnounceLabel, ui.newTitleEdit)
        ui.newTitleEdit.setText("")
        ui.newMinutesSpin.setValue(0)
        self.select_item(item.id)
        announce(
            ui.agendaAnnounceLabel,
            f"Added '{item.title}' as item {item.position} of {self.agenda.rowCount()}. {self.agenda.timing().describe()}.",
            self.ctx,
        )
        return item

    def _move_undoable(self, item_id: str, position: int) -> AgendaItem:
        """The agenda model's mover (keyboard, buttons and drag and drop): one undoable
        move, announced."""
        item = self.service.get(AgendaItem, item_id)
        old = item.position
        moved = run_undoable(
            self.ctx,
            f"Move '{item.title}'",
            do=lambda: self.service.move_item(item_id, position),
            undo=lambda _: self.service.move_item(item_id, old),
        )
        announce(
            self.ui.agendaAnnounceLabel,
            f"Moved '{moved.title}' to position {moved.position} of {len(self.service.agenda(moved.meeting_id))}.",
            self.ctx,
        )
        return moved

    def move_item(self, step: int) -> bool:
        index = self.ui.agendaView.currentIndex()
        if not index.isValid():
            announce(self.ui.agendaAnnounceLabel, "Choose an item to move first.")
            return False
        if not self.agenda.move_by(index.row(), step):
            where = "first" if step < 0 else "last"
            item = self.current_item()
            announce(self.ui.agendaAnnounceLabel, f"'{item.title}' is already {where}." if item else "")
            return False
        return True

    def _on_rows_moved(self, *_args: object) -> None:
        current = self.ui.agendaView.currentIndex()
        if current.isValid():
            self.ui.agendaView.scrollTo(current)
        self._fill_item(keep_typing=True)

    def carry_item(self) -> AgendaItem | None:
        item = self.current_item()
        if item is None:
            announce(self.ui.agendaAnnounceLabel, "Choose an item to carry first.")
            return None
        try:
            copy, target = carry_undoable(self.ctx, item, item.title)
        except LeapError as exc:
            show_problem(self.ui.agendaAnnounceLabel, str(exc))
            return None
        clear_problem(self.ui.agendaAnnounceLabel)
        announce(
            self.ui.agendaAnnounceLabel,
            f"Carried '{item.title}' to {target.ref}, {target.title} ({words.day_short(target.day)}).",
            self.ctx,
        )
        return copy

    def remove_item(self) -> bool:
        item = self.current_item()
        if item is None:
            return False
        row = self.ui.agendaView.currentIndex().row()
        try:
            run_undoable(
                self.ctx,
                f"Remove '{item.title}' from the agenda",
                do=lambda: self.service.remove_item(item.id),
                undo=lambda _: self.service.restore_item(item.id, item.position),
            )
        except LeapError as exc:
            show_problem(self.ui.agendaAnnounceLabel, str(exc))
            return False
        clear_problem(self.ui.agendaAnnounceLabel)
        if self.agenda.rowCount():
            self.select_item(self.agenda.row_at(min(row, self.agenda.rowCount() - 1)).id)
        announce(self.ui.agendaAnnounceLabel, f"Removed '{item.title}'. Ctrl+Z puts it back.", self.ctx)
        return True

    # -- the chosen item --------------------------------------------------------------

    def _fill_item(self, *, keep_typing: bool = False) -> None:
        ui = self.ui
        item = self.current_item()
        ui.itemBox.setEnabled(item is not None)
        for action in (self.move_up_action, self.move_down_action, self.carry_action, self.remove_action):
            action.setEnabled(item is not None)
        if item is None:
            self._shown_item = None
            ui.itemBox.setTitle("Chosen item")
            ui.itemTitleEdit.setText("")
            ui.itemNotesEdit.setPlainText("")
            return
        ui.itemBox.setTitle(f"Item {item.position}: {item.title}")
        shown = self._shown_item if self._shown_item and self._shown_item.id == item.id else None
        if not keep_typing or shown is None:
            clear_problem(ui.itemProblemLabel, *self.item_fields.values())
        for name, widget in self.item_fields.items():
            typing = shown is not None and widget.hasFocus() and not self._item_field_matches(name, shown)
            if keep_typing and typing:
                continue  # the person is typing here: leave it alone
            value = getattr(item, name)
            if name == "title":
                ui.itemTitleEdit.setText(value)
            elif name == "purpose":
                ui.itemPurposeCombo.setCurrentIndex(ui.itemPurposeCombo.findData(value.value))
            elif name == "presenter_id":
                ui.itemPresenterCombo.setCurrentIndex(max(0, self.presenters.row_of(value)))
            elif name == "allotted_minutes":
                ui.itemMinutesSpin.setValue(value or 0)
            elif name == "notes":
                if ui.itemNotesEdit.toPlainText() != (value or ""):
                    ui.itemNotesEdit.setPlainText(value or "")
        self._shown_item = item

    def _item_value(self, name: str) -> Any:
        ui = self.ui
        if name == "title":
            return ui.itemTitleEdit.text()
        if name == "purpose":
            return ui.itemPurposeCombo.currentData()
        if name == "presenter_id":
            return self.presenters.index(ui.itemPresenterCombo.currentIndex(), 0).data(RecordIdRole)
        if name == "allotted_minutes":
            return ui.itemMinutesSpin.value() or None
        return ui.itemNotesEdit.toPlainText()

    def _item_field_matches(self, name: str, item: AgendaItem) -> bool:
        try:
            return AgendaItem.FIELDS[name](self._item_value(name)) == getattr(item, name)
        except RuleError:
            return False

    def _commit_item(self, name: str) -> AgendaItem | None:
        """Save one field of the chosen item, if it changed."""
        item = self.current_item()
        if item is None or self._item_field_matches(name, item):
            if item is not None and self.ui.itemProblemLabel.property("field") == name:
                clear_problem(self.ui.itemProblemLabel, self.item_fields[name])
            return None
        value = self._item_value(name)
        before = getattr(item, name)
        try:
            updated = run_undoable(
                self.ctx,
                f"Change the {ITEM_FIELD_NAMES[name]} of '{item.title}'",
                do=lambda: self.service.edit_item(item.id, **{name: value}),
                undo=lambda _: self.service.edit_item(item.id, **{name: before}),
            )
        except LeapError as exc:
            self.ui.itemProblemLabel.setProperty("field", name)
            show_problem(self.ui.itemProblemLabel, str(exc), self.item_fields[name])
            return None
        self.ui.itemProblemLabel.setProperty("field", None)
        clear_problem(self.ui.itemProblemLabel, self.item_fields[name])
        self._shown_item = updated
        self.ui.itemBox.setTitle(f"Item {updated.position}: {updated.title}")
        announce(self.ui.agendaAnnounceLabel, f"Saved the {ITEM_FIELD_NAMES[name]} of '{updated.title}'.", self.ctx)
        return updated

    # -- attendance -------------------------------------------------------------------

    def current_line(self) -> AttendanceLine | None:
        index = self.ui.attendanceView.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def select_person(self, person_id: str) -> None:
        index = self.attendance.index_of(person_id)
        if index.isValid():
            self.ui.attendanceView.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )

    def _update_attendance_summary(self) -> None:
        counts = self.attendance.counts()
        if not self.attendance.rowCount():
            text = "No one is on the panel on the day of this meeting."
        else:
            text = (
                f"{counts['present']} present, {counts['apologies']} sent apologies, {counts['absent']} absent, "
                f"{counts['unrecorded']} not recorded yet."
            )
        self.ui.attendanceSummaryLabel.setText(text)
        self.rest_present_action.setEnabled(self.meeting is not None and counts["unrecorded"] > 0)

    def _fill_person(self) -> None:
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

    def _save_attendance(self, text: str, field: QWidget | None, **values: Any) -> bool:
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

    def set_attendance_status(self, status: str | None) -> bool:
        line = self.current_line()
        if line is None:
            return False
        current = line.attendance.status.value if line.attendance else None
        if status == current:
            return False
        label = AttendanceStatus(status).label.lower() if status else "not recorded"
        return self._save_attendance(f"Mark {rules.attribute(line.person)} {label}", None, status=status)

    def _commit_role(self) -> None:
        line = self.current_line()
        if line is None:
            return
        text = self.ui.meetingRoleCombo.currentText().strip()
        current = (line.attendance.meeting_role or "") if line.attendance else ""
        if text == current:
            return
        self._save_attendance(
            f"Set the role at the meeting of {rules.attribute(line.person)}", self.ui.meetingRoleCombo, meeting_role=text
        )

    def _commit_hours(self) -> None:
        line = self.current_line()
        if line is None:
            return
        hours = self.ui.hoursSpin.value() or None
        current = line.attendance.hours if line.attendance else None
        if hours == current:
            return
        self._save_attendance(f"Set the hours of {rules.attribute(line.person)}", self.ui.hoursSpin, hours=hours)

    def mark_rest_present(self) -> int:
        if self.meeting is None:
            return 0
        meeting = self.meeting
        rest = [r.person.id for r in self.attendance.rows() if r.attendance is None]
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
        announce(self.ui.attendanceAnnounceLabel, f"Marked {words.plural(len(rest), 'more person', 'more people')} present.", self.ctx)
        return len(rest)


class _SaveOnLeave(QObject):
    """Saves a multi-line box when focus leaves it, or on Ctrl+Enter."""

    def __init__(self, save, parent: QObject | None = None):
        super().__init__(parent)
        self.save = save

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.save()
        elif event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
                self.save()
                return True
        return False


def _keys(action, limit: int | None = None) -> str:
    from PySide6.QtGui import QKeySequence

    keys = action.shortcuts()[:limit] if limit else action.shortcuts()
    return " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _set_up_table(view: QTableView, *, stretch: int) -> TableFit:
    """Columns as wide as their words; ``stretch`` takes the rest, never fewer than 24
    characters (a narrow window scrolls sideways); rows as tall as the text size."""
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    return TableFit(view, {}, stretch, 24, fit_contents=True)
