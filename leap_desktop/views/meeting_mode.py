"""Meeting mode: live capture during a meeting, item by item.

Built for a facilitator or note-taker typing while people talk: the current item
with its time (elapsed against allotted, in words), and a contribution captured in a
few keystrokes: a few letters of who spoke, Enter, what they said, Enter. Every
contribution, decision, action and item change is saved the moment it is entered,
each as one transaction, so a crash or a flat battery loses nothing entered before
the last Enter. Ctrl+Z undoes a capture.

Keys: Enter saves (Shift+Enter for a new line); Alt+1..7 choose the kind of
contribution; Ctrl+Page Down / Ctrl+Page Up (or Ctrl+Right / Ctrl+Left outside a
text box) go to the next / previous item, marking the item finished; Alt+C carries an
unfinished item to the next meeting; Alt+D and Alt+A open the decision and action
forms, Ctrl+Enter saves them; Alt+I shows the agenda.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from ..domain import rules
from ..domain.errors import LeapError
from ..domain.model import Action, AgendaItem, Contribution, Meeting, Person
from ..domain.vocab import (
    Consent,
    ContributionKind,
    DecisionMethod,
    DecisionStatus,
    InvolvementLevel,
    ItemState,
    MeetingStatus,
)
from .. import words
from ..models.agenda import AgendaModel
from ..models.contributions import ContributionsModel
from ..models.item_records import ItemActionsModel, ItemDecisionsModel
from ..models.roles import RecordIdRole
from ..models.member_choices import MemberChoicesModel
from ..models.context import AppContext
from .forms import load_form
from .meeting_kit import (
    EnterFilter,
    EnterOnRow,
    carry_undoable,
    TabLeaves,
    UndoKeys,
    UndoPassThrough,
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
from .widgets import SplitterFlip, TableFit

#: The decision statuses a decision can be recorded with in the meeting.
NEW_DECISION_STATUSES = (DecisionStatus.AGREED, DecisionStatus.PROPOSED, DecisionStatus.REJECTED, DecisionStatus.DEFERRED)
#: Days from the meeting to an action's suggested due date.
ACTION_DUE_DAYS = 28
#: The contributions and the decision and action forms sit side by side when the page
#: is this many characters wide (of the current text size), one above the other if not.
SIDE_BY_SIDE_CHARS = 150


class MeetingMode(UndoKeys, Page):
    PAGE_ID = "meeting_mode"
    TITLE = "Meeting mode"
    FORM = "meeting_mode.ui"
    WIDGETS = (
        "meetingLabel", "meetingClockLabel", "finishButton", "leaveButton", "previousButton", "itemPositionLabel",
        "itemTitleLabel", "timerLabel", "restartClockButton", "nextButton", "itemNotesLabel", "itemStateLabel",
        "carryButton", "splitter", "contributionsLabel", "contributionsView", "captureBox", "whoEdit",
        "whoFoundLabel", "kindCombo", "kindKeysLabel", "textEdit", "saveContributionButton", "undoButton",
        "captureStatusLabel", "captureProblemLabel", "sideTabs", "decisionTab", "decisionTitleEdit", "methodCombo",
        "votesRow", "votesLabel", "votesForSpin", "votesAgainstSpin", "votesAbstainSpin", "levelCombo",
        "decisionStatusCombo", "summaryEdit", "dissentEdit", "dissentWhoEdit", "sourcesLabel",
        "recordDecisionButton", "decisionProblemLabel", "decisionsView", "actionTab", "actionTitleEdit",
        "ownerEdit", "ownerFoundLabel", "dueEdit", "actionDecisionCombo", "addActionButton", "actionProblemLabel",
        "actionsView", "agendaTab", "agendaView",
    )
    MENU = "&Meeting mode"
    KEYS = (
        ("Alt+W, then Enter", "Who spoke: a few letters of their name"),
        ("Enter / Shift+Enter", "Save what was said / start a new line"),
        ("Alt+O, then Space", "Go to the contributions; tick one that shaped the decision"),
        ("F2, then Enter", "Correct what was said, or its kind, in the contributions list"),
        ("Ctrl+Enter", "Record the decision, or add the action, in its form"),
        ("Enter (in the agenda)", "Go to the chosen item"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = ctx.service
        self.meeting: Meeting | None = None
        self.item: AgendaItem | None = None
        self.speaker: Person | None = None
        self.owner: Person | None = None
        #: The clock the timers read (seconds, only ever increasing); tests replace it.
        self.clock: Callable[[], float] = time.monotonic
        self._item_seconds: dict[str, float] = {}
        self._item_since: float | None = None
        self._meeting_since: float | None = None
        self._held_on_open = False  # the meeting was held before meeting mode opened on it
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        for label in (ui.captureProblemLabel, ui.decisionProblemLabel, ui.actionProblemLabel, ui.captureStatusLabel):
            label.hide()

        # The agenda (the same rows the workspace shows), and where we are in it.
        # Meeting mode may be on a projected screen: free text (titles, notes, what was
        # said) shows names only as each person's consent allows (models/free_text.py).
        self.agenda = AgendaModel(ctx, None, self, as_panel_reads=True)
        self.panel_text = self.agenda.panel_text
        ui.agendaView.setModel(self.agenda)
        _set_up_table(ui.agendaView, stretch=AgendaModel.TITLE)
        for column in (AgendaModel.PURPOSE, AgendaModel.PRESENTER):
            ui.agendaView.hideColumn(column)
        ui.agendaView.doubleClicked.connect(lambda index: self.go_to_item(index.data(RecordIdRole)))
        ui.agendaView.installEventFilter(EnterOnRow(self._enter_item, self))

        # Contributions on the current item, with their tick boxes.
        self.contributions = ContributionsModel(ctx, None, checkable=True, parent=self)
        ui.contributionsView.setModel(self.contributions)
        ui.contributionsView.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Who said it and its kind wrap in a narrow pane, so what was said keeps its room.
        _set_up_table(ui.contributionsView, stretch=ContributionsModel.TEXT, row_heights=False,
                      wrap=(ContributionsModel.KIND, ContributionsModel.WHO))
        self.contributions.tickedChanged.connect(self._update_sources)
        self.contributions.rowsInserted.connect(self._on_contribution_added)
        ui.contributionsView.installEventFilter(_SpaceTicks(self))
        # Corrections in place: F2 or a double click on what was said or its kind.
        self.contributions.editor = self.edit_contribution
        self._contribution_delegate = _ContributionDelegate(ui.contributionsView)
        ui.contributionsView.setItemDelegate(self._contribution_delegate)
        ui.contributionsView.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )

        # Capturing: who, kind, what was said.
        self.members = MemberChoicesModel(ctx, parent=self)
        self._who_completer = _completer(self.members, ui.whoEdit)
        self._owner_completer = _completer(self.members, ui.ownerEdit)
        self._dissent_completer = _completer(self.members, ui.dissentWhoEdit)
        for kind in ContributionKind:
            ui.kindCombo.addItem(kind.label, kind.value)
        ui.kindCombo.setCurrentIndex(ui.kindCombo.findData(ContributionKind.IDEA.value))
        ui.kindKeysLabel.setText(
            "Alt+" + ", ".join(f"{n} {_short(kind)}" for n, kind in enumerate(ContributionKind, start=1))
        )
        ui.kindKeysLabel.setAccessibleName("Keys for kinds: " + ui.kindKeysLabel.text())
        self._who_enter = EnterFilter(self.pick_speaker, self)
        ui.whoEdit.installEventFilter(self._who_enter)
        ui.whoEdit.returnPressed.connect(self.pick_speaker)  # when the completer hands Enter on
        ui.whoEdit.textEdited.connect(lambda _t: self._forget("speaker"))
        self._kind_enter = EnterFilter(lambda: ui.textEdit.setFocus(Qt.FocusReason.TabFocusReason), self)
        ui.kindCombo.installEventFilter(self._kind_enter)
        self._text_enter = EnterFilter(self.save_contribution, self)
        ui.textEdit.installEventFilter(self._text_enter)
        ui.saveContributionButton.clicked.connect(self.save_contribution)
        remember_descriptions([ui.whoEdit, ui.textEdit, ui.decisionTitleEdit, ui.methodCombo, ui.votesForSpin,
                               ui.actionTitleEdit, ui.ownerEdit, ui.dueEdit, ui.dissentWhoEdit])

        # Undo: Ctrl+Z from the capture fields reaches the panel's undo stack.
        self._undo_pass = UndoPassThrough(ctx, self)
        for field in (ui.whoEdit, ui.textEdit, ui.decisionTitleEdit, ui.summaryEdit, ui.dissentEdit,
                      ui.dissentWhoEdit, ui.actionTitleEdit, ui.ownerEdit):
            field.installEventFilter(self._undo_pass)
        ui.undoButton.clicked.connect(ctx.undo_stack.undo)
        self._can_undo, self._undo_text = ctx.undo_stack.canUndo(), ctx.undo_stack.undoText()
        ctx.undo_stack.canUndoChanged.connect(self._on_can_undo)
        ctx.undo_stack.undoTextChanged.connect(self._on_undo_text)

        # Decisions.
        for method in DecisionMethod:
            ui.methodCombo.addItem(method.label, method.value)
        for level in InvolvementLevel:
            ui.levelCombo.addItem(level.label, level.value)
        ui.levelCombo.setCurrentIndex(ui.levelCombo.findData(InvolvementLevel.CONSULT.value))
        for status in NEW_DECISION_STATUSES:
            ui.decisionStatusCombo.addItem(status.label, status.value)
        self._size_text_boxes()
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        self._flip = SplitterFlip(ui.splitter, self, SIDE_BY_SIDE_CHARS, self._narrow)
        ui.methodCombo.currentIndexChanged.connect(lambda _i: self._update_votes())
        self.decisions = ItemDecisionsModel(ctx, None, self)
        ui.decisionsView.setModel(self.decisions)
        _set_up_table(ui.decisionsView, stretch=ItemDecisionsModel.TITLE)
        self.decisions.modelReset.connect(self._fill_decision_choices)
        self.decisions.rowsInserted.connect(lambda *_: self._fill_decision_choices())
        self._decision_enter = EnterFilter(self.record_decision, self, ctrl_only=True)
        for field in (ui.decisionTitleEdit, ui.methodCombo, ui.votesForSpin, ui.votesAgainstSpin, ui.votesAbstainSpin,
                      ui.levelCombo, ui.decisionStatusCombo, ui.summaryEdit, ui.dissentEdit, ui.dissentWhoEdit):
            field.installEventFilter(self._decision_enter)
        ui.recordDecisionButton.clicked.connect(self.record_decision)

        # Actions.
        self.actions_model = ItemActionsModel(ctx, None, self)
        ui.actionsView.setModel(self.actions_model)
        _set_up_table(ui.actionsView, stretch=ItemActionsModel.TITLE)
        self._action_enter = EnterFilter(self.add_action, self, ctrl_only=True)
        for field in (ui.actionTitleEdit, ui.dueEdit, ui.actionDecisionCombo):
            field.installEventFilter(self._action_enter)
        # In Owner, Enter settles the name and Ctrl+Enter adds the action (the filter
        # installed last is asked first).
        self._owner_enter = EnterFilter(self.pick_owner, self)
        ui.ownerEdit.installEventFilter(self._owner_enter)
        ui.ownerEdit.installEventFilter(self._action_enter)
        ui.ownerEdit.returnPressed.connect(self.pick_owner)
        ui.ownerEdit.textEdited.connect(lambda _t: self._forget("owner"))
        ui.addActionButton.clicked.connect(self.add_action)
        self._tab_leaves = TabLeaves(self)
        ui.dueEdit.installEventFilter(self._tab_leaves)

        self._make_actions()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        ctx.changed.connect(self._on_changed)
        scale_font(ui.itemTitleLabel, 1.6, bold=True, base=self.font())
        scale_font(ui.timerLabel, 1.4, bold=True, base=self.font())
        self._update_undo()
        self._update_votes()
        self.show_record(None)

    # -- actions ----------------------------------------------------------------------

    def _make_actions(self) -> None:
        ui = self.ui
        self.next_action = make_action(
            self, "&Next item", self.next_item, ["Ctrl+PgDown", "Ctrl+Right"],
            tip="Mark this item finished and go to the next one",
        )
        self.previous_action = make_action(
            self, "&Previous item", self.previous_item, ["Ctrl+PgUp", "Ctrl+Left"],
            tip="Go back to the item before this one",
        )
        self.carry_action = make_action(
            self, "&Carry this item to the next meeting", self.carry_item, ["Alt+C"],
            tip="The item is not finished: put it on the next meeting's agenda",
        )
        self.decision_action = make_action(
            self, "Record a &decision", self.open_decision_form, ["Alt+D"],
            tip="Fill in the decision form; the ticked contributions are what shaped it",
        )
        self.action_action = make_action(
            self, "Add an &action", self.open_action_form, ["Alt+A"], tip="Fill in the action form: owner and due date",
        )
        self.agenda_action = make_action(self, "Show the a&genda", self.open_agenda, ["Alt+I"], tip="Show every item")
        self.restart_action = make_action(
            self, "&Restart the clock for this item", self.restart_clock, tip="Count this item's time from now",
        )
        self.finish_action = make_action(
            self, "&Finish meeting", self.finish_meeting,
            tip="Mark the current item finished and the meeting held, then go back to its workspace",
        )
        self.leave_action = make_action(
            self, "&Leave meeting mode", self.leave, ["Ctrl+Shift+M"],
            tip="Back to the meeting workspace; everything entered is already saved",
        )
        self.remove_contribution_action = make_action(
            self, "Remo&ve contribution", self.remove_contribution, ["Delete"],
            tip="Take the chosen contribution out (Ctrl+Z puts it back)",
            context=Qt.ShortcutContext.WidgetShortcut, on=[ui.contributionsView],
        )
        self.kind_actions = []
        for number, kind in enumerate(ContributionKind, start=1):
            action = make_action(
                self, f"Kind: {kind.label}", lambda kind=kind: self.set_kind(kind), [f"Alt+{number}"],
                tip=f"The contribution is: {kind.label.lower()}",
            )
            self.kind_actions.append(action)
        self.list_in_menu(self.next_action, self.previous_action, None)
        self.list_in_menu(*self.kind_actions, title="&Kind of contribution")
        self.list_in_menu(
            self.decision_action, self.action_action, self.agenda_action, None,
            self.carry_action, self.restart_action, self.remove_contribution_action, None,
            self.finish_action, self.leave_action,
        )
        bind_button(ui.nextButton, self.next_action)
        bind_button(ui.previousButton, self.previous_action)
        bind_button(ui.carryButton, self.carry_action)
        bind_button(ui.restartClockButton, self.restart_action)
        bind_button(ui.finishButton, self.finish_action)
        bind_button(ui.leaveButton, self.leave_action)
        self._narrow(self.ui.splitter.orientation() == Qt.Orientation.Vertical)
        ui.carryButton.setText("Not finished: carry to the next meeting (Alt+C)")

    # -- which meeting, which item ----------------------------------------------------

    def show_record(self, record_id: str | None) -> None:
        """Run meeting mode for a meeting (or, given an agenda item, for its meeting at
        that item); without an id, today's or the next meeting."""
        meeting, item = self.service.meeting_to_show(record_id)
        if self.meeting is None or meeting is None or meeting.id != self.meeting.id:
            self._held_on_open = meeting is not None and meeting.status not in (MeetingStatus.PLANNED,
                                                                                  MeetingStatus.CANCELLED)
            self.restart_clocks()
            self.item = None
        self.meeting = meeting
        self.agenda.set_meeting(meeting.id if meeting else None)
        self.members.set_day(meeting.day if meeting else None)
        self.ui.dueEdit.setDate(_qdate(dt.date.fromisoformat(meeting.day) + dt.timedelta(days=ACTION_DUE_DAYS))
                                if meeting else QDate.currentDate())
        self._fill_meeting()
        rows = self.agenda.rows()
        current = self.item.id if self.item and self.agenda.row_of(self.item.id) >= 0 else None
        if item is not None and self.agenda.row_of(item.id) >= 0:
            current = item.id
        if current is None and rows:
            unfinished = [r.item for r in rows if r.item.state is ItemState.OPEN]
            current = (unfinished or [rows[0].item])[0].id
        self.go_to_item(current, count_time=False)

    def focus_first(self) -> None:
        self.ui.whoEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_meeting_id(self) -> str | None:
        return self.meeting.id if self.meeting else None

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        self._tick()

    def hideEvent(self, event: QEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def _enter_item(self, item_id: str) -> None:
        """Enter on an item in the agenda list: go to it, ready to capture."""
        self.go_to_item(item_id)
        self.ui.whoEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to_item(self, item_id: str | None, *, count_time: bool = True) -> None:
        """Make ``item_id`` the current item (its clock resumes where it was)."""
        now = self.clock()
        if self.item is not None and self._item_since is not None:
            self._item_seconds[self.item.id] = self._item_seconds.get(self.item.id, 0.0) + now - self._item_since
        row = self.agenda.row_of(item_id) if item_id else -1
        self.item = self.agenda.row_at(row).item if row >= 0 else None
        self._item_since = now if self.item else None
        self.contributions.set_item(self.item.id if self.item else None)
        self.decisions.set_item(self.item.id if self.item else None)
        self.actions_model.set_item(self.item.id if self.item else None)
        if row >= 0:
            self.ui.agendaView.setCurrentIndex(self.agenda.index(row, 0))
        self._fill_item()
        self._update_sources()
        self._tick()
        if self.item and count_time:
            announce(self.ui.captureStatusLabel, f"Now: item {self.item.position}, {self.panel_text(self.item.title)}.",
                     self.ctx)
        else:  # opening meeting mode again: what was said about the last visit (ticks, saves) no longer holds
            announce(self.ui.captureStatusLabel, "")

    def _fill_meeting(self) -> None:
        ui = self.ui
        m = self.meeting
        if m is None:
            ui.meetingLabel.setText("No meeting to run yet: add one on the Meetings page.")
            return
        ui.meetingLabel.setText(f"{self.panel_text(m.title)} · {words.when_long(m.starts_at, m.planned_minutes)} · {m.ref}")

    def _fill_item(self) -> None:
        ui = self.ui
        item = self.item
        has_item = item is not None
        for widget in (ui.captureBox, ui.decisionTab, ui.actionTab):
            widget.setEnabled(has_item)
        for action in (self.carry_action, self.decision_action, self.action_action, self.restart_action):
            action.setEnabled(has_item)
        self.restart_action.setEnabled(has_item and not self.held_already())
        count = self.agenda.rowCount()
        row = self.agenda.row_of(item.id) if item else -1
        self.previous_action.setEnabled(row > 0)
        self.next_action.setEnabled(0 <= row)
        self.finish_action.setEnabled(self.meeting is not None)
        if item is None:
            ui.itemPositionLabel.setText("")
            ui.itemTitleLabel.setText("This meeting has no agenda yet." if self.meeting else "")
            ui.itemNotesLabel.setText("Add items in the meeting workspace (Ctrl+Shift+M goes back)." if self.meeting else "")
            ui.itemStateLabel.setText("")
            return
        agenda_row = self.agenda.row_at(row)
        presenter = self._presenter_line(item)
        ui.itemPositionLabel.setText(f"Item {item.position} of {count} · {item.purpose.label}{presenter}")
        ui.itemTitleLabel.setText(self.panel_text(item.title))
        ui.itemNotesLabel.setText(self.panel_text(item.notes))
        ui.itemNotesLabel.setVisible(bool(item.notes))
        state = self.agenda.text(agenda_row, AgendaModel.STATE)
        ui.itemStateLabel.setText(f"State: {state}.")
        self.carry_action.setEnabled(item.state is not ItemState.CARRIED)
        self.next_action.setText("&Next item" if row < count - 1 else "&Finish the last item")
        self.setAccessibleDescription(f"Item {item.position} of {count}: {self.panel_text(item.title)}")

    def _presenter_line(self, item: AgendaItem) -> str:
        """" · presented by ..." as the presenter's consent allows; nothing for someone
        anonymous (the room sees who presents: a label would tie them to "Anonymous
        member" on the screen)."""
        person = self.service.find(Person, item.presenter_id) if item.presenter_id else None
        if person is None or person.consent is Consent.ANONYMOUS:
            return ""
        return f" · presented by {rules.attribute(person)}"

    def _on_changed(self, tables: set[str]) -> None:
        if self.meeting is None:
            return
        if "meetings" in tables:
            fresh = self.service.find(Meeting, self.meeting.id)
            if fresh is not None:
                self.meeting = fresh
                self._fill_meeting()
        if "agenda_items" in tables and self.item is not None:
            row = self.agenda.row_of(self.item.id)
            if row >= 0:
                self.item = self.agenda.row_at(row).item
            self._fill_item()

    # -- time -------------------------------------------------------------------------

    def restart_clocks(self) -> None:
        """Start timing the meeting, and every item, from now."""
        self._item_seconds.clear()
        self._meeting_since = self.clock()
        self._item_since = self._meeting_since if self.item else None
        self._tick()

    def item_minutes(self) -> int:
        if self.item is None:
            return 0
        seconds = self._item_seconds.get(self.item.id, 0.0)
        if self._item_since is not None:
            seconds += self.clock() - self._item_since
        return max(0, int(seconds // 60))

    def held_already(self) -> bool:
        """The meeting was held before meeting mode was opened on it (someone adds to its
        record afterwards, from notes): no clocks to run."""
        return self.meeting is not None and self._held_on_open

    def timer_text(self) -> tuple[str, bool]:
        """``12 of 30 minutes``; over time: ``34 of 30 minutes: 4 minutes over``."""
        if self.item is None:
            return "", False
        if self.held_already():
            allotted = self.item.allotted_minutes
            return (f"{words.minutes(allotted)} allotted" if allotted else "No time allotted"), False
        spent = self.item_minutes()
        allotted = self.item.allotted_minutes
        if allotted is None:
            return f"{words.minutes(spent)} (no time allotted)", False
        if spent > allotted:
            return f"{spent} of {words.minutes(allotted)}: {words.minutes(spent - allotted)} over time", True
        return f"{spent} of {words.minutes(allotted)}", False

    def _tick(self) -> None:
        text, over = self.timer_text()
        if self.ui.timerLabel.accessibleName() != text:
            set_warning(self.ui.timerLabel, text, over)
        if self.held_already():
            clock = f"Held on {words.day_short(self.meeting.day)}"
            if self.ui.meetingClockLabel.text() != clock:
                self.ui.meetingClockLabel.setText(clock)
                self.ui.meetingClockLabel.setToolTip("The meeting was held: what you enter now is added to its record")
                self.ui.meetingClockLabel.setAccessibleDescription(self.ui.meetingClockLabel.toolTip())
        elif self.meeting is not None and self._meeting_since is not None:
            spent = max(0, int((self.clock() - self._meeting_since) // 60))
            planned = self.meeting.planned_minutes
            clock = f"Meeting: {spent} of {words.minutes(planned)}" if planned else f"Meeting: {words.minutes(spent)}"
            if self.ui.meetingClockLabel.text() != clock:
                self.ui.meetingClockLabel.setText(clock)

    def restart_clock(self) -> None:
        if self.item is None:
            return
        self._item_seconds[self.item.id] = 0.0
        self._item_since = self.clock()
        self._tick()
        announce(self.ui.captureStatusLabel, f"The clock for '{self.panel_text(self.item.title)}' starts again from now.",
                 self.ctx)

    # -- moving through the agenda -----------------------------------------------------

    def next_item(self) -> bool:
        """Mark the current item finished (unless it was carried) and go to the next."""
        if self.item is None:
            return False
        item = self.item
        if item.state is ItemState.OPEN and not self._set_state(item, ItemState.DONE):
            return False
        row = self.agenda.row_of(item.id)
        if row + 1 < self.agenda.rowCount():
            self.go_to_item(self.agenda.row_at(row + 1).item.id)
            self.ui.whoEdit.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        self._fill_item()
        announce(self.ui.captureStatusLabel, "That was the last item. Finish the meeting when you are ready.", self.ctx)
        return False

    def previous_item(self) -> bool:
        if self.item is None:
            return False
        row = self.agenda.row_of(self.item.id)
        if row <= 0:
            announce(self.ui.captureStatusLabel, "This is the first item.")
            return False
        self.go_to_item(self.agenda.row_at(row - 1).item.id)
        self.ui.whoEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _set_state(self, item: AgendaItem, state: ItemState) -> bool:
        before = item.state
        try:
            run_undoable(
                self.ctx,
                f"Mark '{self.panel_text(item.title)}' {state.label.lower()}",
                do=lambda: self.service.set_item_state(item.id, state),
                undo=lambda _: self.service.set_item_state(item.id, before),
            )
        except LeapError as exc:
            show_problem(self.ui.captureProblemLabel, str(exc))
            return False
        return True

    def carry_item(self) -> AgendaItem | None:
        item = self.item
        if item is None:
            return None
        try:
            copy, target = carry_undoable(self.ctx, item, self.panel_text(item.title))
        except LeapError as exc:
            show_problem(self.ui.captureProblemLabel, str(exc))
            return None
        clear_problem(self.ui.captureProblemLabel)
        announce(
            self.ui.captureStatusLabel,
            f"'{self.panel_text(item.title)}' is carried to {target.ref} ({words.day_short(target.day)}). "
            "Ctrl+Page Down for the next item.",
            self.ctx,
        )
        return copy

    def finish_meeting(self) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        if self.item is not None and self.item.state is ItemState.OPEN:
            self._set_state(self.item, ItemState.DONE)
        if meeting.status is MeetingStatus.PLANNED:
            try:
                run_undoable(
                    self.ctx,
                    f"Mark {meeting.ref} held",
                    do=lambda: self.service.set_meeting_status(meeting.id, MeetingStatus.HELD),
                    undo=lambda _: self.service.revert_meeting_status(meeting.id, MeetingStatus.PLANNED),
                )
            except LeapError as exc:
                show_problem(self.ui.captureProblemLabel, str(exc))
                return
        announce(self.ui.captureStatusLabel, f"{meeting.ref} is marked held. Everything entered is saved.", self.ctx)
        self.ctx.navigate.emit("meeting", meeting.id)

    def leave(self) -> None:
        if self.meeting is not None:
            self.ctx.navigate.emit("meeting", self.meeting.id)

    def open_agenda(self) -> None:
        self.ui.sideTabs.setCurrentWidget(self.ui.agendaTab)
        self.ui.agendaView.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- capturing contributions ------------------------------------------------------

    def set_kind(self, kind: ContributionKind) -> None:
        self.ui.kindCombo.setCurrentIndex(self.ui.kindCombo.findData(kind.value))
        announce(self.ui.captureStatusLabel, f"Kind: {kind.label}.")

    def kind(self) -> ContributionKind:
        return ContributionKind(self.ui.kindCombo.currentData())

    def _forget(self, who: str) -> None:
        if who == "speaker":
            if self.speaker and self.ui.whoEdit.text() != self.speaker.display_name:
                self.speaker = None
                self.ui.whoFoundLabel.setText("")
        elif self.owner and self.ui.ownerEdit.text() != self.owner.display_name:
            self.owner = None
            self.ui.ownerFoundLabel.setText("")

    def _resolve(self, edit: QLineEdit, found_label, what: str) -> Person | None:
        """The one person a name field names, shown beside it; or a plain reason."""
        completer = edit.completer()
        if completer is not None:
            completer.popup().hide()
        text = edit.text().strip()
        if not text:
            found_label.setText("")
            return None
        matches = self.members.matching(text)
        if len(matches) == 1:
            person = matches[0]
            edit.setText(person.display_name)
            shown = rules.attribute(person)
            note = "" if shown == person.display_name else f"; shown as “{shown}” as they asked"
            label = rules.roles_label(person.roles)
            found_label.setText(f"{person.display_name}, {label}{note}")
            found_label.setAccessibleName(found_label.text())
            return person
        if not matches:
            found_label.setText(f"No one on the panel matches “{text}”.")
        else:
            names = ", ".join(p.display_name for p in matches[:4])
            found_label.setText(f"“{text}” fits {names}: type more of the name.")
        found_label.setAccessibleName(found_label.text())
        return None

    def pick_speaker(self) -> Person | None:
        """Enter in Who: settle who spoke, then go on to what they said."""
        if self.speaker is not None and self.ui.whoEdit.text() == self.speaker.display_name:
            self.ui.textEdit.setFocus(Qt.FocusReason.TabFocusReason)
            return self.speaker
        self.speaker = self._resolve(self.ui.whoEdit, self.ui.whoFoundLabel, "who spoke")
        if self.speaker is not None:
            clear_problem(self.ui.captureProblemLabel, self.ui.whoEdit)
            self.ui.textEdit.setFocus(Qt.FocusReason.TabFocusReason)
        return self.speaker

    def save_contribution(self) -> Contribution | None:
        """Enter in What was said: save it now, and clear the form for the next one."""
        ui = self.ui
        item = self.item
        if item is None:
            return None
        if self.speaker is None or ui.whoEdit.text() != self.speaker.display_name:
            self.speaker = self._resolve(ui.whoEdit, ui.whoFoundLabel, "who spoke")
        if self.speaker is None:
            show_problem(ui.captureProblemLabel, "Say who said it: type a few letters of their name in Who, then Enter.",
                         ui.whoEdit)
            return None
        text = ui.textEdit.toPlainText()
        if not text.strip():
            show_problem(ui.captureProblemLabel, "Type what was said, then press Enter.", ui.textEdit)
            return None
        person, kind = self.speaker, self.kind()
        # What the screen says about it (the status bar, Edit > Undo) uses the label their
        # consent allows: a laptop in a meeting is often projected for the room.
        shown = rules.attribute(person)
        try:
            contribution = run_undoable(
                self.ctx,
                f"Add {kind.label.lower()} from {shown}",
                do=adding(
                    lambda: self.service.add_contribution(item.id, person.id, kind, text),
                    lambda c: self.service.restore(Contribution, c.id),
                ),
                undo=lambda c: self.service.remove_contribution(c.id),
            )
        except LeapError as exc:
            show_problem(ui.captureProblemLabel, str(exc), ui.textEdit)
            return None
        clear_problem(ui.captureProblemLabel, ui.whoEdit, ui.textEdit)
        # Clear for the next one (setText/setPlainText also clear the fields' own undo,
        # so Ctrl+Z now undoes the capture).
        ui.whoEdit.setText("")
        ui.textEdit.setPlainText("")
        ui.whoFoundLabel.setText("")
        self.speaker = None
        ui.whoEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        shown = rules.attribute(person, contribution.attribution)
        announce(
            ui.captureStatusLabel,
            f"Saved {contribution.ref}: {kind.label.lower()} from {shown}. Ctrl+Z undoes it.",
            self.ctx,
        )
        return contribution

    def current_contribution(self) -> Contribution | None:
        index = self.ui.contributionsView.currentIndex()
        return self.contributions.row_at(index.row()) if index.isValid() else None

    def edit_contribution(self, contribution_id: str, field: str, value: Any) -> Contribution | None:
        """Correct what was said, or its kind, in place: one undoable change."""
        current = self.service.get(Contribution, contribution_id)
        before = getattr(current, field)
        what = "what was said" if field == "text" else "the kind"
        try:
            updated = run_undoable(
                self.ctx,
                f"Correct {what} in {current.ref}",
                do=lambda: self.service.edit_contribution(contribution_id, **{field: value}),
                undo=lambda _: self.service.edit_contribution(contribution_id, **{field: before}),
            )
        except LeapError as exc:
            show_problem(self.ui.captureProblemLabel, str(exc))
            return None
        clear_problem(self.ui.captureProblemLabel)
        announce(self.ui.captureStatusLabel, f"Corrected {what} in {updated.ref}. Ctrl+Z undoes it.", self.ctx)
        return updated

    def remove_contribution(self) -> bool:
        contribution = self.current_contribution()
        if contribution is None:
            return False
        try:
            run_undoable(
                self.ctx,
                f"Remove {contribution.ref}",
                do=lambda: self.service.remove_contribution(contribution.id),
                undo=lambda _: self.service.restore(Contribution, contribution.id),
            )
        except LeapError as exc:
            show_problem(self.ui.captureProblemLabel, str(exc))
            return False
        clear_problem(self.ui.captureProblemLabel)
        announce(self.ui.captureStatusLabel, f"Removed {contribution.ref}. Ctrl+Z puts it back.", self.ctx)
        return True

    def _on_contribution_added(self, _parent: QModelIndex, _first: int, last: int) -> None:
        self.ui.contributionsView.scrollTo(self.contributions.index(last, 0))

    def _on_can_undo(self, can: bool) -> None:
        self._can_undo = can
        self._update_undo()

    def _on_undo_text(self, text: str) -> None:
        self._undo_text = text
        self._update_undo()

    def _update_undo(self) -> None:
        self.ui.undoButton.setEnabled(self._can_undo)
        text = f"Undo: {self._undo_text}" if self._can_undo else "Nothing to undo"
        self.ui.undoButton.setToolTip(f"{text} (Ctrl+Z)")
        self.ui.undoButton.setAccessibleDescription(text)

    # -- decisions --------------------------------------------------------------------

    def open_decision_form(self) -> None:
        self.ui.sideTabs.setCurrentWidget(self.ui.decisionTab)
        self.ui.decisionTitleEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_votes(self) -> None:
        vote = self.ui.methodCombo.currentData() == DecisionMethod.VOTE.value
        self.ui.votesRow.setEnabled(vote)
        self.ui.votesLabel.setText("Votes" if vote else "Votes (for a vote only)")

    def _update_sources(self) -> None:
        ticked = self.contributions.ticked()
        if not ticked:
            text = ("Shaped by: nothing ticked yet. Tick the contributions that shaped it in the list on the left "
                    "(Space ticks the chosen one).")
        else:
            parts = [f"{c.ref} ({self.contributions.said_by(c)})" for c in ticked]
            text = f"Shaped by {words.plural(len(ticked), 'contribution')}: {', '.join(parts)}."
        self.ui.sourcesLabel.setText(text)
        self.ui.sourcesLabel.setAccessibleName(text)

    def record_decision(self):
        """Save the decision, with the ticked contributions as its sources (one change)."""
        ui = self.ui
        item = self.item
        if item is None:
            return None
        method = ui.methodCombo.currentData()
        values: dict[str, Any] = {
            "title": ui.decisionTitleEdit.text(),
            "item_id": item.id,
            "method": method,
            "level": ui.levelCombo.currentData(),
            "status": ui.decisionStatusCombo.currentData(),
            "summary": ui.summaryEdit.toPlainText(),
        }
        if method == DecisionMethod.VOTE.value:
            values.update(votes_for=ui.votesForSpin.value(), votes_against=ui.votesAgainstSpin.value(),
                          votes_abstain=ui.votesAbstainSpin.value())
        dissent_text = ui.dissentEdit.toPlainText().strip()
        dissenter = None
        if ui.dissentWhoEdit.text().strip():
            dissenter = self._resolve(ui.dissentWhoEdit, ui.decisionProblemLabel, "who disagreed")
            if dissenter is None:
                show_problem(ui.decisionProblemLabel, ui.decisionProblemLabel.text() or "Who disagreed?", ui.dissentWhoEdit)
                return None
            if not dissent_text:
                show_problem(ui.decisionProblemLabel, "Say what the disagreement was, in Dissent.", ui.dissentEdit)
                return None
        sources = [c.id for c in self.contributions.ticked()]
        fields = {"title": ui.decisionTitleEdit, "method": ui.methodCombo, "votes_for": ui.votesForSpin,
                  "status": ui.decisionStatusCombo, "summary": ui.summaryEdit}
        try:
            decision = self.service.record_decision(
                sources=sources,
                dissent=[(dissenter.id if dissenter else None, dissent_text)] if dissent_text else [],
                **values,
            )
        except LeapError as exc:
            field = fields.get(getattr(exc, "field", None) or "", ui.decisionTitleEdit)
            show_problem(ui.decisionProblemLabel, str(exc), field)
            return None
        clear_problem(ui.decisionProblemLabel, *fields.values())
        ui.decisionTitleEdit.setText("")
        ui.summaryEdit.setPlainText("")
        ui.dissentEdit.setPlainText("")
        ui.dissentWhoEdit.setText("")
        for spin in (ui.votesForSpin, ui.votesAgainstSpin, ui.votesAbstainSpin):
            spin.setValue(0)
        self.contributions.clear_ticks()
        shaped = words.plural(len(sources), "contribution")
        announce(
            ui.captureStatusLabel,
            f"Recorded {decision.ref}: {decision.status.label.lower()}, shaped by {shaped}. "
            "Decisions stay in the log; change one later from the decision log.",
            self.ctx,
        )
        ui.whoEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        return decision

    def _fill_decision_choices(self) -> None:
        combo = self.ui.actionDecisionCombo
        current = combo.currentData()
        combo.clear()
        combo.addItem("Not from a decision", None)
        for decision in self.decisions.rows():
            combo.addItem(f"{decision.ref}: {self.panel_text(decision.title)}", decision.id)
        index = combo.findData(current) if current else -1
        combo.setCurrentIndex(index if index >= 0 else (combo.count() - 1 if combo.count() > 1 else 0))

    # -- actions ----------------------------------------------------------------------

    def open_action_form(self) -> None:
        self.ui.sideTabs.setCurrentWidget(self.ui.actionTab)
        self.ui.actionTitleEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def pick_owner(self) -> Person | None:
        if self.owner is not None and self.ui.ownerEdit.text() == self.owner.display_name:
            self.ui.dueEdit.setFocus(Qt.FocusReason.TabFocusReason)
            return self.owner
        self.owner = self._resolve(self.ui.ownerEdit, self.ui.ownerFoundLabel, "owner")
        if self.owner is not None:
            self.ui.dueEdit.setFocus(Qt.FocusReason.TabFocusReason)
        return self.owner

    def add_action(self) -> Action | None:
        ui = self.ui
        item = self.item
        if item is None:
            return None
        if self.owner is None or ui.ownerEdit.text() != self.owner.display_name:
            self.owner = self._resolve(ui.ownerEdit, ui.ownerFoundLabel, "owner")
        if self.owner is None:
            show_problem(ui.actionProblemLabel, "Say who will do it: a few letters of their name in Owner.", ui.ownerEdit)
            return None
        owner = self.owner
        shown = rules.attribute(owner)  # as their consent allows (the screen may be projected)
        values = {
            "title": ui.actionTitleEdit.text(),
            "owner_id": owner.id,
            "due_on": ui.dueEdit.date().toString("yyyy-MM-dd"),
            "item_id": item.id,
            "decision_id": ui.actionDecisionCombo.currentData(),
        }
        try:
            action = run_undoable(
                self.ctx,
                f"Add an action for {shown}",
                do=adding(lambda: self.service.add_action(**values), lambda a: self.service.restore(Action, a.id)),
                undo=lambda a: self.service.remove_action(a.id),
            )
        except LeapError as exc:
            field = {"title": ui.actionTitleEdit, "due_on": ui.dueEdit}.get(getattr(exc, "field", None) or "", ui.actionTitleEdit)
            show_problem(ui.actionProblemLabel, str(exc), field)
            return None
        clear_problem(ui.actionProblemLabel, ui.actionTitleEdit, ui.ownerEdit)
        ui.actionTitleEdit.setText("")
        ui.ownerEdit.setText("")
        ui.ownerFoundLabel.setText("")
        self.owner = None
        announce(
            ui.captureStatusLabel,
            f"Added {action.ref} for {shown}, due {words.day_short(action.due_on)}. Ctrl+Z undoes it.",
            self.ctx,
        )
        ui.actionTitleEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        return action

    def _narrow(self, narrow: bool) -> None:
        """On a narrow page (large text), the item buttons leave their keys to their
        tooltips and the menu, so the item's title keeps the room."""
        ui = self.ui
        ui.nextButton.setText("Next item ▶" if narrow else "Next item ▶ (Ctrl+Page Down)")
        ui.previousButton.setText("◀ Previous item" if narrow else "◀ Previous item (Ctrl+Page Up)")

    def _size_text_boxes(self) -> None:
        """Text boxes a few lines high, in lines of the current text size."""
        ui = self.ui
        lines = ui.summaryEdit.fontMetrics().lineSpacing()
        for box, count in ((ui.summaryEdit, 4), (ui.dissentEdit, 3), (ui.textEdit, 5)):
            box.setMaximumHeight(lines * count + 12)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "ui"):
            scale_font(self.ui.itemTitleLabel, 1.6, bold=True, base=self.font())
            scale_font(self.ui.timerLabel, 1.4, bold=True, base=self.font())
            self._size_text_boxes()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "timer"):
            self.ui.timerLabel.setAccessibleName("")  # redraw the warning in the new theme's colour
            self._tick()


class _ContributionDelegate(QStyledItemDelegate):
    """Edits a contribution in place: a list of kinds, or a text box where Enter saves
    and Shift+Enter starts a new line (as when capturing)."""

    def createEditor(self, parent: QWidget, option, index):  # type: ignore[no-untyped-def]
        if index.column() == ContributionsModel.KIND:
            combo = QComboBox(parent)
            for kind in ContributionKind:
                combo.addItem(kind.label, kind.value)
            combo.setAccessibleName("Kind of contribution")
            return combo
        if index.column() == ContributionsModel.TEXT:
            box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)
            box.setAccessibleName("What was said")
            box.setAccessibleDescription("Enter saves the correction; Shift+Enter starts a new line; Escape cancels")
            box.installEventFilter(self)
            return box
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index) -> None:  # type: ignore[no-untyped-def]
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index) -> None:  # type: ignore[no-untyped-def]
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:  # type: ignore[no-untyped-def]
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
        ):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)




class _SpaceTicks(QObject):
    """Space on a contribution ticks or unticks it, whichever column is current."""

    def __init__(self, page: MeetingMode):
        super().__init__(page)
        self.page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space:  # type: ignore[attr-defined]
            index = watched.currentIndex()  # type: ignore[attr-defined]
            if index.isValid():
                model = self.page.contributions
                contribution = model.row_at(index.row())
                model.set_ticked(contribution.id, contribution not in model.ticked())
                ticked = "ticked" if contribution in model.ticked() else "not ticked"
                announce(self.page.ui.captureStatusLabel, f"{contribution.ref} {ticked} as shaping the decision.")
                return True
        return False


def _short(kind: ContributionKind) -> str:
    return "insight" if kind is ContributionKind.INSIGHT else kind.label.lower()


def _completer(model: MemberChoicesModel, edit: QLineEdit) -> QCompleter:
    completer = QCompleter(model, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    edit.setCompleter(completer)
    return completer


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _set_up_table(view: QTableView, *, stretch: int, row_heights: bool = True, wrap: tuple[int, ...] = ()) -> TableFit:
    """Columns as wide as their words; ``stretch`` takes the rest, never fewer than 24
    characters (a narrow pane scrolls sideways rather than squeezing what was said)."""
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    return TableFit(view, {}, stretch, 24, fit_contents=True, row_heights=row_heights, wrap=wrap)
