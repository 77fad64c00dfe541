"""Commands that write payment documents: a claim form, an annual statement, the
finance CSV. For the member and finance only (see docs/payments.md)."""

from __future__ import annotations

from ..domain import fields as f
from ..domain.errors import LeapError
from ..domain.model import Person
from ..export import claim_docx, payments_csv
from ..services.payment_reports import finance_lines
from .documents import add_out_option, out_file, write_document


def register(add) -> None:
    p = add("claim-form", cmd_claim_form, "write a claim form (Word) for a claim, or a person's claims in a period")
    p.add_argument("claim", nargs="?", help="the claim, e.g. CL-3 (or give --person)")
    p.add_argument("--person", metavar="P", help="all of this person's claims (not withdrawn) in the period")
    p.add_argument("--from", dest="from_day", metavar="DATE")
    p.add_argument("--to", dest="to_day", metavar="DATE")
    add_out_option(p, "FILE.docx")

    p = add("statement", cmd_statement, "write a member's payment statement for a tax year (Word)")
    p.add_argument("person", help="a name or P-3")
    p.add_argument("--tax-year", type=int, required=True, metavar="YEAR",
                   help="the year the tax year starts: 2026 means 6 April 2026 to 5 April 2027")
    add_out_option(p, "FILE.docx")

    p = add("export-payments", cmd_export_payments, "write the finance CSV: one row per fee or expense line")
    add_out_option(p, "FILE.csv")
    p.add_argument("--from", dest="from_day", metavar="DATE", help="activities on or after this date")
    p.add_argument("--to", dest="to_day", metavar="DATE", help="activities on or before this date")


def _panel_name(svc) -> str:
    panel = svc.panel()
    return panel.name if panel else "LEAP panel"


def cmd_claim_form(ctx) -> int:
    a = ctx.args
    out = out_file(ctx, a.out, (".docx",))
    if bool(a.claim) == bool(a.person):
        raise LeapError("Give a claim (e.g. CL-3) or --person, not both and not neither")
    with ctx.open() as svc:
        pay = svc.payments
        if a.claim:
            claim = pay.resolve_claim(a.claim)
            person = svc.get(Person, claim.person_id)
            rows = [r for r in pay.claims(person_id=person.id) if r.claim.id == claim.id]
            period = None
        else:
            person = svc.resolve(Person, a.person)
            rows = [r for r in pay.claims(person_id=person.id, from_day=a.from_day, to_day=a.to_day)
                    if r.claim.status.value != "withdrawn"]
            rows.sort(key=lambda r: (r.claim.activity_on, r.claim.number or 0))
            if not rows:
                raise LeapError(f"{person.display_name} has no claims in that period")
            period = f"claims from {rows[0].claim.activity_on} to {rows[-1].claim.activity_on}"
        expenses = {r.claim.id: pay.expenses(r.claim.id) for r in rows}
        data = claim_docx.render_claim_form(_panel_name(svc), person, rows, expenses, period=period, now=svc.clock())
    write_document(ctx, out, data, f"Wrote the claim form for {', '.join(r.claim.ref for r in rows)}")
    return 0


def cmd_statement(ctx) -> int:
    a = ctx.args
    out = out_file(ctx, a.out, (".docx",))
    with ctx.open() as svc:
        person = svc.resolve(Person, a.person)
        st = svc.payments.statement(person.id, a.tax_year)
        data = claim_docx.render_statement(_panel_name(svc), st, now=svc.clock())
    write_document(ctx, out, data, f"Wrote {person.display_name}'s statement for the tax year {a.tax_year} "
                                   f"to {a.tax_year + 1} ({len(st.claims)} paid claims)")
    return 0


def cmd_export_payments(ctx) -> int:
    a = ctx.args
    out = out_file(ctx, a.out, (".csv",))
    from_day, to_day = f.Date("--from")(a.from_day), f.Date("--to")(a.to_day)
    with ctx.open() as svc:
        lines = finance_lines(svc.payments, from_day=from_day, to_day=to_day)
    write_document(ctx, out, payments_csv.payments_csv(lines), f"Wrote {len(lines):,} payment lines")
    return 0
