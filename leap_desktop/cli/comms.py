"""Commands for reaching every member: a meeting's invitation (.ics), its papers packs
in the formats members need, the sent log, the papers due list, and the decision log
published as HTML."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.comms import PaperFormat, SentHow
from ..domain.errors import LeapError
from ..domain.model import Meeting, Person
from ..words import day as day_words
from ..words import plural
from .context import add_command
from .documents import add_out_option, out_file, write_document
from .records import table


def register(commands: argparse._SubParsersAction) -> None:
    def add(name: str, handler, help: str, *, json_flag: bool = False) -> argparse.ArgumentParser:
        return add_command(commands, name, handler, help, json_flag=json_flag)

    p = add("invite", cmd_invite, "write a meeting's calendar invitation (.ics), or its cancellation")
    p.add_argument("meeting", help="the meeting, e.g. M-4")
    add_out_option(p, "FILE.ics", "where to write the invitation")

    p = add("papers", cmd_papers, "write a meeting's papers packs, one for each format members need")
    p.add_argument("meeting", help="the meeting, e.g. M-4")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write the packs into")

    add("papers-due", cmd_papers_due, "who needs their papers for the next meeting by when, and who is late",
        json_flag=True).add_argument("--meeting", metavar="MEETING", help="another meeting than the next one")

    p = add("sent", cmd_sent, "record that papers went to a person (or to the whole panel) for a meeting")
    p.add_argument("meeting", help="the meeting, e.g. M-4")
    p.add_argument("person", help="the person, e.g. P-3, or 'panel' for everyone")
    p.add_argument("--what", metavar="TEXT", help="what was sent (default: Papers pack)")
    p.add_argument("--format", dest="paper_format", metavar="FORMAT",
                   help=f"the format ({', '.join(PaperFormat.choices())}; default: the one their needs ask for)")
    p.add_argument("--how", metavar="HOW", help=f"how it was sent ({', '.join(SentHow.choices())})")
    p.add_argument("--on", metavar="DATE", help="when (default: today)")

    p = add("needs", cmd_needs, "show or record a person's communication needs", json_flag=True)
    p.add_argument("person", help="the person, e.g. P-3")
    p.add_argument("--format", dest="paper_format", metavar="FORMAT", help=f"papers as: {', '.join(PaperFormat.choices())}")
    p.add_argument("--size", dest="print_size", metavar="POINTS", help="large print size, 16 to 48")
    p.add_argument("--days-ahead", dest="days_ahead", metavar="DAYS", help="days before the meeting papers are needed")
    p.add_argument("--language", metavar="TEXT", help="their language (recorded and shown)")
    p.add_argument("--contact", dest="contact_by", metavar="HOW", help="email, phone, text, post or supporter")

    p = add("publish", cmd_publish, "publish the decision log as web pages that open offline in any browser")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write the pages into")
    p.add_argument("--anonymised", action="store_true", help="for a website: people by role only, small counts coarse")


def _folder(text: str) -> Path:
    out = Path(text).expanduser()
    if out.exists() and not out.is_dir():
        raise LeapError(f"{out} is a file; give a folder (nothing was written)")
    return out


def cmd_invite(ctx) -> int:
    from ..export import ics

    out = out_file(ctx, ctx.args.out, (".ics",))
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, ctx.args.meeting)
        data = ics.invitation(svc, meeting)
    kind = "cancellation" if meeting.status.value == "cancelled" else "invitation"
    write_document(ctx, out, data, f"Wrote the {kind} for {meeting.ref} (version {meeting.invite_sequence}, {ics.ZONE} time)")
    return 0


def cmd_papers(ctx) -> int:
    from ..export import papers_docx

    out = _folder(ctx.args.out)
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, ctx.args.meeting)
        written = papers_docx.save_packs(svc, meeting, out)
    for path in written:
        ctx.print(str(path))
    ctx.note(f"Wrote {plural(len(written), 'papers pack')} for {meeting.ref} to {out}")
    return 0


def cmd_papers_due(ctx) -> int:
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, ctx.args.meeting) if ctx.args.meeting else None
        due = svc.comms.papers_due(meeting.id if meeting else None)
        lines = [{
            "person": line.person.ref, "name": line.person.display_name,
            "format": line.due.paper_format.value, "format_label": line.due.paper_format.label,
            "print_size": line.due.size if line.due.paper_format is PaperFormat.LARGE_PRINT else None,
            "days_ahead": line.due.days_ahead, "due_on": line.due.due_on, "sent_on": line.due.sent_on,
            "state": line.state.value,
        } for line in due.lines]
    data = {"meeting": due.meeting.ref if due.meeting else None,
            "meeting_day": due.meeting.day if due.meeting else None, "today": due.today,
            "late": sum(1 for x in lines if x["state"] == "late"), "people": lines}

    def render() -> None:
        if due.meeting is None:
            ctx.print("No planned meeting is coming up.")
            return
        ctx.print(f"Papers for {due.meeting.ref} on {day_words(due.meeting.day)}: "
                  f"{plural(len(due.late), 'person', 'people')} late")
        table(ctx, ["STATE", "WHO", "FORMAT", "DUE BY", "SENT"], [
            [x["state"].upper(), f"{x['person']} {x['name']}",
             x["format_label"] + (f" {x['print_size']} pt" if x["print_size"] else ""),
             x["due_on"], x["sent_on"] or "not yet"] for x in lines])

    ctx.emit(data, render)
    return 0


def cmd_sent(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        everyone = a.person.strip().lower() in ("panel", "all", "everyone")
        person = None if everyone else svc.resolve(Person, a.person)
        sent = svc.comms.record_sent(meeting.id, person.id if person else None, what=a.what,
                                     paper_format=a.paper_format, how=a.how, on=a.on)
    whom = f"{person.ref} {person.display_name}" if person else "the whole panel"
    fmt = f" ({sent.paper_format.label.lower()})" if sent.paper_format else ""
    ctx.note(f"Recorded: {sent.what}{fmt} sent to {whom} for {meeting.ref} on {sent.sent_on}")
    return 0


def cmd_needs(ctx) -> int:
    a = ctx.args
    changes = {k: getattr(a, k) for k in ("paper_format", "print_size", "days_ahead", "language", "contact_by")
               if getattr(a, k) is not None}
    with ctx.open() as svc:
        person = svc.resolve(Person, a.person)
        needs = svc.comms.set_needs(person.id, **changes) if changes else svc.comms.needs(person.id)
    data = None if needs is None else {
        "person": person.ref, "paper_format": needs.paper_format.value, "print_size": needs.print_size,
        "days_ahead": needs.days_ahead, "language": needs.language,
        "contact_by": needs.contact_by.value if needs.contact_by else None}
    ctx.emit(data, lambda: ctx.print(f"{person.ref} {person.display_name}: "
                                     + (needs.describe() if needs else "no communication needs recorded (standard print, 7 days ahead)")))
    return 0


def cmd_publish(ctx) -> int:
    from ..export.publish_html import publish

    out = _folder(ctx.args.out)
    with ctx.open() as svc:
        written = publish(svc, out, anonymised=ctx.args.anonymised)
    kind = "anonymised decision log" if ctx.args.anonymised else "decision log"
    ctx.note(f"Published the {kind} ({plural(len(written), 'file')}) in {out}; open {out / 'index.html'} in a browser")
    return 0
