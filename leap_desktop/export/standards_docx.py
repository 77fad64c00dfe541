"""The UK Standards for Public Involvement in Word: for each of the six standards, its
reflective questions, the coordinator's answer (kept in the panel), and the evidence
from the record, with the impact log's entries tagged to it."""

from __future__ import annotations

from typing import Any

from ..domain.impact_vocab import Standard
from ..domain.reports import QUESTIONS
from . import report_docx as rd
from .docx_parts import properties, save, writer
from .gripp2_docx import _influence_words, _level_totals

GUIDANCE = "Answer the reflective questions above from the panel's experience."


def _evidence(w, d: dict[str, Any], standard: Standard) -> None:
    t = d["report"].tables
    if standard is Standard.INCLUSIVE_OPPORTUNITIES:
        rd.from_record(w, "Who took part, by role group.")
        rd.table(w, t["make_up"], title=False)
        rd.table(w, t["attendance_summary"], title=False)
    elif standard is Standard.WORKING_TOGETHER:
        rd.from_record(w, _influence_words(d))
        rd.table(w, _level_totals(d), title=False)
    elif standard is Standard.SUPPORT_AND_LEARNING:
        if "payments" in t:
            rd.from_record(w, "Payment for involvement.")
            rd.table(w, t["payments"], title=False)
        else:
            rd.from_record(w, "No payments are recorded in this panel.")
    elif standard is Standard.COMMUNICATIONS:
        rd.from_record(w, "How many days before each meeting its papers went out, and how soon members heard "
                          "what was done (\u201cYou said, we did\u201d).")
        rd.table(w, t["papers_summary"], title=False)
        rd.table(w, t["papers"], title=False)
        rd.table(w, t["you_said_summary"], title=False)
    elif standard is Standard.IMPACT:
        rd.from_record(w, "What was taken up.")
        rd.table(w, t["uptake"], title=False)
    elif standard is Standard.GOVERNANCE:
        rd.from_record(w, "Decisions by how far the panel shared them.")
        rd.table(w, t["decision_voices"], title=False)
    tagged = [e for e in d["log"] if standard.label in e.standards]
    w.heading(f"Impact log entries tagged {standard.label}", 3)
    if not tagged:
        w.para("None in this period.")
    for e in tagged:
        w.bullet((f"{e.ref} ", True), (f"{e.activity}: {e.outcome.lower()}.", False),
                 (f" {e.why_it_matters}" if e.why_it_matters else "", False))


def render(d: dict[str, Any]) -> bytes:
    title = "UK Standards for Public Involvement: our self-assessment"
    w = writer(title, d["name"])
    w.para(title, "Title")
    w.para(f"{d['name']}: {d['report'].period.words()}", "Subtitle")
    w.labelled("Produced:", d["produced"])
    if d["report"].anonymised:
        w.para(rd.ANONYMISED_NOTE, "LEAP Small")
    w.para("The six UK Standards for Public Involvement (2019), each with its reflective questions (paraphrased), "
           "our answer, and the evidence the panel's record holds.", "LEAP Small")
    for standard in Standard:
        w.heading(standard.label, 1)
        w.heading("Reflective questions", 2)
        for question in QUESTIONS[standard]:
            w.bullet((question, False))
        rd.narrative(w, "Our answer", d["answers"].get(standard.value), GUIDANCE)
        w.heading("Evidence", 2)
        _evidence(w, d, standard)
    properties(w, title=title, subject=f"{d['name']}: {d['report'].period.words()}", panel=d["name"],
                  category="UK Standards for Public Involvement", keywords="UK Standards; public involvement; LEAP",
                  comments="Anonymised." if d["report"].anonymised else "Names may be shown.", now=d["now"])
    return save(w)
