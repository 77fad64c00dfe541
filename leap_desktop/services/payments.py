"""Payment for involvement: the rate card, claims and their expenses, tax-year limits.

Reached from a panel as ``PanelService.payments``. Each public method that changes
something is one audited change (one ``with store.change(...)``), checked by the
domain rules before anything is written. Payment data is for the coordinator and
finance only: nothing here feeds the minutes, the decision log, a trace, the search
or any panel-facing output (see ``docs/payments.md``).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from ..domain import fields as f
from ..domain.errors import NotFound, RuleError
from ..domain.model import Attendance, Meeting, Person, build
from ..domain.money import parse_pence, pounds, times
from ..domain.payments import (
    Claim,
    ClaimStatus,
    Expense,
    ExpenseCategory,
    FeeChoice,
    LimitKind,
    PaymentLimit,
    PaymentMethod,
    Rate,
    RateActivity,
    RateUnit,
    YesNo,
    check_claim_step,
    rate_in_force,
)
from ..domain.vocab import AttendanceStatus, MeetingStatus, PaymentPreference, RoleGroup
from ..store import payment_queries as q
from ..store.panel_store import new_id
from ..store.payment_queries import ClaimRow

if TYPE_CHECKING:
    from .core import PanelCore

_CLAIM_REF = re.compile(r"^\s*(?:CL\s*-?\s*)?(\d{1,18})\s*$", re.IGNORECASE)
_PAYS = (PaymentPreference.PAID, PaymentPreference.VOUCHER)


@dataclasses.dataclass(frozen=True)
class Drafted:
    """What drafting a meeting's claims did: the claims made, and who was passed over and why."""

    made: list[Claim]
    passed_over: list[tuple[Person, str]]


class PaymentService:
    """The payment use-cases of one open panel."""

    def __init__(self, panel: "PanelCore"):
        self.panel = panel
        self.store = panel.store

    def now(self):
        """The moment payment documents are dated with (the panel's clock)."""
        return self.store.clock()

    # -- the rate card ----------------------------------------------------------------

    def rates(self) -> list[Rate]:
        return self.store.find(Rate, order_by="activity, valid_from DESC")

    def add_rate(self, **values: Any) -> Rate:
        rate = build(Rate, values, id=new_id())
        with self.store.change(f"Add rate for {rate.activity.label.lower()} from {rate.valid_from}"):
            return self.store.insert(rate)

    def edit_rate(self, rate_id: str, **changes: Any) -> Rate:
        """Change a line of the rate card. Claims already made keep the rate they used."""
        rate = self.panel.get(Rate, rate_id).changed(**changes)
        with self.store.change(f"Edit rate for {rate.activity.label.lower()}"):
            return self.store.update(rate)

    def remove_rate(self, rate_id: str) -> Rate:
        """Delete a line of the rate card added by mistake (what Undo of adding it does).
        A rate a claim was made with stays: add a newer line instead."""
        rate = self.panel.get(Rate, rate_id)
        if self.store.count(Claim, rate_id=rate.id):
            raise RuleError("Claims were made at this rate, so it stays on the card: add a newer rate instead")
        with self.store.change(f"Delete rate for {rate.activity.label.lower()} from {rate.valid_from}"):
            return self.store.delete(rate)

    def rate_on(self, activity: Any, day: str) -> Rate:
        """The rate in force for ``activity`` on ``day``, or a refusal saying what to add."""
        act = RateActivity.parse(activity, "Activity")
        rate = rate_in_force(self.rates(), act, day)
        if rate is None:
            raise RuleError(f"The rate card has no rate for {act.label.lower()} on {day}: add one first "
                            "(leap add-rate, or the rate card in Payments)", "activity")
        return rate

    # -- claims -----------------------------------------------------------------------

    def claims(self, *, status: Any = None, person_id: str | None = None, meeting_id: str | None = None,
               from_day: str | None = None, to_day: str | None = None) -> list[ClaimRow]:
        code = ClaimStatus.parse(status, "Claim status").value if status else None
        from_day, to_day = f.Date("The first date")(from_day), f.Date("The last date")(to_day)
        return q.claim_rows(self.store, status=code, person_id=person_id, meeting_id=meeting_id,
                            from_day=from_day, to_day=to_day)

    def resolve_claim(self, text: str) -> Claim:
        """A claim from what a person types: ``CL-3``, ``3`` or its id."""
        match = _CLAIM_REF.match(text or "")
        claim = self.store.by_number(Claim, int(match.group(1))) if match else self.store.get(Claim, text)
        if claim is None or claim.deleted_at is not None:
            raise NotFound(f"No claim {text.strip()!r} in this panel (use a reference like CL-1)")
        return claim

    def expenses(self, claim_id: str) -> list[Expense]:
        return q.expenses_of(self.store, [claim_id])[claim_id]

    def _claim(self, person: Person, activity: RateActivity, day: str, values: dict[str, Any],
               fee: Any = None, declined: bool = False) -> Claim:
        """A new draft claim at the rate in force on ``day``, checked."""
        rate = self.rate_on(activity, day)
        method = values.pop("method", None) or (
            PaymentMethod.VOUCHER if person.payment is PaymentPreference.VOUCHER else PaymentMethod.BANK_TRANSFER)
        claim = Claim(id=new_id(), **Claim.clean({
            "person_id": person.id, "activity": activity, "activity_on": day, "rate_id": rate.id,
            "rate_unit": rate.unit, "rate_pence": rate.amount_pence, "rate_source": rate.source,
            "method": method, "fee_pence": 0, **values,
        }))
        return self._with_fee(claim, fee, declined)  # checked there, with its fee

    @staticmethod
    def _with_fee(claim: Claim, fee: Any, declined: bool) -> Claim:
        if declined:
            choice, pence = FeeChoice.DECLINED, 0
        elif fee is not None and fee != "":
            pence = parse_pence(fee, "Fee")
            choice = FeeChoice.FULL if pence == claim.full_fee_pence else FeeChoice.REDUCED
        else:
            choice, pence = FeeChoice.FULL, claim.full_fee_pence
        new = dataclasses.replace(claim, fee_choice=choice, fee_pence=pence)
        new.check()
        return new

    def add_claim(self, person_id: str, activity: Any, activity_on: Any, *, fee: Any = None, declined: bool = False,
                  **values: Any) -> Claim:
        """A claim added by hand (a review, a task between meetings, a training day...).
        ``fee`` lower than the full fee is a reduction at the member's request; ``declined``
        claims no fee (expenses can still be added)."""
        person = self.panel.get(Person, person_id)
        act = RateActivity.parse(activity, "Activity")
        day = Claim.FIELDS["activity_on"](activity_on)
        if values.get("meeting_id"):
            self.panel.get(Meeting, values["meeting_id"])
        if person.payment is PaymentPreference.DECLINED:
            declined = True
        claim = self._claim(person, act, day, dict(values), fee, declined)
        with self.store.change(f"Add claim for {person.display_name}"):
            return self.store.insert(claim)

    def draft_claims(self, meeting_id: str) -> Drafted:
        """Draft a claim for each member present at a held meeting who is paid or takes a
        voucher: the meeting's hours and the preparation recorded with the attendance (hours
        beyond the meeting's length), at the meeting rate in force on the day. Members who
        declined payment get no claim; anyone who already has one for the meeting keeps it."""
        meeting = self.panel.get(Meeting, meeting_id)
        if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED):
            raise RuleError(f"{meeting.ref} is {meeting.status.label.lower()}: claims are drafted once a meeting has been held")
        self.rate_on(RateActivity.MEETING, meeting.day)  # no rate: refused before anything is made
        length = (meeting.planned_minutes or 120) / 60
        claimed = q.claimed_meetings(self.store, meeting.id)
        made, passed = [], []
        people = {p.id: p for p in self.store.find(Person, include_deleted=True)}
        register = self.store.find(Attendance, meeting_id=meeting.id)
        for a in sorted(register, key=lambda a: (people[a.person_id].display_name.casefold(), a.person_id)):
            person = people[a.person_id]
            if a.status is not AttendanceStatus.PRESENT:
                continue
            if person.payment is PaymentPreference.DECLINED:
                passed.append((person, "declined payment"))
                continue
            if person.payment not in _PAYS:
                if any(r.group in (RoleGroup.LIVED_EXPERIENCE, RoleGroup.CARERS) for r in person.roles):  # staff are not paid this way
                    passed.append((person, "no payment preference recorded"))
                continue
            if person.id in claimed:
                passed.append((person, "already has a claim for this meeting"))
                continue
            hours = a.hours if a.hours is not None else length
            at_meeting = min(hours, length)
            values = {"meeting_id": meeting.id, "meeting_hours": at_meeting,
                      "preparation_hours": round(hours - at_meeting, 2) or None,
                      "description": f"{meeting.ref} {meeting.title}"}
            made.append(self._claim(person, RateActivity.MEETING, meeting.day, values))
        if made:
            with self.store.change(f"Draft claims for {meeting.ref}"):
                made = [self.store.insert(c) for c in made]
        return Drafted(made, passed)

    def edit_claim(self, claim_id: str, *, fee: Any = None, declined: bool | None = None, **changes: Any) -> Claim:
        """Change a draft claim (hours, units, method, cost code, description, fee). The
        rate stays the one the claim was made with."""
        claim = self.panel.get(Claim, claim_id)
        if claim.status is not ClaimStatus.DRAFT:
            raise RuleError(f"{claim.ref} is {claim.status.label.lower()}: only a draft claim can be changed")
        unknown = set(changes) - {"meeting_hours", "preparation_hours", "follow_up_hours", "units", "method",
                                  "cost_code", "description"}
        if unknown:
            raise RuleError(f"A claim's {sorted(unknown)[0].replace('_', ' ')} cannot be changed here")
        new = dataclasses.replace(claim, **Claim.clean(changes, partial=True))
        keep_reduced = fee is None and claim.fee_choice is FeeChoice.REDUCED and not declined
        new = self._with_fee(new, claim.fee_pence if keep_reduced else fee,
                             claim.fee_choice is FeeChoice.DECLINED if declined is None else declined)
        with self.store.change(f"Edit claim {claim.ref}"):
            return self.store.update(new)

    def _step(self, claim_id: str, status: ClaimStatus, on: Any = None, **values: Any) -> Claim:
        claim = self.panel.get(Claim, claim_id)
        check_claim_step(claim.status, status, claim.ref)
        day = f.Date("The date")(on) or self.panel.today()
        dated = {ClaimStatus.SUBMITTED: "submitted_on", ClaimStatus.APPROVED: "approved_on",
                 ClaimStatus.PAID: "paid_on", ClaimStatus.WITHDRAWN: "withdrawn_on"}[status]
        new = claim.changed(status=status, **{dated: day}, **values)
        with self.store.change(f"{status.label} claim {claim.ref}"):
            return self.store.update(new)

    def submit_claim(self, claim_id: str, on: Any = None) -> Claim:
        return self._step(claim_id, ClaimStatus.SUBMITTED, on)

    def approve_claim(self, claim_id: str, on: Any = None) -> Claim:
        return self._step(claim_id, ClaimStatus.APPROVED, on)

    def pay_claim(self, claim_id: str, on: Any = None) -> Claim:
        return self._step(claim_id, ClaimStatus.PAID, on)

    def withdraw_claim(self, claim_id: str, reason: str, on: Any = None) -> Claim:
        if not (reason or "").strip():
            raise RuleError("Say why the claim is withdrawn", "withdrawn_reason")
        return self._step(claim_id, ClaimStatus.WITHDRAWN, on, withdrawn_reason=reason)

    def remove_claims(self, claim_ids: list[str]) -> list[Claim]:
        """Delete draft claims made by mistake, with their expenses, in one change (what
        Undo of adding or drafting claims does). A claim past draft is withdrawn instead."""
        claims = [self.panel.get(Claim, cid) for cid in claim_ids]
        for claim in claims:
            if claim.status is not ClaimStatus.DRAFT:
                raise RuleError(f"{claim.ref} is {claim.status.label.lower()}: withdraw it instead, saying why")
        expenses = q.expenses_of(self.store, [c.id for c in claims])
        if not claims:
            return []
        with self.store.change(f"Delete claim{'s' if len(claims) > 1 else ''} {', '.join(c.ref for c in claims)}"):
            for claim in claims:
                for expense in expenses[claim.id]:
                    self.store.delete(expense)
            return [self.store.delete(c) for c in claims]

    def restore_claims(self, claim_ids: list[str], expense_ids: list[str] = ()) -> list[Claim]:
        """Bring back claims (and expenses) deleted by :meth:`remove_claims` (Redo)."""
        claims = [self.store.get(Claim, cid, include_deleted=True) for cid in claim_ids]
        expenses = [self.store.get(Expense, eid, include_deleted=True) for eid in expense_ids]
        if any(r is None for r in claims + expenses):
            raise NotFound("That claim is no longer in this panel, so it cannot be put back")
        with self.store.change(f"Restore claim{'s' if len(claims) > 1 else ''} {', '.join(c.ref for c in claims)}"):
            for expense in expenses:
                self.store.restore(expense)
            return [self.store.restore(c) for c in claims]

    # -- expenses ---------------------------------------------------------------------

    def add_expense(self, claim_id: str, category: Any, amount: Any = None, *, miles: Any = None,
                    paid_in_advance: bool = False, **values: Any) -> Expense:
        """An expense on a draft claim. Mileage is the miles at the mileage rate in force on
        the claim's date (the rate card's 'mileage' line)."""
        claim = self.panel.get(Claim, claim_id)
        if claim.status is not ClaimStatus.DRAFT:
            raise RuleError(f"{claim.ref} is {claim.status.label.lower()}: expenses are added to a draft claim")
        cat = ExpenseCategory.parse(category, "Expense category")
        fields: dict[str, Any] = {"claim_id": claim.id, "category": cat, "amount_pence": amount,
                                  "paid_in_advance": YesNo.YES if paid_in_advance else YesNo.NO, **values}
        if cat is ExpenseCategory.MILEAGE:
            distance = Expense.FIELDS["miles"](miles)
            if not distance:
                raise RuleError("Mileage needs the miles travelled", "miles")
            rate = self.rate_on(RateActivity.MILEAGE, claim.activity_on)
            fields.update(miles=distance, mile_rate_pence=rate.amount_pence,
                          amount_pence=times(rate.amount_pence, distance))
        elif miles is not None:
            raise RuleError("Miles go with the category 'mileage' only", "miles")
        expense = build(Expense, fields, id=new_id())
        with self.store.change(f"Add expense to claim {claim.ref}"):
            return self.store.insert(expense)

    def remove_expense(self, expense_id: str) -> Expense:
        expense = self.panel.get(Expense, expense_id)
        claim = self.panel.get(Claim, expense.claim_id)
        if claim.status is not ClaimStatus.DRAFT:
            raise RuleError(f"{claim.ref} is {claim.status.label.lower()}: only a draft claim's expenses can be removed")
        with self.store.change(f"Remove expense from claim {claim.ref}"):
            return self.store.delete(expense)

    # -- thresholds and people's own limits ----------------------------------------------

    def limits(self) -> list[PaymentLimit]:
        return self.store.find(PaymentLimit, order_by="noted_on")

    def set_threshold(self, amount: Any, *, person_id: str | None = None, on: Any = None, note: str | None = None) -> PaymentLimit:
        """The tax-year threshold for fees: the panel's, or one person's when given."""
        return self._limit(LimitKind.THRESHOLD, amount, person_id, on, note)

    def note_own_limit(self, person_id: str, amount: Any, *, on: Any = None, note: str | None = None) -> PaymentLimit:
        """A dated note of the limit a person has told the coordinator they want kept to."""
        return self._limit(LimitKind.OWN_LIMIT, amount, person_id, on, note)

    def remove_limit(self, limit_id: str) -> PaymentLimit:
        """Take back a threshold or own limit noted by mistake (what Undo of noting it does)."""
        limit = self.panel.get(PaymentLimit, limit_id)
        with self.store.change(f"Remove {limit.kind.label.lower()} of {pounds(limit.amount_pence)}"):
            return self.store.delete(limit)

    def _limit(self, kind: LimitKind, amount: Any, person_id: str | None, on: Any, note: str | None) -> PaymentLimit:
        person = self.panel.get(Person, person_id) if person_id else None
        limit = build(PaymentLimit, {"kind": kind, "amount_pence": amount, "person_id": person.id if person else None,
                                     "noted_on": on or self.panel.today(), "note": note}, id=new_id())
        whose = person.display_name if person else "the panel"
        with self.store.change(f"{kind.label} for {whose}: {pounds(limit.amount_pence)}"):
            return self.store.insert(limit)

    # -- reports (services/payment_reports.py) -------------------------------------------

    def year_total(self, person_id: str, tax_year: int):
        from .payment_reports import year_total

        return year_total(self, self.panel.get(Person, person_id), tax_year)

    def totals(self, *, from_day: str | None = None, to_day: str | None = None):
        from .payment_reports import totals

        return totals(self, from_day=from_day, to_day=to_day)

    def statement(self, person_id: str, tax_year: int):
        from .payment_reports import statement

        return statement(self, self.panel.get(Person, person_id), tax_year)


__all__ = ["ClaimRow", "Drafted", "PaymentService", "RateUnit"]
