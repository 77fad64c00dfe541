"""A claim with its fee and expense lines; an expense line; a claim's status steps.

Every save is one undoable edit (``views.undo``): adding a claim is undone by deleting
it with its expenses, and redone by bringing the same claim back; a change or a status
step is undone by putting the claim back as it was. A refusal stays in the dialog,
beside the field at fault, with what was typed kept. Only a draft claim can be changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ...domain.errors import LeapError, RuleError
from ...domain.model import build
from ...domain.money import parse_pence, pounds, times
from ...domain.payments import (
    Claim,
    ClaimStatus,
    Expense,
    ExpenseCategory,
    FeeChoice,
    PaymentMethod,
    RateActivity,
    RateUnit,
)
from ...models.context import AppContext
from ...models.format import has_left
from ...models.payments import ExpensesModel
from ...words import day, day_long
from ..partials.edits import change_records
from .form_dialog import FormDialog, text_of
from ..partials.undo import run_undoable
from ..partials.widgets import DayField, compact_combo, prepare_table, select_row, set_combo_data

HOURS = ("meeting_hours", "preparation_hours", "follow_up_hours", "units")


def typed_day(iso: str | None) -> str:
    """A date as people type it (31/03/2026), for a field filled in for them."""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}" if iso else ""


def held_meetings(ctx: AppContext) -> list:
    """Meetings that have been held (claims are drafted from these), newest first."""
    return [m for m in reversed(ctx.service.meetings()) if m.status.value not in ("planned", "cancelled")]


def meeting_label(meeting) -> str:
    return f"{meeting.ref} {meeting.title} ({day(meeting.day, short=True)})"


class ClaimDialog(FormDialog):
    """Add a claim by hand, or see and change a draft claim and its expenses."""

    FORM = "claim_dialog.ui"
    WIDGETS = ("introLabel", "formError", "payeeCombo", "payeeError", "activityCombo", "activityError",
               "dateEdit", "dateHint", "dateError", "meetingCombo", "descriptionEdit", "descriptionError",
               "meetingHoursEdit", "prepEdit", "followEdit", "unitsEdit", "hoursError", "rateHint",
               "feeCombo", "reducedEdit", "feeError", "methodCombo", "costEdit", "expensesTable",
               "addExpenseButton", "removeExpenseButton", "expensesError", "buttons")
    FIELD_ERRORS = {
        "person_id": ("payeeCombo", "payeeError"),
        "activity": ("activityCombo", "activityError"),
        "activity_on": ("dateEdit", "dateError"),
        "description": ("descriptionEdit", "descriptionError"),
        "meeting_hours": ("meetingHoursEdit", "hoursError"),
        "preparation_hours": ("prepEdit", "hoursError"),
        "follow_up_hours": ("followEdit", "hoursError"),
        "units": ("unitsEdit", "hoursError"),
        "fee_pence": ("reducedEdit", "feeError"),
        "fee_choice": ("feeCombo", "feeError"),
        "miles": ("expensesTable", "expensesError"),
    }
    TITLE = "Add a claim"

    def __init__(self, ctx: AppContext, claim: Claim | None = None, parent: QWidget | None = None, *,
                 person_id: str | None = None):
        super().__init__(ctx, parent, title=f"Claim {claim.ref}" if claim else self.TITLE)
        self.claim = claim
        self.saved: Claim | None = None
        self.pay = ctx.service.payments
        ui = self.ui
        today = ctx.service.today()
        for combo in (ui.payeeCombo, ui.meetingCombo):
            compact_combo(combo, 30)
        ui.payeeCombo.addItem("Choose who is paid", None)
        for person in ctx.service.people():
            if not has_left(person, today) or (claim and claim.person_id == person.id):
                ui.payeeCombo.addItem(f"{person.display_name} ({person.payment.label.lower() if person.payment else 'no payment preference'})", person.id)
        for activity in RateActivity:
            if activity is not RateActivity.MILEAGE:
                ui.activityCombo.addItem(activity.label, activity.value)
        ui.meetingCombo.addItem("Not for a meeting", None)
        for meeting in held_meetings(ctx):
            ui.meetingCombo.addItem(meeting_label(meeting), meeting.id)
        for choice in FeeChoice:
            ui.feeCombo.addItem(choice.label, choice.value)
        for method in PaymentMethod:
            ui.methodCombo.addItem(method.label, method.value)
        self.date = DayField(ui.dateEdit, ui.dateHint, "activity_on")
        self.expenses_model = ExpensesModel(None, self)
        ui.expensesTable.setModel(self.expenses_model)
        prepare_table(ui.expensesTable, stretch_column=ExpensesModel.CATEGORY, stretch_min=24,
                      widths={ExpensesModel.AMOUNT: 10, ExpensesModel.RECEIPT: 20, ExpensesModel.ADVANCE: 16})
        ui.expensesTable.setMinimumHeight(5 * ui.expensesTable.fontMetrics().height())
        self.kept: list[Expense] = []  # on the claim already
        self.removed: list[Expense] = []
        self.staged: list[tuple[dict[str, Any], Expense]] = []  # to add when saved
        ui.addExpenseButton.clicked.connect(self.add_expense)
        ui.removeExpenseButton.clicked.connect(self.remove_expense)
        if claim is not None:
            self._fill(claim)
        else:
            set_combo_data(ui.payeeCombo, person_id)
            ui.dateEdit.setText(typed_day(today))
            ui.introLabel.setText("A claim added by hand: reviewing a document, a task between meetings, a training "
                                  "day. The rate in force on the day applies, and the claim keeps it.")
        for signal in (ui.activityCombo.currentIndexChanged, ui.dateEdit.textChanged, ui.feeCombo.currentIndexChanged,
                       ui.meetingHoursEdit.textChanged, ui.prepEdit.textChanged, ui.followEdit.textChanged,
                       ui.unitsEdit.textChanged, ui.payeeCombo.currentIndexChanged):
            signal.connect(self._update)
        self._update()
        self._show_expenses()
        self.resize(self.fitted(self.sizeHint().expandedTo(self.size())))  # now that the expenses are shown
        self.default_focus().setFocus()

    def _fill(self, claim: Claim) -> None:
        ui = self.ui
        set_combo_data(ui.payeeCombo, claim.person_id)
        set_combo_data(ui.activityCombo, claim.activity.value)
        ui.dateEdit.setText(typed_day(claim.activity_on))
        set_combo_data(ui.meetingCombo, claim.meeting_id)
        ui.descriptionEdit.setText(claim.description or "")
        for edit, value in zip((ui.meetingHoursEdit, ui.prepEdit, ui.followEdit, ui.unitsEdit),
                               (claim.meeting_hours, claim.preparation_hours, claim.follow_up_hours, claim.units)):
            edit.setText(f"{value:g}" if value is not None else "")
        set_combo_data(ui.feeCombo, claim.fee_choice.value)
        if claim.fee_choice is FeeChoice.REDUCED:
            ui.reducedEdit.setText(pounds(claim.fee_pence))
        set_combo_data(ui.methodCombo, claim.method.value)
        ui.costEdit.setText(claim.cost_code or "")
        self.kept = self.pay.expenses(claim.id)
        for combo in (ui.payeeCombo, ui.activityCombo, ui.meetingCombo):
            combo.setEnabled(False)  # who, what and when stay as the claim was made
        ui.dateEdit.setReadOnly(True)
        draft = claim.status is ClaimStatus.DRAFT
        ui.introLabel.setText(
            f"{claim.ref} is a draft: change its hours, fee, method, cost code or expenses, then save." if draft else
            f"{claim.ref} is {claim.status.label.lower()}, so it can no longer be changed (only a draft can).")
        if not draft:
            for widget in (ui.descriptionEdit, ui.meetingHoursEdit, ui.prepEdit, ui.followEdit, ui.unitsEdit,
                           ui.reducedEdit, ui.costEdit):
                widget.setReadOnly(True)
            for widget in (ui.feeCombo, ui.methodCombo, ui.addExpenseButton, ui.removeExpenseButton):
                widget.setEnabled(False)
            self.ok_button().hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")

    def default_focus(self) -> QWidget:
        ui = self.ui
        if self.claim is None:
            return ui.payeeCombo
        return ui.meetingHoursEdit if self.claim.status is ClaimStatus.DRAFT else ui.expensesTable

    # -- what the claim comes to ---------------------------------------------------------

    def _day(self) -> str | None:
        try:
            return self.date.value()
        except RuleError:
            return None

    def _update(self) -> None:
        ui = self.ui
        reduced = ui.feeCombo.currentData() == FeeChoice.REDUCED.value
        ui.reducedEdit.setEnabled(reduced and not ui.reducedEdit.isReadOnly())
        ui.rateHint.setText(self._rate_words())
        ui.rateHint.setAccessibleName(ui.rateHint.text())

    def _rate_words(self) -> str:
        if self.claim is not None:
            c = self.claim
            rate = f"{pounds(c.rate_pence)} {c.rate_unit.label}" + (f" ({c.rate_source})" if c.rate_source else "")
            return f"Rate used: {rate}. A claim keeps its rate: changing the rate card never changes it. " \
                   f"Full fee: {self._full_fee(c.rate_pence, c.rate_unit)}."
        day_iso = self._day()
        if not day_iso:
            return "The rate in force on the day of the activity applies."
        try:
            rate = self.pay.rate_on(self.ui.activityCombo.currentData(), day_iso)
        except LeapError as exc:
            return str(exc)
        source = f" ({rate.source})" if rate.source else ""
        return (f"Rate in force on {day(day_iso)}: {pounds(rate.amount_pence)} {rate.unit.label}{source}. "
                f"Full fee: {self._full_fee(rate.amount_pence, rate.unit)}.")

    def _full_fee(self, rate_pence: int, unit: RateUnit) -> str:
        ui = self.ui
        try:
            if unit is RateUnit.HOUR:
                quantity = sum(float(e.text()) for e in (ui.meetingHoursEdit, ui.prepEdit, ui.followEdit) if e.text().strip())
            else:
                quantity = float(ui.unitsEdit.text()) if ui.unitsEdit.text().strip() else 1
        except ValueError:
            return "give the hours as numbers, like 1.5"
        return pounds(times(rate_pence, quantity))

    # -- expenses ------------------------------------------------------------------------

    def _show_expenses(self) -> None:
        removed = {e.id for e in self.removed}
        self.expenses_model.set_rows([e for e in self.kept if e.id not in removed] + [e for _, e in self.staged])
        total = sum(e.amount_pence for e in self.expenses_model.rows())
        self.ui.expensesTable.setAccessibleDescription(
            f"{len(self.expenses_model.rows())} expense lines, {pounds(total)} in all, apart from the fee")
        self.ui.removeExpenseButton.setEnabled(bool(self.expenses_model.rowCount())
                                               and self.ui.addExpenseButton.isEnabled())

    def add_expense(self) -> None:
        dialog = ExpenseDialog(self.ctx, self._day() or (self.claim.activity_on if self.claim else None), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._took(dialog.staged))
        dialog.finished.connect(lambda _result: self.ui.expensesTable.setFocus())
        self.dialog = dialog  # tests and screen readers find it here
        dialog.open()

    def _took(self, staged: tuple[dict[str, Any], Expense] | None) -> None:
        if staged is not None:
            self.staged.append(staged)
            self._show_expenses()
            select_row(self.ui.expensesTable, self.expenses_model.rowCount() - 1)

    def remove_expense(self) -> None:
        index = self.ui.expensesTable.currentIndex()
        expense = self.expenses_model.row_at(index.row()) if index.isValid() else None
        if expense is None:
            return
        staged = [s for s in self.staged if s[1] is expense]
        if staged:
            self.staged.remove(staged[0])
        else:
            self.removed.append(expense)
        self._show_expenses()
        select_row(self.ui.expensesTable, min(index.row(), self.expenses_model.rowCount() - 1))

    # -- saving --------------------------------------------------------------------------

    def _values(self) -> dict[str, Any]:
        ui = self.ui
        values: dict[str, Any] = {name: edit.text().strip() or None for name, edit in zip(
            HOURS, (ui.meetingHoursEdit, ui.prepEdit, ui.followEdit, ui.unitsEdit))}
        values.update(description=text_of(ui.descriptionEdit).strip() or None, cost_code=ui.costEdit.text().strip() or None,
                      method=ui.methodCombo.currentData())
        return values

    def _fee(self) -> tuple[Any, bool]:
        choice = self.ui.feeCombo.currentData()
        if choice == FeeChoice.REDUCED.value:
            text = self.ui.reducedEdit.text().strip()
            if not text:
                raise RuleError("Say the reduced fee the member asked for, like £40", "fee_pence")
            return text, False
        return None, choice == FeeChoice.DECLINED.value

    def _add_staged(self, claim_id: str) -> list[str]:
        return [self.pay.add_expense(claim_id, **values).id for values, _ in self.staged]

    def save(self) -> None:
        fee, declined = self._fee()
        values = self._values()
        if self.claim is None:
            self.saved = self._save_new(fee, declined, values)
        else:
            self.saved = self._save_changes(fee, declined, values)
        self.ctx.message.emit(f"Saved claim {self.saved.ref}")

    def _save_new(self, fee: Any, declined: bool, values: dict[str, Any]) -> Claim:
        ui, pay = self.ui, self.pay
        person_id = ui.payeeCombo.currentData()
        if person_id is None:
            raise RuleError("Choose who is paid", "person_id")
        activity_on = self.date.value()
        if activity_on is None:
            raise RuleError("Give the date of the activity, like 31/03/2026", "activity_on")
        made: list[tuple[str, list[str]]] = []

        def do() -> Claim:
            if made:
                return pay.restore_claims([made[0][0]], made[0][1])[0]
            claim = pay.add_claim(person_id, ui.activityCombo.currentData(), activity_on, fee=fee, declined=declined,
                                  meeting_id=ui.meetingCombo.currentData(), **values)
            try:
                made.append((claim.id, self._add_staged(claim.id)))
            except LeapError:
                pay.remove_claims([claim.id])  # all of it or nothing
                raise
            return claim

        return run_undoable(self.ctx, "Add a claim", do, lambda claim: pay.remove_claims([claim.id]))

    def _save_changes(self, fee: Any, declined: bool, values: dict[str, Any]) -> Claim:
        pay, service = self.pay, self.ctx.service
        before = [service.get(Claim, self.claim.id)] + list(self.removed)
        added: list[str] = []

        def do() -> Claim:
            claim = pay.edit_claim(self.claim.id, fee=fee, declined=declined, **values)
            for expense in self.removed:
                pay.remove_expense(expense.id)
            added[:] = self._add_staged(claim.id)
            return claim

        def undo(_result: Any) -> Any:
            for expense_id in added:
                pay.remove_expense(expense_id)
            return service.revert(before, f"Undo: edit claim {self.claim.ref}")

        return run_undoable(self.ctx, f"Edit claim {self.claim.ref}", do, undo)


class ExpenseDialog(FormDialog):
    """One expense line: its category, the amount as people write it (or the miles, for
    mileage at the rate card's dated rate), a receipt reference, paid in advance."""

    FORM = "expense_dialog.ui"
    WIDGETS = ("introLabel", "formError", "categoryCombo", "amountEdit", "amountError", "milesEdit", "milesHint",
               "milesError", "receiptEdit", "receiptError", "descriptionEdit", "advanceCheck", "buttons")
    FIELD_ERRORS = {"amount_pence": ("amountEdit", "amountError"), "miles": ("milesEdit", "milesError"),
                    "receipt_ref": ("receiptEdit", "receiptError")}
    TITLE = "Add an expense"
    WIDTH_CHARS = 64

    def __init__(self, ctx: AppContext, claim_day: str | None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.claim_day = claim_day
        self.staged: tuple[dict[str, Any], Expense] | None = None
        ui = self.ui
        ui.introLabel.setText("Expenses are reimbursed on receipt and are not income: they are shown apart from "
                              "the fee and never count towards a person's total.")
        for category in ExpenseCategory:
            ui.categoryCombo.addItem(category.label, category.value)
        ui.categoryCombo.currentIndexChanged.connect(self._update)
        ui.milesEdit.textChanged.connect(self._update)
        self._update()
        ui.categoryCombo.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.categoryCombo

    def _mileage(self) -> bool:
        return self.ui.categoryCombo.currentData() == ExpenseCategory.MILEAGE.value

    def _mile_rate(self):
        if not self.claim_day:
            raise RuleError("Give the claim's date first: mileage is paid at the rate in force on that day", "miles")
        return self.ctx.service.payments.rate_on(RateActivity.MILEAGE, self.claim_day)

    def _update(self) -> None:
        ui = self.ui
        mileage = self._mileage()
        ui.amountEdit.setEnabled(not mileage)
        ui.milesEdit.setEnabled(mileage)
        if not mileage:
            ui.milesHint.setText("Miles are given for mileage only.")
            return
        try:
            rate = self._mile_rate()
            miles = float(ui.milesEdit.text()) if ui.milesEdit.text().strip() else None
        except LeapError as exc:
            ui.milesHint.setText(str(exc))
            return
        except ValueError:
            ui.milesHint.setText("Give the miles as a number, like 12.5")
            return
        on = f"the rate in force on {day(self.claim_day)}"
        ui.milesHint.setText(f"{miles:g} miles at {pounds(rate.amount_pence)} a mile ({on}): "
                             f"{pounds(times(rate.amount_pence, miles))}" if miles else
                             f"Paid at {pounds(rate.amount_pence)} a mile, {on}.")

    def save(self) -> None:
        ui = self.ui
        values: dict[str, Any] = {"category": ui.categoryCombo.currentData(),
                                  "paid_in_advance": ui.advanceCheck.isChecked(),
                                  "receipt_ref": ui.receiptEdit.text().strip() or None,
                                  "description": ui.descriptionEdit.text().strip() or None}
        fields = {k: v for k, v in values.items() if k != "paid_in_advance"}
        fields["paid_in_advance"] = "yes" if values["paid_in_advance"] else "no"
        if self._mileage():
            rate = self._mile_rate()
            miles = Expense.FIELDS["miles"](ui.milesEdit.text())
            if not miles:
                raise RuleError("Mileage needs the miles travelled", "miles")
            values["miles"] = miles
            fields.update(miles=miles, mile_rate_pence=rate.amount_pence, amount_pence=times(rate.amount_pence, miles))
        else:
            text = ui.amountEdit.text().strip()
            if not text:
                raise RuleError("Give the amount, like £12.40", "amount_pence")
            values["amount"] = parse_pence(text, "Amount")
            fields["amount_pence"] = values["amount"]
        preview = build(Expense, {"claim_id": "new", **fields}, id=f"new-{id(self)}")
        self.staged = (values, preview)


class ClaimStepDialog(FormDialog):
    """Submit, approve, pay or withdraw a claim, on a date (and, to withdraw, saying why)."""

    FORM = "claim_step_dialog.ui"
    WIDGETS = ("introLabel", "formError", "dateEdit", "dateHint", "dateError", "reasonLabel", "reasonEdit",
               "reasonError", "buttons")
    FIELD_ERRORS = {name: ("dateEdit", "dateError") for name in ("submitted_on", "approved_on", "paid_on", "withdrawn_on")}
    FIELD_ERRORS["withdrawn_reason"] = ("reasonEdit", "reasonError")
    WIDTH_CHARS = 64
    VERBS = {ClaimStatus.SUBMITTED: ("Submit", "submitted"), ClaimStatus.APPROVED: ("Approve", "approved"),
             ClaimStatus.PAID: ("Mark paid", "paid"), ClaimStatus.WITHDRAWN: ("Withdraw", "withdrawn")}

    def __init__(self, ctx: AppContext, claim: Claim, status: ClaimStatus, parent: QWidget | None = None):
        verb, done = self.VERBS[status]
        super().__init__(ctx, parent, title=f"{verb} {claim.ref}")
        self.claim, self.status = claim, status
        self.saved: Claim | None = None
        ui = self.ui
        ui.introLabel.setText(f"{claim.ref}: {claim.description or claim.activity.label} on {day_long(claim.activity_on)}, "
                              f"fee {pounds(claim.fee_pence)}. Say the day it was {done}.")
        self.date = DayField(ui.dateEdit, ui.dateHint, f"{status.value}_on")
        ui.dateEdit.setText(typed_day(ctx.service.today()))
        withdrawing = status is ClaimStatus.WITHDRAWN
        for widget in (ui.reasonLabel, ui.reasonEdit):
            widget.setVisible(withdrawing)
        self.ok_button().setText(f"&{verb}" if verb != "Mark paid" else "&Mark paid")
        self.ok_button().setAccessibleName(verb)
        self.default_focus().setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.reasonEdit if self.status is ClaimStatus.WITHDRAWN else self.ui.dateEdit

    def save(self) -> None:
        pay, service = self.ctx.service.payments, self.ctx.service
        on = self.date.value()
        if on is None:
            raise RuleError("Give the date, like 31/03/2026", f"{self.status.value}_on")
        before = service.get(Claim, self.claim.id)
        verb, done = self.VERBS[self.status]
        step = {ClaimStatus.SUBMITTED: lambda: pay.submit_claim(before.id, on),
                ClaimStatus.APPROVED: lambda: pay.approve_claim(before.id, on),
                ClaimStatus.PAID: lambda: pay.pay_claim(before.id, on),
                ClaimStatus.WITHDRAWN: lambda: pay.withdraw_claim(before.id, text_of(self.ui.reasonEdit).strip(), on)}
        self.saved = change_records(self.ctx, f"{verb} {before.ref}", [before], step[self.status], form=True)
        self.ctx.message.emit(f"{before.ref} is {done} ({day(on)})")
