"""The Payments page's lists: claims, the rate card, a claim's expenses, and each
person's tax year against their threshold.

For the coordinator and finance only: no panel-facing page uses these models. Payees
are shown by their full names (the coordinator pays them), never as consent allows.
An overdue claim says so in words ("OVERDUE: not paid 45 days after the activity")
with a warning icon and bold text: never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.money import pounds
from ..domain.payments import OVERDUE_AFTER_DAYS, ClaimStatus, Expense, Rate, RateUnit
from ..services.payment_reports import YearTotal
from ..services.payments import ClaimRow
from ..words import day, days_between, hours, plural
from .table import Column, TableModel, icon

if TYPE_CHECKING:
    from ..models.context import AppContext


@dataclass(frozen=True)
class ClaimLine:
    row: ClaimRow
    overdue_days: int  # days since the activity when overdue, else 0

    @property
    def claim(self):
        return self.row.claim


def status_text(line: ClaimLine) -> str:
    """The status with its date; an overdue claim says so first, so it is never cut off."""
    c = line.claim
    if line.overdue_days:
        return f"OVERDUE: unpaid {plural(line.overdue_days, 'day')} ({c.status.label.lower()})"
    dated = {ClaimStatus.SUBMITTED: c.submitted_on, ClaimStatus.APPROVED: c.approved_on,
             ClaimStatus.PAID: c.paid_on, ClaimStatus.WITHDRAWN: c.withdrawn_on}.get(c.status)
    text = f"{c.status.label} on {day(dated, short=True)}" if dated else c.status.label
    if c.status is ClaimStatus.PAID and c.days_to_payment() is not None:
        text += f" ({plural(c.days_to_payment(), 'day')} after)"
    return text


def fee_text(line: ClaimLine) -> str:
    c = line.claim
    if c.fee_choice.value == "declined":
        return "Declined"
    return pounds(c.fee_pence) + (" (reduced)" if c.fee_choice.value == "reduced" else "")


def quantity_text(claim) -> str:
    """What the fee is for: hours by part, or units, at the rate used."""
    if claim.rate_unit is RateUnit.HOUR:
        parts = [(claim.meeting_hours, "at the activity"), (claim.preparation_hours, "preparation"),
                 (claim.follow_up_hours, "follow-up")]
        said = ", ".join(f"{hours(h)} {what}" for h, what in parts if h)
        return f"{said or 'no hours'} at {pounds(claim.rate_pence)} {claim.rate_unit.label}"
    count = claim.units if claim.units is not None else 1
    return f"{count:g} at {pounds(claim.rate_pence)} {claim.rate_unit.label}"


class ClaimsModel(TableModel[ClaimLine]):
    """Claims as the page's Status, Person and Meeting choose."""

    REF, PAYEE, ACTIVITY, ON, MEETING, FEE, EXPENSES, METHOD, STATUS = range(9)

    COLUMNS = (
        Column("Ref", lambda l: l.claim.ref, "The claim's reference, like CL-7", sort=lambda l: l.claim.number or 0),
        Column("Payee", lambda l: l.row.payee, "Who is paid"),
        Column("For", lambda l: l.claim.description or l.claim.activity.label,
               "The activity, and what it was for", tooltip=lambda l: f"{l.claim.activity.label}: {quantity_text(l.claim)}"),
        Column("Date", lambda l: day(l.claim.activity_on, short=True), "The day of the activity",
               sort=lambda l: l.claim.activity_on),
        Column("Meeting", lambda l: l.row.meeting_ref or "", "The meeting the claim is for, if any"),
        Column("Fee", fee_text, "The fee: full, reduced or declined at the member's request",
               sort=lambda l: l.claim.fee_pence, align_right=True),
        Column("Expenses", lambda l: pounds(l.row.expenses_pence) if l.row.expense_count else "",
               "Expenses on the claim, apart from the fee", sort=lambda l: l.row.expenses_pence, align_right=True),
        Column("Method", lambda l: l.claim.method.label, "Bank transfer, voucher, cash or time credits"),
        Column("Status", status_text, f"Draft, submitted, approved, paid or withdrawn, with its date; "
               f"a claim not paid {OVERDUE_AFTER_DAYS} days after the activity says OVERDUE",
               sort=lambda l: (not l.overdue_days, list(ClaimStatus).index(l.claim.status)),
               icon=lambda l: icon("overdue") if l.overdue_days else None, bold=lambda l: bool(l.overdue_days)),
    )

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.status: str | None = None
        self.person_id: str | None = None
        self.meeting_id: str | None = None
        self.overdue_only = False

    def record(self, line: ClaimLine):
        return line.claim

    def set_filter(self, *, status: str | None = None, person_id: str | None = None,
                   meeting_id: str | None = None) -> None:
        """``status`` is a claim status, ``"overdue"`` or None for every claim."""
        self.overdue_only = status == "overdue"
        self.status = None if self.overdue_only else status
        self.person_id, self.meeting_id = person_id, meeting_id
        self.refresh()

    def fetch(self) -> list[ClaimLine]:
        today = self.service.today()
        rows = self.service.payments.claims(status=self.status, person_id=self.person_id, meeting_id=self.meeting_id)
        lines = [ClaimLine(r, days_between(r.claim.activity_on, today) if r.claim.is_overdue(today) else 0)
                 for r in rows]
        return [line for line in lines if line.overdue_days] if self.overdue_only else lines

    def overdue_count(self) -> int:
        return sum(1 for line in self._rows if line.overdue_days)

    def totals(self) -> tuple[int, int]:
        """Fees and expenses of the claims listed, withdrawn ones left out."""
        counted = [line.row for line in self._rows if line.claim.status is not ClaimStatus.WITHDRAWN]
        return sum(r.claim.fee_pence for r in counted), sum(r.expenses_pence for r in counted)


class RatesModel(TableModel[Rate]):
    """The rate card: each activity's rates, newest first, with the one in force today marked."""

    ACTIVITY, AMOUNT, FROM, SOURCE, EXAMPLE = range(5)

    COLUMNS = (
        Column("Activity", lambda r: r.activity.label, "What the rate pays for"),
        Column("Rate", lambda r: f"{pounds(r.amount_pence)} {r.unit.label}", "The amount, and per what",
               sort=lambda r: r.amount_pence),
        Column("Valid from", lambda r: day(r.valid_from, short=True), "The rate applies to activities from this day",
               sort=lambda r: r.valid_from),
        Column("Source", lambda r: r.source or "", "Where the rate comes from"),
        Column("Example", lambda r: "EXAMPLE ONLY" if r.example.value == "yes" else "",
               "An example rate, to illustrate: not guidance"),
    )

    def fetch(self) -> list[Rate]:
        return self.service.payments.rates()


class ExpensesModel(TableModel[Expense]):
    """A claim's expense lines, as its dialog holds them (filled with :meth:`set_rows`)."""

    CATEGORY, AMOUNT, RECEIPT, ADVANCE = range(4)

    COLUMNS = (
        Column("Category", lambda e: e.category.label + (f": {e.miles:g} miles at {pounds(e.mile_rate_pence)}"
                                                          if e.miles else ""), "What the expense was"),
        Column("Amount", lambda e: pounds(e.amount_pence), "How much", sort=lambda e: e.amount_pence, align_right=True),
        Column("Receipt", lambda e: e.receipt_ref or "No receipt reference", "The receipt's reference"),
        Column("Paid in advance", lambda e: "Paid in advance" if e.paid_in_advance.value == "yes" else "",
               "Whether the organisation paid it in advance"),
    )


def left_text(total: YearTotal) -> str:
    limit = total.own_limit or total.threshold
    if limit is None:
        return "No threshold set"
    left = limit.amount_pence - total.fees_pence
    which = "own limit" if limit is total.own_limit else "threshold"
    return f"{pounds(-left)} OVER the {which}" if left < 0 else f"{pounds(left)} left before the {which}"


class YearTotalsModel(TableModel[YearTotal]):
    """Each person's fees in one tax year against their threshold and own limit."""

    PERSON, PAID, DUE, EXPENSES, THRESHOLD, OWN, LEFT = range(7)

    COLUMNS = (
        Column("Person", lambda t: t.person.display_name, "The payee"),
        Column("Fees paid", lambda t: pounds(t.fees_paid_pence), "Fees paid in the tax year (by the date paid)",
               sort=lambda t: t.fees_paid_pence, align_right=True),
        Column("Claimed, not paid", lambda t: pounds(t.fees_due_pence), "Fees claimed in the year and not paid yet",
               sort=lambda t: t.fees_due_pence, align_right=True),
        Column("Expenses", lambda t: pounds(t.expenses_paid_pence), "Expenses paid: not income, so not counted",
               sort=lambda t: t.expenses_paid_pence, align_right=True),
        Column("Threshold", lambda t: pounds(t.threshold.amount_pence) if t.threshold else "None",
               "The threshold the coordinator set (the person's, else the panel's)"),
        Column("Own limit", lambda t: pounds(t.own_limit.amount_pence) if t.own_limit else "None",
               "A limit the person asked to be kept to", tooltip=lambda t: (t.own_limit.note or "") if t.own_limit else ""),
        Column("Against the limit", left_text, "Fees (paid and claimed) against the person's own limit, else the threshold",
               icon=lambda t: icon("overdue") if t.over(t.own_limit or t.threshold) else None,
               bold=lambda t: t.over(t.own_limit or t.threshold)),
    )

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.tax_year = 0

    def record_id(self, total: YearTotal):
        return total.person.id

    def record(self, total: YearTotal):
        return total

    def set_year(self, year: int) -> None:
        self.tax_year = year
        self.refresh()

    def fetch(self) -> list[YearTotal]:
        pay = self.service.payments
        payees = {r.claim.person_id for r in pay.claims()}
        people = [p for p in self.service.people() if p.id in payees]
        totals = [pay.year_total(p.id, self.tax_year) for p in people]
        return [t for t in totals if t.fees_pence or t.expenses_paid_pence]
