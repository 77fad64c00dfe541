"""Money, the tax year, the rate card and the rules of claims, expenses and limits."""

import dataclasses

import pytest

from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.model import build
from leap_desktop.domain.money import parse_pence, pounds, tax_year_bounds, tax_year_of, times
from leap_desktop.domain.payments import (
    Claim,
    ClaimStatus,
    Expense,
    LimitKind,
    PaymentLimit,
    Rate,
    RateActivity,
    check_claim_step,
    latest_limit,
    rate_in_force,
)


@pytest.mark.parametrize("typed, pence", [
    ("£12.40", 1240), ("12.4", 1240), ("12", 1200), ("£1,000", 100_000), ("0.50", 50), (".5", 50),
    ("50p", 50), (" £ 7.05 ", 705), ("12.340", 1234), (1240, 1240),
])
def test_amounts_are_read_as_people_write_them(typed, pence):
    assert parse_pence(typed) == pence


@pytest.mark.parametrize("typed, message", [
    ("12.345", "Amount: 12.345 is not a whole number of pence (give at most two figures after the point)"),
    ("twelve", "Amount must be an amount of money like £12.40 (got 'twelve')"),
    ("-5", "Amount must be an amount of money like £12.40 (got '-5')"),
    ("1,00", "Amount must be an amount of money like £12.40 (got '1,00')"),
    (12.4, "Amount must be an amount of money like £12.40 (got 12.4)"),
    ("£2,000,000", "Amount is more than LEAP Desktop can hold (at most £1,000,000)"),
])
def test_amounts_that_are_not_whole_pence_are_refused_plainly(typed, message):
    with pytest.raises(RuleError) as caught:
        parse_pence(typed)
    assert caught.value.message == message


def test_pounds_and_multiplying_never_use_floating_point_money():
    assert pounds(123450) == "£1,234.50"
    assert pounds(5) == "£0.05"
    assert times(2555, 3) == 7665
    assert times(45, 12.5) == 563  # 562.5 pence rounds half up
    assert times(10, 0.1) == 1  # not 1.0000000000000002


@pytest.mark.parametrize("day, year", [("2026-04-05", 2025), ("2026-04-06", 2026), ("2027-04-05", 2026), ("2027-01-01", 2026)])
def test_the_tax_year_runs_from_6_april_to_5_april(day, year):
    assert tax_year_of(day) == year
    assert tax_year_bounds(2026) == ("2026-04-06", "2027-04-05")


def _rate(activity="meeting", amount="£25", valid_from="2025-01-01", **more):
    return build(Rate, {"activity": activity, "unit": more.pop("unit", "hour"), "amount_pence": amount,
                        "valid_from": valid_from, **more}, id=f"r-{valid_from}-{activity}")


def test_the_rate_in_force_on_the_activity_date_applies():
    old, new = _rate(amount="£25", valid_from="2025-01-01"), _rate(amount="£27.50", valid_from="2025-12-16")
    rates = [old, new, _rate("training", "£100", "2020-01-01", unit="day")]
    assert rate_in_force(rates, RateActivity.MEETING, "2025-12-15") is old
    assert rate_in_force(rates, RateActivity.MEETING, "2025-12-16") is new
    assert rate_in_force(rates, RateActivity.MEETING, "2024-12-31") is None


def test_mileage_is_paid_per_mile_and_only_mileage_is():
    with pytest.raises(RuleError, match="Mileage is paid per mile"):
        _rate("mileage", "0.45", unit="hour")
    with pytest.raises(RuleError, match="Mileage is paid per mile"):
        _rate("meeting", "25", unit="mile")


def _claim(**values):
    base = {"person_id": "p", "activity": "meeting", "activity_on": "2026-03-05", "meeting_hours": 2,
            "preparation_hours": 1, "rate_pence": 2555, "fee_pence": 7665}
    base.update(values)
    return build(Claim, base, id="c")


def test_a_full_fee_is_the_hours_at_the_rate_used():
    claim = _claim()
    assert claim.hours == 3 and claim.full_fee_pence == 7665
    with pytest.raises(RuleError, match="The full fee at £25.55 per hour is £76.65, not £70.00"):
        _claim(fee_pence="70")


def test_declined_is_no_fee_and_reduced_is_less_than_full():
    assert _claim(fee_choice="declined", fee_pence=0).fee_pence == 0
    with pytest.raises(RuleError, match="A declined fee is £0.00"):
        _claim(fee_choice="declined", fee_pence="10")
    assert _claim(fee_choice="reduced", fee_pence="£40").fee_pence == 4000
    with pytest.raises(RuleError, match="A reduced fee must be less than the full fee of £76.65"):
        _claim(fee_choice="reduced", fee_pence="£80")


def test_a_day_rate_is_paid_by_the_day():
    claim = _claim(activity="training", rate_unit="day", units=2, rate_pence="£150", fee_pence="£300")
    assert claim.full_fee_pence == 30000


def test_claim_statuses_move_in_order():
    check_claim_step(ClaimStatus.DRAFT, ClaimStatus.SUBMITTED)
    check_claim_step(ClaimStatus.APPROVED, ClaimStatus.WITHDRAWN)
    with pytest.raises(RuleError, match="is draft, so it cannot be paid"):
        check_claim_step(ClaimStatus.DRAFT, ClaimStatus.PAID)
    with pytest.raises(RuleError, match="it can be: nothing: it is finished"):
        check_claim_step(ClaimStatus.PAID, ClaimStatus.WITHDRAWN)
    with pytest.raises(RuleError, match="is already submitted"):
        check_claim_step(ClaimStatus.SUBMITTED, ClaimStatus.SUBMITTED)


def test_status_dates_are_needed_and_in_order():
    with pytest.raises(RuleError, match="A paid claim needs its paid on"):
        _claim(status="paid", submitted_on="2026-03-06", approved_on="2026-03-07")
    with pytest.raises(RuleError, match="A withdrawn claim needs its reason for withdrawing"):
        _claim(status="withdrawn", withdrawn_on="2026-03-06")
    with pytest.raises(RuleError, match="out of order"):
        _claim(status="approved", submitted_on="2026-03-09", approved_on="2026-03-07")
    with pytest.raises(RuleError, match="made after the activity"):
        _claim(status="submitted", submitted_on="2026-03-01")
    paid = _claim(status="paid", submitted_on="2026-03-06", approved_on="2026-03-10", paid_on="2026-04-04")
    assert paid.days_to_payment() == 30


def test_unpaid_claims_are_overdue_after_thirty_days():
    submitted = _claim(status="submitted", submitted_on="2026-03-06")
    assert not submitted.is_overdue("2026-04-04")
    assert submitted.is_overdue("2026-04-05")
    assert not _claim().is_overdue("2027-01-01")  # a draft is not waiting on finance


def test_mileage_expense_is_miles_at_the_rate():
    expense = build(Expense, {"claim_id": "c", "category": "mileage", "miles": 12.5, "mile_rate_pence": 45,
                              "amount_pence": 563}, id="e")
    assert expense.amount_pence == 563
    with pytest.raises(RuleError, match="Mileage is the miles times the rate per mile"):
        dataclasses.replace(expense, amount_pence=500).check()
    with pytest.raises(RuleError, match="Miles go with the category 'mileage' only"):
        build(Expense, {"claim_id": "c", "category": "taxi", "miles": 3, "amount_pence": "£9"}, id="e")


def test_own_limit_needs_a_person_and_the_person_threshold_wins_over_the_panels():
    with pytest.raises(RuleError, match="needs the person"):
        build(PaymentLimit, {"kind": "own_limit", "amount_pence": "£500", "noted_on": "2026-01-01"}, id="l")
    panel = build(PaymentLimit, {"amount_pence": "£1,000", "noted_on": "2025-01-01"}, id="a")
    theirs = build(PaymentLimit, {"person_id": "p", "amount_pence": "£600", "noted_on": "2026-05-01"}, id="b")
    assert latest_limit([panel, theirs], LimitKind.THRESHOLD, "p", "2027-04-05") is theirs
    assert latest_limit([panel, theirs], LimitKind.THRESHOLD, "q", "2027-04-05") is panel
    assert latest_limit([panel, theirs], LimitKind.THRESHOLD, "p", "2026-04-05") is panel  # theirs came later
