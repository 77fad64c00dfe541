"""The action list, with where each action came from.

Named read queries, importable from :mod:`.queries` too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.model import Action
from .codec import from_row
from .panel_store import PanelStore


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
