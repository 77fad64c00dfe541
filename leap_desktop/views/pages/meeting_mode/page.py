"""Meeting mode: live capture during a meeting, item by item.

Built for a facilitator or note-taker typing while people talk: the current item
with its time (elapsed against allotted, in words), and a contribution captured in a
few keystrokes: a few letters of who spoke, Enter, what they said, Enter. Every
contribution, decision, action and item change is saved the moment it is entered,
each as one transaction, so a crash or a flat battery loses nothing entered before
the last Enter. Ctrl+Z undoes a capture.

Keys: Enter saves (Shift+Enter for a new line); Alt+1..8 choose the kind of
contribution; Ctrl+Page Down / Ctrl+Page Up (or Ctrl+Right / Ctrl+Left outside a
text box) go to the next / previous item, marking the item finished; Alt+C carries an
unfinished item to the next meeting; Alt+D and Alt+A open the decision and action
forms, Ctrl+Enter saves them; Alt+I shows the agenda.

The page composes its parts, each with its own widgets of the one form and its own
job, reporting back by signals: the header and its clocks (``header.py``), capture
(``capture.py``), the contributions list (``contributions.py``), the decision and
action forms, and the agenda with the changes moving through it makes (``agenda.py``).
This module wires them, keeps the current item, and owns the page's commands.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

from ....domain.model import AgendaItem, Meeting
from ....domain.vocab import ContributionKind, ItemState
from ....models.member_choices import MemberChoicesModel
from ....models.context import AppContext
from ...partials.forms import load_form
from ...partials.meeting_kit import UndoKeys
from ..base import Page
from ...partials.screen_fit import bring_into_view
from ...partials.feedback import announce
from ...partials.widgets import SplitterFlip
from .action_form import ActionForm
from .agenda import AgendaList, ItemSteps
from .capture import CaptureForm
from .commands import MeetingModeCommands
from .contributions import ContributionsList
from .decision_form import DecisionForm
from .header import MeetingHeader

#: The contributions and the decision and action forms sit side by side when the page
#: is this many characters wide (of the current text size), one above the other if not.
SIDE_BY_SIDE_CHARS = 150


class MeetingMode(UndoKeys, MeetingModeCommands, Page):
    PAGE_ID = "meeting_mode"
    TITLE = "Meeting mode"
    FORM = "meeting_mode.ui"
    #: The page's own widgets; each part names its own (see PARTS).
    OWN_WIDGETS = ("finishButton", "leaveButton", "previousButton", "nextButton", "carryButton",
                   "splitter", "sideTabs", "captureStatusLabel", "bodyScroller", "bodyPane")
    PARTS = (MeetingHeader, CaptureForm, ContributionsList, DecisionForm, ActionForm, AgendaList)
    WIDGETS = OWN_WIDGETS + tuple(name for part in PARTS for name in part.WIDGETS)
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
        self.ui = form = load_form(self.FORM, self)
        form.captureStatusLabel.hide()

        # The parts, each handed the form (it takes its own widgets) and what it needs.
        self.agenda_list = AgendaList(ctx, form, self)
        self.agenda = self.agenda_list.model
        self.panel_text = self.agenda_list.panel_text
        self.header = MeetingHeader(ctx, form, self.agenda, self.panel_text, self)
        self.listing = ContributionsList(ctx, form, self)
        self.members = MemberChoicesModel(ctx, parent=self)  # for who spoke, owners and who disagreed
        self.capture = CaptureForm(ctx, form, self.members, self)
        self.decision_form = DecisionForm(ctx, form, self.members, self.listing.model, self)
        self.action_form = ActionForm(ctx, form, self.members, self.decision_form.model, self.panel_text, self)
        self.steps = ItemSteps(ctx, form, self.panel_text, self)
        # The current item's lists, as the parts keep them.
        self.contributions = self.listing.model
        self.decisions = self.decision_form.model
        self.actions_model = self.action_form.model

        # What the parts report.
        for part in (self.agenda_list, self.header, self.listing, self.capture, self.decision_form,
                     self.action_form, self.steps):
            part.announced.connect(self._say)
            part.problem.connect(self.capture.show_refusal)
        self.agenda_list.chosen.connect(self._on_item_chosen)
        self.decision_form.recorded.connect(lambda _decision: self.capture.focus())

        form.splitter.setStretchFactor(0, 3)
        form.splitter.setStretchFactor(1, 2)
        self._flip = SplitterFlip(form.splitter, self, SIDE_BY_SIDE_CHARS, self._narrow)
        self._make_actions()
        # The header (the item, its clock, Previous and Next) stays put; the rest scrolls
        # under it when the window is short (a 1366x768 laptop, large text), following
        # the keyboard (while the page is shown: see showEvent).
        self._following_focus = False
        ctx.changed.connect(self._on_changed)
        self.header.fit_text_size(self.font())
        self.show_record(None)

    def _say(self, text: str, status_bar: bool = True) -> None:
        announce(self.ui.captureStatusLabel, text, self.ctx if status_bar else None)

    # -- which meeting, which item ----------------------------------------------------

    def show_record(self, record_id: str | None) -> None:
        """Run meeting mode for a meeting (or, given an agenda item, for its meeting at
        that item); without an id, today's or the next meeting."""
        meeting, item = self.service.meeting_to_show(record_id)
        if self.meeting is None or meeting is None or meeting.id != self.meeting.id:
            self.header.open_meeting(meeting)
            self.item = None
        self.meeting = meeting
        self.agenda.set_meeting(meeting.id if meeting else None)
        self.members.set_day(meeting.day if meeting else None)
        self.members.set_meeting(meeting.id if meeting else None)  # those present first in the name lists
        self.action_form.set_meeting(meeting)
        self.header.show_meeting(meeting)
        rows = self.agenda.rows()
        current = self.item.id if self.item and self.agenda.row_of(self.item.id) >= 0 else None
        if item is not None and self.agenda.row_of(item.id) >= 0:
            current = item.id
        if current is None and rows:
            unfinished = [r.item for r in rows if r.item.state is ItemState.OPEN]
            current = (unfinished or [rows[0].item])[0].id
        self.go_to_item(current, count_time=False)

    def focus_first(self) -> None:
        self.capture.focus()

    def current_meeting_id(self) -> str | None:
        return self.meeting.id if self.meeting else None

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.header.timer.start()
        self.header.tick()
        if not self._following_focus:
            QApplication.instance().focusChanged.connect(self._keep_focus_in_view)
            self._following_focus = True

    def hideEvent(self, event: QEvent) -> None:
        super().hideEvent(event)
        self.header.timer.stop()
        if self._following_focus:
            QApplication.instance().focusChanged.disconnect(self._keep_focus_in_view)
            self._following_focus = False

    def _on_item_chosen(self, item_id: str, capture: bool) -> None:
        """An item chosen in the agenda list: go to it (Enter: ready to capture)."""
        self.go_to_item(item_id)
        if capture:
            self.capture.focus()

    def go_to_item(self, item_id: str | None, *, count_time: bool = True) -> None:
        """Make ``item_id`` the current item (its clock resumes where it was)."""
        row = self.agenda.row_of(item_id) if item_id else -1
        if self.item is None or self.item.id != item_id:
            self.capture.show_refusal("")  # a refusal about the item left behind no longer holds
        self.item = self.agenda.row_at(row).item if row >= 0 else None
        self.header.go_to(self.item)
        self.capture.set_item(self.item)
        self.listing.set_item(self.item.id if self.item else None)
        self.decision_form.set_item(self.item)
        self.action_form.set_item(self.item)
        if row >= 0:
            self.agenda_list.show_row(row)
        self._fill_item()
        self.decision_form.show_sources()
        self.header.tick()
        if self.item and count_time:
            self._say(f"Now: item {self.item.position}, {self.panel_text(self.item.title)}.")
        else:  # opening meeting mode again: what was said about the last visit (ticks, saves) no longer holds
            self._say("")

    def _fill_item(self) -> None:
        item = self.item
        has_item = item is not None
        for part in (self.capture, self.decision_form, self.action_form):
            part.set_enabled(has_item)
        for action in (self.carry_action, self.decision_action, self.action_action, self.restart_action):
            action.setEnabled(has_item)
        self.restart_action.setEnabled(has_item and not self.header.held_already())
        count = self.agenda.rowCount()
        row = self.agenda.row_of(item.id) if item else -1
        self.previous_action.setEnabled(row > 0)
        self.next_action.setEnabled(0 <= row)
        self.finish_action.setEnabled(self.meeting is not None)
        self.header.show_item(item)
        if item is None:
            return
        self.carry_action.setEnabled(item.state is not ItemState.CARRIED)
        # Beside "State: Finished." the button must not say "Not finished".
        self.ui.carryButton.setText("Not finished: carry to the next meeting (Alt+C)" if item.state is ItemState.OPEN
                                    else "Carry to the next meeting after all (Alt+C)")
        self.ui.carryButton.setVisible(item.state is not ItemState.CARRIED)  # the state says where it went
        self.next_action.setText("&Next item" if row < count - 1 else "&Next: finish the last item")
        self.setAccessibleDescription(f"Item {item.position} of {count}: {self.panel_text(item.title)}")

    def _on_changed(self, tables: set[str]) -> None:
        if self.meeting is None:
            return
        if "meetings" in tables:
            fresh = self.service.find(Meeting, self.meeting.id)
            if fresh is not None:
                self.meeting = fresh
                self.header.show_meeting(fresh)
        if "agenda_items" in tables and self.item is not None:
            row = self.agenda.row_of(self.item.id)
            if row >= 0:
                self.item = self.agenda.row_at(row).item
            self._fill_item()

    # -- the page's commands ----------------------------------------------------------

    def next_item(self) -> bool:
        """Mark the current item finished (unless it was carried) and go to the next."""
        if self.item is None:
            return False
        item = self.item
        if item.state is ItemState.OPEN and not self.steps.set_state(item, ItemState.DONE):
            return False
        row = self.agenda.row_of(item.id)
        if row + 1 < self.agenda.rowCount():
            self.go_to_item(self.agenda.row_at(row + 1).item.id)
            self.capture.focus()
            return True
        self._fill_item()
        self._say("That was the last item. Finish the meeting when you are ready.")
        return False

    def previous_item(self) -> bool:
        if self.item is None:
            return False
        row = self.agenda.row_of(self.item.id)
        if row <= 0:
            self._say("This is the first item.", status_bar=False)
            return False
        self.go_to_item(self.agenda.row_at(row - 1).item.id)
        self.capture.focus()
        return True

    def carry_item(self) -> AgendaItem | None:
        return self.steps.carry(self.item) if self.item is not None else None

    def finish_meeting(self) -> None:
        meeting = self.meeting
        if meeting is not None and self.steps.finish(meeting, self.item):
            self.ctx.navigate.emit("meeting", meeting.id)

    def leave(self) -> None:
        if self.meeting is not None:
            self.ctx.navigate.emit("meeting", self.meeting.id)

    def restart_clock(self) -> None:
        self.header.restart_item_clock()

    def set_kind(self, kind: ContributionKind) -> None:
        self.capture.set_kind(kind)

    def open_decision_form(self) -> None:
        self.ui.sideTabs.setCurrentWidget(self.decision_form.tab)
        self.decision_form.focus()

    def open_action_form(self) -> None:
        self.ui.sideTabs.setCurrentWidget(self.action_form.tab)
        self.action_form.focus()

    def open_agenda(self) -> None:
        self.ui.sideTabs.setCurrentWidget(self.agenda_list.tab)
        self.agenda_list.focus()

    # -- looks ------------------------------------------------------------------------

    def _keep_focus_in_view(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not shiboken6.isValid(self) or not shiboken6.isValid(new):
            return
        if self.ui.bodyPane.isAncestorOf(new):
            bring_into_view(self.ui.bodyScroller, new)

    def _narrow(self, narrow: bool) -> None:
        """On a narrow page (large text), the item buttons leave their keys to their
        tooltips and the menu, so the item's title keeps the room; the meeting's line
        takes a row of its own, and the title and clock grow less, so the header stays
        a few lines high and the item's contributions have the rest."""
        ui = self.ui
        ui.nextButton.setText("Next item ▶" if narrow else "Next item ▶ (Ctrl+Page Down)")
        ui.previousButton.setText("◀ Previous item" if narrow else "◀ Previous item (Ctrl+Page Up)")
        top_bar, page_layout = ui.findChild(QHBoxLayout, "topBar"), ui.layout()
        if top_bar is not None and page_layout is not None:
            label = ui.meetingLabel
            in_top_bar = top_bar.indexOf(label) >= 0
            if narrow and in_top_bar:
                top_bar.removeWidget(label)
                top_bar.insertStretch(0, 1)  # the clock and the buttons to the right, as before
                page_layout.insertWidget(0, label)
            elif not narrow and not in_top_bar:
                page_layout.removeWidget(label)
                top_bar.takeAt(0)  # the stretch
                top_bar.insertWidget(0, label, 1)
        if hasattr(self, "header"):
            self.header.compact = narrow
            self.header.fit_text_size(self.font())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "header"):
            self.header.fit_text_size(self.font())
            self.capture.fit_text_size()
            self.decision_form.fit_text_size()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "header"):
            self.header.redraw_warning()  # the warning in the new theme's colour
