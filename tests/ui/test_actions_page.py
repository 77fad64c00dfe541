"""Actions: add one, mark it done with what was done, drop, reopen, undo; overdue in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.model import Action, Person
from leap_desktop.domain.vocab import ActionStatus
from leap_desktop.models.actions import ActionsModel
from leap_desktop.views.dialogs.actions import ActionDialog, CloseActionDialog

from .helpers import CTRL, CTRL_SHIFT, activate, column, press, type_text, wait_closed, wait_dialog

K = Qt.Key


def actions_page(window, qtbot):
    page = window.show_page("actions")
    activate(window, qtbot)
    return page


def show(page, qtbot, label):
    combo = page.ui.showCombo
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(label))
    assert combo.currentText() == label


def test_overdue_actions_say_so_in_words_and_with_a_marker(window, qtbot, demo_service):
    page = actions_page(window, qtbot)
    overdue = demo_service.actions(overdue=True)
    show(page, qtbot, "Overdue")
    assert page.model.rowCount() == len(overdue) > 0
    for row in range(page.proxy.rowCount()):
        due = page.proxy.index(row, ActionsModel.DUE)
        assert due.data().startswith("Overdue by ")
        assert not due.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert f"{len(overdue)} of them overdue" in page.ui.countLabel.text()


def test_add_an_action_then_mark_it_done_with_what_was_done(window, qtbot, demo_service):
    page = actions_page(window, qtbot)
    page.ui.actionsTable.setFocus()
    press(qtbot, K.Key_N, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, ActionDialog)
    assert QApplication.focusWidget() is dialog.ui.titleEdit
    type_text(qtbot, "Send members the easy-read summary")
    press(qtbot, K.Key_Tab)  # to "who will do it"
    assert QApplication.focusWidget() is dialog.ui.ownerCombo
    type_text(qtbot, "Iv")
    assert dialog.ui.ownerCombo.currentText() == "Ivan Novak (facilitator)"
    press(qtbot, K.Key_Tab)  # to the due date
    assert dialog.ui.dueHint.text() == "No due date"
    type_text(qtbot, "10/07/2026")  # day first, as people in the UK write it
    assert dialog.ui.dueHint.text() == "Friday 10 July 2026"
    press(qtbot, K.Key_Return)
    wait_closed(window, dialog, qtbot)

    added = page.current()
    assert added.title == "Send members the easy-read summary"
    assert added.due_on == "2026-07-10"
    assert page.ui.detailLabel.text().startswith(f"{added.ref}: Send members the easy-read summary")
    assert "Owner: Ivan Novak" in page.ui.detailLabel.text()

    page.ui.actionsTable.setFocus()
    press(qtbot, K.Key_D, CTRL)  # Ctrl+D: mark done
    closing = wait_dialog(window, qtbot, CloseActionDialog)
    press(qtbot, K.Key_Return, CTRL)  # nothing said about what was done
    assert closing.isVisible()
    assert closing.ui.outcomeError.text() == "Say what was done (the outcome) to mark an action done"
    type_text(qtbot, "Posted to everyone, with large-print copies for two members", closing.ui.outcomeEdit)
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, closing, qtbot)

    done = demo_service.get(Action, added.id)
    assert done.status is ActionStatus.DONE and done.closed_on == "2026-06-15"
    assert done.outcome == "Posted to everyone, with large-print copies for two members"
    assert added.ref not in column(page.proxy, ActionsModel.REF)  # no longer still to do
    show(page, qtbot, "Done")
    row = column(page.proxy, ActionsModel.REF).index(added.ref)
    assert page.proxy.index(row, ActionsModel.STATUS).data() == "Done on 15 Jun 2026"
    assert page.proxy.index(row, ActionsModel.OUTCOME).data().startswith("Posted to everyone")

    press(qtbot, K.Key_Z, CTRL)  # undo: open again, as it was
    assert demo_service.get(Action, added.id).status is ActionStatus.OPEN


def test_drop_with_a_reason_then_reopen(window, qtbot, demo_service):
    page = actions_page(window, qtbot)
    page.ui.actionsTable.setFocus()
    action = page.current()
    press(qtbot, K.Key_Delete, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, CloseActionDialog)
    assert dialog.ui.outcomeLabel.text() == "&Why is it being dropped?"
    type_text(qtbot, "The funder withdrew the extension", dialog.ui.outcomeEdit)
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, dialog, qtbot)
    assert demo_service.get(Action, action.id).status is ActionStatus.DROPPED

    show(page, qtbot, "Dropped")
    page.show_record(action.id)
    page.ui.actionsTable.setFocus()
    assert page.reopen_action.isEnabled()
    press(qtbot, K.Key_O, CTRL_SHIFT)
    assert demo_service.get(Action, action.id).status is ActionStatus.OPEN
    assert window.statusBar().currentMessage() == f"{action.ref} is open again"


def test_sort_by_owner_and_filter_by_owner(window, qtbot, demo_service):
    page = actions_page(window, qtbot)
    show(page, qtbot, "All actions")
    page.ui.actionsTable.sortByColumn(ActionsModel.OWNER, Qt.SortOrder.AscendingOrder)
    owners = column(page.proxy, ActionsModel.OWNER)
    assert owners == sorted(owners, key=str.casefold)
    combo = page.ui.ownerCombo
    combo.setCurrentIndex(combo.findText("Jo Taylor"))
    jo = combo.currentData()
    assert set(column(page.proxy, ActionsModel.OWNER)) == {"Jo Taylor"}
    assert page.model.rowCount() == len(demo_service.actions(owner_id=jo))


def test_owners_are_shown_and_offered_only_as_their_consent_allows(window, qtbot, demo_service):
    """The action list is shared with the panel: no reference that ties an anonymous or
    role-only owner's actions together, and no Owner choice for them."""
    page = actions_page(window, qtbot)
    show(page, qtbot, "All actions")
    owners = set(column(page.proxy, ActionsModel.OWNER))
    assert "Researcher" in owners  # Farid Haddad chose role only
    assert not any("(P-" in owner for owner in owners)
    combo = page.ui.ownerCombo
    entries = [combo.itemText(i) for i in range(combo.count())]
    assert entries[0] == "Anyone"
    assert "B.O." in entries and "Jo Taylor" in entries
    assert entries.index("Jo Taylor") < entries.index("B.O.")  # named people first, then initials
    assert not any(e.startswith(("Researcher", "Anonymous", "Observer")) or "(P-" in e for e in entries)
    farid = demo_service.resolve(Person, "Farid Haddad")
    assert combo.findData(farid.id) == -1
