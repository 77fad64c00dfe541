"""The reports researchers write (issue 14): GRIPP2 (short and long form), the UK
Standards for Public Involvement, and participation and influence.

Plain Python: the narrative fields a coordinator writes and keeps in the panel (one
:class:`ReportText` per field, never lost when a report is made again), the sections
of each report, the reflective questions of each standard, and the rule for small
numbers in anonymised outputs.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import fields as f
from .errors import RuleError
from .impact_vocab import Standard
from .record import Record

#: Counts under this, when they could point to a person, read "fewer than 3" when anonymised.
SMALL_NUMBER = 3
FEWER = f"fewer than {SMALL_NUMBER}"


def suppressed(count: int, anonymised: bool) -> str:
    """A count as an anonymised output shows it: 1 and 2 read "fewer than 3" (0 names
    no one and is shown). Counts that cannot point to a person are not passed here."""
    if anonymised and 0 < count < SMALL_NUMBER:
        return FEWER
    return f"{count:,}"


@dataclass(frozen=True)
class Section:
    """A part of a report: its key (the narrative field), heading, and what to write."""

    key: str
    heading: str
    guidance: str


GRIPP2_SHORT = (
    Section("aim", "1. Aim", "The aim of involving the public in the study or service."),
    Section("methods", "2. Methods", "How the public were involved: who, in which stages, how often and how."),
    Section("results", "3. Results", "What involvement changed, positive and negative."),
    Section("outcomes", "4. Outcomes: discussion and conclusions",
            "How far involvement influenced the study overall."),
    Section("reflections", "5. Reflections", "A critical look back: what went well, what did not, what to change."),
)

GRIPP2_LONG = (
    Section("aim", "Aim", "The aim of involving the public."),
    Section("people", "Methods: people involved", "Who took part and how they were found and supported."),
    Section("stages", "Methods: stages of involvement", "The stages of the research the public were involved in."),
    Section("level", "Methods: level and nature of involvement",
            "How far the public shared decisions (from being informed to leading)."),
    Section("capture", "Capture or measurement of impact", "How the impact of involvement was recorded."),
    Section("economic", "Economic assessment", "What involvement cost: fees and expenses."),
    Section("results", "Study results", "What involvement changed, positive and negative."),
    Section("discussion", "Discussion and conclusions", "How far involvement influenced the study overall."),
    Section("reflections", "Reflections and critical perspective", "What went well, what did not, what to change."),
)

GRIPP2_FIELDS = tuple(dict.fromkeys(s.key for s in (*GRIPP2_SHORT, *GRIPP2_LONG)))

#: Each standard's reflective questions, paraphrased from the UK Standards for Public
#: Involvement (NIHR and partners, 2019).
QUESTIONS: dict[Standard, tuple[str, ...]] = {
    Standard.INCLUSIVE_OPPORTUNITIES: (
        "Were opportunities to be involved offered widely, and to the people most affected?",
        "Were barriers to taking part (access, cost, timing, language) found and removed?",
        "Did the people involved reflect those the research is about?",
    ),
    Standard.WORKING_TOGETHER: (
        "Were the roles and ways of working agreed together at the start, and revisited?",
        "Were decisions shared, and was it clear which were the panel's to make?",
        "Were everyone's contributions valued and answered?",
    ),
    Standard.SUPPORT_AND_LEARNING: (
        "Did people get the support, training and payment they needed to take part?",
        "Were there chances for everyone, researchers included, to learn from one another?",
        "Was support asked about and reviewed as needs changed?",
    ),
    Standard.COMMUNICATIONS: (
        "Did information reach people in time, in plain language and formats they can use?",
        "Was feedback given on what happened to people's contributions?",
        "Could people raise questions and concerns easily?",
    ),
    Standard.IMPACT: (
        "Were the public involved in deciding what impact assessment focuses on?",
        "Was it clear what information to collect, including who was involved and how?",
        "Were there processes for reflecting on involvement?",
        "Were changes and learning acted on?",
    ),
    Standard.GOVERNANCE: (
        "Were the public involved in how the work was run and overseen?",
        "Were involvement's plans, budget and responsibilities clear and kept to?",
        "Was the public voice heard where the main decisions were taken?",
    ),
}


class ReportKind:
    GRIPP2 = "gripp2"
    STANDARDS = "standards"


def field_key(report: str, field: str) -> tuple[str, str]:
    """A narrative field by its report and name (any case), or a clear refusal."""
    key = " ".join(str(field or "").split()).casefold().replace(" ", "_").replace("-", "_")
    if report == ReportKind.GRIPP2:
        if key in GRIPP2_FIELDS:
            return report, key
        raise RuleError(f"No GRIPP2 field {field!r} (the fields are: {', '.join(GRIPP2_FIELDS)})")
    if report == ReportKind.STANDARDS:
        for standard in Standard:
            if key in (standard.value, standard.label.casefold().replace(" ", "_")) or (
                    len(key) >= 3 and standard.value.startswith(key)):
                return report, standard.value
        raise RuleError(f"No UK Standard {field!r} (the standards are: {', '.join(Standard.choices())})")
    raise RuleError(f"No report called {report!r}")


@dataclass(frozen=True, kw_only=True)
class ReportText(Record):
    """A narrative part of a report, written by the coordinator and kept in the panel."""

    report: str  # gripp2 or standards
    field: str  # a GRIPP2 section key, or a Standard's value
    text: str | None = None

    TABLE = "report_texts"
    FIELDS = {
        "report": f.Text("Report", required=True, max_len=40),
        "field": f.Text("Part of the report", required=True, max_len=80),
        "text": f.Text("What it says", multiline=True, max_len=f.TEXT_MAX),
    }

    def check(self) -> None:
        field_key(self.report, self.field)
