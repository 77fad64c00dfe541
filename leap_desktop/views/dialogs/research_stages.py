"""Editing the list of research stages in the app (Research stages… on the Impact page):
add a stage of the panel's own, rename one, move it up or down, and take one off the list
when nothing uses it. A stage in use stays, and the dialog says where it is used. Each is
one audited change through ``service.impact`` (the same calls as ``leap add-stage``,
``rename-stage``, ``move-stage`` and ``remove-stage``), undone by Edit > Undo."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ...domain.errors import LeapError
from ...domain.model import ResearchStage
from ...models.context import AppContext
from ...models.impact import StagesModel
from ...models.roles import RowRole
from .form_dialog import FormDialog
from ..partials.forms import load_form
from ..partials.feedback import tell_screen_reader
from ..partials.screen_fit import ScreenFit, fitted
from ..shell.theme import set_label_role
from ..partials.undo import adding, run_undoable
from ..partials.widgets import prepare_table, select_row


def _key(stage: ResearchStage) -> str:
    """How the services find a stage: by its id, or (the usual list, not saved yet) its name."""
    return stage.id or stage.name


class ResearchStagesDialog(ScreenFit, QDialog):
    """The research stages in order, with what uses each, and the buttons that edit them."""

    FORM = "research_stages_dialog.ui"
    WIDGETS = ("introLabel", "stagesLabel", "stagesTable", "problemLabel", "addButton", "renameButton", "upButton",
               "downButton", "removeButton", "buttons")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        self.setWindowTitle("Research stages")
        self.setAccessibleName("Research stages")
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        self.model = StagesModel(ctx, self)
        self.model.refresh()
        ui.stagesTable.setModel(self.model)
        self.columns = prepare_table(ui.stagesTable, stretch_column=StagesModel.USED, stretch_min=24, widths={
            StagesModel.PLACE: 6, StagesModel.NAME: 30})
        ui.stagesTable.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.model.modelReset.connect(self._update)
        for button, slot, keys in ((ui.addButton, self.add_stage, ()), (ui.renameButton, self.rename_stage, ("F2",)),
                                   (ui.upButton, lambda: self.shift(-1), ("Ctrl+Up", "Alt+Shift+Up")),
                                   (ui.downButton, lambda: self.shift(+1), ("Ctrl+Down", "Alt+Shift+Down")),
                                   (ui.removeButton, self.remove_stage, ("Delete",))):
            button.clicked.connect(lambda _checked=False, s=slot: s())
            if keys:  # keys of the list itself, as in the agenda list
                action = QAction(self)
                action.setShortcuts([QKeySequence(k) for k in keys])
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                action.triggered.connect(lambda _checked=False, s=slot: s())
                ui.stagesTable.addAction(action)
        close = ui.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Close the list of research stages (Escape)")
        close.setAutoDefault(False)
        ui.buttons.rejected.connect(self.reject)
        self._problem("")
        select_row(ui.stagesTable, 0)
        self._update()
        # Wide enough for what uses each stage, tall enough for the usual list and a few more.
        metrics = self.fontMetrics()
        width = max(self.sizeHint().width(), 100 * metrics.averageCharWidth())
        height = max(self.sizeHint().height(), 14 * ui.stagesTable.verticalHeader().defaultSectionSize()
                     + 12 * metrics.height())
        self.resize(fitted(self, QSize(width, height)))
        ui.stagesTable.setFocus()

    # -- what is chosen ---------------------------------------------------------------------------

    def current(self) -> ResearchStage | None:
        index = self.ui.stagesTable.currentIndex()
        row = index.data(RowRole) if index.isValid() else None
        return row.stage if row is not None else None

    def _update(self) -> None:
        ui, stage = self.ui, self.current()
        count = self.model.rowCount()
        ui.renameButton.setEnabled(stage is not None)
        ui.removeButton.setEnabled(stage is not None)
        ui.upButton.setEnabled(stage is not None and stage.position > 1)
        ui.downButton.setEnabled(stage is not None and stage.position < count)

    def _select(self, stage: ResearchStage | None) -> None:
        """After a change: the stage chosen again (found by its id, or its name), the keyboard in the list."""
        if stage is not None:
            row = self.model.row_of(stage.id)
            select_row(self.ui.stagesTable, row if row >= 0 else self.model.row_of(stage.name))
        self._update()
        self.ui.stagesTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def _problem(self, text: str) -> None:
        """A change refused: the reason in words under the list (and to a screen reader)."""
        label = self.ui.problemLabel
        label.setText(text)
        label.setAccessibleName(text)
        set_label_role(label, "error" if text else None)
        label.setVisible(bool(text))
        tell_screen_reader(label, text)

    def _said(self, text: str) -> None:
        self._problem("")
        self.ctx.message.emit(text)
        tell_screen_reader(self.ui.stagesTable, text)

    # -- the changes ------------------------------------------------------------------------------

    def add_stage(self) -> None:
        self._open_name(StageNameDialog(self.ctx, None, self))

    def rename_stage(self) -> None:
        stage = self.current()
        if stage is not None:
            self._open_name(StageNameDialog(self.ctx, stage, self))

    def _open_name(self, dialog: "StageNameDialog") -> None:
        self._problem("")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._select(dialog.saved))
        dialog.finished.connect(lambda _result: self._back())
        self.dialog = dialog
        dialog.open()

    def _back(self) -> None:
        """The name dialog closed: the keyboard comes back to the list (whether or not a
        window manager gives this dialog back the focus)."""
        self.activateWindow()
        self.ui.stagesTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def shift(self, step: int) -> None:
        """Move the chosen stage one place earlier (-1) or later (+1)."""
        stage = self.current()
        if stage is None or not 1 <= stage.position + step <= self.model.rowCount():
            return
        impact, key, old = self.ctx.service.impact, _key(stage), stage.position
        where = "up" if step < 0 else "down"
        try:
            moved = run_undoable(self.ctx, f"Move research stage {stage.name} {where}",
                                 lambda: impact.move_stage(key, old + step),
                                 lambda s: impact.move_stage(s.id, old))
        except LeapError as exc:
            self._problem(f"Not moved: {exc}")
            return
        self._select(moved)
        self._said(f"{moved.name} is now research stage {moved.position} of {self.model.rowCount()}")

    def remove_stage(self) -> None:
        stage = self.current()
        if stage is None:
            return
        impact, key = self.ctx.service.impact, _key(stage)
        try:
            removed = run_undoable(self.ctx, f"Remove research stage {stage.name}", lambda: impact.remove_stage(key),
                                   lambda s: impact.restore_stage(s.id))
        except LeapError as exc:
            self._problem(f"Not removed: {exc}")
            return
        row = min(max(stage.position - 1, 0), self.model.rowCount() - 1)
        select_row(self.ui.stagesTable, row)
        self._select(None)
        self._said(f"Took {removed.name} off the list of research stages (Edit > Undo puts it back)")


class StageNameDialog(FormDialog):
    """The name of a new research stage, or a new name for one. Undoable."""

    FORM = "stage_name_dialog.ui"
    WIDGETS = ("introLabel", "formError", "nameEdit", "nameError", "buttons")
    FIELD_ERRORS = {"name": ("nameEdit", "nameError")}
    WIDTH_CHARS = 64

    def __init__(self, ctx: AppContext, stage: ResearchStage | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent, title=f"Rename {stage.name}" if stage else "Add a research stage")
        self.stage, self.saved = stage, None
        ui = self.ui
        if stage is None:
            ui.introLabel.setText("A stage of the panel's own goes at the end of the list: move it up to where it "
                                  "comes in your study.")
        else:
            uses = ctx.service.impact.stage_uses().get(stage.id) if stage.id else None
            ui.introLabel.setText(f"Everything at this stage ({uses.summary().lower()}) shows the new name."
                                  if uses else "Nothing uses this stage yet.")
            ui.nameEdit.setText(stage.name)
            ui.nameEdit.selectAll()
        ui.nameEdit.setFocus()
        self.resize(self.fitted(self.sizeHint().expandedTo(self.size())))  # now that its words are in

    def default_focus(self) -> QWidget:
        return self.ui.nameEdit

    def save(self) -> None:
        name = " ".join(self.ui.nameEdit.text().split())
        impact, ctx = self.ctx.service.impact, self.ctx
        if self.stage is None:
            self.saved = run_undoable(ctx, f"Add research stage {name}",
                                      adding(lambda: impact.add_stage(name), lambda s: impact.restore_stage(s.id)),
                                      lambda s: impact.remove_stage(s.id))
            ctx.message.emit(f"Added the research stage {self.saved.name} ({self.saved.position})")
            return
        key, old = _key(self.stage), self.stage.name
        if name == old:
            self.saved = self.stage
            return
        self.saved = run_undoable(ctx, f"Rename research stage {old} to {name}",
                                  lambda: impact.rename_stage(key, name), lambda s: impact.rename_stage(s.id, old))
        ctx.message.emit(f"Research stage {self.saved.position} is now called {self.saved.name}")
