"""Use-cases: meetings and agendas, contributions, decisions with their sources, actions."""

import pytest

from leap_desktop.domain.errors import NotFound, RuleError
from leap_desktop.domain.model import Decision, Person
from leap_desktop.domain.vocab import DecisionStatus, ItemState, RoleGroup
from leap_desktop.services import DecisionFilter


def test_agenda_items_reorder_and_close_up(small_panel, service):
    meeting = small_panel["meeting"]
    extra = service.add_item(meeting.id, title="Any other business", allotted_minutes=10)
    service.move_item(extra.id, 1)
    assert [i.title for i in service.agenda(meeting.id)] == ["Any other business", "Consent form", "Recruitment poster"]
    service.remove_item(extra.id)
    assert [(i.position, i.title) for i in service.agenda(meeting.id)] == [(1, "Consent form"), (2, "Recruitment poster")]


def test_item_with_contributions_cannot_be_removed(small_panel, service):
    with pytest.raises(RuleError, match="has 4 contribution"):
        service.remove_item(small_panel["item"].id)


def test_agenda_timing_against_planned_length(small_panel, service):
    meeting = small_panel["meeting"]
    assert service.agenda_timing(meeting.id).describe() == "70 of 90 minutes allotted (20 spare)"
    service.add_item(meeting.id, title="Long item", allotted_minutes=45)
    assert service.agenda_timing(meeting.id).is_over


def test_unfinished_item_carries_to_the_next_meeting(small_panel, service):
    moved = service.carry_item(small_panel["other"].id)
    assert moved.meeting_id == small_panel["later"].id
    assert moved.carried_from_id == small_panel["other"].id
    assert service.get(type(moved), small_panel["other"].id).state is ItemState.CARRIED
    with pytest.raises(RuleError, match="already been carried"):
        service.carry_item(small_panel["other"].id)


def test_carrying_from_the_last_meeting_asks_for_a_next_one(small_panel, service):
    last_item = service.add_item(small_panel["later"].id, title="Budget")
    with pytest.raises(RuleError, match="no later meeting"):
        service.carry_item(last_item.id)


def test_contribution_person_must_be_on_the_panel(small_panel, service):
    with pytest.raises(RuleError, match="must be a person on this panel"):
        service.add_contribution(small_panel["item"].id, "someone-else", "idea", "hello")


def test_record_decision_with_sources_and_trace(small_panel, service):
    said, people = small_panel["said"], small_panel["people"]
    decision = service.record_decision(
        title="Put a one-page summary first",
        item_id=small_panel["item"].id,
        status="agreed",
        method="vote",
        votes_for=6, votes_against=1, votes_abstain=1,
        level="collaborate",
        sources=[(said["amira"].id, "Why it matters"), said["ben"].id, said["cat"].id, said["dev"].id],
        coproducers=[(people["amira"].id, "Redrafted the summary at home")],
        dissent=[(people["cat"].id, "Ethics may object")],
    )
    assert decision.meeting_id == small_panel["meeting"].id
    assert decision.decided_on == "2026-03-05"
    trace = service.trace(decision.id)
    labels = [c.voice.label for c in trace.coproducers]
    # Names exactly as consent allows: named, initials, role only, anonymous.
    assert labels == ["Amira Khan", "B.O.", "Researcher", "Anonymous member 1"]
    amira = trace.coproducers[0]
    assert amira.named_directly and amira.direct_note == "Redrafted the summary at home"
    assert [s.contribution.ref for s in amira.contributions] == [said["amira"].ref]
    assert trace.coproducers[3].voice.roles == ()  # anonymous: no role shown either
    # Balance counts real roles: Amira, Dev (lived experience), Ben (carer), Cat (researcher).
    assert trace.source_balance.counts == {
        RoleGroup.LIVED_EXPERIENCE: 2, RoleGroup.CARERS: 1, RoleGroup.RESEARCH_PRACTICE: 1}
    assert trace.source_balance.share(RoleGroup.LIVED_EXPERIENCE, RoleGroup.CARERS) == 0.75
    assert trace.dissent[0][1] == "Ethics may object"
    data = trace.as_json()
    assert data["coproducers"][1] == {
        "name": "B.O.", "roles": ["carer"], "role_labels": ["Carer"],
        "contributions": [said["ben"].ref], "named_directly": False, "note": None,
    }


def test_private_contribution_is_not_grouped_under_a_name(small_panel, service):
    amira = small_panel["people"]["amira"]
    secret = service.add_contribution(small_panel["item"].id, amira.id, "insight", "Something personal", attribution="anonymous")
    decision = service.record_decision(title="X", status="agreed", method="consensus", sources=[small_panel["said"]["amira"].id, secret.id])
    trace = service.trace(decision.id)
    named = [c for c in trace.coproducers if c.voice.label == "Amira Khan"][0]
    assert [s.contribution.id for s in named.contributions] == [small_panel["said"]["amira"].id]
    assert any(c.voice.label.startswith("Anonymous member") for c in trace.coproducers)


def test_superseding_marks_the_old_decision_and_chains_both_ways(small_panel, service):
    old = service.record_decision(title="Form v1", status="agreed", method="consensus")
    new = service.record_decision(title="Form v2", status="agreed", method="consensus", supersedes_id=old.id)
    assert service.get(Decision, old.id).status is DecisionStatus.SUPERSEDED
    newest = service.record_decision(title="Form v3", status="proposed", supersedes_id=new.id)
    service.set_decision_status(newest.id, "agreed", method="consensus")
    trace = service.trace(new.id)
    assert [d.ref for d in trace.older] == [old.ref]
    assert [d.ref for d in trace.newer] == [newest.ref]
    assert [d.ref for d in service.trace(newest.id).older] == [new.ref, old.ref]


def test_only_agreed_decisions_can_be_replaced(service):
    proposal = service.record_decision(title="Maybe", status="proposed")
    with pytest.raises(RuleError, match="Only an agreed decision can be replaced"):
        service.record_decision(title="Instead", status="agreed", method="consensus", supersedes_id=proposal.id)


def test_superseded_cannot_be_set_by_hand(service):
    decision = service.record_decision(title="A", status="agreed", method="consensus")
    with pytest.raises(RuleError, match="later decision replaces it"):
        service.set_decision_status(decision.id, "superseded")


def test_decisions_are_never_deleted_once_decided(service):
    decision = service.record_decision(title="A", status="agreed", method="consensus")
    with pytest.raises(RuleError, match="never deleted"):
        service.remove_decision(decision.id)


def test_decision_log_filters(small_panel, service):
    said, people = small_panel["said"], small_panel["people"]
    a = service.record_decision(title="Summary page first", status="agreed", method="consensus", level="panel_led", sources=[said["ben"].id])
    service.record_decision(title="Easy-read version", status="proposed", level="consult", sources=[said["dev"].id])
    log = lambda **kw: [r.decision.ref for r in service.decision_log(DecisionFilter(**kw))]
    assert log(statuses=("agreed",)) == [a.ref]
    assert log(levels=("consult",)) == ["D-2"]
    assert log(person_id=people["ben"].id) == [a.ref]
    assert log(text="easy read") == ["D-2"]
    assert service.count_decisions(DecisionFilter(text="summary")) == 1


@pytest.mark.parametrize("flt", [DecisionFilter(), DecisionFilter(statuses=("agreed",)), DecisionFilter(text="the")],
                         ids=["all", "agreed", "search"])
def test_the_decision_log_read_a_page_at_a_time_is_the_whole_log(demo_service, flt):
    """The log's pages (as the decision log page reads them) put together are the whole
    log, in its order, with each decision's sources and open actions counted."""
    whole = demo_service.decision_log(flt)
    assert len(whole) > 7 and any(r.source_count for r in whole) and any(r.open_actions for r in whole)
    pages = [demo_service.decision_log(flt, limit=7, offset=start) for start in range(0, len(whole), 7)]
    assert [len(p) for p in pages[:-1]] == [7] * (len(pages) - 1)
    assert [row for page in pages for row in page] == whole


def test_actions_overdue_done_and_you_said_we_did(small_panel, service):
    owner = small_panel["people"]["cat"]
    late = service.add_action(title="Ask ethics", owner_id=owner.id, due_on="2026-06-01")
    later = service.add_action(title="Book room", owner_id=owner.id, due_on="2026-07-01")
    assert [a.ref for a in service.actions(overdue=True)] == [late.ref]
    with pytest.raises(RuleError, match="Say what was done"):
        service.set_action_status(late.id, "done")
    done = service.set_action_status(late.id, "done", outcome="Ethics agreed the change")
    assert done.closed_on == "2026-06-15"
    assert [a.ref for a in service.you_said_we_did("2026-06-01", "2026-06-30")] == [late.ref]
    assert service.actions(overdue=True) == []
    reopened = service.set_action_status(late.id, "open")
    assert reopened.closed_on is None
    assert later.status.value == "open"


def test_action_owner_who_left_is_refused(service):
    gone = service.add_person(display_name="Gone", roles=["carer"], active_to="2026-01-01", consent="named")
    with pytest.raises(RuleError, match="left the panel on 2026-01-01"):
        service.add_action(title="x", owner_id=gone.id)


def test_person_history_shows_what_their_words_shaped(small_panel, service):
    said, amira = small_panel["said"], small_panel["people"]["amira"]
    d = service.record_decision(title="Kinder wording", status="agreed", method="consensus", sources=[said["amira"].id])
    service.set_attendance(small_panel["meeting"].id, amira.id, status="present", hours=3)
    history = service.person_history(amira.id)
    assert [(s.row.contribution.ref, [x.ref for x in s.decisions]) for s in history.contributions] == [(said["amira"].ref, [d.ref])]
    assert [x.ref for x in history.decisions] == [d.ref]
    assert history.meetings_attended == 1 and history.hours == 3


def test_resolve_by_reference_number_and_name(small_panel, service):
    assert service.resolve(Person, "P-2").display_name == "Ben Okafor"
    assert service.resolve(Person, "2").display_name == "Ben Okafor"
    assert service.resolve(Person, "amira").display_name == "Amira Khan"
    assert service.resolve(Person, "Rhodes").display_name == "Cat Rhodes"
    with pytest.raises(NotFound, match="No person P-99"):
        service.resolve(Person, "P-99")
    with pytest.raises(NotFound, match="No person called 'Zed'"):
        service.resolve(Person, "Zed")
    service.add_person(display_name="Amir Shah", roles=["carer"], consent="named")
    with pytest.raises(RuleError, match="matches more than one person"):
        service.resolve(Person, "Amir")


def test_person_with_history_is_deactivated_not_deleted(small_panel, service):
    amira = small_panel["people"]["amira"]
    with pytest.raises(RuleError, match="mark them as having left"):
        service.remove_person(amira.id)
    left = service.deactivate_person(amira.id, on="2026-06-01")
    assert left.active_to == "2026-06-01"
    assert amira.id not in [p.id for p in service.people(active_on="2026-06-15")]


def test_minutes_statuses_move_only_through_the_minutes_workflow(small_panel, service):
    meeting = small_panel["meeting"]
    service.set_meeting_status(meeting.id, "held")
    service.set_meeting_status(meeting.id, "minutes_draft")
    with pytest.raises(RuleError, match="have their own step"):
        service.set_meeting_status(meeting.id, "minutes_circulated")


def test_adding_a_person_needs_their_choice_of_attribution(service):
    # Never Named by default: the least private choice has to be chosen, like the others.
    with pytest.raises(RuleError, match=r"Attribution consent is needed \(one of: named, initials, role_only, anonymous\)") as caught:
        service.add_person(display_name="Nadia Rahman", roles=["carer"])
    assert caught.value.field == "consent" and service.people() == []
