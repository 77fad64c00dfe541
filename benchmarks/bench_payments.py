"""Payments on the ten-year demo panel with ten years of claims: drafting a meeting's
claims is one quick step after a meeting, and listing every claim (what the Payments
page shows first) must not keep the coordinator waiting."""

from __future__ import annotations

from .common import report, ten_year_panel, timed

DRAFT_TARGET = 0.200  # seconds to draft (and save, in one change) the claims of one meeting
LIST_TARGET = 0.300  # seconds to list every claim with its payee, meeting and expenses
TOTALS_TARGET = 0.500  # seconds for the totals for reports (fees, expenses by category, per meeting, per year)
CSV_TARGET = 1.000  # seconds to build the finance CSV of every fee and expense line


def main() -> int:
    from leap_desktop.export.payments_csv import payments_csv
    from leap_desktop.services import PanelService
    from leap_desktop.services.payment_reports import finance_lines

    path = ten_year_panel()
    ok = True
    with PanelService.open(path) as svc:
        pay = svc.payments
        members = [p for p in svc.people() if p.payment is not None]
        meetings = []
        for n in range(6):  # one warm-up and five timed drafts, each on a meeting of its own
            m = svc.add_meeting(title=f"Timed meeting {n}", starts_at=f"2026-05-{10 + n:02d} 14:00")
            svc.set_attendance_many(m.id, [p.id for p in members], hours=3)
            svc.set_meeting_status(m.id, "held")
            meetings.append(m.id)
        queue = iter(meetings)
        claims = pay.claims()
        print(f"  panel: {len(svc.meetings())} meetings, {len(claims):,} claims, "
              f"{sum(r.expense_count for r in claims):,} expenses")
        ok &= report("draft the claims of a meeting", timed(lambda: pay.draft_claims(next(queue)), repeat=5), DRAFT_TARGET)
        ok &= report("list every claim (the Payments page's list)", timed(pay.claims, repeat=5), LIST_TARGET)
        ok &= report("totals for reports", timed(pay.totals, repeat=5), TOTALS_TARGET)
        ok &= report("finance CSV of every line", timed(lambda: payments_csv(finance_lines(pay)), repeat=3), CSV_TARGET)
    return 0 if ok else 1
