"""The minutes of a meeting as a Word document (python-docx).

The document is built on Word's own styles (Title, Heading 1-3, List Bullet, List
Number, a table style, Strong for labels), so a screen reader can move by heading, the
navigation pane shows the structure, and a panel that restyles its documents gets
minutes that follow. Tables mark their header row as a header (repeated on each page
and announced as such).

Every agenda item, decision and action carries a bookmark (``leap_item_12``,
``leap_decision_7``, ``leap_action_31``), and the document carries one marker
bookmark naming the panel, meeting and version. Bookmarks are invisible, survive
editing in Word and LibreOffice, and let comments made on the file be linked back to
the record (``leap_desktop/export/review_docx.py``).

python-docx has an API for almost all of this. It has none for bookmarks, a table's
header row, or page-number fields, so those few elements are written as minimal XML
(see ``_bookmark``, ``_mark_header_row`` and ``_page_field``).
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..domain.vocab import DECISION_PROCESS
from ..services.minutes import DecisionMinute, ItemMinute, Minutes, Said
from ..words import plural

FONT = "Arial"  # a plain sans-serif, as UK accessible-information guidance recommends
INK = RGBColor(0x1F, 0x2A, 0x44)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
TABLE_STYLE = "Light Grid Accent 1"
KEEP_STYLES = frozenset({
    TABLE_STYLE, "Normal Table", "Table Grid", "Normal", "Header", "Footer", "Title", "Subtitle",
    "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Paragraph", "List Bullet", "List Number",
    "Quote", "Caption", "No Spacing",
})


class _Writer:
    """Builds one document, handing out bookmark ids."""

    def __init__(self, title: str):
        self.doc = Document()
        self._next_bookmark = 100
        self._setup_page()
        self._setup_styles()
        self.styles = {name: self.doc.styles[name] for name in (
            "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number",
            "Normal", "Strong", "LEAP Notice", "LEAP Facts", "LEAP Small",
        )}
        self.table_style = self.doc.styles[TABLE_STYLE]

    # -- set-up ------------------------------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
        section.left_margin = section.right_margin = Cm(2.3)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        # The template carries about 130 table styles; keep the ones used. A smaller style
        # sheet is a smaller file and a much faster build (python-docx scans every style
        # each time it applies one).
        for style in list(styles):
            if style.name not in KEEP_STYLES and style.type in (WD_STYLE_TYPE.TABLE, WD_STYLE_TYPE.PARAGRAPH):
                style.delete()
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(12)
        normal.font.color.rgb = INK
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for name, size, before, after in (
            ("Title", 24, 0, 4), ("Subtitle", 14, 0, 12),
            ("Heading 1", 17, 20, 6), ("Heading 2", 14, 16, 4), ("Heading 3", 12.5, 12, 3),
        ):
            style = styles[name]
            _plain_font(style)
            style.font.size = Pt(size)
            style.font.bold = name != "Subtitle"
            style.font.italic = False
            style.font.color.rgb = ACCENT if name.startswith("Heading") or name == "Title" else INK
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(before), Pt(after)
            fmt.keep_with_next = True
        styles["Title"].paragraph_format.space_after = Pt(2)
        styles["Subtitle"].font.size = Pt(13)
        for name in ("List Bullet", "List Number"):
            styles[name].font.name = FONT
            styles[name].paragraph_format.space_after = Pt(3)
        notice = styles.add_style("LEAP Notice", WD_STYLE_TYPE.PARAGRAPH)
        notice.base_style = normal
        notice.font.bold = True
        notice.font.size = Pt(13)
        notice.font.color.rgb = RGBColor(0x9C, 0x2A, 0x00)
        notice.paragraph_format.space_before = Pt(6)
        notice.paragraph_format.space_after = Pt(10)
        facts = styles.add_style("LEAP Facts", WD_STYLE_TYPE.PARAGRAPH)
        facts.base_style = normal
        facts.paragraph_format.space_after = Pt(2)
        small = styles.add_style("LEAP Small", WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = normal
        small.font.size = Pt(10)
        small.paragraph_format.space_after = Pt(4)
        for name in ("Header", "Footer"):
            styles[name].font.name = FONT
            styles[name].font.size = Pt(9)

    # -- blocks --------------------------------------------------------------------------------

    def para(self, text: str = "", style: str = "Normal"):
        return self.doc.add_paragraph(text, self.styles[style])

    def lead_in(self, text: str, style: str = "LEAP Small"):
        """A line that introduces the table or list after it, kept on its page."""
        p = self.para(text, style)
        p.paragraph_format.keep_with_next = True
        return p

    def heading(self, text: str, level: int):
        return self.doc.add_paragraph(text, self.styles[f"Heading {level}"])

    def labelled(self, label: str, text: str | None, style: str = "LEAP Facts"):
        """A paragraph like "**Why:** members said ...": the label in the Strong style."""
        p = self.doc.add_paragraph(style=self.styles[style])
        p.add_run(f"{label} ", self.styles["Strong"])
        if text:
            p.add_run(text)
        return p

    def bullet(self, *parts: tuple[str, bool], style: str = "List Bullet"):
        """A list paragraph from (text, strong) parts."""
        p = self.doc.add_paragraph(style=self.styles[style])
        for text, strong in parts:
            if text:
                p.add_run(text, self.styles["Strong"] if strong else None)
        return p

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float]):
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.table_style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = Cm(width)
        _plain_table_look(table)
        for cell, text, width in zip(table.rows[0].cells, headers, widths):
            cell.text = text
            cell.width = Cm(width)
        _mark_header_row(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for cell, text, width in zip(cells, values, widths):
                cell.text = text or ""
                cell.width = Cm(width)
        return table

    def bookmark(self, first_paragraph, last_paragraph, name: str) -> None:
        self._next_bookmark += 1
        _bookmark(first_paragraph, last_paragraph, name, self._next_bookmark)


# -- the few elements python-docx has no API for -------------------------------------------------


def _bookmark(first, last, name: str, ident: int) -> None:
    """Wrap paragraphs ``first``..``last`` in a bookmark (python-docx has no bookmark API)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    p = first._p
    p.insert(1 if p.pPr is not None else 0, start)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    last._p.append(end)


def _plain_font(style) -> None:
    """Set the style's font to FONT. Word's built-in headings name a theme font, which
    wins over a named one, so the theme reference is dropped (no API for that)."""
    style.font.name = FONT
    fonts = style.element.rPr.rFonts
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    spacing = style.element.rPr.find(qn("w:spacing"))
    if spacing is not None:  # the Subtitle's letter-spacing makes it harder to read
        style.element.rPr.remove(spacing)


def _mark_header_row(row) -> None:
    """Mark a table's first row as its header row: repeated on each page and announced
    as column headers by screen readers (python-docx has no API for ``w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _plain_table_look(table) -> None:
    """Emphasise the header row only, not the first column, and band the rows
    (``w:tblLook``: no API in python-docx)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    for key, value in (("w:val", "0420"), ("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"),
                       ("w:lastColumn", "0"), ("w:noHBand", "0"), ("w:noVBand", "1")):
        look.set(qn(key), value)


def _page_field(paragraph, instruction: str) -> None:
    """A PAGE or NUMPAGES field (python-docx has no field API)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# -- the minutes --------------------------------------------------------------------------------


def _who(name: str, roles: str) -> str:
    return f"{name} ({roles})" if roles and roles.casefold() != name.casefold() else name


def _said_parts(s: Said, with_note: bool = False) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = [(_who(s.by, s.roles), True), (f", {s.kind.lower()}", False)]
    if s.where:
        parts.append((f" (at {s.where})", False))
    parts.append((f": \u201c{s.text}\u201d", False))
    if with_note and s.note:
        parts.append((f" \u2014 {s.note}", False))
    parts.append((f" [{s.ref}]", False))
    return parts


def render(minutes: Minutes, *, now: dt.datetime | None = None) -> bytes:
    """The minutes as the bytes of a .docx file."""
    m = minutes
    w = _Writer(m.title)
    doc = w.doc
    status_text = "DRAFT: not yet approved by the panel" if m.is_draft else "Approved minutes"

    # Header and footer on every page: the status, and where you are.
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = ""
    header.add_run(status_text, w.styles["Strong"])
    header.add_run(f"   \u00b7   {m.panel_name}")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"Minutes of {m.meeting_ref}, version {m.version}{' (anonymised)' if m.anonymised else ''}   \u00b7   Page ")
    _page_field(footer, "PAGE")
    footer.add_run(" of ")
    _page_field(footer, "NUMPAGES")

    title = w.para(f"Minutes: {m.title}", "Title")
    w.bookmark(title, title, m.marker)  # the document's marker: which panel, meeting, version
    w.para(m.panel_name + (f", advising the {m.advises}" if m.advises else ""), "Subtitle")
    if m.is_draft:
        w.para(
            f"DRAFT (version {m.version}, {m.status.label.lower()}). These minutes have not been "
            "approved yet: they become the record once a later meeting approves them.",
            "LEAP Notice",
        )
    w.labelled("Date:", f"{m.date}, {m.time}")
    if m.place:
        w.labelled("Place:", m.place)
    if m.papers_sent_on:
        w.labelled("Papers sent:", m.papers_sent_on)
    w.labelled("Reference:", f"{m.meeting_ref}, minutes version {m.version} ({m.status.label.lower()})")
    if m.anonymised:
        w.para(
            "Anonymised edition for publication: people are shown by their role only, and no "
            "names or initials appear anywhere in this document.",
            "LEAP Notice",
        )
    if m.is_draft:
        w.para(
            "To comment: use Review > New Comment in Word (or Insert > Comment in LibreOffice) on "
            "the words you want to comment on, save, and send the file back to the coordinator. "
            "Each comment is linked to the item, decision or action it is on.",
            "LEAP Small",
        )

    # Attendance.
    w.heading("Attendance", 1)
    for label, people, hidden in (("Present", m.present, m.present_anonymous), ("Apologies", m.apologies, m.apologies_anonymous)):
        total = len(people) + hidden
        w.labelled(f"{label} ({total}):", None if total else "none recorded")
        for person in people:
            w.bullet((person.name, False), (f", {person.roles}" if person.roles and person.roles.casefold() != person.name.casefold() else "", False),
                     (f" ({person.meeting_role})" if person.meeting_role else "", False))
        if hidden:
            # Counted, not listed: a listed anonymous member (with a role such as chair)
            # would be tied to the numbered label on what they said.
            lead = "and " if people else ""
            w.bullet((f"{lead}{plural(hidden, 'member')} who chose to stay anonymous", False))

    # The agenda at a glance.
    w.heading("Agenda", 1)
    for item in m.items:
        if not item.ref:
            continue
        extra = ", ".join(x for x in (item.purpose.lower(), f"presented by {item.presenter}" if item.presenter else "") if x)
        w.bullet((item.title, True), (f" ({extra})" if extra else "", False), style="List Number")

    # The items, with what was said, decided and agreed to do.
    w.heading("Discussion and decisions", 1)
    for item in m.items:
        _item(w, item)

    # Actions.
    w.heading("Actions", 1)
    if m.actions:
        w.lead_in(f"Actions agreed at this meeting, with their status on {m.generated_on}.")
        table = w.table(
            ["Ref", "What", "Owner", "Due", "Status"],
            [[a.ref, a.what, a.owner, a.due or "no date", a.status + (f": {a.outcome}" if a.outcome else "")] for a in m.actions],
            [1.3, 6.6, 3.0, 2.5, 3.0],
        )
        for row, action in zip(table.rows[1:], m.actions):
            cells = row.cells
            w.bookmark(cells[0].paragraphs[0], cells[-1].paragraphs[-1], action.anchor)
    else:
        w.para("No actions were agreed at this meeting.")

    # You said, we did.
    w.heading("You said, we did", 1)
    since = f" (since {m.previous})" if m.previous else ""
    if m.you_said_we_did:
        w.lead_in(f"Actions completed since the last meeting{since}, and what came of them.")
        table = w.table(
            ["You said", "We did", "Who, when"],
            [[a.came_from or a.what, f"{a.what}. {a.outcome or ''}".strip(), f"{a.owner}, {a.closed_on or ''}".strip(", ")]
             for a in m.you_said_we_did],
            [5.2, 7.0, 4.2],
        )
        for row, action in zip(table.rows[1:], m.you_said_we_did):
            w.bookmark(row.cells[0].paragraphs[0], row.cells[-1].paragraphs[-1], action.anchor)
    else:
        w.para(f"No actions were completed since the last meeting{since}.")

    # Co-authors.
    w.heading("Co-authors", 1)
    if m.coauthors or m.coauthors_note:
        w.lead_in("These minutes record the words of everyone who contributed, as each of them agreed to be named:",
                  "Normal")
        for name in m.coauthors:
            w.bullet((name, False))
        if m.coauthors_note:
            w.para(m.coauthors_note)
    else:
        w.para("No contributions were recorded at this meeting.")

    # Versions and approval.
    w.heading("Versions and approval", 1)
    w.table(
        ["Version", "Status", "Circulated", "Approved", "Why this version"],
        [[str(v.version), v.status + (f" ({v.replaced_on})" if v.replaced_on else ""), v.circulated or "not yet",
          v.approved or "not yet", v.reason or "first version"] for v in m.versions],
        [2.0, 3.0, 3.6, 4.2, 3.6],
    )
    w.para(f"Produced by LEAP Desktop on {m.generated_on}.", "LEAP Small")

    _properties(doc, m, now or dt.datetime.now(dt.timezone.utc))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _item(w: _Writer, item: ItemMinute) -> None:
    heading = w.heading(f"{item.position}. {item.title}", 2)
    last = heading
    facts = [x for x in (item.purpose, f"presented by {item.presenter}" if item.presenter else None,
                         f"carried from {item.carried_from}" if item.carried_from else None,
                         item.state if item.state and item.state != "Finished" else None) if x]
    if facts:
        last = w.para(" \u00b7 ".join(facts), "LEAP Small")
    if item.notes:
        last = w.labelled("Notes:", item.notes)
    if item.said:
        last = w.labelled(f"What was said ({len(item.said)}):", None)
        for s in item.said:
            last = w.bullet(*_said_parts(s))
    for decision in item.decisions:
        last = _decision(w, decision)
    if item.actions:
        refs = ", ".join(f"{a.ref} ({a.owner})" for a in item.actions)
        last = w.labelled("Actions:", f"{refs}; see the actions table.")
    if item.anchor:
        w.bookmark(heading, last, item.anchor)


def _decision(w: _Writer, d: DecisionMinute):
    heading = w.heading(f"Decision {d.ref}: {d.title}", 3)
    last = heading
    if d.summary:
        last = w.labelled("In plain language:", d.summary)
    if d.text:
        last = w.labelled("What was decided:", d.text)
    if d.rationale:
        last = w.labelled("Why:", d.rationale)
    how = d.method or "not recorded"
    if d.votes:
        how += " ({} for, {} against, {} abstaining)".format(*d.votes)
    last = w.labelled(f"{DECISION_PROCESS}:", f"{how}. Outcome: {d.status.lower()}. Involvement: {d.level.lower()} (rung {d.level_rung} of 5).")
    if d.since:
        last = w.labelled("Since then:", d.since)
    if d.coproducers:
        last = w.labelled(f"Co-produced by ({len(d.coproducers)}):", None)
        for c in d.coproducers:
            how_parts = []
            if c.contributions:
                how_parts.append("through " + ", ".join(c.contributions))
            if c.note:
                how_parts.append(c.note)
            last = w.bullet((_who(c.name, c.roles), True), (": " + "; ".join(how_parts) if how_parts else "", False))
    if d.shaped_by:
        last = w.labelled(f"Contributions that shaped it ({len(d.shaped_by)}):", None)
        for s in d.shaped_by:
            last = w.bullet(*_said_parts(s, with_note=True))
    if d.dissent:
        last = w.labelled("Dissent recorded:", None)
        for who, text in d.dissent:
            last = w.bullet((who, True), (f": \u201c{text}\u201d", False))
    w.bookmark(heading, last, d.anchor)
    return last


def _properties(doc, m: Minutes, now: dt.datetime) -> None:
    """Document properties: what it is, for whom, which version. Never a person's name:
    the author is the panel, which co-authors its minutes."""
    props = doc.core_properties
    props.title = f"Minutes: {m.title}"
    props.subject = f"{m.panel_name}: minutes of {m.meeting_ref}"
    props.author = m.panel_name
    props.last_modified_by = "LEAP Desktop"
    props.category = "Minutes"
    props.keywords = "; ".join(x for x in ("minutes", "LEAP", m.meeting_ref, m.status.value, "anonymised" if m.anonymised else "") if x)
    props.comments = (
        f"Minutes of {m.meeting_ref}, version {m.version} ({m.status.label.lower()})"
        + (", anonymised edition for publication" if m.anonymised else "")
    )
    props.content_status = "Draft" if m.is_draft else "Approved"
    props.identifier = m.marker
    props.language = "en-GB"
    props.version = str(m.version)
    props.revision = m.version
    stamp = now.astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
