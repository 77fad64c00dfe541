"""The agenda builder: add items (type a title, Enter), reorder them (Ctrl+Up /
Ctrl+Down or Alt+Shift+Up / Alt+Shift+Down, the buttons, or drag and drop), carry
an unfinished item to the next meeting and take one off; with a running total of the
allotted minutes against the planned length (a warning in words when over). Every
change is one undoable change through the services, announced below the list."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ....domain.errors import LeapError
from ....domain.model import AgendaItem, Meeting
from ....domain.vocab import ItemState
from .... import words
from ....models.agenda import AgendaModel
from ....models.roles import RowRole
from ....models.context import AppContext
from ...partials.meeting_kit import EnterFilter, carry_undoable, pass_undo_through, shortcut_text
from ..base import bind_button
from ...partials.feedback import announce, clear_problem, set_warning, show_problem
from ...partials.mention_completer import attach_mentions
from ...partials.form_part import FormPart
from ...partials.undo import adding, run_undoable
from ...partials.widgets import prepare_table


class AgendaBuilder(FormPart):
    WIDGETS = ("agendaTab", "newTitleEdit", "newMinutesSpin", "addItemButton", "agendaView", "moveUpButton",
               "moveDownButton", "carryButton", "removeItemButton", "timingLabel", "agendaAnnounceLabel")

    #: The chosen item changed; True: only its place did (someone may be typing in its editor).
    chosen_changed = Signal(bool)

    def __init__(self, ctx: AppContext, form: QWidget, parent: QObject | None = None):
        super().__init__(ctx, form, parent)
        ui = self.ui
        ui.agendaAnnounceLabel.hide()
        self.meeting: Meeting | None = None
        self.model = AgendaModel(ctx, None, self)
        self.model.mover = self._move_undoable
        view = ui.agendaView
        view.setModel(self.model)
        prepare_table(view, stretch_column=AgendaModel.TITLE, stretch_min=24, list_look=False, fit_contents=True)
        # DragDrop rather than InternalMove: the model accepts only its own items, and
        # the move goes through the service either way (the view never removes rows).
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        view.setDragDropOverwriteMode(False)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDropIndicatorShown(True)
        view.selectionModel().currentRowChanged.connect(lambda *_: self.chosen_changed.emit(False))
        self.model.rowsMoved.connect(self._on_rows_moved)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.model.rowsMoved, self.model.dataChanged):
            signal.connect(lambda *_: self.update_timing())
        self._add_on_enter = EnterFilter(self.add_item, self)
        ui.newTitleEdit.installEventFilter(self._add_on_enter)
        self.mentions = attach_mentions(ctx.service, ui.newTitleEdit)
        ui.newMinutesSpin.installEventFilter(self._add_on_enter)

    def pass_undo_through(self) -> QObject:
        """Ctrl+Z in the new item's fields undoes the panel's last change when they have
        nothing of their own to undo."""
        return pass_undo_through(self.ctx, self, [self.ui.newTitleEdit, self.ui.newMinutesSpin])

    def bind_buttons(self, *, add: QAction, up: QAction, down: QAction, carry: QAction, remove: QAction) -> None:
        ui = self.ui
        for button, action in ((ui.addItemButton, add), (ui.moveUpButton, up), (ui.moveDownButton, down),
                               (ui.carryButton, carry), (ui.removeItemButton, remove)):
            bind_button(button, action)
        ui.moveUpButton.setText(f"Move up ({shortcut_text(up, 1)})")
        ui.moveDownButton.setText(f"Move down ({shortcut_text(down, 1)})")

    @property
    def tab(self) -> QWidget:
        return self.ui.agendaTab

    @property
    def view(self) -> QAbstractItemView:
        return self.ui.agendaView

    def set_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.model.set_meeting(meeting.id if meeting else None)

    def renew(self, meeting: Meeting) -> None:
        """The meeting's details changed (not which meeting it is)."""
        self.meeting = meeting

    def focus(self) -> None:
        target = self.ui.agendaView if self.model.rowCount() else self.ui.newTitleEdit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, text: str, *, status_bar: bool = True) -> None:
        """News about the agenda, below the list (and in the status bar)."""
        announce(self.ui.agendaAnnounceLabel, text, self.ctx if status_bar else None)

    # -- the chosen item --------------------------------------------------------------

    def current_item(self) -> AgendaItem | None:
        index = self.ui.agendaView.currentIndex()
        if not index.isValid():
            return None
        return index.data(RowRole).item

    def select_item(self, item_id: str) -> None:
        index = self.model.index_of(item_id)
        if index.isValid():
            self.ui.agendaView.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.ui.agendaView.scrollTo(index)

    def update_timing(self) -> None:
        if self.meeting is None:
            self.ui.timingLabel.setText("")
            return
        timing = self.model.timing()
        text = timing.describe()
        if timing.unallotted:
            text += f"; {words.plural(timing.unallotted, 'item')} not timed yet"
        set_warning(self.ui.timingLabel, text + ".", timing.is_over)

    # -- changes ----------------------------------------------------------------------

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
        # Ready for the next title, whichever field Enter was pressed in (docs/meetings.md).
        ui.newTitleEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.say(f"Added '{item.title}' as item {item.position} of {self.model.rowCount()}. "
                 f"{self.model.timing().describe()}.")
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
        self.say(f"Moved '{moved.title}' to position {moved.position} of {len(self.service.agenda(moved.meeting_id))}.")
        return moved

    def move_item(self, step: int) -> bool:
        index = self.ui.agendaView.currentIndex()
        if not index.isValid():
            self.say("Choose an item to move first.", status_bar=False)
            return False
        if not self.model.move_by(index.row(), step):
            where = "first" if step < 0 else "last"
            item = self.current_item()
            self.say(f"'{item.title}' is already {where}." if item else "", status_bar=False)
            return False
        return True

    def _on_rows_moved(self, *_args: object) -> None:
        current = self.ui.agendaView.currentIndex()
        if current.isValid():
            self.ui.agendaView.scrollTo(current)
        self.chosen_changed.emit(True)

    def carry_item(self) -> AgendaItem | None:
        item = self.current_item()
        if item is None:
            self.say("Choose an item to carry first.", status_bar=False)
            return None
        from ...dialogs.carry import offer_new_meeting

        try:
            # No later meeting yet: the dialog offers to add it (the copy comes when saved).
            if item.state is not ItemState.CARRIED and offer_new_meeting(self.ctx, self.parent(), item, item.title,
                                                                         lambda c, t: self._carried(item, t, new=True)):
                return None
            copy, target = carry_undoable(self.ctx, item, item.title)
        except LeapError as exc:
            show_problem(self.ui.agendaAnnounceLabel, str(exc))
            return None
        self._carried(item, target)
        return copy

    def _carried(self, item: AgendaItem, target: Meeting, *, new: bool = False) -> None:
        clear_problem(self.ui.agendaAnnounceLabel)
        self.say(f"Carried '{item.title}' to {'the new meeting ' if new else ''}{target.ref}, {target.title} "
                 f"({words.day_short(target.day)}).")

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
        if self.model.rowCount():
            self.select_item(self.model.row_at(min(row, self.model.rowCount() - 1)).id)
        self.say(f"Removed '{item.title}'. Ctrl+Z puts it back.")
        return True
