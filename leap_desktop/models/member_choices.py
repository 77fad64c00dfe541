"""People to choose from (a speaker, a presenter, an action's owner), with the
type-ahead rule the meeting screens share: typing "am" finds Amira."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from ..domain import rules
from ..domain.model import Person
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
    TABLES = frozenset({"people"})

    def __init__(self, ctx: AppContext, *, on_day: str | None = None, none_label: str | None = None,
                 parent: QObject | None = None):
        super().__init__(ctx, parent)
        self.on_day = on_day
        self.none_label = none_label
        self.refresh()

    def set_day(self, on_day: str | None) -> None:
        if on_day != self.on_day:
            self.on_day = on_day
            self.refresh()

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


def find_people(people: Iterable[Person], text: str) -> list[Person]:
    """Who ``text`` names, trying the strictest reading first: the whole name, the
    start of the name, the start of any one name ("am" or "khan"), initials ("ak"),
    then anywhere in a name. Returns the people matched by the first reading that
    matches anyone."""
    key = " ".join(text.casefold().split())
    if not key:
        return []
    people = list(people)

    def names(p: Person) -> list[str]:
        return [n.casefold() for n in (p.display_name, p.preferred_name) if n]

    def initials(p: Person) -> str:
        return rules.initials(p.display_name).replace(".", "").casefold()

    tests = (
        lambda p: key in names(p),
        lambda p: any(n.startswith(key) for n in names(p)),
        lambda p: any(word.startswith(key) for n in names(p) for word in n.replace("-", " ").split()),
        lambda p: key.replace(".", "").replace(" ", "") == initials(p),
        lambda p: any(key in n for n in names(p)),
    )
    for test in tests:
        found = [p for p in people if test(p)]
        if found:
            return found
    return []
