"""A member's communication needs on the person form (issue 15): the format their papers
come in, a print size for large print only, language, days ahead and how to contact
them; saved with the person as one undoable step and read back on their page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.model import Person
from leap_desktop.views.dialogs.person import PersonDialog

ALT = Qt.KeyboardModifier.AltModifier


def person_page(window, qtbot, name):
    page = window.show_page("person")
    page.show_record(window.ctx.service.resolve(Person, name).id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return page


def open_edit(window, qtbot, page):
    page.edit_action.trigger()
    dialogs = lambda: [d for d in window.findChildren(PersonDialog) if d.isVisible()]  # noqa: E731
    qtbot.waitUntil(lambda: len(dialogs()) == 1)
    dialog = dialogs()[0]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_the_form_shows_their_needs_and_a_size_only_for_large_print(window, qtbot):
    page = person_page(window, qtbot, "Amira Khan")
    assert page.ui.commsLabel.text() == (
        "Communication needs: papers in large print at 20 point, 7 days before the meeting; "
        "how to contact them: email.")
    dialog = open_edit(window, qtbot, page)
    ui = dialog.ui
    assert ui.formatCombo.currentText() == "Large print"
    assert ui.sizeSpin.isEnabled() and ui.sizeSpin.text() == "20 pt"
    assert ui.daysSpin.text() == "7 days"
    assert ui.contactCombo.currentText() == "Email"
    qtbot.keyClick(dialog, Qt.Key.Key_F, ALT)  # &Format of papers
    assert QApplication.focusWidget() is ui.formatCombo
    qtbot.keyClick(ui.formatCombo, Qt.Key.Key_Down)  # plain language
    assert ui.formatCombo.currentText() == "Plain language"
    assert not ui.sizeSpin.isEnabled()
    assert ui.printHint.text() == "For large print only: choose large print to set a size."
    dialog.reject()


def test_needs_are_saved_with_the_person_and_one_undo_takes_both_back(window, qtbot):
    service = window.ctx.service
    page = person_page(window, qtbot, "Amira Khan")
    dialog = open_edit(window, qtbot, page)
    ui = dialog.ui
    qtbot.keyClick(dialog, Qt.Key.Key_Z, ALT)  # Print si&ze
    assert QApplication.focusWidget() is ui.sizeSpin
    ui.sizeSpin.selectAll()
    qtbot.keyClicks(ui.sizeSpin, "24")
    qtbot.keyClick(dialog, Qt.Key.Key_G, ALT)  # Lan&guage
    qtbot.keyClicks(QApplication.focusWidget(), "Urdu")
    qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)  # &Days ahead
    ui.daysSpin.selectAll()
    qtbot.keyClicks(ui.daysSpin, "10")
    qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)  # con&tacted
    assert QApplication.focusWidget() is ui.contactCombo
    qtbot.keyClick(ui.contactCombo, Qt.Key.Key_Down)  # email -> phone call
    ui.pronounsEdit.setText("she/they")
    qtbot.keyClick(ui.nameEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.ui.commsLabel.text() == (
        "Communication needs: papers in large print at 24 point, 10 days before the meeting; "
        "how to contact them: phone call; language: Urdu.")
    assert window.undo_action.text() == "&Undo Edit Amira Khan"
    assert window.ctx.undo_stack.count() == 1  # the person and their needs: one step

    window.undo_action.trigger()
    amira = service.resolve(Person, "Amira Khan")
    assert amira.pronouns == "she/her"  # as before
    needs = service.comms.needs(amira.id)
    assert (needs.print_size, needs.days_ahead, needs.language, needs.contact_by.value) == (20, 7, None, "email")
    assert page.ui.commsLabel.text().startswith("Communication needs: papers in large print at 20 point, 7 days")
    window.redo_action.trigger()
    assert service.comms.needs(amira.id).print_size == 24
    assert service.check() == []


def test_a_new_member_with_posted_papers_is_one_step_to_undo(window, qtbot):
    service = window.ctx.service
    dialog = PersonDialog(window.ctx, None, window)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.formatCombo.currentText() == "Standard print" and not ui.sizeSpin.isEnabled()
    ui.nameEdit.setText("Nadia Rahman")
    dialog.widget("role_carer").setChecked(True)
    ui.consentCombo.setCurrentIndex(0)
    ui.formatCombo.setCurrentIndex(ui.formatCombo.findText("Posted on paper"))
    ui.daysSpin.setValue(14)
    dialog.submit()
    assert not dialog.isVisible()
    nadia = service.resolve(Person, "Nadia Rahman")
    assert service.comms.needs(nadia.id).describe() == "Posted on paper, 14 days ahead"
    assert window.ctx.undo_stack.count() == 1
    window.undo_action.trigger()
    assert service.find(Person, "Nadia Rahman") is None
    assert service.comms.needs(nadia.id) is None
    window.redo_action.trigger()
    assert service.comms.needs(service.resolve(Person, "Nadia Rahman").id).days_ahead == 14


def test_a_member_with_no_needs_changed_records_none(window, qtbot):
    service = window.ctx.service
    dialog = PersonDialog(window.ctx, None, window)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("Omar Said")
    dialog.widget("role_carer").setChecked(True)
    dialog.ui.consentCombo.setCurrentIndex(0)
    dialog.submit()
    assert service.comms.needs(service.resolve(Person, "Omar Said").id) is None
