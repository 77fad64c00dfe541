"""Panel members: add, edit, mark as having left, undo; by keyboard, as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.errors import StoreError
from leap_desktop.domain.model import Person
from leap_desktop.models.people import PeopleModel
from leap_desktop.views.dialogs.person import LeaveDialog, PersonDialog

from .conftest import dialogs_of

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def people_page(window, qtbot):
    page = window.show_page("people")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return page


def names(page) -> list[str]:
    model = page.model
    return [model.index(r, PeopleModel.NAME).data() for r in range(model.rowCount())]


def row_text(page, name, column) -> str:
    row = names(page).index(name)
    return page.model.index(row, column).data()


def open_dialog(window, qtbot, key, modifiers, cls):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
    qtbot.waitUntil(lambda: len(dialogs_of(window, cls)) == 1)
    dialog = dialogs_of(window, cls)[0]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def closed(window, dialog, qtbot):
    """Wait until the dialog has gone and the window has the keyboard again."""
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()  # a desktop's window manager does this; the test platform does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_add_a_member_by_keyboard(window, qtbot, demo_service):
    page = people_page(window, qtbot)
    dialog = open_dialog(window, qtbot, Qt.Key.Key_N, CTRL_SHIFT, PersonDialog)
    assert QApplication.focusWidget() is dialog.ui.nameEdit
    qtbot.keyClicks(dialog.ui.nameEdit, "Nadia Rahman")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Tab)  # preferred name
    qtbot.keyClicks(QApplication.focusWidget(), "Nadia")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # pronouns
    qtbot.keyClicks(QApplication.focusWidget(), "she/her")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # first role: lived experience member
    assert QApplication.focusWidget() is dialog.widget("role_lived_experience")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    choose_consent(qtbot, dialog, "Named: their name is shown")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)  # Enter saves
    closed(window, dialog, qtbot)

    assert "Nadia Rahman" in names(page)
    assert row_text(page, "Nadia Rahman", PeopleModel.ROLES) == "Lived experience member"
    assert page.current().display_name == "Nadia Rahman"  # the new person is selected
    assert window.statusBar().currentMessage() == "Added Nadia Rahman to the panel"
    assert demo_service.resolve(Person, "Nadia Rahman").pronouns == "she/her"

    qtbot.keyClick(page.ui.peopleTable, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert "Nadia Rahman" not in names(page)
    qtbot.keyClick(page.ui.peopleTable, Qt.Key.Key_Z, CTRL_SHIFT)  # redo brings back the same person
    assert "Nadia Rahman" in names(page)
    assert demo_service.resolve(Person, "Nadia Rahman").number == 14


def choose_consent(qtbot, dialog, text):
    """Choose an attribution consent by keyboard: Alt+C to the list, then its first letters."""
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.ui.consentCombo
    qtbot.keyClicks(dialog.ui.consentCombo, text.split()[0])  # typing picks (Space would open the list)
    assert dialog.ui.consentCombo.currentText() == text


def test_a_new_member_has_no_consent_chosen_for_them(window, qtbot, demo_service):
    """Attribution consent is asked, never assumed: nothing is chosen at first, and the
    form will not save until it is."""
    page = people_page(window, qtbot)
    before = names(page)
    dialog = open_dialog(window, qtbot, Qt.Key.Key_N, CTRL_SHIFT, PersonDialog)
    combo = dialog.ui.consentCombo
    assert combo.currentIndex() == -1 and combo.currentData() is None
    assert combo.currentText() == ""  # the list shows its placeholder, not a choice
    assert combo.placeholderText() == "Not chosen yet: ask them"
    assert dialog.ui.consentLabel.text() == "Attribution &consent (required)"
    assert dialog.ui.consentHint.text().startswith("Needed: ask them how they want to be shown")
    qtbot.keyClicks(dialog.ui.nameEdit, "Zara Quinn")
    dialog.widget("role_carer").setChecked(True)
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.ui.consentError.isVisible()
    assert dialog.ui.consentError.text().startswith("Attribution consent is needed")
    assert QApplication.focusWidget() is combo
    assert "Problem: Attribution consent is needed" in combo.accessibleDescription()
    assert demo_service.find(Person, "Zara Quinn") is None  # nothing saved
    assert names(page) == before

    choose_consent(qtbot, dialog, "Anonymous: neither name nor role is shown")
    assert dialog.ui.consentHint.text() == "In the decision log, minutes and exports: \u201cAnonymous member\u201d"
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    closed(window, dialog, qtbot)
    assert demo_service.resolve(Person, "Zara Quinn").consent.value == "anonymous"
    assert row_text(page, "Zara Quinn", PeopleModel.SHOWN_AS) == "Anonymous member"


def test_dates_are_typed_as_people_write_them_and_read_back_in_words(window, qtbot, demo_service):
    people_page(window, qtbot)
    dialog = open_dialog(window, qtbot, Qt.Key.Key_N, CTRL_SHIFT, PersonDialog)
    qtbot.keyClicks(dialog.ui.nameEdit, "Nadia Rahman")
    dialog.widget("role_carer").setChecked(True)
    choose_consent(qtbot, dialog, "Initials: only their initials are shown")
    dialog.ui.fromEdit.selectAll()
    qtbot.keyClicks(dialog.ui.fromEdit, "31/02/2026")
    assert dialog.ui.fromHint.text() == "There is no 31 February 2026"
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.ui.fromError.text() == "There is no 31 February 2026"
    assert QApplication.focusWidget() is dialog.ui.fromEdit
    dialog.ui.fromEdit.selectAll()
    qtbot.keyClicks(dialog.ui.fromEdit, "3/4/2026")  # day first, as in the UK
    assert dialog.ui.fromHint.text() == "Friday 3 April 2026"
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    closed(window, dialog, qtbot)
    assert demo_service.resolve(Person, "Nadia Rahman").active_from == "2026-04-03"


def test_a_refused_member_keeps_what_was_typed_and_says_why_beside_the_field(window, qtbot):
    people_page(window, qtbot)
    dialog = open_dialog(window, qtbot, Qt.Key.Key_N, CTRL_SHIFT, PersonDialog)
    qtbot.keyClicks(dialog.ui.nameEdit, "Nadia Rahman")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.ui.rolesError.isVisible() and dialog.ui.rolesError.text() == "Tick at least one role"
    assert QApplication.focusWidget() is dialog.widget("role_lived_experience")
    assert dialog.ui.nameEdit.text() == "Nadia Rahman"

    dialog.widget("role_carer").setChecked(True)
    choose_consent(qtbot, dialog, "Role only: shown by their role, never by name")
    dialog.ui.fromEdit.setText("next spring")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.ui.rolesError.isVisible()
    assert dialog.ui.fromError.text().startswith("\u201cnext spring\u201d is not a date I can read: type it as")
    assert "Problem:" in dialog.ui.fromEdit.accessibleDescription()
    dialog.ui.fromEdit.setText("31/03/2026")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    closed(window, dialog, qtbot)


def test_edit_a_member_then_undo(window, qtbot, demo_service):
    page = people_page(window, qtbot)
    table = page.ui.peopleTable
    table.setFocus()
    for _ in range(names(page).index("Ben Okafor")):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert page.current().display_name == "Ben Okafor"
    dialog = open_dialog(window, qtbot, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier, PersonDialog)
    assert dialog.ui.nameEdit.text() == "Ben Okafor"
    dialog.ui.consentCombo.setFocus()
    qtbot.keyClick(dialog.ui.consentCombo, Qt.Key.Key_Down)  # initials -> role only
    assert "\u201cCarer\u201d" in dialog.ui.consentHint.text()
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    closed(window, dialog, qtbot)
    assert row_text(page, "Ben Okafor", PeopleModel.CONSENT) == "Role only"
    assert row_text(page, "Ben Okafor", PeopleModel.SHOWN_AS) == "Carer"
    assert window.undo_action.text() == "&Undo Edit Ben Okafor"

    window.undo_action.trigger()
    assert row_text(page, "Ben Okafor", PeopleModel.CONSENT) == "Initials"
    assert window.statusBar().currentMessage() == "Undone: Edit Ben Okafor"
    assert demo_service.resolve(Person, "Ben Okafor").consent.value == "initials"
    assert demo_service.check() == []  # the edit and its undo are both in the audit trail


def test_a_failed_save_keeps_the_form_open_with_what_was_typed(window, qtbot, demo_service, monkeypatch):
    page = people_page(window, qtbot)
    page.ui.peopleTable.setFocus()
    dialog = open_dialog(window, qtbot, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier, PersonDialog)
    dialog.ui.accessEdit.setPlainText("Needs a quiet room and papers by post")

    def disk_full(*args, **kwargs):
        raise StoreError("The disk holding panel.leap is full: nothing was saved. Free some space and try again")

    monkeypatch.setattr(demo_service, "edit_person", disk_full)
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.ui.formError.isVisible()
    assert dialog.ui.formError.text().startswith("The disk holding panel.leap is full")
    assert dialog.ui.accessEdit.toPlainText() == "Needs a quiet room and papers by post"
    assert window.ctx.undo_stack.count() == 0  # nothing half-done to undo


def test_mark_someone_as_having_left_keeps_their_history(window, qtbot, demo_service):
    page = people_page(window, qtbot)
    table = page.ui.peopleTable
    table.setFocus()
    for _ in range(names(page).index("Amira Khan")):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    contributions = len(demo_service.person_history(page.current().id).contributions)
    dialog = open_dialog(window, qtbot, Qt.Key.Key_L, CTRL_SHIFT, LeaveDialog)
    dialog.ui.dateEdit.setText("1 June 2026")
    assert dialog.ui.dateHint.text() == "Monday 1 June 2026"
    qtbot.keyClick(dialog.ui.dateEdit, Qt.Key.Key_Return)
    closed(window, dialog, qtbot)
    assert row_text(page, "Amira Khan", PeopleModel.MEMBERSHIP) == "Left on 1 Jun 2026"
    amira = demo_service.resolve(Person, "Amira Khan")
    assert len(demo_service.person_history(amira.id).contributions) == contributions
    assert not page.left_action.isEnabled()  # already left

    page.ui.includeLeftCheck.setChecked(False)
    assert "Amira Khan" not in names(page)
    window.undo_action.trigger()
    assert "Amira Khan" in names(page)
