"""Adding an action, and closing one: done with what was done, or dropped with why."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain import rules
from ...domain.errors import LeapError, RuleError
from ...domain.model import Action, Decision, Person
from ...domain.vocab import ActionStatus, Consent
from ...models.format import has_left
from ...models.context import AppContext
from ...words import day
from ..partials.edits import add_record, change_records
from .form_dialog import FormDialog, text_of
from ..partials.mention_completer import attach_mentions
from ..partials.widgets import DayField


class ActionDialog(FormDialog):
    """Add an action (for a decision, if one is given). Undoable."""

    FORM = "action_dialog.ui"
    WIDGETS = ("introLabel", "formError", "titleEdit", "titleError", "ownerCombo", "ownerError",
               "dueEdit", "dueError", "dueHint", "decisionEdit", "decisionError", "decisionHint", "buttons")
    FIELD_ERRORS = {
        "title": ("titleEdit", "titleError"),
        "owner_id": ("ownerCombo", "ownerError"),
        "due_on": ("dueEdit", "dueError"),
        "decision_id": ("decisionEdit", "decisionError"),
    }
    TITLE = "Add an action"

    def __init__(self, ctx: AppContext, decision: Decision | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.saved: Action | None = None
        ui = self.ui
        ui.introLabel.setText(
            "Every action has someone who will do it. When it is done, what was done is reported "
            "back to the panel (\u201cyou said, we did\u201d)."
        )
        ui.ownerCombo.addItem("Choose who will do it", None)
        today = ctx.service.today()
        for person in ctx.service.people():
            if has_left(person, today):
                continue
            ui.ownerCombo.addItem(owner_choice(person), person.id)
        self.due = DayField(ui.dueEdit, ui.dueHint, "due_on", empty="No due date", today=ctx.service.today,
                            ahead=True)
        self.mentions = attach_mentions(ctx.service, ui.titleEdit, panel_facing=True)
        if decision is not None:
            ui.decisionEdit.setText(decision.ref)
        ui.decisionEdit.textChanged.connect(self._show_decision)
        self._show_decision()
        ui.titleEdit.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.titleEdit

    def _decision(self) -> Decision | None:
        text = self.ui.decisionEdit.text().strip()
        if not text:
            return None
        try:
            return self.ctx.service.resolve(Decision, text)
        except LeapError as exc:
            raise RuleError(str(exc), "decision_id") from None

    def _show_decision(self) -> None:
        try:
            decision = self._decision()
        except RuleError as exc:
            self.ui.decisionHint.setText(str(exc))
            return
        title = self.ctx.service.redactor()(decision.title) if decision else ""
        self.ui.decisionHint.setText(f"{decision.ref}: {title}" if decision else "Not linked to a decision")

    def save(self) -> None:
        service = self.ctx.service
        decision = self._decision()
        values = {
            "title": text_of(self.ui.titleEdit),
            "owner_id": self.ui.ownerCombo.currentData(),
            "due_on": self.due.value(),
            "decision_id": decision.id if decision else None,
        }
        self.saved = add_record(
            self.ctx, "Add an action", Action,
            create=lambda: service.add_action(**values),
            remove=service.remove_action,
        )
        self.ctx.message.emit(f"Added action {self.saved.ref}")


def owner_choice(person: Person) -> str:
    """An owner to choose, on a screen the panel may see: as their consent allows, with
    their reference when not named (the coordinator knows who P-2 is; the room does not)."""
    roles = ", ".join(r.label.lower() for r in rules.visible_roles(person))
    if person.consent is Consent.NAMED:
        return f"{person.display_name} ({roles})"
    if person.consent is Consent.INITIALS:
        return f"{rules.attribute(person)} ({roles}, {person.ref})"
    return f"{rules.attribute(person)} ({person.ref})"


class CloseActionDialog(FormDialog):
    """Mark an action done (saying what was done) or drop it (saying why). Undoable."""

    FORM = "close_action_dialog.ui"
    WIDGETS = ("introLabel", "formError", "outcomeLabel", "outcomeEdit", "outcomeError", "outcomeHint", "buttons")
    FIELD_ERRORS = {"outcome": ("outcomeEdit", "outcomeError")}

    def __init__(self, ctx: AppContext, action: Action, status: ActionStatus, parent: QWidget | None = None):
        done = status is ActionStatus.DONE
        super().__init__(ctx, parent, title=f"Mark {action.ref} done" if done else f"Drop {action.ref}")
        self.action = action
        self.status = status
        self.saved: Action | None = None
        ui = self.ui
        owner = ctx.service.find(Person, action.owner_id)
        due = f", due {day(action.due_on)}" if action.due_on else ""
        # The Actions page may be on a projector: the action and its owner as the panel reads them.
        title = ctx.service.redactor()(action.title)
        ui.introLabel.setText(f"{action.ref}: {title}\n(owner: {rules.attribute(owner) if owner else 'unknown'}{due})")
        if done:
            ui.outcomeLabel.setText("&What was done?")
            ui.outcomeHint.setText("This is reported back to the panel in \u201cyou said, we did\u201d.")
            ui.outcomeEdit.setAccessibleName("What was done")
        else:
            ui.outcomeLabel.setText("&Why is it being dropped?")
            ui.outcomeHint.setText("The panel will be told why.")
            ui.outcomeEdit.setAccessibleName("Why it is being dropped")
        ui.outcomeEdit.setPlainText(action.outcome or "")
        self.mentions = attach_mentions(ctx.service, ui.outcomeEdit, panel_facing=True)
        ui.outcomeEdit.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.outcomeEdit

    def save(self) -> None:
        service = self.ctx.service
        before = service.get(Action, self.action.id)
        outcome = text_of(self.ui.outcomeEdit)
        verb = "done" if self.status is ActionStatus.DONE else "dropped"
        self.saved = change_records(
            self.ctx, f"Mark {before.ref} {verb}", [before],
            lambda: service.set_action_status(before.id, self.status, outcome=outcome), form=True,
        )
        self.ctx.message.emit(f"{before.ref} is marked {verb}")
