"""Two and three laptops editing one panel apart, then syncing through a folder."""

from __future__ import annotations

import json

from leap_desktop.domain.model import Attendance, Decision, Person

from sync_laptops import everyone_synced, first_laptop, laptops, shared_decision


def person(svc, name):
    return next(p for p in svc.people() if p.display_name == name)


def test_a_laptop_joins_from_the_folder_and_gets_the_whole_panel(tmp_path):
    a, b = laptops(tmp_path, 2)
    assert b.do(lambda svc: [p.display_name for p in svc.people()]) == ["Ann", "Bo"]
    assert b.export() == a.export()
    assert a.problems() == [] and b.problems() == []


def test_edits_of_different_fields_are_both_kept_and_the_same_field_takes_the_later(tmp_path):
    a, b = laptops(tmp_path, 2)
    a.do(lambda svc: svc.edit_person(person(svc, "Ann").id, pronouns="she/her"))
    b.do(lambda svc: svc.edit_person(person(svc, "Ann").id, access_needs="Large print"))
    a.do(lambda svc: svc.edit_person(person(svc, "Bo").id, display_name="Bo from A"))
    b.do(lambda svc: svc.edit_person(person(svc, "Bo").id, display_name="Bo from B"))  # later
    everyone_synced([a, b])
    for laptop in (a, b):
        ann = laptop.do(lambda svc: person(svc, "Ann"))
        assert (ann.pronouns, ann.access_needs) == ("she/her", "Large print")
        assert laptop.do(lambda svc: [p.display_name for p in svc.people()]) == ["Ann", "Bo from B"]
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_decisions_added_apart_both_keep_working_and_the_later_is_renumbered(tmp_path):
    a, b = laptops(tmp_path, 2)
    first = a.do(lambda svc: svc.record_decision(title="Meet in the evenings", status="agreed", method="consensus",
                                                   level="collaborate"))
    second = b.do(lambda svc: svc.record_decision(title="Pay for travel", status="agreed", method="consensus",
                                                    level="collaborate"))
    assert first.ref == second.ref == "D-1"
    everyone_synced([a, b])
    for laptop in (a, b):
        log = laptop.do(lambda svc: {d.title: d.ref for d in svc.store.find(Decision)})
        assert log == {"Meet in the evenings": "D-1", "Pay for travel": "D-2"}
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_the_same_attendance_taken_on_both_laptops_stays_once(tmp_path):
    a, b = laptops(tmp_path, 2)

    def mark(status):
        def do(svc):
            meeting = svc.meetings()[0]
            svc.set_attendance(meeting.id, person(svc, "Ann").id, status=status)
        return do

    a.do(mark("present"))
    b.do(mark("apologies"))
    everyone_synced([a, b])
    live = [b.do(lambda svc: svc.store.find(Attendance)), a.do(lambda svc: svc.store.find(Attendance))]
    assert [len(x) for x in live] == [1, 1] and live[0][0].id == live[1][0].id
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_a_status_changed_on_both_laptops_waits_for_the_coordinator(tmp_path):
    a, b = laptops(tmp_path, 2)
    made = shared_decision([a, b])
    a.do(lambda svc: svc.set_decision_status(made.id, "agreed"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected"))  # later: it stands for now
    everyone_synced([a, b])
    for laptop in (a, b):
        assert laptop.do(lambda svc: svc.get(Decision, made.id).status.value) == "rejected"
        waiting = laptop.do(lambda svc: svc.sync.conflicts())
        assert [(c.what, c.waiting["status"], c.kept["status"]) for c in waiting] == [("D-1", "agreed", "rejected")]
    assert a.export() == b.export()
    settled = a.do(lambda svc: svc.sync.settle(1, "waiting"))
    assert settled.settled_how == "took the version that waited"
    everyone_synced([a, b])
    for laptop in (a, b):
        assert laptop.do(lambda svc: svc.get(Decision, made.id).status.value) == "agreed"
        assert laptop.do(lambda svc: svc.sync.conflicts()) == []
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_a_conflict_settled_elsewhere_closes_when_it_comes_in_the_same_sync_as_the_conflict(tmp_path):
    """The laptop that takes both files in one sync (the change that waits, then the
    settling) closes its conflict too, though its waiting version held its own note."""
    a, b = laptops(tmp_path, 2)
    made = shared_decision([a, b])
    a.do(lambda svc: svc.set_decision_status(made.id, "agreed"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected", status_note="Too late for carers"))  # later
    b.sync()
    a.sync()  # sends "agreed", takes "rejected": a's own version waits
    assert a.do(lambda svc: [c.waiting["status"] for c in svc.sync.conflicts()]) == ["agreed"]
    a.do(lambda svc: svc.sync.settle(1, "waiting"))
    a.sync()
    b.sync()  # both of a's files at once
    assert b.do(lambda svc: svc.get(Decision, made.id).status.value) == "agreed"
    assert b.do(lambda svc: [(c.settled_how, c.waiting["status"]) for c in svc.sync.conflicts(settled=True)]) == [
        ("on another laptop", "agreed")]
    everyone_synced([a, b])
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_a_status_changed_on_both_keeps_each_laptops_other_fields_the_same_everywhere(tmp_path):
    """While the later status stands and the other waits, a field only one laptop
    changed (the rationale here, the note there) is kept on every laptop alike."""
    a, b = laptops(tmp_path, 2)
    made = shared_decision([a, b])
    a.do(lambda svc: svc.edit_decision(made.id, status="agreed", rationale="Carers can come after work"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected", status_note="The room is shut at night"))  # later
    everyone_synced([a, b])
    for laptop in (a, b):
        decision = laptop.do(lambda svc: svc.get(Decision, made.id))
        assert (decision.status.value, decision.rationale, decision.status_note) == (
            "rejected", "Carers can come after work", "The room is shut at night")
        assert laptop.do(lambda svc: [c.waiting["status"] for c in svc.sync.conflicts()]) == ["agreed"]
    assert a.export() == b.export()
    assert a.problems() == [] and b.problems() == []


def test_an_unrelated_later_change_does_not_close_a_conflict(tmp_path):
    a, b, c = laptops(tmp_path, 3)
    made = shared_decision([a, b, c])
    a.do(lambda svc: svc.set_decision_status(made.id, "agreed"))
    b.do(lambda svc: svc.set_decision_status(made.id, "rejected"))
    everyone_synced([a, b])
    c.do(lambda svc: svc.edit_decision(made.id, title="Evening meetings, twice a year"))
    everyone_synced([a, b, c])
    for laptop in (a, b, c):
        assert laptop.do(lambda svc: [x.waiting["status"] for x in svc.sync.conflicts()]) == ["agreed"]
        assert laptop.do(lambda svc: svc.get(Decision, made.id).title) == "Evening meetings, twice a year"


def test_three_laptops_with_supersession_actions_and_contributions(tmp_path):
    a, b, c = laptops(tmp_path, 3)
    old = a.do(lambda svc: svc.record_decision(title="Monthly meetings", status="agreed", method="consensus",
                                                 level="collaborate"))
    everyone_synced([a, b, c])

    def replace(svc):
        svc.record_decision(title="Meetings every six weeks", status="agreed", method="consensus", level="collaborate",
                            supersedes_id=old.id)

    def act(svc):
        svc.add_action(title="Book the room", owner_id=person(svc, "Bo").id, due_on="2026-07-01")

    def say(svc):
        item = svc.agenda(svc.meetings()[0].id)[0]
        svc.add_contribution(item.id, person(svc, "Bo").id, "concern", "Evenings are hard for carers")

    b.do(replace)
    c.do(act)
    a.do(say)
    c.do(say)
    everyone_synced([a, b, c])
    exports = {laptop.export() for laptop in (a, b, c)}
    assert len(exports) == 1
    doc = json.loads(exports.pop())
    assert [d["status"] for d in doc["decisions"]] == ["superseded", "agreed"]
    assert len(doc["actions"]) == 1
    said = [c["number"] for c in doc["meetings"][0]["agenda"][0]["contributions"]]
    assert sorted(said) == [1, 2, 3]
    for laptop in (a, b, c):
        assert laptop.problems() == []


def test_syncing_again_takes_nothing_twice(tmp_path):
    a, b = laptops(tmp_path, 2)
    a.do(lambda svc: svc.add_person(display_name="Cy", roles=["researcher"], consent="named"))
    everyone_synced([a, b])
    again = b.sync()
    assert (again.received, again.files_in) == (0, 0)
    assert b.do(lambda svc: sorted(p.display_name for p in svc.people())) == ["Ann", "Bo", "Cy"]


def test_leap_check_verifies_every_laptops_audit_chain(tmp_path):
    a, b = laptops(tmp_path, 2)
    assert b.problems() == []
    with b.open() as svc:
        assert svc.store.scalar("SELECT count(*) FROM sync_audit") > 0  # the first laptop's chain
        conn = svc.store.conn
        conn.execute("DROP TRIGGER sync_audit_no_update")
        conn.execute("UPDATE sync_audit SET summary = 'forged' WHERE seq = 1")
        conn.commit()
    problems = b.problems()
    assert any("guard" in p for p in problems)
    assert any("audit entry 1: was changed after it was written" in p and "laptop" in p for p in problems)


def test_first_laptop_alone_sends_its_history_and_it_can_be_read_back(tmp_path):
    a, _ = first_laptop(tmp_path)
    report = a.sync()
    assert report.files_out == 1 and report.sent == 6  # the panel, 2 people, a meeting, an item, a contribution
    assert a.do(lambda svc: svc.sync.status().last_synced) is not None
