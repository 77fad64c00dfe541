"""Names typed into free text, on the screens the panel reads (the decision log, the
Actions page, the Meetings page, meeting mode), follow each person's consent as the
exports do; the coordinator's own pages (Panel members, a person's page) keep them."""

from __future__ import annotations

import pytest
from consent_panel import HIDDEN, build_consent_panel, found
from PySide6.QtCore import Qt

from leap_desktop.domain.model import Person
from leap_desktop.views.shell.main_window import MainWindow
from leap_desktop.views.pages.meeting_mode import MeetingMode

from .meeting_helpers import show


@pytest.fixture
def consent(service):
    return build_consent_panel(service)


@pytest.fixture
def window(ctx, consent, appearance, qtbot):
    win = MainWindow(ctx, None, appearance=appearance, remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def texts(model) -> list[str]:
    """Every cell of a model as shown and as a tooltip."""
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                value = index.data(role)
                if isinstance(value, str):
                    out.append(value)
    return out


def column(model, col) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def combo_items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_decision_log_shows_names_only_as_consent_allows(window):
    page = window.show_page("decisions")
    shown = texts(page.model)
    assert found(" | ".join(shown), HIDDEN) == []
    assert "Adopt [name removed]'s plan" in column(page.model, page.model.TITLE)
    assert found(" | ".join(combo_items(page.ui.meetingCombo)), HIDDEN) == []
    assert any("Meeting with [name removed]" in text for text in combo_items(page.ui.meetingCombo))
    assert page.ui.traceView.accessibleName() == "Details of D-1 Adopt [name removed]'s plan"
    assert found(page.ui.traceView.toPlainText(), HIDDEN) == []


def test_searching_the_log_for_a_hidden_name_finds_nothing_and_says_why(window, qtbot):
    page = window.show_page("decisions")
    qtbot.keyClicks(page.ui.searchEdit, "zara")
    page.apply_filter()
    assert page.model.rowCount() == 0
    assert page.ui.countLabel.text().endswith("Names of members who are not shown by name are not searched for.")
    page.ui.searchEdit.setText("Zara plan")  # the name is dropped; "plan" is searched for
    page.apply_filter()
    assert column(page.model, page.model.TITLE) == ["Adopt [name removed]'s plan"]
    assert page.ui.countLabel.text() == (
        "1 of 1 decision match. Names of members who are not shown by name are not searched for.")
    page.ui.searchEdit.setText("plan")
    page.apply_filter()
    assert page.ui.countLabel.text() == "1 of 1 decision match"


def test_the_actions_page_shows_names_only_as_consent_allows(window):
    page = window.show_page("actions")
    page.ui.showCombo.setCurrentIndex(page.ui.showCombo.findData("all"))
    titles = column(page.model, page.model.TITLE)
    assert sorted(titles) == ["T.V. to book the room", "[name removed] to check", "[name removed] to send the plan"]
    assert found(" | ".join(texts(page.model)), HIDDEN) == []
    page.show_record(next(line.action.id for line in page.model.rows() if line.action.outcome))
    assert page.ui.detailLabel.text().splitlines()[0] == "A-2: [name removed] to check"
    assert "What was done: [name removed] checked with [name removed]" in page.ui.detailLabel.text()
    assert found(page.ui.detailLabel.text(), HIDDEN) == []


def test_the_meetings_page_shows_names_only_as_consent_allows(window):
    page = window.show_page("meetings")
    shown = texts(page.past)
    assert "Meeting with [name removed]" in column(page.past, page.past.TITLE)
    assert any("[name removed]'s house" in text for text in shown)
    assert found(" | ".join(shown), HIDDEN) == []


def test_the_coordinators_own_pages_keep_the_names_as_typed(window, ctx):
    zara = ctx.service.resolve(Person, "Zara Quinn")
    page = window.show_page("person", zara.id)
    assert column(page.actions_model, page.actions_model.TITLE) == ["Zara to send the plan"]
    people = window.show_page("people")
    assert "Zara Quinn" in column(people.model, 0)


def test_meeting_mode_may_be_projected_so_free_text_follows_consent(ctx, consent, qtbot):
    mode = MeetingMode(ctx)
    mode.show_record(consent["meeting"].id)
    show(qtbot, mode)
    mode.go_to_item(consent["item"].id)
    ui = mode.ui
    assert ui.itemTitleLabel.text() == "[name removed]'s proposal"
    assert ui.itemNotesLabel.text() == "[name removed] to present; see [name removed]'s notes"
    assert ui.meetingLabel.text().startswith("Meeting with [name removed] · ")
    said = column(mode.contributions, mode.contributions.TEXT)
    assert "I agree with [name removed]'s point; [name removed] said it. [name removed] too" in said
    assert "My private worry ([name removed], just this once)." in said  # Amy asked for this one to be anonymous
    assert column(mode.decisions, mode.decisions.TITLE) == ["Adopt [name removed]'s plan"]
    assert column(mode.actions_model, mode.actions_model.TITLE) == ["[name removed] to send the plan",
                                                                    "[name removed] to check"]
    everything = (texts(mode.agenda) + texts(mode.contributions) + texts(mode.decisions) + texts(mode.actions_model)
                  + combo_items(ui.actionDecisionCombo) + [mode.accessibleDescription()])
    assert [t for t in everything if found(t, HIDDEN)] == []
    # Correcting what was said starts from the words as typed.
    row = mode.contributions.row_of(next(c.id for c in mode.contributions.rows() if c.text.startswith("I agree")))
    edit = mode.contributions.index(row, mode.contributions.TEXT).data(Qt.ItemDataRole.EditRole)
    assert edit == "I agree with zara's point; Zed said it. Z.Q. too"


def test_a_change_of_consent_shows_at_once_on_the_page_on_screen(window, ctx, qtbot):
    page = window.show_page("meetings")
    zara = ctx.service.resolve(Person, "Zara Quinn")
    with qtbot.wait_signal(page.past.dataChanged):
        ctx.service.edit_person(zara.id, consent="named")
    assert "Meeting with Zara Quinn" in column(page.past, page.past.TITLE)
