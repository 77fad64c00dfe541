"""Payments > Thresholds and limits (issue 12): the tax-year threshold for the panel or
one person, and a person's own limit, typed as people write amounts, dated, undoable;
the dialog points to advice and never gives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leap_desktop.domain.model import Person
from leap_desktop.domain.payments import LimitKind
from leap_desktop.models.payments import YearTotalsModel
from leap_desktop.services.payment_reports import ADVICE_POINTER
from leap_desktop.views.dialogs.limits import LimitDialog

from .helpers import activate, press, type_text, wait_closed, wait_dialog

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


def open_limits(window, qtbot):
    page = window.show_page("payments")
    activate(window, qtbot)
    page.ui.limitsButton.click()
    return page, wait_dialog(window, qtbot, LimitDialog)




def threshold_shown(page, name) -> str:
    model = page.totals
    rows = [r for r in range(model.rowCount()) if model.index(r, YearTotalsModel.PERSON).data() == name]
    assert rows, f"{name} is not in the year's totals"
    return model.index(rows[0], YearTotalsModel.THRESHOLD).data()


def test_a_persons_threshold_typed_as_people_write_it_then_undone(window, qtbot, demo_service):
    page, dialog = open_limits(window, qtbot)
    ui = dialog.ui
    assert ui.adviceLabel.text() == ADVICE_POINTER
    assert QApplication.focusWidget() is ui.amountEdit
    assert ui.kindCombo.currentText() == "Tax-year threshold for fees"
    press(qtbot, K.Key_F, ALT)  # &For
    assert QApplication.focusWidget() is ui.whoCombo
    ui.whoCombo.setCurrentIndex(ui.whoCombo.findText("Amira Khan"))
    press(qtbot, K.Key_M, ALT)  # A&mount
    type_text(qtbot, "£1,250")
    press(qtbot, K.Key_O, ALT)  # N&ote
    type_text(qtbot, "Agreed with her funder")
    before = len(demo_service.payments.limits())
    press(qtbot, K.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_closed(window, dialog, qtbot)
    amira = demo_service.resolve(Person, "Amira Khan")
    new = [x for x in demo_service.payments.limits() if x.person_id == amira.id and x.kind is LimitKind.THRESHOLD
           and x.amount_pence == 125_000]
    assert len(new) == 1 and new[0].note == "Agreed with her funder"
    assert new[0].noted_on == demo_service.today()
    # The page's tax-year totals show it at once, as people read money.
    assert threshold_shown(page, "Amira Khan") == "£1,250.00"
    assert window.undo_action.text() == "&Undo Threshold for Amira Khan: £1,250.00"
    window.undo_action.trigger()
    assert len(demo_service.payments.limits()) == before
    assert threshold_shown(page, "Amira Khan") != "£1,250.00"
    window.redo_action.trigger()
    assert len(demo_service.payments.limits()) == before + 1
    assert demo_service.check() == []


def test_an_amount_that_is_not_money_is_refused_beside_it_and_kept(window, qtbot, demo_service):
    _, dialog = open_limits(window, qtbot)
    ui = dialog.ui
    before = len(demo_service.payments.limits())
    type_text(qtbot, "a thousand", ui.amountEdit)
    dialog.submit()
    assert dialog.isVisible()
    assert ui.amountError.text() == "The amount must be an amount of money like £12.40 (got 'a thousand')"
    assert ui.amountEdit.text() == "a thousand"
    assert QApplication.focusWidget() is ui.amountEdit
    assert len(demo_service.payments.limits()) == before


def test_an_own_limit_needs_the_person(window, qtbot, demo_service):
    _, dialog = open_limits(window, qtbot)
    ui = dialog.ui
    ui.kindCombo.setCurrentIndex(1)
    ui.whoCombo.setCurrentIndex(0)
    assert ui.whoHint.text() == "A person's own limit is one person's: choose them."
    ui.amountEdit.setText("500")
    dialog.submit()
    assert ui.whoError.text() == "A person's own limit needs the person: choose them in For"
    ui.whoCombo.setCurrentIndex(ui.whoCombo.findText("Ben Okafor"))
    dialog.submit()
    assert not dialog.isVisible()
    ben = demo_service.resolve(Person, "Ben Okafor")
    assert any(x.kind is LimitKind.OWN_LIMIT and x.person_id == ben.id and x.amount_pence == 50_000
               for x in demo_service.payments.limits())
