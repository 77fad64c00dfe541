"""The impact log's tables (migration m006) and named queries."""

from __future__ import annotations

from leap_desktop.domain.impact_vocab import Standard
from leap_desktop.domain.model import ImpactEntry
from leap_desktop.store import impact_queries, migrations


def test_m006_makes_the_impact_tables(service):
    columns = {row["name"] for row in service.store.rows("PRAGMA table_info(impact_entries)")}
    assert {"title", "outcome", "outcome_reason", "standards", "stage_id", "drafted_from_id"} <= columns
    for table in ("research_stages", "research_stage_marks", "impact_links", "impact_voices", "contribution_uptake"):
        assert table in migrations.RECORD_TABLES and service.store.rows(f"PRAGMA table_info({table})")
    assert "m006_impact_log" in migrations.state(service.store.db)[1]


def test_standards_are_kept_in_order_and_read_back(service):
    entry = service.impact.add_entry(title="Asked", standards=["governance", "inclusive opportunities"])
    stored = service.store.get(ImpactEntry, entry.id)
    assert stored.standards == (Standard.GOVERNANCE, Standard.INCLUSIVE_OPPORTUNITIES)
    raw = service.store.scalar("SELECT standards FROM impact_entries WHERE id = ?", [entry.id])
    assert raw == '["governance", "inclusive_opportunities"]'


def test_uptake_counts_on_an_empty_panel(service):
    assert impact_queries.uptake_counts(service.store) == impact_queries.UptakeCounts(0, 0, 0, 0)
    assert impact_queries.shaped_by(service.store, []) == {}
