"""File > Sync conflicts… (and Settle the conflicts… in the sync dialog): the changes
from two laptops that sync did not merge on its own, one at a time, side by side.

The list holds the conflicts waiting; below it, the chosen one's record, why it waits,
and a table of the fields its two versions differ in ("In this panel now" beside
"Waiting from laptop …"), in words (services/sync_shown.py): names as each person's
consent allows, as in the decision log, since this window may be on a shared screen.
Keep the version in this panel, or Take the waiting version: each is one audited
change (``SyncService.settle``), which Ctrl+Z undoes (here or in the window).

By keyboard: Alt+W the list (Up and Down choose), Alt+D what differs, Alt+K keep,
Alt+T take, Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QWidget

from ...domain.errors import LeapError
from ...models.context import AppContext
from ...models.sync_conflicts import ConflictsModel, DifferencesModel
from ...services.sync_shown import ConflictShown
from ...words import plural
from .form_dialog import FormDialog
from ..partials.feedback import announce, show_problem
from ..shell.theme import set_label_role
from ..partials.undo import run_undoable
from ..partials.widgets import prepare_table, select_row

HOW = {"kept": "kept the version in this panel", "waiting": "took the waiting version"}


class ConflictsDialog(FormDialog):
    FORM = "conflicts_dialog.ui"
    SAVES, MARGINS, WIDTH_CHARS, MIN_WIDTH = False, 12, 96, 480
    WIDGETS = ("introLabel", "listLabel", "conflictsTable", "whatLabel", "reasonLabel", "differencesLabel",
               "differencesTable", "keepButton", "takeButton", "messageLabel", "buttons")
    TITLE = "Sync conflicts"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        ui = self.ui
        self.sync = ctx.service.sync
        self.model = ConflictsModel(None, self)
        self.differences = DifferencesModel(None, self)
        self.table, self.diff_table = ui.conflictsTable, ui.differencesTable
        self.table.setModel(self.model)
        self.diff_table.setModel(self.differences)
        self.fits = [
            prepare_table(self.table, stretch_column=ConflictsModel.WHAT, stretch_min=24,
                          widths={ConflictsModel.NUMBER: 4, ConflictsModel.FROM: 22}),
            prepare_table(self.diff_table, widths={DifferencesModel.FIELD: 18}, row_heights=False),
        ]
        header = self.diff_table.horizontalHeader()
        for column in (DifferencesModel.KEPT, DifferencesModel.WAITING):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.diff_table.setWordWrap(True)
        self.diff_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.diff_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lines = self.fontMetrics().height()
        self.table.setMinimumHeight(5 * lines)
        self.diff_table.setMinimumHeight(7 * lines)
        ui.layout().setStretchFactor(self.table, 1)  # the list is short; what differs gets the room
        ui.layout().setStretchFactor(self.diff_table, 3)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_chosen())
        # Beside Close, below what scrolls: in view at any text size.
        for button in (ui.keepButton, ui.takeButton):
            ui.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        ui.keepButton.clicked.connect(lambda _c=False: self.settle("kept"))
        ui.takeButton.clicked.connect(lambda _c=False: self.settle("waiting"))
        ui.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        ui.buttons.rejected.connect(self.reject)
        self.describe_buttons(ui.buttons, Close=("Close", "Close this window (Escape); what you settled is saved"))
        for keys, step in ((["Ctrl+Z"], self.undo), (["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, step=step: step())
            self.addAction(action)
        ui.messageLabel.hide()
        self.refresh()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- what is shown ------------------------------------------------------------------

    def refresh(self, row: int | None = None) -> None:
        """The conflicts waiting now; the one at ``row`` (or the one chosen) stays chosen."""
        number = self.chosen().number if self.chosen() is not None and row is None else None
        self.model.set_rows(self.sync.shown())
        count = self.model.rowCount()
        if number is not None and self.model.row_of(number) >= 0:
            row = self.model.row_of(number)
        if count:
            select_row(self.table, min(row or 0, count - 1))
        self.ui.listLabel.setText(f"Conflicts &waiting ({count})" if count else "Conflicts &waiting: none")
        self.show_chosen()

    def chosen(self) -> ConflictShown | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_chosen(self) -> None:
        ui = self.ui
        conflict = self.chosen()
        self.differences.show(conflict)
        for button in (ui.keepButton, ui.takeButton):
            button.setEnabled(conflict is not None)
        if conflict is None:
            ui.whatLabel.setText("No conflicts waiting: everything the laptops changed is merged.")
            ui.reasonLabel.setText("")
            ui.reasonLabel.hide()
            return
        ui.whatLabel.setText(f"{conflict.number}. {conflict.what}")
        reason = f"{conflict.reason} {conflict.noted}.".strip()
        if not conflict.differences:
            reason += " The record in this panel already holds the waiting version: either button closes this."
        ui.reasonLabel.setText(reason)
        ui.reasonLabel.show()
        self.diff_table.setAccessibleDescription(
            f"{plural(len(conflict.differences), 'field')} differ: the version in this panel now beside the "
            f"{conflict.waiting_heading[:1].lower()}{conflict.waiting_heading[1:]} version")
        self.table.setAccessibleDescription(f"Chosen: {conflict.what}. {reason}")

    def say(self, text: str) -> None:
        set_label_role(self.ui.messageLabel, None)
        announce(self.ui.messageLabel, text, self.ctx)

    # -- settling ------------------------------------------------------------------------

    def settle(self, use: str) -> bool:
        """Keep (``"kept"``) or take (``"waiting"``) the chosen conflict's version."""
        conflict = self.chosen()
        if conflict is None:
            show_problem(self.ui.messageLabel, "Choose a conflict in the list first", self.table, lead="Not settled")
            return False
        row, number, sync = self.table.currentIndex().row(), conflict.number, self.sync
        try:
            run_undoable(self.ctx, f"Settle the conflict on {conflict.what}", do=lambda: sync.settle(number, use),
                         undo=lambda _done: sync.reopen(number))
        except LeapError as exc:
            show_problem(self.ui.messageLabel, str(exc), self.table, lead="Not settled")
            self.refresh()
            return False
        self.refresh(row)
        left = self.model.rowCount()
        self.say(f"Settled {conflict.what}: {HOW[use]}. Ctrl+Z undoes it. "
                 + (f"{plural(left, 'conflict')} left." if left else "No conflicts left."))
        if left:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.ui.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def undo(self) -> None:
        stack = self.ctx.undo_stack
        if stack.canUndo():
            text = stack.undoText()
            stack.undo()
            self.refresh()
            self.say(f"Undone: {text}")

    def redo(self) -> None:
        stack = self.ctx.undo_stack
        if stack.canRedo():
            text = stack.redoText()
            stack.redo()
            self.refresh()
            self.say(f"Done again: {text}")
