"""The Payments page's models, checked by Qt's model tester and by what a reader sees."""

import re

from PySide6.QtCore import Qt

from leap_desktop.domain.money import tax_year_of
from leap_desktop.domain.payments import ClaimStatus
from leap_desktop.models.payments import ClaimsModel, ExpensesModel, RatesModel, YearTotalsModel


def texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_claims_model_lists_claims_and_says_overdue_in_words(qtmodeltester, demo_ctx, demo_service):
    model = ClaimsModel(demo_ctx)
    model.refresh()
    qtmodeltester.check(model)
    rows = demo_service.payments.claims()
    assert model.rowCount() == len(rows) > 10
    assert texts(model, ClaimsModel.REF) == [r.claim.ref for r in rows]
    today = demo_service.today()
    late = [r.claim.ref for r in rows if r.claim.is_overdue(today)]
    assert late, "the demo has an overdue claim"
    row = texts(model, ClaimsModel.REF).index(late[0])
    status = model.index(row, ClaimsModel.STATUS)
    assert re.fullmatch(r"OVERDUE: unpaid \d+ days \((approved|submitted)\)", status.data())
    assert not status.data(Qt.ItemDataRole.DecorationRole).isNull()  # an icon as well as the words
    assert status.data(Qt.ItemDataRole.FontRole).bold()
    assert model.overdue_count() == len(late)
    paid = texts(model, ClaimsModel.STATUS)
    assert any(s.startswith("Paid on ") and "days after)" in s for s in paid)
    assert "Declined" in texts(model, ClaimsModel.FEE)  # a member who declined the fee


def test_claims_model_filters_by_status_person_and_overdue(qtmodeltester, demo_ctx, demo_service):
    model = ClaimsModel(demo_ctx)
    model.set_filter(status="paid")
    qtmodeltester.check(model)
    assert set(texts(model, ClaimsModel.STATUS)) and all(s.startswith("Paid on") for s in texts(model, ClaimsModel.STATUS))
    person = demo_service.payments.claims()[0].claim.person_id
    model.set_filter(person_id=person)
    assert model.rowCount() == len(demo_service.payments.claims(person_id=person))
    model.set_filter(status="overdue")
    assert model.rowCount() == model.overdue_count() > 0
    fees, expenses = model.totals()
    assert fees == sum(r.row.claim.fee_pence for r in model.rows())
    assert all(r.claim.status in (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED) for r in model.rows())


def test_rates_model_marks_examples(qtmodeltester, demo_ctx):
    model = RatesModel(demo_ctx)
    model.refresh()
    qtmodeltester.check(model)
    assert "£27.50 per hour" in texts(model, RatesModel.AMOUNT)
    assert set(texts(model, RatesModel.EXAMPLE)) == {"EXAMPLE ONLY"}


def test_expenses_model_shows_mileage_and_receipts(qtmodeltester, demo_ctx, demo_service):
    pay = demo_service.payments
    row = next(r for r in pay.claims() if r.expense_count)
    model = ExpensesModel(demo_ctx)
    model.set_rows(pay.expenses(row.claim.id))
    qtmodeltester.check(model)
    assert model.rowCount() == row.expense_count
    assert all(t.startswith("£") for t in texts(model, ExpensesModel.AMOUNT))


def test_year_totals_model_against_the_threshold(qtmodeltester, demo_ctx, demo_service):
    model = YearTotalsModel(demo_ctx)
    model.set_year(tax_year_of(demo_service.today()))
    qtmodeltester.check(model)
    assert model.rowCount() > 0
    left = texts(model, YearTotalsModel.LEFT)
    assert all(("left before" in t) or ("OVER" in t) or t == "No threshold set" for t in left)
