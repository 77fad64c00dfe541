"""Actions: by owner, due date and status; mark done with what was done, drop, reopen."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ...domain.model import Action
from ...domain.vocab import ActionStatus
from ...models.actions import SHOWS, ActionLine, ActionsModel, due_text, status_text
from ...models.roles import RowRole, SortRole
from ...models.format import panel_choices
from ...words import plural
from ..dialogs.actions import ActionDialog, CloseActionDialog
from ...models.context import AppContext
from ..partials.edits import change_records
from ..dialogs.export import ExportActionsDialog
from ..partials.flow import flow_rows
from ..partials.forms import load_form
from .base import Page
from ..partials.widgets import compact_combo, prepare_table, select_row, set_combo_data


class ActionsPage(Page):
    PAGE_ID = "actions"
    TITLE = "Actions"
    FORM = "actions_page.ui"
    WIDGETS = ("heading", "intro", "showCombo", "ownerCombo", "addButton", "doneButton", "progressButton",
               "dropButton", "reopenButton", "actionsTable", "detailLabel", "countLabel")
    MENU = "&Actions"
    TABLES = frozenset({"actions", "people", "decisions"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        self.model = ActionsModel(ctx, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        table = ui.actionsTable
        table.setModel(self.proxy)
        self.columns = prepare_table(table, stretch_column=ActionsModel.TITLE, widths={
            ActionsModel.REF: 6, ActionsModel.OWNER: 20, ActionsModel.DUE: 42,
            ActionsModel.STATUS: 26, ActionsModel.OUTCOME: 30, ActionsModel.DECISION: 8})
        table.setSortingEnabled(True)
        table.sortByColumn(ActionsModel.DUE, Qt.SortOrder.AscendingOrder)
        table.horizontalHeader().setSortIndicatorShown(True)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.activated.connect(lambda _index: self._open_decision())

        compact_combo(ui.ownerCombo, 18)
        for key, (label, _statuses, _overdue) in SHOWS.items():
            ui.showCombo.addItem(label, key)
        self._fill_owners()
        ui.showCombo.currentIndexChanged.connect(lambda _i: self.refresh())
        ui.ownerCombo.currentIndexChanged.connect(lambda _i: self.refresh())

        has = self._current_status_in
        self.add_action = self.page_action(
            "&Add an action…", self.add, shortcut="Ctrl+Shift+N",
            description="Add a new action with an owner and a due date", button=ui.addButton)
        self.add_menu_separator()
        self.done_action = self.page_action(
            "Mark &done…", lambda: self.close_action(ActionStatus.DONE), shortcut="Ctrl+D",
            description="Record that the selected action is done, and what was done", button=ui.doneButton,
            enabled_when=lambda: has(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        self.progress_action = self.page_action(
            "Mark in &progress", self.mark_in_progress, shortcut="Ctrl+Shift+P",
            description="Record that work on the selected action has started", button=ui.progressButton,
            enabled_when=lambda: has(ActionStatus.OPEN))
        self.drop_action = self.page_action(
            "D&rop…", lambda: self.close_action(ActionStatus.DROPPED), shortcut="Ctrl+Shift+Delete",
            description="Drop the selected action, saying why", button=ui.dropButton,
            enabled_when=lambda: has(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        self.reopen_action = self.page_action(
            "Re&open", self.reopen, shortcut="Ctrl+Shift+O",
            description="Open the selected action again", button=ui.reopenButton,
            enabled_when=lambda: has(ActionStatus.DONE, ActionStatus.DROPPED))
        self.add_menu_separator()
        self.decision_action = self.page_action(
            "&Show its decision", self._open_decision, shortcut="Ctrl+Return",
            description="Open the decision the selected action carries out, in the decision log",
            enabled_when=lambda: (line := self.current_line()) is not None and line.row.decision_number is not None)
        self.add_menu_separator()
        self.export_action = self.page_action(
            "&Export the action list…", self.export,
            description="Write the actions shown now (this Show and Owner) as a CSV file for a spreadsheet")
        # With large text the filters and the buttons go on to more lines.
        flow_rows(self, ui.layout(), ui.findChild(QHBoxLayout, "filterRow"), ui.findChild(QHBoxLayout, "commandRow"))
        self.refresh()

    # -- what is shown ---------------------------------------------------------------------------

    def _fill_owners(self) -> None:
        combo = self.ui.ownerCombo
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Anyone", None)
        for label, person_id in panel_choices(self.ctx.service.people()):  # never people who are not named
            combo.addItem(label, person_id)
        set_combo_data(combo, keep)
        combo.blockSignals(False)

    def refresh(self) -> None:
        keep = self.current()
        self._fill_owners()
        show = self.ui.showCombo.currentData()
        self.model.set_filter(show=show, owner_id=self.ui.ownerCombo.currentData())
        # Open actions have no outcome yet: give their titles the room instead.
        self.ui.actionsTable.setColumnHidden(ActionsModel.OUTCOME, show in ("todo", "overdue"))
        self.columns.fit()
        count = self.model.rowCount()
        overdue = self.model.overdue_count()
        text = plural(count, "action")
        if overdue:
            text += f", {overdue:,} of them overdue (marked \u26a0 Overdue in the Due column)"
        self.ui.countLabel.setText(text)
        self._select(keep.id if keep else None)
        self.update_actions()

    def _select(self, action_id: str | None) -> None:
        row = self.model.row_of(action_id)
        if row >= 0:
            proxy_row = self.proxy.mapFromSource(self.model.index(row, 0)).row()
        else:
            proxy_row = 0 if self.proxy.rowCount() else -1
        select_row(self.ui.actionsTable, proxy_row)
        self._show_detail()

    def current_line(self) -> ActionLine | None:
        index: QModelIndex = self.ui.actionsTable.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def current(self) -> Action | None:
        line = self.current_line()
        return line.action if line else None

    def _current_status_in(self, *statuses: ActionStatus) -> bool:
        action = self.current()
        return action is not None and action.status in statuses

    def _current_changed(self, *_args) -> None:
        self._show_detail()
        self.update_actions()

    def _show_detail(self) -> None:
        line = self.current_line()
        if line is None:
            self.ui.detailLabel.setText("")
            return
        action = line.action
        clean = self.model.panel_text  # names in free text as each person's consent allows
        parts = [f"{action.ref}: {clean(action.title)}",
                 f"Owner: {line.owner}. Due: {due_text(line)}. Status: {status_text(line)}."]
        if action.outcome:
            parts.append(("What was done: " if action.status is ActionStatus.DONE else "Outcome or reason: ")
                         + clean(action.outcome))
        if line.row.decision_number is not None:
            parts.append(f"Carries out D-{line.row.decision_number}: {clean(line.row.decision_title)}")
        self.ui.detailLabel.setText("\n".join(parts))

    def show_record(self, record_id: str | None) -> None:
        if not record_id:
            return
        if self.model.row_of(record_id) < 0:
            set_combo_data(self.ui.showCombo, "all")  # refreshes
            set_combo_data(self.ui.ownerCombo, None)
        self._select(record_id)
        self.update_actions()

    def focus_first(self) -> None:
        self.ui.actionsTable.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- commands ---------------------------------------------------------------------------------

    def add(self) -> None:
        dialog = ActionDialog(self.ctx, None, self)
        self.open_dialog(dialog, lambda: self._after_add(dialog.saved))

    def _after_add(self, action: Action | None) -> None:
        if action is not None:
            self.show_record(action.id)

    def close_action(self, status: ActionStatus) -> None:
        action = self.current()
        if action is not None:
            self.open_dialog(CloseActionDialog(self.ctx, self.ctx.service.get(Action, action.id), status, self))

    def _set_status(self, status: ActionStatus, verb: str) -> None:
        action = self.current()
        if action is None:
            return
        service = self.ctx.service
        before = service.get(Action, action.id)
        done = change_records(self.ctx, f"Mark {before.ref} {verb}", [before],
                              lambda: service.set_action_status(before.id, status))
        if done is not None:
            self.ctx.message.emit(f"{before.ref} is {verb}")

    def mark_in_progress(self) -> None:
        self._set_status(ActionStatus.IN_PROGRESS, "in progress")

    def reopen(self) -> None:
        self._set_status(ActionStatus.OPEN, "open again")

    def _open_decision(self) -> None:
        line = self.current_line()
        if line is not None and line.action.decision_id:
            self.ctx.navigate.emit("decisions", line.action.decision_id)


    def export(self) -> None:
        self.open_dialog(ExportActionsDialog(self.ctx, self.ui.showCombo.currentData(), self.ui.ownerCombo.currentData(), self))
