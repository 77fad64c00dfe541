"""The chosen agenda item's editor: title, purpose, presenter, minutes and notes.

Each field is saved as one undoable change when Enter is pressed or the field is
left (notes: when left, or Ctrl+Enter). A refusal is said beside the item, with the
keyboard back in the field and what was typed kept; while someone types in a field,
a change made elsewhere (a move, an undo) leaves that field alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from ....domain.errors import LeapError, RuleError
from ....domain.model import AgendaItem
from ....domain.vocab import AgendaPurpose
from ....models.roles import RecordIdRole
from ....models.member_choices import MemberChoicesModel
from ....models.context import AppContext
from ...partials.meeting_kit import pass_undo_through
from ...partials.feedback import clear_problem, remember_descriptions, show_problem
from ...partials.form_part import FormPart
from ...partials.mention_completer import attach_mentions
from ...partials.undo import run_undoable

ITEM_FIELD_NAMES = {
    "title": "title",
    "purpose": "purpose",
    "presenter_id": "presenter",
    "allotted_minutes": "allotted minutes",
    "notes": "notes",
}


class ItemEditor(FormPart):
    WIDGETS = ("itemBox", "itemTitleEdit", "itemPurposeCombo", "itemPresenterCombo", "itemMinutesSpin",
               "itemNotesEdit", "itemProblemLabel", "itemHintLabel")

    def __init__(self, ctx: AppContext, form: QWidget, current: Callable[[], AgendaItem | None],
                 parent: QObject | None = None):
        """``current`` gives the item chosen in the agenda (the one being edited)."""
        super().__init__(ctx, form, parent)
        ui = self.ui
        ui.itemProblemLabel.hide()
        self.current = current
        self._shown: AgendaItem | None = None  # the chosen item as the editor last showed it
        for purpose in AgendaPurpose:
            ui.itemPurposeCombo.addItem(purpose.label, purpose.value)
        self.presenters = MemberChoicesModel(ctx, none_label="No presenter", parent=self)
        ui.itemPresenterCombo.setModel(self.presenters)
        self.fields: dict[str, QWidget] = {
            "title": ui.itemTitleEdit,
            "purpose": ui.itemPurposeCombo,
            "presenter_id": ui.itemPresenterCombo,
            "allotted_minutes": ui.itemMinutesSpin,
            "notes": ui.itemNotesEdit,
        }
        self.mentions = attach_mentions(ctx.service, ui.itemTitleEdit, ui.itemNotesEdit)
        remember_descriptions(self.fields.values())
        ui.itemTitleEdit.editingFinished.connect(lambda: self.commit("title"))
        ui.itemPurposeCombo.activated.connect(lambda _i: self.commit("purpose"))
        ui.itemPresenterCombo.activated.connect(lambda _i: self.commit("presenter_id"))
        ui.itemMinutesSpin.editingFinished.connect(lambda: self.commit("allotted_minutes"))
        self._notes_saver = _SaveOnLeave(lambda: self.commit("notes"), self)
        ui.itemNotesEdit.installEventFilter(self._notes_saver)

    def pass_undo_through(self) -> QObject:
        """Ctrl+Z in the item's fields undoes the panel's last change when they have
        nothing of their own to undo."""
        return pass_undo_through(self.ctx, self, self.fields.values())

    def set_day(self, day: str | None) -> None:
        """Presenters are those on the panel on the meeting's day."""
        self.presenters.set_day(day)

    def show(self, *, keep_typing: bool = False) -> None:
        """Show the chosen item; with ``keep_typing``, leave alone a field being typed in."""
        ui = self.ui
        item = self.current()
        ui.itemBox.setEnabled(item is not None)
        if item is None:
            self._shown = None
            ui.itemBox.setTitle("Chosen item")
            ui.itemTitleEdit.setText("")
            ui.itemNotesEdit.setPlainText("")
            return
        ui.itemBox.setTitle(f"Item {item.position}: {item.title}")
        shown = self._shown if self._shown and self._shown.id == item.id else None
        if not keep_typing or shown is None:
            clear_problem(ui.itemProblemLabel, *self.fields.values())
        for name, widget in self.fields.items():
            typing = shown is not None and widget.hasFocus() and not self._matches(name, shown)
            if keep_typing and typing:
                continue  # the person is typing here: leave it alone
            value = getattr(item, name)
            if name == "title":
                ui.itemTitleEdit.setText(value)
            elif name == "purpose":
                ui.itemPurposeCombo.setCurrentIndex(ui.itemPurposeCombo.findData(value.value))
            elif name == "presenter_id":
                ui.itemPresenterCombo.setCurrentIndex(max(0, self.presenters.row_of(value)))
            elif name == "allotted_minutes":
                ui.itemMinutesSpin.setValue(value or 0)
            elif name == "notes":
                if ui.itemNotesEdit.toPlainText() != (value or ""):
                    ui.itemNotesEdit.setPlainText(value or "")
        self._shown = item

    def _value(self, name: str) -> Any:
        ui = self.ui
        if name == "title":
            return ui.itemTitleEdit.text()
        if name == "purpose":
            return ui.itemPurposeCombo.currentData()
        if name == "presenter_id":
            return self.presenters.index(ui.itemPresenterCombo.currentIndex(), 0).data(RecordIdRole)
        if name == "allotted_minutes":
            return ui.itemMinutesSpin.value() or None
        return ui.itemNotesEdit.toPlainText()

    def _matches(self, name: str, item: AgendaItem) -> bool:
        try:
            return AgendaItem.FIELDS[name](self._value(name)) == getattr(item, name)
        except RuleError:
            return False

    def commit(self, name: str) -> AgendaItem | None:
        """Save one field of the chosen item, if it changed."""
        ui = self.ui
        item = self.current()
        if item is None or self._matches(name, item):
            if item is not None and ui.itemProblemLabel.property("field") == name:
                clear_problem(ui.itemProblemLabel, self.fields[name])
            return None
        value = self._value(name)
        before = getattr(item, name)
        try:
            updated = run_undoable(
                self.ctx,
                f"Change the {ITEM_FIELD_NAMES[name]} of '{item.title}'",
                do=lambda: self.service.edit_item(item.id, **{name: value}),
                undo=lambda _: self.service.edit_item(item.id, **{name: before}),
            )
        except LeapError as exc:
            ui.itemProblemLabel.setProperty("field", name)
            show_problem(ui.itemProblemLabel, str(exc), self.fields[name])
            return None
        ui.itemProblemLabel.setProperty("field", None)
        clear_problem(ui.itemProblemLabel, self.fields[name])
        self._shown = updated
        ui.itemBox.setTitle(f"Item {updated.position}: {updated.title}")
        self.say(f"Saved the {ITEM_FIELD_NAMES[name]} of '{updated.title}'.")
        return updated


class _SaveOnLeave(QObject):
    """Saves a multi-line box when focus leaves it, or on Ctrl+Enter."""

    def __init__(self, save: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.save = save

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.save()
        elif event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
                self.save()
                return True
        return False
