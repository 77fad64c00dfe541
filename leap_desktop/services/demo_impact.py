"""The demo panel's impact log: the research stages (the usual ten and one of the
panel's own, with the stage of some agenda items), four entries told from the year's
story (both voices; one with only the researcher's; one with only the members'), and
contributions that were noted or not taken up, with the reasons members were given.

Added to the demo's interchange document (version 2), so it passes every import rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain.impact_vocab import DEFAULT_STAGES

# The cast's handles (services/demo.py): kept as numbers to avoid an import cycle.
AMIRA, BEN, CARYS, DEV, ELLIE, FARID, GRACE, HOLLIE, IVAN, JO, KOFI, LIN, MARIA = range(13)

ENTRIES = [
    # decision title (or status), stage, standards, outcome, reason, hoped, matters,
    # [(kind, person, days after, text)]
    ("Members co-write the participant information sheet", "Design", ["working_together", "impact"], "adopted", None,
     "That the information sheet would not frighten someone who is unwell when they first read it.",
     "The sheet is the first thing a possible participant sees; members' words make it readable.",
     [("researcher", ELLIE, 9, "We had treated the sheet as an ethics form. Writing it with members made it shorter, "
                               "and the ethics committee accepted it as a minor amendment."),
      ("public", CARYS, 12, "I drafted the opening at home and saw it used almost word for word. That mattered to me."),
      ("public", AMIRA, 14, "For once we wrote it rather than commented on it. The large-print copy came in time.")]),
    ("Recruit through community groups instead of GP letters", "Recruitment", ["inclusive_opportunities", "impact"],
     "adopted", None,
     "How people are first approached, so that nobody feels pressured to take part.",
     "Letters from GP surgeries felt like pressure; community groups reach people the letters missed.",
     [("researcher", ELLIE, 10, "Reversing a decision we had already made was uncomfortable, but recruitment "
                                "through the groups has been steadier than the letters were."),
      ("public", BEN, 20, "We said the letters felt like pressure and the plan changed. I want us to check it worked.")]),
    ("Offer members payment, a voucher, or no payment, as each chooses", "Funding application",
     ["support_and_learning", "governance"], "adapted",
     "A voucher-only option was proposed; members asked that each person chooses, so nobody's benefits are put "
     "at risk. The vote carried the choice, with recorded dissent.",
     "How the panel's time is recognised.",
     "Payment can affect state benefits: a choice keeps everyone able to take part.",
     [("researcher", FARID, 7, "The budget line in the funding application now follows the panel's choice.")]),
    ("rejected", "Dissemination", ["communications"], "not_adopted",
     "The panel voted against the pilot: members preferred to test the easy-read summary with the community "
     "group first.",
     "How the findings are shared with people new to research.", None,
     [("public", LIN, 6, "I was glad we were asked before anything was printed. Saying no was heard.")]),
]

#: What the panel was asked, for each entry above.
ASKED = [
    "How should the participant information sheet be written, and by whom?",
    "How should people be invited to take part in the study?",
    "How should members' time on the panel be recognised?",
    "Should the easy-read summary be piloted with people new to research?",
]

#: The panel's own research stage (not one of the usual ten), and the stage it follows.
CUSTOM_STAGE = ("Peer researcher training", "Recruitment")

#: Agenda items (by title) whose research stage is recorded.
ITEM_STAGES = {"Peer researcher training": CUSTOM_STAGE[0], "Analysis workshop": "Analysis",
               "Conference abstract": "Dissemination", "Interview topic guide": "Data collection"}

NOT_TAKEN_UP = [
    "It had already gone to the printer; the study team will use the idea in the next version.",
    "The ethics committee requires the full wording to stay; a summary page was added to the papers instead.",
    "There is no budget for it this year; it is on the list for the next funding bid.",
]


def add_impact_log(b: Any, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    """The impact lists of the demo's interchange document, from the builder ``b``."""
    start = dt.date.fromisoformat(b.people[0]["active_from"]) if b.people[0].get("active_from") else today
    stages = []
    for position, name in enumerate(DEFAULT_STAGES, 1):
        stages.append({**b.meta(start), "number": b.number("S"), "name": name, "position": position})
    # The panel's own stage, added to the usual list where it falls in the study.
    custom = {**b.meta(start, 5), "number": b.number("S"), "name": CUSTOM_STAGE[0], "position": 0}
    stages.insert([s["name"] for s in stages].index(CUSTOM_STAGE[1]) + 1, custom)
    for position, stage in enumerate(stages, 1):
        stage["position"] = position
    stage_id = {s["name"]: s["id"] for s in stages}
    marks = []
    # The agenda items of some topics carry their stage: in the year told as a story (its
    # twelve meetings and the next come last), not the generated history of --years 10.
    for meeting in b.meetings[-13:]:
        planned = dt.date.fromisoformat(meeting["starts_at"][:10]) - dt.timedelta(days=14)
        for item in meeting["agenda"]:
            if item["title"] in ITEM_STAGES:
                marks.append({**b.meta(planned, 5), "stage": stage_id[ITEM_STAGES[item["title"]]], "item": item["id"],
                              "decision": None})
    sources = {s["contribution"] for d in b.decisions for s in d["sources"]}
    contributions = {c["id"]: c for m in b.meetings for i in m["agenda"] for c in i["contributions"]}
    entries = []
    for n, (title, stage, standards, outcome, reason, hoped, matters, views) in enumerate(ENTRIES):
        matching = [d for d in b.decisions if d["title"] == title or (title == "rejected" and d["status"] == "rejected")]
        if not matching:
            continue
        d = matching[-1]
        day = dt.date.fromisoformat(d["decided_on"]) if d["decided_on"] else today
        marks.append({**b.meta(day, 120), "stage": stage_id[stage], "item": None, "decision": d["id"]})
        said = [contributions[s["contribution"]] for s in d["sources"] if s["contribution"] in contributions]
        entry = {
            **b.meta(day, 130), "number": b.number("E"),
            "title": ASKED[n],
            "meeting": d["meeting"], "item": d["item"], "activity_on": day.isoformat(),
            "how_contributed": f"{len(said)} contributions in the meeting: " + ", ".join(
                sorted({c["kind"].replace("_", " ") for c in said})) + ".",
            "hoped_to_influence": hoped, "outcome": outcome,
            "what_changed": d["summary"], "outcome_reason": reason, "why_it_matters": matters or d["rationale"],
            "standards": standards, "stage": stage_id[stage], "drafted_from": d["id"],
            "links": [{**b.meta(day, 131), "contribution": c["id"], "decision": None, "action": None} for c in said]
                     + [{**b.meta(day, 131), "contribution": None, "decision": d["id"], "action": None}]
                     + [{**b.meta(day, 131), "contribution": None, "decision": None, "action": a["id"]}
                        for a in b.actions if a["decision"] == d["id"]],
            "voices": [],
        }
        for kind, who, after, text in views:
            written = min(day + dt.timedelta(days=after), today)
            entry["voices"].append({**b.meta(written, 200), "kind": kind, "person": b.people[who]["id"], "text": text,
                                    "written_on": written.isoformat(), "attribution": None})
        entries.append(entry)
    # Was it taken up? Some questions and suggestions that shaped no decision.
    uptake = []
    open_ones = [c for c in contributions.values() if c["id"] not in sources and c["kind"] in ("suggestion", "idea", "concern")]
    amira = [c for c in open_ones if c["person"] == b.people[AMIRA]["id"]]
    chosen = ([amira[-1]] if amira else []) + [c for c in open_ones[-6:] if not amira or c is not amira[-1]][-5:]
    for index, c in enumerate(chosen):
        day = dt.date.fromisoformat(c["said_at"][:10])
        if index % 2 == 0:
            uptake.append({**b.meta(day, 140), "contribution": c["id"], "status": "not_taken_up",
                           "reason": NOT_TAKEN_UP[(index // 2) % len(NOT_TAKEN_UP)], "recorded_on": day.isoformat()})
        else:
            uptake.append({**b.meta(day, 140), "contribution": c["id"], "status": "noted", "reason": None,
                           "recorded_on": day.isoformat()})
    return {"research_stages": stages, "stage_marks": marks, "impact_log": entries, "uptake": uptake}
