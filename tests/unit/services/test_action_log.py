"""action_log(): the action list with the decision each action came from."""

import pytest

from leap_desktop.domain.errors import RuleError


def test_action_log_filters_and_names_the_decision(small_panel, service):
    people = small_panel["people"]
    decision = service.record_decision(title="Add a summary page", meeting_id=small_panel["meeting"].id)
    late = service.add_action(title="Draft the summary", owner_id=people["cat"].id, due_on="2026-06-01",
                              decision_id=decision.id)
    later = service.add_action(title="Print it", owner_id=people["ben"].id, due_on="2026-07-01")
    undated = service.add_action(title="Tell the panel", owner_id=people["cat"].id)
    done = service.add_action(title="Book a room", owner_id=people["cat"].id, due_on="2026-05-01")
    service.set_action_status(done.id, "done", outcome="Booked")

    rows = service.action_log()
    assert [r.action.ref for r in rows] == [done.ref, late.ref, later.ref, undated.ref]  # soonest first, undated last
    assert (rows[1].decision_number, rows[1].decision_title) == (decision.number, "Add a summary page")
    assert rows[2].decision_number is None

    assert [r.action.ref for r in service.action_log(overdue=True)] == [late.ref]  # today is 2026-06-15
    assert [r.action.ref for r in service.action_log(owner_id=people["cat"].id, statuses=["open"])] == [late.ref, undated.ref]
    assert [r.action.ref for r in service.action_log(decision_id=decision.id)] == [late.ref]
    assert [r.action.ref for r in service.action_log(statuses=["Done"])] == [done.ref]


def test_action_log_refuses_an_unknown_status(service):
    with pytest.raises(RuleError, match="Action status must be one of"):
        service.action_log(statuses=["finished"])
