"""People to choose from (a speaker, a presenter, an action's owner), with the
type-ahead rule the meeting screens share: typing "am" finds Amira."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ..domain import rules
from ..domain.model import Person
from .listing import RecordIdRole, RowRole

if TYPE_CHECKING:
    from ..views.context import AppContext


class MemberChoicesModel(QAbstractListModel):
    """Members active on ``on_day`` (everyone current when None), by name.

    With ``none_label`` the first row is that choice (e.g. "No presenter"), whose id
    is None.
    """

    TABLES = frozenset({"people"})

    def __init__(self, ctx: "AppContext", *, on_day: str | None = None, none_label: str | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.on_day = on_day
        self.none_label = none_label
        self._people: list[Person] = []
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, tables: set[str]) -> None:
        if tables & self.TABLES:
            self.refresh()

    def set_day(self, on_day: str | None) -> None:
        if on_day != self.on_day:
            self.on_day = on_day
            self.refresh()

    def refresh(self) -> None:
        day = self.on_day or self.ctx.service.today()
        people = self.ctx.service.people(active_on=day)
        if [p for p in people] != self._people:
            self.beginResetModel()
            self._people = people
            self.endResetModel()

    def people(self) -> list[Person]:
        return list(self._people)

    def _offset(self) -> int:
        return 1 if self.none_label else 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._people) + self._offset()

    def person_at(self, row: int) -> Person | None:
        row -= self._offset()
        return self._people[row] if 0 <= row < len(self._people) else None

    def row_of(self, person_id: str | None) -> int:
        if person_id is None:
            return 0 if self.none_label else -1
        for number, person in enumerate(self._people):
            if person.id == person_id:
                return number + self._offset()
        return -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractListModel.CheckIndexOption.IndexIsValid):
            return None
        person = self.person_at(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return person.display_name if person else self.none_label
        if role == Qt.ItemDataRole.ToolTipRole and person:
            label = rules.roles_label(person.roles)
            return f"{person.display_name}: {label}"
        if role == RecordIdRole:
            return person.id if person else None
        if role == RowRole:
            return person
        return None

    def find(self, text: str) -> list[Person]:
        return find_people(self._people, text)


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
