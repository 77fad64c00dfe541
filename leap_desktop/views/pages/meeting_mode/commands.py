"""Meeting mode's commands: the page's menu, its keys and the buttons behind them.

A mix-in for :class:`~.page.MeetingMode`: the commands call the page's own methods
(next item, carry, finish, ...) and the parts' (kinds, removing a contribution)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ....domain.vocab import ContributionKind
from ...partials.meeting_kit import make_action
from ...shell.actions import with_key
from ..base import bind_button


class MeetingModeCommands:
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
            self, "Remo&ve contribution", self.listing.remove_contribution, ["Delete"],
            tip="Take the chosen contribution out (Ctrl+Z puts it back)",
            context=Qt.ShortcutContext.WidgetShortcut, on=[self.listing.view],
        )
        self.kind_actions = []
        letters: set[str] = set()  # each kind its own Alt letter in the menu
        for number, kind in enumerate(ContributionKind, start=1):
            action = make_action(
                self, f"Kind: {with_key(kind.label, letters)}", lambda kind=kind: self.set_kind(kind), [f"Alt+{number}"],
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
        self._narrow(ui.splitter.orientation() == Qt.Orientation.Vertical)
        ui.carryButton.setText("Not finished: carry to the next meeting (Alt+C)")
