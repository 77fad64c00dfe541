"""The writes a script needs: ``leap add-person``, ``add-meeting``, ``add-item``,
``add-contribution``, ``record-decision`` and ``add-action``.

Each is one change through the same service as the app (so the same rules, the same
audit entry), and prints the new record's reference (``D-12``) on its own line, for the
next command to use. Records are named by reference: ``P-3``, ``M-2``, ``I-7``, ``C-4``.
"""

from __future__ import annotations

import argparse

from ..domain.model import AgendaItem, Contribution, Decision, Meeting, Person
from .context import add_command


def register(commands: argparse._SubParsersAction) -> None:
    def add(name, handler, help):
        return add_command(commands, name, handler, help)

    p = add("add-person", cmd_add_person, "add a person to the panel; prints their reference (P-3)")
    p.add_argument("name", help="their name as shown")
    p.add_argument("--roles", default="lived_experience", help="comma-separated: lived_experience, carer, researcher, ...")
    p.add_argument("--consent", default="named", help="named, initials, role_only or anonymous")
    p.add_argument("--pronouns")

    p = add("add-meeting", cmd_add_meeting, "add a meeting; prints its reference (M-2)")
    p.add_argument("title")
    p.add_argument("--at", required=True, metavar="WHEN", help="when it starts, e.g. '2026-03-05 14:00'")
    p.add_argument("--place")
    p.add_argument("--minutes", type=int, dest="planned_minutes", help="how long it is planned to last")

    p = add("add-item", cmd_add_item, "add an item to a meeting's agenda; prints its reference (I-7)")
    p.add_argument("meeting", help="the meeting, e.g. M-2")
    p.add_argument("title")
    p.add_argument("--purpose", default="discussion", help="information, discussion, decision or feedback")

    p = add("add-contribution", cmd_add_contribution, "record what someone said on an item; prints its reference (C-4)")
    p.add_argument("item", help="the agenda item, e.g. I-7")
    p.add_argument("person", help="who said it: a name or P-3")
    p.add_argument("text")
    p.add_argument("--kind", default="idea", help="insight, idea, concern, question, suggestion, agreement, ...")

    p = add("record-decision", cmd_record_decision, "record a decision; prints its reference (D-12)")
    p.add_argument("title")
    p.add_argument("--status", default="agreed")
    p.add_argument("--method", default="consensus", help="the decision process: consensus, vote, delegated or deferred")
    p.add_argument("--level", default="collaborate")
    p.add_argument("--item", help="the agenda item it was made on, e.g. I-7")
    p.add_argument("--source", action="append", default=[], metavar="C-N", help="a contribution that shaped it (repeat)")
    p.add_argument("--supersedes", metavar="D-N", help="the decision this one replaces")
    p.add_argument("--on", dest="decided_on", metavar="DATE")

    p = add("add-action", cmd_add_action, "add an action; prints its reference (A-5)")
    p.add_argument("title")
    p.add_argument("--owner", required=True, help="who does it: a name or P-3")
    p.add_argument("--due", dest="due_on", metavar="DATE")
    p.add_argument("--decision", help="the decision it carries out, e.g. D-12")


def _given(**values):
    return {k: v for k, v in values.items() if v is not None}


def cmd_add_person(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        person = svc.add_person(**_given(display_name=a.name, roles=[r.strip() for r in a.roles.split(",") if r.strip()],
                                         consent=a.consent, pronouns=a.pronouns))
    ctx.print(person.ref)
    return 0


def cmd_add_meeting(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.add_meeting(**_given(title=a.title, starts_at=a.at, place=a.place, planned_minutes=a.planned_minutes))
    ctx.print(meeting.ref)
    return 0


def cmd_add_item(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        item = svc.add_item(meeting.id, title=a.title, purpose=a.purpose)
    ctx.print(item.ref)
    return 0


def cmd_add_contribution(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        item = svc.resolve(AgendaItem, a.item)
        person = svc.resolve(Person, a.person)
        contribution = svc.add_contribution(item.id, person.id, a.kind, a.text)
    ctx.print(contribution.ref)
    return 0


def cmd_record_decision(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        values = _given(title=a.title, status=a.status, method=a.method, level=a.level, decided_on=a.decided_on)
        if a.item:
            item = svc.resolve(AgendaItem, a.item)
            values.update(item_id=item.id, meeting_id=item.meeting_id)
        if a.supersedes:
            values["supersedes_id"] = svc.resolve(Decision, a.supersedes).id
        sources = [svc.resolve(Contribution, s).id for s in a.source]
        decision = svc.record_decision(sources=sources, **values)
    ctx.print(decision.ref)
    return 0


def cmd_add_action(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        values = _given(title=a.title, owner_id=svc.resolve(Person, a.owner).id, due_on=a.due_on)
        if a.decision:
            values["decision_id"] = svc.resolve(Decision, a.decision).id
        action = svc.add_action(**values)
    ctx.print(action.ref)
    return 0
