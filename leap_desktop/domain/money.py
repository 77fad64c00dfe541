"""Money in whole pence, read as people write it, and the UK tax year.

Money is never a float: every amount is an ``int`` number of pence. People type pounds
("£12.40", "12.4", "12", "£1,000"); :func:`parse_pence` turns that into pence, and
refuses anything that is not a whole number of pence ("12.345") in one plain sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import fields as f
from .errors import RuleError

#: The largest amount anything in LEAP Desktop may hold: a million pounds.
MAX_PENCE = 100_000_000

_POUNDS = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)?(\.(\d*))?$")


def parse_pence(text: Any, label: str = "Amount") -> int:
    """Pence from what a person typed: "£12.40", "12.4", "12", "£1,000", "0.50".

    An ``int`` is taken as pence already (files and code hold pence)."""
    if isinstance(text, bool):
        raise RuleError(f"{label} must be an amount of money like £12.40 (got {text!r})")
    if isinstance(text, int):
        pence = text
    elif isinstance(text, str):
        raw = text.strip()
        cleaned = raw.replace("£", "", 1).replace(" ", "") if raw.startswith("£") else raw.replace(" ", "")
        if cleaned.lower().endswith("p") and cleaned[:-1].isdigit() and not raw.startswith("£"):
            pence = int(cleaned[:-1])  # "50p"
        else:
            match = _POUNDS.match(cleaned)
            if not cleaned or not match or (match.group(1) is None and not match.group(4)):
                raise RuleError(f"{label} must be an amount of money like £12.40 (got {text!r})")
            pounds = int((match.group(1) or "0").replace(",", ""))
            decimals = match.group(4) or ""
            if len(decimals) > 2 and decimals[2:].strip("0"):
                raise RuleError(f"{label}: {text.strip()} is not a whole number of pence (give at most two figures after the point)")
            pence = pounds * 100 + int((decimals + "00")[:2])
    else:
        raise RuleError(f"{label} must be an amount of money like £12.40 (got {text!r})")
    if pence < 0:
        raise RuleError(f"{label} cannot be less than nothing (got {text!r})")
    if pence > MAX_PENCE:
        raise RuleError(f"{label} is more than LEAP Desktop can hold (at most £1,000,000)")
    return pence


def pounds(pence: int | None) -> str:
    """£1,234.50 for 123450; £12 stays £12.00 so columns line up."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def times(pence: int, quantity: float) -> int:
    """``pence`` times a quantity of hours, miles or days, to the nearest penny
    (halves up), computed in decimal so 3 hours at £25.50 is exactly £76.50."""
    exact = Decimal(pence) * Decimal(str(quantity))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Money(f.Number):
    """A field holding whole pence; typed text is read as pounds (:func:`parse_pence`)."""

    minimum: float = 0
    maximum: float = MAX_PENCE
    whole: bool = True

    def __call__(self, value: Any) -> int | None:  # type: ignore[override]
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise RuleError(f"{self.label} is needed (an amount like £12.40)")
            return None
        return parse_pence(value, self.label)


# -- the UK tax year: 6 April to 5 April --------------------------------------------------


def tax_year_of(day: str | dt.date) -> int:
    """The year a day's tax year starts in: 2026-04-05 is in 2025, 2026-04-06 in 2026."""
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return d.year if (d.month, d.day) >= (4, 6) else d.year - 1


def tax_year_bounds(year: int) -> tuple[str, str]:
    """First and last day of the tax year starting in ``year`` (2026: 6 April 2026 to 5 April 2027)."""
    if not 1900 <= year <= 2999:
        raise RuleError(f"The tax year must be a year like 2026 (got {year})")
    return f"{year:04d}-04-06", f"{year + 1:04d}-04-05"


def tax_year_words(year: int) -> str:
    return f"6 April {year} to 5 April {year + 1}"
