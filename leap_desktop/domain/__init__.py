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
    MinutesVersion,
    Panel,
    Person,
    Record,
    Review,
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
    MinutesStatus,
    PaymentPreference,
    ReviewStatus,
    Role,
    RoleGroup,
)

__all__ = [
    "Action", "ActionStatus", "AgendaItem", "AgendaPurpose", "Attendance", "AttendanceStatus",
    "CoProducer", "Consent", "Contribution", "ContributionKind", "Decision", "DecisionMethod",
    "DecisionSource", "DecisionStatus", "Dissent", "InvolvementLevel", "ItemState", "LeapError",
    "Meeting", "MeetingStatus", "MinutesStatus", "MinutesVersion", "NotFound", "Panel", "PaymentPreference", "Person", "Record",
    "Review", "ReviewStatus", "Role", "RoleGroup", "RuleError", "StoreError",
]
