"""GRIPP2 in Word (Staniszewska et al. 2017): the short form's five items, or the long
form's sections the record supports, each with the coordinator's words (kept in the
panel) and what the record fills, marked "From the record".

Anonymised by default: role groups, never names; small counts read "fewer than 3".
"""

from __future__ import annotations

from typing import Any

from ..domain.reports import GRIPP2_LONG, GRIPP2_SHORT, ReportKind
from ..services.analytics import Period
from ..services.analytics_tables import percent
from ..services.impact_view import LogEntry, build_log
from ..words import long_date, names_list
from . import report_docx as rd
from .docx_parts import properties, save, writer


def gather(service: Any, period: Period, *, anonymised: bool = True) -> dict[str, Any]:
    """What the GRIPP2 and Standards documents are filled from, for a period."""
    report = service.analytics.participation(period, anonymised=anonymised)
    entries = [e for e in service.impact.entries()
               if (period.start is None or (e.activity_on or "") >= period.start)
               and (period.end is None or (e.activity_on or "9999") <= period.end)]
    panel = service.panel()
    clean = service.redactor(anonymised=anonymised)
    return {"report": report, "log": build_log(service, entries, anonymised=anonymised), "panel": panel,
            "name": (clean(panel.name) if panel else None) or "Panel",
            "purpose": clean(panel.purpose) if panel else None, "advises": clean(panel.advises) if panel else None,
            "texts": service.reports.texts(ReportKind.GRIPP2),
            "answers": service.reports.texts(ReportKind.STANDARDS),
            "produced": long_date(service.today()) or service.today(), "now": service.clock()}


def _aim(w, d) -> None:
    bits = [x for x in (d["purpose"], f"The panel advises the {d['advises']}." if d["advises"] else None) if x]
    rd.from_record(w, " ".join(bits) or "No purpose is recorded for the panel (Panel details).")


def _people(w, d) -> None:
    t = d["report"].tables
    rd.from_record(w, f"{d['report'].meetings:,} held meetings, {d['report'].period.words()}.")
    rd.table(w, t["make_up"], title=False)


def _involvement(w, d) -> None:
    rd.from_record(w, "Decisions by how far the panel shared them, and by research stage.")
    rd.table(w, _level_totals(d), title=False)
    rd.table(w, d["report"].tables["stage_totals"], title=False)


def _level_totals(d):
    from ..services.analytics_tables import Table

    levels = d["report"].tables["decision_levels"]
    totals: dict[str, int] = {}
    for row in levels.rows:
        totals[row[1]] = totals.get(row[1], 0) + row[2]
    return Table("level_totals", "Decisions by involvement level", ["Involvement level", "Decisions"],
                 [[k, v] for k, v in totals.items()], levels.definition, levels.anonymised)


def _support(w, d) -> None:
    t = d["report"].tables
    rd.table(w, t["papers_summary"], title=False)
    if "payments" in t:
        rd.table(w, t["payments"], title=False)
    else:
        rd.from_record(w, "No payments are recorded in this panel.")


def _results(w, d) -> None:
    t = d["report"].tables
    rd.from_record(w, _influence_words(d))
    rd.table(w, t["decision_voices"], title=False)
    rd.table(w, t["uptake"], title=False)
    changed = [e for e in d["log"] if e.entry.outcome.value != "pending"]
    for e in changed[:20]:
        w.bullet((f"{e.ref} ", True), (f"{e.activity}: {e.outcome.lower()}.", False),
                 (f" {e.what_changed}" if e.what_changed else "", False))


def _influence_words(d) -> str:
    t = d["report"].tables
    voices = [r for r in t["decision_voices"].rows if r[0] == "Whole period"]
    spoke = [r[4] for r in t["spoke"].rows if not t["spoke"].hidden(r, 4)]
    parts = []
    if voices:
        parts.append(f"{voices[0][2]:,} of {voices[0][1]:,} decisions ({percent(voices[0][3])}) had a lived "
                     "experience or carer voice among their sources or co-producers")
    if spoke:
        parts.append(f"on average {percent(sum(spoke) / len(spoke))} of those present at a meeting spoke")
    share = {r[0]: r for r in t["contribution_share"].rows}
    lived = [f"{g.lower()} {t['contribution_share'].cell(share[g], 3)}" for g in ("Lived experience", "Carers") if g in share]
    if lived:
        parts.append(f"shares of contributions: {names_list(lived)}")
    return (names_list(parts) + ".") if parts else "No decisions or contributions recorded in this period."


def _capture(w, d) -> None:
    log: list[LogEntry] = d["log"]
    both = sum(1 for e in log if e.researcher and e.public)
    rd.from_record(w, f"Impact was captured in the panel's impact log ({len(log):,} entries in the period, "
                      f"{both:,} with both the researcher's and a public contributor's view), by linking each "
                      "decision to the contributions that shaped it, and by marking whether each contribution "
                      "was taken up.")


def _reflections(w, d) -> None:
    views = [(e, v) for e in d["log"] for v in (*e.public, *e.researcher)]
    if not views:
        rd.from_record(w, "No reflections are recorded in the impact log for this period.")
        return
    rd.from_record(w, "Reflections from the impact log, in the words of those who wrote them:")
    for e, v in views[:30]:
        who = v.roles or v.by
        w.bullet((f"{e.ref}, {who}: ", True), (v.text, False))


def _economic(w, d) -> None:
    t = d["report"].tables
    if "payments" in t:
        rd.table(w, t["payments"], title=False)
    else:
        rd.from_record(w, "No payments are recorded in this panel.")


SHORT = {"aim": (_aim,), "methods": (_people, _involvement, _support), "results": (_results,),
         "outcomes": (), "reflections": (_reflections,)}
LONG = {"aim": (_aim,), "people": (_people, _support), "stages": (), "level": (_involvement,), "capture": (_capture,),
        "economic": (_economic,), "results": (_results,), "discussion": (), "reflections": (_reflections,)}


def render(d: dict[str, Any], *, long: bool = False) -> bytes:
    title = f"GRIPP2 {'long' if long else 'short'} form: reporting public involvement"
    w = writer(title, d["name"])
    w.para(title, "Title")
    w.para(f"{d['name']}: {d['report'].period.words()}", "Subtitle")
    w.labelled("Produced:", d["produced"])
    if d["report"].anonymised:
        w.para(rd.ANONYMISED_NOTE, "LEAP Small")
    w.para("Guidance for Reporting Involvement of Patients and the Public (GRIPP2, Staniszewska et al. 2017). "
           "Parts headed \u201cFrom the record\u201d are filled from the panel's record each time the report is "
           "made; the written parts are kept in the panel.", "LEAP Small")
    sections, fillers = (GRIPP2_LONG, LONG) if long else (GRIPP2_SHORT, SHORT)
    for section in sections:
        w.heading(section.heading, 1)
        rd.narrative(w, "In our words", d["texts"].get(section.key), section.guidance)
        for fill in fillers.get(section.key, ()):
            fill(w, d)
        if section.key == "stages":
            rd.from_record(w, "Decisions by research stage over time.")
            rd.table(w, d["report"].tables["decision_stages"], title=False)
        if section.key in ("outcomes", "discussion"):
            rd.from_record(w, _influence_words(d))
    properties(w, title=title, subject=f"{d['name']}: {d['report'].period.words()}", panel=d["name"],
                  category="GRIPP2 report", keywords="GRIPP2; public involvement; PPI; LEAP",
                  comments="Anonymised." if d["report"].anonymised else "Names may be shown.", now=d["now"])
    return save(w)
