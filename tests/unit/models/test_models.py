"""The item models, checked by Qt's model tester and by what a reader would see (no widgets)."""

from PySide6.QtCore import QModelIndex, Qt

from leap_desktop.domain.model import Person
from leap_desktop.models.actions import ActionsModel
from leap_desktop.models.roles import RecordRole, SortRole
from leap_desktop.models.decisions import DecisionLogModel
from leap_desktop.models.people import PeopleModel
from leap_desktop.models.person import ContributionsModel, ShapedDecisionsModel, shaped_decisions
from leap_desktop.services import DecisionFilter


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_people_model_shows_roles_consent_and_who_left(qtmodeltester, demo_ctx, demo_service):
    model = PeopleModel(demo_ctx)
    model.refresh()
    qtmodeltester.check(model)
    names = texts(model, PeopleModel.NAME)
    assert "Amira Khan" in names and "Maria Santos" in names
    ben = names.index("Ben Okafor")
    assert model.index(ben, PeopleModel.ROLES).data() == "Carer"
    assert model.index(ben, PeopleModel.CONSENT).data() == "Initials"
    assert model.index(ben, PeopleModel.SHOWN_AS).data() == "B.O."
    assert model.index(ben, PeopleModel.ACCESS).data() == "Needs carer cover for his son on meeting days"
    maria = names.index("Maria Santos")
    assert model.index(maria, PeopleModel.MEMBERSHIP).data().startswith("Left on ")
    assert isinstance(model.index(maria, 0).data(RecordRole), Person)
    assert model.headerData(PeopleModel.CONSENT, Qt.Orientation.Horizontal) == "Attribution consent"

    model.set_include_left(False)
    qtmodeltester.check(model)
    assert "Maria Santos" not in texts(model, PeopleModel.NAME)


def test_decision_log_model_pages_through_the_log(qtmodeltester, demo_ctx, demo_service):
    model = DecisionLogModel(demo_ctx, page_size=5)
    model.refresh()
    total = demo_service.count_decisions()
    assert model.total == total > 10
    assert model.rowCount() == 5 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 10
    qtmodeltester.check(model)  # the tester fetches more pages itself
    model.fetch_all()
    assert model.rowCount() == total and not model.canFetchMore(QModelIndex())
    refs = texts(model, DecisionLogModel.REF)
    assert len(set(refs)) == total  # no page fetched twice
    assert refs == [r.decision.ref for r in demo_service.decision_log()]  # newest first, like the service


def test_decision_log_model_shows_a_first_page_then_pages_of_more(demo_ctx, demo_service):
    """The first page is a screenful (so the log appears at once); scrolling brings
    bigger pages; a refresh keeps what was loaded."""
    model = DecisionLogModel(demo_ctx, page_size=6, first_page=2)
    model.set_filter(DecisionFilter())
    assert model.rowCount() == 2 and model.total == demo_service.count_decisions() > 8
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 8
    model.refresh()
    assert model.rowCount() == 8
    model.set_filter(DecisionFilter())  # starting again: the first page only
    assert model.rowCount() == 2
    assert DecisionLogModel(demo_ctx).first_page == 50 and DecisionLogModel(demo_ctx).page_size == 200


def test_decision_log_model_filters_and_finds(qtmodeltester, demo_ctx, demo_service):
    # Qt's tester fetches pages itself when it sees a reset, so each filter gets its own
    # model: the tester then checks a settled model.
    reversed_only = DecisionLogModel(demo_ctx, page_size=3)
    reversed_only.set_filter(DecisionFilter(statuses=("reversed",)))
    qtmodeltester.check(reversed_only)
    assert reversed_only.rowCount() >= 1
    assert set(texts(reversed_only, DecisionLogModel.STATUS)) == {"Reversed"}

    nonsense = DecisionLogModel(demo_ctx, page_size=3)
    nonsense.set_filter(DecisionFilter(text='"unbalanced ( quote AND OR *'))
    assert nonsense.rowCount() == 0 and nonsense.total == 0  # nothing found, and no error

    everything = DecisionLogModel(demo_ctx, page_size=3)
    everything.set_filter(DecisionFilter(text="summary"))
    assert 0 < everything.total < demo_service.count_decisions()
    everything.set_filter(DecisionFilter())
    oldest = demo_service.decision_log()[-1].decision
    row = everything.ensure_loaded(oldest.id)
    assert row == everything.total - 1
    assert everything.index(row, DecisionLogModel.REF).data() == oldest.ref


def test_actions_model_says_overdue_in_words(qtmodeltester, demo_ctx, demo_service):
    model = ActionsModel(demo_ctx)
    model.set_filter(show="overdue")
    qtmodeltester.check(model)
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        due = model.index(row, ActionsModel.DUE)
        assert "Overdue by" in due.data()
        assert not due.data(Qt.ItemDataRole.DecorationRole).isNull()  # a marker as well as words
    model.set_filter(show="done")
    assert all(s.startswith("Done on ") for s in texts(model, ActionsModel.STATUS))
    assert all(texts(model, ActionsModel.OUTCOME))  # done always says what was done
    model.set_filter(show="all")
    qtmodeltester.check(model)
    owners = set(texts(model, ActionsModel.OWNER))
    assert not any("Dev Patel" in o for o in owners)  # anonymous people are never named here


def test_actions_model_sorts_by_due_date_with_undated_last(demo_ctx, demo_service):
    model = ActionsModel(demo_ctx)
    model.set_filter(show="all")
    keys = [model.index(r, ActionsModel.DUE).data(SortRole) for r in range(model.rowCount())]
    assert keys == sorted(keys)


def test_person_models_show_what_they_said_and_what_it_shaped(qtmodeltester, demo_service):
    amira = demo_service.resolve(Person, "Amira")
    history = demo_service.person_history(amira.id)
    said = ContributionsModel(None)
    said.set_rows(history.contributions)
    qtmodeltester.check(said)
    assert said.rowCount() == len(history.contributions) > 0
    taken_up = texts(said, ContributionsModel.TAKEN_UP)
    assert any(t.startswith("Shaped D-") for t in taken_up), "some of Amira's contributions shaped decisions"
    assert "Not taken up: It had already gone to the printer; the study team will use the idea in the next " \
           "version." in taken_up, "the reason she was given, in words"
    assert set(taken_up) - {t for t in taken_up if t.startswith(("Shaped D-", "Not taken up: "))} <= {
        "Noted", "Not recorded yet"}
    decisions = ShapedDecisionsModel(None)
    decisions.set_rows(shaped_decisions(history))
    qtmodeltester.check(decisions)
    how = texts(decisions, ShapedDecisionsModel.HOW)
    assert all(h.startswith("Through what they said: C-") or "Directly" in h for h in how)


def test_panel_choices_follow_what_is_shown_never_a_hidden_name(service):
    """A filter the panel reads offers people by their label only: named people by
    name, then initials; nobody who chose role only or anonymity; ties by who joined
    first, never by a name that is not shown."""
    from leap_desktop.models.format import panel_choices

    add = lambda name, consent, role="lived_experience": service.add_person(  # noqa: E731
        display_name=name, roles=[role], consent=consent)
    bola = add("Bola Ojo", "initials")
    ben = add("Ben Okafor", "initials")
    zara = add("Zara Quinn", "anonymous")
    aaron = add("Aaron Abbott", "role_only", "researcher")
    yusuf = add("Yusuf Ali", "named")
    choices = panel_choices(service.people())
    assert choices == [("Yusuf Ali", yusuf.id), ("B.O.", bola.id), ("B.O.", ben.id)]
    assert {zara.id, aaron.id}.isdisjoint(pid for _, pid in choices)


def test_dates_are_read_as_people_in_the_uk_write_them():
    from leap_desktop.words import parse_day

    for typed in ("2026-03-31", "31/03/2026", "31/3/26", "31.03.2026", "31-03-2026", "31 March 2026",
                  "Tue 31 Mar 2026", "Tuesday, 31st March 2026"):
        assert parse_day(typed) == "2026-03-31", typed
    assert parse_day("3/4/2026") == "2026-04-03"  # the day comes first
    for not_a_date in ("31/02/2026", "2026-02-30", "next week", "", "31/03-2026", "31 Foo 2026", "13/13/2026"):
        assert parse_day(not_a_date) is None, not_a_date
