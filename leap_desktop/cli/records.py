"""Commands over the panel record: init, demo, listings, trace, person, import, export, check."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from pathlib import Path
from typing import Any

from ..domain import rules
from ..domain.errors import LeapError, shown
from ..domain.model import Decision, Meeting, Person
from ..domain.vocab import Consent, DecisionStatus, InvolvementLevel
from ..services import DecisionFilter, PanelService
from ..services import interchange
from ..services.comms import first_sent_on
from ..services.demo import build_demo
from ..store.files import same_file, write_atomically
from . import add_command
from .opening import new_panel_file


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


def add_decision_filters(parser: argparse.ArgumentParser) -> None:
    """The decision log's filters, shared by ``leap decisions`` and ``leap export-decisions``."""
    parser.add_argument("--search", metavar="TEXT", default="", help="words to look for")
    parser.add_argument("--status", action="append", default=[], metavar="S",
                        help=f"only this status (repeatable): {', '.join(DecisionStatus.choices())}")
    parser.add_argument("--level", action="append", default=[], metavar="L",
                        help=f"only this involvement level (repeatable): {', '.join(InvolvementLevel.choices())}")
    parser.add_argument("--meeting", metavar="M", help="only decisions made at this meeting")
    parser.add_argument("--person", metavar="P", help="only decisions this person shaped")


def panel_search_text(ctx, svc: PanelService, text: str) -> str:
    """What to search for: the words typed, less the names of people who are not shown
    by name (a match on them would tell which records mention them). Says so when
    that leaves nothing to search for."""
    kept, dropped = svc.redactor().search_words(text)
    if dropped:
        ctx.note("Names of members who are not shown by name are not searched for.")
        if not kept:
            return "…"  # no letters or digits: finds nothing
    return kept


def decision_filter(svc: PanelService, a: argparse.Namespace, ctx=None) -> DecisionFilter:
    text = panel_search_text(ctx, svc, a.search) if ctx is not None and a.search else a.search
    return DecisionFilter(
        text=text,
        statuses=tuple(DecisionStatus.parse(s, "Status").value for s in a.status),
        levels=tuple(InvolvementLevel.parse(level, "Involvement level").value for level in a.level),
        meeting_id=svc.resolve(Meeting, a.meeting).id if a.meeting else None,
        person_id=svc.resolve(Person, a.person).id if a.person else None,
    )


def describe_decision_filter(a: argparse.Namespace, svc: PanelService | None = None, *, anonymised: bool = False) -> str:
    """The filters in words, for the top of an export: with ``svc``, as the panel may
    read them (a person as their consent allows, no hidden name in the search words)."""
    parts = []
    clean = svc.redactor(anonymised=anonymised) if svc is not None else (lambda t: t)
    if a.search:
        words = clean.search_words(a.search)[0] if svc is not None else a.search
        if words:
            parts.append(f"matching '{words}'")
    if a.status:
        parts.append("status " + " or ".join(DecisionStatus.parse(s, "Status").label.lower() for s in a.status))
    if a.level:
        parts.append("involvement " + " or ".join(InvolvementLevel.parse(x, "Involvement level").label.lower() for x in a.level))
    if a.meeting:
        parts.append(f"made at {a.meeting}")
    if a.person:
        who = a.person
        if svc is not None:
            person = svc.resolve(Person, a.person)
            who = rules.attribute(person, anonymised=anonymised)
            if anonymised or person.consent.privacy >= Consent.ROLE_ONLY.privacy:
                who = "a " + who[:1].lower() + who[1:] if person.consent is not Consent.ANONYMOUS else "an anonymous member"
        parts.append(f"shaped by {who}")
    return "decisions " + ", ".join(parts) if parts else ""


def add_action_filters(parser: argparse.ArgumentParser) -> None:
    """The action list's filters, shared by ``leap actions`` and ``leap export-actions``."""
    parser.add_argument("--owner", metavar="PERSON", help="only this person's actions")
    parser.add_argument("--status", action="append", default=[], metavar="S", help="only this status (repeatable)")
    parser.add_argument("--overdue", action="store_true", help="only actions past their due date")


def action_list(svc: PanelService, a: argparse.Namespace):
    owner = svc.resolve(Person, a.owner) if a.owner else None
    return svc.actions(owner_id=owner.id if owner else None, statuses=a.status, overdue=a.overdue)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {shown(text)}") from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError("expected a number of years from 1 to 50")
    return value


# -- output helpers -------------------------------------------------------------------------


def _width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def table(ctx, headers: list[str], rows: list[list[Any]]) -> None:
    """A plain text table; the last column takes the remaining width."""
    if not rows:
        ctx.print("(none)")
        return
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, min(widths[-1], _width() - fixed))

    def line(values: list[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            if i == len(values) - 1:
                parts.append(v if len(v) <= widths[i] else v[: widths[i] - 1] + "…")
            else:
                parts.append(v.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    ctx.print(line(headers))
    for row in cells:
        ctx.print(line(row))


def wrap(ctx, text: str, indent: str = "  ") -> None:
    for paragraph in str(text).splitlines() or [""]:
        ctx.print(textwrap.fill(paragraph, width=_width(), initial_indent=indent, subsequent_indent=indent))


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
        counts = build_demo(svc.store, years=ctx.args.years)
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
        sent = {m.id: first_sent_on(svc.store, m.id) for m in meetings}
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
        people = {p.id: p for p in svc.store.find(Person, include_deleted=True)}
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


def cmd_trace(ctx) -> int:
    with ctx.open() as svc:
        decision = svc.resolve(Decision, ctx.args.decision)
        trace = svc.trace(decision.id)
    ctx.emit(trace.as_json(), lambda: render_trace(ctx, trace))
    return 0


def render_trace(ctx, trace) -> None:
    d = trace.decision
    ctx.print(f"{d.ref}  {d.title}")
    facts = [f"Status: {d.status.label}"]
    if d.method:
        method = d.method.label
        if d.votes:
            method += " ({} for, {} against, {} abstaining)".format(*d.votes)
        facts.append(f"Method: {method}")
    facts.append(f"Involvement: {d.level.label} (rung {d.level.rung} of 5)")
    ctx.print(" | ".join(facts))
    if trace.meeting:
        where = f"Made at {trace.meeting.ref} ({trace.meeting.title}, {trace.meeting.day})"
        if trace.item:
            where += f", on the item '{trace.item.title}'"
        ctx.print(where)
    if d.status_note:
        ctx.print(f"Status note: {d.status_note}")
    for label, text in (("Plain-language summary", d.summary), ("Decision", d.text), ("Rationale", d.rationale)):
        if text:
            ctx.print(f"{label}:")
            wrap(ctx, text)
    ctx.print()
    ctx.print(f"Co-producers ({len(trace.coproducers)}):")
    if not trace.coproducers:
        ctx.print("  (none recorded)")
    for c in trace.coproducers:
        roles = rules.roles_label(c.voice.roles) if c.voice.roles else ""
        roles = f" ({roles})" if roles and roles.casefold() != c.voice.label.casefold() else ""
        ctx.print(f"  {c.voice.label}{roles}")
        if c.named_directly:
            wrap(ctx, f"named directly{': ' + c.direct_note if c.direct_note else ''}", "      ")
        for s in c.contributions:
            note = f" [{s.note}]" if s.note else ""
            wrap(ctx, f"{s.contribution.ref} {s.contribution.kind.label.lower()}: \"{s.contribution.text}\"{note}", "      ")
    ctx.print()
    ctx.print(f"Share of sources by role: {trace.source_balance.describe()}")
    if trace.older:
        ctx.print("Replaces: " + ", ".join(f"{o.ref} ({o.title})" for o in trace.older))
    if trace.newer:
        ctx.print("Replaced by: " + ", ".join(f"{n.ref} ({n.title})" for n in trace.newer))
    if trace.dissent:
        ctx.print("Recorded dissent:")
        for voice, text in trace.dissent:
            wrap(ctx, f"{voice.label if voice else 'Unattributed'}: \"{text}\"", "  ")
    ctx.print(f"Actions ({len(trace.actions)}):")
    if not trace.actions:
        ctx.print("  (none)")
    for a in trace.actions:
        line = f"{a.ref} [{a.status.label}] {a.title} (owner: {trace.owners[a.id].label}, due {a.due_on or 'no date'})"
        wrap(ctx, line, "  ")
        if a.outcome:
            wrap(ctx, f"Outcome: {a.outcome}", "      ")


def cmd_actions(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        actions = action_list(svc, a)
        people = {p.id: p for p in svc.store.find(Person, include_deleted=True)}
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
            shaped = f" -> shaped {', '.join(d.ref for d in s.decisions)}" if s.decisions else ""
            c = s.row.contribution
            wrap(ctx, f"{c.ref} {s.row.meeting_day} {c.kind.label.lower()}: \"{c.text}\"{shaped}", "  ")
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


def cmd_import(ctx) -> int:
    source = Path(ctx.args.file).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LeapError(f"There is no file at {source}") from None
    except UnicodeDecodeError:
        raise LeapError(f"{source} is not a text (UTF-8 JSON) file") from None
    except OSError as exc:
        raise LeapError(f"Cannot read {source}: {exc.strerror}") from None
    document = interchange.loads(text)
    interchange.read_document(document)  # refuse a bad document before any file or key is made
    with new_panel_file(ctx, "an import") as svc:
        count = interchange.import_document(svc.store, document, summary=f"Import {source.name}")
    ctx.note(f"Imported {count:,} records from {source} into {ctx.db_path}")
    return 0


def cmd_export(ctx) -> int:
    if ctx.args.out:
        out = Path(ctx.args.out).expanduser()
        if same_file(out, ctx.db_path):
            raise LeapError(f"{out} is the panel file itself: choose another file for the export (nothing was written)")
    with ctx.open() as svc:
        text = interchange.dumps(interchange.export_document(svc.store))
    if ctx.args.out:
        out = Path(ctx.args.out).expanduser()
        write_atomically(out, text.encode("utf-8"))
        ctx.note(f"Wrote the panel to {out}")
    else:
        ctx.out.write(text)
    return 0


def cmd_check(ctx) -> int:
    with ctx.open() as svc:
        if ctx.args.accept_older_copy:
            svc.store.accept_as_it_is()
            ctx.note(f"From now on, {svc.path.name}'s audit trail is compared with where it ends today.")
        problems = svc.check()
    ctx.emit(
        {"ok": not problems, "problems": [{"where": p.where, "problem": p.message} for p in problems]},
        lambda: _render_check(ctx, problems),
    )
    return 1 if problems else 0


def _render_check(ctx, problems) -> None:
    if not problems:
        ctx.print("All good: the file is intact, the audit trail is unbroken, and every record matches it.")
        return
    ctx.print(f"Found {len(problems)} problem(s); the first is the earliest break:")
    for problem in problems[:20]:
        ctx.print(f"  {problem}")
    if len(problems) > 20:
        ctx.print(f"  ... and {len(problems) - 20} more")
