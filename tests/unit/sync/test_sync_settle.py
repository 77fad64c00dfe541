"""Settling a conflict either way leaves an audit entry, and closes it on every laptop."""

from __future__ import annotations

from leap_desktop.domain.model import Decision

from sync_laptops import everyone_synced, laptops, shared_decision


def _status_on_both(a, b):
    made = shared_decision([a, b])
    a.do(lambda svc: svc.set_decision_status(made.id, "agreed"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected"))  # later: it stands for now
    everyone_synced([a, b])
    return made


def _settlements(svc, table="audit"):
    return svc.store.rows(f"SELECT summary, op, tbl, row_id, before, after FROM {table} "
                          "WHERE summary LIKE 'Settle a sync conflict%' ORDER BY seq")


def test_keeping_the_version_shown_is_audited_and_closes_the_conflict_on_the_other_laptop(tmp_path):
    a, b = laptops(tmp_path, 2)
    made = _status_on_both(a, b)
    settled = a.do(lambda svc: svc.sync.settle(1, "kept"))
    assert settled.settled_how == "kept the version shown"
    with a.open() as svc:
        entries = _settlements(svc)
        assert [(e["op"], e["tbl"], e["row_id"]) for e in entries] == [("settle", "decisions", made.id)]
        assert '"status":"rejected"' in entries[0]["after"] and '"status":"agreed"' in entries[0]["before"]
    everyone_synced([a, b])
    for laptop in (a, b):
        assert laptop.do(lambda svc: svc.get(Decision, made.id).status.value) == "rejected"
        assert laptop.do(lambda svc: svc.sync.conflicts()) == []
    assert b.do(lambda svc: [c.settled_how for c in svc.sync.conflicts(settled=True)]) == ["on another laptop"]
    with b.open() as svc:  # the settling laptop's own entry, kept as it chained it
        assert [e["op"] for e in _settlements(svc, "sync_audit")] == ["settle"]
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_keeping_the_version_shown_against_one_waiting_version_leaves_another_waiting(tmp_path):
    """Three statuses: laptop a keeps the one shown against its own "agreed"; the
    "rejected" that waits too still waits, on every laptop."""
    a, b, c = laptops(tmp_path, 3)
    made = shared_decision([a, b, c])
    a.do(lambda svc: svc.set_decision_status(made.id, "agreed"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected"))
    c.do(lambda svc: svc.set_decision_status(made.id, "deferred"))  # the latest: it stands
    everyone_synced([a, b, c])
    for laptop in (a, b, c):
        assert sorted(laptop.do(lambda svc: [x.waiting["status"] for x in svc.sync.conflicts()])) == [
            "agreed", "rejected"]
    agreed = a.do(lambda svc: next(x.number for x in svc.sync.conflicts() if x.waiting["status"] == "agreed"))
    a.do(lambda svc: svc.sync.settle(agreed, "kept"))
    everyone_synced([a, b, c])
    for laptop in (a, b, c):
        assert laptop.do(lambda svc: [x.waiting["status"] for x in svc.sync.conflicts()]) == ["rejected"]
        assert laptop.do(lambda svc: svc.get(Decision, made.id).status.value) == "deferred"
        assert laptop.problems() == []
    assert a.export() == b.export() == c.export()
