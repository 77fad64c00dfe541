"""Papers packs: the contents, names as consent allows, and clear print checked on
every piece of text in the Word file's XML (styles, body, tables, header, footer)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from lxml import etree

from consent_panel import HIDDEN, build_consent_panel, found
from leap_desktop.domain.comms import PaperFormat
from leap_desktop.export import papers_docx
from leap_desktop.services.papers import build_pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


@pytest.fixture
def pack(demo):
    meeting = demo.comms.next_meeting()
    return build_pack(demo, meeting)


def test_the_standard_pack_has_the_agenda_last_minutes_actions_decisions_and_papers(pack):
    text = _text(papers_docx.render(pack, PaperFormat.STANDARD))
    for heading in ("List of papers", "Agenda", "Minutes of the last meeting", "Open actions", "Decisions to review"):
        assert heading in text
    assert pack.agenda and pack.agenda[0].time.startswith("14:00 to ")
    assert pack.agenda[0].title in text
    assert pack.previous is not None and pack.previous.meeting_ref in text
    assert all(a.owner in text for a in pack.actions)


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: etree.fromstring(z.read(name)) for name in z.namelist()
                if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", name)}


def test_large_print_is_clear_print_in_every_style_run_table_header_and_footer(pack):
    data = papers_docx.render(pack, PaperFormat.LARGE_PRINT, size=20)
    parts = _parts(data)
    assert {"word/document.xml", "word/styles.xml"} <= set(parts) and any("footer" in n for n in parts)
    sizes = [int(el.get(f"{W}val")) for root in parts.values() for tag in ("sz", "szCs") for el in root.iter(f"{W}{tag}")]
    assert sizes and min(sizes) >= 40  # half-points: 20 pt everywhere, nothing smaller
    defaults = parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    assert defaults is not None and int(defaults.get(f"{W}val")) >= 40  # text with no size of its own
    for root in parts.values():
        assert list(root.iter(f"{W}i")) == [] and list(root.iter(f"{W}iCs")) == []  # no italics anywhere
        aligns = {el.get(f"{W}val") for el in root.iter(f"{W}jc") if el.getparent().tag == f"{W}pPr"}
        assert aligns <= {"left", "start"}  # no centring, no justification
    document = docx.Document(io.BytesIO(data))
    styles = document.styles
    assert styles["Normal"].paragraph_format.line_spacing == 1.5
    assert styles["Normal"].font.size.pt == 20
    assert styles["Heading 1"].font.size.pt > styles["Heading 2"].font.size.pt > 20
    # Every run's effective size (its own, else its style chain's, else the defaults) is at least 20 pt.
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            size = run.font.size or _style_size(paragraph.style)
            assert size is None or size.pt >= 20, (paragraph.text, size)


def _style_size(style):
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def test_the_plain_language_pack_uses_the_decisions_plain_summaries(pack):
    text = _text(papers_docx.render(pack, PaperFormat.PLAIN_LANGUAGE))
    assert "What we will talk about" in text and "Things people are doing" in text
    summaries = [d.summary for item in pack.previous.items for d in item.decisions if d.summary]
    assert summaries and all(s in text for s in summaries)


def test_packs_show_names_only_as_consent_allows(service):
    build_consent_panel(service)
    meeting = service.add_meeting(title="May panel", starts_at="2026-06-25 14:00")
    pack = build_pack(service, meeting)
    for fmt in (PaperFormat.STANDARD, PaperFormat.LARGE_PRINT, PaperFormat.PLAIN_LANGUAGE):
        assert found(_text(papers_docx.render(pack, fmt)), HIDDEN) == [], fmt
    assert papers_docx.file_name(pack, PaperFormat.LARGE_PRINT, 22) == f"papers-{meeting.ref}-large-print-22pt.docx"
