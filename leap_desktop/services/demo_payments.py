"""The demo panel's payments: an example rate card and a claim for every paid member at
every held meeting, in believable states.

Older claims are paid (one of them late), the last two meetings' claims are still
submitted or approved, the newest are drafts, one claim was withdrawn, one member asked
for a lower fee, one declines payment but claims an expense, vouchers for those who take
them, and a review task claimed by hand. The card is marked as an example: its rates are
illustrations, not guidance.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from ..domain.money import times

EXAMPLE_SOURCE = "Example only: in the style of NIHR payment guidance (task-based rates raised by 10% from 16 December 2025)"

#: (activity, unit, pence, valid from)
CARD = [
    ("meeting", "hour", 2500, "2000-01-01"),
    ("meeting", "hour", 2750, "2025-12-16"),
    ("task", "task", 5000, "2000-01-01"),
    ("task", "task", 5500, "2025-12-16"),
    ("training", "day", 16000, "2000-01-01"),
    ("mileage", "mile", 45, "2000-01-01"),
]


class _Payments:
    def __init__(self, seed: int, today: dt.date):
        self.rng = random.Random(seed)
        self.today = today
        self.number = 0
        self.rates: list[dict[str, Any]] = []

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def meta(self, day: dt.date) -> dict[str, Any]:
        stamp = dt.datetime.combine(min(day, self.today), dt.time(16, 0)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        return {"id": self.uid(), "created_at": stamp, "updated_at": stamp, "deleted_at": None}

    def rate(self, activity: str, day: str) -> dict[str, Any]:
        return max((r for r in self.rates if r["activity"] == activity and r["valid_from"] <= day), key=lambda r: r["valid_from"])

    def claim(self, person: dict, day: dt.date, activity: str, *, meeting: dict | None = None, hours: tuple = (None, None),
              units: float | None = None, status: str = "paid", paid_after: int = 21, fee: int | None = None,
              declined: bool = False, reason: str | None = None) -> dict[str, Any]:
        rate = self.rate(activity, day.isoformat())
        self.number += 1
        quantity = sum(h or 0 for h in hours) if rate["unit"] == "hour" else (units or 1)
        full = times(rate["amount_pence"], quantity)
        choice = "declined" if declined else ("reduced" if fee is not None and fee < full else "full")
        dates = {"submitted_on": None, "approved_on": None, "paid_on": None, "withdrawn_on": None}
        if status in ("submitted", "approved", "paid"):
            dates["submitted_on"] = (day + dt.timedelta(days=2)).isoformat()
        if status in ("approved", "paid"):
            dates["approved_on"] = (day + dt.timedelta(days=min(9, paid_after - 1))).isoformat()
        if status == "paid":
            dates["paid_on"] = (day + dt.timedelta(days=paid_after)).isoformat()
        if status == "withdrawn":
            dates["withdrawn_on"] = (day + dt.timedelta(days=3)).isoformat()
        return {
            **self.meta(day + dt.timedelta(days=1)), "number": self.number, "person": person["id"],
            "meeting": meeting["id"] if meeting else None, "activity": activity, "activity_on": day.isoformat(),
            "description": (f"M-{meeting['number']} {meeting['title']}" if meeting else "Reviewed the draft topic guide"),
            "meeting_hours": hours[0], "preparation_hours": hours[1], "follow_up_hours": None,
            "units": units if rate["unit"] != "hour" else None, "rate": rate["id"], "rate_unit": rate["unit"],
            "rate_pence": rate["amount_pence"], "rate_source": rate["source"], "fee_choice": choice,
            "fee_pence": 0 if declined else (fee if choice == "reduced" else full),
            "method": "voucher" if person["payment"] == "voucher" else "bank_transfer",
            "cost_code": "PMH-LEAP-01", "status": status, **dates, "withdrawn_reason": reason, "expenses": [],
        }

    def expense(self, claim: dict, category: str, pence: int | None = None, *, miles: float | None = None,
                receipt: str | None = None, advance: bool = False, what: str | None = None) -> None:
        day = dt.date.fromisoformat(claim["activity_on"])
        mile_rate = self.rate("mileage", claim["activity_on"])["amount_pence"] if miles else None
        claim["expenses"].append({
            **self.meta(day + dt.timedelta(days=1)), "category": category, "description": what, "miles": miles,
            "mile_rate_pence": mile_rate, "amount_pence": times(mile_rate, miles) if miles else pence,
            "receipt_ref": receipt, "paid_in_advance": "yes" if advance else "no",
        })


def add_payments(document: dict[str, Any], today: dt.date, *, seed: int = 12) -> None:
    """Add the rate card, the panel's threshold, one person's own limit and the claims."""
    p = _Payments(seed, today)
    people = {person["id"]: person for person in document["people"]}
    by_name = {person["display_name"].split()[0]: person for person in document["people"]}
    start = dt.date.fromisoformat(document["panel"]["start_date"])
    for activity, unit, pence, valid_from in CARD:
        p.rates.append({**p.meta(max(start, dt.date.fromisoformat(valid_from))), "activity": activity, "unit": unit,
                        "amount_pence": pence, "valid_from": valid_from, "source": EXAMPLE_SOURCE, "example": "yes"})
    held = [m for m in document["meetings"] if m["status"] not in ("planned", "cancelled")]
    claims: list[dict[str, Any]] = []
    late_done = withdrawn_done = False
    for index, meeting in enumerate(held):
        day = dt.date.fromisoformat(meeting["starts_at"][:10])
        from_end = len(held) - 1 - index
        for a in meeting["attendance"]:
            person = people[a["person"]]
            if a["status"] != "present" or person["payment"] is None:
                continue
            first = person["display_name"].split()[0]
            if person["payment"] == "declined":
                if from_end < 12 and index % 3 == 0:  # joins online: claims the data, not the fee
                    claim = p.claim(person, day, "meeting", meeting=meeting, hours=(2.0, 1.0), declined=True,
                                    status="paid" if from_end > 1 else "submitted")
                    p.expense(claim, "phone_data", 500, what="Mobile data to join online")
                    claims.append(claim)
                continue
            hours = a["hours"] if a["hours"] is not None else 2.0
            status, paid_after = "paid", p.rng.randint(12, 28)
            if from_end == 0:
                status = "draft"
            elif from_end == 1:
                status = "submitted"
            elif from_end == 2:
                status = "approved"
            elif from_end < 8 and not late_done:
                late_done, paid_after = True, 74  # paid late: finance lost the form
            fee = None
            if first == "Carys" and from_end < 12:
                fee = 5000  # asked for £50 a meeting, to stay within her own limit
            claim = p.claim(person, day, "meeting", meeting=meeting, hours=(min(hours, 2.0), max(hours - 2.0, 0) or None),
                            status=status, paid_after=paid_after, fee=fee)
            if first == "Ben":
                p.expense(claim, "carer_cover", 3000, receipt=f"CC-{claim['number']}", what="Cover for his son")
            elif first == "Amira":
                p.expense(claim, "public_transport", 640, receipt=f"BUS-{claim['number']}")
            elif first == "Lin":
                p.expense(claim, "mileage", miles=14.0)
            elif first == "Maria" and index % 2:
                p.expense(claim, "parking", 450, advance=True, what="Booked by the team")
            if status == "paid" and first == "Lin" and from_end < 6 and not withdrawn_done:
                withdrawn_done = True
                twin = p.claim(person, day, "meeting", meeting=meeting, hours=(min(hours, 2.0), max(hours - 2.0, 0) or None), status="withdrawn",
                               reason="Entered twice by mistake; the other claim was paid")
                claims.append(twin)
            claims.append(claim)
    if "Amira" in by_name and held:
        review_day = dt.date.fromisoformat(held[-1]["starts_at"][:10]) - dt.timedelta(days=10)
        claims.append(p.claim(by_name["Amira"], review_day, "task", units=1, status="approved"))
    claims.sort(key=lambda c: c["number"])
    for claim in claims:  # in the order an export writes them
        claim["expenses"].sort(key=lambda e: (e["created_at"], e["id"]))
    document["rates"] = sorted(p.rates, key=lambda r: (r["valid_from"], r["created_at"], r["id"]))
    document["claims"] = claims
    document["payment_limits"] = [
        {**p.meta(start), "person": None, "kind": "threshold", "amount_pence": 100_000, "noted_on": start.isoformat(),
         "note": "Past £1,000 of fees in a tax year someone may need to file a Self Assessment return"},
    ]
    if "Carys" in by_name:
        noted = max(start, today - dt.timedelta(days=300))
        document["payment_limits"].append({
            **p.meta(noted), "person": by_name["Carys"]["id"], "kind": "own_limit", "amount_pence": 60_000,
            "noted_on": noted.isoformat(), "note": "Carys asked to keep her fees under £600 a year",
        })
