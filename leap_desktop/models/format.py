"""People on the screens, as their consent allows (dates and counts: ``leap_desktop.words``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain import rules
from ..domain.model import Person
from ..domain.vocab import Consent
from ..words import day


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
