"""Payments > Thresholds and limits: the tax-year threshold for fees (the panel's, or
one person's) and a dated note of the limit a person has asked to keep to. Amounts are
typed as people write them (``£1,000``). Each is one undoable change; what is in force
on a day is the last one noted on or before it (services/payments.py). The dialog says
where to find advice and never gives it (services/payment_reports.ADVICE_POINTER)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.errors import RuleError
from ...domain.money import parse_pence, pounds
from ...domain.payments import LimitKind, PaymentLimit
from ...models.context import AppContext
from ...services.payment_reports import ADVICE_POINTER
from ...words import day
from .form_dialog import FormDialog, text_of
from ..partials.undo import adding, run_undoable
from ..partials.widgets import DayField, set_combo_data

KINDS = {
    LimitKind.THRESHOLD: "Tax-year threshold for fees",
    LimitKind.OWN_LIMIT: "A person's own limit (what they asked you to keep to)",
}
PANEL = "The whole panel"


class LimitDialog(FormDialog):
    """Set a threshold or note a person's own limit. Undoable."""

    FORM = "limit_dialog.ui"
    TITLE = "Thresholds and limits"
    WIDGETS = ("formError", "adviceLabel", "kindCombo", "kindError", "whoCombo", "whoHint", "whoError",
               "amountEdit", "amountError", "onEdit", "onHint", "onError", "noteEdit", "noteError", "buttons")
    FIELD_ERRORS = {
        "kind": ("kindCombo", "kindError"),
        "person_id": ("whoCombo", "whoError"),
        "amount_pence": ("amountEdit", "amountError"),
        "noted_on": ("onEdit", "onError"),
        "note": ("noteEdit", "noteError"),
    }

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, person_id: str | None = None):
        super().__init__(ctx, parent)
        ui = self.ui
        self.saved: PaymentLimit | None = None
        ui.adviceLabel.setText(ADVICE_POINTER)
        for kind, label in KINDS.items():
            ui.kindCombo.addItem(label, kind.value)
        ui.whoCombo.addItem(PANEL, None)
        for person in ctx.service.people():
            ui.whoCombo.addItem(person.display_name, person.id)
        set_combo_data(ui.whoCombo, person_id)
        self.on = DayField(ui.onEdit, ui.onHint, "noted_on", today=ctx.service.today)
        self.on.set_value(ctx.service.today())
        ui.kindCombo.currentIndexChanged.connect(lambda _i: self._show_in_force())
        ui.whoCombo.currentIndexChanged.connect(lambda _i: self._show_in_force())
        self._show_in_force()
        ui.amountEdit.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.amountEdit

    def kind(self) -> LimitKind:
        return LimitKind.parse(self.ui.kindCombo.currentData(), "Kind of limit")

    def _show_in_force(self) -> None:
        """What is noted now for the choice, so a new one is set knowing the old."""
        kind, person_id = self.kind(), self.ui.whoCombo.currentData()
        found = [x for x in self.ctx.service.payments.limits() if x.kind is kind and x.person_id == person_id]
        if kind is LimitKind.OWN_LIMIT and person_id is None:
            text = "A person's own limit is one person's: choose them."
        elif not found:
            text = "None noted yet."
        else:
            last = max(found, key=lambda x: (x.noted_on, x.created_at or ""))
            text = f"Noted now: {pounds(last.amount_pence)}, from {day(last.noted_on, short=True)}."
        self.ui.whoHint.setText(text)

    def save(self) -> None:
        payments = self.ctx.service.payments
        ui = self.ui
        kind = self.kind()
        person_id = ui.whoCombo.currentData()
        if kind is LimitKind.OWN_LIMIT and person_id is None:
            raise RuleError("A person's own limit needs the person: choose them in For", "person_id")
        if not ui.amountEdit.text().strip():
            raise RuleError("Type the amount for the tax year, like £1,000", "amount_pence")
        try:
            pence = parse_pence(ui.amountEdit.text(), "The amount")
        except RuleError as exc:
            raise RuleError(str(exc), "amount_pence") from None
        on = self.on.value()
        note = text_of(ui.noteEdit).strip() or None
        whose = ui.whoCombo.currentText() if person_id else "the panel"
        if kind is LimitKind.THRESHOLD:
            text = f"Threshold for {whose}: {pounds(pence)}"
            add = lambda: payments.set_threshold(pence, person_id=person_id, on=on, note=note)  # noqa: E731
        else:
            text = f"Own limit for {whose}: {pounds(pence)}"
            add = lambda: payments.note_own_limit(person_id, pence, on=on, note=note)  # noqa: E731
        self.saved = run_undoable(
            self.ctx, text, adding(add, lambda limit: self.ctx.service.restore(PaymentLimit, limit.id)),
            lambda limit: payments.remove_limit(limit.id))
        self.ctx.message.emit(f"Noted the {text[0].lower()}{text[1:]}")
