"""The charts of participation and influence, and the summary tables each is drawn from
(so the table beside a chart holds exactly what it shows). Plain data: the drawing is
``export/charts.py``.

A figure about a role group with fewer than 3 people in the period (an average, a
share) could point to them: it is hidden when anonymised, like a small count.
"""

from __future__ import annotations

from collections import defaultdict

from ..domain.vocab import InvolvementLevel, RoleGroup
from .analytics_tables import Chart, Table


def charts(tables: dict[str, Table]) -> list[Chart]:
    """The charts for these tables; summary tables they need are added to ``tables``."""
    make_up = tables["make_up"]
    anonymised = make_up.anonymised
    out: list[Chart] = []
    groups = [g.label for g in RoleGroup]
    meetings = len({row[0] for row in tables["attendance"].rows})

    present: dict[str, int] = defaultdict(int)
    for row in tables["attendance"].rows:
        present[row[2]] += row[3]
    people = {row[0]: row[1] for row in make_up.rows}
    summary = Table("attendance_summary", "Average attendance per meeting, by role group",
                    ["Role group", "People", "Attendances", "Average present per meeting"],
                    [[g, people.get(g, 0), present[g], present[g] / meetings if meetings else 0.0] for g in groups],
                    "Attendances (a person present at a held meeting) in the period, and their average per held "
                    "meeting, by role group. Hidden when anonymised if the group had fewer than 3 people.",
                    anonymised, people=frozenset({1}), depends={2: (1,), 3: (1,)})
    tables[summary.key] = summary
    out.append(Chart("attendance", summary.title, "bars", groups,
                     [("Average present", [summary.value(r, 3) for r in summary.rows])],
                     summary, axis="People present (average per meeting)"))

    said: dict[str, int] = defaultdict(int)
    for row in tables["contributions"].rows:
        said[row[2]] += row[3]
    total = sum(said.values())
    share = Table("contribution_share", "Share of contributions, by role group",
                  ["Role group", "People", "Contributions", "Share of contributions"],
                  [[g, people.get(g, 0), said[g], said[g] / total if total else 0.0] for g in groups],
                  "Contributions recorded at the period's held meetings, by the role group of the person who made "
                  "them, as a share of all of them. Hidden when anonymised if the group had fewer than 3 people.",
                  anonymised, people=frozenset({1}), shares={3: (1,)}, depends={2: (1,)})
    tables[share.key] = share
    out.append(Chart("contribution_share", share.title, "bars", groups,
                     [("Share", [share.value(r, 3) for r in share.rows])], share, unit="%",
                     axis="Share of contributions"))

    spoke = tables["spoke"]
    out.append(Chart("spoke", spoke.title, "line", [f"{r[0]} ({r[1]})" for r in spoke.rows],
                     [("Share who spoke", [spoke.value(r, 4) for r in spoke.rows])], spoke, unit="%",
                     axis="Share of those present who spoke"))

    voices = tables["decision_voices"]
    by_period = [r for r in voices.rows if r[0] != "Whole period"]
    out.append(Chart("decision_voices", voices.title, "columns", [r[0] for r in by_period],
                     [("Share", [voices.value(r, 3) for r in by_period])], voices, unit="%",
                     axis="Share of decisions"))

    levels = tables["decision_levels"]
    periods = list(dict.fromkeys(r[0] for r in levels.rows))
    count = {(r[0], r[1]): r[2] for r in levels.rows}
    out.append(Chart("decision_levels", levels.title, "stacked", periods,
                     [(lv.label, [count.get((p, lv.label), 0) for p in periods]) for lv in InvolvementLevel],
                     levels, axis="Decisions"))

    stage_total: dict[str, int] = defaultdict(int)
    for row in tables["decision_stages"].rows:
        stage_total[row[1]] += row[2]
    stages = Table("stage_totals", "Decisions by research stage", ["Research stage", "Decisions"],
                   [[s, n] for s, n in stage_total.items()],
                   "Decisions dated in the period, by research stage (see \"Decisions by research stage over time\").",
                   anonymised)
    tables[stages.key] = stages
    out.append(Chart("decision_stages", stages.title, "bars", [r[0] for r in stages.rows],
                     [("Decisions", [r[1] for r in stages.rows])], stages, axis="Decisions"))

    uptake = tables["uptake"]
    log = [r for r in uptake.rows if r[0] == "Impact log entries"]
    out.append(Chart("uptake_log", "Impact log: what changed", "bars", [r[1] for r in log],
                     [("Entries", [r[2] for r in log])], uptake, axis="Impact log entries"))
    given = [r for r in uptake.rows if r[0] == "Contributions"]
    out.append(Chart("uptake_contributions", "Contributions: were they taken up", "bars", [r[1] for r in given],
                     [("Contributions", [r[2] for r in given])], uptake, axis="Contributions"))
    return out


def summaries(tables: dict[str, Table]) -> None:
    """Short tables for documents, beside the per-meeting and per-action ones (kept in CSV)."""
    import statistics

    def middle(values: list) -> float | None:
        got = [v for v in values if v is not None]
        return float(statistics.median(got)) if got else None

    said = tables["you_said"]
    rows = [[measure, sum(1 for r in said.rows if r[column] is not None), middle([r[column] for r in said.rows])]
            for measure, column in (("Days late (due to done)", 6), ("Days from done to reported back", 7),
                                    ("Days from set to reported back", 8))]
    tables["you_said_summary"] = Table(
        "you_said_summary", "You said, we did: the middle figures", ["Measure", "Actions", "Median days"], rows,
        "Of the actions done in the period (see \"You said, we did: how long it takes\"), how many have each "
        "figure, and its median (half took longer, half less).", said.anonymised)
    papers = tables["papers"]
    days = [r[3] for r in papers.rows if r[3] is not None]
    tables["papers_summary"] = Table(
        "papers_summary", "Papers before meetings", ["Measure", "Value"],
        [["Held meetings", len(papers.rows)], ["With the date papers went out", len(days)],
         ["Median days before the meeting", middle(days)], ["Fewest days before", min(days) if days else None],
         ["Meetings with papers less than 5 days before", sum(1 for d in days if d < 5)]],
        "From each held meeting's \"papers sent on\" date: how many days before the meeting they went out.",
        papers.anonymised)
