"""The named read queries behind the decision log, traces, histories and search.

All SQL that reads across tables lives here, so the services above stay free of it
and the indexes that keep a ten-year panel fast can be checked against these files.

The queries are kept by topic in ``queries_*.py``; every name is importable from here
too (``queries.decision_log``), as the services ask for them. Here: the meetings list
and the single-table questions the services ask.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import rules
from ..domain.model import Action, Decision, Meeting
from .audit import Problem
from .codec import from_row
from .panel_store import PanelStore
from .queries_actions import ActionRow, action_log
from .queries_decisions import DecisionFilter, DecisionRow, TraceRows, count_decisions, decision_log, trace_rows
from .queries_minutes import MinutesRows, minutes_rows
from .queries_people import ContributionRow, attendance_of, contributions_of, decisions_shaped_by
from .queries_search import SearchHit, fts_query, search

__all__ = [
    "ActionRow", "ContributionRow", "DecisionFilter", "DecisionRow", "MeetingSummary", "MinutesRows", "SearchHit",
    "TraceRows", "action_log", "actions_on_item", "attendance_of", "contributions_of", "count_decisions",
    "decision_log", "decisions_shaped_by", "decisions_shaped_by_contribution", "done_between", "fts_query",
    "latest_meeting", "meeting_beside", "meeting_summaries", "minutes_rows", "replacement_problems", "search",
    "trace_rows",
]

# -- the meetings list ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSummary:
    """One line of the meetings list: a meeting with counts from its agenda and register."""

    meeting: Meeting
    items: int
    allotted_minutes: int
    present: int
    apologies: int
    decisions: int
    papers_sent_on: str | None = None  # the first sending in the sent log (services/meetings.py)


def meeting_summaries(store: PanelStore) -> list[MeetingSummary]:
    sql = """
        SELECT m.*,
            (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id AND i.deleted_at IS NULL) AS n_items,
            (SELECT coalesce(sum(i.allotted_minutes), 0) FROM agenda_items i
                WHERE i.meeting_id = m.id AND i.deleted_at IS NULL) AS n_minutes,
            (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.deleted_at IS NULL
                AND a.status = 'present') AS n_present,
            (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.deleted_at IS NULL
                AND a.status = 'apologies') AS n_apologies,
            (SELECT count(*) FROM decisions d WHERE d.meeting_id = m.id AND d.deleted_at IS NULL) AS n_decisions
        FROM meetings m
        WHERE m.deleted_at IS NULL
        ORDER BY m.starts_at, m.number"""
    return [
        MeetingSummary(
            meeting=from_row(Meeting, row),  # type: ignore[arg-type]
            items=row["n_items"],
            allotted_minutes=row["n_minutes"],
            present=row["n_present"],
            apologies=row["n_apologies"],
            decisions=row["n_decisions"],
        )
        for row in store.rows(sql)
    ]


# -- single-table questions the services ask -----------------------------------------------------


def meeting_beside(store: PanelStore, meeting: Meeting, *, later: bool) -> Meeting | None:
    """The next (``later``) or previous meeting that is not cancelled."""
    op, order = (">", "starts_at, number") if later else ("<", "starts_at DESC, number DESC")
    found = store.select(
        Meeting,
        f"(starts_at {op} ? OR (starts_at = ? AND number {op} ?)) AND status != 'cancelled'",
        [meeting.starts_at, meeting.starts_at, meeting.number],
        order_by=order,
        limit=1,
    )
    return found[0] if found else None


def latest_meeting(store: PanelStore) -> Meeting | None:
    """The latest meeting that is not cancelled."""
    found = store.select(Meeting, "status != 'cancelled'", order_by="starts_at DESC, number DESC", limit=1)
    return found[0] if found else None


def actions_on_item(store: PanelStore, item_id: str) -> list[Action]:
    """Actions agreed on an item, directly or through one of its decisions."""
    return store.select(
        Action,
        "item_id = ? OR decision_id IN (SELECT id FROM decisions WHERE item_id = ? AND deleted_at IS NULL)",
        [item_id, item_id],
        order_by="number",
    )


def done_between(store: PanelStore, since: str | None, until: str) -> list[Action]:
    """Actions done after ``since`` (any time when None) up to and including ``until``."""
    return store.select(
        Action,
        "status = 'done' AND closed_on IS NOT NULL AND closed_on <= ? AND (? IS NULL OR closed_on > ?)",
        [until, since, since],
        order_by="closed_on, number",
    )


def decisions_shaped_by_contribution(store: PanelStore, contribution_id: str) -> list[int]:
    """Numbers of the live decisions a contribution is a source of."""
    rows = store.rows(
        "SELECT d.number FROM decision_sources s JOIN decisions d ON d.id = s.decision_id "
        "WHERE s.contribution_id = ? AND s.deleted_at IS NULL AND d.deleted_at IS NULL ORDER BY d.number",
        [contribution_id],
    )
    return [row["number"] for row in rows]


def replacement_problems(store: PanelStore) -> list[Problem]:
    """For ``leap check``: replacement loops among the decisions, and decisions replaced
    by two in force (domain/rules.replacement_problems), read from the decisions that
    replace or are replaced."""
    linked = store.select(
        Decision,
        "supersedes_id IS NOT NULL OR id IN (SELECT supersedes_id FROM decisions WHERE supersedes_id IS NOT NULL)",
        include_deleted=True,
        order_by="number",
    )
    return [Problem(f"decision {d.ref}", message) for d, message in rules.replacement_problems(linked)]
