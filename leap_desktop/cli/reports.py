"""``leap report``: GRIPP2 (short and long form), the UK Standards self-assessment, and
participation and influence, as Word (or CSV, or JSON); and the narrative parts the
coordinator writes, kept in the panel (issue 14)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import LeapError
from ..domain.impact_vocab import Standard
from ..domain.reports import GRIPP2_FIELDS
from ..services.files import write_atomically
from ..words import long_date, plural
from .context import Parser
from .documents import add_out_option, out_file, refuse_existing, write_document


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="write a report: GRIPP2, the UK Standards, participation and influence",
                                 description="Reports researchers write, filled from the panel's record.")
    kinds = report.add_subparsers(dest="report", metavar="REPORT", parser_class=Parser)
    kinds.required = True

    def period(p: argparse.ArgumentParser) -> None:
        p.add_argument("--from", dest="start", metavar="DATE", help="from this date, e.g. 1/4/2025 (default: the beginning)")
        p.add_argument("--to", dest="end", metavar="DATE", help="up to this date (default: the end of the record)")

    p = kinds.add_parser("gripp2", help="GRIPP2 short form (or --long) as Word")
    p.set_defaults(handler=cmd_gripp2)
    add_out_option(p, "FILE.docx")
    p.add_argument("--long", action="store_true", help="the long form's sections, not the short form's five items")
    p.add_argument("--named", action="store_true", help="not anonymised (names as each person's consent allows)")
    period(p)

    p = kinds.add_parser("standards", help="the UK Standards for Public Involvement self-assessment as Word")
    p.set_defaults(handler=cmd_standards)
    add_out_option(p, "FILE.docx")
    p.add_argument("--named", action="store_true", help="not anonymised")
    period(p)

    p = kinds.add_parser("participation", help="participation and influence: charts and tables as Word, or CSV")
    p.set_defaults(handler=cmd_participation)
    add_out_option(p, "FILE.docx|FILE.csv", "Word, or CSV (one file per table beside FILE)", required=False)
    p.add_argument("--json", action="store_true", help="print every table as JSON")
    p.add_argument("--named", action="store_true",
                   help="for the coordinator: not anonymised, with the members not heard for several meetings")
    period(p)

    p = kinds.add_parser("set-narrative", help="write a GRIPP2 section in your own words (kept in the panel)")
    p.set_defaults(handler=cmd_set_narrative)
    p.add_argument("field", help=f"one of: {', '.join(GRIPP2_FIELDS)}")
    p.add_argument("text", help="the text (an empty text clears it)")

    p = kinds.add_parser("set-answer", help="answer a UK Standard's reflective questions (kept in the panel)")
    p.set_defaults(handler=cmd_set_answer)
    p.add_argument("standard", help=f"one of: {', '.join(Standard.choices())}")
    p.add_argument("text", help="the answer (an empty text clears it)")


def _out(ctx, text: str | None, suffixes: tuple[str, ...]) -> Path:
    if not text:
        raise LeapError(f"Say where to write the report: --out FILE{' or FILE'.join(suffixes)}")
    # A CSV report is written as one file per table beside FILE, checked once they are known.
    return out_file(ctx, text, suffixes, new=not text.lower().endswith(".csv"))


def cmd_gripp2(ctx) -> int:
    a = ctx.args
    out = _out(ctx, a.out, (".docx",))
    from ..export import gripp2_docx

    with ctx.open() as svc:
        data = gripp2_docx.render(gripp2_docx.gather(svc, svc.analytics.period(a.start, a.end), anonymised=not a.named),
                                  long=a.long)
    write_document(ctx, out, data, f"Wrote the GRIPP2 {'long' if a.long else 'short'} form")
    return 0


def cmd_standards(ctx) -> int:
    a = ctx.args
    out = _out(ctx, a.out, (".docx",))
    from ..export import gripp2_docx, standards_docx

    with ctx.open() as svc:
        data = standards_docx.render(gripp2_docx.gather(svc, svc.analytics.period(a.start, a.end), anonymised=not a.named))
    write_document(ctx, out, data, "Wrote the UK Standards self-assessment")
    return 0


def cmd_participation(ctx) -> int:
    a = ctx.args
    out = _out(ctx, a.out, (".docx", ".csv")) if (a.out or not a.json) else None
    with ctx.open() as svc:
        p = svc.analytics.period(a.start, a.end)
        report = svc.analytics.participation(p, anonymised=not a.named, named=a.named)
        panel = svc.panel()
        name = (svc.redactor(anonymised=not a.named)(panel.name) if panel else None) or "Panel"
        produced, now = long_date(svc.today()) or svc.today(), svc.clock()
    if a.json:
        ctx.emit(report.as_json(), lambda: None)
    if out is None:
        return 0
    if out.suffix.lower() == ".csv":
        from ..export import report_csv

        written = report_csv.files(report, out)
        refuse_existing(ctx, written)
        for path, data in written.items():
            write_atomically(path, data)
        ctx.note(f"Wrote {plural(len(written), 'table')} as CSV: {out.stem}-*.csv in {out.parent}")
        return 0
    from ..export import report_docx

    write_document(ctx, out, report_docx.participation(report, panel_name=name, produced=produced, now=now),
                   f"Wrote participation and influence ({plural(len(report.charts), 'chart')}, {p.words()})")
    return 0


def cmd_set_narrative(ctx) -> int:
    with ctx.open() as svc:
        saved = svc.reports.set_narrative(ctx.args.field, ctx.args.text)
    ctx.note(f"{'Saved' if saved.text else 'Cleared'} the GRIPP2 {saved.field}")
    return 0


def cmd_set_answer(ctx) -> int:
    with ctx.open() as svc:
        saved = svc.reports.set_answer(ctx.args.standard, ctx.args.text)
    ctx.note(f"{'Saved' if saved.text else 'Cleared'} the answer for {Standard(saved.field).label}")
    return 0
