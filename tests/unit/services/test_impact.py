"""The impact log (issue 13): entries, two voices, drafts from the record, research
stages and "was it taken up?", on the small panel of tests/conftest.py."""

from __future__ import annotations

import pytest

from leap_desktop.domain.errors import NotFound, RuleError
from leap_desktop.domain.impact_vocab import DEFAULT_STAGES, ImpactOutcome, Standard, Uptake
from leap_desktop.domain.model import ImpactEntry, build
from leap_desktop.services.impact_view import build_log


@pytest.fixture
def panel(small_panel, service):
    p = small_panel
    said = p["said"]
    p["decision"] = service.record_decision(
        title="Put a summary page first", text="The consent form opens with a one-page summary.",
        summary="A short page comes first.", rationale="Members found the form frightening.",
        status="agreed", method="consensus", item_id=p["item"].id,
        sources=[(said["amira"].id, None), (said["ben"].id, "Adopted as worded")],
    )
    p["action"] = service.add_action(title="Redraft the form with a summary page", owner_id=p["people"]["cat"].id,
                                     decision_id=p["decision"].id, due_on="2026-03-20")
    service.set_action_status(p["action"].id, "done", outcome="Summary page added; ethics approved it.")
    return p


# -- the records' own rules --------------------------------------------------------------------


def test_adapted_and_not_adopted_need_a_reason():
    for outcome, words in (("adapted", "how it was adapted and why"), ("not_adopted", "why it was not adopted")):
        with pytest.raises(RuleError, match=words):
            build(ImpactEntry, {"title": "Asked", "outcome": outcome}, id="e")
    assert build(ImpactEntry, {"title": "Asked", "outcome": "adopted"}, id="e").outcome is ImpactOutcome.ADOPTED


def test_standards_are_the_six_uk_standards():
    entry = build(ImpactEntry, {"title": "Asked", "standards": "Working together; impact"}, id="e")
    assert entry.standards == (Standard.WORKING_TOGETHER, Standard.IMPACT)
    with pytest.raises(RuleError, match="UK Standards must be one of: inclusive_opportunities"):
        build(ImpactEntry, {"title": "Asked", "standards": ["teamwork"]}, id="e")


def test_an_entry_is_stored_with_its_standards_and_audited(panel, service):
    entry = service.impact.add_entry(title="What should the form say?", item_id=panel["item"].id,
                                     standards=["communications", "impact"], links=["C-1", panel["decision"].ref])
    again = service.impact.entry(entry.ref)
    assert again.standards == (Standard.COMMUNICATIONS, Standard.IMPACT)
    assert again.meeting_id == panel["meeting"].id and again.activity_on == "2026-03-05", "the item's meeting and day"
    assert {l.target_id for l in service.impact.links(again)} == {panel["said"]["amira"].id, panel["decision"].id}
    assert service.check() == []


def test_an_item_of_another_meeting_is_refused(panel, service):
    with pytest.raises(RuleError, match="is on the agenda of another meeting"):
        service.impact.add_entry(title="Asked", meeting_id=panel["later"].id, item_id=panel["item"].id)
    assert service.impact.entries() == []


def test_links_are_contributions_decisions_or_actions_once(panel, service):
    entry = service.impact.add_entry(title="Asked", links=["A-1"])
    with pytest.raises(RuleError, match="already linked"):
        service.impact.link(entry.ref, "A-1")
    with pytest.raises(RuleError, match=r"Link a contribution \(C-3\), a decision \(D-2\) or an action"):
        service.impact.link(entry.ref, "M-1")
    with pytest.raises(NotFound, match="No contribution C-99"):
        service.impact.link(entry.ref, "C-99")
    service.impact.unlink(entry.ref, "A-1")
    assert service.impact.links(entry) == []
    with pytest.raises(NotFound, match="No impact log entry 'E-9'"):
        service.impact.entry("E-9")


# -- research stages ---------------------------------------------------------------------------


def test_the_usual_ten_stages_until_the_list_is_edited(panel, service):
    assert [s.name for s in service.impact.stages()] == list(DEFAULT_STAGES)
    assert service.impact.stages()[0].id == "", "not saved until used"
    service.impact.set_stage(panel["item"].ref, "ethics")
    assert all(s.id for s in service.impact.stages())
    service.impact.add_stage("Public involvement review")
    service.impact.rename_stage("design", "Study design")
    names = [s.name for s in service.impact.stages()]
    assert names[1] == "Study design" and names[-1] == "Public involvement review" and len(names) == 11
    with pytest.raises(RuleError, match="The research stage Ethics is in use"):
        service.impact.remove_stage("ethics")
    service.impact.remove_stage("public involvement")
    assert len(service.impact.stages()) == 10
    with pytest.raises(RuleError, match="There is already a research stage called 'ethics'"):
        service.impact.add_stage("ethics")


def test_a_decision_has_its_own_stage_or_its_items(panel, service):
    impact = service.impact
    impact.set_stage(panel["item"].ref, "data coll")  # a unique beginning is enough
    assert impact.stage_of(panel["decision"]).name == "Data collection"
    impact.set_stage(panel["decision"].ref, "Analysis")
    assert impact.stage_of(panel["decision"]).name == "Analysis"
    assert impact.stage_of(panel["item"]).name == "Data collection"
    impact.set_stage(panel["decision"].ref, "none")
    assert impact.stage_of(panel["decision"]).name == "Data collection"
    with pytest.raises(RuleError, match="No research stage 'marketing' \\(the stages are: Identifying"):
        impact.set_stage(panel["item"].ref, "marketing")
    with pytest.raises(RuleError, match="could be more than one research stage: Design, Data collection"):
        impact.set_stage(panel["item"].ref, "d")
    with pytest.raises(RuleError, match="set on an agenda item \\(I-3\\) or a decision"):
        impact.set_stage("A-1", "design")
    assert service.check() == []


def test_entries_filter_by_standard_stage_and_outcome(panel, service):
    impact = service.impact
    a = impact.add_entry(title="One", standards=["impact"], stage="design", outcome="adopted")
    b = impact.add_entry(title="Two", standards=["governance"], stage="ethics", outcome="not_adopted",
                         outcome_reason="The funder said no")
    assert [e.ref for e in impact.entries(standard="Impact")] == [a.ref]
    assert [e.ref for e in impact.entries(stage="ethics")] == [b.ref]
    assert [e.ref for e in impact.entries(outcome="not adopted")] == [b.ref]


# -- drafted from the record ---------------------------------------------------------------------


def test_a_draft_uses_only_the_records_own_text(panel, service):
    draft = service.impact.draft(panel["decision"].ref)
    said = panel["said"]
    record_text = [panel["item"].title, said["amira"].text, said["ben"].text, panel["decision"].title,
                   panel["decision"].text, panel["decision"].summary, panel["decision"].rationale,
                   panel["action"].title, "Summary page added; ethics approved it."]
    v = draft.values
    assert v["title"] == "Consent form" and v["why_it_matters"] == panel["decision"].rationale
    assert v["outcome"] is ImpactOutcome.ADOPTED and v["drafted_from_id"] == panel["decision"].id
    for line in (v["how_contributed"] + "\n" + v["what_changed"]).splitlines():
        words = line.split(": ", 1)[-1].split(" - ")
        assert all(any(w in t for t in record_text) for w in words), f"invented: {line!r}"
    assert [r.ref for r in draft.links] == ["C-1", "C-2", panel["decision"].ref, panel["action"].ref]
    entry = service.impact.add_draft(panel["decision"].ref)
    assert sorted(l.target_id for l in service.impact.links(entry)) == sorted(r.id for r in draft.links)
    with pytest.raises(RuleError, match=f"{entry.ref} was already drafted from {panel['decision'].ref}"):
        service.impact.draft(panel["decision"].ref)


def test_no_draft_without_sources(panel, service):
    bare = service.record_decision(title="Meet online in August", status="agreed", method="consensus",
                                   item_id=panel["other"].id)
    with pytest.raises(RuleError, match="has no contributions recorded as its sources"):
        service.impact.draft(bare.ref)


def test_a_rejected_decision_drafts_not_adopted_with_its_reason(panel, service):
    rejected = service.record_decision(title="Drop the easy-read version", status="rejected", method="consensus",
                                       rationale="Members said easy-read helps many people.", item_id=panel["item"].id,
                                       sources=[(panel["said"]["dev"].id, None)])
    draft = service.impact.draft(rejected.ref)
    assert draft.values["outcome"] is ImpactOutcome.NOT_ADOPTED
    assert draft.values["outcome_reason"] == "Members said easy-read helps many people."


def test_a_draft_keeps_a_private_remark_from_naming_its_speaker(panel, service):
    amira = panel["people"]["amira"]
    c = service.add_contribution(panel["item"].id, amira.id, "concern", "Amira thinks this is too long.",
                                 attribution="anonymous")
    d = service.record_decision(title="Shorten it", status="agreed", method="consensus", item_id=panel["item"].id,
                                sources=[(c.id, None)])
    assert "Amira" not in service.impact.draft(d.ref).values["how_contributed"]


# -- two voices --------------------------------------------------------------------------------


def test_both_voices_and_whose_is_missing(panel, service):
    impact = service.impact
    entry = impact.add_entry(title="What should the form say?")
    (view,) = build_log(service, [entry])
    assert view.missing == "Both views are missing: no researcher's view and no public contributor's view yet"
    impact.add_voice(entry.ref, "researcher", "cat", "We learnt to start with the summary.", written_on="2026-03-20")
    (view,) = build_log(service, [entry])
    assert view.missing == "No public contributor's view yet"
    assert [(v.by, v.written_on) for v in view.researcher] == [("Researcher", "20 March 2026")], "role only"
    impact.add_voice(entry.ref, "public", "dev", "Dev here: I felt listened to.", written_on="2026-03-21")
    impact.add_voice(entry.ref, "public", "ben", "It was quicker than I feared.", written_on="2026-03-22")
    (view,) = build_log(service, [entry])
    assert view.missing is None
    assert [v.by for v in view.public] == ["Anonymous member 1", "B.O."]
    assert view.public[0].text == "[name removed] here: I felt listened to.", "an anonymous author's name is removed"


def test_only_the_right_people_write_each_view(panel, service):
    entry = service.impact.add_entry(title="Asked")
    with pytest.raises(RuleError, match="has no research or practice role, so cannot write the researcher's view"):
        service.impact.add_voice(entry.ref, "researcher", "amira", "I think it went well.")
    with pytest.raises(RuleError, match="is not a lived experience member or a carer"):
        service.impact.add_voice(entry.ref, "public", "cat", "Members seemed happy.")
    with pytest.raises(RuleError, match="The view is needed"):
        service.impact.add_voice(entry.ref, "public", "amira", "   ")
    assert service.impact.voices(entry) == []


def test_a_view_can_be_more_private_than_its_author(panel, service):
    entry = service.impact.add_entry(title="Asked")
    service.impact.add_voice(entry.ref, "public", "amira", "Amira: it mattered.", attribution="role_only")
    (view,) = build_log(service, [entry])
    assert view.public[0].by == "Lived experience member" and "Amira" not in view.public[0].text


# -- was it taken up? ------------------------------------------------------------------------------


def test_uptake_shaped_is_derived_and_the_rest_are_marked(panel, service):
    impact, said = service.impact, panel["said"]
    status, _, decisions = impact.uptake(said["amira"])
    assert status is Uptake.SHAPED and [d.ref for d in decisions] == [panel["decision"].ref]
    assert impact.uptake(said["cat"])[0] is Uptake.UNKNOWN
    with pytest.raises(RuleError, match=f"C-1 shaped {panel['decision'].ref}, so it was taken up"):
        impact.mark_uptake("C-1", "not taken up", "No")
    with pytest.raises(RuleError, match="Say why it was not taken up"):
        impact.mark_uptake("C-3", "not-taken-up")
    impact.mark_uptake("C-3", "not-taken-up", "Ethics needs the full wording.")
    assert impact.uptake(said["cat"])[:2] == (Uptake.NOT_TAKEN_UP, "Ethics needs the full wording.")
    impact.mark_uptake("C-3", "noted")
    assert impact.uptake(said["cat"])[:2] == (Uptake.NOTED, None)
    impact.mark_uptake("C-4", "noted")
    counts = impact.counts()
    assert (counts.shaped, counts.noted, counts.not_taken_up, counts.unknown) == (2, 2, 0, 0)
    impact.mark_uptake("C-3", "unknown")
    assert impact.uptake(said["cat"])[0] is Uptake.UNKNOWN
    with pytest.raises(RuleError, match="Mark a contribution as noted or not taken up"):
        impact.mark_uptake("C-3", "shaped")
    assert service.check() == []


def test_an_edit_sets_the_links_in_the_same_change_or_changes_nothing(panel, service):
    """The app's editor saves the fields and the links together (one change, one undo)."""
    entry = service.impact.add_entry(title="Asked", links=["C-1", "A-1"])
    heard = []
    service.listen(lambda change: heard.append(change.summary))
    with pytest.raises(NotFound, match="No contribution C-99"):
        service.impact.edit_entry(entry.ref, title="Asked again", links=["C-1", "C-99"])
    assert service.impact.entry(entry.ref).title == "Asked" and heard == []
    edited = service.impact.edit_entry(entry.ref, title="Asked again", links=[panel["decision"].ref, "C-1", "C-1"])
    assert heard == [f"Edit impact log entry {entry.ref}"]
    assert edited.title == "Asked again"
    assert [r.ref for r in service.impact.linked(edited)] == ["C-1", panel["decision"].ref], \
        "contributions, then decisions, then actions; once each"
    assert service.check() == []


# -- editing the list of stages, and what uses each ---------------------------------------------


def test_a_stage_moves_and_the_list_has_no_gaps(panel, service):
    impact = service.impact
    moved = impact.move_stage("ethics", 1)  # the usual list is saved first
    assert moved.position == 1 and [s.name for s in impact.stages()][:3] == ["Ethics", "Identifying and prioritising",
                                                                           "Design"]
    assert [s.position for s in impact.stages()] == list(range(1, 11))
    for bad in (0, 11, "first", ""):
        with pytest.raises(RuleError, match="Say a place in the list from 1 to 10"):
            impact.move_stage("ethics", bad)
    assert impact.stages()[0].name == "Ethics", "a refused move changes nothing"
    assert impact.find_stage(moved.id) == impact.stages()[0], "found by its id too"
    gone = impact.remove_stage("design")
    assert [s.position for s in impact.stages()] == list(range(1, 10)) and "Design" not in {s.name for s in impact.stages()}
    back = impact.restore_stage(gone.id)
    assert back.position == 3 and [s.name for s in impact.stages()][2] == "Design", "back at its place"
    assert [s.position for s in impact.stages()] == list(range(1, 11))
    assert service.check() == []


def test_a_stage_in_use_is_refused_with_where_it_is_used(panel, service):
    impact = service.impact
    impact.set_stage(panel["item"].ref, "ethics")
    impact.set_stage(panel["decision"].ref, "ethics")
    entry = impact.add_entry(title="Asked", stage="ethics")
    uses = impact.stage_uses()[impact.find_stage("ethics").id]
    assert uses.summary() == "1 agenda item, 1 decision and 1 impact log entry"
    assert uses.all_refs() == [panel["item"].ref, panel["decision"].ref, entry.ref]
    with pytest.raises(RuleError) as refused:
        impact.remove_stage("ethics")
    assert str(refused.value) == (
        f"The research stage Ethics is in use, so it stays on the list. It is the stage of agenda item "
        f"{panel['item'].ref}, decision {panel['decision'].ref} and impact log entry {entry.ref}. Set those to "
        "another stage, or to none, first.")
    impact.remove_entry(entry.ref)
    impact.set_stage(panel["decision"].ref, "none")
    impact.set_stage(panel["other"].ref, "ethics")
    assert impact.stage_uses()[impact.find_stage("ethics").id].summary() == "2 agenda items"
    service.remove_item(panel["other"].id)  # a mark on a deleted item does not count
    assert impact.stage_uses()[impact.find_stage("ethics").id].summary() == "1 agenda item"
    assert impact.find_stage("design").id not in impact.stage_uses()


def test_many_uses_are_counted_not_all_named():
    from leap_desktop.services.impact_stages import StageUses

    uses = StageUses({"D": [f"D-{n}" for n in range(1, 12)]})
    assert uses.where() == "decisions D-1, D-2, D-3, D-4, D-5, D-6, D-7, D-8 and 3 more"
    assert uses.summary() == "11 decisions" and StageUses().summary() == "Not used" and not StageUses()


# -- deleting an entry or a view ------------------------------------------------------------------


def test_deleting_an_entry_takes_its_views_and_links_and_undo_brings_back_just_those(panel, service):
    impact = service.impact
    entry = impact.add_entry(title="What should the form say?", links=["C-1", "C-2", panel["decision"].ref])
    early = impact.add_voice(entry.ref, "public", "amira", "A first thought.", written_on="2026-03-06")
    impact.add_voice(entry.ref, "public", "ben", "It was quicker than I feared.", written_on="2026-03-22")
    impact.add_voice(entry.ref, "researcher", "cat", "We learnt to start with the summary.", written_on="2026-03-20")
    impact.remove_voice(early.id)  # deleted on its own, before the entry
    impact.remove_entry(entry.ref)
    assert impact.entries() == [] and impact.links(entry) == [] and impact.voices(entry) == []
    with pytest.raises(NotFound, match=f"No impact log entry '{entry.ref}'"):
        impact.entry(entry.ref)
    assert service.get(type(panel["decision"]), panel["decision"].id), "what it linked to stays"
    back = impact.restore_entry(entry.id)
    assert back.ref == entry.ref and len(impact.links(back)) == 3
    assert [v.text for v in impact.voices(back)] == ["We learnt to start with the summary.",
                                                     "It was quicker than I feared."], "not the view deleted before"
    assert service.check() == []


def test_a_view_is_found_by_whose_it_is(panel, service):
    impact = service.impact
    entry = impact.add_entry(title="Asked")
    first = impact.add_voice(entry.ref, "public", "amira", "Before.", written_on="2026-03-06")
    impact.add_voice(entry.ref, "public", "amira", "After.", written_on="2026-04-06")
    with pytest.raises(RuleError, match="wrote more than one public contributor's view on .*2026-03-06, 2026-04-06"):
        impact.find_voice(entry.ref, "public", "amira")
    assert impact.find_voice(entry.ref, "public", "amira", written_on="6/3/2026") == first
    with pytest.raises(NotFound, match="There is no researcher's view by P-3"):
        impact.find_voice(entry.ref, "researcher", "cat")
    removed = impact.remove_voice(first.id)
    assert removed.deleted_at is not None and [v.text for v in impact.voices(entry)] == ["After."]


# -- was it taken up, on a person's page -----------------------------------------------------------


def test_a_persons_history_says_whether_each_contribution_was_taken_up(panel, service):
    said = panel["said"]
    service.impact.mark_uptake(said["cat"].ref, "not_taken_up", "Ethics asked for the full wording")
    history = service.person_history(panel["people"]["cat"].id)
    (cat,) = history.contributions
    assert (cat.status, cat.taken_up) == (Uptake.NOT_TAKEN_UP, "Not taken up: Ethics asked for the full wording")
    assert history.as_json()["contributions"][0]["uptake"] == "not_taken_up"
    (amira,) = service.person_history(panel["people"]["amira"].id).contributions
    assert amira.taken_up == f"Shaped {panel['decision'].ref}"
    service.impact.mark_uptake(said["dev"].ref, "noted")
    assert service.person_history(panel["people"]["dev"].id).contributions[0].taken_up == "Noted"
    service.impact.mark_uptake(said["dev"].ref, "unknown")
    assert service.person_history(panel["people"]["dev"].id).contributions[0].taken_up == "Not recorded yet"
