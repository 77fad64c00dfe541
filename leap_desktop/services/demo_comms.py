"""The demo panel's communication needs and papers sent log (services/demo.py): members
with large print, posted papers and a screen reader, and one pack that is late."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .demo_builder import _Builder

#: name -> (format, print size, language, days ahead, contact by)
NEEDS = {
    "Amira Khan": ("large_print", 20, None, 7, "email"),
    "Ben Okafor": ("posted", None, None, 10, "post"),
    "Lin Zhou": ("screen_reader", None, None, 5, "email"),
    "Carys Evans": ("standard", None, "Welsh", 7, "phone"),
    "Dev Patel": ("plain_language", None, None, 7, "text"),
}


def add_comms(document: dict[str, Any], b: _Builder, today: dt.date) -> None:
    """Needs for a few members; every held meeting's papers sent to the panel; for the
    next meeting, packs sent to most members with needs, and Ben's posted pack late."""
    people = {p["display_name"]: p for p in document["people"]}
    upcoming = [m for m in document["meetings"] if m["status"] == "planned" and m["starts_at"][:10] >= today.isoformat()]
    needs = []
    for name, (fmt, size, language, ahead, contact) in NEEDS.items():
        person = people.get(name)
        if person is None:
            continue
        if name == "Ben Okafor" and upcoming:
            # Posted papers need long enough to arrive: Ben's are due before today, so
            # the demo shows one late pack however far off the next meeting is.
            to_go = (dt.date.fromisoformat(upcoming[0]["starts_at"][:10]) - today).days
            ahead = min(60, max(ahead, to_go + 3))
        needs.append({
            **b.meta(dt.date.fromisoformat(person["active_from"])), "person": person["id"], "paper_format": fmt,
            "print_size": size, "language": language, "days_ahead": ahead, "contact_by": contact,
        })
    sent = [dict(s) for s in b.papers_sent]
    if upcoming:
        meeting = upcoming[0]
        day = dt.date.fromisoformat(meeting["starts_at"][:10])
        sent = [s for s in sent if s["meeting"] != meeting["id"]]  # per person, below
        by_person = {n["person"]: n for n in needs}
        for person in document["people"]:
            joined, left = person["active_from"], person["active_to"]
            if person["display_name"] == "Ben Okafor" or joined > day.isoformat() or (left and left < day.isoformat()):
                continue  # Ben's posted pack has not gone: it is the late one
            need = by_person.get(person["id"], {})
            due = day - dt.timedelta(days=need.get("days_ahead", 7))
            if due > today:
                continue  # not due yet
            how = {"post": "post", "supporter": "supporter"}.get(need.get("contact_by"), "email")
            sent.append({**b.meta(due), "meeting": meeting["id"], "person": person["id"], "what": "Papers pack",
                         "paper_format": need.get("paper_format", "standard"), "sent_on": due.isoformat(), "how": how})
    sent.sort(key=lambda s: (s["sent_on"], s["created_at"], s["id"]))
    document["communication_needs"] = sorted(needs, key=lambda n: (n["created_at"], n["id"]))
    document["papers_sent"] = sent
