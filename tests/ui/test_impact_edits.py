"""Editing the research stages, deleting from the impact log, and marking uptake from a
person's page: by keyboard, on the demo panel, checking what a person sees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.impact_vocab import Uptake
from leap_desktop.domain.model import Contribution, Person
from leap_desktop.models.impact import ImpactModel, StagesModel
from leap_desktop.models.person import ContributionsModel
from leap_desktop.views.dialogs.impact_delete import DeleteImpactDialog
from leap_desktop.views.dialogs.impact import UptakeDialog
from leap_desktop.views.dialogs.research_stages import ResearchStagesDialog, StageNameDialog
from leap_desktop.views.partials.widgets import select_row

from .helpers import CTRL, CTRL_SHIFT, activate, column, press, type_text, wait_closed, wait_dialog

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def impact_page(window, qtbot, ref="E-1"):
    page = window.show_page("impact")
    activate(window, qtbot)
    page.show_record(window.ctx.service.impact.entry(ref).id)
    page.ui.impactTable.setFocus()
    return page


def refs(page) -> list[str]:
    return column(page.model, ImpactModel.REF)


def stage_names(dialog) -> list[str]:
    return column(dialog.model, StagesModel.NAME)


def choose_stage(dialog, name: str) -> None:
    select_row(dialog.ui.stagesTable, stage_names(dialog).index(name))
    dialog.ui.stagesTable.setFocus()


# -- the research stages ------------------------------------------------------------------------


def test_the_stages_say_what_uses_each_and_a_stage_in_use_stays(window, qtbot):
    page = impact_page(window, qtbot)
    press(qtbot, K.Key_S, ALT)
    dialog = wait_dialog(window, qtbot, ResearchStagesDialog)
    assert QApplication.focusWidget() is dialog.ui.stagesTable
    names = stage_names(dialog)
    assert names[4:7] == ["Recruitment", "Peer researcher training", "Data collection"], "the panel's own stage"
    used = dict(zip(names, column(dialog.model, StagesModel.USED)))
    assert used["Peer researcher training"] == "1 agenda item" and used["Ethics"] == "Not used"
    assert used["Design"] == "1 decision and 1 impact log entry"
    assert not dialog.ui.problemLabel.isVisible()
    choose_stage(dialog, "Design")
    press(qtbot, K.Key_Delete)
    assert dialog.ui.problemLabel.isVisible()
    assert dialog.ui.problemLabel.text() == (
        "Not removed: The research stage Design is in use, so it stays on the list. It is the stage of decision "
        "D-5 and impact log entry E-1. Set those to another stage, or to none, first.")
    assert "Design" in stage_names(dialog) and window.ctx.undo_stack.count() == 0, "nothing changed"
    choose_stage(dialog, "Ethics")
    press(qtbot, K.Key_M, ALT)  # Remove (a button's Alt key clicks it a moment later)
    qtbot.waitUntil(lambda: "Ethics" not in stage_names(dialog))
    assert not dialog.ui.problemLabel.isVisible()
    assert column(dialog.model, StagesModel.PLACE) == [str(n) for n in range(1, 11)], "no gap"
    assert window.statusBar().currentMessage() == "Took Ethics off the list of research stages (Edit > Undo puts it back)"
    assert page.ui.stageCombo.findText("Ethics") == -1, "the Impact page's filter follows the list"
    window.ctx.undo_stack.undo()
    assert stage_names(dialog)[3] == "Ethics" and page.ui.stageCombo.findText("Ethics") >= 0, "back at its place"
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)


def test_adding_moving_and_renaming_a_stage_each_undoable(window, qtbot):
    page = impact_page(window, qtbot)
    service = window.ctx.service
    page.ui.stageCombo.setCurrentIndex(page.ui.stageCombo.findText("Design"))
    assert refs(page) == ["E-1"]
    press(qtbot, K.Key_S, ALT)
    dialog = wait_dialog(window, qtbot, ResearchStagesDialog)
    press(qtbot, K.Key_A, ALT)
    adder = wait_dialog(window, qtbot, StageNameDialog)
    assert adder.windowTitle() == "Add a research stage" and QApplication.focusWidget() is adder.ui.nameEdit
    press(qtbot, K.Key_Return, CTRL)
    assert adder.ui.nameError.text() == "Research stage is needed"
    type_text(qtbot, "design")
    press(qtbot, K.Key_Return, CTRL)
    assert adder.ui.nameError.text() == "There is already a research stage called 'design'"
    adder.ui.nameEdit.clear()
    type_text(qtbot, "Writing up with members", adder.ui.nameEdit)
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not adder.isVisible())
    assert stage_names(dialog)[-1] == "Writing up with members"
    assert dialog.current().name == "Writing up with members", "the new stage is chosen"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ui.stagesTable)
    press(qtbot, K.Key_Up, CTRL)
    press(qtbot, K.Key_Up, CTRL)
    assert stage_names(dialog)[9:] == ["Writing up with members", "Dissemination", "Implementation"]
    assert window.statusBar().currentMessage() == "Writing up with members is now research stage 10 of 12"
    window.ctx.undo_stack.undo()
    assert stage_names(dialog)[10] == "Writing up with members"
    choose_stage(dialog, "Design")
    press(qtbot, K.Key_F2)
    renamer = wait_dialog(window, qtbot, StageNameDialog)
    assert renamer.windowTitle() == "Rename Design"
    assert renamer.ui.introLabel.text() == "Everything at this stage (1 decision and 1 impact log entry) shows the new name."
    type_text(qtbot, "Study design")  # the old name is selected: typing replaces it
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: not renamer.isVisible())
    assert "Study design" in stage_names(dialog) and "Design" not in stage_names(dialog)
    assert service.impact.stage_of(service.resolve(type(service.decisions()[0]), "D-5")).name == "Study design"
    assert page.ui.stageCombo.currentText() == "Study design" and refs(page) == ["E-1"], "the filter kept its stage"
    assert page.model.index(0, ImpactModel.STAGE).data() == "Study design"
    stack = window.ctx.undo_stack
    assert stack.undoText() == "Rename research stage Design to Study design"
    stack.undo()
    assert "Design" in stage_names(dialog) and page.ui.stageCombo.currentText() == "Design"
    stack.undo()  # the move
    stack.undo()  # the new stage
    assert "Writing up with members" not in stage_names(dialog)
    stack.redo()
    assert stage_names(dialog)[-1] == "Writing up with members", "redo brings the same stage back"


# -- deleting an entry or a view ------------------------------------------------------------------


def test_deleting_an_entry_asks_first_and_undo_brings_it_back_whole(window, qtbot):
    page = impact_page(window, qtbot, "E-1")
    service = window.ctx.service
    before = service.impact.entry("E-1")
    links, views = len(service.impact.links(before)), len(service.impact.voices(before))
    press(qtbot, K.Key_D, ALT)
    dialog = wait_dialog(window, qtbot, DeleteImpactDialog)
    ui = dialog.ui
    assert dialog.windowTitle() == "Delete from E-1" and QApplication.focusWidget() is ui.whatCombo
    assert ui.whatCombo.currentText() == "The whole entry E-1, with its views and links"
    assert ui.whatHint.text() == ("E-1 goes from the impact log, with 3 views and its links to 3 contributions, "
                                  "1 decision and 1 action. The contributions, decisions and actions themselves "
                                  "stay in the record.")
    assert dialog.ok_button().text() == "&Delete"
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)
    assert refs(page) == ["E-1", "E-3", "E-2", "E-4"], "Cancel deletes nothing"
    page.ui.impactTable.setFocus()
    press(qtbot, K.Key_Delete)  # the same from the list
    dialog = wait_dialog(window, qtbot, DeleteImpactDialog)
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)
    assert refs(page) == ["E-3", "E-2", "E-4"]
    assert page.ui.countLabel.text() == "3 entries; 2 with a view missing"
    assert window.statusBar().currentMessage() == "Deleted E-1 from the impact log (Edit > Undo brings it back)"
    assert window.ctx.undo_stack.undoText() == "Delete E-1"
    window.ctx.undo_stack.undo()
    assert refs(page) == ["E-1", "E-3", "E-2", "E-4"]
    back = service.impact.entry("E-1")
    assert (len(service.impact.links(back)), len(service.impact.voices(back))) == (links, views)
    window.ctx.undo_stack.redo()
    assert refs(page) == ["E-3", "E-2", "E-4"]
    assert service.check() == []


def test_deleting_one_view_says_whose_view_will_be_missing(window, qtbot):
    page = impact_page(window, qtbot, "E-3")
    press(qtbot, K.Key_D, ALT)
    dialog = wait_dialog(window, qtbot, DeleteImpactDialog)
    combo = dialog.ui.whatCombo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert len(texts) == 2 and texts[1].startswith("Researcher's view by ")
    combo.setCurrentIndex(1)
    assert dialog.ui.whatHint.text() == "Only this view goes; E-3 stays in the log. The researcher's view will then be missing."
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    assert refs(page) == ["E-1", "E-3", "E-2", "E-4"] and page.current().ref == "E-3"
    assert page.ui.detailText.toPlainText().endswith(
        "Both views are missing: no researcher's view and no public contributor's view yet.")
    assert window.statusBar().currentMessage() == "Deleted the researcher's view from E-3 (Edit > Undo brings it back)"
    window.ctx.undo_stack.undo()
    assert page.ui.detailText.toPlainText().endswith("No public contributor's view yet.")


def test_the_delete_dialog_names_people_as_their_consent_allows(window, qtbot):
    service = window.ctx.service
    dev = service.resolve(Person, "Dev Patel")  # anonymous
    service.impact.add_voice("E-3", "public", dev.id, "Dev here: it was our choice.", written_on="2026-04-20")
    impact_page(window, qtbot, "E-3")
    press(qtbot, K.Key_D, ALT)
    dialog = wait_dialog(window, qtbot, DeleteImpactDialog)
    texts = [dialog.ui.whatCombo.itemText(i) for i in range(dialog.ui.whatCombo.count())]
    assert any(t.startswith("Public contributor's view by Anonymous member 1, 20 April 2026: \u201c[name removed] here")
               for t in texts)
    assert not any("Dev" in t for t in texts)
    press(qtbot, K.Key_Escape)


# -- marking uptake from a person's page ------------------------------------------------------------


def said_on(page) -> list[str]:
    return column(page.contributions, ContributionsModel.TAKEN_UP)


def test_a_persons_page_says_whether_each_contribution_was_taken_up_and_marks_it(window, qtbot):
    service = window.ctx.service
    amira = service.resolve(Person, "Amira Khan")
    page = window.show_page("person", amira.id)
    activate(window, qtbot)
    model = page.contributions
    assert model.headerData(ContributionsModel.TAKEN_UP, Qt.Orientation.Horizontal) == "Taken up?"
    taken = said_on(page)
    assert "Not taken up: It had already gone to the printer; the study team will use the idea in the next version." \
        in taken, "the reason she was given, in words"
    assert any(t.startswith("Shaped D-") for t in taken) and "Not recorded yet" in taken
    assert not page.ui.uptakeButton.isEnabled(), "nothing chosen yet"
    row = taken.index("Not recorded yet")
    contribution = model.row_at(row).row.contribution
    select_row(page.ui.contributionsTable, row)
    page.ui.contributionsTable.setFocus()
    assert page.ui.uptakeButton.isEnabled()
    press(qtbot, K.Key_U, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, UptakeDialog)
    ui = dialog.ui
    assert ui.contributionCombo.count() == 1 and ui.contributionCombo.currentText().startswith(
        f"{contribution.ref} Amira Khan, "), "the contribution chosen, and only it"
    assert ui.contributionHint.text() == "Now: not recorded yet."
    press(qtbot, K.Key_W, ALT)
    assert QApplication.focusWidget() is ui.statusCombo
    ui.statusCombo.setCurrentIndex(ui.statusCombo.findText("Not taken up"))
    press(qtbot, K.Key_Return, CTRL)
    assert ui.reasonError.text() == "Say why it was not taken up, so the member hears the reason"
    type_text(qtbot, "The survey had already closed", ui.reasonEdit)
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    assert said_on(page)[row] == "Not taken up: The survey had already closed"
    assert page.current_contribution().id == contribution.id, "the same contribution stays chosen"
    assert window.statusBar().currentMessage() == f"{contribution.ref}: not taken up"
    window.ctx.undo_stack.undo()
    assert said_on(page)[row] == "Not recorded yet"
    assert service.impact.uptake(service.get(Contribution, contribution.id))[0] is Uptake.UNKNOWN


def test_a_contribution_that_shaped_a_decision_says_so_from_the_persons_page(window, qtbot):
    service = window.ctx.service
    page = window.show_page("person", service.resolve(Person, "Amira Khan").id)
    activate(window, qtbot)
    row = next(i for i, t in enumerate(said_on(page)) if t.startswith("Shaped D-"))
    select_row(page.ui.contributionsTable, row)
    page.ui.contributionsTable.setFocus()
    entries = [a.text() for a in window.page_menus["person"].actions()]
    assert "Mark &uptake…" in entries, "in the Person menu too"
    page.uptake_action.trigger()
    dialog = wait_dialog(window, qtbot, UptakeDialog)
    assert dialog.ui.contributionHint.text() == f"It shaped {said_on(page)[row].removeprefix('Shaped ')}."
    assert not dialog.ui.statusCombo.isEnabled()
    press(qtbot, K.Key_Escape)
    wait_closed(window, dialog, qtbot)


def test_marking_uptake_for_a_member_who_chose_anonymity_keeps_them_unnamed_in_the_dialog(window, qtbot):
    service = window.ctx.service
    dev = service.resolve(Person, "Dev Patel")
    page = window.show_page("person", dev.id)
    activate(window, qtbot)
    select_row(page.ui.contributionsTable, 0)
    page.ui.contributionsTable.setFocus()
    press(qtbot, K.Key_U, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, UptakeDialog)
    assert "Dev" not in dialog.ui.contributionCombo.currentText()
    assert "Anonymous member" in dialog.ui.contributionCombo.currentText()
    press(qtbot, K.Key_Escape)
