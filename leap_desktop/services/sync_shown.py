"""A sync conflict as people read it: its record, why it waits, and the fields the two
versions differ in, side by side, in words (the conflicts dialog, docs/sync.md).

Values are shown as the rest of the app shows them: a status by its label, a date in
words, money in pounds, a person as their attribution consent allows, another record
by its reference and title, free text through the panel's
:class:`~leap_desktop.domain.redact.Redactor`. The dialog may be on a shared screen, so
nobody is named here whom the decision log would not name; no raw JSON, no ids.

Plain Python, no Qt: the Qt model (models/sync_conflicts.py) shows these rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Protocol

from .. import words
from ..domain import fields as f, rules
from ..domain.vocab import Role
from ..domain.model import BY_TABLE, Action, AgendaItem, Contribution, Decision, Meeting, MinutesVersion, Person
from ..domain.money import Money, pounds
from ..domain.record import Record
from .trace import redactor_for


class Conflicting(Protocol):
    """A conflict (services/sync.py ``Conflict``), as far as it is shown here."""

    number: int
    table: str
    row_id: str
    what: str
    reason: str
    kept: dict[str, Any]
    waiting: dict[str, Any]
    noted_at: str

#: What a field that names another record points at, by the field's name.
REFERS_TO: dict[str, type[Record]] = {
    "person_id": Person, "owner_id": Person, "presenter_id": Person, "chair_id": Person,
    "meeting_id": Meeting, "approved_at_meeting_id": Meeting, "item_id": AgendaItem,
    "decision_id": Decision, "supersedes_id": Decision, "approval_decision_id": Decision,
    "action_id": Action, "contribution_id": Contribution,
}
#: Tried in turn for a field not listed above.
ANY_RECORD = (Person, Meeting, AgendaItem, Decision, Action, Contribution)
#: Shown only as being there or not (a whole record kept as JSON).
BULKY = {"snapshot": "A copy of the minutes as they were approved"}
NOT_SET = "Not set"
#: What the record is, by table, for the heading ("Decision D-3").
KINDS = {"decisions": "Decision", "meetings": "Meeting", "minutes_versions": "Minutes",
         "payment_claims": "Payment claim"}


@dataclass(frozen=True)
class Difference:
    field: str  # in words: "Decision status"
    kept: str  # in this panel now
    waiting: str


@dataclass(frozen=True)
class ConflictShown:
    number: int
    what: str  # "Decision D-3: Evening meetings"
    reason: str  # "A decision whose status changed on both laptops waits for you."
    #: where the waiting version was made: "this laptop", "laptop 3f2a9c1b", or ""
    waiting_from: str
    noted: str  # "Waiting since 15 June 2026"
    differences: tuple[Difference, ...]

    @property
    def waiting_heading(self) -> str:
        """The heading of the waiting version's column."""
        if self.waiting_from == "this laptop":
            return "Waiting, made on this laptop"
        return f"Waiting from {self.waiting_from}" if self.waiting_from else "Waiting"


def differences(now: dict[str, Any], waiting: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, now, waiting) for each field the record now and the waiting version
    differ in: what taking the waiting version would change."""
    skip = {"updated_at", "created_at", "id"}
    names = [n for n in now if n not in skip] + [n for n in waiting if n not in now and n not in skip]
    return [(n, now.get(n), waiting.get(n)) for n in names if now.get(n) != waiting.get(n)]


def laptop_name(device: str) -> str:
    """A laptop as people see it: ``laptop 3f2a9c1b`` (its folder's name in the shared
    folder starts so)."""
    return f"laptop {device[:8]}"


def field_label(cls: type[Record] | None, name: str) -> str:
    if name == "number":
        return "Reference"
    if name == "deleted_at":
        return "Deleted"
    converter = (cls.FIELDS if cls is not None else {}).get(name)
    label = getattr(converter, "label", None)
    return label or name.replace("_", " ").capitalize()


class Shower:
    """Shows one panel's conflicts; made for each time the dialog fills."""

    def __init__(self, sync: Any):
        """``sync``: the panel's ``SyncService``."""
        self.sync = sync
        self.store = sync.store
        self.clean = redactor_for(sync.core)
        self.me = sync.this_laptop()

    def show(self, conflict: Conflicting) -> ConflictShown:
        """``conflict`` in words; its fields side by side are the record as it is now
        beside the waiting version."""
        cls = BY_TABLE.get(conflict.table)
        origin = self.sync.waiting_from(conflict)
        came = "this laptop" if origin == self.me else laptop_name(origin) if origin else ""
        now = self.sync.current_version(conflict)
        rows = tuple(Difference(field_label(cls, name), *self.pair(cls, name, kept, waiting))
                     for name, kept, waiting in differences(now, conflict.waiting))
        reason = words.sentence(conflict.reason[:1].upper() + conflict.reason[1:]) if conflict.reason else ""
        return ConflictShown(conflict.number, self.what(cls, conflict, now), reason, came,
                             f"Waiting since {local_day(conflict.noted_at)}", rows)

    def what(self, cls: type[Record] | None, conflict: Conflicting, row: dict[str, Any]) -> str:
        kind = KINDS.get(conflict.table) or (cls.__name__ if cls is not None else "Record")
        if cls is MinutesVersion:
            meeting = self.record(Meeting, row.get("meeting_id"))
            of = f" of {meeting.ref}" if meeting is not None else ""
            return f"Minutes{of}, version {row.get('version')}"
        title = row.get("title") or row.get("description") or ""
        number = row.get("number")
        ref = f"{cls.PREFIX}-{number}" if cls is not None and cls.PREFIX and number is not None else ""
        name = f"{kind} {ref}".strip()
        return f"{name}: {self.clean(title)}" if title else name

    def pair(self, cls: type[Record] | None, name: str, kept: Any, waiting: Any) -> tuple[str, str]:
        if name in BULKY:
            shown = [BULKY[name] if v else NOT_SET for v in (kept, waiting)]
            if kept and waiting:
                shown = [f"{s} (not the same copy as the other)" for s in shown]
            return shown[0], shown[1]
        return self.value(cls, name, kept), self.value(cls, name, waiting)

    def value(self, cls: type[Record] | None, name: str, value: Any) -> str:
        """One stored value as people read it."""
        if value is None or value == "":
            return "No" if name == "deleted_at" else NOT_SET
        if name == "deleted_at":
            return f"Yes, on {local_day(value)}"
        if name == "number" and cls is not None and cls.PREFIX:
            return f"{cls.PREFIX}-{value}" if int(value) > 0 else f"{cls.PREFIX}-{value} (a number for now)"
        converter = (cls.FIELDS if cls is not None else {}).get(name)
        if isinstance(converter, f.Choice):
            try:
                return converter.vocab(value).label
            except ValueError:
                return str(value)
        if isinstance(converter, (f.Roles, f.Tags)):
            vocab = converter.vocab if isinstance(converter, f.Tags) else Role
            try:
                return words.names_list(vocab(v).label for v in json.loads(value)) or "None"
            except (ValueError, TypeError):
                return str(value)
        if isinstance(converter, Money):
            return pounds(int(value))
        if isinstance(converter, f.Date):
            return words.day(value)
        if isinstance(converter, f.DateTime):
            return words.when_short(value) if len(str(value)) >= 16 else words.day(value)
        if isinstance(converter, f.Ref) or name.endswith("_id"):
            return self.reference(name, str(value))
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, (int, float)):
            return f"{value:,}" if isinstance(value, int) else f"{value:g}"
        return self.clean(str(value)) or ""

    def record(self, cls: type[Record], record_id: Any) -> Record | None:
        if not record_id:
            return None
        return self.store.get(cls, str(record_id), include_deleted=True)

    def reference(self, name: str, record_id: str) -> str:
        for cls in ([REFERS_TO[name]] if name in REFERS_TO else ANY_RECORD):
            found = self.record(cls, record_id)
            if found is None:
                continue
            if isinstance(found, Person):
                return rules.attribute(found)
            title = getattr(found, "title", None)
            return f"{found.ref}: {self.clean(title)}" if title else found.ref
        return "A record no longer in this panel"


def local_day(stamp: str) -> str:
    """The day of a stored UTC moment, on this computer's clock, in words."""
    try:
        moment = dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return words.day(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return words.day(moment.date())
