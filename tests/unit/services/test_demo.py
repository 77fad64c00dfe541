"""The demo panel has something worth seeing on every screen."""

import datetime as dt

from leap_desktop.domain.vocab import ActionStatus, Consent, ContributionKind, DecisionStatus, Role
from leap_desktop.services.demo import build_demo


def test_demo_has_every_role_consent_kind_and_status(tmp_path):
    from leap_desktop.services import PanelService

    clock = lambda: dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.timezone.utc)
    svc = PanelService.open(tmp_path / "demo.leap", create=True, clock=clock)
    counts = build_demo(svc.store)
    assert counts["meetings"] == 13 and 10 <= counts["people"] <= 15
    people = svc.people()
    assert {r for p in people for r in p.roles} == set(Role)
    assert {p.consent for p in people} == set(Consent)
    kinds = {c.kind for m in svc.meetings() for i in svc.agenda(m.id) for c in svc.contributions(i.id)}
    assert kinds == set(ContributionKind)
    statuses = {d.status for d in svc.decisions()}
    assert {DecisionStatus.SUPERSEDED, DecisionStatus.REVERSED, DecisionStatus.AGREED, DecisionStatus.PROPOSED} <= statuses
    assert any(svc.dissent(d.id) for d in svc.decisions())
    actions = svc.actions()
    assert {a.status for a in actions} == set(ActionStatus)
    assert svc.actions(overdue=True), "the demo should show overdue actions"
    assert all(svc.trace(d.id).sources for d in svc.decisions()), "every demo decision has sources"
    assert svc.check() == []
    svc.close()


def test_demo_file_is_made_whole_and_never_over_an_existing_file(tmp_path):
    import pytest

    from leap_desktop.domain.errors import StoreError
    from leap_desktop.services import PanelService
    from leap_desktop.services.demo import create_demo_file

    path = tmp_path / "folder" / "demo.leap"
    counts = create_demo_file(path)
    assert counts["decisions"] > 10
    assert sorted(p.name for p in path.parent.iterdir()) == ["demo.leap"]
    with PanelService.open(path) as svc:
        assert svc.panel().name == "Personalisation in Mental Health LEAP"
    before = path.read_bytes()
    with pytest.raises(StoreError, match="already exists"):
        create_demo_file(path)
    assert path.read_bytes() == before


def test_demo_impact_log_has_a_stage_of_its_own_and_reasons_members_were_given(demo_service):
    from leap_desktop.domain.impact_vocab import DEFAULT_STAGES, Uptake
    from leap_desktop.domain.model import Person

    impact = demo_service.impact
    names = [s.name for s in impact.stages()]
    assert [n for n in names if n not in DEFAULT_STAGES] == ["Peer researcher training"]
    assert names.index("Peer researcher training") == names.index("Recruitment") + 1, "where it comes in the study"
    uses = impact.stage_uses()
    assert uses[impact.find_stage("peer").id].summary() == "1 agenda item"
    assert {impact.find_stage(n).id for n in ("Data collection", "Analysis")} <= set(uses), "items carry stages"
    said = demo_service.person_history(demo_service.resolve(Person, "Amira").id).contributions
    statuses = {s.status for s in said}
    assert {Uptake.SHAPED, Uptake.NOT_TAKEN_UP, Uptake.UNKNOWN} <= statuses
    assert any(s.taken_up.startswith("Not taken up: ") and len(s.taken_up) > 40 for s in said), "with the reason"
