"""Commands over the panel record: init, demo and the listings (people, meetings, agenda,
decisions, actions, person, search); ``register`` adds them all, with trace (cli/trace.py)
and import, export, check (cli/files.py)."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import rules
from ..domain.errors import shown
from ..domain.model import Meeting, Person
from ..domain.vocab import Consent
from ..services.demo import build_demo_in
from .context import add_command
from .files import cmd_check, cmd_export, cmd_import
from .filters import action_list, add_action_filters, add_decision_filters, decision_filter, panel_search_text
from .opening import new_panel_file
from .output import table, wrap
from .trace import cmd_trace


def register(commands: argparse._SubParsersAction) -> None:
    def add(name: str, handler, help: str, *, json_flag: bool = False) -> argparse.ArgumentParser:
        return add_command(commands, name, handler, help, json_flag=json_flag)

    p = add("init", cmd_init, "create a new, empty panel file")
    p.add_argument("--name", default="Our LEAP", help="the panel's name")
    p.add_argument("--purpose", help="what the panel is for")
    p.add_argument("--advises", help="the study or service the panel advises")

    p = add("demo", cmd_demo, "create the demo panel (a year of meetings) in a new panel file")
    p.add_argument("--years", type=_positive_int, default=1, help="years of history (10 = the size used for speed checks)")

    add("people", cmd_people, "list the people on the panel", json_flag=True)
    add("meetings", cmd_meetings, "list the meetings", json_flag=True)

    p = add("agenda", cmd_agenda, "show a meeting's agenda", json_flag=True)
    p.add_argument("meeting", help="the meeting, e.g. M-3")

    p = add("decisions", cmd_decisions, "list the decision log", json_flag=True)
    add_decision_filters(p)

    p = add("trace", cmd_trace, "show who shaped a decision, and what came of it", json_flag=True)
    p.add_argument("decision", help="the decision, e.g. D-12")

    p = add("actions", cmd_actions, "list actions", json_flag=True)
    add_action_filters(p)

    p = add("person", cmd_person, "what a person contributed and which decisions it shaped", json_flag=True)
    p.add_argument("person", help="a name, or a reference like P-3")

    p = add("search", cmd_search, "search contributions, decisions and actions", json_flag=True)
    p.add_argument("text", help="words to look for (put -- first for words that start with '-': leap search -- -payment)")
    p.usage_hint = "to search for words that start with '-', put -- before them: leap search -- -payment"

    p = add("import", cmd_import, "read a panel document (JSON) into a new, empty panel file")
    p.add_argument("file", help="the JSON file to read")

    p = add("export", cmd_export, "write the whole panel as a JSON document")
    p.add_argument("--out", metavar="FILE", help="where to write it (default: standard output)")

    p = add("check", cmd_check, "verify the panel file, its audit trail and every record", json_flag=True)
    p.add_argument("--accept-older-copy", action="store_true",
                   help="an older copy of the file was put in its place on purpose: compare with it from now on")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {shown(text)}") from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError("expected a number of years from 1 to 50")
    return value


def _person_json(p: Person) -> dict[str, Any]:
    return {
        "ref": p.ref,
        "id": p.id,
        "name": p.display_name,
        "preferred_name": p.preferred_name,
        "pronouns": p.pronouns,
        "roles": [r.value for r in p.roles],
        "consent": p.consent.value,
        "access_needs": p.access_needs,
        "payment": p.payment.value if p.payment else None,
        "active_from": p.active_from,
        "active_to": p.active_to,
    }


# -- commands -------------------------------------------------------------------------------


def cmd_init(ctx) -> int:
    with new_panel_file(ctx, "a new panel") as svc:
        svc.set_panel(name=ctx.args.name, purpose=ctx.args.purpose, advises=ctx.args.advises)
    ctx.note(f"Created the panel file {ctx.db_path}")
    return 0


def cmd_demo(ctx) -> int:
    with new_panel_file(ctx, "the demo panel") as svc:
        counts = build_demo_in(svc, years=ctx.args.years)
    summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
    ctx.note(f"Created the demo panel in {ctx.db_path}: {summary}")
    return 0


def cmd_people(ctx) -> int:
    with ctx.open() as svc:
        people = svc.people()
        today = svc.today()
    ctx.emit(
        [_person_json(p) for p in people],
        lambda: table(
            ctx,
            ["REF", "NAME", "ROLES", "CONSENT", "STATUS", "ACCESS NEEDS"],
            [
                [
                    p.ref,
                    p.display_name,
                    ", ".join(r.label for r in p.roles),
                    p.consent.label,
                    "active" if p.active_on(today) else f"left {p.active_to}" if p.active_to else "not yet active",
                    p.access_needs or "",
                ]
                for p in people
            ],
        ),
    )
    return 0


def cmd_meetings(ctx) -> int:
    with ctx.open() as svc:
        meetings = svc.meetings()
        clean = svc.redactor()
        first_sent = svc.comms.first_sent_by_meeting()
        sent = {m.id: first_sent.get(m.id) for m in meetings}
    ctx.emit(
        [
            {
                "ref": m.ref, "id": m.id, "title": clean(m.title), "starts_at": m.starts_at,
                "planned_minutes": m.planned_minutes, "place": clean(m.place),
                "papers_sent_on": sent[m.id], "status": m.status.value,
            }
            for m in meetings
        ],
        lambda: table(
            ctx,
            ["REF", "DATE", "STATUS", "PAPERS SENT", "TITLE"],
            [[m.ref, m.starts_at.replace("T", " "), m.status.label, sent[m.id] or "not yet", clean(m.title)] for m in meetings],
        ),
    )
    return 0


def cmd_agenda(ctx) -> int:
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, ctx.args.meeting)
        items = svc.agenda(meeting.id)
        people = svc.people_by_id()
        timing = svc.agenda_timing(meeting.id)
        counts = {i.id: len(svc.contributions(i.id)) for i in items}
        clean = svc.redactor()

    def presenter(item):
        # Someone anonymous is not shown as presenter: being seen to present would tie
        # them to the anonymous label on what they said (docs/minutes.md).
        person = people.get(item.presenter_id) if item.presenter_id else None
        if person is None or person.consent is Consent.ANONYMOUS:
            return None
        return rules.attribute(person)

    def render() -> None:
        ctx.print(f"{meeting.ref}  {clean(meeting.title)}  ({meeting.starts_at.replace('T', ' ')}, {meeting.status.label.lower()})")
        table(
            ctx,
            ["#", "REF", "PURPOSE", "MINUTES", "STATE", "SAID", "TITLE"],
            [
                [i.position, i.ref, i.purpose.label, i.allotted_minutes if i.allotted_minutes is not None else "-",
                 i.state.label, counts[i.id], clean(i.title) + (f" (presenter: {presenter(i)})" if presenter(i) else "")]
                for i in items
            ],
        )
        ctx.print(timing.describe())

    ctx.emit(
        {
            "meeting": meeting.ref,
            "title": clean(meeting.title),
            "items": [
                {
                    "ref": i.ref, "id": i.id, "position": i.position, "title": clean(i.title), "purpose": i.purpose.value,
                    "presenter": presenter(i), "allotted_minutes": i.allotted_minutes, "state": i.state.value,
                    "contributions": counts[i.id], "notes": clean(i.notes),
                }
                for i in items
            ],
            "allotted_minutes": timing.total,
            "planned_minutes": timing.planned,
            "over_by": timing.over_by,
        },
        render,
    )
    return 0


def cmd_decisions(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        rows = svc.decision_log(decision_filter(svc, a, ctx))
        clean = svc.redactor()
    ctx.emit(
        [
            {
                "ref": r.decision.ref, "id": r.decision.id, "title": clean(r.decision.title),
                "status": r.decision.status.value, "involvement_level": r.decision.level.value,
                "method": r.decision.method.value if r.decision.method else None,
                "decided_on": r.decision.decided_on, "meeting": f"M-{r.meeting_number}" if r.meeting_number else None,
                "sources": r.source_count, "open_actions": r.open_actions,
                "summary": clean(r.decision.summary),
            }
            for r in rows
        ],
        lambda: table(
            ctx,
            ["REF", "DATE", "STATUS", "INVOLVEMENT", "SOURCES", "TITLE"],
            [
                [r.decision.ref, r.decision.decided_on or r.meeting_day or "", r.decision.status.label,
                 r.decision.level.label, r.source_count, clean(r.decision.title)]
                for r in rows
            ],
        ),
    )
    return 0


def cmd_actions(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        actions = action_list(svc, a)
        people = svc.people_by_id()
        today = svc.today()
        clean = svc.redactor()

    def owner_name(action) -> str:
        return rules.attribute(people[action.owner_id])

    ctx.emit(
        [
            {
                "ref": x.ref, "id": x.id, "title": clean(x.title), "owner": owner_name(x), "due_on": x.due_on,
                "status": x.status.value, "overdue": x.is_overdue(today), "outcome": clean(x.outcome),
                "closed_on": x.closed_on,
            }
            for x in actions
        ],
        lambda: table(
            ctx,
            ["REF", "DUE", "STATUS", "OWNER", "WHAT"],
            [
                [x.ref, (x.due_on or "-") + (" OVERDUE" if x.is_overdue(today) else ""), x.status.label, owner_name(x), clean(x.title)]
                for x in actions
            ],
        ),
    )
    return 0


def cmd_person(ctx) -> int:
    with ctx.open() as svc:
        person = svc.resolve(Person, ctx.args.person)
        history = svc.person_history(person.id)

    def render() -> None:
        p = history.person
        ctx.print(f"{p.ref}  {p.display_name}  ({rules.roles_label(p.roles)}; attribution: {p.consent.label.lower()})")
        ctx.print(f"Meetings attended: {history.meetings_attended}; hours: {history.hours:g}")
        ctx.print(f"Contributions ({len(history.contributions)}):")
        for s in history.contributions:
            taken = f" -> {s.taken_up[0].lower()}{s.taken_up[1:]}" if s.uptake or s.decisions else ""
            c = s.row.contribution
            wrap(ctx, f"{c.ref} {s.row.meeting_day} {c.kind.label.lower()}: \"{c.text}\"{taken}", "  ")
        ctx.print(f"Decisions they shaped ({len(history.decisions)}):")
        for d in history.decisions:
            ctx.print(f"  {d.ref} [{d.status.label}] {d.title}")
        ctx.print(f"Actions they own ({len(history.actions)}):")
        for a in history.actions:
            ctx.print(f"  {a.ref} [{a.status.label}] {a.title}")

    ctx.emit(history.as_json(), render)
    return 0


def cmd_search(ctx) -> int:
    with ctx.open() as svc:
        hits = svc.search(panel_search_text(ctx, svc, ctx.args.text))
        clean = svc.redactor()
    ctx.emit(
        [{"kind": h.kind, "ref": h.ref, "id": h.record_id, "snippet": clean(h.snippet)} for h in hits],
        lambda: table(ctx, ["REF", "KIND", "MATCH"], [[h.ref, h.kind, clean(h.snippet)] for h in hits]),
    )
    return 0


