"""The meetings page: upcoming and past meetings, with a form to add or change one.

Enter or a double click on a meeting opens its workspace (agenda and attendance).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from ...domain.model import Meeting
from ...models.roles import RecordIdRole
from ...models.meetings import MeetingsModel
from ...models.context import AppContext
from ..partials.forms import load_form
from ..dialogs.meeting_editor import MeetingEditor
from ..partials.meeting_kit import EnterOnRow, UndoKeys, make_action, scale_font
from .base import Page, bind_button
from ..partials.feedback import announce
from ..partials.widgets import SplitterFlip, WrappingHeader, prepare_table


#: The lists and the details form sit side by side when the page is this many
#: characters wide (of the current text size), one above the other when it is narrower.
SIDE_BY_SIDE_CHARS = 120


class MeetingsPage(UndoKeys, Page):
    PAGE_ID = "meetings"
    TITLE = "Meetings"
    FORM = "meetings_page.ui"
    WIDGETS = (
        "splitter", "headingLabel", "newButton", "openButton", "upcomingLabel", "upcomingView",
        "pastLabel", "pastView", "announceLabel", "detailsBox", "editorHost",
    )
    MENU = "Meet&ings"
    MINUTES_MENU = True
    KEYS = (
        ("Enter", "Open the chosen meeting's workspace"),
        ("Enter (in the details)", "Add the meeting, or save the field"),
        ("Alt+D", "Papers sent today"),
        ("Alt+U", "Change status"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        self.upcoming = MeetingsModel(ctx, "upcoming", self)
        self.past = MeetingsModel(ctx, "past", self)
        self.views: dict[QTableView, MeetingsModel] = {ui.upcomingView: self.upcoming, ui.pastView: self.past}
        self._opener = EnterOnRow(self.open_meeting, self)
        for view, model in self.views.items():
            view.setModel(model)
            # Columns as wide as their words, the meeting's title taking the rest. When the
            # list is narrow (large text, a small window), the other columns wrap their words
            # onto more lines and the rows grow, rather than the list scrolling sideways; a
            # long title wraps too. Nothing is cut off.
            view.setWordWrap(True)
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
            view.setHorizontalHeader(WrappingHeader(view))  # a narrowed column's title on two lines
            view.horizontalHeader().setHighlightSections(False)  # bold titles would not fit the widths
            prepare_table(view, stretch_column=MeetingsModel.TITLE, stretch_min=TITLE_LEAST, list_look=False,
                          fit_contents=True, row_heights=False, wrap=WRAPPING, wrap_until=TITLE_ROOM,
                          wrap_lines=TWO_LINES, grow_rows=True)
            view.selectionModel().currentRowChanged.connect(
                lambda current, _previous, view=view: self._on_current(view, current)
            )
            view.doubleClicked.connect(lambda index, view=view: self.open_meeting(index.data(RecordIdRole)))
            view.installEventFilter(self._opener)
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(lambda *_, view=view: self._fit(view))
            # Rows grow and shrink as their words wrap (text size, window width).
            view.verticalHeader().sectionResized.connect(lambda *_, view=view: self._fit(view))
        self.editor = MeetingEditor(ctx, ui.editorHost)
        host_layout = QVBoxLayout(ui.editorHost)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addWidget(self.editor)
        self.editor.added.connect(self._on_added)
        self.editor.saved.connect(lambda meeting_id: self._update_counts())
        ui.announceLabel.hide()
        scale_font(ui.headingLabel, 1.4, bold=True, base=self.font())
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        ui.splitter.setSizes([780, 500])
        self._flip = SplitterFlip(ui.splitter, self, SIDE_BY_SIDE_CHARS)
        self._fit(ui.upcomingView)

        self.new_action = make_action(
            self, "&New meeting", self.new_meeting, ["Ctrl+Shift+N"],
            tip="Add a meeting, starting from suggested details",
        )
        self.open_action = make_action(
            self, "&Open meeting workspace", lambda: self.open_meeting(self.current_meeting_id()),
            tip="Open the chosen meeting's agenda and attendance (Enter on a meeting)",
        )
        self.meeting_mode_action = make_action(
            self, "&Start meeting mode", lambda: self.open_meeting(self.current_meeting_id(), "meeting_mode"),
            ["Ctrl+Shift+M"], tip="Capture contributions, decisions and actions live at the chosen meeting",
        )
        self.draft_action = make_action(
            self, "Draft &claims for this meeting…", self.draft_claims,
            tip="Draft a claim for each paid member present at the chosen meeting, once it has been held",
        )
        bind_button(ui.newButton, self.new_action)
        bind_button(ui.openButton, self.open_action)
        self.open_action.enabledChanged.connect(self.meeting_mode_action.setEnabled)
        self.meeting_mode_action.setEnabled(self.open_action.isEnabled())
        self.list_in_menu(self.new_action, None, self.open_action, self.meeting_mode_action, None, self.draft_action)
        self.papersDueLabel = papers_due_label(ui.upcomingView)
        ctx.changed.connect(self._on_changed)
        self._update_counts()
        self._update_papers_due()
        self._select_first()
        self._update_draft()

    # -- choosing ---------------------------------------------------------------------

    def _fit(self, view: QTableView) -> None:
        """Columns fit their words; the upcoming list is only as tall as its few rows
        (two to six, as tall as their wrapped words), leaving the room to the past."""
        if view is self.ui.upcomingView:
            count = self.upcoming.rowCount()
            shown = max(2, min(6, count))
            rows = sum(view.rowHeight(row) for row in range(min(count, shown)))
            rows += (shown - min(count, shown)) * view.verticalHeader().defaultSectionSize()
            height = view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth()
            if view.horizontalScrollBar().isVisible():
                height += view.horizontalScrollBar().sizeHint().height()
            view.setMaximumHeight(height)
        else:  # the past keeps a few meetings to choose from at any text size (the page scrolls)
            # In lines of text, not the rows' heights: those follow the width, which a
            # scroll bar coming and going changes (the two would chase each other).
            least = (view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
                     + PAST_ROWS * PAST_ROW_LINES * view.fontMetrics().lineSpacing())
            if view.minimumHeight() != least:
                view.setMinimumHeight(least)

    def _select_first(self) -> None:
        for view, model in self.views.items():
            if model.rowCount():
                view.setCurrentIndex(model.index(0, 0))
                return
        self.open_action.setEnabled(False)

    def current_meeting_id(self) -> str | None:
        view = self.focusWidget() if self.focusWidget() in self.views else None
        for candidate in ([view] if view else []) + list(self.views):
            index = candidate.currentIndex()
            if index.isValid() and candidate.selectionModel().isSelected(index):
                return index.data(RecordIdRole)
        return self.editor.meeting.id if self.editor.meeting else None

    def _on_current(self, view: QTableView, current: QModelIndex) -> None:
        # Tab into the other list makes a row current without choosing it: the form
        # keeps the meeting chosen, so Tab goes on to its details and its status.
        if not current.isValid() or not view.selectionModel().isSelected(current):
            return
        for other in self.views:
            if other is not view:
                other.selectionModel().clearSelection()
        meeting_id = current.data(RecordIdRole)
        self.editor.show_meeting(meeting_id)
        self.open_action.setEnabled(True)
        self._update_draft()

    def select_meeting(self, meeting_id: str) -> bool:
        for view, model in self.views.items():
            index = model.index_of(meeting_id)
            if index.isValid():
                view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                view.scrollTo(index)
                return True
        return False

    def show_record(self, record_id: str | None) -> None:
        if record_id:
            self.select_meeting(record_id)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "ui"):
            scale_font(self.ui.headingLabel, 1.4, bold=True, base=self.font())

    def focus_first(self) -> None:
        for view, model in self.views.items():
            if model.rowCount():
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.ui.newButton.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- doing ------------------------------------------------------------------------

    def new_meeting(self) -> None:
        for view in self.views:
            view.selectionModel().clearSelection()
        self.editor.new_meeting()
        self.editor.focus_first()
        announce(self.ui.announceLabel, "New meeting: its details are suggested; change what you need and press Enter.")

    def _update_draft(self) -> None:
        """Claims are drafted once a meeting has been held (not planned, not cancelled)."""
        meeting = self.ctx.service.find(Meeting, self.current_meeting_id() or "")
        self.draft_action.setEnabled(meeting is not None and meeting.status.value not in ("planned", "cancelled"))

    def draft_claims(self) -> None:
        """Draft the chosen meeting's claims, then show them on the Payments page."""
        meeting_id = self.current_meeting_id()
        if meeting_id and self.draft_action.isEnabled():
            from ..dialogs.rate_card import DraftClaimsDialog

            dialog = DraftClaimsDialog(self.ctx, meeting_id, self)
            self.open_dialog(dialog, lambda: self.open_meeting(meeting_id, "payments") if dialog.drafted else None)

    def _on_added(self, meeting_id: str) -> None:
        self.select_meeting(meeting_id)

    def open_meeting(self, meeting_id: str | None, page: str = "meeting") -> None:
        if meeting_id:
            self.ctx.navigate.emit(page, meeting_id)

    def _on_changed(self, tables: set[str]) -> None:
        if "meetings" in tables:
            self._update_counts()
            self._update_draft()
        if tables & {"meetings", "papers_sent", "communication_needs", "people"}:
            self._update_papers_due()

    def _update_papers_due(self) -> None:
        """The papers due line under the upcoming meetings: the next meeting's late packs."""
        from ..dialogs.papers import papers_due_words

        self.papersDueLabel.setText(papers_due_words(self.ctx.service.comms.papers_due()))

    def _update_counts(self) -> None:
        self.ui.upcomingLabel.setText(f"Up&coming meetings ({self.upcoming.rowCount()})")
        self.ui.pastLabel.setText(f"Past &meetings ({self.past.rowCount()})")


def papers_due_label(view: QTableView) -> QLabel:
    """A label under the upcoming meetings saying who is late with their papers."""
    label = QLabel(view.parentWidget())
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName("Papers due for the next meeting")
    layout = view.parentWidget().layout()
    if layout is not None:
        layout.insertWidget(layout.indexOf(view) + 1, label)
    return label


#: The meeting's title is given this many characters (of the current text size) before
#: the other columns start to wrap their words; it never has fewer than TITLE_LEAST.
TITLE_ROOM, TITLE_LEAST = 28, 14
#: The past meetings list has room for at least this many meetings of so many lines
#: each, however large the text.
PAST_ROWS, PAST_ROW_LINES = 3, 4
#: The columns that wrap their words onto more lines when the list is narrow, the
#: wordiest first; a date, a status and when papers went out keep to two lines.
WRAPPING = (MeetingsModel.PEOPLE, MeetingsModel.AGENDA, MeetingsModel.PAPERS, MeetingsModel.STATUS,
            MeetingsModel.WHEN)
TWO_LINES = {MeetingsModel.WHEN: 2, MeetingsModel.STATUS: 2, MeetingsModel.PAPERS: 2}
