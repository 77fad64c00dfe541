"""The decision log's search looks in what shaped a decision and who, as consent allows,
and folds accents (issue 10, item 16)."""

import pytest

from leap_desktop.services import DecisionFilter


@pytest.fixture
def shaped(small_panel, service):
    """A decision shaped by Siân (named), Cat (role only), Dev (anonymous) and a remark
    Amira (named) asked to keep anonymous; and one named directly, Zoë."""
    s, people, said, item = service, small_panel["people"], small_panel["said"], small_panel["item"]
    sian = s.add_person(display_name="Siân Llewelyn", roles=["lived_experience"], consent="named")
    zoe = s.add_person(display_name="Zoë Brennan", preferred_name="Zo", roles=["carer"], consent="named")
    hospital = s.add_contribution(item.id, sian.id, "insight", "The hospital letters frightened me.")
    private = s.add_contribution(item.id, people["amira"].id, "insight", "Something personal about money.",
                                 attribution="anonymous")
    decision = s.record_decision(title="Write to people in plain words", status="agreed", method="consensus",
                                 sources=[hospital.id, said["cat"].id, said["dev"].id, private.id])
    other = s.record_decision(title="Offer travel costs", status="agreed", method="consensus",
                              coproducers=[zoe.id])
    return {"decision": decision, "other": other}


def found(service, text):
    return [row.decision.ref for row in service.decision_log(DecisionFilter(text=text))]


def test_words_of_the_contributions_that_shaped_it_find_it(shaped, service):
    ref = shaped["decision"].ref
    assert found(service, "hospital") == [ref]  # in a source, not in the decision
    assert found(service, "hosp") == [ref]  # the last word as typed so far
    assert found(service, "plain hospital") == [ref]  # one in the decision, one in a source
    assert found(service, "plain travel") == []  # every word must be found
    assert service.count_decisions(DecisionFilter(text="hospital")) == 1


def test_named_co_producers_find_it_with_or_without_accents(shaped, service):
    ref, other = shaped["decision"].ref, shaped["other"].ref
    for typed in ("Siân", "Sian", "sian", "SIAN", "Llewelyn", "siân llew", "Si"):
        assert found(service, typed) == [ref], typed
    for typed in ("Zoë", "Zoe", "Brennan", "zo"):  # named directly, and by their preferred name
        assert found(service, typed) == [other], typed


def test_accents_fold_in_the_decisions_own_words_too(small_panel, service):
    decision = service.record_decision(title="Ask the café about the room", status="agreed", method="consensus")
    assert found(service, "cafe") == found(service, "CAFÉ") == [decision.ref]


def test_a_hidden_name_never_finds_what_they_shaped(shaped, service):
    # Cat Rhodes is shown by role only, Dev Patel anonymously, Ben by initials: their
    # names find nothing, so a search cannot tell which decisions they shaped.
    for typed in ("Cat", "Rhodes", "Cat Rhodes", "Dev", "Patel", "Ben", "Okafor"):
        assert found(service, typed) == [], typed
    # Amira is named, but asked for this one remark to be anonymous: her name finds
    # only decisions her named remarks shaped (none here).
    assert found(service, "Amira") == []
