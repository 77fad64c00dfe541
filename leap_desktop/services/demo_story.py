"""The story of the demo panel's last year, meeting by meeting (services/demo.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..words import month_year
from .demo_builder import _Builder
from .demo_cast import AMIRA, BEN, CARYS, ELLIE, FARID, GRACE, IVAN, JO, KOFI, LIN, MEMBERS, TOPICS

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
    # The last meeting's welcome, kept as a comment: procedural speech, not a view offered.
    b.say(recent["agenda"][0], days[-1], IVAN, "comment", "the welcome", 1,
          text="Welcome, everyone, and thank you for coming. We finish at four; tea is at the back.")
