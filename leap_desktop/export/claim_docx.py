"""Payment documents in Word: the claim form a member checks and signs, and the annual
statement of what they were paid in a tax year.

Built the way the minutes are (:mod:`.minutes_docx`): Word's own heading and table
styles, tables whose first row is marked as their header row, plain Arial at 12 point,
and document properties saying what the document is. These go to the member and to
finance only: never to the panel.
"""

from __future__ import annotations

import datetime as dt

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ..domain.model import Person
from ..domain.money import pounds, tax_year_words
from ..domain.payments import Claim, Expense, FeeChoice
from ..services.payment_reports import ADVICE_POINTER, Statement
from ..store.payment_queries import ClaimRow
from .docx_parts import properties, save
from .minutes_docx import _page_field, _Writer


def _hours(c: Claim) -> str:
    parts = [(c.meeting_hours, "at the activity"), (c.preparation_hours, "preparation"), (c.follow_up_hours, "follow-up")]
    text = ", ".join(f"{h:g} {what}" for h, what in parts if h)
    if c.rate_unit.value != "hour":
        return f"{c.units if c.units is not None else 1:g} {c.rate_unit.label.removeprefix('per ')}" + (f" ({text})" if text else "")
    return text or "none recorded"


def _fee(c: Claim) -> str:
    if c.fee_choice is FeeChoice.DECLINED:
        return "Declined at your request (£0.00)"
    if c.fee_choice is FeeChoice.REDUCED:
        return f"{pounds(c.fee_pence)}, reduced at your request from {pounds(c.full_fee_pence)}"
    return pounds(c.fee_pence)


def _footer(w: _Writer, text: str) -> None:
    footer = w.doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{text}   \u00b7   Page ")
    _page_field(footer, "PAGE")
    footer.add_run(" of ")
    _page_field(footer, "NUMPAGES")


def _properties(w: _Writer, *, title: str, subject: str, panel: str, category: str, keywords: str, now: dt.datetime) -> None:
    properties(w, title=title, subject=subject, panel=panel, category=category, keywords=keywords,
               comments="Payment record: for the member and finance only, not for the panel", now=now)
    w.doc.core_properties.last_printed = w.doc.core_properties.created


def _expense_rows(expenses: list[Expense]) -> list[list[str]]:
    return [[e.category.label + (f" ({e.miles:g} miles at {pounds(e.mile_rate_pence)} a mile)" if e.miles else ""),
             e.description or "", e.receipt_ref or "", "Yes" if e.paid_in_advance.value == "yes" else "No",
             pounds(e.amount_pence)] for e in expenses]


EXPENSE_HEADERS = ["Expense", "What for", "Receipt", "Paid in advance", "Amount"]
EXPENSE_WIDTHS = [4.6, 4.4, 2.6, 2.2, 2.6]


def render_claim_form(panel_name: str, person: Person, rows: list[ClaimRow], expenses: dict[str, list[Expense]],
                      *, period: str | None = None, now: dt.datetime) -> bytes:
    """One claim, or a person's claims for a period, as the form the member checks and signs."""
    refs = ", ".join(r.claim.ref for r in rows)
    title = f"Claim for payment: {person.display_name}"
    w = _Writer(title)
    w.para(title, "Title")
    w.para(panel_name + (f", {period}" if period else ""), "Subtitle")
    w.labelled("Payee:", f"{person.display_name} ({person.ref})")
    w.labelled("Claim:", refs)
    w.para("Please check each line. Fees are payment for your time and count as income; expenses are "
           "paid back on receipt and are not income. You may ask for a lower fee or decline it.", "LEAP Small")
    total_fees = total_expenses = 0
    for row in rows:
        c = row.claim
        w.heading(f"{c.ref}: {c.activity.label}, {c.activity_on}", 1)
        facts = [("What for:", c.description or (row.meeting_ref or "")), ("Hours:", _hours(c)),
                 ("Rate used:", f"{pounds(c.rate_pence)} {c.rate_unit.label}" + (f" ({c.rate_source})" if c.rate_source else "")),
                 ("Fee:", _fee(c)), ("Paid by:", c.method.label), ("Cost code:", c.cost_code or ""),
                 ("Status:", c.status.label + (f", paid {c.paid_on}" if c.paid_on else ""))]
        for label, text in facts:
            if text:
                w.labelled(label, text)
        items = expenses.get(c.id, [])
        if items:
            w.heading("Expenses", 2)
            w.table(EXPENSE_HEADERS, _expense_rows(items), EXPENSE_WIDTHS)
        total_fees += c.fee_pence
        total_expenses += row.expenses_pence
    w.heading("Totals", 1)
    w.table(["What", "Amount"], [["Fees", pounds(total_fees)], ["Expenses", pounds(total_expenses)],
                                 ["To be paid", pounds(total_fees + total_expenses)]], [9.0, 4.0])
    w.heading("Declaration", 1)
    w.para("I confirm that this claim is correct, that I have not claimed these amounts elsewhere, and "
           "that receipts are attached for the expenses.")
    w.labelled("Signed:", "_______________________________")
    w.labelled("Date:", "____________________")
    _footer(w, f"Claim {refs}")
    _properties(w, title=title, subject=f"{panel_name}: claim {refs}", panel=panel_name, category="Claim for payment",
                keywords="; ".join(["claim", "payment", "LEAP", *[r.claim.ref for r in rows]]), now=now)
    return save(w)


def render_statement(panel_name: str, st: Statement, *, now: dt.datetime) -> bytes:
    """What a member was paid in a tax year, for what: fees and expenses apart."""
    person = st.person
    title = f"Payment statement: {person.display_name}, tax year {st.tax_year} to {st.tax_year + 1}"
    w = _Writer(title)
    w.para(title, "Title")
    w.para(f"{panel_name}: payments made from {tax_year_words(st.tax_year)}", "Subtitle")
    w.heading("Fees", 1)
    fee_rows = [[r.claim.ref, r.claim.activity_on, r.claim.activity.label, r.claim.method.label, r.claim.paid_on or "",
                 "declined" if r.claim.fee_choice is FeeChoice.DECLINED else pounds(r.claim.fee_pence)] for r in st.claims]
    if fee_rows:
        w.table(["Claim", "Date", "Activity", "Paid by", "Paid on", "Fee"], fee_rows, [1.8, 2.4, 3.6, 3.0, 2.4, 2.4])
    else:
        w.para("No fees were paid in this tax year.")
    w.labelled("Total fees:", pounds(st.total.fees_paid_pence))
    w.para("Fees, whether paid by bank transfer, voucher or cash, are income.", "LEAP Small")
    w.heading("Expenses", 1)
    items = [(r.claim.ref, e) for r in st.claims for e in st.expenses.get(r.claim.id, [])]
    if items:
        w.table(["Claim", *EXPENSE_HEADERS], [[ref, *_expense_rows([e])[0]] for ref, e in items], [1.8, 4.0, 3.6, 2.2, 2.2, 2.4])
    else:
        w.para("No expenses were paid in this tax year.")
    w.labelled("Total expenses:", pounds(st.total.expenses_paid_pence))
    w.para("Expenses are paid back on receipt and are not income.", "LEAP Small")
    w.heading("Your limits", 1)
    for line in st.total.words()[1:] or ["No threshold or limit was noted for this tax year."]:
        w.para(line)
    if not (st.total.threshold or st.total.own_limit):
        w.para(ADVICE_POINTER, "LEAP Small")
    _footer(w, f"Statement for {person.ref}, tax year {st.tax_year}")
    _properties(w, title=title, subject=f"{panel_name}: payment statement", panel=panel_name, category="Payment statement",
                keywords=f"statement; payment; LEAP; {person.ref}; {st.tax_year}", now=now)
    return save(w)
