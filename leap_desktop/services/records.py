"""Records in general: finding one from what a person types, the panel's own details,
undoing a deletion or a change, searching, and checking the whole file."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..domain.errors import NotFound, RuleError, shown
from ..domain.model import Panel, Person, Record, build
from ..store import queries
from ..store.panel_store import new_id
from ..store.queries import SearchHit
from .core import PanelCore, R, Topic, noun
from .people import PeopleService

_MAX_NUMBER = 2**63 - 1  # SQLite's largest integer
_REF = re.compile(r"^\s*([A-Za-z])\s*-?\s*(\d+)\s*$")


class RecordService(Topic):
    """Finding, restoring and checking records of any kind."""

    def __init__(self, core: PanelCore, people: PeopleService):
        super().__init__(core)
        self.people_service = people

    def resolve(self, cls: type[R], text: str) -> R:
        """Find a record from what a person types: ``D-12``, ``12``, an id, or for
        people a name (unique prefix of a name is enough)."""
        text = (text or "").strip()
        if not text:
            raise NotFound(f"Say which {noun(cls)}")
        match = _REF.match(text)
        number = None
        if match and cls.PREFIX and match.group(1).upper() == cls.PREFIX:
            number = int(match.group(2))
        elif text.isdigit() and cls.PREFIX:
            number = int(text)
        if number is not None:
            if number > _MAX_NUMBER:  # more digits than any record number can have
                raise NotFound(f"No {noun(cls)} {cls.PREFIX}-{number} in this panel")
            record = self.store.by_number(cls, number)
            if record is None or record.deleted_at is not None:
                raise NotFound(f"No {noun(cls)} {cls.PREFIX}-{number} in this panel")
            return record
        record = self.store.get(cls, text)
        if record is not None:
            return record
        if cls is Person:
            return self._person_by_name(text)  # type: ignore[return-value]
        raise NotFound(f"No {noun(cls)} {shown(text)} in this panel (use a reference like {cls.PREFIX}-1)")

    def _person_by_name(self, text: str) -> Person:
        key = text.casefold()
        people = self.people_service.people()
        for test in (
            lambda n: n == key,
            lambda n: n.startswith(key),
            lambda n: key in n,
        ):
            found = [
                p for p in people
                if any(test(n.casefold()) for n in (p.display_name, p.preferred_name or "") if n)
            ]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                names = ", ".join(f"{p.display_name} ({p.ref})" for p in found[:5])
                raise RuleError(f"{shown(text)} matches more than one person: {names}")
        raise NotFound(f"No person called {shown(text)} on this panel")

    def panel(self) -> Panel | None:
        found = self.store.find(Panel, order_by="created_at", limit=1)
        return found[0] if found else None

    def set_panel(self, **values: Any) -> Panel:
        """Create the panel's details, or change them."""
        current = self.panel()
        with self.store.change("Panel details"):
            if current is None:
                return self.store.insert(build(Panel, values, id=new_id()))
            return self.store.update(current.changed(**values))

    def restore(self, cls: type[R], record_id: str) -> R:
        """Undo a deletion."""
        record = self.store.get(cls, record_id, include_deleted=True)
        if record is None:
            raise NotFound(f"No {noun(cls)} with id {record_id} in this panel")
        with self.store.change(f"Restore {record.ref}"):
            return self.store.restore(record)

    def revert(self, records: Sequence[Record], summary: str = "Undo") -> list[Record]:
        """Put records back exactly as they were (what Undo in the app does), in one change.

        Each record is an earlier version of something still in this panel; the status
        rules are not applied again, since the earlier version was itself allowed. The
        audit log keeps both the change and its undoing.
        """
        for record in records:
            if self.store.get(type(record), record.id, include_deleted=True) is None:
                raise NotFound(f"{record.ref} is no longer in this panel, so it cannot be put back")
        with self.store.change(summary):
            return [self.store.update(record) for record in records]

    def search(self, text: str, *, kinds: tuple[str, ...] = ("decision", "contribution", "action"), limit: int = 50) -> list[SearchHit]:
        return queries.search(self.store, text, kinds, limit)

    def check(self):
        """Verify the file, the audit chain and every record against its history, and
        the replacement links between decisions (which no change can break, but a file
        changed outside LEAP Desktop, or made by an older one, may have broken)."""
        problems = self.store.verify()
        if any(p.where == "panel file" and p.message.startswith("damaged") for p in problems):
            return problems
        from ..store import sync_check

        return problems + queries.replacement_problems(self.store) + sync_check.problems(self.store.conn)

    def accept_as_it_is(self) -> None:
        """An older copy of the file was put in place on purpose: from now on, compare the
        audit trail with where it ends today (``leap check --accept-older-copy``)."""
        self.store.accept_as_it_is()

    # -- the whole panel as one JSON document (services/interchange.py) ---------------------

    def export_document(self) -> dict[str, Any]:
        """Every record of the panel, as the document ``leap export`` writes."""
        from . import interchange  # only for an import or an export

        return interchange.export_document(self.store)

    def import_document(self, document: Any, *, summary: str = "Import panel") -> int:
        """Write a checked document into this empty panel file, all or nothing; returns
        how many records were written."""
        from . import interchange

        return interchange.import_document(self.store, document, summary=summary)
