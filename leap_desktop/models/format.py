"""Plain-language text for the screens: dates, counts, people as their consent allows."""

from __future__ import annotations

import datetime as dt

from ..domain import rules
from ..domain.model import Person
from ..domain.vocab import Consent

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def day(iso: str | None, *, short: bool = False) -> str:
    """``2026-03-05`` -> ``5 March 2026`` (``5 Mar 2026`` when short); empty for None."""
    if not iso:
        return ""
    try:
        date = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    month = MONTHS[date.month - 1]
    return f"{date.day} {month[:3] if short else month} {date.year}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    word = noun if count == 1 else (plural_noun or noun + "s")
    return f"{count:,} {word}"


def days_between(earlier: str, later: str) -> int:
    return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days


def shown_as(person: Person) -> str:
    """How a person appears on the screens the panel reads: as their consent allows.

    People who are not named carry their reference too, so two anonymous members can
    still be told apart in a list (the reference reveals nothing by itself).
    """
    label = rules.attribute(person)
    if person.consent is Consent.NAMED:
        return label
    return f"{label} ({person.ref})"


def roles_text(person: Person) -> str:
    return ", ".join(r.label for r in person.roles)


def membership(person: Person, today: str) -> str:
    """Active or left, in words."""
    if person.active_to and person.active_to < today:
        return f"Left on {day(person.active_to, short=True)}"
    if person.active_to:
        return f"Leaving on {day(person.active_to, short=True)}"
    if person.active_from and person.active_from > today:
        return f"Joins on {day(person.active_from, short=True)}"
    if person.active_from:
        return f"Active since {day(person.active_from, short=True)}"
    return "Active"


def has_left(person: Person, today: str) -> bool:
    return bool(person.active_to) and person.active_to < today
