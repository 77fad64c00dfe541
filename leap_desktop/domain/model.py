"""The records of a panel's work, as plain immutable values.

Each record type lists its editable fields (``FIELDS``: name -> converter). ``build``
turns raw input into a record and checks the rules that need only that record;
rules that need other records (a contribution's person, a decision's predecessor)
live in :mod:`leap_desktop.domain.rules`.

The records of the features beside the meetings (payments, the impact log, the
communication needs and papers sent, the reports' texts) live in their own modules
and are made when first asked for: ``RECORD_TYPES``, ``BY_TABLE``, ``BY_PREFIX`` and
the impact log's records named here import them then. Making a record class costs
Python a few compiled methods each, and these made about a sixth of the app's start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import fields as f
from .errors import RuleError
from .record import Record, _defaults  # noqa: F401  (Record lived here; imported from here too)
from .vocab import (
    ActionStatus,
    AgendaPurpose,
    AttendanceStatus,
    Consent,
    DECISION_PROCESS,
    ContributionKind,
    DecisionMethod,
    DecisionStatus,
    InvolvementLevel,
    ItemState,
    MeetingStatus,
    MinutesStatus,
    PaymentPreference,
    ReviewStatus,
    Role,
)
from .mentions import MENTION_TYPES  # "not a name" marks of the names check (every list reads them)

if TYPE_CHECKING:  # the impact log's records (issue 13), named here too: see __getattr__
    from .impact_records import ContributionUptake, ImpactEntry, ImpactLink, ImpactVoice, ResearchStage  # noqa: F401
    from .impact_records import StageMark  # noqa: F401


@dataclass(frozen=True, kw_only=True)
class Panel(Record):
    name: str
    purpose: str | None = None
    advises: str | None = None  # the study or service the panel advises
    start_date: str | None = None

    TABLE = "panel"
    FIELDS = {
        "name": f.Text("Panel name", required=True, max_len=f.NAME_MAX),
        "purpose": f.Text("Purpose", multiline=True, max_len=f.TEXT_MAX),
        "advises": f.Text("Study or service advised", max_len=f.TITLE_MAX),
        "start_date": f.Date("Start date"),
    }


@dataclass(frozen=True, kw_only=True)
class Person(Record):
    number: int | None = None
    display_name: str
    preferred_name: str | None = None
    pronouns: str | None = None
    roles: tuple[Role, ...]
    # No default: how a person is shown is their own choice, asked every time a person
    # is added; never silently the least private one.
    consent: Consent
    access_needs: str | None = None
    payment: PaymentPreference | None = None
    active_from: str | None = None
    active_to: str | None = None

    PREFIX = "P"
    TABLE = "people"
    FIELDS = {
        "display_name": f.Text("Name", required=True, max_len=f.NAME_MAX),
        "preferred_name": f.Text("Preferred name", max_len=f.NAME_MAX),
        "pronouns": f.Text("Pronouns", max_len=40),
        "roles": f.Roles("Roles"),
        "consent": f.Choice("Attribution consent", Consent),
        "access_needs": f.Text("Access needs", multiline=True, max_len=f.TEXT_MAX),
        "payment": f.Choice("Payment preference", PaymentPreference, required=False),
        "active_from": f.Date("Joined the panel on"),
        "active_to": f.Date("Left the panel on"),
    }

    def check(self) -> None:
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise RuleError(
                f"{self.display_name}: the day they left the panel ({self.active_to}) is before "
                f"the day they joined it ({self.active_from})",
                "active_to",
            )

    def active_on(self, day: str) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


@dataclass(frozen=True, kw_only=True)
class Meeting(Record):
    number: int | None = None
    title: str
    starts_at: str
    planned_minutes: int | None = 120
    place: str | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    # Raised whenever its time or place changes, or it is cancelled, so a calendar that
    # holds its invitation takes the newer one (services/comms.py). What papers went to
    # whom is in the sent log (domain/comms.py SentPapers).
    invite_sequence: int = 0

    PREFIX = "M"
    TABLE = "meetings"
    FIELDS = {
        "title": f.Text("Meeting title", required=True),
        "starts_at": f.DateTime("Start", required=True),
        "planned_minutes": f.Number("Planned length (minutes)", 1, 24 * 60),
        "place": f.Text("Place or online link", max_len=500),
        "status": f.Choice("Meeting status", MeetingStatus),
        "invite_sequence": f.Number("Invitation version", 0, 1_000_000, required=True),
    }

    @property
    def day(self) -> str:
        return self.starts_at[:10]


@dataclass(frozen=True, kw_only=True)
class Attendance(Record):
    meeting_id: str
    person_id: str
    status: AttendanceStatus = AttendanceStatus.PRESENT
    meeting_role: str | None = None  # chair, note-taker, ...
    hours: float | None = None  # including preparation

    TABLE = "attendance"
    FIELDS = {
        "meeting_id": f.Ref("Meeting", required=True),
        "person_id": f.Ref("Person", required=True),
        "status": f.Choice("Attendance", AttendanceStatus),
        "meeting_role": f.Text("Role at the meeting", max_len=80),
        "hours": f.Number("Hours", 0, 100, whole=False),
    }


@dataclass(frozen=True, kw_only=True)
class AgendaItem(Record):
    number: int | None = None
    meeting_id: str
    position: int
    title: str
    purpose: AgendaPurpose = AgendaPurpose.DISCUSSION
    presenter_id: str | None = None
    allotted_minutes: int | None = None
    notes: str | None = None
    state: ItemState = ItemState.OPEN
    carried_from_id: str | None = None

    PREFIX = "I"
    TABLE = "agenda_items"
    FIELDS = {
        "meeting_id": f.Ref("Meeting", required=True),
        "position": f.Number("Position", 1, 10_000, required=True),
        "title": f.Text("Item title", required=True),
        "purpose": f.Choice("Purpose", AgendaPurpose),
        "presenter_id": f.Ref("Presenter"),
        "allotted_minutes": f.Number("Allotted minutes", 0, 24 * 60),
        "notes": f.Text("Notes", multiline=True, max_len=f.TEXT_MAX),
        "state": f.Choice("Item state", ItemState),
        "carried_from_id": f.Ref("Carried from"),
    }


@dataclass(frozen=True, kw_only=True)
class Contribution(Record):
    number: int | None = None
    item_id: str
    person_id: str
    kind: ContributionKind
    text: str
    said_at: str | None = None  # UTC timestamp
    attribution: Consent | None = None  # override; only ever more private than consent

    PREFIX = "C"
    TABLE = "contributions"
    FIELDS = {
        "item_id": f.Ref("Agenda item", required=True),
        "person_id": f.Ref("Person", required=True),
        "kind": f.Choice("Kind of contribution", ContributionKind),
        "text": f.Text("What was said", required=True, multiline=True, max_len=f.TEXT_MAX),
        "said_at": f.Text("Time", max_len=40),
        "attribution": f.Choice("Attribution for this contribution", Consent, required=False),
    }


@dataclass(frozen=True, kw_only=True)
class Decision(Record):
    number: int | None = None
    title: str
    text: str | None = None
    rationale: str | None = None
    summary: str | None = None  # plain-language summary
    method: DecisionMethod | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    level: InvolvementLevel = InvolvementLevel.CONSULT
    status: DecisionStatus = DecisionStatus.PROPOSED
    status_note: str | None = None
    meeting_id: str | None = None
    item_id: str | None = None
    supersedes_id: str | None = None
    decided_on: str | None = None

    PREFIX = "D"
    TABLE = "decisions"
    FIELDS = {
        "title": f.Text("Decision title", required=True),
        "text": f.Text("Decision text", multiline=True, max_len=f.TEXT_MAX),
        "rationale": f.Text("Rationale", multiline=True, max_len=f.TEXT_MAX),
        "summary": f.Text("Plain-language summary", multiline=True, max_len=f.TEXT_MAX),
        "method": f.Choice(DECISION_PROCESS, DecisionMethod, required=False),
        "votes_for": f.Number("Votes for", 0, 100_000),
        "votes_against": f.Number("Votes against", 0, 100_000),
        "votes_abstain": f.Number("Abstentions", 0, 100_000),
        "level": f.Choice("Involvement level", InvolvementLevel),
        "status": f.Choice("Decision status", DecisionStatus),
        "status_note": f.Text("Reason for the status", multiline=True, max_len=f.TEXT_MAX),
        "meeting_id": f.Ref("Meeting"),
        "item_id": f.Ref("Agenda item"),
        "supersedes_id": f.Ref("Decision it replaces"),
        "decided_on": f.Date("Date decided"),
    }

    @property
    def votes(self) -> tuple[int, int, int] | None:
        if self.method is DecisionMethod.VOTE:
            return (self.votes_for or 0, self.votes_against or 0, self.votes_abstain or 0)
        return None

    def check(self) -> None:
        counts = (self.votes_for, self.votes_against, self.votes_abstain)
        settled = self.status in (DecisionStatus.AGREED, DecisionStatus.REJECTED)
        if settled and self.method is None:
            raise RuleError(
                f"A decision that is {self.status.label.lower()} needs a decision process "
                "(consensus, vote, delegated or deferred)",
                "method",
            )
        if self.method is DecisionMethod.VOTE:
            if any(c is None for c in counts):
                raise RuleError("A vote needs the counts for, against and abstaining", "votes_for")
            if sum(counts) == 0:
                raise RuleError("A vote needs at least one vote counted", "votes_for")
        elif any(c is not None for c in counts):
            raise RuleError("Vote counts only go with the decision process 'vote'", "method")
        if self.method is DecisionMethod.DEFERRED and self.status not in (
            DecisionStatus.PROPOSED,
            DecisionStatus.DEFERRED,
        ):
            raise RuleError(
                f"A deferred decision cannot be {self.status.label.lower()}: "
                "choose another decision process or set the status to deferred",
                "status",
            )
        if self.status is DecisionStatus.REVERSED and not self.status_note:
            raise RuleError("Say why the decision was reversed", "status_note")
        if self.supersedes_id is not None and self.supersedes_id == self.id:
            raise RuleError("A decision cannot replace itself", "supersedes_id")


@dataclass(frozen=True, kw_only=True)
class DecisionSource(Record):
    """A contribution that shaped a decision, with a note of how."""

    decision_id: str
    contribution_id: str
    note: str | None = None

    TABLE = "decision_sources"
    FIELDS = {
        "decision_id": f.Ref("Decision", required=True),
        "contribution_id": f.Ref("Contribution", required=True),
        "note": f.Text("How it shaped the decision", multiline=True, max_len=2_000),
    }


@dataclass(frozen=True, kw_only=True)
class CoProducer(Record):
    """A person who shaped a decision outside a recorded contribution."""

    decision_id: str
    person_id: str
    note: str | None = None

    TABLE = "decision_coproducers"
    FIELDS = {
        "decision_id": f.Ref("Decision", required=True),
        "person_id": f.Ref("Person", required=True),
        "note": f.Text("How they shaped it", multiline=True, max_len=2_000),
    }


@dataclass(frozen=True, kw_only=True)
class Dissent(Record):
    """Recorded disagreement with a decision. Kept, never erased."""

    decision_id: str
    person_id: str | None = None
    text: str

    TABLE = "decision_dissent"
    FIELDS = {
        "decision_id": f.Ref("Decision", required=True),
        "person_id": f.Ref("Person"),
        "text": f.Text("Dissent", required=True, multiline=True, max_len=f.TEXT_MAX),
    }


@dataclass(frozen=True, kw_only=True)
class Action(Record):
    number: int | None = None
    title: str
    owner_id: str
    due_on: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    outcome: str | None = None  # what was done (done) or why it was dropped (dropped)
    decision_id: str | None = None
    item_id: str | None = None
    reported_meeting_id: str | None = None  # where it was reported back to the panel
    closed_on: str | None = None

    PREFIX = "A"
    TABLE = "actions"
    FIELDS = {
        "title": f.Text("What needs doing", required=True, multiline=True, max_len=2_000),
        "owner_id": f.Ref("Owner", required=True),
        "due_on": f.Date("Due date"),
        "status": f.Choice("Action status", ActionStatus),
        "outcome": f.Text("Outcome", multiline=True, max_len=f.TEXT_MAX),
        "decision_id": f.Ref("Decision"),
        "item_id": f.Ref("Agenda item"),
        "reported_meeting_id": f.Ref("Meeting where it was reported back"),
        "closed_on": f.Date("Closed on"),
    }

    def check(self) -> None:
        if self.status is ActionStatus.DONE and not self.outcome:
            raise RuleError("Say what was done (the outcome) to mark an action done", "outcome")
        if self.status is ActionStatus.DROPPED and not self.outcome:
            raise RuleError("Say why the action was dropped", "outcome")

    def is_overdue(self, today: str) -> bool:
        return bool(self.due_on) and not self.status.is_closed and self.due_on < today


@dataclass(frozen=True, kw_only=True)
class MinutesVersion(Record):
    """One version of a meeting's minutes: drafted, circulated, approved, or replaced by an
    amended version. An approved version keeps a snapshot of the record it approved."""

    meeting_id: str
    version: int
    status: MinutesStatus = MinutesStatus.DRAFT
    circulated_on: str | None = None
    circulated_to: str | None = None
    approved_at_meeting_id: str | None = None
    approval_decision_id: str | None = None
    approved_on: str | None = None
    amendment_reason: str | None = None  # why this version was made (versions after the first)
    replaced_on: str | None = None
    snapshot: str | None = None  # the approved record, as JSON (see services/approval.py)

    TABLE = "minutes_versions"
    FIELDS = {
        "meeting_id": f.Ref("Meeting", required=True),
        "version": f.Number("Version", 1, 10_000, required=True),
        "status": f.Choice("Minutes status", MinutesStatus),
        "circulated_on": f.Date("Circulated on"),
        "circulated_to": f.Text("Circulated to", max_len=500),
        "approved_at_meeting_id": f.Ref("Meeting that approved the minutes"),
        "approval_decision_id": f.Ref("Decision approving the minutes"),
        "approved_on": f.Date("Approved on"),
        "amendment_reason": f.Text("Reason for the amendment", multiline=True, max_len=f.TEXT_MAX),
        "replaced_on": f.Date("Replaced on"),
        "snapshot": f.Text("Snapshot of the approved minutes", multiline=True, max_len=50_000_000),
    }

    def check(self) -> None:
        if self.status is MinutesStatus.CIRCULATED and not self.circulated_on:
            raise RuleError("Circulated minutes need the date they were sent", "circulated_on")


@dataclass(frozen=True, kw_only=True)
class Review(Record):
    """A reviewer's comment on the minutes, read back from a Word file, and what the
    coordinator did with it."""

    number: int | None = None
    meeting_id: str
    version: int | None = None  # the version of the minutes the reviewer read
    item_id: str | None = None  # what it is anchored on (none of these: the minutes as a whole)
    decision_id: str | None = None
    action_id: str | None = None
    person_id: str | None = None  # the panel member the reviewer was matched to
    reviewer: str  # the name as the comment gives it
    text: str
    quoted: str | None = None  # the words the comment was attached to
    commented_at: str | None = None
    fingerprint: str  # the same comment imported twice has the same fingerprint
    source: str | None = None  # the file it came from
    status: ReviewStatus = ReviewStatus.OPEN
    reply: str | None = None
    resolved_on: str | None = None

    PREFIX = "R"
    TABLE = "minutes_reviews"
    FIELDS = {
        "meeting_id": f.Ref("Meeting", required=True),
        "version": f.Number("Version", 1, 10_000),
        "item_id": f.Ref("Agenda item"),
        "decision_id": f.Ref("Decision"),
        "action_id": f.Ref("Action"),
        "person_id": f.Ref("Reviewer"),
        "reviewer": f.Text("Reviewer", required=True, max_len=f.NAME_MAX),
        "text": f.Text("Comment", required=True, multiline=True, max_len=f.TEXT_MAX),
        "quoted": f.Text("Text commented on", multiline=True, max_len=f.TEXT_MAX),
        "commented_at": f.Text("Time of the comment", max_len=40),
        "fingerprint": f.Text("Fingerprint", required=True, max_len=128),
        "source": f.Text("File", max_len=500),
        "status": f.Choice("Review status", ReviewStatus),
        "reply": f.Text("Reply", multiline=True, max_len=f.TEXT_MAX),
        "resolved_on": f.Date("Resolved on"),
    }

    def check(self) -> None:
        anchors = [a for a in (self.item_id, self.decision_id, self.action_id) if a]
        if len(anchors) > 1:
            raise RuleError("A review comment is anchored on one item, decision or action at most", "item_id")
        if self.status is ReviewStatus.ANSWERED and not self.reply:
            raise RuleError("Write the answer to mark a comment answered", "reply")


#: The impact log's records, named here too (``from .model import ImpactEntry``).
_IMPACT_RECORDS = ("ContributionUptake", "ImpactEntry", "ImpactLink", "ImpactVoice", "ResearchStage", "StageMark")


def _every_record_type() -> tuple[type[Record], ...]:
    """Every record type, in the order they are written (parents before children)."""
    from .comms import COMMS_TYPES  # communication needs and the papers sent log
    from .impact_records import IMPACT_RECORD_TYPES  # the impact log (issue 13)
    from .payments import PAYMENT_TYPES  # rates, claims, expenses, limits
    from .reports import ReportText  # the reports' narrative parts

    return (Panel, Person, Meeting, Attendance, AgendaItem, Contribution, Decision, DecisionSource, CoProducer,
            Dissent, Action, MinutesVersion, Review, *PAYMENT_TYPES, *IMPACT_RECORD_TYPES, *COMMS_TYPES,
            *MENTION_TYPES, ReportText)


def __getattr__(name: str) -> Any:
    """``RECORD_TYPES`` (every record type), ``BY_TABLE`` (by table name), ``BY_PREFIX``
    (by reference letter) and the impact log's records, made the first time one is
    asked for (see the module's doc)."""
    if name in ("RECORD_TYPES", "BY_TABLE", "BY_PREFIX"):
        types = _every_record_type()
        globals().update(
            RECORD_TYPES=types,
            BY_TABLE={cls.TABLE: cls for cls in types},
            BY_PREFIX={cls.PREFIX: cls for cls in types if cls.PREFIX},
        )
        return globals()[name]
    if name in _IMPACT_RECORDS:
        from . import impact_records

        return getattr(impact_records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build(cls: type[Record], values: dict[str, Any], *, id: str, **meta: Any) -> Record:
    """Make a new record of ``cls`` from raw ``values``, converted and checked."""
    record = cls(id=id, **meta, **cls.clean(values))
    record.check()
    return record

