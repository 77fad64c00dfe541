"""Domain rules: what the panel record refuses, in the words a person would see."""

import pytest

from leap_desktop.domain import rules
from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.model import Action, Contribution, Decision, Person, build
from leap_desktop.domain.vocab import ActionStatus, Consent, DecisionStatus, MeetingStatus, Role, RoleGroup


def person(**values):
    return build(Person, {"display_name": "Jo Smith", "roles": ["carer"], "consent": "named", **values}, id="p1")


def decision(**values):
    return build(Decision, {"title": "Shorten the form", **values}, id="d1")


def test_agreed_decision_needs_a_method():
    with pytest.raises(RuleError, match="agreed needs a decision process") as caught:
        decision(status="agreed")
    assert caught.value.field == "method"


def test_vote_needs_all_three_counts():
    with pytest.raises(RuleError, match="counts for, against and abstaining"):
        decision(status="agreed", method="vote", votes_for=5)
    with pytest.raises(RuleError, match="at least one vote"):
        decision(status="agreed", method="vote", votes_for=0, votes_against=0, votes_abstain=0)
    ok = decision(status="agreed", method="vote", votes_for="5", votes_against=1, votes_abstain=0)
    assert ok.votes == (5, 1, 0)


def test_counts_only_with_a_vote():
    with pytest.raises(RuleError, match="only go with the decision process 'vote'"):
        decision(status="agreed", method="consensus", votes_for=3)


def test_reversal_needs_a_reason():
    with pytest.raises(RuleError, match="why the decision was reversed"):
        decision(status="reversed", method="consensus")


@pytest.mark.parametrize(
    "old, new, allowed",
    [
        (DecisionStatus.PROPOSED, DecisionStatus.AGREED, True),
        (DecisionStatus.AGREED, DecisionStatus.REVERSED, True),
        (DecisionStatus.AGREED, DecisionStatus.PROPOSED, False),
        (DecisionStatus.SUPERSEDED, DecisionStatus.AGREED, False),
        (DecisionStatus.REVERSED, DecisionStatus.AGREED, False),
        (DecisionStatus.REJECTED, DecisionStatus.PROPOSED, True),
    ],
)
def test_decision_transitions(old, new, allowed):
    if allowed:
        rules.check_decision_transition(old, new)
    else:
        with pytest.raises(RuleError, match=f"cannot become {new.label.lower()}"):
            rules.check_decision_transition(old, new)


def test_action_transitions_and_closing_notes():
    rules.check_action_transition(ActionStatus.OPEN, ActionStatus.DONE)
    rules.check_action_transition(ActionStatus.DONE, ActionStatus.OPEN)
    with pytest.raises(RuleError):
        rules.check_action_transition(ActionStatus.DONE, ActionStatus.DROPPED)
    with pytest.raises(RuleError, match="Say what was done"):
        build(Action, {"title": "x", "owner_id": "p1", "status": "done"}, id="a1")
    with pytest.raises(RuleError, match="why the action was dropped"):
        build(Action, {"title": "x", "owner_id": "p1", "status": "dropped"}, id="a1")


def test_meeting_transitions():
    rules.check_meeting_transition(MeetingStatus.PLANNED, MeetingStatus.HELD)
    with pytest.raises(RuleError, match="planned cannot become minutes approved"):
        rules.check_meeting_transition(MeetingStatus.PLANNED, MeetingStatus.MINUTES_APPROVED)


def test_attribution_follows_consent():
    assert rules.attribute(person(consent="named")) == "Jo Smith"
    assert rules.attribute(person(consent="initials")) == "J.S."
    assert rules.attribute(person(consent="role_only")) == "Carer"
    assert rules.attribute(person(consent="anonymous")) == "Anonymous member"
    both = person(roles=["lived_experience", "carer"], consent="role_only")
    assert rules.attribute(both) == "Lived experience member and carer"


def test_anonymised_view_never_shows_names_or_initials():
    for consent in ("named", "initials", "role_only"):
        shown = rules.attribute(person(consent=consent), anonymised=True)
        assert "Jo" not in shown and "J.S." not in shown
        assert shown == "Carer"


def test_override_can_only_be_more_private():
    jo = person(consent="initials")
    said = build(Contribution, {"item_id": "i", "person_id": "p1", "kind": "idea", "text": "x", "attribution": "named"}, id="c")
    with pytest.raises(RuleError, match="only be attributed more privately"):
        rules.check_contribution(said, jo)
    private = build(Contribution, {"item_id": "i", "person_id": "p1", "kind": "idea", "text": "x", "attribution": "anonymous"}, id="c")
    rules.check_contribution(private, jo)
    assert rules.effective_consent(jo.consent, private.attribution) is Consent.ANONYMOUS


def test_action_owner_must_be_on_the_panel():
    action = build(Action, {"title": "Book a room", "owner_id": "p1"}, id="a")
    with pytest.raises(RuleError, match="must be a person on this panel"):
        rules.check_action(action, None)
    left = person(active_from="2025-01-01", active_to="2025-12-31")
    with pytest.raises(RuleError, match="left the panel on 2025-12-31"):
        rules.check_action(action, left, "2026-02-01")


def test_role_groups_put_lived_experience_first():
    assert rules.role_group((Role.RESEARCHER, Role.LIVED_EXPERIENCE)) is RoleGroup.LIVED_EXPERIENCE
    assert rules.role_group((Role.PRACTITIONER, Role.CARER)) is RoleGroup.CARERS
    assert rules.role_group((Role.PRACTITIONER,)) is RoleGroup.RESEARCH_PRACTICE
    assert rules.role_group((Role.OBSERVER,)) is RoleGroup.OBSERVERS


def test_facilitators_and_coordinators_are_a_group_of_their_own():
    """Published reports count researchers and practitioners apart from the people who
    run the panel: a facilitator is not a researcher."""
    assert rules.role_group((Role.FACILITATOR,)) is RoleGroup.FACILITATION
    assert rules.role_group((Role.COORDINATOR, Role.OBSERVER)) is RoleGroup.FACILITATION
    assert rules.role_group((Role.FACILITATOR, Role.RESEARCHER)) is RoleGroup.RESEARCH_PRACTICE
    assert [g.label for g in RoleGroup] == [
        "Lived experience", "Carers", "Researchers and practitioners", "Facilitators and coordinators", "Observers"]
    assert {role for group in RoleGroup for role in group.roles} == set(Role)  # every role counts somewhere
    assert RoleGroup.FACILITATION.definition == "Facilitators and coordinators: facilitator, coordinator"


def test_agenda_timing_warns_when_over():
    timing = rules.AgendaTiming([30, 40, None, 60], 120)
    assert timing.total == 130 and timing.over_by == 10 and timing.unallotted == 1
    assert timing.describe().startswith("Over time: 130 minutes allotted, 10 more than the 120 planned")
    assert "spare" in rules.AgendaTiming([30], 120).describe()
