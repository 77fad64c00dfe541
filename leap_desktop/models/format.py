"""Plain-language text for the screens: dates, counts, people as their consent allows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

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


_MONTH_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBERS = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})")
_WORDS = re.compile(r"(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")


def parse_day(text: str) -> str | None:
    """A date typed the way people write them, as ``YYYY-MM-DD``; None if ``text`` is
    not a real date.

    Takes ``2026-03-31``, and the day first, as in the UK: ``31/03/2026``, ``31/3/26``,
    ``31.03.2026``, ``31-03-2026``, ``31 March 2026``, ``Tue 31 Mar 2026``. Forms show
    how they read it (``Tuesday 31 March 2026``), so a swapped day and month is seen.
    """
    key = " ".join(text.strip().casefold().split())
    if match := _ISO.fullmatch(key):
        year, month, day_ = (int(part) for part in match.groups())
    elif match := _NUMBERS.fullmatch(key):
        day_, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if len(match.group(4)) == 2:
            year += 2000
    elif (match := _WORDS.fullmatch(key)) and match.group(2) in _MONTH_NUMBERS:
        day_, month, year = int(match.group(1)), _MONTH_NUMBERS[match.group(2)], int(match.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day_).isoformat()
    except ValueError:
        return None


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    word = noun if count == 1 else (plural_noun or noun + "s")
    return f"{count:,} {word}"


def days_between(earlier: str, later: str) -> int:
    return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days


def shown_as(person: Person) -> str:
    """How a person appears on the screens the panel reads: as their consent allows.

    Nothing is added to tell people who are not named apart (no reference such as
    P-4): a reference that stays the same everywhere would link one anonymous
    person's decisions and actions together across the whole panel.
    """
    return rules.attribute(person)


#: The attribution consents under which a person's label stands for that one person
#: (their name, or their initials), so a panel-facing list may offer them as a choice.
CHOOSABLE_CONSENTS = (Consent.NAMED, Consent.INITIALS)


def choosable(person: Person) -> bool:
    """Whether a panel-facing filter ("Shaped by", "Owner") may offer this person.

    People who chose to be shown by role only or anonymously are not offered: choosing
    one of them would list their decisions (or actions) together, which the trace
    itself never does (it numbers anonymous members afresh in each view)."""
    return person.consent in CHOOSABLE_CONSENTS


def panel_choices(people: Iterable[Person]) -> list[tuple[str, str]]:
    """The people a panel-facing filter offers, as (label shown, person id), in an
    order made only from what is shown: people shown by name, by their name; then
    people shown by initials, by their initials (ties in the order they joined the
    record). Nobody's place in the list depends on a name that is not shown."""
    chosen = [p for p in people if choosable(p)]
    chosen.sort(key=lambda p: (CHOOSABLE_CONSENTS.index(p.consent), shown_as(p).casefold(), p.number or 0))
    return [(shown_as(p), p.id) for p in chosen]


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
