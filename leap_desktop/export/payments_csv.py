"""The finance CSV: one row per fee or expense line, with its cost code and payee.

Written like the other CSV exports (:mod:`.csv_export`): UTF-8 with a byte-order
mark, and a cell a spreadsheet would run as a formula gets a leading apostrophe.
Amounts are pounds with two decimals (12.40), plus the same amount in whole pence.
For finance only: never a panel-facing output.
"""

from __future__ import annotations

from ..services.payment_reports import FinanceLine
from .csv_export import to_csv

HEADERS = [
    "Claim", "Line", "Payee", "Person", "Activity date", "Meeting", "Activity or category", "Description",
    "Hours", "Rate", "Amount", "Amount (pence)", "Method", "Cost code", "Status", "Submitted on",
    "Approved on", "Paid on", "Receipt", "Paid in advance",
]


def _pounds(pence: int | None) -> str:
    return "" if pence is None else f"{pence // 100}.{pence % 100:02d}"


def payments_csv(lines: list[FinanceLine]) -> bytes:
    rows = []
    for line in lines:
        c, e = line.row.claim, line.expense
        fee = line.kind == "Fee"
        rows.append([
            c.ref, line.kind, line.row.payee, line.row.person_ref, c.activity_on, line.row.meeting_ref or "",
            line.what, (c.description if fee else (e.description if e else "")) or "",
            f"{c.hours:g}" if fee and c.hours else (f"{e.miles:g} miles" if e and e.miles else ""),
            _pounds(c.rate_pence if fee else (e.mile_rate_pence if e else None)),
            _pounds(line.amount_pence), line.amount_pence, c.method.label if fee else "", c.cost_code or "",
            c.status.label, c.submitted_on or "", c.approved_on or "", c.paid_on or "",
            (e.receipt_ref or "") if e else "", ("yes" if e.paid_in_advance.value == "yes" else "no") if e else "",
        ])
    return to_csv(HEADERS, rows)
