"""People to choose from (a speaker, a presenter, an action's owner), with the
type-ahead rule the meeting screens share: typing "am" finds Amira, "sian" finds
Siân, "carer" or "lived exp" the people in that role; those at the meeting first."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from ..domain import rules
from ..domain.model import Person
from ..domain.vocab import AttendanceStatus
from .table import Column, TableModel

if TYPE_CHECKING:
    from .context import AppContext


class MemberChoicesModel(TableModel[Person | None]):
    """Members active on ``on_day`` (everyone current when None), by name: one column,
    for a combo box or a completer.

    With ``none_label`` the first row is that choice (e.g. "No presenter"), whose row
    (and id) is None.
    """

    COLUMNS = (Column("Name"),)
    TABLES = frozenset({"people", "attendance"})

    def __init__(self, ctx: AppContext, *, on_day: str | None = None, none_label: str | None = None,
                 parent: QObject | None = None):
        super().__init__(ctx, parent)
        self.on_day = on_day
        self.none_label = none_label
        self.meeting_id: str | None = None
        self._present: set[str] = set()
        self.refresh()

    def set_day(self, on_day: str | None) -> None:
        if on_day != self.on_day:
            self.on_day = on_day
            self.refresh()

    def set_meeting(self, meeting_id: str | None) -> None:
        """The meeting whose register puts those marked present first in :meth:`choices`."""
        if meeting_id != self.meeting_id:
            self.meeting_id = meeting_id
            self.refresh()

    def refresh(self) -> None:
        meeting_id = getattr(self, "meeting_id", None)
        self._present = {a.person_id for a in self.service.attendance(meeting_id)
                         if a.status is AttendanceStatus.PRESENT} if meeting_id else set()
        super().refresh()

    def is_present(self, person: Person) -> bool:
        return person.id in self._present

    def fetch(self) -> list[Person | None]:
        people: list[Person | None] = list(self.service.people(active_on=self.on_day or self.service.today()))
        return [None, *people] if self.none_label else people

    def record_id(self, row: Person | None) -> str | None:
        return row.id if row is not None else None

    def people(self) -> list[Person]:
        return [p for p in self._rows if p is not None]

    def text(self, row: Person | None, column: int) -> str:
        return row.display_name if row is not None else (self.none_label or "")

    def tooltip(self, row: Person | None, column: int) -> str | None:
        return f"{row.display_name}: {rules.roles_label(row.roles)}" if row is not None else None

    def extra(self, row: Person | None, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return self.text(row, column)
        return None

    def matching(self, text: str) -> list[Person]:
        """The people ``text`` names (see :func:`find_people`)."""
        return find_people(self.people(), text)

    def choices(self, text: str = "") -> list[Person]:
        """The list to pick from as ``text`` is typed: everyone any reading of it fits
        (the closest readings first), those marked present at the meeting before the
        rest; for no text, everyone, present first."""
        people = self.people()
        if not " ".join(text.split()):
            return sorted(people, key=lambda p: (not self.is_present(p), fold(p.display_name)))
        tiers = match_tiers(people, text)
        return sorted(tiers, key=lambda p: (tiers[p] > 3, not self.is_present(p), tiers[p], fold(p.display_name)))


def fold(text: str) -> str:
    """``text`` as the type-ahead compares it: no accents, any case, one space between
    words ("Siân  O'Neill" -> "sian o'neill")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _readings(key: str):
    """The readings of ``key``, strictest first, each a test of one person."""

    def names(p: Person) -> list[str]:
        return [fold(n) for n in (p.display_name, p.preferred_name) if n]

    def initials(p: Person) -> list[str]:
        return [fold(rules.initials(n).replace(".", "")) for n in (p.display_name, p.preferred_name) if n]

    def roles(p: Person) -> list[str]:
        return [fold(r.label) for r in p.roles]

    letters = key.replace(".", "").replace(" ", "")
    return (
        lambda p: key in names(p),
        lambda p: any(n.startswith(key) for n in names(p)),
        lambda p: any(word.startswith(key) for n in names(p) for word in n.replace("-", " ").split()),
        lambda p: bool(letters) and letters in initials(p),
        lambda p: any(key in n for n in names(p)),
        # Role words: "carer", "lived exp", "researcher".
        lambda p: any(r.startswith(key) or any(w.startswith(key) for w in r.split()) for r in roles(p)),
    )


def match_tiers(people: Iterable[Person], text: str) -> dict[Person, int]:
    """Everyone ``text`` fits, with the strictest reading that fits them (0: the whole
    name ... 5: a role word)."""
    key = fold(text)
    found: dict[Person, int] = {}
    if not key:
        return found
    readings = _readings(key)
    for person in people:
        for tier, test in enumerate(readings):
            if test(person):
                found[person] = tier
                break
    return found


def find_people(people: Iterable[Person], text: str) -> list[Person]:
    """Who ``text`` names, trying the strictest reading first: the whole name, the
    start of the name, the start of any one name ("am" or "khan"), initials ("ak"),
    anywhere in a name, then a role word ("carer"); the display name and the
    preferred name, accents and case folded ("sian" is Siân). Returns the people
    matched by the first reading that matches anyone."""
    people = list(people)
    tiers = match_tiers(people, text)
    if not tiers:
        return []
    best = min(tiers.values())
    return [p for p in people if tiers.get(p) == best]
