"""The impact log as a Word document or CSV, in the columns of Cardiff's PIRIT tracking
tool (when, how the public contributed, what they hoped to influence, what changed, why
it matters, which UK Standard), with both voices beside each entry as the PHWE / Bristol
log asks, and a plain note of whose view is missing.

Names and free text are as :mod:`leap_desktop.services.impact_view` shows them (each
person's consent); CSV cells that a spreadsheet would run as a formula are neutralised
by :func:`~.csv_export.to_csv`.
"""

from __future__ import annotations

import datetime as dt

from ..services.impact_view import LogEntry, VoiceView
from .csv_export import to_csv
from .docx_parts import properties, save, writer
from .minutes_docx import _Writer

HEADERS = [
    "Ref", "Date", "Activity: what the panel was asked", "Meeting", "Agenda item", "How the public contributed",
    "Contributions", "What they hoped to influence", "What changed", "Outcome", "Reason", "Decisions", "Actions",
    "Why it matters", "UK Standards", "Research stage", "Researcher's view", "Public contributors' views",
    "Missing views",
]


def _voices(views: list[VoiceView]) -> str:
    return "\n".join(f"{v.by}{f' ({v.roles})' if v.roles and v.roles.casefold() != v.by.casefold() else ''}"
                     f"{f', {v.written_on}' if v.written_on else ''}: {v.text}" for v in views)


def log_csv(entries: list[LogEntry]) -> bytes:
    return to_csv(HEADERS, [[
        e.ref, e.entry.activity_on, e.activity, e.meeting, e.item, e.how_contributed, "\n".join(e.contributions),
        e.hoped_to_influence, e.what_changed, e.outcome, e.reason, "\n".join(e.decisions), "\n".join(e.actions),
        e.why_it_matters, "; ".join(e.standards), e.stage, _voices(e.researcher), _voices(e.public), e.missing,
    ] for e in entries])


def log_docx(entries: list[LogEntry], *, panel_name: str, filters: str = "", produced: str,
             now: dt.datetime | None = None) -> bytes:
    w = writer("Impact log", panel_name)
    doc = w.doc
    w.para("Impact log", "Title")
    w.para(panel_name, "Subtitle")
    w.labelled("Entries:", str(len(entries)))
    w.labelled("Showing:", filters or "every entry")
    w.labelled("Produced:", produced)
    w.para("Each entry records what the panel was asked, how members contributed, what they hoped to "
           "influence, what changed and why it matters, with the researcher's view and the public "
           "contributors' views side by side.", "LEAP Small")
    for e in entries:
        w.heading(f"{e.ref}: {e.activity}", 1)
        w.para(", ".join(x for x in (e.date, e.meeting, e.item) if x) or "No date recorded", "LEAP Small")
        w.table(["Question", "Answer"], [
            ["How the public contributed", "\n".join(x for x in (e.how_contributed, *e.contributions) if x) or "not recorded"],
            ["What they hoped to influence", e.hoped_to_influence or "not recorded"],
            ["What changed", f"{e.outcome}." + (f" {e.what_changed}" if e.what_changed else "")],
            ["Reason", e.reason or "none needed"],
            ["Decisions and actions", "\n".join(e.decisions + e.actions) or "none linked"],
            ["Why it matters", e.why_it_matters or "not recorded"],
            ["UK Standards", "; ".join(e.standards) or "none chosen"],
            ["Research stage", e.stage or "not set"],
        ], [5.0, 11.4])
        w.heading("The researcher's view", 2)
        _voice_paragraphs(w, e.researcher, "No researcher's view yet.")
        w.heading("Public contributors' views", 2)
        _voice_paragraphs(w, e.public, "No public contributor's view yet.")
        if e.missing:
            w.para(e.missing + ".", "LEAP Notice")
    properties(w, title="Impact log", subject=panel_name, panel=panel_name, category="Impact log",
               keywords="impact log; PIRIT; UK Standards for Public Involvement; LEAP",
               comments=f"{len(entries)} entries. {filters or 'Every entry'}.", now=now)
    return save(w)


def _voice_paragraphs(w: _Writer, views: list[VoiceView], none: str) -> None:
    if not views:
        w.para(none)
    for v in views:
        who = v.by + (f" ({v.roles})" if v.roles and v.roles.casefold() != v.by.casefold() else "")
        w.labelled(f"{who}{', ' + v.written_on if v.written_on else ''}:", v.text, "Normal")
