"""Removing and restoring claims: what Undo and Redo of adding or drafting claims do."""

import pytest

from leap_desktop.domain.errors import RuleError

from .test_payments import paid_panel  # noqa: F401 (a fixture)


def test_removing_drafted_claims_takes_their_expenses_and_redo_brings_both_back(paid_panel):  # noqa: F811
    pay = paid_panel["pay"]
    made = pay.draft_claims(paid_panel["meeting"].id).made
    expense = pay.add_expense(made[0].id, "taxi", "£12.40", receipt_ref="R1")
    pay.remove_claims([c.id for c in made])
    assert pay.claims() == []
    assert pay.draft_claims(paid_panel["meeting"].id).made  # nobody has a claim for it now
    pay.remove_claims([r.claim.id for r in pay.claims()])
    pay.restore_claims([c.id for c in made], [expense.id])
    rows = {r.claim.id: r for r in pay.claims()}
    assert set(rows) == {c.id for c in made}
    assert rows[made[0].id].expenses_pence == 1240


def test_a_claim_past_draft_is_not_removed(paid_panel):  # noqa: F811
    pay = paid_panel["pay"]
    claim = pay.draft_claims(paid_panel["meeting"].id).made[0]
    pay.submit_claim(claim.id, "2026-03-20")
    with pytest.raises(RuleError, match="is submitted: withdraw it instead"):
        pay.remove_claims([claim.id])
    assert len(pay.claims()) == 2
