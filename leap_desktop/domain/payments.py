"""Payment for involvement: the rate card, claims, their expenses, and tax-year limits.

Plain records like the rest of the panel's (see :mod:`.model`), kept for the
coordinator and finance only: nothing here is ever shown to the panel (see
``docs/payments.md``). Money is whole pence (:mod:`.money`). A claim keeps the rate
it used, so changing the rate card never changes a claim already made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from . import fields as f
from .errors import RuleError
from .record import Record
from .money import Money, pounds, times
from .vocab import Vocab


class RateActivity(Vocab):
    """Activity."""

    MEETING = ("meeting", "Meeting")
    PREPARATION = ("preparation", "Preparation")
    FOLLOW_UP = ("follow_up", "Follow-up or review")
    TASK = ("task", "Task between meetings")
    TRAINING = ("training", "Training")
    HALF_DAY = ("half_day", "Half-day event")
    DAY = ("day", "Day event")
    MILEAGE = ("mileage", "Mileage")


class RateUnit(Vocab):
    """Unit."""

    HOUR = ("hour", "per hour")
    HALF_DAY = ("half_day", "per half day")
    DAY = ("day", "per day")
    TASK = ("task", "per task")
    MILE = ("mile", "per mile")


class FeeChoice(Vocab):
    """Fee."""

    FULL = ("full", "Full fee")
    REDUCED = ("reduced", "Reduced at the member's request")
    DECLINED = ("declined", "Declined at the member's request")


class PaymentMethod(Vocab):
    """Payment method."""

    BANK_TRANSFER = ("bank_transfer", "Bank transfer")
    VOUCHER = ("voucher", "Voucher")
    CASH = ("cash", "Cash")
    TIME_CREDITS = ("time_credits", "Time credits")


class ClaimStatus(Vocab):
    """Claim status."""

    DRAFT = ("draft", "Draft")
    SUBMITTED = ("submitted", "Submitted")
    APPROVED = ("approved", "Approved")
    PAID = ("paid", "Paid")
    WITHDRAWN = ("withdrawn", "Withdrawn")


class ExpenseCategory(Vocab):
    """Expense category."""

    PUBLIC_TRANSPORT = ("public_transport", "Public transport")
    MILEAGE = ("mileage", "Mileage")
    TAXI = ("taxi", "Taxi")
    PARKING = ("parking", "Parking")
    CARER_COVER = ("carer_cover", "Replacement care or carer cover")
    CHILDCARE = ("childcare", "Childcare")
    SUBSISTENCE = ("subsistence", "Subsistence")
    PHONE_DATA = ("phone_data", "Phone or data")


class LimitKind(Vocab):
    """Kind of limit."""

    THRESHOLD = ("threshold", "Threshold set by the coordinator")
    OWN_LIMIT = ("own_limit", "The person's own limit")


class YesNo(Vocab):
    """Yes or no."""

    YES = ("yes", "Yes")
    NO = ("no", "No")


#: Which claim statuses may follow which (the order of a claim's life).
CLAIM_STEPS: dict[ClaimStatus, frozenset[ClaimStatus]] = {
    ClaimStatus.DRAFT: frozenset({ClaimStatus.SUBMITTED, ClaimStatus.WITHDRAWN}),
    ClaimStatus.SUBMITTED: frozenset({ClaimStatus.APPROVED, ClaimStatus.WITHDRAWN}),
    ClaimStatus.APPROVED: frozenset({ClaimStatus.PAID, ClaimStatus.WITHDRAWN}),
    ClaimStatus.PAID: frozenset(),
    ClaimStatus.WITHDRAWN: frozenset(),
}

#: Days after the activity past which an unpaid claim is called overdue.
OVERDUE_AFTER_DAYS = 30


def check_claim_step(old: ClaimStatus, new: ClaimStatus, ref: str = "The claim") -> None:
    if new is old:
        raise RuleError(f"{ref} is already {old.label.lower()}", "status")
    if new not in CLAIM_STEPS[old]:
        allowed = ", ".join(s.label.lower() for s in ClaimStatus if s in CLAIM_STEPS[old]) or "nothing: it is finished"
        raise RuleError(f"{ref} is {old.label.lower()}, so it cannot be {new.label.lower()} (it can be: {allowed})", "status")


@dataclass(frozen=True, kw_only=True)
class Rate(Record):
    """One line of the rate card: what an activity is paid, from a date."""

    activity: RateActivity
    unit: RateUnit
    amount_pence: int
    valid_from: str
    source: str | None = None
    example: YesNo = YesNo.NO

    TABLE = "payment_rates"
    FIELDS = {
        "activity": f.Choice("Activity", RateActivity),
        "unit": f.Choice("Unit", RateUnit),
        "amount_pence": Money("Rate", required=True),
        "valid_from": f.Date("Valid from", required=True),
        "source": f.Text("Source of the rate", max_len=500),
        "example": f.Choice("Example rate", YesNo),
    }

    def check(self) -> None:
        if (self.activity is RateActivity.MILEAGE) != (self.unit is RateUnit.MILE):
            raise RuleError("Mileage is paid per mile, and only mileage is", "unit")
        if self.amount_pence <= 0:
            raise RuleError("A rate must be more than £0.00", "amount_pence")


def rate_in_force(rates: list[Rate], activity: RateActivity, day: str) -> Rate | None:
    """The rate for ``activity`` in force on ``day``: the latest valid from on or before it."""
    found = [r for r in rates if r.activity is activity and r.valid_from <= day and r.deleted_at is None]
    return max(found, key=lambda r: (r.valid_from, r.created_at or ""), default=None)


@dataclass(frozen=True, kw_only=True)
class Claim(Record):
    """A claim for one piece of involvement: the fee (at the rate used) and its expenses."""

    number: int | None = None
    person_id: str
    meeting_id: str | None = None
    activity: RateActivity
    activity_on: str
    description: str | None = None
    meeting_hours: float | None = None
    preparation_hours: float | None = None
    follow_up_hours: float | None = None
    units: float | None = None  # half days, days or tasks, for a rate not paid by the hour
    rate_id: str | None = None
    rate_unit: RateUnit = RateUnit.HOUR
    rate_pence: int = 0
    rate_source: str | None = None
    fee_choice: FeeChoice = FeeChoice.FULL
    fee_pence: int = 0
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    cost_code: str | None = None
    status: ClaimStatus = ClaimStatus.DRAFT
    submitted_on: str | None = None
    approved_on: str | None = None
    paid_on: str | None = None
    withdrawn_on: str | None = None
    withdrawn_reason: str | None = None

    PREFIX: ClassVar[str] = "CL"
    TABLE = "payment_claims"
    FIELDS = {
        "person_id": f.Ref("Payee", required=True),
        "meeting_id": f.Ref("Meeting"),
        "activity": f.Choice("Activity", RateActivity),
        "activity_on": f.Date("Date of the activity", required=True),
        "description": f.Text("What it was for", max_len=500),
        "meeting_hours": f.Number("Meeting hours", 0, 100, whole=False),
        "preparation_hours": f.Number("Preparation hours", 0, 100, whole=False),
        "follow_up_hours": f.Number("Follow-up hours", 0, 100, whole=False),
        "units": f.Number("Units", 0, 1000, whole=False),
        "rate_id": f.Ref("Rate"),
        "rate_unit": f.Choice("Unit of the rate", RateUnit),
        "rate_pence": Money("Rate used", required=True),
        "rate_source": f.Text("Source of the rate", max_len=500),
        "fee_choice": f.Choice("Fee", FeeChoice),
        "fee_pence": Money("Fee", required=True),
        "method": f.Choice("Payment method", PaymentMethod),
        "cost_code": f.Text("Cost code", max_len=80),
        "status": f.Choice("Claim status", ClaimStatus),
        "submitted_on": f.Date("Submitted on"),
        "approved_on": f.Date("Approved on"),
        "paid_on": f.Date("Paid on"),
        "withdrawn_on": f.Date("Withdrawn on"),
        "withdrawn_reason": f.Text("Reason for withdrawing", multiline=True, max_len=2_000),
    }

    @property
    def hours(self) -> float:
        return sum(h or 0 for h in (self.meeting_hours, self.preparation_hours, self.follow_up_hours))

    @property
    def full_fee_pence(self) -> int:
        """What the fee is at the rate used, before any reduction or declining."""
        quantity = self.hours if self.rate_unit is RateUnit.HOUR else (self.units if self.units is not None else 1)
        return times(self.rate_pence, quantity)

    def days_to_payment(self) -> int | None:
        if not self.paid_on:
            return None
        return (dt.date.fromisoformat(self.paid_on) - dt.date.fromisoformat(self.activity_on)).days

    def is_overdue(self, today: str) -> bool:
        if self.status not in (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED):
            return False
        return (dt.date.fromisoformat(today) - dt.date.fromisoformat(self.activity_on)).days > OVERDUE_AFTER_DAYS

    def check(self) -> None:
        if self.activity is RateActivity.MILEAGE:
            raise RuleError("Mileage is an expense on a claim, not a claim of its own", "activity")
        if self.rate_unit is RateUnit.MILE:
            raise RuleError("A claim's fee is not paid per mile", "rate_unit")
        full = self.full_fee_pence
        if self.fee_choice is FeeChoice.DECLINED and self.fee_pence != 0:
            raise RuleError("A declined fee is £0.00; expenses can still be claimed", "fee_pence")
        if self.fee_choice is FeeChoice.FULL and self.fee_pence != full:
            raise RuleError(f"The full fee at {pounds(self.rate_pence)} {self.rate_unit.label} is {pounds(full)}, "
                            f"not {pounds(self.fee_pence)}: say the fee is reduced to pay less", "fee_pence")
        if self.fee_choice is FeeChoice.REDUCED and not self.fee_pence < full:
            raise RuleError(f"A reduced fee must be less than the full fee of {pounds(full)}", "fee_pence")
        needs = {
            ClaimStatus.SUBMITTED: ("submitted_on",),
            ClaimStatus.APPROVED: ("submitted_on", "approved_on"),
            ClaimStatus.PAID: ("submitted_on", "approved_on", "paid_on"),
            ClaimStatus.WITHDRAWN: ("withdrawn_on", "withdrawn_reason"),
        }.get(self.status, ())
        for name in needs:
            if not getattr(self, name):
                raise RuleError(f"A {self.status.label.lower()} claim needs its {self.FIELDS[name].label.lower()}", name)
        dated = [d for d in (self.submitted_on, self.approved_on, self.paid_on) if d]
        if dated and dated[0] < self.activity_on:
            raise RuleError(f"A claim is made after the activity ({self.activity_on}), not before it", "submitted_on")
        if dated != sorted(dated):
            raise RuleError("A claim is submitted, then approved, then paid: the dates are out of order", "approved_on")


@dataclass(frozen=True, kw_only=True)
class Expense(Record):
    """One expense on a claim. Reimbursed on receipt, and not income: shown apart from fees."""

    claim_id: str
    category: ExpenseCategory
    description: str | None = None
    miles: float | None = None
    mile_rate_pence: int | None = None
    amount_pence: int
    receipt_ref: str | None = None
    paid_in_advance: YesNo = YesNo.NO

    TABLE = "payment_expenses"
    FIELDS = {
        "claim_id": f.Ref("Claim", required=True),
        "category": f.Choice("Expense category", ExpenseCategory),
        "description": f.Text("What it was for", max_len=500),
        "miles": f.Number("Miles", 0, 10_000, whole=False),
        "mile_rate_pence": Money("Rate per mile"),
        "amount_pence": Money("Amount", required=True),
        "receipt_ref": f.Text("Receipt reference", max_len=120),
        "paid_in_advance": f.Choice("Paid in advance by the organisation", YesNo),
    }

    def check(self) -> None:
        if self.category is ExpenseCategory.MILEAGE:
            if not self.miles or self.mile_rate_pence is None:
                raise RuleError("Mileage needs the miles travelled and the rate per mile", "miles")
            if self.amount_pence != times(self.mile_rate_pence, self.miles):
                raise RuleError("Mileage is the miles times the rate per mile", "amount_pence")
        elif self.miles is not None or self.mile_rate_pence is not None:
            raise RuleError("Miles go with the category 'mileage' only", "miles")
        if self.amount_pence <= 0:
            raise RuleError("An expense must be more than £0.00", "amount_pence")


@dataclass(frozen=True, kw_only=True)
class PaymentLimit(Record):
    """A threshold for a tax year's fees (for one person, or the panel's when no person),
    or a dated note of a person's own limit (for example, to protect their benefits)."""

    person_id: str | None = None
    kind: LimitKind = LimitKind.THRESHOLD
    amount_pence: int
    noted_on: str
    note: str | None = None

    TABLE = "payment_limits"
    FIELDS = {
        "person_id": f.Ref("Person"),
        "kind": f.Choice("Kind of limit", LimitKind),
        "amount_pence": Money("Limit", required=True),
        "noted_on": f.Date("Noted on", required=True),
        "note": f.Text("Note", multiline=True, max_len=2_000),
    }

    def check(self) -> None:
        if self.kind is LimitKind.OWN_LIMIT and not self.person_id:
            raise RuleError("A person's own limit needs the person", "person_id")


def latest_limit(limits: list[PaymentLimit], kind: LimitKind, person_id: str | None, on: str) -> PaymentLimit | None:
    """The limit of ``kind`` noted last on or before ``on``: the person's own first,
    for a threshold the panel's when the person has none."""
    def pick(pid: str | None) -> PaymentLimit | None:
        found = [x for x in limits if x.kind is kind and x.person_id == pid and x.noted_on <= on]
        return max(found, key=lambda x: (x.noted_on, x.created_at or ""), default=None)

    own = pick(person_id) if person_id else None
    if own is None and kind is LimitKind.THRESHOLD:
        return pick(None)
    return own


PAYMENT_TYPES: tuple[type[Record], ...] = (Rate, Claim, Expense, PaymentLimit)
