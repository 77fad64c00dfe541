"""The reports in Word (issue 14): what they share, and the participation and influence
report (its charts, each with its text alternative and its table, for a period).

Built on the minutes' writer (:mod:`.minutes_docx`): Word's own headings and tables with
a marked header row, Arial at 12 point. Each chart is a picture at print resolution
whose description (``descr``, what a screen reader reads) is its text alternative,
followed by its data table. What the record fills is headed "From the record"; the
coordinator's own words (kept in the panel) are headed with their name.
"""

from __future__ import annotations

import datetime as dt
import io

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ..services.analytics import Participation
from ..services.analytics_tables import Chart, Table
from . import charts as drawing
from .docx_parts import properties, save, writer
from .minutes_docx import _Writer

TEXT_WIDTH = 16.4  # cm between the margins
FROM_RECORD = "From the record"
ANONYMISED_NOTE = ("Anonymised: people appear by role group only, and any count of people under 3 reads "
                   "\u201cfewer than 3\u201d, so that no one can be picked out.")


def from_record(w: _Writer, text: str | None = None) -> None:
    """The label that says what follows was filled from the panel's record."""
    w.labelled(f"{FROM_RECORD}:", text, "LEAP Small")


def narrative(w: _Writer, label: str, text: str | None, guidance: str) -> None:
    """The coordinator's words for this part, or a plain note that none are written yet."""
    if text:
        w.labelled(f"{label}:", None)
        for paragraph in text.split("\n"):
            if paragraph.strip():
                w.para(paragraph)
    else:
        w.para(f"{label}: not written yet. {guidance} (Write it on the Reports page or with "
               "\u201cleap report set-narrative\u201d / \u201cset-answer\u201d; it is kept in the panel.)", "LEAP Notice")


def table(w: _Writer, t: Table, *, level: int = 3, title: bool = True) -> None:
    if title:
        w.heading(t.title, level)
    w.para(t.definition, "LEAP Small")
    if not t.rows:
        w.para("Nothing recorded in this period.")
        return
    first = min(6.0, TEXT_WIDTH / len(t.headers) * 1.4)
    rest = (TEXT_WIDTH - first) / max(1, len(t.headers) - 1)
    made = w.table(t.headers, t.cells(), [first] + [rest] * (len(t.headers) - 1))
    for row in made.rows:  # a row is never split across two pages (no API for w:cantSplit)
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))  # before w:tblHeader, as the schema orders them


def figure(w: _Writer, chart: Chart, *, level: int = 2) -> None:
    """A chart as a picture with its text alternative, then its data table."""
    w.heading(chart.title, level)
    picture = w.doc.add_paragraph()
    shape = picture.add_run().add_picture(io.BytesIO(drawing.png(chart)), width=Cm(TEXT_WIDTH))
    doc_pr = shape._inline.find(qn("wp:docPr"))
    doc_pr.set("descr", chart.alt)
    doc_pr.set("title", chart.title)
    w.labelled("Text alternative:", chart.alt, "LEAP Small")
    if chart.kind == "stacked":  # the same figures, one row per period (the tidy table is in the CSV)
        wide = Table(chart.table.key, chart.title, [chart.table.headers[0], *(name for name, _ in chart.series)],
                     [[c, *(int(values[i] or 0) for _, values in chart.series)] for i, c in enumerate(chart.categories)],
                     chart.table.definition, chart.table.anonymised)
        table(w, wide, title=False)
    else:
        table(w, chart.table, title=False)


def participation(report: Participation, *, panel_name: str, produced: str, now: dt.datetime) -> bytes:
    """The participation and influence report: the charts and their tables for a period."""
    title = "Participation and influence"
    w = writer(title, panel_name)
    w.para(title, "Title")
    w.para(f"{panel_name}: {report.period.words()}", "Subtitle")
    w.labelled("Held meetings:", f"{report.meetings:,}")
    w.labelled("Produced:", produced)
    if report.anonymised:
        w.para(ANONYMISED_NOTE, "LEAP Small")
    w.para("Every figure is taken from the panel's record; each table says what its figures count. "
           "The same tables, one row per figure, come as CSV for your own analysis.", "LEAP Small")
    shown = set()
    for chart in report.charts:
        figure(w, chart, level=1)
        shown.add(chart.table.key)
    for key in ("you_said_summary", "papers_summary", "payments", "not_heard"):
        t = report.tables.get(key)
        if t is not None and key not in shown:
            w.heading(t.title, 1)
            table(w, t, title=False)
    properties(w, title=title, subject=f"{panel_name}: {report.period.words()}", panel=panel_name,
               category="Participation and influence report",
               keywords="participation; influence; co-production; LEAP",
               comments=("Anonymised. " if report.anonymised else "Names shown: for the coordinator only. ")
               + f"{report.period.words()}.", now=now)
    return save(w)
