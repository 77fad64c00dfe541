"""Carrying an item on when its meeting is the last one planned: instead of a dead end
("add the next meeting first"), add that meeting here, on the day the series suggests
(the same week and weekday of the next month, the same time, length and place; any day
may be typed), and carry the item to it. One undoable change: Ctrl+Z takes the item
back and the new meeting away (while nothing is recorded on it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ...domain.errors import RuleError
from ...domain.model import AgendaItem, Meeting
from ...models.context import AppContext
from ... import words
from .form_dialog import FormDialog
from ..partials.undo import run_undoable
from ..partials.widgets import DayField


class CarryToNewMeetingDialog(FormDialog):
    FORM = "carry_meeting_dialog.ui"
    WIDGETS = ("introLabel", "dateEdit", "dateHint", "dateError", "detailsHint", "formError", "buttons")
    FIELD_ERRORS = {"starts_at": ("dateEdit", "dateError")}
    TITLE = "Carry to a new meeting"
    WIDTH_CHARS = 70

    def __init__(self, ctx: AppContext, item: AgendaItem, title: str, suggested: dict,
                 done: Callable[[AgendaItem, Meeting], None] | None = None, parent: QWidget | None = None):
        """``title``: the item's title as the screen shows it; ``done`` is told the copy
        and the new meeting once saved."""
        super().__init__(ctx, parent)
        self.item, self.title, self.on_carried = item, title, done
        ui = self.ui
        ui.introLabel.setText(f"There is no later meeting to carry ‘{title}’ to yet. Add the next meeting, "
                              "and carry the item to it?")
        ui.dateEdit.setText(words.day(suggested["starts_at"][:10]) or suggested["starts_at"][:10])
        self.day = DayField(ui.dateEdit, ui.dateHint, "starts_at")
        length = suggested.get("planned_minutes")
        clean = ctx.service.redactor()  # on meeting mode's screen: names only as consent allows
        where = f", at {clean(suggested['place'])}" if suggested.get("place") else ""
        ui.detailsHint.setText(
            f"Suggested from the series: “{clean(suggested['title'])}”, at {words.start_time(suggested['starts_at'])}"
            + (f" for {words.minutes(length)}" if length else "") + f"{where}. Change any of it later on the "
            "Meetings page; Ctrl+Z takes the item back and the meeting away.")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Add the meeting and carry")
        ok.setAccessibleName("Add the meeting and carry the item")
        ok.setDefault(True)
        ui.dateEdit.selectAll()
        ui.dateEdit.setFocus()
        # Tall enough for the words just set, at the width the dialog opens with.
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        self.resize(self.width(), max(self.height(), needed))

    def default_focus(self) -> QWidget:
        return self.ui.dateEdit

    def save(self) -> None:
        day = self.day.value()
        if day is None:
            raise RuleError(f"Type the day of the next meeting, like {DayField.EXAMPLE}", "starts_at")
        service = self.ctx.service
        item = self.item
        copy, meeting = run_undoable(
            self.ctx,
            f"Carry '{self.title}' to a new meeting",
            do=lambda: service.carry_to_new_meeting(item.id, day),
            undo=lambda made: service.undo_carry_to_new_meeting(item.id, made[1].id),
        )
        if self.on_carried is not None:  # (not "done": that is QDialog's own)
            self.on_carried(copy, meeting)


def offer_new_meeting(ctx: AppContext, page: QWidget, item: AgendaItem, title: str,
                      done: Callable[[AgendaItem, Meeting], None]) -> bool:
    """When ``item``'s meeting has no later one, open the dialog over ``page`` (a
    Page) and return True; False: there is a later meeting to carry it to."""
    suggested = ctx.service.next_meeting_suggested(item.id)
    if suggested is None:
        return False
    page.open_dialog(CarryToNewMeetingDialog(ctx, item, title, suggested, done, page))
    return True
