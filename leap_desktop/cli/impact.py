"""Commands for the impact log (issue 13): the log in two voices, research stages,
"was it taken up?", and each member's "What your input changed"."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..domain.errors import LeapError
from ..domain.impact_vocab import ImpactOutcome, Standard, Uptake, VoiceKind
from ..domain.model import Meeting, Person
from ..export import feedback_docx, impact_log
from ..services import feedback
from ..services.files import write_atomically
from ..services.impact_stages import StageUses
from ..services.impact_view import build_log
from ..words import plural
from .context import add_command
from .documents import add_out_option, out_file, refuse_existing, write_document
from .records import table, wrap

_ENTRY_OPTIONS = (
    # option, field, help
    ("--meeting", "meeting", "the meeting it happened at, e.g. M-3"),
    ("--item", "item", "the agenda item, e.g. I-12 (sets the meeting too)"),
    ("--on", "activity_on", "the date of the activity (default: the meeting's)"),
    ("--how", "how_contributed", "how members contributed"),
    ("--hoped", "hoped_to_influence", "what they hoped to influence"),
    ("--outcome", "outcome", f"what changed: {', '.join(ImpactOutcome.choices())}"),
    ("--changed", "what_changed", "what changed, in words"),
    ("--reason", "outcome_reason", "the reason (needed for adapted and not adopted)"),
    ("--matters", "why_it_matters", "why it matters"),
    ("--stage", "stage", "the research stage, e.g. design"),
)


def register(commands: argparse._SubParsersAction) -> None:
    def add(name: str, handler, help: str, *, json_flag: bool = False) -> argparse.ArgumentParser:
        return add_command(commands, name, handler, help, json_flag=json_flag)

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--standard", metavar="NAME", help=f"only one UK Standard ({', '.join(Standard.choices())})")
        p.add_argument("--stage", metavar="NAME", help="only one research stage")
        p.add_argument("--outcome", metavar="WHAT", help=f"only one outcome ({', '.join(ImpactOutcome.choices())})")

    p = add("impact", cmd_impact, "list the impact log, with whose view is missing", json_flag=True)
    filters(p)

    p = add("impact-log", cmd_impact_log, "write the impact log (PIRIT's columns, both voices) as Word or CSV")
    add_out_option(p, "FILE", "FILE.docx or FILE.csv")
    p.add_argument("--anonymised", action="store_true", help="for publication: people by role only")
    filters(p)

    p = add("feedback", cmd_feedback, "write 'What your input changed' for a member (or everyone present at a meeting)")
    p.add_argument("person", nargs="?", help="the member, e.g. P-3 or amira")
    p.add_argument("--all", metavar="MEETING", help="one document for each person present at this meeting, e.g. M-12")
    p.add_argument("--from", dest="since", metavar="DATE", help="from this date (default: the beginning)")
    p.add_argument("--to", dest="until", metavar="DATE", help="up to this date (default: today)")
    add_out_option(p, "FILE.docx|DIR", "the file (with --all: a folder)")
    p.add_argument("--large-print", action="store_true", help="16 point and larger, 1.5 line spacing")

    p = add("add-impact", cmd_add_impact, "add an entry to the impact log")
    p.add_argument("title", help="the activity: what the panel was asked")
    _entry_options(p)

    p = add("draft-impact", cmd_draft_impact, "draft an impact log entry from a decision's record, to edit")
    p.add_argument("decision", help="a decision with sources, e.g. D-4")

    p = add("edit-impact", cmd_edit_impact, "change an impact log entry")
    p.add_argument("entry", help="the entry, e.g. E-2")
    p.add_argument("--title", help="the activity: what the panel was asked")
    _entry_options(p)
    p.add_argument("--unlink", action="append", default=[], metavar="REF", help="remove a linked record")

    p = add("add-view", cmd_add_view, "add the researcher's view or a public contributor's view to an entry")
    p.add_argument("entry", help="the entry, e.g. E-2")
    p.add_argument("kind", choices=VoiceKind.choices(), help="whose view: researcher or public")
    p.add_argument("person", help="who wrote it, e.g. P-5 or ellie")
    p.add_argument("text", help="the view, in their words")
    p.add_argument("--on", metavar="DATE", help="when it was written (default: today)")

    p = add("remove-impact", cmd_remove_impact, "delete an impact log entry, with its views and links")
    p.add_argument("entry", help="the entry, e.g. E-2")

    p = add("remove-view", cmd_remove_view, "delete the researcher's or a public contributor's view from an entry")
    p.add_argument("entry", help="the entry, e.g. E-2")
    p.add_argument("kind", choices=VoiceKind.choices(), help="whose view: researcher or public")
    p.add_argument("person", help="who wrote it, e.g. P-5 or ellie")
    p.add_argument("--on", metavar="DATE", help="the day it was written, if they wrote more than one")

    p = add("stages", cmd_stages, "list the research stages and what uses each", json_flag=True)
    p = add("add-stage", cmd_add_stage, "add a research stage to the list")
    p.add_argument("name")
    p = add("rename-stage", cmd_rename_stage, "rename a research stage")
    p.add_argument("stage")
    p.add_argument("name")
    p = add("remove-stage", cmd_remove_stage, "take an unused research stage off the list")
    p.add_argument("stage")
    p = add("move-stage", cmd_move_stage, "move a research stage to another place in the list")
    p.add_argument("stage")
    p.add_argument("position", help="its new place: 1 is the first")
    p = add("set-stage", cmd_set_stage, "set the research stage of an agenda item or a decision")
    p.add_argument("ref", help="the item or decision, e.g. I-12 or D-4")
    p.add_argument("stage", help="the stage, e.g. design (or 'none' to clear it)")

    p = add("mark-uptake", cmd_mark_uptake, "record whether a contribution was noted or not taken up (and why)")
    p.add_argument("contribution", help="the contribution, e.g. C-40")
    p.add_argument("status", help="noted, not-taken-up, or unknown (to clear)")
    p.add_argument("--reason", help="why it was not taken up (needed for not-taken-up)")


def _entry_options(p: argparse.ArgumentParser) -> None:
    for option, _, text in _ENTRY_OPTIONS:
        p.add_argument(option, help=text)
    p.add_argument("--standards", metavar="LIST", help=f"UK Standards, comma-separated ({', '.join(Standard.choices())})")
    p.add_argument("--link", action="append", default=[], metavar="REF", help="a contribution, decision or action (repeatable)")


def _entry_values(svc, a) -> dict:
    values = {}
    for option, name, _ in _ENTRY_OPTIONS:
        value = getattr(a, option[2:], None)
        if value is None:
            continue
        if name == "meeting":
            values["meeting_id"] = svc.resolve(Meeting, value).id
        elif name == "item":
            from ..domain.model import AgendaItem

            values["item_id"] = svc.resolve(AgendaItem, value).id
        else:
            values[name] = value
    if getattr(a, "title", None) is not None:
        values["title"] = a.title
    if a.standards is not None:
        values["standards"] = a.standards
    return values


def _filters_text(a) -> str:
    parts = [f"{k} {v}" for k, v in (("UK Standard", a.standard), ("stage", a.stage), ("outcome", a.outcome)) if v]
    return ", ".join(parts)


def cmd_impact(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        log = build_log(svc, svc.impact.entries(standard=a.standard, stage=a.stage, outcome=a.outcome))
        counts = svc.impact.counts()
    data = {"entries": [e.as_json() for e in log],
            "uptake": {"shaped": counts.shaped, "noted": counts.noted, "not_taken_up": counts.not_taken_up,
                       "not_recorded": counts.unknown}}

    def render() -> None:
        table(ctx, ["REF", "DATE", "OUTCOME", "STAGE", "VIEWS", "ACTIVITY"],
              [[e.ref, e.entry.activity_on or "", e.outcome, e.stage or "",
                _views(e), e.activity.replace("\n", " ")] for e in log])
        missing = [e for e in log if e.missing]
        for e in missing:
            ctx.print(f"{e.ref}: {e.missing}")
        ctx.print(f"Contributions: {counts.shaped} shaped a decision, {counts.noted} noted, "
                  f"{counts.not_taken_up} not taken up, {counts.unknown} not recorded yet")

    ctx.emit(data, render)
    return 0


def _views(e) -> str:
    return f"R{len(e.researcher)} P{len(e.public)}"


def cmd_impact_log(ctx) -> int:
    a = ctx.args
    out = out_file(ctx, a.out, (".docx", ".csv"))
    with ctx.open() as svc:
        log = build_log(svc, svc.impact.entries(standard=a.standard, stage=a.stage, outcome=a.outcome),
                        anonymised=a.anonymised)
        if out.suffix.lower() == ".csv":
            data = impact_log.log_csv(log)
        else:
            panel = svc.panel()
            name = svc.redactor(anonymised=a.anonymised)(panel.name) if panel else "Panel"
            from ..words import long_date

            data = impact_log.log_docx(log, panel_name=name or "Panel", filters=_filters_text(a),
                                       produced=long_date(svc.today()) or svc.today(), now=svc.clock())
    write_document(ctx, out, data, f"Wrote {plural(len(log), 'impact log entry', 'impact log entries')}")
    return 0


_SAFE = re.compile(r"[^A-Za-z0-9-]+")


def feedback_file_name(meeting: Meeting, person: Person) -> str:
    """A file name from references only (never a name: someone who chose to stay
    anonymous must not be named by a file), e.g. ``feedback-M-12-P-3.docx``."""
    return _SAFE.sub("", f"feedback-{meeting.ref}-{person.ref}") + ".docx"


def cmd_feedback(ctx) -> int:
    a = ctx.args
    if bool(a.person) == bool(a.all):
        raise LeapError("Say whose feedback (PERSON), or --all MEETING for everyone present at a meeting")
    if a.all:
        if a.since or a.until:
            raise LeapError("--from and --to go with one person; --all MEETING covers that meeting")
        folder = Path(a.out).expanduser()
        if folder.exists() and not folder.is_dir():
            raise LeapError(f"{folder} is a file; with --all, --out is a folder")
        with ctx.open() as svc:
            meeting = svc.resolve(Meeting, a.all)
            made = feedback.for_meeting(svc, meeting)
            files = [(feedback_file_name(meeting, p), feedback_docx.render(fb, large_print=a.large_print,
                                                                           now=svc.clock())) for p, fb in made]
        refuse_existing(ctx, [folder / name for name, _ in files])
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name, data in files:
            write_atomically(folder / name, data)
        ctx.note(f"Wrote {plural(len(files), 'feedback document')} for {meeting.ref} to {folder}")
        return 0
    out = out_file(ctx, a.out, (".docx",))
    with ctx.open() as svc:
        person = svc.resolve(Person, a.person)
        fb = feedback.build_feedback(svc, person, since=a.since, until=a.until)
        data = feedback_docx.render(fb, large_print=a.large_print, now=svc.clock())
    write_document(ctx, out, data, f"Wrote 'What your input changed' for {person.ref} "
                                   f"({plural(len(fb.said), 'contribution')}, {plural(len(fb.decisions), 'decision')} shaped)")
    return 0


def cmd_add_impact(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        values = _entry_values(svc, a)
        stage = values.pop("stage", None)
        entry = svc.impact.add_entry(links=a.link, stage=stage, **values)
    ctx.note(f"Added {entry.ref} to the impact log")
    return 0


def cmd_draft_impact(ctx) -> int:
    with ctx.open() as svc:
        entry = svc.impact.add_draft(ctx.args.decision)
        (view,) = build_log(svc, [entry])
    ctx.print(f"{view.ref}: {view.activity}")
    wrap(ctx, f"How members contributed: {view.how_contributed}")
    wrap(ctx, f"What changed ({view.outcome}): {view.what_changed}")
    ctx.note(f"Drafted {entry.ref} from {ctx.args.decision.strip()}: only text already in the record. "
             f"Edit it with 'leap edit-impact {entry.ref}', and add both views with 'leap add-view'")
    return 0


def cmd_edit_impact(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        values = _entry_values(svc, a)
        stage = values.pop("stage", None)
        entry = svc.impact.entry(a.entry)
        if values or stage is not None:
            entry = svc.impact.edit_entry(entry.ref, stage=stage, **values)
        for ref in a.link:
            svc.impact.link(entry.ref, ref)
        for ref in a.unlink:
            svc.impact.unlink(entry.ref, ref)
    ctx.note(f"{entry.ref} saved")
    return 0


def cmd_add_view(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        voice = svc.impact.add_voice(a.entry, a.kind, a.person, a.text, written_on=a.on)
        entry = svc.impact.entry(a.entry)
        (view,) = build_log(svc, [entry])
    ctx.note(f"Added the {voice.kind.label.lower()} to {entry.ref}" + (f". {view.missing}" if view.missing else ""))
    return 0


def cmd_remove_impact(ctx) -> int:
    with ctx.open() as svc:
        entry = svc.impact.entry(ctx.args.entry)
        views, links = len(svc.impact.voices(entry)), len(svc.impact.links(entry))
        svc.impact.remove_entry(entry.ref)
    ctx.note(f"Deleted {entry.ref} from the impact log, with {plural(views, 'view')} and {plural(links, 'link')}; "
             "the contributions, decisions and actions it linked to stay")
    return 0


def cmd_remove_view(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        voice = svc.impact.find_voice(a.entry, a.kind, a.person, written_on=a.on)
        svc.impact.remove_voice(voice.id)
        entry = svc.impact.entry(a.entry)
        (view,) = build_log(svc, [entry])
    ctx.note(f"Deleted the {voice.kind.label.lower()} from {entry.ref}" + (f". {view.missing}" if view.missing else ""))
    return 0


def cmd_stages(ctx) -> int:
    with ctx.open() as svc:
        stages = svc.impact.stages()
        uses = svc.impact.stage_uses()
    rows = [(s, uses.get(s.id) or StageUses()) for s in stages]
    ctx.emit([{"position": s.position, "name": s.name, "used_by": u.all_refs()} for s, u in rows],
             lambda: table(ctx, ["#", "RESEARCH STAGE", "USED BY"], [[s.position, s.name, u.summary()] for s, u in rows]))
    return 0


def cmd_add_stage(ctx) -> int:
    with ctx.open() as svc:
        stage = svc.impact.add_stage(ctx.args.name)
    ctx.note(f"Added the research stage {stage.name} ({stage.position})")
    return 0


def cmd_rename_stage(ctx) -> int:
    with ctx.open() as svc:
        stage = svc.impact.rename_stage(ctx.args.stage, ctx.args.name)
    ctx.note(f"Research stage {stage.position} is now called {stage.name}")
    return 0


def cmd_remove_stage(ctx) -> int:
    with ctx.open() as svc:
        stage = svc.impact.remove_stage(ctx.args.stage)
    ctx.note(f"Took {stage.name} off the list of research stages")
    return 0


def cmd_move_stage(ctx) -> int:
    with ctx.open() as svc:
        stage = svc.impact.move_stage(ctx.args.stage, ctx.args.position)
        count = len(svc.impact.stages())
    ctx.note(f"{stage.name} is now research stage {stage.position} of {count}")
    return 0


def cmd_set_stage(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        mark = svc.impact.set_stage(a.ref, a.stage)
        name = svc.impact.find_stage(a.stage).name if mark else None
    ctx.note(f"{a.ref.strip().upper()}: research stage {name}" if name else f"{a.ref.strip().upper()}: research stage cleared")
    return 0


def cmd_mark_uptake(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        mark = svc.impact.mark_uptake(a.contribution, a.status, a.reason)
    status = Uptake.parse(a.status, "Was it taken up")
    ctx.note(f"{a.contribution.strip().upper()}: {mark.status.label.lower()}" + (f" ({mark.reason})" if mark.reason else "")
             if mark else f"{a.contribution.strip().upper()}: {status.label.lower()}")
    return 0
