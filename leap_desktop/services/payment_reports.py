"""What the payment records add up to: a person's tax year against their threshold,
an annual statement, totals for reports, and the lines finance pays from.

Fees (paid by bank transfer, voucher, cash or time credits) count towards a person's
tax-year total; expenses do not (reimbursed on receipt, they are not income). The app
shows the totals and points to independent benefits advice; it never gives advice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..domain.model import Person
from ..domain.money import pounds, tax_year_bounds, tax_year_of, tax_year_words
from ..domain.payments import Claim, ClaimStatus, Expense, LimitKind, PaymentLimit, latest_limit
from ..store import payment_queries as q
from ..store.payment_queries import ClaimRow


class PaymentService(Protocol):
    """What these reports ask of the payment use-cases (services/payments.py)."""

    store: Any

    def claims(self, **filters: Any) -> list[ClaimRow]: ...

    def limits(self) -> list[PaymentLimit]: ...

#: Said wherever totals are shown against a threshold or a person's own limit.
ADVICE_POINTER = (
    "Payment can affect benefits and tax. LEAP Desktop does not give advice: point the member "
    "to independent benefits advice (for example Citizens Advice, or the benefits advice service "
    "their funder offers public contributors) before they go past a limit."
)

#: Claims that count in totals for reports: made and not withdrawn (drafts are not claims yet).
COUNTED = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID)


@dataclass(frozen=True)
class YearTotal:
    person: Person
    tax_year: int
    fees_paid_pence: int
    fees_due_pence: int  # claimed (draft, submitted or approved) in the year, not paid yet
    expenses_paid_pence: int
    threshold: PaymentLimit | None
    own_limit: PaymentLimit | None

    @property
    def fees_pence(self) -> int:
        return self.fees_paid_pence + self.fees_due_pence

    def over(self, limit: PaymentLimit | None) -> bool:
        return limit is not None and self.fees_pence > limit.amount_pence

    def words(self) -> list[str]:
        """The year in sentences, as the coordinator sees it."""
        lines = [f"Tax year {tax_year_words(self.tax_year)}: fees paid {pounds(self.fees_paid_pence)}, "
                 f"claimed and not yet paid {pounds(self.fees_due_pence)}; expenses paid "
                 f"{pounds(self.expenses_paid_pence)} (expenses are not income, so they are not counted)."]
        for limit, what in ((self.threshold, "threshold"), (self.own_limit, "own limit")):
            if limit is None:
                continue
            whose = "the panel's" if limit.person_id is None else "their"
            left = limit.amount_pence - self.fees_pence
            state = (f"{pounds(-left)} over it" if left < 0 else f"{pounds(left)} left before it")
            note = f" ({limit.note})" if limit.note else ""
            lines.append(f"Against {whose} {what} of {pounds(limit.amount_pence)}, noted {limit.noted_on}{note}: "
                         f"{pounds(self.fees_pence)}, {state}.")
        if self.threshold or self.own_limit:
            lines.append(ADVICE_POINTER)
        return lines


def _claims_of(service: "PaymentService", person_id: str) -> list[ClaimRow]:
    return [r for r in service.claims(person_id=person_id) if r.claim.status is not ClaimStatus.WITHDRAWN]


def year_total(service: "PaymentService", person: Person, tax_year: int) -> YearTotal:
    start, end = tax_year_bounds(tax_year)
    paid = due = expenses = 0
    for row in _claims_of(service, person.id):
        c = row.claim
        if c.status is ClaimStatus.PAID:
            if c.paid_on and start <= c.paid_on <= end:
                paid += c.fee_pence
                expenses += row.expenses_pence
        elif start <= c.activity_on <= end:
            due += c.fee_pence
    limits = service.limits()
    return YearTotal(person, tax_year, paid, due, expenses,
                     latest_limit(limits, LimitKind.THRESHOLD, person.id, end),
                     latest_limit(limits, LimitKind.OWN_LIMIT, person.id, end))


@dataclass(frozen=True)
class Statement:
    """What one person was paid in a tax year, for what; fees and expenses apart."""

    person: Person
    tax_year: int
    claims: list[ClaimRow]
    expenses: dict[str, list[Expense]]
    total: YearTotal


def statement(service: "PaymentService", person: Person, tax_year: int) -> Statement:
    start, end = tax_year_bounds(tax_year)
    rows = [r for r in _claims_of(service, person.id)
            if r.claim.status is ClaimStatus.PAID and r.claim.paid_on and start <= r.claim.paid_on <= end]
    rows.sort(key=lambda r: (r.claim.paid_on or "", r.claim.number or 0))
    return Statement(person, tax_year, rows, q.expenses_of(service.store, [r.claim.id for r in rows]),
                     year_total(service, person, tax_year))


@dataclass
class Totals:
    """Money spent on involvement, for reports (GRIPP2's economic item): fees, expenses by
    category, per meeting and per tax year, over submitted, approved and paid claims."""

    fees_pence: int = 0
    expenses_pence: int = 0
    claims: int = 0
    expenses_by_category: dict[str, int] = field(default_factory=dict)
    per_meeting: dict[str, tuple[int, int]] = field(default_factory=dict)  # ref -> (fees, expenses)
    per_tax_year: dict[int, tuple[int, int]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "fees_pence": self.fees_pence, "expenses_pence": self.expenses_pence, "claims": self.claims,
            "expenses_by_category": self.expenses_by_category,
            "per_meeting": {k: {"fees_pence": f, "expenses_pence": e} for k, (f, e) in self.per_meeting.items()},
            "per_tax_year": {str(k): {"fees_pence": f, "expenses_pence": e} for k, (f, e) in self.per_tax_year.items()},
        }


def totals(service: "PaymentService", *, from_day: str | None = None, to_day: str | None = None) -> Totals:
    rows = [r for r in service.claims(from_day=from_day, to_day=to_day) if r.claim.status in COUNTED]
    expenses = q.expenses_of(service.store, [r.claim.id for r in rows])
    out = Totals()
    by_category: dict[str, int] = defaultdict(int)
    per_meeting: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in sorted(rows, key=lambda r: (r.claim.activity_on, r.claim.number or 0)):
        c = row.claim
        out.claims += 1
        out.fees_pence += c.fee_pence
        out.expenses_pence += row.expenses_pence
        for e in expenses[c.id]:
            by_category[e.category.label] += e.amount_pence
        year = per_year[tax_year_of(c.activity_on)]
        year[0] += c.fee_pence
        year[1] += row.expenses_pence
        if row.meeting_ref:
            meeting = per_meeting[row.meeting_ref]
            meeting[0] += c.fee_pence
            meeting[1] += row.expenses_pence
    out.expenses_by_category = dict(sorted(by_category.items()))
    out.per_meeting = {k: (v[0], v[1]) for k, v in per_meeting.items()}
    out.per_tax_year = {k: (v[0], v[1]) for k, v in sorted(per_year.items())}
    return out


@dataclass(frozen=True)
class FinanceLine:
    """One fee or expense line, as finance pays it."""

    row: ClaimRow
    kind: str  # "Fee" or "Expense"
    what: str
    amount_pence: int
    expense: Expense | None = None


def finance_lines(service: "PaymentService", *, from_day: str | None = None, to_day: str | None = None) -> list[FinanceLine]:
    """A fee line for each claim with a fee, and a line for each expense; withdrawn claims left out."""
    rows = [r for r in service.claims(from_day=from_day, to_day=to_day) if r.claim.status is not ClaimStatus.WITHDRAWN]
    rows.sort(key=lambda r: (r.claim.activity_on, r.claim.number or 0))
    expenses = q.expenses_of(service.store, [r.claim.id for r in rows])
    out = []
    for row in rows:
        c: Claim = row.claim
        if c.fee_pence:
            out.append(FinanceLine(row, "Fee", c.activity.label, c.fee_pence))
        for e in expenses[c.id]:
            out.append(FinanceLine(row, "Expense", e.category.label, e.amount_pence, e))
    return out
