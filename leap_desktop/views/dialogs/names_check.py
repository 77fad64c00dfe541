"""The names check: each word of a meeting's minutes that only looks like a member's
name, once, in context; the coordinator says "it is this person" (the word becomes a
mention, shown as their consent allows) or "not a name" (shown as typed from now on).

Reached from File > Minutes > Check names…, and from the Export minutes and Circulate
minutes dialogs (Check names…). By keyboard: Alt+W to the words (Up and Down), Alt+T to
the person, Alt+P or Alt+N to say which it is; each verdict is one undoable change
(Ctrl+Z in the window). The dialog is the coordinator's: it shows names as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QListWidgetItem, QWidget

from ...domain import rules
from ...domain.errors import LeapError
from ...domain.model import Record
from ...models.context import AppContext
from ...words import plural
from .minutes.base import MinutesDialog
from ..partials.feedback import tell_screen_reader
from ..partials.undo import run_undoable


class NamesCheckDialog(MinutesDialog):
    FORM = "names_check_dialog.ui"
    WIDGETS = MinutesDialog.WIDGETS + ("summaryLabel", "suspectList", "personCombo", "personButton", "notNameButton")
    TITLE = "Check names"
    OK_TEXT = "&Close"
    OK_DESCRIPTION = "Close the names check (Escape)"
    NOT_OFFERED = "{ref} has no minutes yet: it is {status}."

    def __init__(self, ctx: AppContext, meeting_id: str | None = None, parent: QWidget | None = None):
        super().__init__(ctx, meeting_id, parent)
        ui = self.ui
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.list = ui.suspectList
        self.person = ui.personCombo
        self.summary = ui.summaryLabel
        self.suspects: list = []
        self.meeting.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.currentRowChanged.connect(self._offer_people)
        ui.personButton.clicked.connect(lambda _c=False: self.verdict(person=True))
        ui.notNameButton.clicked.connect(lambda _c=False: self.verdict(person=False))
        self.refresh()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def run(self) -> None:
        self.accept()

    def refresh(self, row: int = 0) -> None:
        """List what is left to check in the meeting chosen, keeping the place."""
        self.list.clear()
        meeting_id = self.meeting_id()
        names = self.ctx.service.names
        self.suspects = names.suspects(meeting_id) if meeting_id else []
        for s in self.suspects:
            before, word, after = s.context()
            who = ", ".join(p.display_name for p in s.candidates) or "someone on the panel"
            text = f"{s.number}. {s.where}: {before}«{word}»{after}  (looks like {who})".replace("\n", " ")
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.list.addItem(item)
        if meeting_id and self.suspects:
            left = names.unchecked(meeting_id)
            summary = (f"{plural(len(self.suspects), 'word')} to check. Until then they are left out of what the "
                       f"panel reads ({left} in these minutes, {names.unchecked(meeting_id, anonymised=True)} in "
                       "the anonymised edition).")
        elif meeting_id:
            summary = "Every word that looked like a name has been checked."
        else:
            summary = ""
        locked = names.locked(meeting_id) if meeting_id else ""
        summary = f"{summary} {locked}".strip()
        self.summary.setText(summary)
        self.summary.setAccessibleDescription(summary)
        for widget in (self.ui.personButton, self.ui.notNameButton, self.person):
            widget.setEnabled(bool(self.suspects))
        if self.suspects:
            self.list.setCurrentRow(min(row, len(self.suspects) - 1))
        else:
            self.person.clear()

    def _offer_people(self, row: int) -> None:
        """The people the word may name first, then everyone on the panel."""
        self.person.clear()
        if not 0 <= row < len(self.suspects):
            return
        first = list(self.suspects[row].candidates)
        rest = [p for p in self.ctx.service.people() if p not in first]
        for p in [*first, *rest]:
            self.person.addItem(f"{p.display_name} ({p.ref}, {rules.roles_label(p.roles)}, "
                                f"shown as {rules.attribute(p)})", p.id)

    def verdict(self, *, person: bool) -> None:
        row = self.list.currentRow()
        meeting_id = self.meeting_id()
        if not meeting_id or not 0 <= row < len(self.suspects):
            self.show_problem("Choose a word in the list first", self.list)
            return
        suspect = self.suspects[row]
        person_id = self.person.currentData() if person else None
        if person and not person_id:
            self.show_problem("Choose who the word names", self.person)
            return
        names = self.ctx.service.names
        before: Record = suspect.record

        def do():
            return names.mark_spot(meeting_id, suspect.spot, person_id)

        def undo(result):
            if person_id:
                names.restore_text(before, suspect.field)
            else:
                names.unmark(result.id)

        said = (f"“{suspect.word}” in {suspect.record.ref} is now a mention of {self.person.currentText()}"
                if person_id else f"“{suspect.word}” in {suspect.record.ref} is not a name")
        self.show_problem("")
        try:
            run_undoable(self.ctx, f"Names check: {said}", do, undo)
        except LeapError as exc:
            self.show_problem(str(exc), self.list)
            return
        self.refresh(row)
        self.ctx.message.emit(said)
        tell_screen_reader(self.list, f"{said}. {self.summary.text()}")
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)


class _NamesOffer:
    """In a minutes dialog: how many words are still to check, and the way to check them."""

    def __init__(self, dialog: MinutesDialog, anonymised=lambda: False):
        self.dialog, self.anonymised = dialog, anonymised
        self.label, self.button = dialog.ui.namesLabel, dialog.ui.namesButton
        self.button.clicked.connect(lambda _c=False: self.open())
        dialog.meeting.currentIndexChanged.connect(lambda _i: self.update())
        self.update()

    def update(self) -> None:
        meeting_id = self.dialog.meeting_id()
        names = self.dialog.ctx.service.names
        note = names.note(meeting_id, anonymised=self.anonymised()) if meeting_id else ""
        text = note or ("No possible names left to check." if meeting_id else "")
        self.label.setText(text)
        self.label.setAccessibleDescription(text)
        self.button.setEnabled(bool(meeting_id))

    def open(self) -> None:
        check = NamesCheckDialog(self.dialog.ctx, self.dialog.meeting_id(), self.dialog)
        check.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        check.finished.connect(lambda _r: (self.update(), self.button.setFocus(Qt.FocusReason.OtherFocusReason)))
        self.dialog.names_dialog = check
        check.open()


def offer_names_check(dialog: MinutesDialog, anonymised=lambda: False) -> None:
    """Show, in ``dialog`` (its form has ``namesLabel`` and ``namesButton``), how many
    words of the chosen meeting's minutes are still to check, with Check names…"""
    dialog.names_check = _NamesOffer(dialog, anonymised)
