"""What every topic of a panel's use-cases shares: the open store (with its clock),
finding a record by its id, and the lock on what approved minutes record.

``PanelService`` (services/panel.py) is made of topic services (people, meetings,
attendance, agenda, contributions, decisions, actions, records); each is a
:class:`Topic` over one :class:`PanelCore`. No topic knows ``PanelService``.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from ..domain import rules
from ..domain.errors import NotFound
from ..domain.model import (
    Action,
    AgendaItem,
    Attendance,
    CoProducer,
    Contribution,
    Decision,
    DecisionSource,
    Dissent,
    Meeting,
    Panel,
    Person,
    Record,
)
from ..store import PanelStore

R = TypeVar("R", bound=Record)


class PanelCore:
    """The open panel file and the few things every topic asks of it."""

    def __init__(self, store: PanelStore):
        self.store = store

    def today(self) -> str:
        return self.store.today()

    def clock(self) -> dt.datetime:
        """Now, by the panel's clock (a fixed one in tests): e.g. the date a document is made."""
        return self.store.clock()

    def get(self, cls: type[R], record_id: str | None) -> R:
        record = self.store.get(cls, record_id)
        if record is None:
            raise NotFound(f"No {noun(cls)} with id {record_id} in this panel")
        return record

    def find(self, cls: type[R], record_id: str | None) -> R | None:
        """The record with this id, or None if there is none (or it was deleted): for
        screens that follow a record that may have gone, e.g. after an undo."""
        return self.store.get(cls, record_id)

    def unlocked(self, meeting_id: str | None, what: str = "its record") -> None:
        """Refuse a change to what approved minutes record (they change only by amendment)."""
        if meeting_id:
            rules.check_minutes_unlocked(self.store.get(Meeting, meeting_id), what)


class Topic:
    """One topic of the panel's use-cases, over the core it shares with the others."""

    def __init__(self, core: PanelCore):
        self.core = core
        self.store = core.store


def noun(cls: type[Record]) -> str:
    return {
        Panel: "panel",
        Person: "person",
        Meeting: "meeting",
        Attendance: "attendance record",
        AgendaItem: "agenda item",
        Contribution: "contribution",
        Decision: "decision",
        DecisionSource: "decision source",
        CoProducer: "co-producer",
        Dissent: "dissent",
        Action: "action",
    }.get(cls, cls.__name__.lower())
