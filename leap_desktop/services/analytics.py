"""Participation and influence (issue 14): the one service the Reports page, ``leap
report`` and the documents all ask, so they always agree.

Reached from a panel as ``service.analytics`` (over the core). Each figure is one
named query (store/analytics_queries.py) made into a tidy :class:`~.analytics_tables.Table`;
``participation`` gathers them, with their charts, for a period. Every figure's
definition is written in docs/reports.md and carried on its table.

Anonymised (the default): role groups only, no names, and counts of people under 3
read "fewer than 3". Members not heard for several meetings are for the coordinator
only: they are left out of anything anonymised.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.errors import RuleError
from ..domain.impact_vocab import ImpactOutcome, Uptake
from ..domain.vocab import InvolvementLevel, RoleGroup
from ..store import analytics_queries as q
from ..words import NotADate, day, days_between, month_year, read_when
from .analytics_tables import Chart, Table

if TYPE_CHECKING:
    from .core import PanelCore

#: A lived experience member or carer present at this many meetings in a row without a
#: contribution recorded is listed as not heard (for the coordinator).
NOT_HEARD_AFTER = 3
GROUPS = list(RoleGroup)


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end`` (ISO days, both included; None: open)."""

    start: str | None = None
    end: str | None = None

    @classmethod
    def read(cls, start: str | None, end: str | None, today: str) -> "Period":
        """A period from dates as people type them (``1/4/2025``, ``2025-04-01``)."""
        days = [_typed(text, what, today) for text, what in ((start, "The first date"), (end, "The last date"))]
        if days[0] and days[1] and days[0] > days[1]:
            raise RuleError(f"The period starts ({day(days[0])}) after it ends ({day(days[1])})")
        return cls(*days)

    def words(self) -> str:
        if self.start and self.end:
            return f"{day(self.start)} to {day(self.end)}"
        if self.start:
            return f"from {day(self.start)}"
        if self.end:
            return f"up to {day(self.end)}"
        return "the whole record"


def _typed(text: str | None, what: str, today: str) -> str | None:
    if text is None or not str(text).strip():
        return None
    try:
        return read_when(str(text), dt.date.fromisoformat(today), time=False)[0].isoformat()
    except NotADate as exc:
        raise RuleError(f"{what}: {exc}") from None


@dataclass
class Participation:
    """Every figure for a period, and the charts drawn from them."""

    period: Period
    anonymised: bool
    meetings: int
    tables: dict[str, Table] = field(default_factory=dict)
    charts: list[Chart] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"period": {"from": self.period.start, "to": self.period.end, "words": self.period.words()},
                "anonymised": self.anonymised, "meetings": self.meetings,
                "tables": [t.as_json() for t in self.tables.values()],
                "charts": [{"key": c.key, "title": c.title, "alt": c.alt, "table": c.table.key} for c in self.charts]}


class AnalyticsService:
    """Participation and influence over one open panel."""

    def __init__(self, core: "PanelCore"):
        self.core = core
        self.store = core.store

    def period(self, start: str | None = None, end: str | None = None) -> Period:
        return Period.read(start, end, self.core.today())

    def _rows(self, name: str, p: Period, extra: Any = None) -> list[dict[str, Any]]:
        return q.run(self.store, name, p.start, p.end, extra)

    def _bucket(self, p: Period) -> int:
        """4 (years) for a period of more than two years, else 7 (months)."""
        meetings = self._rows("meetings", p)
        if not meetings:
            return 4
        first, last = p.start or meetings[0]["day"], p.end or meetings[-1]["day"]
        return 4 if days_between(first, last) > 731 else 7

    # -- who took part ------------------------------------------------------------------------

    def make_up(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        got = {r["grp"]: r["people"] for r in self._rows("make_up", p)}
        return Table("make_up", "People involved, by role group", ["Role group", "People"],
                     [[g.label, got.get(g.value, 0)] for g in GROUPS],
                     "Different people marked present at one or more held meetings in the period, each counted "
                     "once, in one role group.", anonymised, people=frozenset({1}))

    def attendance(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        meetings = self._rows("meetings", p)
        got = {(r["meeting"], r["grp"]): r["present"] for r in self._rows("attendance", p)}
        rows = [[f"M-{m['meeting']}", m["day"], g.label, got.get((m["meeting"], g.value), 0)] for m in meetings for g in GROUPS]
        return Table("attendance", "Attendance by role group, per meeting", ["Meeting", "Date", "Role group", "Present"],
                     rows, "People marked present at each held meeting, by role group.", anonymised,
                     people=frozenset({3}))

    def contributions(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        meetings = self._rows("meetings", p)
        got = {(r["meeting"], r["grp"]): r["contributions"] for r in self._rows("contributions", p)}
        rows = [[f"M-{m['meeting']}", m["day"], g.label, got.get((m["meeting"], g.value), 0)] for m in meetings for g in GROUPS]
        return Table("contributions", "Contributions by role group, per meeting",
                     ["Meeting", "Date", "Role group", "Contributions"], rows,
                     "Contributions recorded at each held meeting, by the role group of the person who made them.",
                     anonymised, people=frozenset({3}))

    def spoke(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        days = {m["meeting"]: m["day"] for m in self._rows("meetings", p)}
        rows = [[f"M-{r['meeting']}", days[r["meeting"]], r["present"], r["spoke"], r["spoke"] / r["present"]]
                for r in self._rows("spoke", p) if r["present"]]
        rows.sort(key=lambda r: (r[1], int(r[0][2:])))
        return Table("spoke", "Share of those present who spoke, per meeting",
                     ["Meeting", "Date", "Present", "Spoke", "Share who spoke"], rows,
                     "Of the people present at a held meeting, the share with at least one contribution recorded there.",
                     anonymised, people=frozenset({2, 3}), shares={4: (3, 2)})

    def not_heard(self, p: Period = Period(), *, after: int = NOT_HEARD_AFTER) -> Table:
        """For the coordinator only (names): never put this in an anonymised output."""
        group = {g.value: g.label for g in GROUPS}
        rows = [[f"P-{r['number']}", r["name"], group[r["grp"]], r["silent"], r["heard"] or "not in this period"]
                for r in self._rows("not_heard", p, after)]
        return Table("not_heard", "Members not heard for several meetings",
                     ["Member", "Name", "Role group", "Meetings present since last heard", "Last heard"], rows,
                     f"Lived experience members and carers present at {after} or more held meetings in the period "
                     "since the last one at which a contribution of theirs was recorded. For the coordinator only.",
                     anonymised=False)

    # -- what the panel's voice did -----------------------------------------------------------------

    def decision_voices(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        rows = [[_when(r["bucket"]), r["decisions"], r["lived"], r["lived"] / r["decisions"]]
                for r in self._rows("decision_voices", p, self._bucket(p))]
        total, lived = sum(r[1] for r in rows), sum(r[2] for r in rows)
        if rows:
            rows.append(["Whole period", total, lived, lived / total])
        return Table("decision_voices", "Decisions with a lived experience or carer voice",
                     ["Period", "Decisions", "With a lived experience or carer voice", "Share"], rows,
                     "Decisions dated in the period (decided on, else their meeting's date) with at least one source "
                     "contribution or co-producer in the lived experience or carers group.", anonymised,
                     shares={3: (2, 1)})

    def decision_levels(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        got = {(r["bucket"], r["level"]): r["decisions"] for r in self._rows("decision_levels", p, self._bucket(p))}
        buckets = sorted({b for b, _ in got})
        rows = [[_when(b), level.label, got.get((b, level.value), 0)] for b in buckets for level in InvolvementLevel]
        return Table("decision_levels", "Decisions by involvement level over time", ["Period", "Involvement level", "Decisions"],
                     rows, "Decisions dated in the period, by their involvement level (inform, consult, involve, "
                     "collaborate, panel-led).", anonymised)

    def decision_stages(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        rows = [[_when(r["bucket"]), r["stage"] or "Not set", r["decisions"]]
                for r in self._rows("decision_stages", p, self._bucket(p))]
        return Table("decision_stages", "Decisions by research stage over time", ["Period", "Research stage", "Decisions"],
                     rows, "Decisions dated in the period, by the research stage set on the decision (else on its "
                     "agenda item); \"Not set\" when neither has one.", anonymised)

    def uptake(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        got = {r["outcome"]: r["entries"] for r in self._rows("impact_outcomes", p)}
        counts = self._rows("contribution_uptake", p)[0]
        rows = [["Impact log entries", o.label, got.get(o.value, 0)] for o in
                (ImpactOutcome.ADOPTED, ImpactOutcome.ADAPTED, ImpactOutcome.NOT_ADOPTED, ImpactOutcome.PENDING)]
        rows += [["Contributions", u.label, int(counts[u.value])] for u in Uptake]
        return Table("uptake", "Uptake: what was taken up", ["Of", "Outcome", "Count"], rows,
                     "Impact log entries dated in the period, by what changed; and contributions at the period's "
                     "meetings: shaped a decision (a source of one), noted, not taken up, or nothing recorded yet.",
                     anonymised)

    def you_said(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        rows = []
        for r in self._rows("you_said", p):
            back = f"M-{r['back_meeting']}" if r["back_meeting"] else "not yet"
            rows.append([f"A-{r['number']}", r["set_on"], r["due_on"], r["done_on"], back, r["back_on"],
                         r["late"], r["to_back"], r["set_to_back"]])
        return Table("you_said", "You said, we did: how long it takes",
                     ["Action", "Set on", "Due", "Done", "Reported back at", "Reported back on", "Days late (due to done)",
                      "Days from done to reported back", "Days from set to reported back"], rows,
                     "Actions done in the period. Set on: the date of its agenda item's meeting, else its decision's. "
                     "Reported back: the meeting recorded as where it was reported, else the first held meeting on or "
                     "after the day it was done (whose minutes list it under \"You said, we did\"). Days late is "
                     "negative when it was done early.", anonymised)

    def papers(self, p: Period = Period(), *, anonymised: bool = True) -> Table:
        """How many days before each meeting its papers went out (Communications).

        The one place this is worked out: from each meeting's first sending in the sent log."""
        rows = [[f"M-{m['meeting']}", m["day"], m["papers_sent_on"] or "not recorded", m["days_before"]]
                for m in self._rows("papers", p)]
        return Table("papers", "Days before each meeting the papers went out",
                     ["Meeting", "Date", "Papers sent on", "Days before"], rows,
                     "For each held meeting, the days from the first sending of its papers in the sent log to the meeting.",
                     anonymised)

    def payments(self, p: Period = Period(), *, anonymised: bool = True) -> Table | None:
        """Fees and expenses (services/payment_reports.totals), or None if no claims are recorded."""
        from .payments import PaymentService

        totals = PaymentService(self.core).totals(from_day=p.start, to_day=p.end)
        if not totals.claims:
            return None
        from ..domain.money import pounds, tax_year_words

        rows = [["Whole period", "Fees", pounds(totals.fees_pence)], ["Whole period", "Expenses", pounds(totals.expenses_pence)],
                ["Whole period", "Claims", totals.claims]]
        for year, (fees, expenses) in totals.per_tax_year.items():
            rows += [[f"Tax year {tax_year_words(year)}", "Fees", pounds(fees)],
                     [f"Tax year {tax_year_words(year)}", "Expenses", pounds(expenses)]]
        return Table("payments", "Payments for involvement", ["Period", "What", "Amount"], rows,
                     "Fees and expenses of claims submitted, approved or paid for activities in the period (drafts "
                     "and withdrawn claims left out), by tax year.", anonymised)

    # -- everything for a period ------------------------------------------------------------------

    def participation(self, p: Period = Period(), *, anonymised: bool = True, named: bool = False) -> Participation:
        """Every table and chart for the period; with ``named`` (and not anonymised), the
        members not heard for several meetings too."""
        from .analytics_charts import charts, summaries

        meetings = len(self._rows("meetings", p))
        out = Participation(p, anonymised, meetings)
        for make in (self.make_up, self.attendance, self.contributions, self.spoke, self.decision_voices,
                     self.decision_levels, self.decision_stages, self.uptake, self.you_said, self.papers, self.payments):
            table = make(p, anonymised=anonymised)
            if table is not None:
                out.tables[table.key] = table
        if named and not anonymised:
            out.tables["not_heard"] = self.not_heard(p)
        out.charts = charts(out.tables)
        summaries(out.tables)
        return out


def _when(bucket: str) -> str:
    return bucket if len(bucket) == 4 else month_year(bucket + "-01")


def median(values: list[int | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None
