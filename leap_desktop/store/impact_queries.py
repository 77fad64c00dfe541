"""The named read queries of the impact log (issue 13): what a contribution became,
and the counts behind ``leap impact``.

Beside :mod:`.queries` (same helpers), so the services above write no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.model import Action, Decision
from .codec import from_row, in_clause, prefixed, split_row
from .panel_store import PanelStore

if TYPE_CHECKING:  # the impact log's records are made when first used
    from ..domain.impact_records import ContributionUptake


def shaped_by(store: PanelStore, contribution_ids: list[str]) -> dict[str, list[Decision]]:
    """The live decisions each contribution is a source of (contribution id -> decisions)."""
    out: dict[str, list[Decision]] = {}
    for chunk in _chunks(contribution_ids):
        where, params = in_clause("s.contribution_id", chunk)
        sql = f"""
            SELECT s.contribution_id AS via, {prefixed('d', Decision, 'd_')}
            FROM decision_sources s JOIN decisions d ON d.id = s.decision_id
            WHERE {where} AND s.deleted_at IS NULL AND d.deleted_at IS NULL
            ORDER BY d.number"""
        for row in store.rows(sql, params):
            out.setdefault(row["via"], []).append(from_row(Decision, split_row(row, "d_")))  # type: ignore[arg-type]
    return out


def uptake_of(store: PanelStore, contribution_ids: list[str]) -> dict[str, ContributionUptake]:
    """The recorded uptake (noted / not taken up) of each contribution that has one."""
    from ..domain.impact_records import ContributionUptake

    out: dict[str, ContributionUptake] = {}
    for chunk in _chunks(contribution_ids):
        for u in store.select(ContributionUptake, *in_clause("contribution_id", chunk)):
            out[u.contribution_id] = u
    return out


def actions_of(store: PanelStore, decision_ids: list[str]) -> dict[str, list[Action]]:
    """The live actions arising from each decision (decision id -> actions, by number)."""
    out: dict[str, list[Action]] = {}
    for chunk in _chunks(decision_ids):
        for a in store.select(Action, *in_clause("decision_id", chunk), order_by="number"):
            out.setdefault(a.decision_id or "", []).append(a)
    return out


@dataclass(frozen=True)
class UptakeCounts:
    """How many live contributions shaped a decision, were noted, were not taken up, or
    have nothing recorded yet."""

    shaped: int
    noted: int
    not_taken_up: int
    unknown: int


def uptake_counts(store: PanelStore) -> UptakeCounts:
    row = store.rows(
        """
        SELECT
          sum(shaped) AS shaped,
          sum(NOT shaped AND status = 'noted') AS noted,
          sum(NOT shaped AND status = 'not_taken_up') AS not_taken_up,
          sum(NOT shaped AND status IS NULL) AS unknown
        FROM (
          SELECT EXISTS (
                   SELECT 1 FROM decision_sources s JOIN decisions d ON d.id = s.decision_id
                   WHERE s.contribution_id = c.id AND s.deleted_at IS NULL AND d.deleted_at IS NULL
                 ) AS shaped,
                 (SELECT u.status FROM contribution_uptake u
                  WHERE u.contribution_id = c.id AND u.deleted_at IS NULL) AS status
          FROM contributions c WHERE c.deleted_at IS NULL
        )"""
    )[0]
    return UptakeCounts(*(int(row[k] or 0) for k in ("shaped", "noted", "not_taken_up", "unknown")))


def stage_uses(store: PanelStore) -> list[tuple[str, str, int]]:
    """(stage id, prefix, number) for every live record that has a research stage: the
    agenda items (``I``) and decisions (``D``) marked with one, and the impact log
    entries (``E``). A mark on a deleted item or decision does not count."""
    sql = """
        SELECT m.stage_id AS stage, 'I' AS prefix, i.number AS number
        FROM research_stage_marks m JOIN agenda_items i ON i.id = m.item_id
        WHERE m.deleted_at IS NULL AND i.deleted_at IS NULL
        UNION ALL
        SELECT m.stage_id, 'D', d.number
        FROM research_stage_marks m JOIN decisions d ON d.id = m.decision_id
        WHERE m.deleted_at IS NULL AND d.deleted_at IS NULL
        UNION ALL
        SELECT e.stage_id, 'E', e.number FROM impact_entries e
        WHERE e.deleted_at IS NULL AND e.stage_id IS NOT NULL"""
    return [(row["stage"], row["prefix"], int(row["number"])) for row in store.rows(sql)]


def deletion_change(store: PanelStore, table: str, row_id: str) -> str | None:
    """The change (its id in the audit trail) that last deleted this row, if any: rows
    deleted by one change come back together on Undo. One look-up by audit_row."""
    return store.scalar(
        "SELECT change_id FROM audit WHERE tbl = ? AND row_id = ? AND op = 'delete' ORDER BY seq DESC LIMIT 1",
        [table, row_id])


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    unique = list(dict.fromkeys(ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]
