"""The share of sources by role, in the groups published reports use (issue 10, item 17)."""

import io

from leap_desktop.cli import main
from leap_desktop.domain.vocab import RoleGroup
from leap_desktop.views.partials import trace_html


def _facilitated(small_panel, service):
    """A decision shaped by a lived-experience member, a carer and a facilitator."""
    s = service
    fran = s.add_person(display_name="Fran Ellis", roles=["facilitator"], consent="named")
    said = small_panel["said"]
    fran_said = s.add_contribution(small_panel["item"].id, fran.id, "suggestion", "Take a break halfway.")
    return s.record_decision(title="Breaks in long meetings", status="agreed", method="consensus",
                             sources=[said["amira"].id, said["ben"].id, fran_said.id])


def test_a_facilitator_is_counted_as_a_facilitator_not_a_researcher(small_panel, service):
    decision = _facilitated(small_panel, service)
    trace = service.trace(decision.id)
    assert trace.source_balance.counts == {
        RoleGroup.LIVED_EXPERIENCE: 1, RoleGroup.CARERS: 1, RoleGroup.FACILITATION: 1}
    assert trace.source_balance.describe() == (
        "Lived experience: 1 (33%); Carers: 1 (33%); Facilitators and coordinators: 1 (33%)")
    data = trace.as_json()
    assert data["share_of_sources_by_role"]["researchers_practitioners"]["count"] == 0
    assert data["share_of_sources_by_role"]["facilitators_coordinators"]["count"] == 1
    assert data["role_groups"]["facilitators_coordinators"]["roles"] == ["facilitator", "coordinator"]


def test_the_trace_pane_shows_the_groups_and_what_they_hold(small_panel, service):
    decision = _facilitated(small_panel, service)
    html = trace_html.render(service.trace(decision.id), today=service.today())
    assert "<td>Facilitators and coordinators:&nbsp;&nbsp;</td><td align=\"right\"><b>1</b> of 3 sources" in html
    assert "<td>Researchers and practitioners:" not in html  # none here: no row of 0
    assert "Researchers and practitioners: researcher, practitioner; " in html  # the definition
    assert "counts once, in the first of these groups that fits" in html


def test_leap_trace_prints_the_groups(small_panel, service, tmp_path):
    decision = _facilitated(small_panel, service)
    path = service.store.path
    service.close()
    out, err = io.StringIO(), io.StringIO()
    assert main(["--db", str(path), "trace", decision.ref], out=out, err=err) == 0, err.getvalue()
    text = " ".join(out.getvalue().split())
    assert "Share of sources by role: Lived experience: 1 (33%); Carers: 1 (33%); Facilitators and coordinators: 1 (33%)" in text
    assert "Who counts where: Lived experience: lived experience member; Carers: carer;" in text
