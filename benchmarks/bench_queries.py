"""The three queries a ten-year panel must keep fast: the decision log, a trace, a
person's history (issue: the panel record). Also search and a count."""

from __future__ import annotations

from leap_desktop.services import DecisionFilter, PanelService

from .common import report, ten_year_panel, timed

TARGET = 0.100  # seconds: fast enough to feel instant when a screen opens


def main() -> int:
    path = ten_year_panel()
    ok = True
    with PanelService.open(path) as svc:
        log = svc.decision_log(limit=200)
        middle = log[100].decision
        busiest = max(svc.people(), key=lambda p: len(svc.person_history(p.id).contributions))
        print(f"  panel: {svc.count_decisions():,} decisions; trace of {middle.ref}; "
              f"history of {busiest.ref} ({len(svc.person_history(busiest.id).contributions):,} contributions)")
        ok &= report("decision log: first page (200 rows)", timed(lambda: svc.decision_log(limit=200)), TARGET)
        ok &= report("decision log: count all", timed(lambda: svc.count_decisions()), TARGET)
        ok &= report("decision log: whole log (all rows)", timed(lambda: svc.decision_log(), repeat=3))
        ok &= report("decision log: filtered by person", timed(lambda: svc.decision_log(DecisionFilter(person_id=busiest.id), limit=200)), TARGET)
        ok &= report("decision log: search 'consent form'", timed(lambda: svc.decision_log(DecisionFilter(text="consent form"), limit=200)), TARGET)
        ok &= report(f"trace of {middle.ref}", timed(lambda: svc.trace(middle.id)), TARGET)
        ok &= report(f"person history of {busiest.ref}", timed(lambda: svc.person_history(busiest.id)), TARGET * 3)
        ok &= report("search everything: 'carer'", timed(lambda: svc.search("carer")), TARGET)
    return 0 if ok else 1
