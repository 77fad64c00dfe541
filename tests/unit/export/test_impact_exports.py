"""The impact log's documents (issue 13): accessible Word, large print, CSV in PIRIT's
columns with formulas neutralised; on the demo panel."""

from __future__ import annotations

import csv
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from leap_desktop.domain.model import Person
from leap_desktop.export import feedback_docx, impact_log
from leap_desktop.services import feedback
from leap_desktop.services.impact_view import build_log

from clock import FIXED_NOW as NOW
from .test_minutes_docx import all_text


def amira_feedback(demo, **options):
    fb = feedback.build_feedback(demo, demo.resolve(Person, "amira"))
    return docx.Document(io.BytesIO(feedback_docx.render(fb, now=NOW, **options)))


def test_feedback_is_built_on_headings_with_table_headers_and_properties(demo):
    document = amira_feedback(demo)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == ["What you said", "Decisions your input shaped", "You said, we did",
                        "What was not taken up, and why"]
    assert document.paragraphs[0].style.name == "Title"
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
    props = document.core_properties
    assert props.title == "What your input changed: Amira Khan" and props.language == "en-GB"
    assert props.author == "Personalisation in Mental Health LEAP" and props.category == "Feedback"
    text = all_text(document)
    assert "Was it taken up?" in text and "Shaped D-" in text


def _size(style):
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def test_large_print_is_16_point_and_up_spaced_left_aligned_without_italics(demo):
    document = amira_feedback(demo, large_print=True)
    used = {p.style.name for p in document.paragraphs}
    used |= {p.style.name for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs}
    used |= {p.style.name for s in document.sections for p in s.header.paragraphs + s.footer.paragraphs}
    body = _size(document.styles["Normal"])
    assert body >= Pt(16) and {"Heading 1", "Heading 2", "Normal", "Footer"} <= used
    for style in map(document.styles.__getitem__, used):
        assert _size(style) >= Pt(16), style.name
        assert style.paragraph_format.line_spacing == 1.5, style.name
        assert style.paragraph_format.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT), style.name
    for level in (1, 2, 3):
        assert _size(document.styles[f"Heading {level}"]) > body
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs and not any(r.italic or (r.style is not None and r.style.font.italic) for r in runs)
    assert not any(s.font.italic for s in document.styles if hasattr(s, "font"))
    small = amira_feedback(demo)
    assert _size(small.styles["Normal"]) < Pt(16), "the usual edition is not large print"


def test_the_log_csv_has_pirits_columns_both_voices_and_no_formulas(demo):
    demo.impact.add_entry(title="=HYPERLINK(\"http://x\")", how_contributed="+1 from everyone",
                          outcome="adopted")
    data = impact_log.log_csv(build_log(demo))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    for column in ("Date", "Activity: what the panel was asked", "How the public contributed",
                   "What they hoped to influence", "What changed", "Why it matters", "UK Standards",
                   "Research stage", "Researcher's view", "Public contributors' views", "Missing views"):
        assert column in rows[0]
    assert len(rows) == 5
    first = rows[0]
    assert first["UK Standards"] == "Working together; Impact" and first["Research stage"] == "Design"
    assert "Eleanor Whitfield (researcher)" in first["Researcher's view"]
    assert "Carys Evans" in first["Public contributors' views"] and "Amira Khan" in first["Public contributors' views"]
    by_ref = {r["Ref"]: r for r in rows}
    assert [by_ref[ref]["Missing views"] for ref in ("E-1", "E-2", "E-3", "E-4")] == [
        "", "", "No public contributor's view yet", "The researcher's view is missing"]
    assert by_ref["E-3"]["Outcome"] == "Adapted" and "each person chooses" in by_ref["E-3"]["Reason"]
    assert by_ref["E-4"]["Outcome"] == "Not adopted" and by_ref["E-4"]["Reason"]
    assert rows[4]["Activity: what the panel was asked"].startswith("'=HYPERLINK")
    assert rows[4]["How the public contributed"] == "'+1 from everyone"


def test_the_log_in_word_shows_both_voices_and_whose_is_missing(demo):
    data = impact_log.log_docx(build_log(demo), panel_name="Demo", produced="15 June 2026", now=NOW)
    document = docx.Document(io.BytesIO(data))
    text = all_text(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings.count("The researcher's view") == 4 and headings.count("Public contributors' views") == 4
    assert "No public contributor's view yet." in text and "The researcher's view is missing." in text
    assert "How the public contributed" in text and "Why it matters" in text
    assert document.core_properties.title == "Impact log"


@pytest.mark.parametrize("anonymised", [True])
def test_the_anonymised_log_names_nobody(demo, anonymised):
    text = impact_log.log_csv(build_log(demo, anonymised=anonymised)).decode("utf-8-sig")
    for person in demo.people():
        assert person.display_name not in text
