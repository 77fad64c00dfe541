"""The Payments page by keyboard: claims listed and filtered, overdue in words, a claim
added with its fee and expenses, its status steps with dates, undo, the rate card,
drafting a held meeting's claims, and the exports. Payment data stays off panel pages."""

from __future__ import annotations

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from leap_desktop.domain.payments import Claim, ClaimStatus, FeeChoice, Rate
from leap_desktop.models.payments import ClaimsModel, RatesModel
from leap_desktop.services.payment_reports import ADVICE_POINTER
from leap_desktop.views.dialogs.claims import ClaimDialog, ClaimStepDialog, ExpenseDialog
from leap_desktop.views.dialogs.payment_exports import ClaimFormDialog, FinanceCsvDialog, StatementDialog
from leap_desktop.views.dialogs.rate_card import DraftClaimsDialog, RateCardDialog, RateDialog

from .helpers import CTRL, CTRL_SHIFT, activate, alt_keys, column, press, type_text, wait_closed, wait_dialog
from .test_accessibility import unnamed

K = Qt.Key


def payments_page(window, qtbot):
    page = window.show_page("payments")
    activate(window, qtbot)
    return page


def choose(combo, label):
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(label))
    assert combo.currentText() == label


def test_the_page_lists_claims_with_totals_and_overdue_in_words(window, qtbot, demo_service):
    page = payments_page(window, qtbot)
    rows = demo_service.payments.claims()
    assert page.proxy.rowCount() == len(rows)
    count = page.ui.countLabel.text()
    assert count.startswith(f"{len(rows)} claims listed: fees £")
    assert "OVERDUE: submitted or approved and not paid 30 days after the activity" in count
    choose(page.ui.statusCombo, "Overdue")
    statuses = column(page.proxy, ClaimsModel.STATUS)
    assert statuses and all(s.startswith("OVERDUE: ") for s in statuses)
    choose(page.ui.statusCombo, "Paid")
    assert all(s.startswith("Paid on ") for s in column(page.proxy, ClaimsModel.STATUS))
    payee = rows[0].payee
    choose(page.ui.personCombo, payee)
    assert set(column(page.proxy, ClaimsModel.PAYEE)) == {payee}
    # the tax year against the threshold, pointing to advice and never giving it
    assert page.totals.rowCount() > 0
    assert page.ui.adviceLabel.text().startswith(ADVICE_POINTER)


def test_add_a_claim_with_a_reduced_fee_and_mileage_by_keyboard_then_undo(window, qtbot, demo_service):
    page = payments_page(window, qtbot)
    page.ui.claimsTable.setFocus()
    before = len(demo_service.payments.claims())
    press(qtbot, K.Key_N, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, ClaimDialog)
    ui = dialog.ui
    assert QApplication.focusWidget() is ui.payeeCombo
    type_text(qtbot, "Amira")
    assert ui.payeeCombo.currentText().startswith("Amira Khan")
    choose(ui.activityCombo, "Task between meetings")
    ui.dateEdit.setFocus()
    ui.dateEdit.selectAll()
    type_text(qtbot, "2/6/2026")
    assert ui.dateHint.text() == "Tuesday 2 June 2026"
    assert ui.rateHint.text().startswith("Rate in force on 2 June 2026: £55.00 per task")
    ui.descriptionEdit.setFocus()
    type_text(qtbot, "Reviewed the easy-read leaflet")
    choose(ui.feeCombo, FeeChoice.REDUCED.label)
    ui.reducedEdit.setFocus()
    type_text(qtbot, "12.345")  # not a whole number of pence
    press(qtbot, K.Key_Return, CTRL)
    assert dialog.isVisible()
    assert "is not a whole number of pence" in (ui.feeError.text() + ui.formError.text())
    ui.reducedEdit.clear()
    type_text(qtbot, "£40", ui.reducedEdit)
    # an expense line: mileage at the dated rate
    ui.addExpenseButton.setFocus()
    press(qtbot, K.Key_Space)
    expense = wait_dialog(window, qtbot, ExpenseDialog)
    choose(expense.ui.categoryCombo, "Mileage")
    type_text(qtbot, "12.5", expense.ui.milesEdit)
    assert expense.ui.milesHint.text().startswith("12.5 miles at £0.45 a mile")
    assert expense.ui.milesHint.text().endswith("£5.63")
    type_text(qtbot, "R-77", expense.ui.receiptEdit)
    press(qtbot, K.Key_Return, CTRL, expense.ui.receiptEdit)
    qtbot.waitUntil(lambda: not expense.isVisible())
    assert dialog.expenses_model.rowCount() == 1
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is ui.expensesTable  # back to the list of expenses
    press(qtbot, K.Key_Return, CTRL)
    assert ui.formError.text() == "" and ui.feeError.text() == ""
    wait_closed(window, dialog, qtbot)

    claim = page.current()
    assert claim.fee_choice is FeeChoice.REDUCED and claim.fee_pence == 4000 and claim.rate_pence == 5500
    assert [e.amount_pence for e in demo_service.payments.expenses(claim.id)] == [563]
    assert len(demo_service.payments.claims()) == before + 1
    window.undo()  # the app's one undo: the claim and its expense go
    assert len(demo_service.payments.claims()) == before
    window.redo()  # and come back, the same claim
    assert demo_service.payments.resolve_claim(claim.ref).id == claim.id
    again = [r for r in demo_service.payments.claims() if r.claim.id == claim.id]
    assert again[0].expenses_pence == 563 and again[0].claim.fee_pence == 4000


def test_status_steps_with_their_dates_and_withdraw_with_a_reason(window, qtbot, demo_service):
    page = payments_page(window, qtbot)
    choose(page.ui.statusCombo, "Draft")
    page.ui.claimsTable.setFocus()
    claim = page.current()
    assert claim.status is ClaimStatus.DRAFT
    assert page.submit_action.isEnabled() and not page.pay_action.isEnabled()
    page.submit_action.trigger()
    step = wait_dialog(window, qtbot, ClaimStepDialog)
    step.ui.dateEdit.selectAll()
    type_text(qtbot, "1/1/2000", step.ui.dateEdit)  # before the activity: refused, in words
    press(qtbot, K.Key_Return, widget=step.ui.dateEdit)
    assert step.isVisible() and "after the activity" in step.ui.dateError.text()
    step.ui.dateEdit.selectAll()
    type_text(qtbot, "15/06/2026", step.ui.dateEdit)
    press(qtbot, K.Key_Return, widget=step.ui.dateEdit)
    wait_closed(window, step, qtbot)
    submitted = demo_service.get(Claim, claim.id)
    assert submitted.status is ClaimStatus.SUBMITTED and submitted.submitted_on == "2026-06-15"
    window.undo()
    assert demo_service.get(Claim, claim.id).status is ClaimStatus.DRAFT

    page.show_record(claim.id)
    page.withdraw_action.trigger()
    withdraw = wait_dialog(window, qtbot, ClaimStepDialog)
    assert QApplication.focusWidget() is withdraw.ui.reasonEdit
    press(qtbot, K.Key_Return, CTRL)
    assert withdraw.isVisible() and withdraw.ui.reasonError.text() == "Say why the claim is withdrawn"
    type_text(qtbot, "Entered twice", withdraw.ui.reasonEdit)
    press(qtbot, K.Key_Return, CTRL)
    wait_closed(window, withdraw, qtbot)
    gone = demo_service.get(Claim, claim.id)
    assert gone.status is ClaimStatus.WITHDRAWN and gone.withdrawn_reason == "Entered twice"


def test_the_rate_card_adds_a_dated_rate_without_changing_any_claim(window, qtbot, demo_service):
    page = payments_page(window, qtbot)
    fees = {r.claim.id: r.claim.fee_pence for r in demo_service.payments.claims()}
    page.rates_action.trigger()
    card = wait_dialog(window, qtbot, RateCardDialog)
    rates = card.model.rowCount()
    card.ui.addButton.click()
    rate = wait_dialog(window, qtbot, RateDialog)
    choose(rate.ui.activityCombo, "Meeting")
    type_text(qtbot, "£30", rate.ui.amountEdit)
    rate.ui.fromEdit.selectAll()
    type_text(qtbot, "1/5/2026", rate.ui.fromEdit)
    assert rate.ui.fromHint.text() == "Friday 1 May 2026"
    type_text(qtbot, "Board decision, May 2026", rate.ui.sourceEdit)
    press(qtbot, K.Key_Return, widget=rate.ui.sourceEdit)
    qtbot.waitUntil(lambda: not rate.isVisible())
    assert card.model.rowCount() == rates + 1
    assert "£30.00 per hour" in column(card.model, RatesModel.AMOUNT)
    assert {r.claim.id: r.claim.fee_pence for r in demo_service.payments.claims()} == fees  # no claim changed
    new = card.current()
    assert new.amount_pence == 3000 and new.example.value == "no"
    card.ui.exampleButton.click()
    assert demo_service.get(Rate, new.id).example.value == "yes"
    window.undo()
    assert demo_service.get(Rate, new.id).example.value == "no"
    window.undo()
    assert card.model.rowCount() == rates


def test_draft_claims_from_the_meetings_page_then_undo(window, qtbot, demo_service):
    meetings = window.show_page("meetings")
    activate(window, qtbot)
    held = [m for m in demo_service.meetings() if m.status.value not in ("planned", "cancelled")][-1]
    before = len(demo_service.payments.claims(meeting_id=held.id))
    for claim in demo_service.payments.claims(meeting_id=held.id):
        if claim.claim.status is ClaimStatus.DRAFT:
            demo_service.payments.remove_claims([claim.claim.id])
    left = len(demo_service.payments.claims(meeting_id=held.id))
    meetings.select_meeting(held.id)
    assert meetings.draft_action.isEnabled()
    meetings.draft_action.trigger()
    dialog = wait_dialog(window, qtbot, DraftClaimsDialog)
    assert dialog.ui.meetingCombo.currentData() == held.id
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: window.current_id == "payments")
    made = len(demo_service.payments.claims(meeting_id=held.id))
    assert made > left
    payments = window.page("payments")
    assert payments.ui.meetingCombo.currentData() == held.id
    assert payments.proxy.rowCount() == made
    window.undo()
    assert len(demo_service.payments.claims(meeting_id=held.id)) == left
    assert before >= left


def test_the_exports_write_a_claim_form_a_statement_and_the_finance_csv(window, qtbot, demo_service, tmp_path):
    page = payments_page(window, qtbot)
    choose(page.ui.statusCombo, "Paid")
    page.ui.claimsTable.setFocus()
    claim = page.current()
    page.form_action.trigger()
    form = wait_dialog(window, qtbot, ClaimFormDialog)
    form.path.setText(str(tmp_path / "form.docx"))
    form.ok.click()
    assert not form.isVisible()
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "form.docx")).paragraphs)
    assert claim.ref in text
    page.statement_action.trigger()
    statement = wait_dialog(window, qtbot, StatementDialog)
    statement.path.setText(str(tmp_path / "statement.docx"))
    statement.ok.click()
    assert (tmp_path / "statement.docx").stat().st_size > 0
    page.csv_action.trigger()
    csv = wait_dialog(window, qtbot, FinanceCsvDialog)
    type_text(qtbot, "31/02/2026", csv.days["from"].edit)  # not a real date: nothing written
    csv.path.setText(str(tmp_path / "pay.csv"))
    csv.ok.click()
    assert csv.isVisible() and "There is no 31 February 2026" in csv.error.text()
    assert not (tmp_path / "pay.csv").exists()
    csv.days["from"].edit.clear()
    csv.ok.click()
    assert (tmp_path / "pay.csv").read_text(encoding="utf-8-sig").count("\n") > 10


def test_dialogs_name_every_control_and_use_each_alt_key_once(window, qtbot, demo_ctx, demo_service):
    row = demo_service.payments.claims()[0]
    claim = row.claim
    dialogs = [ClaimDialog(demo_ctx), ClaimDialog(demo_ctx, claim), ExpenseDialog(demo_ctx, claim.activity_on),
               ClaimStepDialog(demo_ctx, claim, ClaimStatus.WITHDRAWN), RateCardDialog(demo_ctx), RateDialog(demo_ctx),
               DraftClaimsDialog(demo_ctx), ClaimFormDialog(demo_ctx, row), StatementDialog(demo_ctx, None, None),
               FinanceCsvDialog(demo_ctx)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed(dialog) == [], type(dialog).__name__
        keys = alt_keys(dialog)
        assert sorted({k for k in keys if keys.count(k) > 1}) == [], f"{type(dialog).__name__}: an Alt key used twice"
        for label in dialog.findChildren(QLabel):
            if "&" in label.text().replace("&&", ""):
                assert label.buddy() is not None, f"{type(dialog).__name__}: {label.text()} has no buddy"


def test_payment_data_never_appears_on_a_panel_facing_page(window, qtbot, demo_service):
    from PySide6.QtWidgets import QWidget

    payees = {r.payee for r in demo_service.payments.claims()}
    assert payees
    amounts = {"£82.50", "£27.50", "£55.00"}
    for page_id in ("people", "meetings", "decisions", "actions"):
        page = window.show_page(page_id)
        shown = []
        for widget in page.findChildren(QWidget):
            if hasattr(widget, "text") and callable(widget.text):
                shown.append(str(widget.text()))
            model = getattr(widget, "model", lambda: None)()
            if model is not None and hasattr(model, "rowCount"):
                shown += [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())]
        words = " ".join(shown)
        assert not any(a in words for a in amounts), page_id
        assert "CL-" not in words, page_id
