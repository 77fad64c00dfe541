"""Every model over rows held in memory (no panel file, no window): Qt's model tester
(pytest-qt's qtmodeltester) checks each, and the cells say what a reader would see."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from leap_desktop.domain.vocab import Consent
from leap_desktop.models.actions import ActionsModel
from leap_desktop.models.agenda import AgendaModel
from leap_desktop.models.attendance import AttendanceModel
from leap_desktop.models.context import AppContext
from leap_desktop.models.contributions import ContributionsModel
from leap_desktop.models.decisions import DecisionLogModel
from leap_desktop.models.item_records import ItemActionsModel, ItemDecisionsModel
from leap_desktop.models.meetings import MeetingsModel
from leap_desktop.models.member_choices import MemberChoicesModel
from leap_desktop.models.people import PeopleModel
from leap_desktop.models.person import ContributionsModel as SaidModel
from leap_desktop.models.person import ShapedDecision, ShapedDecisionsModel
from leap_desktop.models.roles import RecordIdRole, RecordRole, RowRole, SortRole
from leap_desktop.models.table import TableModel
from leap_desktop.services.trace import ShapedContribution
from leap_desktop.store.queries import ContributionRow

from .memory_panel import MemoryService, person, small_panel

DISPLAY, TIP, ACCESSIBLE = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole


@pytest.fixture
def panel() -> MemoryService:
    return small_panel()


@pytest.fixture
def memory_ctx(panel, settings, qapp):
    context = AppContext(panel, settings)
    yield context
    context.detach()


def column(model, number, role=DISPLAY):
    return [model.index(row, number).data(role) for row in range(model.rowCount())]


def everything_shown(model) -> str:
    return " ".join(str(model.index(r, c).data(role) or "") for r in range(model.rowCount())
                    for c in range(model.columnCount()) for role in (DISPLAY, TIP, ACCESSIBLE))


def test_every_model_answers_the_same_roles_the_same_way():
    assert len({RecordRole, RecordIdRole, RowRole, SortRole}) == 4
    assert (TableModel.RecordRole, TableModel.RecordIdRole, TableModel.RowRole) == (RecordRole, RecordIdRole, RowRole)
    assert PeopleModel.SortRole == AgendaModel.SortRole == SortRole


def test_people(memory_ctx, qtmodeltester):
    model = PeopleModel(memory_ctx)
    model.refresh()
    qtmodeltester.check(model)
    assert column(model, PeopleModel.NAME) == ["Amira Khan", "Ben Okafor", "Cat Rhodes", "Dev Patel"]
    assert column(model, PeopleModel.SHOWN_AS) == ["Amira Khan", "B.O.", "Researcher", "Anonymous member"]
    assert column(model, PeopleModel.MEMBERSHIP)[3] == "Left on 31 Jan 2026"
    assert model.index(1, 0).data(RecordRole).display_name == "Ben Okafor"
    assert model.index(1, 0).data(RecordIdRole) == "p2" and model.row_of("p2") == 1
    assert model.row_at(9) is None and not model.index_of("nobody").isValid()


def test_a_refresh_keeps_the_selection_on_the_same_person(memory_ctx, panel, qtbot):
    model = PeopleModel(memory_ctx)
    model.refresh()
    chosen = QItemSelectionModel(model)
    chosen.setCurrentIndex(model.index_of("p3"), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    panel.people_.append(person(5, "Aaron Bell", Consent.NAMED))
    with qtbot.wait_signal(model.rowsInserted), qtbot.assert_not_emitted(model.modelReset):
        model.refresh()
    assert chosen.currentIndex().data() == "Cat Rhodes"  # the new row came before it


def test_actions(memory_ctx, qtmodeltester):
    model = ActionsModel(memory_ctx)
    model.set_filter(show="all")
    qtmodeltester.check(model)
    assert column(model, ActionsModel.DUE) == ["Overdue by 14 days (due 1 Jun 2026)", "1 Jul 2026"]
    assert column(model, ActionsModel.OWNER) == ["Amira Khan", "Anonymous member"]
    assert column(model, ActionsModel.STATUS)[1] == "Done on 10 Jun 2026"
    assert column(model, ActionsModel.DECISION) == ["D-1", ""]
    assert column(model, ActionsModel.DUE, SortRole) == ["2026-06-01", "2026-07-01"]
    assert model.index(0, 0).data(RecordRole).ref == "A-1" and model.overdue_count() == 1
    model.set_filter(show="done")
    assert column(model, ActionsModel.REF) == ["A-2"]


def test_decision_log_pages_and_hides_names(memory_ctx, panel, qtmodeltester):
    for number in range(3, 9):
        panel.decisions.append(replace(panel.decisions[1], id=f"d{number}", number=number))
    model = DecisionLogModel(memory_ctx, page_size=3)
    model.restart()
    assert (model.rowCount(), model.total) == (3, 8)
    qtmodeltester.check(model)  # the tester fetches the other pages itself
    assert column(model, DecisionLogModel.REF) == [f"D-{n}" for n in range(8, 0, -1)]
    assert column(model, DecisionLogModel.TITLE)[-1] == "Summary first, as [name removed] asked"
    assert model.ensure_loaded("d1") == 7


def test_meetings_follow_a_change_row_by_row(memory_ctx, panel, qtbot, qtmodeltester):
    upcoming = MeetingsModel(memory_ctx, "upcoming")
    qtmodeltester.check(upcoming)
    assert column(upcoming, MeetingsModel.TITLE) == ["June panel with [name removed]"]
    assert column(upcoming, MeetingsModel.PAPERS) == ["Not sent yet: the meeting is in 3 days"]
    assert column(upcoming, MeetingsModel.WHEN) == ["Thu 18 Jun 2026, 14:00"]
    panel.papers_sent[panel.meetings[1].id] = "2026-06-15"
    with qtbot.wait_signal(upcoming.dataChanged), qtbot.assert_not_emitted(upcoming.modelReset):
        panel.changed("papers_sent")
    assert column(upcoming, MeetingsModel.PAPERS) == ["Sent 15 Jun 2026"]
    past = MeetingsModel(memory_ctx, "past")
    assert column(past, MeetingsModel.AGENDA) == ["2 items, 70 of 90 minutes"]
    assert past.index(0, 0).data(RecordRole).ref == "M-1"


def test_agenda_clock_and_moves(memory_ctx, panel, qtbot, qtmodeltester):
    model = AgendaModel(memory_ctx, "m1", as_panel_reads=True)
    qtmodeltester.check(model)
    assert column(model, AgendaModel.TIME) == ["14:00 to 14:40", "14:40 to 15:10"]
    assert column(model, AgendaModel.TITLE) == ["Consent form", "Poster by [name removed]"]
    assert column(model, AgendaModel.PRESENTER) == ["Amira Khan", ""]
    assert model.index(0, AgendaModel.POSITION).data(ACCESSIBLE) == "Item 1"
    assert model.index(1, 0).data(RecordRole).id == "i2" and model.index(1, 0).data(RowRole).presenter == ""
    with qtbot.wait_signal(model.rowsMoved), qtbot.assert_not_emitted(model.modelReset):
        assert model.move_by(1, -1)
    assert panel.moves == [("i2", 1)] and column(model, AgendaModel.POSITION) == ["1", "2"]
    assert column(model, AgendaModel.TITLE)[0] == "Poster by [name removed]"


def test_attendance(memory_ctx, qtmodeltester):
    model = AttendanceModel(memory_ctx, "m1")
    qtmodeltester.check(model)
    assert column(model, AttendanceModel.STATUS) == ["Not recorded yet", "Present", "Not recorded yet",
                                                     "Not recorded yet"]
    assert [model.index(1, c).data() for c in range(5)] == ["Ben Okafor", "Carer", "Present", "chair", "2.5 hours"]
    assert model.index(1, 0).data(RecordIdRole) == "p2"
    assert model.counts() == {"present": 1, "apologies": 0, "absent": 0, "unrecorded": 3}


def test_contributions_on_an_item(memory_ctx, panel, qtbot, qtmodeltester):
    model = ContributionsModel(memory_ctx, "i1", checkable=True)
    qtmodeltester.check(model)
    assert column(model, ContributionsModel.WHO) == ["Amira Khan", "B.O."]
    assert column(model, ContributionsModel.TEXT)[1] == "[name removed] said put a summary first."
    assert model.index(1, ContributionsModel.TEXT).data(Qt.ItemDataRole.EditRole) == "Dev said put a summary first."
    assert model.set_ticked("c2") and [c.id for c in model.ticked()] == ["c2"]
    panel.said = panel.said[:1]
    with qtbot.wait_signal(model.rowsRemoved), qtbot.wait_signal(model.tickedChanged):
        panel.changed("contributions")
    assert model.ticked() == []


def test_decisions_and_actions_on_an_item(memory_ctx, qtmodeltester):
    decisions, actions = ItemDecisionsModel(memory_ctx, "i1"), ItemActionsModel(memory_ctx, "i1")
    qtmodeltester.check(decisions)
    qtmodeltester.check(actions)
    assert [decisions.index(0, c).data() for c in range(4)] == [
        "D-1", "Agreed", "Summary first, as [name removed] asked", "1 contribution"]
    assert [actions.index(0, c).data() for c in range(4)] == ["A-1", "Amira Khan", "1 Jun 2026", "Redraft the form"]


def test_member_choices_with_a_none_row(memory_ctx, panel, qtmodeltester):
    model = MemberChoicesModel(memory_ctx, on_day="2026-03-05", none_label="No presenter")
    qtmodeltester.check(model)
    assert column(model, 0) == ["No presenter", "Amira Khan", "Ben Okafor", "Cat Rhodes"]
    assert column(model, 0, RecordIdRole) == [None, "p1", "p2", "p3"]
    assert model.row_of(None) == 0 and model.row_of("p3") == 3
    assert model.index(2, 0).data(TIP) == "Ben Okafor: carer"
    assert [p.display_name for p in model.matching("ok")] == ["Ben Okafor"]
    panel.people_.append(person(5, "Aaron Bell", Consent.NAMED))
    panel.changed("people")
    assert column(model, 0)[1] == "Aaron Bell"


def test_a_persons_page_models_filled_by_their_page(panel, qtmodeltester):
    amira = panel.people_[0]
    row = ContributionRow(panel.said[0], "Consent form", "m1", 1, "March panel", "2026-03-05")
    said = SaidModel(None)
    said.set_rows([ShapedContribution(row, [panel.decisions[0]])])
    qtmodeltester.check(said)
    assert [said.index(0, c).data() for c in range(6)] == [
        "5 Mar 2026", "M-1", "Consent form", "Lived-experience insight", "The form felt frightening.", "Shaped D-1"]
    assert said.index(0, 0).data(RecordIdRole) == "c1"
    from leap_desktop.domain.impact_vocab import Uptake
    from leap_desktop.domain.model import ContributionUptake

    why = ContributionUptake(id="u1", contribution_id="c1", status=Uptake.NOT_TAKEN_UP,
                             reason="The ethics committee asked for the full wording", recorded_on="2026-03-09")
    said.set_rows([ShapedContribution(row, []), ShapedContribution(row, [], uptake=why),
                   ShapedContribution(row, [], uptake=replace(why, status=Uptake.NOTED, reason=None))])
    qtmodeltester.check(said)
    assert [said.index(r, SaidModel.TAKEN_UP).data() for r in range(3)] == [
        "Not recorded yet", "Not taken up: The ethics committee asked for the full wording", "Noted"]
    assert said.index(1, SaidModel.TAKEN_UP).data(Qt.ItemDataRole.ToolTipRole) == (
        "Not taken up: The ethics committee asked for the full wording (recorded 9 March 2026)")
    shaped = ShapedDecisionsModel(None)
    shaped.set_rows([ShapedDecision(panel.decisions[0], "Through what they said: C-1")])
    qtmodeltester.check(shaped)
    assert shaped.index(0, ShapedDecisionsModel.HOW).data() == "Through what they said: C-1"
    shaped.set_rows([])
    assert shaped.rowCount() == 0 and amira.consent is Consent.NAMED


def test_nothing_shown_names_an_anonymous_member(memory_ctx):
    models = [MeetingsModel(memory_ctx), AgendaModel(memory_ctx, "m1", as_panel_reads=True),
              ContributionsModel(memory_ctx, "i1"), ItemDecisionsModel(memory_ctx, "i1"),
              ItemActionsModel(memory_ctx, "i1"), ActionsModel(memory_ctx), DecisionLogModel(memory_ctx)]
    models[-2].set_filter(show="all")
    models[-1].restart()
    for model in models:
        assert model.rowCount() and "Dev" not in everything_shown(model), type(model).__name__
    assert not QModelIndex().isValid()
