"""Adding and editing a panel member, and recording that someone has left."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from ..domain import rules
from ..domain.errors import RuleError
from ..domain.model import Person
from ..domain.vocab import Consent, PaymentPreference, Role
from ..words import typed_day
from ..models.context import AppContext
from .edits import add_record, change_records
from .form_dialog import FormDialog, text_of
from .widgets import DayField, set_combo_data

CONSENT_MEANING = {
    Consent.NAMED: "Named: their name is shown",
    Consent.INITIALS: "Initials: only their initials are shown",
    Consent.ROLE_ONLY: "Role only: shown by their role, never by name",
    Consent.ANONYMOUS: "Anonymous: neither name nor role is shown",
}


#: What the consent list says before anything is chosen, and the refusal if it stays so.
NO_CONSENT_YET = "Not chosen yet: ask them"
CONSENT_NEEDED = "Attribution consent is needed: choose the one they agreed to"


class PersonDialog(FormDialog):
    """Add a member (``person`` None) or edit one. Undoable."""

    FORM = "person_dialog.ui"
    WIDGETS = (
        "nameEdit", "preferredEdit", "pronounsEdit", "rolesBox", "consentCombo", "consentHint",
        "accessEdit", "paymentCombo", "fromEdit", "toEdit", "formError", "buttons",
        *(f"role_{role.value}" for role in Role),
        "nameError", "preferredError", "pronounsError", "rolesError", "consentError",
        "accessError", "paymentError", "fromError", "toError", "fromHint", "toHint",
    )
    FIELD_ERRORS = {
        "display_name": ("nameEdit", "nameError"),
        "preferred_name": ("preferredEdit", "preferredError"),
        "pronouns": ("pronounsEdit", "pronounsError"),
        "roles": (f"role_{Role.LIVED_EXPERIENCE.value}", "rolesError"),
        "consent": ("consentCombo", "consentError"),
        "access_needs": ("accessEdit", "accessError"),
        "payment": ("paymentCombo", "paymentError"),
        "active_from": ("fromEdit", "fromError"),
        "active_to": ("toEdit", "toError"),
    }

    def __init__(self, ctx: AppContext, person: Person | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent, title=f"Edit {person.display_name}" if person else "Add a panel member")
        self.person = person
        self.saved: Person | None = None
        ui = self.ui
        # No consent is chosen for anyone: it is asked, and saving waits until it is chosen.
        ui.consentCombo.setPlaceholderText(NO_CONSENT_YET)
        for consent in Consent:
            ui.consentCombo.addItem(CONSENT_MEANING[consent], consent.value)
        ui.consentCombo.setCurrentIndex(-1)
        self.joined = DayField(ui.fromEdit, ui.fromHint, "active_from", today=ctx.service.today)
        self.left = DayField(ui.toEdit, ui.toHint, "active_to", today=ctx.service.today)
        ui.paymentCombo.addItem("Not set", None)
        for payment in PaymentPreference:
            ui.paymentCombo.addItem(payment.label, payment.value)
        self.role_checks: dict[Role, QCheckBox] = {role: self.widget(f"role_{role.value}") for role in Role}
        if person is not None:
            ui.nameEdit.setText(person.display_name)
            ui.preferredEdit.setText(person.preferred_name or "")
            ui.pronounsEdit.setText(person.pronouns or "")
            for role in person.roles:
                self.role_checks[role].setChecked(True)
            set_combo_data(ui.consentCombo, person.consent.value)
            ui.accessEdit.setPlainText(person.access_needs or "")
            set_combo_data(ui.paymentCombo, person.payment.value if person.payment else None)
            ui.fromEdit.setText(person.active_from or "")
            ui.toEdit.setText(person.active_to or "")
        else:
            ui.fromEdit.setText(ctx.service.today())
        ui.consentCombo.currentIndexChanged.connect(self._show_attribution)
        ui.nameEdit.textChanged.connect(self._show_attribution)
        for check in self.role_checks.values():
            check.toggled.connect(self._show_attribution)
        self._show_attribution()
        ui.nameEdit.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.nameEdit

    def values(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "display_name": ui.nameEdit.text(),
            "preferred_name": ui.preferredEdit.text(),
            "pronouns": ui.pronounsEdit.text(),
            "roles": [role.value for role, check in self.role_checks.items() if check.isChecked()],
            "consent": ui.consentCombo.currentData(),  # None until one is chosen
            "access_needs": text_of(ui.accessEdit),
            "payment": ui.paymentCombo.currentData(),
            "active_from": self.joined.value(),
            "active_to": self.left.value(),
        }

    def _show_attribution(self) -> None:
        roles = tuple(role for role, check in self.role_checks.items() if check.isChecked())
        name = self.ui.nameEdit.text().strip()
        chosen = self.ui.consentCombo.currentData()
        if chosen is None:
            self.ui.consentHint.setText(
                "Needed: ask them how they want to be shown in the decision log, minutes and exports.")
            return
        consent = Consent.parse(chosen)
        if not name:
            self.ui.consentHint.setText("")
            return
        preview = Person(id="", display_name=name, roles=roles, consent=consent)
        self.ui.consentHint.setText(
            f"In the decision log, minutes and exports: \u201c{rules.attribute(preview)}\u201d"
        )

    def save(self) -> None:
        service = self.ctx.service
        ui = self.ui
        if not any(check.isChecked() for check in self.role_checks.values()):
            raise RuleError("Tick at least one role", "roles")
        if ui.consentCombo.currentData() is None:
            raise RuleError(CONSENT_NEEDED, "consent")
        values = self.values()
        if self.person is None:
            name = values["display_name"].strip() or "a member"
            self.saved = add_record(
                self.ctx, f"Add {name}", Person,
                create=lambda: service.add_person(**values),
                remove=service.remove_person,
            )
            self.ctx.message.emit(f"Added {self.saved.display_name} to the panel")
        else:
            before = service.get(Person, self.person.id)
            self.saved = change_records(
                self.ctx, f"Edit {before.display_name}", [before],
                lambda: service.edit_person(before.id, **values), form=True,
            )
            self.ctx.message.emit(f"Saved {self.saved.display_name}'s details")


class LeaveDialog(FormDialog):
    """Record that someone has left the panel (their history is kept). Undoable."""

    FORM = "leave_dialog.ui"
    WIDGETS = ("introLabel", "dateEdit", "dateError", "dateHint", "keptHint", "formError", "buttons")
    FIELD_ERRORS = {"active_to": ("dateEdit", "dateError")}
    TITLE = "Mark as having left the panel"

    def __init__(self, ctx: AppContext, person: Person, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.person = person
        self.ui.introLabel.setText(f"When did {person.display_name} leave the panel?")
        self.ui.dateEdit.setText(typed_day(ctx.service.today()))
        self.day = DayField(self.ui.dateEdit, self.ui.dateHint, "active_to", today=ctx.service.today)
        self.ui.dateEdit.selectAll()
        self.ui.dateEdit.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.dateEdit

    def save(self) -> None:
        service = self.ctx.service
        before = service.get(Person, self.person.id)
        day = self.day.value()
        if day is None:
            raise RuleError(f"Type the day they left, like {DayField.EXAMPLE}", "active_to")
        person = change_records(
            self.ctx, f"{before.display_name} left the panel", [before],
            lambda: service.edit_person(before.id, active_to=day), form=True,
        )
        self.ctx.message.emit(f"{person.display_name} is marked as having left the panel; their history is kept")
