"""The panel members list: roles, attribution consent, access needs, active or left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import rules
from ..domain.model import Person
from .format import has_left, membership, roles_text
from .table import Column, TableModel, icon

if TYPE_CHECKING:
    from .context import AppContext


def _shown_as(person: Person) -> str:
    """How the decision log, minutes and exports show them."""
    return rules.attribute(person)


class PeopleModel(TableModel[Person]):
    """Everyone on the panel, past and present, by name (this is the coordinator's list;
    its page refreshes it when shown)."""

    NAME, ROLES, CONSENT, SHOWN_AS, ACCESS, MEMBERSHIP = range(6)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.today = self.service.today()
        self.include_left = True
        self.COLUMNS = (
            Column("Name", lambda p: p.display_name, "Their name, with a preferred name in brackets",
                   tooltip=lambda p: _name_tooltip(p)),
            Column("Roles", roles_text, "Their roles on the panel"),
            Column("Attribution consent", lambda p: p.consent.label,
                   "How they agreed to be shown: named, initials, role only or anonymous",
                   sort=lambda p: p.consent.privacy),
            Column("Shown elsewhere as", _shown_as,
                   "How the decision log, minutes and exports show them, as their consent allows"),
            Column("Access needs", lambda p: (p.access_needs or "").replace("\n", " "),
                   "What helps them take part"),
            Column("Membership", lambda p: membership(p, self.today),
                   "Whether they are on the panel now, or when they left",
                   sort=lambda p: f"{int(has_left(p, self.today))} {p.active_to or ''} {p.display_name.casefold()}",
                   icon=lambda p: icon("left") if has_left(p, self.today) else None),
        )

    def fetch(self) -> list[Person]:
        self.today = self.service.today()
        people = self.service.people()
        if not self.include_left:
            people = [p for p in people if not has_left(p, self.today)]
        return people

    def set_include_left(self, include: bool) -> None:
        self.include_left = include
        self.refresh()


def _name_tooltip(person: Person) -> str:
    parts = [person.display_name]
    if person.preferred_name and person.preferred_name != person.display_name:
        parts.append(f"prefers {person.preferred_name}")
    if person.pronouns:
        parts.append(person.pronouns)
    return ", ".join(parts)
