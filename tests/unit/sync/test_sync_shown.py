"""A sync conflict as the app shows it (services/sync_shown.py), and settling one undone
(SyncService.reopen): in words, names as each person's consent allows, which laptop
the waiting version was made on."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from leap_desktop import words
from leap_desktop.cli import main
from leap_desktop.domain.errors import LeapError
from leap_desktop.domain.model import Decision

from consent_panel import HIDDEN, found
from sync_laptops import everyone_synced, laptops


def conflicted(tmp_path, laptops_count=2):
    """D-1 agreed (with a rationale) on a, rejected later on b; a syncs last."""
    group = laptops(tmp_path, laptops_count)
    a, b = group[:2]
    people = a.do(lambda svc: {p.display_name: p for p in svc.people()})
    a.do(lambda svc: svc.edit_person(people["Bo"].id, consent="anonymous"))
    made = a.do(lambda svc: svc.record_decision(title="Bo's idea: evening meetings", status="proposed",
                                                  method="consensus", level="collaborate"))
    everyone_synced(group)
    a.do(lambda svc: svc.edit_decision(made.id, status="agreed", rationale="Bo and Ann agreed", decided_on="2026-03-05"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected", status_note="Bo asked to wait"))
    b.sync()
    a.sync()
    return a, b, made


def test_each_field_in_words_and_names_as_consent_allows(tmp_path):
    a, b, _ = conflicted(tmp_path)
    [shown] = a.do(lambda svc: svc.sync.shown())
    assert shown.what == "Decision D-1: [name removed]'s idea: evening meetings"
    assert shown.reason == "A decision whose status changed on both laptops waits for the coordinator."
    assert shown.waiting_from == "this laptop" and shown.waiting_heading == "Waiting, made on this laptop"
    assert shown.noted.startswith("Waiting since ")
    rows = [(d.field, d.kept, d.waiting) for d in shown.differences]
    assert rows == [("Decision status", "Rejected", "Agreed"),
                    ("Reason for the status", "[name removed] asked to wait", "Not set"),
                    ("Date decided", words.day(dt.date.today()), "5 March 2026")]  # set when it was rejected
    text = json.dumps([shown.what, rows])
    assert found(text, ("Bo",)) == [] and "{" not in text.replace('["', "").replace('"]', "")


def test_the_other_laptop_sees_where_its_waiting_version_came_from(tmp_path):
    a, b, _ = conflicted(tmp_path)
    b.sync()
    [shown] = b.do(lambda svc: svc.sync.shown())
    device = a.do(lambda svc: svc.sync.this_laptop())
    assert shown.waiting_heading == f"Waiting from laptop {device[:8]}"
    assert [(d.field, d.kept, d.waiting) for d in shown.differences][:1] == [("Decision status", "Rejected", "Agreed")]


def test_the_version_in_the_panel_now_is_what_is_shown_beside_the_waiting_one(tmp_path):
    a, b, made = conflicted(tmp_path)
    a.do(lambda svc: svc.edit_decision(made.id, title="Evening meetings, twice a year"))
    [shown] = a.do(lambda svc: svc.sync.shown())
    assert shown.what == "Decision D-1: Evening meetings, twice a year"
    assert ("Decision title", "Evening meetings, twice a year", "[name removed]'s idea: evening meetings") in [
        (d.field, d.kept, d.waiting) for d in shown.differences]


def test_settling_is_undone_by_reopening(tmp_path):
    a, b, made = conflicted(tmp_path)
    with a.open() as svc:
        svc.sync.settle(1, "waiting")
        assert svc.get(Decision, made.id).status.value == "agreed" and svc.sync.conflicts() == []
        reopened = svc.sync.reopen(1)
        assert reopened.settled_at is None and svc.get(Decision, made.id).status.value == "rejected"
        assert svc.get(Decision, made.id).status_note == "Bo asked to wait"
        with pytest.raises(LeapError, match="is waiting already"):
            svc.sync.reopen(1)
        svc.sync.settle(1, "kept")
        svc.sync.reopen(1)
        assert svc.get(Decision, made.id).status.value == "rejected" and len(svc.sync.conflicts()) == 1
        assert svc.check() == []


def test_leap_conflicts_says_which_laptop_made_the_waiting_version(tmp_path, capsys, monkeypatch):
    a, b, _ = conflicted(tmp_path)
    monkeypatch.setenv("LEAP_RECOVERY_KEY", a.secret)
    assert main(["--db", str(a.path), "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "1. D-1 (waiting; a decision whose status changed on both laptops waits for the coordinator; " \
           "waiting version made on this laptop)" in out
    assert main(["--db", str(a.path), "conflicts", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["waiting_from"] == a.do(lambda svc: svc.sync.this_laptop())


def test_hidden_names_never_show(tmp_path):
    a, _, _ = conflicted(tmp_path)
    [shown] = a.do(lambda svc: svc.sync.shown())
    assert found(shown.what + json.dumps([vars(d) for d in shown.differences]), HIDDEN + ("Bo",)) == []

