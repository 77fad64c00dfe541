"""The claim form and the annual statement (Word, accessible) and the finance CSV."""

import csv
import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn

from leap_desktop.domain.payments import ClaimStatus
from leap_desktop.export import claim_docx, payments_csv
from leap_desktop.services import PanelService
from leap_desktop.services.payment_reports import finance_lines

NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def svc(demo_path):
    with PanelService.open(demo_path) as service:
        yield service


def _doc(data):
    return docx.Document(io.BytesIO(data))


def _header_rows_marked(document):
    return all(t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
               for t in document.tables)


def test_claim_form_is_accessible_and_says_what_to_check(svc):
    pay = svc.payments
    row = next(r for r in pay.claims() if r.expenses_pence and r.claim.fee_pence)
    person = svc.get(type(svc.people()[0]), row.claim.person_id)
    data = claim_docx.render_claim_form("Demo panel", person, [row], {row.claim.id: pay.expenses(row.claim.id)}, now=NOW)
    document = _doc(data)
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", f"Claim for payment: {person.display_name}")
    assert ("Heading 1", f"{row.claim.ref}: {row.claim.activity.label}, {row.claim.activity_on}") in styles
    assert ("Heading 2", "Expenses") in styles and ("Heading 1", "Declaration") in styles
    assert document.tables and _header_rows_marked(document)
    assert [c.text for c in document.tables[0].rows[0].cells] == claim_docx.EXPENSE_HEADERS
    props = document.core_properties
    assert props.title == f"Claim for payment: {person.display_name}" and props.language == "en-GB"
    assert props.category == "Claim for payment" and row.claim.ref in props.keywords
    assert props.author == "Demo panel"  # never a person's name
    text = "\n".join(p.text for p in document.paragraphs)
    assert "expenses are paid back on receipt and are not income" in text


def test_statement_shows_fees_and_expenses_apart_for_the_tax_year(svc):
    pay = svc.payments
    paid = next(r for r in pay.claims(status="paid") if r.expenses_pence)
    year = int(paid.claim.paid_on[:4]) - (1 if paid.claim.paid_on[5:] < "04-06" else 0)
    st = pay.statement(paid.claim.person_id, year)
    document = _doc(claim_docx.render_statement("Demo panel", st, now=NOW))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Fees", "Expenses", "Your limits"]
    assert _header_rows_marked(document) and len(document.tables) == 2
    fee_refs = [row.cells[0].text for row in document.tables[0].rows[1:]]
    assert paid.claim.ref in fee_refs and all(r.claim.status is ClaimStatus.PAID for r in st.claims)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "does not give advice" in text and f"6 April {year} to 5 April {year + 1}" in text


def test_finance_csv_one_row_per_line_and_formulas_neutralised(svc):
    pay = svc.payments
    claim = pay.add_claim(svc.resolve(type(svc.people()[0]), "Amira").id, "task", "2026-06-01",
                          description="=HYPERLINK(\"http://x\")", cost_code="@SUM(A1)")
    pay.add_expense(claim.id, "taxi", "£9.99", receipt_ref="-1+2")
    lines = finance_lines(pay, from_day="2026-06-01", to_day="2026-06-01")
    rows = list(csv.reader(io.StringIO(payments_csv.payments_csv(lines).decode("utf-8-sig"))))
    assert rows[0] == payments_csv.HEADERS
    ours = [r for r in rows[1:] if r[0] == claim.ref]
    assert [r[1] for r in ours] == ["Fee", "Expense"]
    fee, taxi = ours
    assert fee[7] == "'=HYPERLINK(\"http://x\")" and fee[13] == "'@SUM(A1)" and fee[10] == "55.00"
    assert taxi[10] == "9.99" and taxi[11] == "999" and taxi[18] == "'-1+2"
    declined = [r for r in pay.claims() if r.claim.fee_choice.value == "declined"]
    all_rows = payments_csv.payments_csv(finance_lines(pay)).decode("utf-8-sig")
    assert not any(f"{r.claim.ref},Fee," in all_rows for r in declined)  # declined: no fee line at all
    assert not any(f"{r.claim.ref}," in all_rows for r in pay.claims(status="withdrawn"))
