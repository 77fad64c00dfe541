"""A believable demo panel, for trying the app, for screenshots, and for speed checks.

The most recent year is written as a story: a dozen members across every role and
consent choice, monthly meetings, contributions of every kind, decisions with their
sources (one replaced by a later decision, one reversed, one carried by a vote with
recorded dissent), and actions that are open, overdue, done and dropped. With
``years`` > 1, earlier years of generated history are added at the density of a busy
panel, so ``years=10`` gives about 120 meetings, 3,000 agenda items, 40,000
contributions, 3,000 decisions and 6,000 actions: the size the speed targets use.

The panel is built as an interchange document and imported, so it passes every rule
an import must pass. It is deterministic for a given ``today`` and ``seed``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import make_private_folder
from ..store import PanelStore
from ..words import month_year
from .demo_impact import add_impact_log
from .interchange import FORMAT, VERSION, import_document

# -- the cast -------------------------------------------------------------------------------

PEOPLE = [
    # name, preferred, pronouns, roles, consent, access needs, payment, joined (months ago) / left
    ("Amira Khan", "Amira", "she/her", ["lived_experience"], "named",
     "Papers in large print (16 point), sent a week ahead", "paid", None, None),
    ("Ben Okafor", "Ben", "he/him", ["carer"], "initials",
     "Needs carer cover for his son on meeting days", "voucher", None, None),
    ("Carys Evans", "Carys", "she/her", ["lived_experience", "carer"], "named",
     None, "paid", None, None),
    ("Dev Patel", None, "he/him", ["lived_experience"], "anonymous",
     "Prefers to join online with the camera off", "declined", None, None),
    ("Eleanor Whitfield", "Ellie", "she/her", ["researcher"], "named",
     None, None, None, None),
    ("Farid Haddad", None, "he/him", ["researcher"], "role_only",
     None, None, None, None),
    ("Grace Mensah", "Grace", "she/her", ["practitioner"], "named",
     None, None, None, None),
    ("Hollie Brennan", None, "she/her", ["practitioner"], "initials",
     None, None, None, None),
    ("Ivan Novak", "Ivan", "he/him", ["facilitator"], "named",
     None, None, None, None),
    ("Jo Taylor", "Jo", "they/them", ["coordinator"], "named",
     None, None, None, None),
    ("Kofi Asante", None, "he/him", ["observer"], "role_only",
     None, None, None, None),
    ("Lin Zhou", "Lin", "she/her", ["lived_experience"], "named",
     "Uses a screen reader: papers as Word documents, not scanned PDFs", "paid", 5, None),
    ("Maria Santos", None, "she/her", ["carer"], "anonymous",
     None, "voucher", None, 3),
]

# Short handles used by the story below.
AMIRA, BEN, CARYS, DEV, ELLIE, FARID, GRACE, HOLLIE, IVAN, JO, KOFI, LIN, MARIA = range(13)
MEMBERS = [AMIRA, BEN, CARYS, DEV, LIN, MARIA]  # lived experience and carers
STAFF = [ELLIE, FARID, GRACE, HOLLIE]

# -- what the panel talks about -----------------------------------------------------------

TOPICS = [
    ("Participant information sheet", "the participant information sheet"),
    ("Recruitment poster", "the recruitment poster"),
    ("Interview topic guide", "the interview topic guide"),
    ("Outcome measures", "the choice of outcome measures"),
    ("Payment for involvement", "how we pay panel members"),
    ("Consent and data sharing", "the consent form"),
    ("Dissemination plan", "the plan for sharing findings"),
    ("Easy-read summary", "the easy-read summary"),
    ("Peer researcher training", "the peer researcher training"),
    ("Analysis workshop", "the analysis workshop"),
    ("Conference abstract", "the conference abstract"),
    ("Safeguarding protocol", "the safeguarding protocol"),
    ("Accessible meetings", "how we run meetings"),
    ("Personal budgets survey", "the personal budgets survey"),
    ("Recruitment through GP surgeries", "recruiting through GP surgeries"),
]

SAYINGS = {
    "insight": [
        "When I was first asked to join a study I was very unwell, and {t} would have put me off completely.",
        "From my own time on a ward, people only trusted researchers who explained things face to face; {t} needs to allow for that.",
        "As a carer I was never told what happens to the information; {t} should say it plainly.",
        "The word 'non-compliant' in {t} took me straight back to my worst appointments.",
        "I only said yes to my personal budget once someone who had used one explained it; {t} could use a peer's voice.",
        "Long forms are exhausting when you're on medication that affects concentration; {t} should be short.",
        "In my experience people from my community won't answer questions about services they feel judged by; {t} should show who is asking.",
    ],
    "idea": [
        "What if members co-wrote {t} in a half-day workshop rather than commenting on a draft?",
        "We could record a short audio version of {t} for people who don't read much.",
        "Could {t} include a quote from a panel member, so people see it's not just researchers?",
        "Let's pilot {t} with the community group at the library before it goes further.",
        "A one-page summary at the front of {t} would help a lot of people.",
    ],
    "concern": [
        "I'm worried {t} assumes everyone has internet access and a smartphone.",
        "{T} still reads as if it was written for clinicians, not for us.",
        "There's a risk that {t} makes people feel they have to take part to keep their support.",
        "I'm concerned the timescale for {t} doesn't leave members enough time to read the papers.",
        "The safeguarding wording in {t} could frighten people off from being honest.",
    ],
    "question": [
        "Who will see {t} before it goes to the ethics committee?",
        "Will members be paid for the time they spend reviewing {t}?",
        "What happens to {t} if the funder asks for changes we disagree with?",
        "How will we know whether {t} actually worked for people?",
        "Can we see the version of {t} that other sites are using?",
    ],
    "suggestion": [
        "Put the contact details for support at the top of {t}, not the end.",
        "Use 'people who use services' rather than 'patients' throughout {t}.",
        "Test {t} with two or three people who haven't been involved yet.",
        "Add a line to {t} saying people can stop at any time without it affecting their care.",
        "Use a bigger font and more white space in {t}.",
    ],
    "agreement": [
        "I agree with the changes to {t}; they reflect what we said last month.",
        "I'm happy with {t} now, especially the plain-language opening.",
        "This version of {t} feels much more respectful. I support it.",
        "I agree, and I'd add that the research team really listened on {t}.",
    ],
    "dissent": [
        "I don't support this version of {t}: it still puts the researchers' needs first.",
        "I disagree with the decision on {t}; we haven't heard from carers enough.",
        "I can't agree to {t} while payment is still unresolved.",
    ],
}

DECISION_TEMPLATES = [
    ("Revise {t} with the panel's changes",
     "The research team will revise {t} using the changes the panel asked for.",
     "Members said the current version would put people off taking part.",
     "We are changing {t} because of what the panel told us."),
    ("Pilot {t} with people new to the study",
     "Before it is used, {t} will be tried with three people who have not been involved.",
     "The panel wanted evidence that it works for people outside the panel.",
     "We will test {t} with a few new people first."),
    ("Add a plain-language summary to {t}",
     "A one-page plain-language summary will go at the front of {t}.",
     "Several members found the full version hard going.",
     "{T} will start with a short, plain summary."),
    ("Co-write {t} in a members' workshop",
     "Members and researchers will write {t} together in a half-day workshop.",
     "The panel asked to write rather than only comment.",
     "Panel members will help write {t}."),
]

ACTION_TEMPLATES = [
    ("Send a revised draft of {t} to members for comment", "Sent to all members; six replied with comments that were used."),
    ("Book an accessible room for the session on {t}", "Room booked with step-free access and a hearing loop."),
    ("Ask the ethics committee about changes to {t}", "Ethics committee approved the changes as a minor amendment."),
    ("Write up the panel's comments on {t}", "Comments written up and shared with the study team."),
    ("Check the payment rates for members' work on {t}", "Rates checked against the current NIHR guidance and confirmed."),
    ("Find two people outside the panel to test {t}", "Two people from the community group tested it; both found it clear."),
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- building the document ------------------------------------------------------------------------


@dataclass
class _Builder:
    rng: random.Random
    today: dt.date
    people: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
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
            "papers_sent_on": (day - dt.timedelta(days=7)).isoformat() if status != "planned" or day - dt.timedelta(days=7) <= self.today else None,
            "status": status,
            "attendance": [],
            "agenda": [],
        }
        self.meetings.append(record)
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


# -- the story of the last year -------------------------------------------------------------------


def _story_year(b: _Builder, days: list[dt.date], next_day: dt.date) -> None:
    """Twelve monthly meetings, told as the panel lived them, and the next one planned."""
    rng = b.rng
    place = "Room 2, Mill Street Community Centre, and online (Teams link in the papers)"
    topic_plan = [
        [0, 12], [1, 0], [14, 4], [0, 5], [4, 2], [14, 3],
        [2, 7], [8, 6], [3, 9], [7, 10], [10, 13], [11, 6],
    ]
    superseded_info_sheet = None
    gp_decision = None
    carried: dict[int, dict[str, Any]] = {}
    for index, day in enumerate(days):
        last = index == len(days) - 1
        status = "minutes_draft" if last else ("minutes_circulated" if index == len(days) - 2 else "minutes_approved")
        meeting = b.meeting(day, f"Panel meeting, {month_year(day)}", status, place)
        present = b.attend(meeting, day, held=True, always={AMIRA, BEN, ELLIE} if index in (3, 4) else {ELLIE})
        speakers = [p for p in present if p != KOFI]
        members_here = [p for p in speakers if p in MEMBERS] or speakers
        b.item(meeting, day, "Welcome, introductions and apologies", "information", 10, presenter=IVAN)
        minutes_item = b.item(meeting, day, "Minutes and actions from the last meeting", "discussion", 15, presenter=JO)
        if index > 0:
            b.say(minutes_item, day, rng.choice(members_here), "agreement", "the minutes", 15,
                  text="The minutes are an accurate record; thank you for sending them in large print.")
        if index in carried:
            source = carried.pop(index)
            item = b.item(meeting, day, source["title"], source["purpose"], source["allotted_minutes"],
                          presenter=ELLIE, carried_from=source["id"])
            b.say(item, day, rng.choice(members_here), "question", source["title"].lower(), 30)
        minute = 20
        for slot, topic_index in enumerate(topic_plan[index % 12]):
            title, topic = TOPICS[topic_index]
            unfinished = (index, slot) in ((4, 1), (8, 1)) and not last
            item = b.item(
                meeting, day, title, "decision" if slot == 0 else "discussion", 30 if slot == 0 else 25,
                presenter=rng.choice([ELLIE, FARID, GRACE]), state="carried" if unfinished else "done",
                notes="Papers: draft circulated with the agenda." if slot == 0 else None,
            )
            if unfinished and index + 1 < len(days):
                carried[index + 1] = item
            said = []
            kinds = ["insight", "concern", "idea", "question", "suggestion", "agreement"]
            for k, kind in enumerate(kinds):
                who = rng.choice([p for p in speakers if (p in MEMBERS) == (kind in ("insight", "concern", "agreement", "idea"))] or speakers)
                override = None
                if (index, slot, k) == (3, 0, 0):  # Amira asked for this one to be role-only
                    who, override = AMIRA, "role_only"
                said.append(b.say(item, day, who, kind, topic, minute + 3 * k, attribution=override))
            minute += 30
            if slot == 1 and index in (1, 6, 10) and not unfinished:
                b.decide(meeting, item, day, topic, method="delegated", level="consult", template=1,
                         sources=[(said[1], "The research team will act on this concern"), (said[3], None)],
                         title=f"Research team to act on the panel's points about {topic}",
                         words=("The research team will revise {t} to answer the panel's concern and report "
                                "back at the next meeting.",
                                "The changes are technical; the panel was content to delegate them.",
                                "The research team will make the changes and tell us what they did."))
            if slot != 0:
                continue
            # The decision on this month's main item.
            sources = [(said[0], "Members' experience set the direction"), (said[2], None), (said[4], "Adopted as worded")]
            if index == 0:
                superseded_info_sheet = b.decide(meeting, item, day, topic, sources=sources, template=0, level="collaborate")
                b.act(day, ELLIE, topic, day + dt.timedelta(days=21), "done", decision=superseded_info_sheet,
                      closed=day + dt.timedelta(days=18), template=0, reported=None)
            elif index == 3:
                newer = b.decide(
                    meeting, item, day, TOPICS[0][1], sources=sources, template=3, level="panel_led",
                    supersedes=superseded_info_sheet,
                    title="Members co-write the participant information sheet",
                    coproducers=[(CARYS, "Drafted the plain-language opening outside the meeting")],
                )
                superseded_info_sheet["status"] = "superseded"
                superseded_info_sheet["status_note"] = f"Replaced by D-{newer['number']}"
                b.act(day, CARYS, TOPICS[0][1], day + dt.timedelta(days=28), "done", decision=newer,
                      closed=day + dt.timedelta(days=25), template=3)
            elif index == 2:
                gp_decision = b.decide(meeting, item, day, topic, sources=sources, template=1, level="consult",
                                       method="delegated",
                                       title="Recruit through GP surgery letters",
                                       words=("Participants will be invited by letters sent from their GP surgeries.",
                                              "The research team advised that this reaches the most people quickly; "
                                              "the panel was consulted.",
                                              "GP surgeries will write to people to invite them to take part."))
            elif index == 5 and gp_decision is not None:
                gp_decision["status"] = "reversed"
                gp_decision["status_note"] = (
                    "Reversed after members reported that letters from GP surgeries felt like pressure "
                    "to take part; recruitment moves to community groups."
                )
                b.decide(meeting, item, day, topic, sources=sources, template=0, level="collaborate",
                         title="Recruit through community groups instead of GP letters", supersedes=None,
                         words=("Participants will be invited through peer support and community groups, with "
                                "panel members helping at the sessions. GP letters stop.",
                                "Members reported that letters from GP surgeries felt like pressure to take part.",
                                "We will invite people through community groups, not GP letters."))
            elif index == 4:
                dissenter = said[5]
                dissent_text = "I can't agree to a voucher-only option while some members' benefits are at risk."
                b.say(item, day, BEN, "dissent", topic, minute + 20, text=dissent_text)
                decision = b.decide(
                    meeting, item, day, topic, method="vote", votes=(7, 2, 1), level="panel_led",
                    sources=sources + [(dissenter, None)], template=2,
                    title="Offer members payment, a voucher, or no payment, as each chooses",
                    dissent=[(BEN, dissent_text)],
                    words=("Each member chooses how their time is recognised: payment at the current rates, "
                           "a voucher of the same value, or no payment. Members can change their choice at any time.",
                           "Payment can affect state benefits; members asked for a choice so that nobody is put at risk.",
                           "Each member chooses payment, a voucher, or nothing."),
                )
                b.act(day, JO, topic, day + dt.timedelta(days=30), "done", decision=decision,
                      closed=day + dt.timedelta(days=24), template=4)
            elif index == 8:
                b.decide(meeting, item, day, topic, status="deferred", method="deferred", sources=sources[:1],
                         template=1, level="involve",
                         status_note="Waiting for the funder's guidance on measures.")
            elif index == 9:
                b.decide(meeting, item, day, topic, status="rejected", method="vote", votes=(2, 8, 0),
                         sources=sources, template=1, level="collaborate")
            elif last:
                b.decide(meeting, item, day, topic, status="proposed", method=None, sources=sources[:2],
                         template=3, level="panel_led")
            else:
                decision = b.decide(meeting, item, day, topic, sources=sources, level=rng.choice(["consult", "involve", "collaborate"]))
                due = day + dt.timedelta(days=28)
                if index == len(days) - 2:
                    b.act(day, JO, topic, due, "done", decision=decision, closed=days[-1] - dt.timedelta(days=5), template=0)
                    b.act(day, ELLIE, topic, day + dt.timedelta(days=14), "open", decision=decision, template=2)  # overdue
                elif index == 7:
                    b.act(day, FARID, topic, day + dt.timedelta(days=20), "in_progress", decision=decision, template=3)  # overdue
                    b.act(day, GRACE, topic, due, "dropped", decision=decision, closed=day + dt.timedelta(days=10),
                          outcome="Dropped: the ethics committee no longer needs this for a minor amendment.", template=2)
                else:
                    b.act(day, rng.choice([JO, ELLIE, GRACE]), topic, due, "done", decision=decision,
                          closed=day + dt.timedelta(days=rng.randint(10, 27)))
    # Actions from the most recent meeting, not yet due.
    recent = b.meetings[-1]
    main_item = recent["agenda"][2]
    b.act(days[-1], LIN, "the accessible meetings guide", next_day + dt.timedelta(days=7), "open", item=main_item, template=3)
    b.act(days[-1], IVAN, "the next meeting", next_day - dt.timedelta(days=3), "open", item=main_item, template=1)
    # The next meeting: planned, with the item carried from the last one.
    upcoming = b.meeting(next_day, f"Panel meeting, {month_year(next_day)}", "planned", place)
    b.attend(upcoming, next_day, held=False)
    b.item(upcoming, next_day, "Welcome, introductions and apologies", "information", 10, presenter=IVAN, state="open")
    b.item(upcoming, next_day, "Minutes and actions from the last meeting", "discussion", 15, presenter=JO, state="open")
    b.item(upcoming, next_day, "You said, we did: a year of the panel", "discussion", 30, presenter=ELLIE, state="open",
           notes="Ellie to present what changed because of the panel this year.")
    b.item(upcoming, next_day, "Plans for the findings event", "decision", 45, presenter=FARID, state="open")


def _history_year(b: _Builder, days: list[dt.date], *, items_per_meeting: int, sayings_per_item: int) -> None:
    """Generated earlier history, at the density of a busy panel (for speed checks)."""
    rng = b.rng
    kinds = list(SAYINGS)
    for day in days:
        meeting = b.meeting(day, f"Panel meeting, {month_year(day)}", "minutes_approved", "Mill Street Community Centre")
        speakers = [p for p in b.attend(meeting, day, held=True) if p != KOFI]
        for slot in range(items_per_meeting):
            title, topic = rng.choice(TOPICS)
            item = b.item(meeting, day, title, rng.choice(["discussion", "decision", "information"]), 4,
                          presenter=rng.choice(STAFF))
            said = [
                b.say(item, day, rng.choice(speakers), rng.choice(kinds), topic, slot * 5 + k % 5)
                for k in range(rng.randint(sayings_per_item - 3, sayings_per_item + 3))
            ]
            decision = b.decide(meeting, item, day, topic, sources=[(c, None) for c in rng.sample(said, min(3, len(said)))],
                                level=rng.choice(["inform", "consult", "involve", "collaborate", "panel_led"]))
            for _ in range(2):
                done = rng.random() < 0.8
                closed = day + dt.timedelta(days=rng.randint(5, 27))
                b.act(day, rng.choice([p for p in speakers if p not in (DEV,)]), topic, day + dt.timedelta(days=28),
                      "done" if done else "dropped", decision=decision, closed=closed,
                      outcome=None if done else "Dropped: overtaken by a later decision.")


def build_document(today: dt.date, *, years: int = 1, seed: int = 20_26) -> dict[str, Any]:
    """The demo panel as an interchange document."""
    rng = random.Random(seed)
    b = _Builder(rng=rng, today=today)
    # Meetings: the first Thursday of each month; the story covers the last twelve held.
    months = []
    year, month = today.year, today.month
    for _ in range(12 * years + 1):
        months.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    months.reverse()
    all_days = [_meeting_day(y, m) for y, m in months]
    held = [d for d in all_days if d <= today]
    next_day = _meeting_day(*(_next_month(today.year, today.month)))
    if all_days[-1] > today:
        next_day = all_days[-1]
    held = held[-12 * years:]
    start = held[0] - dt.timedelta(days=30)
    for spec in PEOPLE:
        b.person(spec, start)
    history, story = held[:-12], held[-12:]
    _history_year(b, history, items_per_meeting=28, sayings_per_item=13)
    _story_year(b, story, next_day)
    panel_start = start.isoformat()
    return {
        "format": FORMAT,
        "version": VERSION,
        "panel": {
            "id": b.uid(),
            "created_at": b.stamp(start),
            "updated_at": b.stamp(start),
            "deleted_at": None,
            "name": "Personalisation in Mental Health LEAP",
            "purpose": (
                "A Lived Experience Advisory Panel that co-produces the Personalisation in Mental "
                "Health study with the research team: what it asks, how people are approached, "
                "what the findings mean, and how they are shared."
            ),
            "advises": "Personalisation in Mental Health Care study (demo)",
            "start_date": panel_start,
        },
        "people": b.people,
        "meetings": b.meetings,
        "decisions": b.decisions,
        "actions": b.actions,
        **add_impact_log(b, today),
    }


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def build_demo(store: PanelStore, *, years: int = 1, seed: int = 20_26) -> dict[str, int]:
    """Fill an empty panel file with the demo panel. Returns counts of what was made."""
    today = dt.date.fromisoformat(store.today())
    document = build_document(today, years=years, seed=seed)
    import_document(store, document, summary="Create demo panel")
    meetings = document["meetings"]
    items = [i for m in meetings for i in m["agenda"]]
    return {
        "people": len(document["people"]),
        "meetings": len(meetings),
        "agenda items": len(items),
        "contributions": sum(len(i["contributions"]) for i in items),
        "decisions": len(document["decisions"]),
        "actions": len(document["actions"]),
    }


#: The demo panel is fictional: its file is encrypted like any other, with this
#: passphrase (the same as ``make run`` uses), so it opens even where no keyring works.
DEMO_PASSPHRASE = "demo panel passphrase"


def create_demo_file(path: str | os.PathLike, *, years: int = 1, passphrase: str = DEMO_PASSPHRASE) -> dict[str, int]:
    """Make a new panel file at ``path`` holding the demo panel.

    It is built beside ``path`` under a temporary name and renamed when complete, so
    an interrupted build never leaves a half-made demo under the real name. Refuses to
    overwrite an existing file. Encrypted with ``passphrase``.
    """
    from ..domain.errors import StoreError
    from .panel import PanelService

    path = Path(path)
    if path.exists():
        raise StoreError(f"{path} already exists; the demo panel is only made in a new file")
    if not path.parent.exists():
        make_private_folder(path.parent)
    building = path.with_name(f".{path.name}.building")
    for leftover in path.parent.glob(building.name + "*"):
        leftover.unlink()
    with PanelService.open(building, create=True, passphrase=passphrase) as service:
        counts = build_demo(service.store, years=years)
    for suffix in ("-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    os.replace(building, path)
    return counts
