""""What your input changed" as a Word document: one member's feedback.

Built like the minutes (``minutes_docx``): Word's own heading and list styles, table
header rows marked as headers, document properties, Arial. ``large_print`` follows RNIB
clear print guidance for large print: every piece of text at least 16 point (headings
larger), 1.5 line spacing, left aligned, no italics.

The "You said, we did" table has the minutes' columns and wording, from the same lines.
"""

from __future__ import annotations

import datetime as dt

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..services.feedback import Feedback
from ..words import plural
from . import docx_parts
from .minutes_docx import _page_field, _Writer

#: Large print sizes (points): body text, and each heading above it.
LARGE = {"Normal": 16, "LEAP Facts": 16, "LEAP Small": 16, "LEAP Notice": 17, "List Bullet": 16,
         "List Number": 16, "Header": 16, "Footer": 16, "Subtitle": 20, "Heading 3": 18,
         "Heading 2": 20, "Heading 1": 24, "Title": 28}


def render(fb: Feedback, *, large_print: bool = False, now: dt.datetime | None = None) -> bytes:
    """The feedback as the bytes of a .docx file."""
    w = _Writer(fb.title)
    if large_print:
        _large_print(w)
    doc = w.doc
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.add_run("What your input changed", w.styles["Strong"])
    if not large_print:  # one line at 16 point: the panel's name is on the first page
        header.add_run(f"   \u00b7   {fb.panel_name}")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.LEFT if large_print else WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"For {fb.person_name}   \u00b7   Page ")
    _page_field(footer, "PAGE")
    footer.add_run(" of ")
    _page_field(footer, "NUMPAGES")

    w.para(fb.title, "Title")
    w.para(fb.panel_name, "Subtitle")
    w.labelled("For:", f"{fb.person_name}" + (f" ({fb.roles})" if fb.roles else "") + f", {fb.person_ref}")
    w.labelled("Period:", fb.period)
    w.labelled("Produced:", fb.generated_on)
    w.para("Thank you for your time and your experience. This is what you said in this period, "
           "what it shaped, and what happened next, including what was not taken up and why.")

    w.heading("What you said", 1)
    if fb.said:
        w.para(f"{plural(len(fb.said), 'contribution')} recorded.", "LEAP Small")
    if fb.said and large_print:  # one block each: a four-column table is hard to read at 16 point
        for s in fb.said:
            w.heading(f"{s.ref}, {s.date}", 3)
            w.para(s.where)
            w.labelled(f"{s.kind}:", f"\u201c{s.text}\u201d")
            w.labelled("Was it taken up?", s.uptake_label + (f": {s.reason}" if s.reason else ""))
    elif fb.said:
        w.table(["Ref", "When and where", "What you said", "Was it taken up?"],
                [[s.ref, f"{s.date}, {s.where}", f"{s.kind}: \u201c{s.text}\u201d",
                  s.uptake_label + (f": {s.reason}" if s.reason else "")] for s in fb.said],
                [1.8, 4.2, 6.6, 3.8])
    else:
        w.para("No contributions of yours were recorded in this period.")

    w.heading("Decisions your input shaped", 1)
    if not fb.decisions:
        w.para("None of your contributions in this period is recorded as shaping a decision yet.")
    for d in fb.decisions:
        w.heading(f"{d.ref}: {d.title}", 2)
        if d.summary:
            w.labelled("In plain language:", d.summary)
        w.labelled("Status:", f"{d.status}. Involvement: {d.level.lower()}.")
        w.labelled("Shaped by what you said:", ", ".join(d.from_refs))
        w.heading("What happened next", 3)
        if d.next_steps:
            for a in d.next_steps:
                w.bullet((f"{a.ref} {a.what}", True), (f" ({a.owner}; {a.status.lower()}", False),
                         (f", due {a.due}" if a.due and not a.outcome else "", False),
                         (f"): {a.outcome}" if a.outcome else ")", False))
        else:
            w.para("No actions have been recorded for this decision yet.")

    w.heading("You said, we did", 1)
    if fb.you_said_we_did:
        w.para("Actions completed in this period that came from decisions your input shaped "
               "(as in the minutes).", "LEAP Small")
        w.table(["You said", "We did", "Who, when"],
                [[a.came_from or a.what, f"{a.what}. {a.outcome or ''}".strip(), f"{a.owner}, {a.closed_on or ''}".strip(", ")]
                 for a in fb.you_said_we_did],
                [5.2, 7.0, 4.2])
    else:
        w.para("No actions from decisions your input shaped were completed in this period.")

    w.heading("What was not taken up, and why", 1)
    if fb.not_taken_up:
        for s in fb.not_taken_up:
            w.bullet((f"{s.ref} ({s.date}): ", True), (f"\u201c{s.text}\u201d", False),
                     (f" Why: {s.reason}" if s.reason else "", False))
    else:
        w.para("Nothing you said in this period is recorded as not taken up.")
    if fb.noted:
        w.heading("Noted", 2)
        w.para("These were noted by the panel without a decision of their own:")
        for s in fb.noted:
            w.bullet((f"{s.ref}: ", True), (f"\u201c{s.text}\u201d", False))
    if fb.not_recorded:
        w.heading("Not recorded yet", 2)
        w.para(f"For {plural(len(fb.not_recorded), 'contribution')} ({', '.join(s.ref for s in fb.not_recorded)}) "
               "the panel has not yet recorded what became of it. Ask the coordinator if you would like to know.")
    w.para("Other people appear here as each of them chose to be named in the panel's records.", "LEAP Small")

    docx_parts.properties(w, title=fb.title, subject=f"{fb.panel_name}: feedback for {fb.person_ref}, {fb.period}",
                          panel=fb.panel_name, category="Feedback",
                          keywords="feedback; what your input changed; LEAP" + ("; large print" if large_print else ""),
                          comments=f"{plural(len(fb.said), 'contribution')}, {plural(len(fb.decisions), 'decision')} shaped.",
                          now=now)
    return docx_parts.save(w)


def _large_print(w: _Writer) -> None:
    """Every paragraph style at least 16 pt, headings larger, 1.5 spacing, left aligned,
    no italics (the Strong character style stays bold, at the size of its paragraph)."""
    for style in w.doc.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            size = LARGE.get(style.name, 16)
            if style.font.size is None or style.font.size < Pt(size):
                style.font.size = Pt(size)
            elif style.name in LARGE:
                style.font.size = Pt(size)
            fmt = style.paragraph_format
            fmt.line_spacing = 1.5
            fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            style.font.italic = False


def save(service, person, path, *, large_print: bool = False, since: str | None = None,
         until: str | None = None) -> None:
    """Build ``person``'s feedback and write it to ``path`` in one step (owner-only)."""
    from ..services.feedback import build_feedback
    from ..store.files import write_atomically

    fb = build_feedback(service, person, since=since, until=until)
    write_atomically(path, render(fb, large_print=large_print))
