"""The meeting workspace: one meeting's agenda, attendance and details.

The page composes its parts, each with its own widgets of the one form and its own
job: the agenda builder (``agenda_builder.py``) and the chosen item's editor
(``item_editor.py``) on the Agenda tab, attendance (``attendance.py``) on the
Attendance tab, and the meeting's details (``views/dialogs/meeting_editor.py``) on the
Details tab. The page shows which meeting it is in its header, keeps the parts on
that meeting, and owns the page's commands (``commands.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from ....domain.model import Meeting
from .... import words
from ....models.meetings import papers_words, status_words
from ....models.context import AppContext
from ...partials.flow import BoxFlip, flow_rows
from ...partials.forms import load_form
from ...dialogs.meeting_editor import MeetingEditor
from ...partials.meeting_kit import UndoKeys, scale_font
from ..base import Page
from .agenda_builder import AgendaBuilder
from .attendance import AttendancePanel
from .commands import WorkspaceCommands
from .item_editor import ItemEditor

#: The agenda and the chosen item sit side by side when the page is this many
#: characters wide (of the current text size), the item below the agenda if not.
SIDE_BY_SIDE_CHARS = 150
#: Below each other, the agenda shows at least this many items (plus its scroll bar).
STACKED_AGENDA_ROWS = 5


class MeetingWorkspace(UndoKeys, WorkspaceCommands, Page):
    PAGE_ID = "meeting"
    TITLE = "Meeting workspace"
    FORM = "meeting_workspace.ui"
    #: The page's own widgets; each part names its own (see PARTS).
    OWN_WIDGETS = ("titleLabel", "whenLabel", "placeLabel", "statusLabel", "meetingModeButton", "backButton",
                   "minutesButton", "tabs", "detailsTab", "detailsHost")
    PARTS = (AgendaBuilder, ItemEditor, AttendancePanel)
    WIDGETS = OWN_WIDGETS + tuple(name for part in PARTS for name in part.WIDGETS)
    MENU = "Meeting &workspace"
    MINUTES_MENU = True
    KEYS = (
        ("Alt+A, Alt+C, Alt+I", "The Agenda, Attendance and Details tabs"),
        ("Alt+N, then Enter", "Add an agenda item (Tab to Minutes first to give it time)"),
        ("Ctrl+Enter (in Notes)", "Save the item's notes"),
        ("Alt+P, Alt+G, Alt+B, Alt+Y", "Attendance: present, sent apologies, absent, not recorded"),
        ("Alt+M, Alt+R", "Attendance: role at the meeting, hours"),
        ("Alt+S", "Mark the rest present"),
        ("Alt+L", "Attendance: the list of members"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = ctx.service
        self.meeting: Meeting | None = None
        self.ui = form = load_form(self.FORM, self)
        form.minutesButton.hide()  # until the window gives it its Minutes menu

        # The parts, each handed the form (it takes its own widgets) and what it needs.
        self.builder = AgendaBuilder(ctx, form, self)
        self.item_editor = ItemEditor(ctx, form, self.builder.current_item, self)
        self.attendance_panel = AttendancePanel(ctx, form, self)
        self.agenda = self.builder.model
        self.attendance = self.attendance_panel.model
        self.builder.chosen_changed.connect(lambda moved: self._fill_item(keep_typing=moved))
        self.item_editor.announced.connect(lambda text, status_bar: self.builder.say(text, status_bar=status_bar))
        self.attendance_panel.rest_unrecorded.connect(lambda rest: self.rest_present_action.setEnabled(rest))

        # Details.
        self.editor = MeetingEditor(ctx, form.detailsHost)
        self.editor.setMaximumWidth(self.fontMetrics().averageCharWidth() * 110)
        host_layout = QVBoxLayout(form.detailsHost)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addWidget(self.editor)

        self._undo_keys = (self.builder.pass_undo_through(), self.item_editor.pass_undo_through(),
                           self.attendance_panel.pass_undo_through())
        self._make_actions()
        # With large text (or a small window) the chosen item goes below the agenda and
        # the rows of buttons go on to more lines, rather than off the side of the window.
        self._flip = BoxFlip(form.findChild(QBoxLayout, "agendaTabLayout"), self, SIDE_BY_SIDE_CHARS, self._stacked)
        left = form.findChild(QVBoxLayout, "agendaLeft")
        flow_rows(self, left, form.findChild(QHBoxLayout, "newItemRow"), form.findChild(QHBoxLayout, "agendaButtons"),
                  keep_wide={form.newTitleEdit: form.newTitleEdit.placeholderText()})
        ctx.changed.connect(self._on_changed)
        scale_font(form.titleLabel, 1.5, bold=True, base=self.font())
        self.show_record(None)

    # -- which meeting ----------------------------------------------------------------

    def show_record(self, record_id: str | None) -> None:
        """Show one meeting (given an agenda item, its meeting with the item chosen);
        without an id, the next meeting (or the latest)."""
        meeting, item = self.service.meeting_to_show(record_id)
        self.meeting = meeting
        self.builder.set_meeting(meeting)
        self.attendance_panel.set_meeting(meeting)
        self.item_editor.set_day(meeting.day if meeting else None)
        self.editor.show_meeting(meeting.id if meeting else None)
        for action in (self.meeting_mode_action, self.add_item_action, self.rest_present_action):
            action.setEnabled(meeting is not None)
        self._fill_header()
        self.builder.update_timing()
        self.attendance_panel.update_summary()
        if self.agenda.rowCount():
            self.select_item(item.id if item is not None and self.agenda.index_of(item.id).isValid()
                             else self.agenda.row_at(0).id)
        else:
            self._fill_item()
        self.attendance_panel.select_first()

    def current_meeting_id(self) -> str | None:
        return self.meeting.id if self.meeting else None

    def select_item(self, item_id: str) -> None:
        """Choose an agenda item (its editor shows it)."""
        self.builder.select_item(item_id)

    def select_person(self, person_id: str) -> None:
        """Choose a person in the attendance list."""
        self.attendance_panel.select_person(person_id)

    def set_minutes_menu(self, menu) -> None:
        """The Minutes button in the header opens the window's Minutes menu, which acts
        on this meeting."""
        self.ui.minutesButton.setMenu(menu)
        self.ui.minutesButton.show()

    def focus_first(self) -> None:
        self.ui.tabs.setCurrentWidget(self.builder.tab)
        self.builder.focus()

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
        papers = papers_words(m, today, self.service.comms.first_sent(m.id))
        ui.statusLabel.setText(f"Status: {status_words(m, today)}." + (f" Papers: {papers[:1].lower()}{papers[1:]}." if papers else ""))
        self.setAccessibleDescription(f"{m.title}, {ui.whenLabel.text()}. {ui.statusLabel.text()}")

    def _fill_item(self, *, keep_typing: bool = False) -> None:
        chosen = self.builder.current_item() is not None
        for action in (self.move_up_action, self.move_down_action, self.carry_action, self.remove_action):
            action.setEnabled(chosen)
        self.item_editor.show(keep_typing=keep_typing)

    def _stacked(self, stacked: bool) -> None:
        """One above the other, the agenda keeps rows to choose from (the page scrolls)."""
        view = self.ui.agendaView
        rows = view.verticalHeader().defaultSectionSize() * STACKED_AGENDA_ROWS
        least = view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth() if stacked else 0
        if view.minimumHeight() != least:
            view.setMinimumHeight(least)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "ui"):
            scale_font(self.ui.titleLabel, 1.5, bold=True, base=self.font())
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "builder"):
            self.builder.update_timing()  # the warning's colour suits the new theme

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
            self.builder.renew(fresh)
            self.attendance_panel.renew(fresh)
            self.item_editor.set_day(fresh.day)
            self._fill_header()
            self.builder.update_timing()
        elif "papers_sent" in tables:
            self._fill_header()
        if "agenda_items" in tables:
            self._fill_item(keep_typing=True)
        if "attendance" in tables:
            self.attendance_panel.fill_person()

    def start_meeting_mode(self) -> None:
        if self.meeting:
            self.ctx.navigate.emit("meeting_mode", self.meeting.id)

    def back_to_meetings(self) -> None:
        self.ctx.navigate.emit("meetings", self.meeting.id if self.meeting else None)
