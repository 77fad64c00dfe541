"""The action form: an action on the current item, with its owner (a few letters of a
name, Enter), a due date (four weeks after the meeting, to start with) and the
decision it comes from. Ctrl+Enter adds it, as one undoable change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from ....domain import rules
from ....domain.errors import LeapError
from ....domain.model import Action, AgendaItem, Meeting, Person
from .... import words
from ....models.item_records import ItemActionsModel, ItemDecisionsModel
from ....models.member_choices import MemberChoicesModel
from ....models.context import AppContext
from ...partials.meeting_kit import EnterFilter, TabLeaves, pass_undo_through
from ...partials.feedback import clear_problem, remember_descriptions, show_problem
from ...partials.mention_completer import attach_mentions
from ...partials.form_part import FormPart
from ...partials.person_picker import PersonPicker
from ...partials.undo import adding, run_undoable
from ...partials.widgets import DayField, prepare_table

#: Days from the meeting to an action's suggested due date.
ACTION_DUE_DAYS = 28


class ActionForm(FormPart):
    WIDGETS = ("actionTab", "actionTitleEdit", "ownerEdit", "ownerFoundLabel", "dueEdit", "dueHint",
               "actionDecisionCombo",
               "addActionButton", "actionProblemLabel", "actionsView")

    def __init__(self, ctx: AppContext, form: QWidget, members: MemberChoicesModel, decisions: ItemDecisionsModel,
                 panel_text: Callable[[str | None], str], parent: QObject | None = None):
        """``decisions``: the current item's, that an action may come from."""
        super().__init__(ctx, form, parent)
        ui = self.ui
        ui.actionProblemLabel.hide()
        self.item: AgendaItem | None = None
        self.decisions, self.panel_text = decisions, panel_text
        self._undo_pass = pass_undo_through(ctx, self, [ui.actionTitleEdit, ui.ownerEdit])
        self.model = ItemActionsModel(ctx, None, self)
        ui.actionsView.setModel(self.model)
        prepare_table(ui.actionsView, stretch_column=ItemActionsModel.TITLE, stretch_min=24, list_look=False,
                      fit_contents=True)
        decisions.modelReset.connect(self._fill_decision_choices)
        decisions.rowsInserted.connect(lambda *_: self._fill_decision_choices())
        # Typed as people write dates, read back in words below (views/partials/date_entry.py).
        self.due = DayField(ui.dueEdit, ui.dueHint, "due_on", empty="No due date", today=ctx.service.today,
                            ahead=True)
        self._enter = EnterFilter(self.add_action, self, ctrl_only=True)
        for field in (ui.actionTitleEdit, ui.dueEdit, ui.actionDecisionCombo):
            field.installEventFilter(self._enter)
        # In Owner, Enter settles the name and Ctrl+Enter adds the action (the filter
        # installed last is asked first).
        self.owner = PersonPicker(members, ui.ownerEdit, ui.ownerFoundLabel, parent=self)
        self.owner.chosen.connect(lambda _person, _now: ui.dueEdit.setFocus(Qt.FocusReason.TabFocusReason))
        ui.ownerEdit.installEventFilter(self._enter)
        ui.addActionButton.clicked.connect(self.add_action)
        self._tab_leaves = TabLeaves(self)
        ui.dueEdit.installEventFilter(self._tab_leaves)
        self.mentions = attach_mentions(ctx.service, ui.actionTitleEdit, panel_facing=True)
        remember_descriptions([ui.actionTitleEdit, ui.ownerEdit, ui.dueEdit])

    def set_meeting(self, meeting: Meeting | None) -> None:
        """Actions from this meeting are due, to start with, four weeks after it."""
        if meeting is None:
            self.due.set_value(self.service.today())
            return
        due = dt.date.fromisoformat(meeting.day) + dt.timedelta(days=ACTION_DUE_DAYS)
        self.due.set_value(due.isoformat())

    def set_item(self, item: AgendaItem | None) -> None:
        self.item = item
        self.model.set_item(item.id if item else None)

    def set_enabled(self, enabled: bool) -> None:
        self.ui.actionTab.setEnabled(enabled)

    @property
    def tab(self) -> QWidget:
        return self.ui.actionTab

    def focus(self) -> None:
        self.ui.actionTitleEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fill_decision_choices(self) -> None:
        combo = self.ui.actionDecisionCombo
        current = combo.currentData()
        combo.clear()
        combo.addItem("Not from a decision", None)
        for decision in self.decisions.rows():
            combo.addItem(f"{decision.ref}: {self.panel_text(decision.title)}", decision.id)
        index = combo.findData(current) if current else -1
        combo.setCurrentIndex(index if index >= 0 else (combo.count() - 1 if combo.count() > 1 else 0))

    def add_action(self) -> Action | None:
        ui = self.ui
        item = self.item
        if item is None:
            return None
        owner: Person | None = self.owner.current()
        if owner is None:
            show_problem(ui.actionProblemLabel, "Say who will do it: a few letters of their name in Owner.", ui.ownerEdit)
            return None
        shown = rules.attribute(owner)  # as their consent allows (the screen may be projected)
        try:
            due_on = self.due.value()
        except LeapError as exc:
            show_problem(ui.actionProblemLabel, str(exc), ui.dueEdit)
            return None
        values = {
            "title": ui.actionTitleEdit.text(),
            "owner_id": owner.id,
            "due_on": due_on,
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
            field = {"title": ui.actionTitleEdit, "due_on": ui.dueEdit}.get(getattr(exc, "field", None) or "",
                                                                          ui.actionTitleEdit)
            show_problem(ui.actionProblemLabel, str(exc), field)
            return None
        clear_problem(ui.actionProblemLabel, ui.actionTitleEdit, ui.ownerEdit, ui.dueEdit)
        ui.actionTitleEdit.setText("")
        self.owner.clear()
        self.say(f"Added {action.ref} for {shown}, due {words.day_short(action.due_on)}. Ctrl+Z undoes it.")
        ui.actionTitleEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        return action
