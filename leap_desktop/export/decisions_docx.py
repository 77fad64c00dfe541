"""The decision log as a Word document: the decisions a filter selects, each with its
plain-language summary, how it was made, its involvement level and its co-producers."""

from __future__ import annotations

import datetime as dt

from ..domain import rules
from ..domain.vocab import DECISION_PROCESS
from ..services import DecisionRow, PanelService
from ..words import long_date
from ..services.trace import people_by_id, redactor_for
from .docx_parts import properties, save, writer


def render(service: PanelService, rows: list[DecisionRow], *, filters: str, anonymised: bool = False,
           now: dt.datetime | None = None) -> bytes:
    panel = service.panel()
    people = people_by_id(service)
    clean = redactor_for(service, people, anonymised=anonymised)
    panel_name = clean(panel.name) if panel else "Panel"
    w = writer("Decision log", panel_name)
    doc = w.doc
    w.para("Decision log", "Title")
    w.para(panel_name, "Subtitle")
    w.labelled("Decisions:", f"{len(rows)}, newest first")
    w.labelled("Showing:", filters or "every decision")
    w.labelled("Produced:", long_date(service.today()))
    if anonymised:
        w.para("Anonymised edition for publication: people are shown by their role only.", "LEAP Notice")
    for row in rows:
        d = row.decision
        trace = service.trace(d.id, anonymised=anonymised, people=people, clean=clean)
        w.heading(f"{d.ref}: {clean(d.title)}", 2)
        where = f"{long_date(d.decided_on or row.meeting_day) or 'no date'}"
        if row.meeting_number:
            where += f", at M-{row.meeting_number} ({clean(row.meeting_title)})"
        w.para(where, "LEAP Small")
        if d.summary:
            w.labelled("In plain language:", clean(d.summary))
        if d.rationale:
            w.labelled("Why:", clean(d.rationale))
        how = d.method.label if d.method else "not recorded"
        if d.votes:
            how += " ({} for, {} against, {} abstaining)".format(*d.votes)
        w.labelled(f"{DECISION_PROCESS}:", f"{how}. Status: {d.status.label.lower()}. Involvement: {d.level.label.lower()} (rung {d.level.rung} of 5).")
        if d.status_note:
            w.labelled("Status note:", clean(d.status_note))
        if trace.coproducers:
            names = []
            for c in trace.coproducers:
                roles = rules.roles_label(c.voice.roles) if c.voice.roles else ""
                label = c.voice.label if not roles or roles.casefold() == c.voice.label.casefold() else f"{c.voice.label} ({roles})"
                refs = ", ".join(s.contribution.ref for s in c.contributions)
                names.append(label + (f" through {refs}" if refs else ""))
            w.labelled("Co-produced by:", "; ".join(names) + ".")
            w.labelled("Sources by role:", trace.source_balance.describe())
    properties(w, title="Decision log", subject=panel_name, panel=panel_name, category="Decision log",
               keywords="decisions; LEAP" + ("; anonymised" if anonymised else ""),
               comments=f"{len(rows)} decisions. {filters or 'Every decision'}.", now=now)
    return save(w)
