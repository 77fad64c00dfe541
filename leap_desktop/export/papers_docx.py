"""A meeting's papers pack as Word documents, in the formats members need.

* **standard**: Word's own styles, laid out like the minutes (the minutes' writer:
  export/minutes_docx.py), so a screen reader moves by heading and table headers;
* **large print** at the member's size: RNIB's clear print guidance, applied to every
  piece of text in the file (body, tables, header and footer, and every style, so that
  nothing falls back to a smaller size): at least 16 point, headings larger, 1.5 line
  spacing, left aligned, no italics, no justified text (see :func:`clear_print`);
* **plain language**: short sentences from the decisions' plain-language summaries.

The content is assembled by services/papers.py (names as consent allows).
"""

from __future__ import annotations

import datetime as dt

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..domain.comms import LARGE_PRINT_MIN, PaperFormat
from ..services.papers import Pack
from .docx_parts import properties, save
from .minutes_docx import _item, _page_field, _Writer

_ALIGN_OK = {"left", "start"}


def render(pack: Pack, paper_format: PaperFormat = PaperFormat.STANDARD, *, size: int = LARGE_PRINT_MIN,
           now: dt.datetime | None = None) -> bytes:
    """The pack as .docx bytes: standard, large print (at ``size`` points) or plain language."""
    fmt = paper_format.document
    w = _Writer(f"Papers: {pack.title}")
    _header_and_footer(w, pack, fmt, size)
    if fmt is PaperFormat.PLAIN_LANGUAGE:
        _plain(w, pack)
    else:
        _standard(w, pack, large=fmt is PaperFormat.LARGE_PRINT)
    if fmt is PaperFormat.LARGE_PRINT:
        clear_print(w.doc, size)
    properties(w, title=f"Papers: {pack.title}", subject=f"{pack.panel_name}: papers for {pack.meeting_ref}",
               panel=pack.panel_name, category="Papers", keywords=f"papers; LEAP; {pack.meeting_ref}; {fmt.value}",
               now=now)
    return save(w)


def save_packs(service, meeting, folder) -> list:
    """Write ``meeting``'s packs into ``folder``, one per format its members need
    (services/comms.py ``formats_needed``). Returns the paths written."""
    from pathlib import Path

    from ..services.papers import build_pack
    from ..store.files import write_atomically

    pack = build_pack(service, meeting)
    made = [(fmt, size, render(pack, fmt, size=size, now=service.store.clock()))
            for fmt, size in service.comms.formats_needed(meeting.id)]
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, size, data in made:
        path = out / file_name(pack, fmt, size)
        write_atomically(path, data)
        written.append(path)
    return written


def file_name(pack: Pack, paper_format: PaperFormat, size: int = LARGE_PRINT_MIN) -> str:
    """``papers-M-4-large-print-20pt.docx``: from the meeting's reference and the format
    only (never from the meeting's title or anyone's name)."""
    fmt = paper_format.document
    tail = {PaperFormat.STANDARD: "standard", PaperFormat.PLAIN_LANGUAGE: "plain-language"}.get(fmt, f"large-print-{size}pt")
    return f"papers-{pack.meeting_ref}-{tail}.docx"


def _header_and_footer(w: _Writer, pack: Pack, fmt: PaperFormat, size: int) -> None:
    section = w.doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = ""
    header.add_run(f"Papers for {pack.meeting_ref}", w.styles["Strong"])
    header.add_run(f"   \u00b7   {pack.panel_name}")
    footer = section.footer.paragraphs[0]
    edition = {PaperFormat.LARGE_PRINT: f"large print, {size} point", PaperFormat.PLAIN_LANGUAGE: "plain language"}.get(fmt)
    footer.add_run(f"{pack.meeting_ref} papers{f' ({edition})' if edition else ''}   \u00b7   Page ")
    _page_field(footer, "PAGE")
    footer.add_run(" of ")
    _page_field(footer, "NUMPAGES")
    if fmt is PaperFormat.STANDARD:
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _opening(w: _Writer, pack: Pack, title: str) -> None:
    w.para(title, "Title")
    w.para(pack.panel_name, "Subtitle")
    w.labelled("When:", pack.when)
    if pack.place:
        w.labelled("Where:", pack.place)
    w.labelled("Reference:", f"{pack.meeting_ref}. Papers made on {pack.generated_on}.")


def _standard(w: _Writer, pack: Pack, *, large: bool) -> None:
    _opening(w, pack, f"Papers: {pack.title}")
    w.heading("List of papers", 1)
    for paper in pack.papers:
        w.bullet((paper, False))

    w.heading("Agenda", 1)
    if pack.agenda:
        if large:  # a wide table at large print is hard to follow: one item at a time
            for line in pack.agenda:
                w.heading(f"{line.number}. {line.title}", 2)
                for label, text in (("Time:", line.time), ("Presented by:", line.presenter), ("Purpose:", line.purpose)):
                    if text:
                        w.labelled(label, text)
        else:
            w.table(["Time", "Item", "Presented by", "Purpose"],
                    [[line.time or "not set", f"{line.number}. {line.title}", line.presenter or "", line.purpose]
                     for line in pack.agenda],
                    [3.2, 7.0, 3.6, 2.6])
    else:
        w.para("The agenda has no items yet.")

    w.heading("Minutes of the last meeting", 1)
    prev = pack.previous
    if prev is None:
        w.para("There are no minutes of an earlier meeting to send.")
    else:
        state = "a draft, to be approved at this meeting" if prev.is_draft else "approved"
        w.para(f"The minutes of {prev.meeting_ref} ({prev.title}, {prev.date}): {state}.", "LEAP Notice" if prev.is_draft else "Normal")
        for item in prev.items:
            _item(w, item)

    w.heading("Open actions", 1)
    if pack.actions:
        if large:
            for a in pack.actions:
                w.bullet((f"{a.ref} ", True), (f"{a.what} Owner: {a.owner}. Due: {a.due or 'no date'}. {a.status}.", False))
        else:
            w.table(["Ref", "What", "Owner", "Due", "Status"],
                    [[a.ref, a.what, a.owner, a.due or "no date", a.status] for a in pack.actions],
                    [1.4, 7.0, 3.2, 2.6, 2.2])
    else:
        w.para("No actions are open.")

    w.heading("Decisions to review", 1)
    if pack.decisions:
        for d in pack.decisions:
            w.heading(f"{d.ref}: {d.title}", 2)
            if d.summary:
                w.labelled("In plain language:", d.summary)
            w.labelled("Status:", d.status + (f", since {d.decided_on}" if d.decided_on else ""))
    else:
        w.para("No decisions are waiting to be reviewed.")


def _plain(w: _Writer, pack: Pack) -> None:
    _opening(w, pack, f"Your papers in plain language: {pack.title}")
    w.heading("When and where", 1)
    w.para(f"The meeting is on {pack.when}.")
    if pack.place:
        w.para(f"It is at {pack.place}.")

    w.heading("What we will talk about", 1)
    if not pack.agenda:
        w.para("The list of things to talk about is not ready yet.")
    for line in pack.agenda:
        parts = [f"{line.title}."]
        if line.presenter:
            parts.append(f"{line.presenter} will start this.")
        if line.minutes:
            parts.append(f"It takes about {line.minutes} minutes.")
        w.bullet((" ".join(parts), False), style="List Number")

    w.heading("What we decided last time", 1)
    decided = [d for item in (pack.previous.items if pack.previous else []) for d in item.decisions]
    if not decided:
        w.para("There were no decisions at the last meeting.")
    for d in decided:
        w.bullet((d.summary or d.title, False), (f" ({d.ref})", False))

    w.heading("Things people are doing", 1)
    if not pack.actions:
        w.para("Nobody has an open action.")
    for a in pack.actions:
        when = f" By {a.due}." if a.due else ""
        w.bullet((f"{a.owner}: ", True), (f"{a.what}{'' if a.what.endswith('.') else '.'}{when}", False))

    w.heading("Decisions we will look at again", 1)
    if not pack.decisions:
        w.para("There are none this time.")
    for d in pack.decisions:
        w.bullet((d.summary or d.title, False), (f" ({d.ref})", False))

    w.heading("What is in your papers", 1)
    for paper in pack.papers:
        w.bullet((paper, False))


# -- clear print ---------------------------------------------------------------------------------


def clear_print(doc, size: int) -> None:
    """Make every piece of text in ``doc`` clear print at ``size`` points (at least 16):
    every font size in every style, run, table, header and footer raised to it (headings
    larger), 1.5 line spacing, left aligned, italics taken off. python-docx has no API
    for the document defaults or table styles' own formatting, so the XML is walked."""
    size = max(size, LARGE_PRINT_MIN)
    styles = doc.styles
    bigger = {"Title": size + 12, "Subtitle": size + 4, "Heading 1": size + 8, "Heading 2": size + 6,
              "Heading 3": size + 4, "Heading 4": size + 2}
    for name, points in bigger.items():
        if name in [s.name for s in styles]:
            styles[name].font.size = Pt(points)
    normal = styles["Normal"]
    normal.font.size = Pt(size)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _defaults(styles.element, size)
    parts = [styles.element, doc.element]
    for section in doc.sections:
        parts += [section.header._element, section.footer._element]
    for root in parts:
        _walk(root, size)
    for table in doc.tables:
        table.alignment = WD_TABLE_ALIGNMENT.LEFT


def _defaults(styles_root, size: int) -> None:
    """The document defaults (``w:docDefaults``): what text with no size of its own gets."""
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_root.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_default.append(r_pr)
    for tag in ("w:sz", "w:szCs"):
        element = r_pr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            r_pr.append(element)
        element.set(qn("w:val"), str(size * 2))


def _walk(root, size: int) -> None:
    half_points = size * 2
    for tag in ("w:sz", "w:szCs"):
        for element in root.iter(qn(tag)):
            value = element.get(qn("w:val"))
            if value is None or not value.isdigit() or int(value) < half_points:
                element.set(qn("w:val"), str(half_points))
    for tag in ("w:i", "w:iCs"):
        for element in list(root.iter(qn(tag))):
            element.getparent().remove(element)
    for element in root.iter(qn("w:jc")):
        if element.getparent().tag == qn("w:pPr") and element.get(qn("w:val")) not in _ALIGN_OK:
            element.set(qn("w:val"), "left")
    for element in root.iter(qn("w:spacing")):
        if element.getparent().tag == qn("w:pPr") and element.get(qn("w:line")) is not None:
            if element.get(qn("w:lineRule")) in (None, "auto"):
                element.set(qn("w:line"), "360")
                element.set(qn("w:lineRule"), "auto")


