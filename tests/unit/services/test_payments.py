"""Payment for involvement through the service: drafting, the claim's life, expenses,
thresholds, totals, the audit trail, and privacy (nothing reaches panel-facing output)."""

import io
import json

import docx
import pytest

from leap_desktop.domain.errors import NotFound, RuleError
from leap_desktop.domain.model import Meeting
from leap_desktop.domain.payments import ClaimStatus, FeeChoice, PaymentMethod
from leap_desktop.export import csv_export, minutes_docx
from leap_desktop.services import minutes

SECRET = "Zebracode"  # a word that appears only in payment records


@pytest.fixture
def paid_panel(small_panel, service):
    s, people = service, small_panel["people"]
    s.edit_person(people["amira"].id, payment="paid")
    s.edit_person(people["ben"].id, payment="voucher")
    s.edit_person(people["dev"].id, payment="declined")
    meeting = small_panel["meeting"]
    for key, hours in (("amira", 3), ("ben", None), ("dev", 3), ("cat", 2)):
        s.set_attendance(meeting.id, people[key].id, hours=hours)
    s.set_meeting_status(meeting.id, "held")
    pay = s.payments
    pay.add_rate(activity="meeting", unit="hour", amount_pence="£25", valid_from="2025-01-01", source="Old card")
    pay.add_rate(activity="meeting", unit="hour", amount_pence="£27.50", valid_from="2025-12-16", source="NIHR, from 16 December 2025")
    pay.add_rate(activity="mileage", unit="mile", amount_pence="0.45", valid_from="2020-01-01")
    pay.add_rate(activity="task", unit="task", amount_pence="£50", valid_from="2020-01-01")
    return {**small_panel, "pay": pay}


def test_drafting_claims_follows_attendance_and_each_members_choice(paid_panel, service):
    p, pay = paid_panel["people"], paid_panel["pay"]
    drafted = pay.draft_claims(paid_panel["meeting"].id)
    made = {c.person_id: c for c in drafted.made}
    assert set(made) == {p["amira"].id, p["ben"].id}  # paid and voucher; Dev declined; Cat is staff
    amira, ben = made[p["amira"].id], made[p["ben"].id]
    # 3 hours recorded for a 90-minute meeting: 1.5 at the meeting and 1.5 preparation.
    assert (amira.meeting_hours, amira.preparation_hours) == (1.5, 1.5)
    assert amira.rate_pence == 2750 and amira.fee_pence == 8250 and amira.method is PaymentMethod.BANK_TRANSFER
    assert ben.hours == 1.5 and ben.method is PaymentMethod.VOUCHER  # no hours recorded: the meeting's length
    assert [(person.display_name, why) for person, why in drafted.passed_over] == [("Dev Patel", "declined payment")]
    again = pay.draft_claims(paid_panel["meeting"].id)
    assert again.made == [] and len(again.passed_over) == 3


def test_drafting_is_refused_for_a_planned_meeting_or_without_a_rate(paid_panel, service):
    with pytest.raises(RuleError, match="claims are drafted once a meeting has been held"):
        paid_panel["pay"].draft_claims(paid_panel["later"].id)
    old = service.add_meeting(title="Long ago", starts_at="2019-03-05 14:00")
    service.set_attendance(old.id, paid_panel["people"]["amira"].id)
    service.set_meeting_status(old.id, "held")
    with pytest.raises(RuleError, match="The rate card has no rate for meeting on 2019-03-05"):
        paid_panel["pay"].draft_claims(old.id)
    assert paid_panel["pay"].claims() == []


def test_drafting_is_one_audited_change(paid_panel, service):
    before = service.store.scalar("SELECT count(DISTINCT change_id) FROM audit")
    paid_panel["pay"].draft_claims(paid_panel["meeting"].id)
    assert service.store.scalar("SELECT count(DISTINCT change_id) FROM audit") == before + 1
    rows = service.store.rows("SELECT summary, tbl FROM audit ORDER BY seq DESC LIMIT 2")
    assert {r["tbl"] for r in rows} == {"payment_claims"} and rows[0]["summary"].startswith("Draft claims for M-")
    assert service.check() == []


def test_changing_the_rate_card_never_changes_a_claim(paid_panel, service):
    pay = paid_panel["pay"]
    claim = pay.draft_claims(paid_panel["meeting"].id).made[0]
    rate = pay.rate_on("meeting", "2026-03-05")
    pay.edit_rate(rate.id, amount_pence="£40")
    assert service.get(type(claim), claim.id).fee_pence == claim.fee_pence == 8250
    assert pay.rate_on("meeting", "2026-03-05").amount_pence == 4000


def test_a_claims_life_with_its_dates_and_days_to_payment(paid_panel, service):
    pay = paid_panel["pay"]
    claim = pay.draft_claims(paid_panel["meeting"].id).made[0]
    with pytest.raises(RuleError, match="is draft, so it cannot be approved"):
        pay.approve_claim(claim.id)
    pay.submit_claim(claim.id, on="2026-03-06")
    pay.approve_claim(claim.id, on="06/03/2026")
    paid = pay.pay_claim(claim.id, on="2026-04-01")
    assert paid.status is ClaimStatus.PAID and paid.days_to_payment() == 27
    with pytest.raises(RuleError, match="only a draft claim can be changed"):
        pay.edit_claim(claim.id, cost_code="X1")
    with pytest.raises(RuleError, match="it can be: nothing"):
        pay.withdraw_claim(claim.id, "Changed my mind")


def test_withdrawing_needs_a_reason(paid_panel):
    pay = paid_panel["pay"]
    claim = pay.draft_claims(paid_panel["meeting"].id).made[0]
    with pytest.raises(RuleError, match="Say why the claim is withdrawn"):
        pay.withdraw_claim(claim.id, " ")
    done = pay.withdraw_claim(claim.id, "Claimed twice by mistake")
    assert done.status is ClaimStatus.WITHDRAWN and done.withdrawn_on == "2026-06-15"


def test_claims_by_hand_reduced_and_declined(paid_panel):
    p, pay = paid_panel["people"], paid_panel["pay"]
    review = pay.add_claim(p["amira"].id, "task", "2026-05-02", fee="£30", description="Reviewed the topic guide")
    assert review.fee_choice is FeeChoice.REDUCED and review.fee_pence == 3000 and review.rate_pence == 5000
    declined = pay.add_claim(p["dev"].id, "task", "2026-05-02")  # Dev declines payment
    assert declined.fee_choice is FeeChoice.DECLINED and declined.fee_pence == 0
    bus = pay.add_expense(declined.id, "public_transport", "£4.80", receipt_ref="B-1")
    assert bus.amount_pence == 480  # expenses can still be claimed
    with pytest.raises(RuleError, match="Fee: 3.333 is not a whole number of pence"):
        pay.add_claim(p["amira"].id, "task", "2026-05-02", fee="3.333")


def test_expenses_mileage_at_the_dated_rate_and_only_on_drafts(paid_panel):
    pay = paid_panel["pay"]
    claim = pay.draft_claims(paid_panel["meeting"].id).made[0]
    miles = pay.add_expense(claim.id, "mileage", miles="12.5")
    assert (miles.mile_rate_pence, miles.amount_pence) == (45, 563)
    pay.add_expense(claim.id, "carer cover", "£30", paid_in_advance=True)
    assert [r.expenses_pence for r in pay.claims() if r.claim.id == claim.id] == [3563]
    pay.submit_claim(claim.id, on="2026-03-06")
    with pytest.raises(RuleError, match="expenses are added to a draft claim"):
        pay.add_expense(claim.id, "taxi", "£5")


def test_claims_can_be_found_and_filtered(paid_panel):
    pay = paid_panel["pay"]
    made = pay.draft_claims(paid_panel["meeting"].id).made
    assert pay.resolve_claim("CL-1").id == made[0].id
    assert pay.resolve_claim(" cl 2 ").id == made[1].id
    with pytest.raises(NotFound, match="No claim 'CL-9' in this panel"):
        pay.resolve_claim("CL-9")
    pay.submit_claim(made[0].id, on="2026-03-06")
    assert [r.claim.ref for r in pay.claims(status="submitted")] == ["CL-1"]
    assert len(pay.claims(meeting_id=paid_panel["meeting"].id)) == 2
    assert [r.payee for r in pay.claims(person_id=paid_panel["people"]["ben"].id)] == ["Ben Okafor"]
    with pytest.raises(RuleError, match="Claim status must be one of"):
        pay.claims(status="lost")


def test_year_total_against_the_threshold_and_own_limit(paid_panel):
    p, pay = paid_panel["people"], paid_panel["pay"]
    claim = pay.draft_claims(paid_panel["meeting"].id).made[0]  # Amira (names in order), £82.50, 5 March 2026
    pay.add_expense(claim.id, "taxi", "£10")
    for step, day in ((pay.submit_claim, "2026-03-06"), (pay.approve_claim, "2026-03-20"), (pay.pay_claim, "2026-04-10")):
        step(claim.id, on=day)
    pay.add_claim(p["amira"].id, "task", "2026-05-01")
    pay.set_threshold("£100")
    pay.note_own_limit(p["amira"].id, "£120", note="To keep her benefits")
    total = pay.year_total(p["amira"].id, 2026)  # paid on 10 April: the 2026 tax year
    assert (total.fees_paid_pence, total.fees_due_pence, total.expenses_paid_pence) == (8250, 5000, 1000)
    assert total.over(total.threshold) and total.over(total.own_limit)
    words = " ".join(total.words())
    assert "£32.50 over it" in words and "£12.50 over it" in words and "To keep her benefits" in words
    assert "does not give advice" in words and "benefits advice" in words
    assert pay.year_total(p["amira"].id, 2025).fees_paid_pence == 0


def test_totals_for_reports(paid_panel):
    pay = paid_panel["pay"]
    made = pay.draft_claims(paid_panel["meeting"].id).made
    pay.add_expense(made[0].id, "taxi", "£10")
    pay.add_expense(made[0].id, "mileage", miles=10)
    for claim in made:
        pay.submit_claim(claim.id, on="2026-03-06")
    pay.add_claim(paid_panel["people"]["amira"].id, "task", "2026-05-01")  # a draft: not counted
    totals = pay.totals()
    assert (totals.claims, totals.fees_pence, totals.expenses_pence) == (2, 8250 + 4125, 1450)
    assert totals.expenses_by_category == {"Mileage": 450, "Taxi": 1000}
    assert totals.per_meeting == {paid_panel["meeting"].ref: (12375, 1450)}
    assert totals.per_tax_year == {2025: (12375, 1450)}  # March 2026 is in the 2025-26 tax year
    json.dumps(totals.as_json())


def test_payment_data_never_reaches_panel_facing_output(paid_panel, service):
    pay = paid_panel["pay"]
    meeting = service.get(Meeting, paid_panel["meeting"].id)
    claim = pay.draft_claims(meeting.id).made[0]
    pay.edit_claim(claim.id, cost_code=f"{SECRET}-77", description=f"{SECRET} claim")
    pay.add_expense(claim.id, "taxi", "£13.13", description=f"{SECRET} taxi", receipt_ref=SECRET)
    decision = service.record_decision(title="Use the one-page summary", item_id=paid_panel["item"].id)
    outputs = []
    for anonymised in (False, True):
        data = minutes_docx.render(minutes.build_minutes(service, meeting, anonymised=anonymised))
        outputs.append("\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs))
        outputs.append(csv_export.decisions_csv(service, service.decision_log(), anonymised=anonymised).decode("utf-8-sig"))
        outputs.append(json.dumps(service.trace(decision.id, anonymised=anonymised), default=str))
        outputs.append(csv_export.actions_csv(service, service.actions(), anonymised=anonymised).decode("utf-8-sig"))
    outputs.append(repr(service.person_history(paid_panel["people"]["amira"].id)))
    for text in outputs:
        assert SECRET not in text and "£13.13" not in text and "82.50" not in text
    assert service.search(SECRET) == []
    # ...while the audit trail records every change to it, like everything else.
    assert service.store.scalar("SELECT count(*) FROM audit WHERE tbl LIKE 'payment_%' AND after LIKE ?", [f"%{SECRET}%"]) >= 2
