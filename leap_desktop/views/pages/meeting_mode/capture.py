"""Capturing a contribution in a few keystrokes: who spoke, its kind, what was said.

A few letters of who spoke, Enter, what they said, Enter: saved at once, as one
undoable change, and the form is clear for the next one. Alt+1..8 choose the kind
(a new meeting starts on the neutral "comment"; the kind carries over from one save to
the next, and the save button says which it is: "Save as concern");
Shift+Enter starts a new line; Ctrl+Z (or the Undo button) undoes the last change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from ....domain import rules
from ....domain.errors import LeapError
from ....domain.model import AgendaItem, Contribution, Person
from ....domain.vocab import ContributionKind
from .... import words
from ....models.member_choices import MemberChoicesModel
from ....models.context import AppContext
from ...partials.meeting_kit import EnterFilter, pass_undo_through
from ...partials.feedback import clear_problem, remember_descriptions, show_problem
from ...partials.flow import KeepWide
from ...partials.form_part import FormPart
from ...partials.mention_completer import attach_mentions
from ...partials.person_picker import PersonPicker
from ...partials.undo import adding, run_undoable


class CaptureForm(FormPart):
    WIDGETS = ("captureBox", "whoEdit", "whoFoundLabel", "kindCombo", "kindKeysLabel", "textEdit",
               "saveContributionButton", "undoButton", "captureProblemLabel")

    def __init__(self, ctx: AppContext, form: QWidget, members: MemberChoicesModel, parent: QObject | None = None):
        super().__init__(ctx, form, parent)
        ui = self.ui
        ui.captureProblemLabel.hide()
        self.item: AgendaItem | None = None
        self.who = PersonPicker(members, ui.whoEdit, ui.whoFoundLabel, parent=self)
        # Who keeps room for its whole hint at any text size ("A few letters of t…" at 200 %).
        KeepWide(ui.whoEdit, ui.whoEdit.placeholderText())
        self.who.chosen.connect(self._on_who_chosen)
        self.mentions = attach_mentions(ctx.service, ui.textEdit, panel_facing=True)  # "@" and letters
        for kind in ContributionKind:
            ui.kindCombo.addItem(kind.label, kind.value)
        # Procedural speech (a welcome) opens most meetings: the neutral kind, not "Idea".
        ui.kindCombo.setCurrentIndex(ui.kindCombo.findData(ContributionKind.COMMENT.value))
        ui.kindCombo.currentIndexChanged.connect(lambda _index: self._show_kind())
        self._show_kind()
        ui.kindKeysLabel.setText(
            "Alt+" + ", ".join(f"{n} {_short(kind)}" for n, kind in enumerate(ContributionKind, start=1))
        )
        ui.kindKeysLabel.setAccessibleName("Keys for kinds: " + ui.kindKeysLabel.text())
        self._kind_enter = EnterFilter(lambda: ui.textEdit.setFocus(Qt.FocusReason.TabFocusReason), self)
        ui.kindCombo.installEventFilter(self._kind_enter)
        self._text_enter = EnterFilter(self.save_contribution, self)
        ui.textEdit.installEventFilter(self._text_enter)
        ui.saveContributionButton.clicked.connect(self.save_contribution)
        remember_descriptions([ui.whoEdit, ui.textEdit])

        # Undo: Ctrl+Z from the fields (just cleared by a save) reaches the panel's undo stack.
        self._undo_pass = pass_undo_through(ctx, self, [ui.whoEdit, ui.textEdit])
        stack = ctx.undo_stack
        ui.undoButton.clicked.connect(stack.undo)
        self._can_undo, self._undo_text = stack.canUndo(), stack.undoText()
        stack.canUndoChanged.connect(self._on_can_undo)
        stack.undoTextChanged.connect(self._on_undo_text)
        self._update_undo()
        self.fit_text_size()

    def focus(self) -> None:
        """Ready for the next contribution: the keyboard in Who."""
        self.ui.whoEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_item(self, item: AgendaItem | None) -> None:
        self.item = item

    def set_enabled(self, enabled: bool) -> None:
        self.ui.captureBox.setEnabled(enabled)

    def show_refusal(self, message: str) -> None:
        """A refusal from elsewhere on the page (moving on, carrying), on this form's
        problem line; empty: the problem is over."""
        if message:
            show_problem(self.ui.captureProblemLabel, message)
        else:
            clear_problem(self.ui.captureProblemLabel)

    def fit_text_size(self) -> None:
        """What was said: a box five lines high, in lines of the current text size."""
        self.ui.textEdit.setMaximumHeight(self.ui.textEdit.fontMetrics().lineSpacing() * 5 + 12)

    # -- the kind ---------------------------------------------------------------------

    def set_kind(self, kind: ContributionKind) -> None:
        self.ui.kindCombo.setCurrentIndex(self.ui.kindCombo.findData(kind.value))
        self.say(f"Kind: {kind.label}.", status_bar=False)

    def kind(self) -> ContributionKind:
        return ContributionKind(self.ui.kindCombo.currentData())

    def _show_kind(self) -> None:
        """The save button says plainly which kind the next save uses (it carries over)."""
        kind = self.kind().label.lower()
        button = self.ui.saveContributionButton
        button.setText(f"Save as {kind} (Enter)")
        button.setAccessibleName(f"Save as {kind}")

    # -- saving -----------------------------------------------------------------------

    def _on_who_chosen(self, _person: Person, found_now: bool) -> None:
        """Enter in Who settled who spoke: on to what they said."""
        if found_now:
            clear_problem(self.ui.captureProblemLabel, self.ui.whoEdit)
        self.ui.textEdit.setFocus(Qt.FocusReason.TabFocusReason)

    def save_contribution(self) -> Contribution | None:
        """Enter in What was said: save it now, and clear the form for the next one."""
        ui = self.ui
        item = self.item
        if item is None:
            return None
        person = self.who.current()
        if person is None:
            show_problem(ui.captureProblemLabel, "Say who said it: type a few letters of their name in Who, then Enter.",
                         ui.whoEdit)
            return None
        text = ui.textEdit.toPlainText()
        if not text.strip():
            show_problem(ui.captureProblemLabel, "Type what was said, then press Enter.", ui.textEdit)
            return None
        kind = self.kind()
        # What the screen says about it (the status bar, Edit > Undo) uses the label their
        # consent allows: a laptop in a meeting is often projected for the room.
        shown = rules.attribute(person)
        try:
            contribution = run_undoable(
                self.ctx,
                f"Add {kind.label.lower()} from {shown}",
                do=adding(
                    lambda: self.service.add_contribution(item.id, person.id, kind, text),
                    lambda c: self.service.restore(Contribution, c.id),
                ),
                undo=lambda c: self.service.remove_contribution(c.id),
            )
        except LeapError as exc:
            show_problem(ui.captureProblemLabel, str(exc), ui.textEdit)
            return None
        clear_problem(ui.captureProblemLabel, ui.whoEdit, ui.textEdit)
        # Clear for the next one (setText/setPlainText also clear the fields' own undo,
        # so Ctrl+Z now undoes the capture).
        self.who.clear()
        ui.textEdit.setPlainText("")
        self.focus()
        shown = rules.attribute(person, contribution.attribution)
        self.say(f"{words.sentence(f'Saved {contribution.ref}: {kind.label.lower()} from {shown}')} Ctrl+Z undoes it. "
                 f"Next: {kind.label.lower()} too.")
        return contribution

    # -- undo -------------------------------------------------------------------------

    def _on_can_undo(self, can: bool) -> None:
        self._can_undo = can
        self._update_undo()
        self.fit_text_size()

    def _on_undo_text(self, text: str) -> None:
        self._undo_text = text
        self._update_undo()
        self.fit_text_size()

    def _update_undo(self) -> None:
        button = self.ui.undoButton
        button.setEnabled(self._can_undo)
        text = f"Undo: {self._undo_text}" if self._can_undo else "Nothing to undo"
        button.setToolTip(f"{text} (Ctrl+Z)")
        button.setAccessibleDescription(text)


def _short(kind: ContributionKind) -> str:
    return "insight" if kind is ContributionKind.INSIGHT else kind.label.lower()
