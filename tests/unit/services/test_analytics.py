"""Participation and influence (issue 14): every figure on a small panel whose answers
are known by hand (tests/unit/services/reports_panel.py), small numbers hidden when
anonymised, and periods typed as people write them."""

from __future__ import annotations

import pytest

from leap_desktop.domain.errors import RuleError

from .reports_panel import build


@pytest.fixture
def panel(service):
    return build(service)


def rows(table):
    return table.cells()


def test_make_up_counts_each_person_once_and_hides_small_groups(service, panel):
    a = service.analytics
    assert rows(a.make_up()) == [["Lived experience", "3"], ["Carers", "fewer than 3"],
                                 ["Researchers and practitioners", "fewer than 3"],
                                 ["Facilitators and coordinators", "fewer than 3"], ["Observers", "0"]]
    assert [r[1] for r in rows(a.make_up(anonymised=False))] == ["3", "1", "1", "1", "0"]


def test_attendance_per_meeting_by_role_group_leaves_out_cancelled_meetings(service, panel):
    table = service.analytics.attendance(anonymised=False)
    got = {(r[0], r[2]): r[3] for r in table.rows}
    assert {m for m, _ in got} == {"M-1", "M-2", "M-3", "M-4"}, "the cancelled M-5 is not counted"
    assert [got[("M-2", g)] for g in ("Lived experience", "Carers", "Researchers and practitioners")] == [2, 1, 1]
    assert got[("M-1", "Facilitators and coordinators")] == 1
    anon = {(r[0], r[2]): r[3] for r in service.analytics.attendance().cells()}
    assert anon[("M-1", "Lived experience")] == "3" and anon[("M-2", "Lived experience")] == "fewer than 3"


def test_share_of_those_present_who_spoke(service, panel):
    assert [r[:5] for r in service.analytics.spoke(anonymised=False).cells()] == [
        ["M-1", "2026-01-10", "6", "3", "50%"], ["M-2", "2026-02-10", "4", "2", "50%"],
        ["M-3", "2026-03-10", "4", "1", "25%"], ["M-4", "2026-04-10", "4", "1", "25%"]]
    anon = service.analytics.spoke().cells()
    assert anon[0][2:] == ["6", "3", "50%"]
    assert anon[1][2:] == ["4", "fewer than 3", "fewer than 3"], "a share from 1 or 2 people is hidden too"


def test_share_of_contributions_by_role_group(service, panel):
    report = service.analytics.participation(anonymised=False)
    share = {r[0]: r for r in report.tables["contribution_share"].cells()}
    assert share["Lived experience"][2:] == ["5", "62%"]
    assert share["Carers"][2:] == ["1", "12%"] and share["Researchers and practitioners"][2:] == ["2", "25%"]
    anon = {r[0]: r for r in service.analytics.participation().tables["contribution_share"].cells()}
    assert anon["Lived experience"][1:] == ["3", "5", "62%"]
    assert anon["Carers"][1:] == ["fewer than 3"] * 3, "one carer's share would point to them"


def test_members_not_heard_for_several_meetings(service, panel):
    table = service.analytics.not_heard()
    assert [r[1:] for r in table.cells()] == [["Lee", "Lived experience", "3", "not in this period"]]
    assert "not_heard" not in service.analytics.participation().tables, "never in an anonymised output"
    assert "not_heard" not in service.analytics.participation(named=True).tables, "anonymised wins over named"
    assert "not_heard" in service.analytics.participation(anonymised=False, named=True).tables


def test_decisions_with_lived_experience_or_carer_voices(service, panel):
    table = service.analytics.decision_voices()
    assert table.cells()[-1] == ["Whole period", "3", "2", "67%"], "D-1 (Lia's words) and D-3 (Cara co-produced)"


def test_decisions_by_level_and_by_stage_over_time(service, panel):
    levels = {(r[0], r[1]): r[2] for r in service.analytics.decision_levels().rows}
    assert levels[("January 2026", "Collaborate")] == 1 and levels[("February 2026", "Consult")] == 1
    assert levels[("March 2026", "Panel-led")] == 1 and sum(levels.values()) == 3
    stages = service.analytics.decision_stages().rows
    assert ["January 2026", "Design", 1] in stages and ["February 2026", "Not set", 1] in stages


def test_uptake_of_the_impact_log_and_of_contributions(service, panel):
    got = {(r[0], r[1]): r[2] for r in service.analytics.uptake().rows}
    assert got[("Impact log entries", "Adopted")] == 1 and got[("Impact log entries", "Not adopted")] == 0
    assert got[("Contributions", "Shaped a decision")] == 2 and got[("Contributions", "Not recorded yet")] == 6


def test_how_long_you_said_we_did_takes(service, panel):
    assert service.analytics.you_said().cells() == [
        ["A-1", "2026-01-10", "2026-02-01", "2026-01-28", "M-2", "2026-02-10", "-4", "13", "31"],
        ["A-2", "2026-02-10", "2026-03-01", "2026-03-05", "M-4", "2026-04-10", "4", "36", "59"]]
    summary = service.analytics.participation().tables["you_said_summary"].cells()
    assert summary[0] == ["Days late (due to done)", "2", "0.0"]


def test_days_before_each_meeting_papers_went_out(service, panel):
    papers = service.analytics.papers().cells()
    assert papers[0] == ["M-1", "2026-01-10", "2026-01-03", "7"]
    assert papers[1][2:] == ["not recorded", ""]


def test_no_payments_table_when_the_panel_records_none(service, panel):
    assert service.analytics.payments() is None
    assert "payments" not in service.analytics.participation().tables


def test_a_period_typed_as_people_write_it(service, panel):
    a = service.analytics
    period = a.period("1/2/2026", "31 March 2026")
    assert (period.start, period.end) == ("2026-02-01", "2026-03-31")
    report = a.participation(period, anonymised=False)
    assert report.meetings == 2
    assert [r[0] for r in report.tables["spoke"].rows] == ["M-2", "M-3"]
    assert [r[0] for r in report.tables["you_said"].rows] == ["A-2"]
    with pytest.raises(RuleError, match="starts .* after it ends"):
        a.period("1/4/2026", "1/1/2026")
    with pytest.raises(RuleError, match="The first date: .*banana"):
        a.period("banana", None)


def test_every_chart_has_a_text_alternative_with_its_figures(service, panel):
    report = service.analytics.participation()
    assert len(report.charts) == 8
    alts = {c.key: c.alt for c in report.charts}
    assert alts["contribution_share"] == ("Bar chart: Share of contributions, by role group. Lived experience 62%; "
                                          "Carers fewer than 3; Researchers and practitioners fewer than 3; "
                                          "Facilitators and coordinators fewer than 3; Observers 0%.")
    assert "over 4 meetings from M-1 (2026-01-10) to M-4 (2026-04-10) (3 hidden: fewer than 3 people): " \
           "on average 50%" in alts["spoke"]
    named = {c.key: c.alt for c in service.analytics.participation(anonymised=False).charts}
    assert "on average 38%, lowest 25%, highest 50%" in named["spoke"]
    assert all(c.table.key in report.tables for c in report.charts), "each chart's table is a table of the report"


def test_every_table_says_what_it_counts(service, panel):
    for table in service.analytics.participation(anonymised=False, named=True).tables.values():
        assert table.definition and table.title and all(len(r) == len(table.headers) for r in table.rows)


def test_small_numbers_read_fewer_than_3_only_when_anonymised():
    from leap_desktop.domain.reports import suppressed

    assert [suppressed(n, True) for n in (0, 1, 2, 3, 1204)] == ["0", "fewer than 3", "fewer than 3", "3", "1,204"]
    assert [suppressed(n, False) for n in (1, 2)] == ["1", "2"]


def test_narratives_are_kept_cleared_and_carried_by_the_interchange_format(service, tmp_path):
    from leap_desktop.services import PanelService, interchange

    reports = service.reports
    reports.set_narrative("aim", "Why we involve people.")
    reports.set_narrative("Aim", "Why we involve people, again.")
    reports.set_answer("Support and learning", "Training every spring.")
    assert reports.texts("gripp2") == {"aim": "Why we involve people, again."}, "one text per field, replaced"
    document = interchange.export_document(service.store)
    assert [(t["report"], t["field"]) for t in document["report_texts"]] == [("gripp2", "aim"),
                                                                            ("standards", "support_and_learning")]
    with PanelService.open(tmp_path / "copy.leap", create=True) as copy:
        interchange.import_document(copy.store, document)
        assert copy.reports.text("standards", "support") == "Training every spring."
    reports.set_narrative("aim", "")
    assert reports.texts("gripp2") == {}
    with pytest.raises(RuleError, match="No GRIPP2 field 'poem'"):
        reports.set_narrative("poem", "x")


def test_a_document_with_two_texts_for_one_part_is_refused_plainly(service, tmp_path):
    from leap_desktop.services import PanelService, interchange
    from leap_desktop.services.import_checks import ImportRefused

    service.reports.set_narrative("aim", "Why.")
    document = interchange.export_document(service.store)
    document["report_texts"].append({**document["report_texts"][0], "id": "0b6c0f3e-7d1a-4a39-9a55-2f7f6f1b9e01"})
    with PanelService.open(tmp_path / "copy.leap", create=True) as copy:
        with pytest.raises(ImportRefused, match="second text for the same part"):
            interchange.import_document(copy.store, document)


def test_docs_define_every_table_and_cli_lists_every_report_command(service, panel):
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    reports = (root / "docs" / "reports.md").read_text(encoding="utf-8")
    for key in service.analytics.participation(anonymised=False, named=True).tables:
        assert f"`{key}`" in reports, f"docs/reports.md does not define the table {key}"
    cli = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in ("report gripp2", "report standards", "report participation", "report set-narrative",
                    "report set-answer"):
        assert f"leap {command}" in cli
    assert "docs/reports.md" in (root / "README.md").read_text(encoding="utf-8")
