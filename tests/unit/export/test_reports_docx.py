"""The reports in Word and CSV (issue 14): GRIPP2 short and long, the UK Standards, and
participation and influence; anonymised (no names, small numbers hidden), charts with
their text alternatives, and the coordinator's words kept across remakes."""

from __future__ import annotations

import csv
import io

import docx
import pytest
from docx.oxml.ns import qn

from leap_desktop.domain.impact_vocab import Standard
from leap_desktop.export import gripp2_docx, report_csv, report_docx, standards_docx

from ..services.reports_panel import build

NAMES = ("Lia", "Lou", "Lee", "Cara", "Ravi", "Fay")


@pytest.fixture
def panel(service):
    return build(service)


def text_of(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def headings(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Heading 1"]


def words_of(text: str) -> set[str]:
    return set(text.replace(",", " ").replace(":", " ").replace(".", " ").split())


def participation_doc(service, **kw) -> bytes:
    report = service.analytics.participation(**kw)
    return report_docx.participation(report, panel_name="Test panel", produced="15 June 2026", now=service.clock())


def test_participation_has_every_chart_with_its_text_alternative_and_table(service, panel):
    data = participation_doc(service)
    d = docx.Document(io.BytesIO(data))
    pictures = d.inline_shapes
    assert len(pictures) == 8
    descriptions = [s._inline.find(qn("wp:docPr")).get("descr") for s in pictures]
    assert descriptions[1].startswith("Bar chart: Share of contributions, by role group. Lived experience 62%")
    assert all(descriptions), "every chart has a text alternative"
    assert headings(data)[:3] == ["Average attendance per meeting, by role group", "Share of contributions, by role group",
                                  "Share of those present who spoke, per meeting"]
    text = text_of(data)
    assert "fewer than 3" in text and not (words_of(text) & set(NAMES)), "anonymised: no names"
    assert "Members not heard" not in text
    assert d.core_properties.title == "Participation and influence"


def test_named_participation_lists_members_not_heard_for_the_coordinator(service, panel):
    text = text_of(participation_doc(service, anonymised=False, named=True))
    assert "Members not heard for several meetings" in text and "Lee" in text


def test_gripp2_short_form_has_the_five_items_from_the_record_and_kept_words(service, panel):
    service.set_panel(name="Test panel", purpose="To shape the leaflet study together.")
    service.reports.set_narrative("aim", "We involve people so the study asks what matters.")
    period = service.analytics.period()
    data = gripp2_docx.render(gripp2_docx.gather(service, period))
    assert headings(data) == ["1. Aim", "2. Methods", "3. Results", "4. Outcomes: discussion and conclusions",
                              "5. Reflections"]
    text = text_of(data)
    assert "We involve people so the study asks what matters." in text
    assert "From the record: To shape the leaflet study together." in text
    assert "2 of 3 decisions (67%) had a lived experience or carer voice" in text
    assert "Methods: not written yet" in text or "In our words: not written yet" in text
    assert not (words_of(text) & set(NAMES))
    again = gripp2_docx.render(gripp2_docx.gather(service, period))
    assert "We involve people so the study asks what matters." in text_of(again), "kept when made again"


def test_gripp2_long_form_sections(service, panel):
    data = gripp2_docx.render(gripp2_docx.gather(service, service.analytics.period()), long=True)
    assert headings(data) == ["Aim", "Methods: people involved", "Methods: stages of involvement",
                              "Methods: level and nature of involvement", "Capture or measurement of impact",
                              "Economic assessment", "Study results", "Discussion and conclusions",
                              "Reflections and critical perspective"]
    text = text_of(data)
    assert "No payments are recorded in this panel." in text
    assert "Design" in text and "Panel-led" in text


def test_standards_each_with_questions_answer_and_evidence(service, panel):
    service.reports.set_answer("communications", "Papers go out a week before each meeting.")
    data = standards_docx.render(gripp2_docx.gather(service, service.analytics.period()))
    assert headings(data) == [s.label for s in Standard]
    text = text_of(data)
    assert "Papers go out a week before each meeting." in text
    assert "Were the public involved in deciding what impact assessment focuses on?" in text
    d = docx.Document(io.BytesIO(data))
    papers = [t for t in d.tables if t.rows[0].cells[0].text == "Meeting" and t.rows[0].cells[3].text == "Days before"]
    assert papers and papers[0].rows[1].cells[3].text == "7", "Communications: M-1's papers 7 days before"
    assert "E-1 Asked about the leaflet: adopted." in text, "the log's entry tagged Communications"


def test_csv_is_one_tidy_file_per_table(service, panel, tmp_path):
    files = report_csv.files(service.analytics.participation(), tmp_path / "report.csv")
    names = sorted(p.name for p in files)
    assert "report-attendance.csv" in names and "report-spoke.csv" in names and "report-you-said.csv" in names
    rows = list(csv.reader(io.StringIO(files[tmp_path / "report-spoke.csv"].decode("utf-8-sig"))))
    assert rows[0] == ["Meeting", "Date", "Present", "Spoke", "Share who spoke"]
    assert rows[1] == ["M-1", "2026-01-10", "6", "3", "0.5"]
    assert rows[2] == ["M-2", "2026-02-10", "4", "fewer than 3", "fewer than 3"]
    attendance = list(csv.reader(io.StringIO(files[tmp_path / "report-attendance.csv"].decode("utf-8-sig"))))
    assert len(attendance) == 1 + 4 * 5, "one row per meeting and role group"
