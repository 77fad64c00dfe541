"""A person's history: what they said, the decisions it shaped, their attendance.

Named read queries, importable from :mod:`.queries` too."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.model import Attendance, Contribution, Decision
from .codec import from_row, prefixed, split_row
from .panel_store import PanelStore


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
        SELECT {prefixed('c', Contribution, 'c_')}, i.title AS item_title, m.id AS meeting_id,
               m.number AS meeting_number, m.title AS meeting_title,
               substr(m.starts_at, 1, 10) AS meeting_day
        FROM contributions c
        JOIN agenda_items i ON i.id = c.item_id
        JOIN meetings m ON m.id = i.meeting_id
        WHERE c.person_id = ? AND c.deleted_at IS NULL
        ORDER BY m.starts_at, i.position, c.said_at, c.number"""
    out = []
    for row in store.rows(sql, [person_id]):
        contribution = from_row(Contribution, split_row(row, "c_"))
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
        SELECT s.contribution_id AS via, {prefixed('d', Decision, 'd_')}
        FROM decision_sources s
        JOIN contributions c ON c.id = s.contribution_id
        JOIN decisions d ON d.id = s.decision_id
        WHERE c.person_id = ? AND s.deleted_at IS NULL AND c.deleted_at IS NULL AND d.deleted_at IS NULL
        UNION ALL
        SELECT NULL AS via, {prefixed('d', Decision, 'd_')}
        FROM decision_coproducers cp JOIN decisions d ON d.id = cp.decision_id
        WHERE cp.person_id = ? AND cp.deleted_at IS NULL AND d.deleted_at IS NULL
        ORDER BY d_number"""
    return [
        (row["via"], from_row(Decision, split_row(row, "d_")))  # type: ignore[misc]
        for row in store.rows(sql, [person_id, person_id])
    ]


def attendance_of(store: PanelStore, person_id: str) -> list[Attendance]:
    return store.select(Attendance, "person_id = ?", [person_id])
