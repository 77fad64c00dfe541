"""The shapes of the records in a LEAP panel document (services/interchange.py reads
and writes them; services/interchange_schema.py describes them): which fields each
record carries, which lists nest inside it, and what each reference points to."""

from __future__ import annotations

import dataclasses
import re

from ..domain.model import (
    Action,
    AgendaItem,
    Attendance,
    CoProducer,
    Contribution,
    ContributionUptake,
    Decision,
    DecisionSource,
    Dissent,
    ImpactEntry,
    ImpactLink,
    ImpactVoice,
    Meeting,
    MinutesVersion,
    Panel,
    Person,
    Record,
    ResearchStage,
    Review,
    StageMark,
)
from ..domain.comms import CommsNeeds, SentPapers
from ..domain.mentions import NameMark
from ..domain.payments import Claim, Expense, PaymentLimit, Rate
from ..domain.reports import ReportText


# -- the shape of each record in the document ----------------------------------------------

# JSON name -> model field, for references (the document says "person", not "person_id").
# Fields implied by nesting (a contribution's item, an item's meeting) are left out.
@dataclasses.dataclass(frozen=True)
class Shape:
    cls: type[Record]
    implied: tuple[str, ...] = ()  # model fields filled in from the parent
    children: tuple[tuple[str, "Shape"], ...] = ()

    def json_fields(self) -> list[tuple[str, str]]:
        """(json name, model field) in document order."""
        out = []
        for fl in dataclasses.fields(self.cls):
            if fl.name in self.implied:
                continue
            name = fl.name[:-3] if fl.name.endswith("_id") and fl.name != "id" else fl.name
            out.append((name, fl.name))
        return out


CONTRIBUTION = Shape(Contribution, implied=("item_id",))
ITEM = Shape(AgendaItem, implied=("meeting_id",), children=(("contributions", CONTRIBUTION),))
ATTENDANCE = Shape(Attendance, implied=("meeting_id",))
MINUTES_VERSION = Shape(MinutesVersion, implied=("meeting_id",))
REVIEW = Shape(Review, implied=("meeting_id",))
MEETING = Shape(
    Meeting,
    children=(
        ("attendance", ATTENDANCE),
        ("agenda", ITEM),
        ("minutes_versions", MINUTES_VERSION),
        ("reviews", REVIEW),
    ),
)
SOURCE = Shape(DecisionSource, implied=("decision_id",))
COPRODUCER = Shape(CoProducer, implied=("decision_id",))
DISSENT = Shape(Dissent, implied=("decision_id",))
DECISION = Shape(Decision, children=(("sources", SOURCE), ("coproducers", COPRODUCER), ("dissent", DISSENT)))
PERSON = Shape(Person)
ACTION = Shape(Action)
PANEL = Shape(Panel)

# Lists added to version 1 after it first shipped: always written, but a document
# without them (from an earlier LEAP Desktop) is still read, as having none.
ADDED_IN_VERSION_1 = frozenset({"minutes_versions", "reviews"})

# Version 2: payment for involvement (for the coordinator and finance only), and the
# impact log, research stages and "was it taken up?" (issue 13).
RATE = Shape(Rate)
EXPENSE = Shape(Expense, implied=("claim_id",))
CLAIM = Shape(Claim, children=(("expenses", EXPENSE),))
LIMIT = Shape(PaymentLimit)
STAGE = Shape(ResearchStage)
STAGE_MARK = Shape(StageMark)
IMPACT_LINK = Shape(ImpactLink, implied=("entry_id",))
IMPACT_VOICE = Shape(ImpactVoice, implied=("entry_id",))
IMPACT_ENTRY = Shape(ImpactEntry, children=(("links", IMPACT_LINK), ("voices", IMPACT_VOICE)))
UPTAKE = Shape(ContributionUptake)
NEEDS = Shape(CommsNeeds)
SENT = Shape(SentPapers)
# The names check's "not a name" marks (domain/mentions.py). Mentions are in the free
# text itself, as stored (``@[P-12]``).
NAME_MARK = Shape(NameMark)
REPORT_TEXT = Shape(ReportText)  # the reports' narrative parts (issue 14)

#: Every record's shape, once: what the JSON Schema defines, and how a record finds its shape.
SHAPES: tuple[Shape, ...] = (
    PANEL, PERSON, MEETING, ATTENDANCE, ITEM, CONTRIBUTION, MINUTES_VERSION, REVIEW, DECISION, SOURCE,
    COPRODUCER, DISSENT, ACTION, RATE, CLAIM, EXPENSE, LIMIT, STAGE, STAGE_MARK, IMPACT_ENTRY, IMPACT_LINK,
    IMPACT_VOICE, UPTAKE, NEEDS, SENT, NAME_MARK, REPORT_TEXT,
)
SHAPE_OF: dict[type[Record], Shape] = {shape.cls: shape for shape in SHAPES}
#: Top-level lists a version 1 document does not have (and may not carry).
ADDED_IN_VERSION_2 = frozenset({"rates", "claims", "payment_limits",
                                "research_stages", "stage_marks", "impact_log", "uptake",
                                "communication_needs", "papers_sent", "name_marks", "report_texts"})

TOP_LISTS: tuple[tuple[str, Shape], ...] = (
    ("people", PERSON),
    ("meetings", MEETING),
    ("decisions", DECISION),
    ("actions", ACTION),
    ("rates", RATE),
    ("claims", CLAIM),
    ("payment_limits", LIMIT),
    ("research_stages", STAGE),
    ("stage_marks", STAGE_MARK),
    ("impact_log", IMPACT_ENTRY),
    ("uptake", UPTAKE),
    ("communication_needs", NEEDS),
    ("papers_sent", SENT),
    ("name_marks", NAME_MARK),
    ("report_texts", REPORT_TEXT),
)

# Which record type each reference field points to.
# (communication needs and sendings point to people and meetings: person_id, meeting_id)
REFERENCES: dict[str, type[Record]] = {
    "person_id": Person,
    "owner_id": Person,
    "presenter_id": Person,
    "meeting_id": Meeting,
    "reported_meeting_id": Meeting,
    "item_id": AgendaItem,
    "carried_from_id": AgendaItem,
    "decision_id": Decision,
    "supersedes_id": Decision,
    "contribution_id": Contribution,
    "approved_at_meeting_id": Meeting,
    "approval_decision_id": Decision,
    "action_id": Action,
    "rate_id": Rate,
    "claim_id": Claim,
    "stage_id": ResearchStage,
    "drafted_from_id": Decision,
    "entry_id": ImpactEntry,
}

_NOUN = {
    Person: "person",
    Meeting: "meeting",
    AgendaItem: "agenda item",
    Decision: "decision",
    Contribution: "contribution",
    Action: "action",
    Rate: "rate",
    Claim: "claim",
    ResearchStage: "research stage",
    ImpactEntry: "impact log entry",
}

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$")
