"""The named read queries behind the decision log, traces, histories and search.

All SQL that reads across tables lives here, so the services above stay free of it
and the indexes that keep a ten-year panel fast can be checked against one file.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..domain import rules
from ..domain.model import (
    Action,
    AgendaItem,
    Attendance,
    CoProducer,
    Contribution,
    Decision,
    DecisionSource,
    Dissent,
    Meeting,
)
from .audit import Problem
from .codec import from_row
from . import decision_search
from .panel_store import PanelStore

# -- full-text search -------------------------------------------------------------------


def fts_query(text: str) -> str | None:
    """Turn whatever a person typed into a safe FTS5 query, or None for "nothing to find":
    every chunk must match, the last as a prefix (``decision_search.fts_terms``)."""
    terms = decision_search.fts_terms(text)
    return " ".join(phrase for phrase, _ in terms) if terms else None


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "contribution", "decision" or "action"
    record_id: str
    ref: str
    snippet: str
    meeting_id: str | None
    rank: float


_SEARCH_SQL = {
    "decision": """
        SELECT d.id AS record_id, 'D-' || d.number AS ref, d.meeting_id AS meeting_id,
               snippet(decisions_fts, -1, '[', ']', '…', 16) AS snippet, bm25(decisions_fts) AS rank
        FROM decisions_fts JOIN decisions d ON d.number = decisions_fts.rowid
        WHERE decisions_fts MATCH ? AND d.deleted_at IS NULL
        ORDER BY rank LIMIT ?""",
    "contribution": """
        SELECT c.id AS record_id, 'C-' || c.number AS ref, i.meeting_id AS meeting_id,
               snippet(contributions_fts, -1, '[', ']', '…', 16) AS snippet,
               bm25(contributions_fts) AS rank
        FROM contributions_fts JOIN contributions c ON c.number = contributions_fts.rowid
        JOIN agenda_items i ON i.id = c.item_id
        WHERE contributions_fts MATCH ? AND c.deleted_at IS NULL
        ORDER BY rank LIMIT ?""",
    "action": """
        SELECT a.id AS record_id, 'A-' || a.number AS ref, NULL AS meeting_id,
               snippet(actions_fts, -1, '[', ']', '…', 16) AS snippet, bm25(actions_fts) AS rank
        FROM actions_fts JOIN actions a ON a.number = actions_fts.rowid
        WHERE actions_fts MATCH ? AND a.deleted_at IS NULL
        ORDER BY rank LIMIT ?""",
}


def search(store: PanelStore, text: str, kinds: tuple[str, ...] = ("decision", "contribution", "action"), limit: int = 50) -> list[SearchHit]:
    query = fts_query(text)
    if query is None:
        return []
    hits: list[SearchHit] = []
    for kind in kinds:
        for row in store.rows(_SEARCH_SQL[kind], [query, limit]):
            hits.append(SearchHit(kind=kind, **row))
    hits.sort(key=lambda h: h.rank)
    return hits[:limit]


# -- the decision log ----------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionFilter:
    """What the decision log shows. Every field narrows it; empty shows everything."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    meeting_id: str | None = None
    person_id: str | None = None


def _decision_where(store: PanelStore, flt: DecisionFilter) -> tuple[str, list[Any]] | None:
    clauses = ["d.deleted_at IS NULL"]
    params: list[Any] = []
    if flt.text.strip():  # its words, its sources' words, its co-producers' names (decision_search)
        found = decision_search.text_clauses(store, flt.text)
        if found is None:
            return None
        clauses += found[0]
        params += found[1]
    if flt.statuses:
        clauses.append(f"d.status IN ({', '.join('?' for _ in flt.statuses)})")
        params.extend(flt.statuses)
    if flt.levels:
        clauses.append(f"d.level IN ({', '.join('?' for _ in flt.levels)})")
        params.extend(flt.levels)
    if flt.meeting_id:
        clauses.append("d.meeting_id = ?")
        params.append(flt.meeting_id)
    if flt.person_id:
        clauses.append(
            """d.id IN (
                SELECT s.decision_id FROM decision_sources s
                JOIN contributions c ON c.id = s.contribution_id
                WHERE c.person_id = ? AND s.deleted_at IS NULL AND c.deleted_at IS NULL
                UNION
                SELECT cp.decision_id FROM decision_coproducers cp
                WHERE cp.person_id = ? AND cp.deleted_at IS NULL)"""
        )
        params.extend([flt.person_id, flt.person_id])
    return " AND ".join(clauses), params


@dataclass(frozen=True)
class DecisionRow:
    """One line of the decision log."""

    decision: Decision
    meeting_number: int | None
    meeting_title: str | None
    meeting_day: str | None
    source_count: int
    open_actions: int


_LOG_ORDER = "coalesce(d.decided_on, m.starts_at, d.created_at) DESC, d.number DESC"


def decision_log(store: PanelStore, flt: DecisionFilter, *, limit: int | None = None, offset: int = 0) -> list[DecisionRow]:
    where = _decision_where(store, flt)
    if where is None:
        return []
    clause, params = where
    if limit is not None:
        # The page's decisions are chosen first, and only they are counted (sources, open
        # actions): counting for every decision before sorting took most of the time of a
        # ten-year panel's first page (3,039 decisions: 28 ms against 10 ms, cold).
        clause = f"""d.id IN (
            SELECT d.id FROM decisions d LEFT JOIN meetings m ON m.id = d.meeting_id
            WHERE {clause} ORDER BY {_LOG_ORDER} LIMIT {int(limit)} OFFSET {int(offset)})"""
    sql = f"""
        SELECT d.*, m.number AS m_number, m.title AS m_title, substr(m.starts_at, 1, 10) AS m_day,
            (SELECT count(*) FROM decision_sources s WHERE s.decision_id = d.id AND s.deleted_at IS NULL) AS n_sources,
            (SELECT count(*) FROM actions a WHERE a.decision_id = d.id AND a.deleted_at IS NULL
                AND a.status IN ('open', 'in_progress')) AS n_open
        FROM decisions d LEFT JOIN meetings m ON m.id = d.meeting_id
        WHERE {clause}
        ORDER BY {_LOG_ORDER}"""
    return [
        DecisionRow(
            decision=from_row(Decision, row),  # type: ignore[arg-type]
            meeting_number=row["m_number"],
            meeting_title=row["m_title"],
            meeting_day=row["m_day"],
            source_count=row["n_sources"],
            open_actions=row["n_open"],
        )
        for row in store.rows(sql, params)
    ]


def count_decisions(store: PanelStore, flt: DecisionFilter) -> int:
    where = _decision_where(store, flt)
    if where is None:
        return 0
    clause, params = where
    return store.scalar(f"SELECT count(*) FROM decisions d WHERE {clause}", params)


# -- a decision's trace -----------------------------------------------------------------------


@dataclass
class TraceRows:
    """Everything stored about one decision, for the trace to assemble."""

    decision: Decision
    meeting: Meeting | None
    item: AgendaItem | None
    sources: list[tuple[DecisionSource, Contribution, AgendaItem, Meeting]] = field(default_factory=list)
    coproducers: list[CoProducer] = field(default_factory=list)
    dissent: list[Dissent] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    older: list[Decision] = field(default_factory=list)  # what it replaced, nearest first
    newer: list[Decision] = field(default_factory=list)  # what replaced it, nearest first


def _split_row(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    n = len(prefix)
    return {k[n:]: v for k, v in row.items() if k.startswith(prefix)}


def _prefixed(alias: str, cls: type, prefix: str) -> str:
    return ", ".join(f"{alias}.{fl.name} AS {prefix}{fl.name}" for fl in dataclasses.fields(cls))


def trace_rows(store: PanelStore, decision: Decision) -> TraceRows:
    rows = TraceRows(
        decision=decision,
        meeting=store.get(Meeting, decision.meeting_id, include_deleted=True),
        item=store.get(AgendaItem, decision.item_id, include_deleted=True),
    )
    sql = f"""
        SELECT {_prefixed('s', DecisionSource, 's_')}, {_prefixed('c', Contribution, 'c_')},
               {_prefixed('i', AgendaItem, 'i_')}, {_prefixed('m', Meeting, 'm_')}
        FROM decision_sources s
        JOIN contributions c ON c.id = s.contribution_id
        JOIN agenda_items i ON i.id = c.item_id
        JOIN meetings m ON m.id = i.meeting_id
        WHERE s.decision_id = ? AND s.deleted_at IS NULL AND c.deleted_at IS NULL
        ORDER BY m.starts_at, i.position, c.said_at, c.number"""
    for row in store.rows(sql, [decision.id]):
        rows.sources.append(
            (
                from_row(DecisionSource, _split_row(row, "s_")),  # type: ignore[misc]
                from_row(Contribution, _split_row(row, "c_")),
                from_row(AgendaItem, _split_row(row, "i_")),
                from_row(Meeting, _split_row(row, "m_")),
            )
        )
    rows.coproducers = store.select(CoProducer, "decision_id = ?", [decision.id], order_by="created_at")
    rows.dissent = store.select(Dissent, "decision_id = ?", [decision.id], order_by="created_at")
    rows.actions = store.select(Action, "decision_id = ?", [decision.id], order_by="number")
    seen = {decision.id}
    current = decision
    while current.supersedes_id and current.supersedes_id not in seen:
        older = store.get(Decision, current.supersedes_id, include_deleted=True)
        if older is None:
            break
        rows.older.append(older)
        seen.add(older.id)
        current = older
    current = decision
    while True:
        newer = store.select(Decision, "supersedes_id = ?", [current.id], order_by="number")
        newer = [d for d in newer if d.id not in seen]
        if not newer:
            break
        rows.newer.append(newer[0])
        seen.add(newer[0].id)
        current = newer[0]
    return rows


# -- a person's history ---------------------------------------------------------------------


@dataclass(frozen=True)
class ContributionRow:
    contribution: Contribution
    item_title: str
    meeting_id: str
    meeting_number: int
    meeting_title: str
    meeting_day: str


def contributions_of(store: PanelStore, person_id: str) -> list[ContributionRow]:
    sql = f"""
        SELECT {_prefixed('c', Contribution, 'c_')}, i.title AS item_title, m.id AS meeting_id,
               m.number AS meeting_number, m.title AS meeting_title,
               substr(m.starts_at, 1, 10) AS meeting_day
        FROM contributions c
        JOIN agenda_items i ON i.id = c.item_id
        JOIN meetings m ON m.id = i.meeting_id
        WHERE c.person_id = ? AND c.deleted_at IS NULL
        ORDER BY m.starts_at, i.position, c.said_at, c.number"""
    out = []
    for row in store.rows(sql, [person_id]):
        contribution = from_row(Contribution, _split_row(row, "c_"))
        out.append(
            ContributionRow(
                contribution=contribution,  # type: ignore[arg-type]
                item_title=row["item_title"],
                meeting_id=row["meeting_id"],
                meeting_number=row["meeting_number"],
                meeting_title=row["meeting_title"],
                meeting_day=row["meeting_day"],
            )
        )
    return out


def decisions_shaped_by(store: PanelStore, person_id: str) -> list[tuple[str | None, Decision]]:
    """(contribution id or None for a direct co-producer, decision) pairs for a person."""
    sql = f"""
        SELECT s.contribution_id AS via, {_prefixed('d', Decision, 'd_')}
        FROM decision_sources s
        JOIN contributions c ON c.id = s.contribution_id
        JOIN decisions d ON d.id = s.decision_id
        WHERE c.person_id = ? AND s.deleted_at IS NULL AND c.deleted_at IS NULL AND d.deleted_at IS NULL
        UNION ALL
        SELECT NULL AS via, {_prefixed('d', Decision, 'd_')}
        FROM decision_coproducers cp JOIN decisions d ON d.id = cp.decision_id
        WHERE cp.person_id = ? AND cp.deleted_at IS NULL AND d.deleted_at IS NULL
        ORDER BY d_number"""
    return [
        (row["via"], from_row(Decision, _split_row(row, "d_")))  # type: ignore[misc]
        for row in store.rows(sql, [person_id, person_id])
    ]


def attendance_of(store: PanelStore, person_id: str) -> list[Attendance]:
    return store.select(Attendance, "person_id = ?", [person_id])


# -- the action list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One line of the action list, with the decision it came from."""

    action: Action
    decision_number: int | None
    decision_title: str | None


def action_log(
    store: PanelStore,
    *,
    owner_id: str | None = None,
    statuses: tuple[str, ...] = (),
    overdue_on: str | None = None,
    decision_id: str | None = None,
) -> list[ActionRow]:
    """Actions, soonest due first (no due date last); ``overdue_on`` keeps only those
    still open or in progress with a due date before that day."""
    clauses = ["a.deleted_at IS NULL"]
    params: list[Any] = []
    if owner_id:
        clauses.append("a.owner_id = ?")
        params.append(owner_id)
    if statuses:
        clauses.append(f"a.status IN ({', '.join('?' for _ in statuses)})")
        params.extend(statuses)
    if overdue_on:
        clauses.append("a.status IN ('open', 'in_progress') AND a.due_on IS NOT NULL AND a.due_on < ?")
        params.append(overdue_on)
    if decision_id:
        clauses.append("a.decision_id = ?")
        params.append(decision_id)
    sql = f"""
        SELECT a.*, d.number AS d_number, d.title AS d_title
        FROM actions a LEFT JOIN decisions d ON d.id = a.decision_id AND d.deleted_at IS NULL
        WHERE {' AND '.join(clauses)}
        ORDER BY a.due_on IS NULL, a.due_on, a.number"""
    return [
        ActionRow(
            action=from_row(Action, row),  # type: ignore[arg-type]
            decision_number=row["d_number"],
            decision_title=row["d_title"],
        )
        for row in store.rows(sql, params)
    ]


# -- a meeting's minutes ------------------------------------------------------------------------


@dataclass
class MinutesRows:
    """Every record a meeting's minutes are made of (people aside: they are always read
    as they are now, so a change of consent is respected in old minutes too).

    Plain records, so an approved version can keep them as a snapshot and be shown again
    exactly as it was approved.
    """

    meeting: Meeting
    attendance: list[Attendance] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)  # said at this meeting
    decisions: list[Decision] = field(default_factory=list)  # made at this meeting
    sources: list[DecisionSource] = field(default_factory=list)
    earlier_contributions: list[Contribution] = field(default_factory=list)  # sources said at other meetings
    coproducers: list[CoProducer] = field(default_factory=list)
    dissent: list[Dissent] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)  # arising from this meeting
    done_since: list[Action] = field(default_factory=list)  # "you said, we did"
    related_decisions: list[Decision] = field(default_factory=list)  # what done_since actions came from
    related_items: list[AgendaItem] = field(default_factory=list)  # items carried in, other items referenced
    related_meetings: list[Meeting] = field(default_factory=list)
    previous: Meeting | None = None

    LISTS = (
        ("attendance", Attendance), ("items", AgendaItem), ("contributions", Contribution),
        ("decisions", Decision), ("sources", DecisionSource), ("earlier_contributions", Contribution),
        ("coproducers", CoProducer), ("dissent", Dissent), ("actions", Action), ("done_since", Action),
        ("related_decisions", Decision), ("related_items", AgendaItem), ("related_meetings", Meeting),
    )


def _in(column: str, ids: list[str]) -> tuple[str, list[str]]:
    return f"{column} IN ({', '.join('?' for _ in ids)})", list(ids)


def minutes_rows(store: PanelStore, meeting: Meeting, previous: Meeting | None) -> MinutesRows:
    rows = MinutesRows(meeting=meeting, previous=previous)
    rows.attendance = store.select(Attendance, "meeting_id = ?", [meeting.id], order_by="created_at, id")
    rows.items = store.select(AgendaItem, "meeting_id = ?", [meeting.id], order_by="position, number")
    item_ids = [i.id for i in rows.items]
    if item_ids:
        rows.contributions = store.select(Contribution, *_in("item_id", item_ids), order_by="said_at, number")
    rows.decisions = store.select(Decision, "meeting_id = ?", [meeting.id], order_by="number")
    decision_ids = [d.id for d in rows.decisions]
    if decision_ids:
        where, params = _in("decision_id", decision_ids)
        rows.sources = store.select(DecisionSource, where, params, order_by="created_at, id")
        rows.coproducers = store.select(CoProducer, where, params, order_by="created_at, id")
        rows.dissent = store.select(Dissent, where, params, order_by="created_at, id")
    here = {c.id for c in rows.contributions}
    elsewhere = sorted({s.contribution_id for s in rows.sources} - here)
    if elsewhere:
        rows.earlier_contributions = store.select(Contribution, *_in("id", elsewhere), order_by="number")
    clauses, params = [], []
    if decision_ids:
        clause, ps = _in("decision_id", decision_ids)
        clauses.append(clause)
        params += ps
    if item_ids:
        clause, ps = _in("item_id", item_ids)
        clauses.append(clause)
        params += ps
    if clauses:
        rows.actions = store.select(Action, " OR ".join(clauses), params, order_by="number")
    rows.done_since = store.select(
        Action,
        "status = 'done' AND closed_on IS NOT NULL AND closed_on <= ? AND (? IS NULL OR closed_on > ?)",
        [meeting.day, previous.day if previous else None, previous.day if previous else None],
        order_by="closed_on, number",
    )
    related = sorted({a.decision_id for a in rows.done_since if a.decision_id} - set(decision_ids))
    if related:
        rows.related_decisions = store.select(Decision, *_in("id", related), order_by="number", include_deleted=True)
    item_refs = {i.carried_from_id for i in rows.items if i.carried_from_id}
    item_refs |= {c.item_id for c in rows.earlier_contributions}
    item_refs |= {a.item_id for a in rows.done_since if a.item_id}
    item_refs -= set(item_ids)
    if item_refs:
        rows.related_items = store.select(AgendaItem, *_in("id", sorted(item_refs)), order_by="number", include_deleted=True)
    meeting_refs = {i.meeting_id for i in rows.related_items} | {d.meeting_id for d in rows.related_decisions if d.meeting_id}
    meeting_refs.discard(meeting.id)
    if meeting_refs:
        rows.related_meetings = store.select(Meeting, *_in("id", sorted(meeting_refs)), order_by="number", include_deleted=True)
    return rows

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
