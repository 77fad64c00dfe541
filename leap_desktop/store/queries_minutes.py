"""Everything a meeting's minutes show, read in a few queries.

Named read queries, importable from :mod:`.queries` too."""

from __future__ import annotations

from dataclasses import dataclass, field

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
from .codec import in_clause
from .panel_store import PanelStore


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



def minutes_rows(store: PanelStore, meeting: Meeting, previous: Meeting | None) -> MinutesRows:
    rows = MinutesRows(meeting=meeting, previous=previous)
    rows.attendance = store.select(Attendance, "meeting_id = ?", [meeting.id], order_by="created_at, id")
    rows.items = store.select(AgendaItem, "meeting_id = ?", [meeting.id], order_by="position, number")
    item_ids = [i.id for i in rows.items]
    if item_ids:
        rows.contributions = store.select(Contribution, *in_clause("item_id", item_ids), order_by="said_at, number")
    rows.decisions = store.select(Decision, "meeting_id = ?", [meeting.id], order_by="number")
    decision_ids = [d.id for d in rows.decisions]
    if decision_ids:
        where, params = in_clause("decision_id", decision_ids)
        rows.sources = store.select(DecisionSource, where, params, order_by="created_at, id")
        rows.coproducers = store.select(CoProducer, where, params, order_by="created_at, id")
        rows.dissent = store.select(Dissent, where, params, order_by="created_at, id")
    here = {c.id for c in rows.contributions}
    elsewhere = sorted({s.contribution_id for s in rows.sources} - here)
    if elsewhere:
        rows.earlier_contributions = store.select(Contribution, *in_clause("id", elsewhere), order_by="number")
    clauses, params = [], []
    if decision_ids:
        clause, ps = in_clause("decision_id", decision_ids)
        clauses.append(clause)
        params += ps
    if item_ids:
        clause, ps = in_clause("item_id", item_ids)
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
        rows.related_decisions = store.select(Decision, *in_clause("id", related), order_by="number", include_deleted=True)
    item_refs = {i.carried_from_id for i in rows.items if i.carried_from_id}
    item_refs |= {c.item_id for c in rows.earlier_contributions}
    item_refs |= {a.item_id for a in rows.done_since if a.item_id}
    item_refs -= set(item_ids)
    if item_refs:
        rows.related_items = store.select(AgendaItem, *in_clause("id", sorted(item_refs)), order_by="number", include_deleted=True)
    meeting_refs = {i.meeting_id for i in rows.related_items} | {d.meeting_id for d in rows.related_decisions if d.meeting_id}
    meeting_refs.discard(meeting.id)
    if meeting_refs:
        rows.related_meetings = store.select(Meeting, *in_clause("id", sorted(meeting_refs)), order_by="number", include_deleted=True)
    return rows
