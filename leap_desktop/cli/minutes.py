"""Commands for minutes: export them to Word, take reviewers' comments back, circulate,
approve and amend them; export the decision log and the action list."""

from __future__ import annotations

import argparse

from ..domain.errors import LeapError, shown
from ..domain.model import Meeting
from ..export import csv_export, decisions_docx, minutes_docx, review_docx
from ..services import approval, minutes, reviews
from ..words import plural
from .context import add_command
from .documents import add_out_option, out_file, write_document
from .filters import action_list, add_action_filters, add_decision_filters, decision_filter, describe_decision_filter
from .output import table, wrap


def register(commands: argparse._SubParsersAction) -> None:
    def add(name: str, handler, help: str, *, json_flag: bool = False) -> argparse.ArgumentParser:
        return add_command(commands, name, handler, help, json_flag=json_flag)

    p = add("export-minutes", cmd_export_minutes, "write a meeting's minutes as a Word document")
    p.add_argument("meeting", help="the meeting, e.g. M-3")
    add_out_option(p, "FILE.docx", "where to write the minutes")
    p.add_argument("--anonymised", action="store_true", help="for publication: no names or initials anywhere, roles kept")
    p.add_argument("--version", type=int, metavar="N", help="an earlier approved version (default: the current one)")

    p = add("export-decisions", cmd_export_decisions, "write the decision log as a Word document or CSV")
    add_out_option(p, "FILE", "FILE.docx or FILE.csv")
    p.add_argument("--anonymised", action="store_true", help="people by role only")
    add_decision_filters(p)

    p = add("export-actions", cmd_export_actions, "write the action list as CSV")
    add_out_option(p, "FILE.csv", "where to write it")
    p.add_argument("--anonymised", action="store_true", help="owners by role only")
    add_action_filters(p)

    p = add("import-review", cmd_import_review, "read reviewers' comments from returned minutes (.docx)")
    p.add_argument("meeting", help="the meeting whose minutes these are, e.g. M-3")
    p.add_argument("file", help="the Word file with comments")

    p = add("reviews", cmd_reviews, "list reviewers' comments on a meeting's minutes", json_flag=True)
    p.add_argument("meeting", help="the meeting, e.g. M-3")

    p = add("accept-review", cmd_accept_review, "accept a comment by amending the record")
    p.add_argument("review", help="the comment, e.g. R-2")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", required=True,
                   help="the change to make (repeatable), e.g. --set summary='...'")
    p.add_argument("--on", metavar="REF", help="what to amend, if not what the comment is on (e.g. C-40)")
    p.add_argument("--note", metavar="TEXT", help="what to tell the reviewer")

    p = add("answer-review", cmd_answer_review, "answer a comment without changing the record")
    p.add_argument("review", help="the comment, e.g. R-2")
    p.add_argument("text", help="the answer")

    p = add("circulate", cmd_circulate, "record that the draft minutes were sent to the panel")
    p.add_argument("meeting", help="the meeting, e.g. M-3")
    p.add_argument("--to", metavar="WHOM", help=f"who they were sent to (default: {approval.DEFAULT_AUDIENCE})")
    p.add_argument("--on", metavar="DATE", help="when (default: today)")

    p = add("approve", cmd_approve, "record that a later meeting approved the minutes")
    p.add_argument("meeting", help="the meeting whose minutes were approved, e.g. M-3")
    p.add_argument("--at", required=True, metavar="MEETING", help="the meeting that approved them, e.g. M-4")

    p = add("amend-minutes", cmd_amend, "start a new version of approved minutes (the approved one is kept)")
    p.add_argument("meeting", help="the meeting, e.g. M-3")
    p.add_argument("--reason", required=True, help="why they are being amended")


def cmd_export_minutes(ctx) -> int:
    a = ctx.args
    out = out_file(ctx, a.out, (".docx",))
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        built = minutes.build_minutes(svc, meeting, anonymised=a.anonymised, version=a.version)
        data = minutes_docx.render(built, now=svc.clock())
        unchecked = "" if a.version is not None else svc.names.note(meeting.id, anonymised=a.anonymised)
        kind = "anonymised minutes" if a.anonymised else "minutes"
        write_document(ctx, out, data, f"Wrote the {kind} of {meeting.ref} (version {built.version}, "
                                       f"{built.status.label.lower()})")
        if a.version is None:
            approval.exported(svc, meeting.id)  # a held meeting's minutes are now in draft
    if unchecked:
        ctx.note(f"{unchecked} ('leap names {meeting.ref}')")
    return 0


def cmd_export_decisions(ctx) -> int:
    a = ctx.args
    out = out_file(ctx, a.out, (".docx", ".csv"))
    with ctx.open() as svc:
        rows = svc.decision_log(decision_filter(svc, a, ctx))
        if out.suffix.lower() == ".csv":
            data = csv_export.decisions_csv(svc, rows, anonymised=a.anonymised)
        else:
            data = decisions_docx.render(svc, rows, filters=describe_decision_filter(a, svc, anonymised=a.anonymised), anonymised=a.anonymised,
                                         now=svc.clock())
    write_document(ctx, out, data, f"Wrote {plural(len(rows), 'decision')}")
    return 0


def cmd_export_actions(ctx) -> int:
    a = ctx.args
    out = out_file(ctx, a.out, (".csv",))
    with ctx.open() as svc:
        actions = action_list(svc, a)
        data = csv_export.actions_csv(svc, actions, anonymised=a.anonymised)
    write_document(ctx, out, data, f"Wrote {plural(len(actions), 'action')}")
    return 0


def cmd_import_review(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        result = review_docx.import_review(svc, meeting, a.file)
        for review in result.added:
            ctx.print(f"{review.ref}  {reviews.reviewer_label(svc, review)} on {reviews.describe_anchor(svc, review)}")
            wrap(ctx, review.text, "      ")
    ctx.note(result.describe() + (f" (from version {result.version})" if result.version else ""))
    return 0


def cmd_reviews(ctx) -> int:
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, ctx.args.meeting)
        found = reviews.reviews(svc, meeting.id)
        data = [reviews.as_json(svc, r) for r in found]
    ctx.emit(
        data,
        lambda: table(
            ctx,
            ["REF", "STATUS", "REVIEWER", "ON", "COMMENT"],
            [[d["ref"], d["status_label"].split(":")[0], d["reviewer"] + ("" if d["person"] else " (?)"),
              d["on"] or "minutes", d["text"].replace("\n", " ")] for d in data],
        ),
    )
    return 0


def cmd_accept_review(ctx) -> int:
    a = ctx.args
    changes = {}
    for pair in a.set:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise LeapError(f"--set needs FIELD=VALUE (got {shown(pair)})")
        changes[name.strip()] = value
    with ctx.open() as svc:
        review = reviews.accept(svc, a.review, changes, target=a.on, note=a.note)
    ctx.note(f"{review.ref}: {review.reply}")
    return 0


def cmd_answer_review(ctx) -> int:
    with ctx.open() as svc:
        review = reviews.answer(svc, ctx.args.review, ctx.args.text)
    ctx.note(f"{review.ref} answered")
    return 0


def cmd_circulate(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        version = approval.circulate(svc, meeting.id, to=a.to, on=a.on)
        unchecked = svc.names.note(meeting.id)
    ctx.note(f"Minutes of {meeting.ref} (version {version.version}) circulated on {version.circulated_on} to {version.circulated_to}")
    if unchecked:
        ctx.note(f"{unchecked} ('leap names {meeting.ref}')")
    return 0


def cmd_approve(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        at = svc.resolve(Meeting, a.at)
        version, decision = approval.approve(svc, meeting.id, at.id)
    ctx.note(f"Minutes of {meeting.ref} (version {version.version}) approved at {at.ref} by decision {decision.ref}; they are now locked")
    return 0


def cmd_amend(ctx) -> int:
    a = ctx.args
    with ctx.open() as svc:
        meeting = svc.resolve(Meeting, a.meeting)
        version = approval.amend(svc, meeting.id, a.reason)
    ctx.note(f"Started version {version.version} of the minutes of {meeting.ref}; the approved version is kept")
    return 0
