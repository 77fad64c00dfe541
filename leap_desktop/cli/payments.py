"""Commands for payment for involvement: the rate card, claims and their life, expenses,
thresholds, totals. For the coordinator and finance only (see docs/payments.md)."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain.model import Meeting, Person
from ..domain.money import pounds
from ..domain.payments import Claim, ClaimStatus, ExpenseCategory, PaymentMethod, RateActivity, RateUnit, Rate
from .context import add_command
from .output import table


def register(commands: argparse._SubParsersAction) -> None:
    def add(name: str, handler, help: str, *, json_flag: bool = False) -> argparse.ArgumentParser:
        return add_command(commands, name, handler, help, json_flag=json_flag)

    add("rates", cmd_rates, "show the rate card (what each activity is paid, from which date)", json_flag=True)

    p = add("add-rate", cmd_add_rate, "add a line to the rate card")
    p.add_argument("activity", help=f"one of: {', '.join(RateActivity.choices())}")
    p.add_argument("amount", help="the rate, as you would write it: £25.55")
    p.add_argument("--unit", default="hour", help=f"one of: {', '.join(RateUnit.choices())} (default: hour; mileage: mile)")
    p.add_argument("--from", dest="valid_from", required=True, metavar="DATE", help="the date it applies from")
    p.add_argument("--source", metavar="TEXT", help="where the rate comes from, e.g. 'NIHR payment guidance, rates from 16 December 2025'")
    p.add_argument("--example", action="store_true", help="mark it as an example rate, not a real one")

    p = add("claims", cmd_claims, "list claims for payment", json_flag=True)
    p.add_argument("--status", metavar="S", help=f"only this status: {', '.join(ClaimStatus.choices())}")
    p.add_argument("--person", metavar="P", help="only this payee")
    p.add_argument("--meeting", metavar="M", help="only claims for this meeting")

    p = add("claim", cmd_claim, "show one claim with its expenses", json_flag=True)
    p.add_argument("claim", help="the claim, e.g. CL-3")

    p = add("draft-claims", cmd_draft_claims, "draft claims for the paid members present at a held meeting")
    p.add_argument("meeting", help="the meeting, e.g. M-3")

    p = add("add-claim", cmd_add_claim, "add a claim by hand (a review, a task, training...)")
    p.add_argument("person", help="the payee: a name or P-3")
    p.add_argument("--activity", required=True, help=f"one of: {', '.join(a for a in RateActivity.choices() if a != 'mileage')}")
    p.add_argument("--on", required=True, metavar="DATE", help="the date of the activity")
    p.add_argument("--hours", metavar="H", help="hours of the activity itself")
    p.add_argument("--preparation", metavar="H", help="hours of preparation")
    p.add_argument("--follow-up", metavar="H", help="hours of follow-up")
    p.add_argument("--units", metavar="N", help="half days, days or tasks, for a rate not paid by the hour (default 1)")
    p.add_argument("--fee", metavar="AMOUNT", help="a lower fee, at the member's request")
    p.add_argument("--declined", action="store_true", help="the member declines the fee (expenses can still be claimed)")
    p.add_argument("--method", help=f"one of: {', '.join(PaymentMethod.choices())}")
    p.add_argument("--cost-code", metavar="CODE")
    p.add_argument("--meeting", metavar="M", help="the meeting it belongs to, if any")
    p.add_argument("--description", metavar="TEXT", help="what it was for")

    for name, verb, extra in (("submit-claim", "submitted", None), ("approve-claim", "approved", None),
                              ("pay-claim", "paid", None), ("withdraw-claim", "withdrawn", "reason")):
        p = add(name, cmd_step, f"record that a claim was {verb}")
        p.set_defaults(step=verb)
        p.add_argument("claim", help="the claim, e.g. CL-3")
        p.add_argument("--on", metavar="DATE", help="when (default: today)")
        if extra:
            p.add_argument("--reason", required=True, help="why it is withdrawn")

    p = add("add-expense", cmd_add_expense, "add an expense to a draft claim")
    p.add_argument("claim", help="the claim, e.g. CL-3")
    p.add_argument("category", help=f"one of: {', '.join(ExpenseCategory.choices())}")
    p.add_argument("amount", nargs="?", help="the amount, e.g. £12.40 (not for mileage: give --miles)")
    p.add_argument("--miles", metavar="N", help="miles travelled (mileage is paid at the rate card's mileage rate)")
    p.add_argument("--receipt", metavar="REF", help="the receipt's reference")
    p.add_argument("--paid-in-advance", action="store_true", help="the organisation paid it in advance")
    p.add_argument("--description", metavar="TEXT")

    p = add("set-threshold", cmd_set_threshold, "set the tax-year threshold for fees (the panel's, or one person's)")
    p.add_argument("amount", help="e.g. £1,000")
    p.add_argument("--person", metavar="P", help="for this person only")
    p.add_argument("--on", metavar="DATE", help="noted on (default: today)")
    p.add_argument("--note", metavar="TEXT")

    p = add("own-limit", cmd_own_limit, "note the limit a person has asked to keep to in a tax year")
    p.add_argument("person", help="a name or P-3")
    p.add_argument("amount", help="e.g. £500")
    p.add_argument("--on", metavar="DATE", help="noted on (default: today)")
    p.add_argument("--note", metavar="TEXT", help="what they said, in their words")

    p = add("payment-totals", cmd_totals, "totals for reports, or one person's tax year against their threshold", json_flag=True)
    p.add_argument("--person", metavar="P", help="one person's tax year (with --tax-year)")
    p.add_argument("--tax-year", type=int, metavar="YEAR", help="the year the tax year starts (2026: 6 April 2026 to 5 April 2027)")
    p.add_argument("--from", dest="from_day", metavar="DATE")
    p.add_argument("--to", dest="to_day", metavar="DATE")

    from . import payment_docs

    payment_docs.register(add)


def claim_json(row) -> dict[str, Any]:
    c: Claim = row.claim
    return {
        "ref": c.ref, "id": c.id, "payee": row.payee, "person": row.person_ref, "meeting": row.meeting_ref,
        "activity": c.activity.value, "activity_on": c.activity_on, "description": c.description,
        "hours": {"meeting": c.meeting_hours, "preparation": c.preparation_hours, "follow_up": c.follow_up_hours},
        "units": c.units, "rate_pence": c.rate_pence, "rate_unit": c.rate_unit.value, "rate_source": c.rate_source,
        "fee_choice": c.fee_choice.value, "fee_pence": c.fee_pence, "expenses_pence": row.expenses_pence,
        "method": c.method.value, "cost_code": c.cost_code, "status": c.status.value,
        "submitted_on": c.submitted_on, "approved_on": c.approved_on, "paid_on": c.paid_on,
        "withdrawn_on": c.withdrawn_on, "withdrawn_reason": c.withdrawn_reason,
        "days_to_payment": c.days_to_payment(),
    }


def _status_words(c: Claim, today: str) -> str:
    if c.status is ClaimStatus.PAID:
        return f"paid {c.paid_on} ({c.days_to_payment()} days after)"
    if c.status is ClaimStatus.WITHDRAWN:
        return f"withdrawn: {c.withdrawn_reason}"
    words = c.status.label.lower()
    if c.is_overdue(today):
        import datetime as dt

        days = (dt.date.fromisoformat(today) - dt.date.fromisoformat(c.activity_on)).days
        words += f", OVERDUE: not paid {days} days after the activity"
    return words


def cmd_rates(ctx) -> int:
    with ctx.open() as svc:
        rates = svc.payments.rates()
    data = [{"id": r.id, "activity": r.activity.value, "unit": r.unit.value, "amount_pence": r.amount_pence,
             "valid_from": r.valid_from, "source": r.source, "example": r.example.value == "yes"} for r in rates]
    ctx.emit(data, lambda: table(ctx, ["Activity", "Rate", "From", "Source"], [
        [r.activity.label, f"{pounds(r.amount_pence)} {r.unit.label}", r.valid_from,
         ("EXAMPLE ONLY. " if r.example.value == "yes" else "") + (r.source or "")] for r in rates]))
    return 0


def cmd_add_rate(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        rate: Rate = svc.payments.add_rate(activity=a.activity, unit=a.unit, amount_pence=a.amount,
                                           valid_from=a.valid_from, source=a.source, example="yes" if a.example else "no")
    ctx.note(f"Added {rate.activity.label.lower()} at {pounds(rate.amount_pence)} {rate.unit.label} from {rate.valid_from}")
    return 0


def cmd_claims(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        rows = svc.payments.claims(
            status=a.status,
            person_id=svc.resolve(Person, a.person).id if a.person else None,
            meeting_id=svc.resolve(Meeting, a.meeting).id if a.meeting else None,
        )
        today = svc.today()
    ctx.emit([claim_json(r) for r in rows], lambda: table(ctx, ["Ref", "Date", "Payee", "Activity", "Fee", "Expenses", "Status"], [
        [r.claim.ref, r.claim.activity_on, r.payee, r.claim.activity.label,
         "declined" if r.claim.fee_choice.value == "declined" else pounds(r.claim.fee_pence),
         pounds(r.expenses_pence), _status_words(r.claim, today)] for r in rows]))
    return 0


def cmd_claim(ctx) -> int:
    with ctx.open() as svc:
        claim = svc.payments.resolve_claim(ctx.args.claim)
        row = svc.payments.claims(person_id=claim.person_id)
        row = next(r for r in row if r.claim.id == claim.id)
        expenses = svc.payments.expenses(claim.id)
        today = svc.today()
    data = claim_json(row)
    data["expenses"] = [{"category": e.category.value, "amount_pence": e.amount_pence, "miles": e.miles,
                         "receipt_ref": e.receipt_ref, "paid_in_advance": e.paid_in_advance.value == "yes"} for e in expenses]

    def render() -> None:
        c = claim
        ctx.print(f"{c.ref}  {row.payee} ({row.person_ref}), {c.activity.label.lower()} on {c.activity_on}")
        ctx.print(f"  Hours: meeting {c.meeting_hours or 0:g}, preparation {c.preparation_hours or 0:g}, follow-up {c.follow_up_hours or 0:g}")
        ctx.print(f"  Rate used: {pounds(c.rate_pence)} {c.rate_unit.label}; fee {pounds(c.fee_pence)} ({c.fee_choice.label.lower()})")
        ctx.print(f"  Method: {c.method.label}; cost code: {c.cost_code or '(none)'}; status: {_status_words(c, today)}")
        for e in expenses:
            ctx.print(f"  Expense: {e.category.label} {pounds(e.amount_pence)}"
                      + (f" ({e.miles:g} miles)" if e.miles else "") + (f", receipt {e.receipt_ref}" if e.receipt_ref else "")
                      + (", paid in advance" if e.paid_in_advance.value == "yes" else ""))

    ctx.emit(data, render)
    return 0


def cmd_draft_claims(ctx) -> int:
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, ctx.args.meeting)
        drafted = svc.payments.draft_claims(meeting.id)
        names = {p.id: p.display_name for p in svc.people()}
    for c in drafted.made:
        ctx.print(f"{c.ref}  {names.get(c.person_id, '?')}: {c.hours:g} hours at {pounds(c.rate_pence)} {c.rate_unit.label} "
                  f"= {pounds(c.fee_pence)} ({c.method.label.lower()})")
    for person, why in drafted.passed_over:
        ctx.print(f"      {person.display_name}: no claim drafted ({why})")
    ctx.note(f"Drafted {len(drafted.made)} claim{'s' if len(drafted.made) != 1 else ''} for {meeting.ref}")
    return 0


def cmd_add_claim(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        person = svc.resolve(Person, a.person)
        values = {"meeting_hours": a.hours, "preparation_hours": a.preparation, "follow_up_hours": a.follow_up,
                  "units": a.units, "cost_code": a.cost_code, "description": a.description,
                  "meeting_id": svc.resolve(Meeting, a.meeting).id if a.meeting else None}
        if a.method:
            values["method"] = a.method
        claim = svc.payments.add_claim(person.id, a.activity, a.on, fee=a.fee, declined=a.declined, **values)
    ctx.note(f"Added {claim.ref} for {person.display_name}: fee {pounds(claim.fee_pence)} ({claim.fee_choice.label.lower()})")
    return 0


def cmd_step(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        pay = svc.payments
        claim = pay.resolve_claim(a.claim)
        if a.step == "submitted":
            claim = pay.submit_claim(claim.id, a.on)
        elif a.step == "approved":
            claim = pay.approve_claim(claim.id, a.on)
        elif a.step == "paid":
            claim = pay.pay_claim(claim.id, a.on)
        else:
            claim = pay.withdraw_claim(claim.id, a.reason, a.on)
    ctx.note(f"{claim.ref} is now {claim.status.label.lower()}")
    return 0


def cmd_add_expense(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        claim = svc.payments.resolve_claim(a.claim)
        expense = svc.payments.add_expense(claim.id, a.category, a.amount, miles=a.miles, receipt_ref=a.receipt,
                                           paid_in_advance=a.paid_in_advance, description=a.description)
    ctx.note(f"Added {expense.category.label.lower()} of {pounds(expense.amount_pence)} to {claim.ref}")
    return 0


def cmd_set_threshold(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        person = svc.resolve(Person, a.person) if a.person else None
        limit = svc.payments.set_threshold(a.amount, person_id=person.id if person else None, on=a.on, note=a.note)
    ctx.note(f"The threshold for {person.display_name if person else 'the panel'} is {pounds(limit.amount_pence)} a tax year "
             f"(noted {limit.noted_on})")
    return 0


def cmd_own_limit(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        person = svc.resolve(Person, a.person)
        limit = svc.payments.note_own_limit(person.id, a.amount, on=a.on, note=a.note)
    ctx.note(f"Noted {person.display_name}'s own limit of {pounds(limit.amount_pence)} a tax year ({limit.noted_on})")
    return 0


def cmd_totals(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        if a.person:
            from ..domain.money import tax_year_of

            person = svc.resolve(Person, a.person)
            total = svc.payments.year_total(person.id, a.tax_year or tax_year_of(svc.today()))
            data = {"person": person.ref, "tax_year": total.tax_year, "fees_paid_pence": total.fees_paid_pence,
                    "fees_due_pence": total.fees_due_pence, "expenses_paid_pence": total.expenses_paid_pence,
                    "threshold_pence": total.threshold.amount_pence if total.threshold else None,
                    "own_limit_pence": total.own_limit.amount_pence if total.own_limit else None, "words": total.words()}
            ctx.emit(data, lambda: [ctx.print(line) for line in total.words()])
            return 0
        totals = svc.payments.totals(from_day=a.from_day, to_day=a.to_day)

    def render() -> None:
        ctx.print(f"Claims: {totals.claims}; fees {pounds(totals.fees_pence)}; expenses {pounds(totals.expenses_pence)}")
        for name, amount in totals.expenses_by_category.items():
            ctx.print(f"  {name}: {pounds(amount)}")
        for year, (fees, expenses) in totals.per_tax_year.items():
            ctx.print(f"Tax year {year}-{str(year + 1)[2:]}: fees {pounds(fees)}, expenses {pounds(expenses)}")

    ctx.emit(totals.as_json(), render)
    return 0
