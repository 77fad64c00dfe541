"""Plain-Python rules and records of a panel's work: no Qt, no SQL."""

from .errors import LeapError, NotFound, RuleError, StoreError
from .model import (
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
from .vocab import (
    ActionStatus,
    AgendaPurpose,
    AttendanceStatus,
    Consent,
    ContributionKind,
    DecisionMethod,
    DecisionStatus,
    InvolvementLevel,
    ItemState,
    MeetingStatus,
    PaymentPreference,
    Role,
    RoleGroup,
)

__all__ = [
    "Action", "ActionStatus", "AgendaItem", "AgendaPurpose", "Attendance", "AttendanceStatus",
    "CoProducer", "Consent", "Contribution", "ContributionKind", "Decision", "DecisionMethod",
    "DecisionSource", "DecisionStatus", "Dissent", "InvolvementLevel", "ItemState", "LeapError",
    "Meeting", "MeetingStatus", "NotFound", "Panel", "PaymentPreference", "Person", "Record",
    "Role", "RoleGroup", "RuleError", "StoreError",
]
