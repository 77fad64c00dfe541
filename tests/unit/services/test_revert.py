"""revert(): what Undo in the app calls to put records back as they were."""

import pytest

from leap_desktop.domain.errors import NotFound
from leap_desktop.domain.model import Action, Decision, Person
from leap_desktop.domain.vocab import ActionStatus, Consent, DecisionStatus


def test_revert_puts_an_agreed_decision_back_to_proposed(small_panel, service):
    proposed = service.record_decision(title="Add a summary page", meeting_id=small_panel["meeting"].id)
    service.set_decision_status(proposed.id, "agreed", method="consensus")
    service.revert([proposed], "Undo agree D-1")
    back = service.get(Decision, proposed.id)
    assert back.status is DecisionStatus.PROPOSED
    assert back.method is None and back.decided_on is None
    assert service.check() == []  # the undo is itself audited


def test_revert_undoes_a_replacement_in_one_change(small_panel, service):
    meeting = small_panel["meeting"].id
    old = service.record_decision(title="Use the long form", status="agreed", method="consensus", meeting_id=meeting)
    new = service.record_decision(title="Use a short form", meeting_id=meeting, supersedes_id=old.id)
    before = [service.get(Decision, new.id), service.get(Decision, old.id)]
    service.set_decision_status(new.id, "agreed", method="consensus")
    assert service.get(Decision, old.id).status is DecisionStatus.SUPERSEDED
    service.revert(before)
    assert service.get(Decision, old.id).status is DecisionStatus.AGREED
    assert service.get(Decision, new.id).status is DecisionStatus.PROPOSED


def test_revert_reopens_an_action_exactly_as_it_was(small_panel, service):
    action = service.add_action(title="Book a room", owner_id=small_panel["people"]["cat"].id, due_on="2026-07-01")
    started = service.set_action_status(action.id, "in_progress")
    service.set_action_status(action.id, "done", outcome="Booked the library room")
    service.revert([started])
    back = service.get(Action, action.id)
    assert back.status is ActionStatus.IN_PROGRESS and back.outcome is None and back.closed_on is None


def test_revert_of_a_record_that_is_gone_is_refused_and_changes_nothing(service):
    ghost = Person(id="not-there", number=99, display_name="Nobody", roles=(), consent=Consent.NAMED)
    with pytest.raises(NotFound, match="P-99 is no longer in this panel"):
        service.revert([ghost])

