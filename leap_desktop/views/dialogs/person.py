"""Adding and editing a panel member, and recording that someone has left."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain import rules
from ...domain.comms import DAYS_AHEAD_DEFAULT, LARGE_PRINT_MIN, CommsNeeds, ContactBy, PaperFormat
from ...domain.errors import RuleError
from ...domain.model import Person, build
from ...domain.vocab import Consent, PaymentPreference, Role
from ...words import typed_day
from ...models.context import AppContext
from ..partials.edits import change_records
from ..partials.undo import adding, run_undoable
from .form_dialog import FormDialog, text_of
from ..partials.widgets import DayField, set_combo_data

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
    #: A little wider than most: the form is long enough to scroll, and its scroll bar
    #: takes room the fields would otherwise have.
    WIDTH_CHARS = 90
    WIDGETS = (
        "nameEdit", "preferredEdit", "pronounsEdit", "rolesBox", "consentCombo", "consentHint",
        "accessEdit", "paymentCombo", "fromEdit", "toEdit", "formError", "buttons",
        *(f"role_{role.value}" for role in Role),
        "nameError", "preferredError", "pronounsError", "rolesError", "consentError",
        "accessError", "paymentError", "fromError", "toError", "fromHint", "toHint",
        "formatCombo", "sizeSpin", "printHint", "languageEdit", "daysSpin", "contactCombo",
        "formatError", "sizeError", "languageError", "daysError", "contactError",
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
        "paper_format": ("formatCombo", "formatError"),
        "print_size": ("sizeSpin", "sizeError"),
        "language": ("languageEdit", "languageError"),
        "days_ahead": ("daysSpin", "daysError"),
        "contact_by": ("contactCombo", "contactError"),
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
        for fmt in PaperFormat:
            ui.formatCombo.addItem(fmt.label, fmt.value)
        ui.contactCombo.addItem("Not set", None)
        for contact in ContactBy:
            ui.contactCombo.addItem(contact.label, contact.value)
        self.needs: CommsNeeds | None = ctx.service.comms.needs(person.id) if person else None
        self._show_needs(self.needs)
        ui.formatCombo.currentIndexChanged.connect(self._show_size)
        self._show_size()
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

    # -- communication needs (domain/comms.py) ------------------------------------------

    def _show_needs(self, needs: CommsNeeds | None) -> None:
        ui = self.ui
        set_combo_data(ui.formatCombo, (needs.paper_format if needs else PaperFormat.STANDARD).value)
        ui.sizeSpin.setValue(needs.size if needs and needs.paper_format is PaperFormat.LARGE_PRINT
                             else LARGE_PRINT_MIN)
        ui.languageEdit.setText(needs.language or "" if needs else "")
        ui.daysSpin.setValue(needs.days_ahead if needs else DAYS_AHEAD_DEFAULT)
        set_combo_data(ui.contactCombo, needs.contact_by.value if needs and needs.contact_by else None)

    def _show_size(self) -> None:
        """A print size goes with large print only: the box is there for large print."""
        large = self.ui.formatCombo.currentData() == PaperFormat.LARGE_PRINT.value
        self.ui.sizeSpin.setEnabled(large)
        self.ui.printHint.setText(
            "Their large print papers are made at this size (16 points or more)." if large
            else "For large print only: choose large print to set a size.")

    def needs_values(self) -> dict[str, Any]:
        ui = self.ui
        fmt = ui.formatCombo.currentData()
        return {
            "paper_format": fmt,
            "print_size": ui.sizeSpin.value() if fmt == PaperFormat.LARGE_PRINT.value else None,
            "language": ui.languageEdit.text().strip() or None,
            "days_ahead": ui.daysSpin.value(),
            "contact_by": ui.contactCombo.currentData(),
        }

    def _needs_change(self) -> dict[str, Any] | None:
        """The needs to record, or None when nothing about them changed (and, for
        someone with none recorded, when the form still says the defaults)."""
        values = self.needs_values()
        if self.needs is None:
            default = {"paper_format": PaperFormat.STANDARD.value, "print_size": None, "language": None,
                       "days_ahead": DAYS_AHEAD_DEFAULT, "contact_by": None}
            return None if values == default else values
        now = {"paper_format": self.needs.paper_format.value, "print_size": self.needs.print_size,
               "language": self.needs.language, "days_ahead": self.needs.days_ahead,
               "contact_by": self.needs.contact_by.value if self.needs.contact_by else None}
        return None if values == now else values

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
        needs = self._needs_change()
        if needs is not None:  # refused before anything is saved: nothing half done
            build(CommsNeeds, {**needs, "person_id": "check"}, id="check")
        comms = service.comms
        # The person and their needs are one step: one Undo takes back both.
        if self.person is None:
            name = values["display_name"].strip() or "a member"
            add = adding(lambda: service.add_person(**values), lambda p: service.restore(Person, p.id))

            def do_add() -> Person:
                person = add()
                if needs is not None:
                    comms.set_needs(person.id, **needs)
                return person

            def undo_add(person: Person) -> None:
                comms.clear_needs(person.id)
                service.remove_person(person.id)

            self.saved = run_undoable(self.ctx, f"Add {name}", do_add, undo_add)
            self.ctx.message.emit(f"Added {self.saved.display_name} to the panel")
            return
        before = service.get(Person, self.person.id)
        before_needs = comms.needs(before.id)
        text = f"Edit {before.display_name}"

        def do_edit() -> Person:
            person = service.edit_person(before.id, **values)
            if needs is not None:
                comms.set_needs(before.id, **needs)
            return person

        def undo_edit(_: Any) -> None:
            service.revert([before], f"Undo: {text}")
            if needs is not None:
                if before_needs is None:
                    comms.clear_needs(before.id)
                else:
                    comms.restore_needs(before_needs)

        self.saved = run_undoable(self.ctx, text, do_edit, undo_edit)
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
