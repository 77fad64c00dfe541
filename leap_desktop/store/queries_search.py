"""Full-text search over decisions, contributions and actions.

Named read queries, importable from :mod:`.queries` too."""

from __future__ import annotations

from dataclasses import dataclass

from . import decision_search
from .panel_store import PanelStore


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
