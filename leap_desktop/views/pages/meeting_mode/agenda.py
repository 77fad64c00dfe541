"""The agenda in meeting mode (Alt+I): every item with its time and state, the current
one chosen; Enter or a double click goes to an item. And the changes made to items
as the meeting moves through them: finished, carried to the next meeting, and the
meeting marked held, each one undoable change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from ....domain.errors import LeapError
from ....domain.model import AgendaItem, Meeting
from ....domain.vocab import ItemState, MeetingStatus
from .... import words
from ....models.agenda import AgendaModel
from ....models.roles import RecordIdRole
from ....models.context import AppContext
from ...partials.meeting_kit import EnterOnRow, carry_undoable
from ...partials.form_part import FormPart
from ...partials.undo import run_undoable
from ...partials.widgets import prepare_table


class AgendaList(FormPart):
    WIDGETS = ("agendaTab", "agendaView")

    #: An item was chosen in the list: its id, and whether to be ready to capture
    #: on it (Enter) rather than only to show it (a double click).
    chosen = Signal(str, bool)

    def __init__(self, ctx: AppContext, form: QWidget, parent: QObject | None = None):
        super().__init__(ctx, form, parent)
        view = self.ui.agendaView
        # The same rows the workspace shows. Meeting mode may be on a projected screen:
        # free text (titles, notes, what was said) shows names only as each person's
        # consent allows (models/free_text.py).
        self.model = AgendaModel(ctx, None, self, as_panel_reads=True)
        self.panel_text: Callable[[str | None], str] = self.model.panel_text
        view.setModel(self.model)
        prepare_table(view, stretch_column=AgendaModel.TITLE, stretch_min=24, list_look=False, fit_contents=True)
        for column in (AgendaModel.PURPOSE, AgendaModel.PRESENTER):
            view.hideColumn(column)
        view.doubleClicked.connect(lambda index: self.chosen.emit(index.data(RecordIdRole), False))
        self._enter = EnterOnRow(lambda item_id: self.chosen.emit(item_id, True), self)
        view.installEventFilter(self._enter)

    @property
    def tab(self) -> QWidget:
        return self.ui.agendaTab

    def show_row(self, row: int) -> None:
        self.ui.agendaView.setCurrentIndex(self.model.index(row, 0))

    def focus(self) -> None:
        self.ui.agendaView.setFocus(Qt.FocusReason.ShortcutFocusReason)


class ItemSteps(FormPart):
    """What moving through the meeting changes: an item finished or carried, the
    meeting held. Refusals go to :attr:`problem`, news to :attr:`announced`."""

    def __init__(self, ctx: AppContext, form: QWidget, panel_text: Callable[[str | None], str],
                 parent: QObject | None = None):
        super().__init__(ctx, form, parent)
        self.panel_text = panel_text

    def set_state(self, item: AgendaItem, state: ItemState) -> bool:
        before = item.state
        try:
            run_undoable(
                self.ctx,
                f"Mark '{self.panel_text(item.title)}' {state.label.lower()}",
                do=lambda: self.service.set_item_state(item.id, state),
                undo=lambda _: self.service.set_item_state(item.id, before),
            )
        except LeapError as exc:
            self.problem.emit(str(exc))
            return False
        return True

    def carry(self, item: AgendaItem) -> AgendaItem | None:
        """Put the unfinished item on the next meeting's agenda; when there is no later
        meeting yet, offer to add it (a dialog: the copy comes when it is saved)."""
        from ...dialogs.carry import offer_new_meeting

        title = self.panel_text(item.title)
        try:
            if item.state is not ItemState.CARRIED and offer_new_meeting(self.ctx, self.parent(), item, title,
                                                                         lambda c, t: self._carried(item, t, new=True)):
                return None
            copy, target = carry_undoable(self.ctx, item, title)
        except LeapError as exc:
            self.problem.emit(str(exc))
            return None
        self._carried(item, target)
        return copy

    def _carried(self, item: AgendaItem, target: Meeting, *, new: bool = False) -> None:
        self.problem.emit("")
        to = f"the new meeting {target.ref}" if new else target.ref
        self.say(f"'{self.panel_text(item.title)}' is carried to {to} ({words.day_short(target.day)}). "
                 "Ctrl+Page Down for the next item.")

    def finish(self, meeting: Meeting, item: AgendaItem | None) -> bool:
        """The current item finished and the meeting held."""
        if item is not None and item.state is ItemState.OPEN:
            self.set_state(item, ItemState.DONE)
        if meeting.status is MeetingStatus.PLANNED:
            try:
                run_undoable(
                    self.ctx,
                    f"Mark {meeting.ref} held",
                    do=lambda: self.service.set_meeting_status(meeting.id, MeetingStatus.HELD),
                    undo=lambda _: self.service.revert_meeting_status(meeting.id, MeetingStatus.PLANNED),
                )
            except LeapError as exc:
                self.problem.emit(str(exc))
                return False
        self.say(f"{meeting.ref} is marked held. Everything entered is saved.")
        return True
