"""The Impact page (issue 13): the log with both voices, whose view is missing, and
filters by UK Standard, research stage and outcome; on the demo panel."""

from __future__ import annotations

from leap_desktop.models.impact import ImpactModel
from leap_desktop.services.impact_view import build_log


def refs(page) -> list[str]:
    model = page.model
    return [model.index(r, ImpactModel.REF).data() for r in range(model.rowCount())]


def choose(combo, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def test_the_log_with_both_voices_and_filters(window):
    page = window.show_page("impact")
    assert refs(page) == ["E-1", "E-3", "E-2", "E-4"]
    assert page.ui.countLabel.text() == "4 entries; 2 with a view missing"
    detail = page.ui.detailText.toPlainText()
    assert "The researcher's view" in detail and "Eleanor Whitfield, 11 October 2025:" in detail
    assert "Carys Evans" in detail and "Public contributors' views" in detail
    choose(page.ui.standardCombo, "Governance")
    assert refs(page) == ["E-3"]
    assert page.ui.detailText.toPlainText().endswith("No public contributor's view yet.")
    assert page.model.index(0, ImpactModel.VIEWS).data() == "researcher"
    choose(page.ui.standardCombo, "Every UK Standard")
    choose(page.ui.stageCombo, "Dissemination")
    assert refs(page) == ["E-4"]
    choose(page.ui.stageCombo, "Every research stage")
    choose(page.ui.outcomeCombo, "Adapted")
    assert refs(page) == ["E-3"]


def test_the_page_follows_a_change(window):
    page = window.show_page("impact")
    service = window.ctx.service
    service.impact.add_voice("E-3", "public", "amira", "It was our choice, not theirs.", written_on="2026-04-20")
    assert page.ui.countLabel.text() == "4 entries; 1 with a view missing"
    assert page.model.rows() == build_log(service)


def test_a_persons_page_writes_what_their_input_changed(window, tmp_path, monkeypatch):
    import docx
    from PySide6.QtWidgets import QFileDialog

    from leap_desktop.domain.model import Person

    service = window.ctx.service
    dev = service.resolve(Person, "Dev Patel")  # chose to stay anonymous: his own document names him
    page = window.show_page("person", dev.id)
    asked = []

    def ask(parent, title, suggested, filters):
        asked.append(suggested)
        return str(tmp_path / "dev"), "Word document, large print (*.docx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    assert page.ui.feedbackButton.isEnabled()
    page.ui.feedbackButton.click()
    written = tmp_path / "dev.docx"
    assert asked[0].endswith(f"what-your-input-changed-{dev.ref}.docx"), "a reference, not a name"
    document = docx.Document(str(written))
    assert document.core_properties.title == "What your input changed: Dev Patel"
    assert document.core_properties.keywords.endswith("large print")


# -- writing the log in the app, by keyboard ------------------------------------------------------

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from leap_desktop.domain.impact_vocab import ImpactOutcome, Standard, Uptake  # noqa: E402
from leap_desktop.domain.model import Contribution, Decision  # noqa: E402
from leap_desktop.views.dialogs.impact import (
    DraftImpactDialog,
    ImpactEntryDialog,
    ImpactVoiceDialog,
    UptakeDialog,
)

from .helpers import CTRL, activate, press, type_text, wait_closed, wait_dialog  # noqa: E402

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def impact_page(window, qtbot):
    page = window.show_page("impact")
    activate(window, qtbot)
    page.ui.impactTable.setFocus()
    return page


def pick(qtbot, combo, text):
    """Choose in a combo box by typing, as a person would."""
    assert QApplication.focusWidget() is combo
    combo.setCurrentIndex(combo.findText(text))
    assert combo.currentText() == text


def test_adding_an_entry_by_keyboard_and_undoing_it(window, qtbot):
    page = impact_page(window, qtbot)
    service = window.ctx.service
    press(qtbot, K.Key_N, ALT)
    dialog = wait_dialog(window, qtbot, ImpactEntryDialog)
    ui = dialog.ui
    assert dialog.windowTitle() == "Add an impact log entry"
    assert QApplication.focusWidget() is ui.titleEdit
    type_text(qtbot, "Which outcome measures matter to people?")
    press(qtbot, K.Key_D, ALT)
    type_text(qtbot, "5/3/2026")
    assert ui.dateHint.text() == "Thursday 5 March 2026"
    press(qtbot, K.Key_O, ALT)
    pick(qtbot, ui.outcomeCombo, "Not adopted")
    press(qtbot, K.Key_N, ALT)  # Inclusive opportunities
    press(qtbot, K.Key_Space)
    press(qtbot, K.Key_L, ALT)
    type_text(qtbot, "C-40, X-1")
    assert ui.linksHint.text().startswith("Link a contribution (C-3)")
    ui.linksEdit.clear()
    type_text(qtbot, "C-40, D-5", ui.linksEdit)
    assert ui.linksHint.text().splitlines()[1].startswith("D-5 Members co-write")
    press(qtbot, K.Key_Return, CTRL)
    assert ui.reasonError.text() == "Say why it was not adopted (the reason)"
    assert QApplication.focusWidget() is ui.reasonEdit, "the focus goes to the field at fault"
    type_text(qtbot, "The funder had already fixed the measures")
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    entry = service.impact.entry("E-5")
    assert (entry.outcome, entry.standards, entry.activity_on) == (
        ImpactOutcome.NOT_ADOPTED, (Standard.INCLUSIVE_OPPORTUNITIES,), "2026-03-05")
    assert [r.ref for r in service.impact.linked(entry)] == ["C-40", "D-5"]
    assert page.current().ref == "E-5"
    assert page.ui.countLabel.text() == "5 entries; 3 with a view missing"
    window.ctx.undo_stack.undo()
    assert page.ui.countLabel.text() == "4 entries; 2 with a view missing"
    window.ctx.undo_stack.redo()
    assert refs(page).count("E-5") == 1, "redo brings the same entry back"


def test_editing_an_entry_its_standards_and_links_is_one_undoable_change(window, qtbot):
    page = impact_page(window, qtbot)
    service = window.ctx.service
    before = service.impact.entry("E-1")
    page.show_record(before.id)
    press(qtbot, K.Key_I, ALT)
    dialog = wait_dialog(window, qtbot, ImpactEntryDialog)
    ui = dialog.ui
    assert dialog.windowTitle() == "Edit E-1"
    assert ui.linksEdit.text() == "C-40, C-42, C-44, D-5, A-3"
    assert ui.togetherCheck.isChecked() and ui.impactCheck.isChecked() and not ui.governanceCheck.isChecked()
    press(qtbot, K.Key_A, ALT)
    ui.titleEdit.selectAll()
    type_text(qtbot, "The participant information sheet")
    press(qtbot, K.Key_T, ALT)  # Impact: untick
    press(qtbot, K.Key_Space)
    press(qtbot, K.Key_L, ALT)
    ui.linksEdit.selectAll()
    type_text(qtbot, "C-40, D-5")
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    after = service.impact.entry("E-1")
    assert (after.title, after.standards) == ("The participant information sheet", (Standard.WORKING_TOGETHER,))
    assert [r.ref for r in service.impact.linked(after)] == ["C-40", "D-5"]
    assert after.stage_id == before.stage_id and after.what_changed == before.what_changed
    window.ctx.undo_stack.undo()
    undone = service.impact.entry("E-1")
    assert (undone.title, undone.standards) == (before.title, before.standards)
    assert [r.ref for r in service.impact.linked(undone)] == ["C-40", "C-42", "C-44", "D-5", "A-3"]


def test_drafting_from_a_decision_then_editing_the_draft(window, qtbot):
    page = impact_page(window, qtbot)
    service = window.ctx.service
    press(qtbot, K.Key_C, ALT)
    chooser = wait_dialog(window, qtbot, DraftImpactDialog)
    combo = chooser.ui.decisionCombo
    assert QApplication.focusWidget() is combo
    combo.setCurrentIndex(combo.findData("D-5"))
    press(qtbot, K.Key_Return, CTRL)
    assert chooser.ui.decisionError.text() == "E-1 was already drafted from D-5; edit that entry"
    combo.setCurrentIndex(combo.findData("D-1"))
    press(qtbot, K.Key_Return, CTRL)
    dialog = wait_dialog(window, qtbot, ImpactEntryDialog)
    ui = dialog.ui
    assert dialog.windowTitle() == "Draft an impact log entry"
    draft = service.impact.draft("D-1")
    assert ui.titleEdit.toPlainText() == draft.values["title"]
    assert ui.linksEdit.text() == ", ".join(r.ref for r in draft.links)
    assert ui.howEdit.toPlainText() == draft.values["how_contributed"]
    press(qtbot, K.Key_W, ALT)
    ui.whyEdit.selectAll()
    type_text(qtbot, "People can read the sheet before they agree.")
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    entry = page.current().entry
    assert entry.drafted_from_id == service.resolve(Decision, "D-1").id
    assert entry.why_it_matters == "People can read the sheet before they agree."
    assert entry.how_contributed == draft.values["how_contributed"]


def test_adding_a_public_contributors_view_names_people_as_consent_allows(window, qtbot):
    page = impact_page(window, qtbot)
    e3 = window.ctx.service.impact.entry("E-3")
    page.show_record(e3.id)
    press(qtbot, K.Key_W, ALT)
    dialog = wait_dialog(window, qtbot, ImpactVoiceDialog)
    ui = dialog.ui
    assert QApplication.focusWidget() is ui.kindCombo
    authors = [ui.personCombo.itemText(i) for i in range(1, ui.personCombo.count())]
    assert authors[0] == "Eleanor Whitfield (researcher)" and "Researcher (P-6)" in authors
    pick(qtbot, ui.kindCombo, "Public contributor's view")
    authors = [ui.personCombo.itemText(i) for i in range(1, ui.personCombo.count())]
    assert "Anonymous member (P-4)" in authors and not any("Dev" in a or "Eleanor" in a for a in authors)
    press(qtbot, K.Key_V, ALT)
    type_text(qtbot, "It was our choice, not theirs.")
    press(qtbot, K.Key_Return, CTRL)
    assert ui.personError.text() == "Choose who wrote this view"
    assert QApplication.focusWidget() is ui.personCombo
    ui.personCombo.setCurrentIndex(ui.personCombo.findText("Anonymous member (P-4)"))
    press(qtbot, K.Key_D, ALT)
    type_text(qtbot, "20/4/2026")
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    assert page.current().ref == "E-3"
    assert page.ui.countLabel.text() == "4 entries; 1 with a view missing"
    detail = page.ui.detailText.toPlainText()
    assert "Anonymous member 1, 20 April 2026: It was our choice, not theirs." in detail and "Dev" not in detail
    window.ctx.undo_stack.undo()
    assert page.ui.countLabel.text() == "4 entries; 2 with a view missing"


def test_marking_a_linked_contribution_not_taken_up_with_the_reason(window, qtbot):
    page = impact_page(window, qtbot)
    service = window.ctx.service
    loose = next(c for c in service.store.find(Contribution, order_by="number")
                 if service.impact.uptake(c)[0] is Uptake.UNKNOWN)
    service.impact.link("E-1", loose.ref)
    page.show_record(service.impact.entry("E-1").id)
    press(qtbot, K.Key_U, ALT)
    dialog = wait_dialog(window, qtbot, UptakeDialog)
    ui = dialog.ui
    texts = [ui.contributionCombo.itemText(i) for i in range(ui.contributionCombo.count())]
    assert [t.split()[0] for t in texts] == [loose.ref, "C-40", "C-42", "C-44"], "linked contributions only"
    ui.contributionCombo.setCurrentIndex(1)
    assert ui.contributionHint.text() == "It shaped D-5."
    press(qtbot, K.Key_Return, CTRL)
    assert ui.formError.text().startswith("C-40 shaped D-5, so it was taken up")
    ui.contributionCombo.setCurrentIndex(ui.contributionCombo.findData(loose.id))
    assert ui.contributionHint.text() == "Now: not recorded yet."
    press(qtbot, K.Key_W, ALT)
    pick(qtbot, ui.statusCombo, "Not taken up")
    press(qtbot, K.Key_Return, CTRL)
    assert ui.reasonError.text() == "Say why it was not taken up, so the member hears the reason"
    type_text(qtbot, "Out of the study's scope", ui.reasonEdit)
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    assert service.impact.uptake(service.get(Contribution, loose.id))[:2] == (Uptake.NOT_TAKEN_UP,
                                                                                "Out of the study's scope")
    window.ctx.undo_stack.undo()
    assert service.impact.uptake(service.get(Contribution, loose.id))[0] is Uptake.UNKNOWN
