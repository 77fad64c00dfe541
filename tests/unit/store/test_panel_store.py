"""The store: one transaction per change, tombstones, migrations, refusals, audit."""

import sqlite3

import pytest
from panel_files import raw_connect

from leap_desktop.domain.errors import StoreError
from leap_desktop.domain.model import Person, build
from leap_desktop.services import PanelService
from leap_desktop.store import PanelStore, migrations
from leap_desktop.store.connection import APPLICATION_ID, driver


def jo():
    return build(Person, {"display_name": "Jo", "roles": ["carer"], "consent": "named"}, id="p-jo")


def test_new_file_is_owner_only_with_safe_settings(panel_path):
    store = PanelStore.open(panel_path, create=True)
    try:
        assert panel_path.stat().st_mode & 0o777 == 0o600
        pragma = lambda name: store.conn.execute(f"PRAGMA {name}").fetchone()[0]
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("application_id") == APPLICATION_ID
        assert pragma("user_version") == migrations.schema_version()
    finally:
        store.close()


def test_a_failure_half_way_leaves_nothing_written(panel_path):
    store = PanelStore.open(panel_path, create=True)
    with pytest.raises(RuntimeError):
        with store.change("two people"):
            store.insert(jo())
            raise RuntimeError("power cut")
    assert store.select(Person) == []
    assert store.scalar("SELECT count(*) FROM audit") == 0
    assert not store.conn.in_transaction
    store.close()


def test_no_public_call_leaves_a_transaction_open(small_panel, service):
    s = service
    item = small_panel["item"]
    s.add_contribution(item.id, small_panel["people"]["amira"].id, "idea", "Another idea")
    assert not s.store.conn.in_transaction
    with pytest.raises(Exception):
        s.add_contribution(item.id, "nobody", "idea", "x")
    assert not s.store.conn.in_transaction


def test_changes_survive_reopening(panel_path):
    svc = PanelService.open(panel_path, create=True)
    person = svc.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    svc.close()
    again = PanelService.open(panel_path)
    assert again.get(Person, person.id).display_name == "Amira Khan"
    again.close()


def test_deletion_keeps_a_tombstone(small_panel, service):
    said = small_panel["said"]["dev"]
    service.remove_contribution(said.id)
    assert said.id not in [c.id for c in service.contributions(small_panel["item"].id)]
    row = service.store.rows("SELECT deleted_at FROM contributions WHERE id = ?", [said.id])
    assert row and row[0]["deleted_at"] is not None
    service.restore(type(said), said.id)
    assert said.id in [c.id for c in service.contributions(small_panel["item"].id)]


def test_short_numbers_count_up_per_kind(service):
    a = service.add_person(display_name="A", roles=["carer"], consent="named")
    b = service.add_person(display_name="B", roles=["carer"], consent="named")
    m = service.add_meeting(title="M", starts_at="2026-01-01 10:00")
    assert (a.ref, b.ref, m.ref) == ("P-1", "P-2", "M-1")


def test_a_newer_file_is_refused_untouched(panel_path):
    PanelStore.open(panel_path, create=True).close()
    conn = raw_connect(panel_path)
    conn.execute(f"PRAGMA user_version = {migrations.schema_version() + 1}")
    conn.commit()
    conn.close()
    before = panel_path.read_bytes()
    with pytest.raises(StoreError, match="newer version of LEAP Desktop"):
        PanelStore.open(panel_path)
    assert panel_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a LEAP panel file"):
        PanelStore.open(other)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    junk = tmp_path / "notes.leap"
    junk.write_text("these are my meeting notes, not a database " * 50)
    before = junk.read_bytes()
    with pytest.raises(StoreError, match="not a LEAP panel file, or it is damaged"):
        PanelStore.open(junk)
    assert junk.read_bytes() == before


def test_missing_file_is_not_created_by_accident(tmp_path):
    with pytest.raises(StoreError, match="no panel file"):
        PanelStore.open(tmp_path / "missing.leap")
    assert not (tmp_path / "missing.leap").exists()


def test_migrations_from_an_empty_file_give_the_full_schema(panel_path):
    store = PanelStore.open(panel_path, create=True)
    tables = set(store.db.table_names())
    assert set(migrations.RECORD_TABLES) <= tables
    assert {"audit", "contributions_fts", "decisions_fts", "actions_fts"} <= tables
    decision_columns = {c.name for c in store.db["decisions"].columns}
    assert {"method", "votes_for", "level", "status", "supersedes_id", "deleted_at"} <= decision_columns
    applied = migrations.applied_names(store.db)
    assert applied[0] == "m001_panel_record"
    store.close()
    # Opening again applies nothing and changes nothing.
    before = panel_path.read_bytes()
    PanelStore.open(panel_path).close()
    assert panel_path.read_bytes() == before


def test_audit_log_refuses_edits_and_detects_tampering(small_panel, service):
    conn = service.store.conn
    with pytest.raises(driver.DatabaseError, match="audit log cannot be changed"):
        conn.execute("UPDATE audit SET actor = 'someone else'")
    assert service.check() == []
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 3")
    conn.commit()
    problems = service.check()
    assert str(problems[0]) == "audit entry 3: was changed after it was written"


def test_a_decision_changed_outside_the_app_is_named(small_panel, service):
    said = small_panel["said"]
    decision = service.record_decision(title="Shorter form", status="agreed", method="consensus", sources=[said["amira"].id])
    service.store.conn.execute("UPDATE decisions SET status = 'rejected' WHERE id = ?", [decision.id])
    service.store.conn.commit()
    assert [str(p) for p in service.check()] == [
        "D-1: was changed outside LEAP Desktop (it differs from its audit trail)"
    ]


def test_a_record_deleted_outside_the_app_is_named(small_panel, service):
    said = small_panel["said"]["ben"]
    conn = service.store.conn
    conn.execute("DELETE FROM contributions WHERE id = ?", [said.id])
    conn.commit()
    assert [str(p) for p in service.check()] == [f"{said.ref}: was removed outside LEAP Desktop"]


def test_audit_records_who_and_what(service):
    person = service.add_person(display_name="Amira", roles=["carer"], consent="named")
    service.edit_person(person.id, consent="initials")
    rows = service.store.rows("SELECT op, actor, summary, before, after FROM audit WHERE row_id = ? ORDER BY seq", [person.id])
    assert [r["op"] for r in rows] == ["insert", "update"]
    assert rows[1]["actor"] == "test"
    assert '"consent":"named"' in rows[1]["before"] and '"consent":"initials"' in rows[1]["after"]
