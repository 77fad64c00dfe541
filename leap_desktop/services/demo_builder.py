"""The demo panel's document builder: makes people, meetings, agenda items,
contributions, decisions and actions as interchange records (services/demo.py)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from .demo_cast import ACTION_TEMPLATES, BEN, DECISION_TEMPLATES, IVAN, JO, SAYINGS, _cap

# -- building the document ------------------------------------------------------------------------


@dataclass
class _Builder:
    rng: random.Random
    today: dt.date
    people: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    papers_sent: list[dict[str, Any]] = field(default_factory=list)  # sendings to the whole panel
    counters: dict[str, int] = field(default_factory=dict)

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def number(self, kind: str) -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return self.counters[kind]

    @staticmethod
    def stamp(day: dt.date, minutes: int = 0) -> str:
        moment = dt.datetime.combine(day, dt.time(14, 0)) + dt.timedelta(minutes=minutes)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def meta(self, day: dt.date, minutes: int = 0) -> dict[str, Any]:
        stamp = self.stamp(day, minutes)
        return {"id": self.uid(), "created_at": stamp, "updated_at": stamp, "deleted_at": None}

    # -- records --

    def person(self, spec: tuple, start: dt.date) -> dict[str, Any]:
        name, preferred, pronouns, roles, consent, needs, payment, joined, left = spec
        active_from = start if joined is None else _months_before(self.today, joined)
        active_to = None if left is None else _months_before(self.today, left)
        record = {
            **self.meta(active_from),
            "number": self.number("P"),
            "display_name": name,
            "preferred_name": preferred,
            "pronouns": pronouns,
            "roles": roles,
            "consent": consent,
            "access_needs": needs,
            "payment": payment,
            "active_from": active_from.isoformat(),
            "active_to": active_to.isoformat() if active_to else None,
        }
        self.people.append(record)
        return record

    def active(self, day: dt.date) -> list[int]:
        iso = day.isoformat()
        return [
            i for i, p in enumerate(self.people)
            if p["active_from"] <= iso and (p["active_to"] is None or iso <= p["active_to"])
        ]

    def meeting(self, day: dt.date, title: str, status: str, place: str) -> dict[str, Any]:
        record = {
            **self.meta(day - dt.timedelta(days=21)),
            "number": self.number("M"),
            "title": title,
            "starts_at": f"{day.isoformat()}T14:00",
            "planned_minutes": 120,
            "place": place,
            "status": status,
            "invite_sequence": 0,
            "attendance": [],
            "agenda": [],
        }
        self.meetings.append(record)
        sent = day - dt.timedelta(days=7)
        if status != "planned" or sent <= self.today:
            stamp = self.stamp(sent)  # no draw from rng: the rest of the demo stays as it was
            self.papers_sent.append({
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"leap-demo-papers:{record['id']}")),
                "created_at": stamp, "updated_at": stamp, "deleted_at": None, "meeting": record["id"], "person": None, "what": "Papers pack",
                "paper_format": None, "sent_on": sent.isoformat(), "how": "email",
            })
        return record

    def attend(self, meeting: dict[str, Any], day: dt.date, held: bool, always: set[int] = frozenset()) -> list[int]:
        """Record attendance; returns who was present (only they speak at the meeting)."""
        present = []
        for index in self.active(day):
            person = self.people[index]
            roll = self.rng.random()
            status = "present" if roll < 0.8 else ("apologies" if roll < 0.95 else "absent")
            if index in (JO, IVAN) or index in always:
                status = "present"
            if not held:
                status = "apologies" if index == BEN else "present"
            role = {JO: "note-taker", IVAN: "chair"}.get(index)
            hours = None
            if held and status == "present":
                hours = 3.0 if person["roles"][0] in ("lived_experience", "carer") else 2.0
            meeting["attendance"].append(
                {
                    **self.meta(day),
                    "person": person["id"],
                    "status": status,
                    "meeting_role": role,
                    "hours": hours,
                }
            )
            if status == "present":
                present.append(index)
        return present

    def item(self, meeting: dict[str, Any], day: dt.date, title: str, purpose: str, minutes: int,
             presenter: int | None = None, notes: str | None = None, state: str = "done",
             carried_from: str | None = None) -> dict[str, Any]:
        record = {
            **self.meta(day - dt.timedelta(days=14)),
            "number": self.number("I"),
            "position": len(meeting["agenda"]) + 1,
            "title": title,
            "purpose": purpose,
            "presenter": self.people[presenter]["id"] if presenter is not None else None,
            "allotted_minutes": minutes,
            "notes": notes,
            "state": state,
            "carried_from": carried_from,
            "contributions": [],
        }
        meeting["agenda"].append(record)
        return record

    def say(self, item: dict[str, Any], day: dt.date, who: int, kind: str, topic: str,
            minute: int, text: str | None = None, attribution: str | None = None) -> dict[str, Any]:
        if text is None:
            text = self.rng.choice(SAYINGS[kind]).format(t=topic, T=_cap(topic))
        record = {
            **self.meta(day, minute),
            "number": self.number("C"),
            "person": self.people[who]["id"],
            "kind": kind,
            "text": text,
            "said_at": self.stamp(day, minute),
            "attribution": attribution,
        }
        item["contributions"].append(record)
        return record

    def decide(self, meeting: dict[str, Any], item: dict[str, Any], day: dt.date, topic: str,
               status: str = "agreed", method: str | None = "consensus", level: str = "collaborate",
               sources: list[tuple[dict[str, Any], str | None]] = (), template: int | None = None,
               votes: tuple[int, int, int] | None = None, supersedes: dict[str, Any] | None = None,
               status_note: str | None = None, dissent: list[tuple[int | None, str]] = (),
               coproducers: list[tuple[int, str]] = (), title: str | None = None,
               words: tuple[str, str, str] | None = None) -> dict[str, Any]:
        """``words`` = (text, rationale, plain summary) where the template would not fit."""
        t_title, t_text, t_why, t_plain = DECISION_TEMPLATES[
            template if template is not None else self.rng.randrange(len(DECISION_TEMPLATES))
        ]
        if words is not None:
            t_text, t_why, t_plain = words
        fill = {"t": topic, "T": _cap(topic)}
        settled = status in ("agreed", "rejected", "superseded", "reversed")
        record = {
            **self.meta(day, 100),
            "number": self.number("D"),
            "title": title or t_title.format(**fill),
            "text": t_text.format(**fill),
            "rationale": t_why,
            "summary": t_plain.format(**fill),
            "method": method,
            "votes_for": votes[0] if votes else None,
            "votes_against": votes[1] if votes else None,
            "votes_abstain": votes[2] if votes else None,
            "level": level,
            "status": status,
            "status_note": status_note,
            "meeting": meeting["id"],
            "item": item["id"],
            "supersedes": supersedes["id"] if supersedes else None,
            "decided_on": day.isoformat() if settled else None,
            "sources": [
                {**self.meta(day, 101), "contribution": c["id"], "note": note} for c, note in sources
            ],
            "coproducers": [
                {**self.meta(day, 101), "person": self.people[p]["id"], "note": note} for p, note in coproducers
            ],
            "dissent": [
                {**self.meta(day, 101), "person": self.people[p]["id"] if p is not None else None, "text": text}
                for p, text in dissent
            ],
        }
        self.decisions.append(record)
        return record

    def act(self, day: dt.date, owner: int, topic: str, due: dt.date, status: str,
            decision: dict[str, Any] | None = None, item: dict[str, Any] | None = None,
            closed: dt.date | None = None, outcome: str | None = None,
            reported: dict[str, Any] | None = None, template: int | None = None) -> dict[str, Any]:
        title, done_note = ACTION_TEMPLATES[
            template if template is not None else self.rng.randrange(len(ACTION_TEMPLATES))
        ]
        if status == "done" and outcome is None:
            outcome = done_note
        record = {
            **self.meta(day, 110),
            "number": self.number("A"),
            "title": title.format(t=topic),
            "owner": self.people[owner]["id"],
            "due_on": due.isoformat(),
            "status": status,
            "outcome": outcome,
            "decision": decision["id"] if decision else None,
            "item": item["id"] if item else None,
            "reported_meeting": reported["id"] if reported else None,
            "closed_on": closed.isoformat() if closed else None,
        }
        self.actions.append(record)
        return record


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = day.year, day.month - months
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


def _meeting_day(year: int, month: int) -> dt.date:
    """The first Thursday of the month (after New Year's Day)."""
    first = dt.date(year, month, 2 if month == 1 else 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7)
