"""Named queries over the payment tables (claims with their expense totals, lines for
finance). Read only; the payments service is their one caller."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.payments import Claim, Expense
from .codec import from_row
from .panel_store import PanelStore


@dataclass(frozen=True)
class ClaimRow:
    """A claim as the claims list shows it: with its payee, meeting and expenses."""

    claim: Claim
    payee: str
    person_ref: str
    meeting_ref: str | None
    expenses_pence: int
    expense_count: int

    @property
    def total_pence(self) -> int:
        return self.claim.fee_pence + self.expenses_pence



def claim_rows(
    store: PanelStore,
    *,
    status: str | None = None,
    person_id: str | None = None,
    meeting_id: str | None = None,
    from_day: str | None = None,
    to_day: str | None = None,
) -> list[ClaimRow]:
    """Live claims, newest activity first, with one pass over their expenses."""
    clauses, params = ["c.deleted_at IS NULL"], []
    for column, value in (("c.status", status), ("c.person_id", person_id), ("c.meeting_id", meeting_id)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if from_day:
        clauses.append("c.activity_on >= ?")
        params.append(from_day)
    if to_day:
        clauses.append("c.activity_on <= ?")
        params.append(to_day)
    sql = f"""
        SELECT c.*, p.display_name AS _payee, p.number AS _person_number, m.number AS _meeting_number,
               coalesce(e.total, 0) AS _expenses, coalesce(e.n, 0) AS _expense_count
        FROM payment_claims c
        JOIN people p ON p.id = c.person_id
        LEFT JOIN meetings m ON m.id = c.meeting_id
        LEFT JOIN (
            SELECT claim_id, sum(amount_pence) AS total, count(*) AS n
            FROM payment_expenses WHERE deleted_at IS NULL GROUP BY claim_id
        ) e ON e.claim_id = c.id
        WHERE {' AND '.join(clauses)}
        ORDER BY c.activity_on DESC, c.number DESC
    """
    out = []
    for row in store.rows(sql, params):
        out.append(ClaimRow(
            claim=from_row(Claim, row),  # type: ignore[arg-type]
            payee=row["_payee"],
            person_ref=f"P-{row['_person_number']}",
            meeting_ref=f"M-{row['_meeting_number']}" if row["_meeting_number"] is not None else None,
            expenses_pence=row["_expenses"],
            expense_count=row["_expense_count"],
        ))
    return out


def expenses_of(store: PanelStore, claim_ids: list[str]) -> dict[str, list[Expense]]:
    """The live expenses of each claim, in the order they were added."""
    out: dict[str, list[Expense]] = {cid: [] for cid in claim_ids}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in store.rows(
            f"SELECT * FROM payment_expenses WHERE deleted_at IS NULL AND claim_id IN ({marks}) "
            "ORDER BY created_at, id", chunk,
        ):
            out[row["claim_id"]].append(from_row(Expense, row))  # type: ignore[arg-type]
    return out


def claimed_meetings(store: PanelStore, meeting_id: str) -> set[str]:
    """People who already have a live claim (not withdrawn) for a meeting."""
    return {
        row["person_id"]
        for row in store.rows(
            "SELECT person_id FROM payment_claims WHERE meeting_id = ? AND deleted_at IS NULL "
            "AND status != 'withdrawn'", [meeting_id],
        )
    }
