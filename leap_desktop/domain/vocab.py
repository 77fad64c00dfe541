"""The panel's vocabulary: every closed list of choices, with its plain-language label.

The stored value (``lived_experience``) never changes; the label ("Lived experience
member") is what people see. ``parse`` accepts either, in any case, with spaces,
hyphens or underscores, so the command line and imports are forgiving.
"""

from __future__ import annotations

import re
from enum import Enum

from .errors import RuleError, shown


def _key(text: str) -> str:
    return re.sub(r"[\s\-_]+", "_", text.strip().lower())


class Vocab(str, Enum):
    """A closed list of choices. Members are strings equal to their stored value."""

    label: str

    def __new__(cls, value: str, label: str):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    def __str__(self) -> str:  # "agreed", not "DecisionStatus.AGREED"
        return self.value

    @classmethod
    def parse(cls, text, what: str | None = None):
        """Return the member named by ``text`` (value or label), or raise RuleError."""
        if isinstance(text, cls):
            return text
        if isinstance(text, str):
            key = _key(text)
            for member in cls:
                if key in (member.value, _key(member.label)):
                    return member
        what = what or cls.__doc__.strip().splitlines()[0].rstrip(".").lower()
        choices = ", ".join(m.value for m in cls)
        raise RuleError(f"{what} must be one of: {choices} (got {shown(text)})")

    @classmethod
    def choices(cls) -> list[str]:
        return [m.value for m in cls]


class Role(Vocab):
    """Role on the panel."""

    LIVED_EXPERIENCE = ("lived_experience", "Lived experience member")
    CARER = ("carer", "Carer")
    RESEARCHER = ("researcher", "Researcher")
    PRACTITIONER = ("practitioner", "Practitioner")
    FACILITATOR = ("facilitator", "Facilitator")
    COORDINATOR = ("coordinator", "Coordinator")
    OBSERVER = ("observer", "Observer")

    @property
    def group(self) -> "RoleGroup":
        return ROLE_GROUPS[self]


class RoleGroup(Vocab):
    """Group of roles used when showing the balance of voices (the share of sources by
    role). These numbers go into published reports, so the groups are defined here once
    and written out in docs/concepts.md. Declared in order of precedence: a person with
    roles in several groups counts once, in the first group that fits."""

    LIVED_EXPERIENCE = ("lived_experience", "Lived experience")
    CARERS = ("carers", "Carers")
    RESEARCH_PRACTICE = ("researchers_practitioners", "Researchers and practitioners")
    FACILITATION = ("facilitators_coordinators", "Facilitators and coordinators")
    OBSERVERS = ("observers", "Observers")

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles that count in this group."""
        return tuple(role for role, group in ROLE_GROUPS.items() if group is self)

    @property
    def definition(self) -> str:
        """``Researchers and practitioners: researcher, practitioner``"""
        return f"{self.label}: {', '.join(role.label.lower() for role in self.roles)}"


ROLE_GROUPS = {
    Role.LIVED_EXPERIENCE: RoleGroup.LIVED_EXPERIENCE,
    Role.CARER: RoleGroup.CARERS,
    Role.RESEARCHER: RoleGroup.RESEARCH_PRACTICE,
    Role.PRACTITIONER: RoleGroup.RESEARCH_PRACTICE,
    Role.FACILITATOR: RoleGroup.FACILITATION,
    Role.COORDINATOR: RoleGroup.FACILITATION,
    Role.OBSERVER: RoleGroup.OBSERVERS,
}

#: How the groups are defined, in one sentence, for the trace and the command.
ROLE_GROUPS_RULE = (
    "; ".join(group.definition for group in RoleGroup)
    + ". Someone with several roles counts once, in the first of these groups that fits."
)


class Consent(Vocab):
    """Attribution consent."""

    # Declared from least to most private: the order is the rule.
    NAMED = ("named", "Named")
    INITIALS = ("initials", "Initials")
    ROLE_ONLY = ("role_only", "Role only")
    ANONYMOUS = ("anonymous", "Anonymous")

    @property
    def privacy(self) -> int:
        return list(Consent).index(self)


class PaymentPreference(Vocab):
    """Payment preference."""

    PAID = ("paid", "Paid")
    VOUCHER = ("voucher", "Voucher")
    DECLINED = ("declined", "Declined payment")


class MeetingStatus(Vocab):
    """Meeting status."""

    PLANNED = ("planned", "Planned")
    HELD = ("held", "Held")
    MINUTES_DRAFT = ("minutes_draft", "Minutes in draft")
    MINUTES_CIRCULATED = ("minutes_circulated", "Minutes circulated")
    MINUTES_APPROVED = ("minutes_approved", "Minutes approved")
    CANCELLED = ("cancelled", "Cancelled")


class AttendanceStatus(Vocab):
    """Attendance."""

    PRESENT = ("present", "Present")
    APOLOGIES = ("apologies", "Sent apologies")
    ABSENT = ("absent", "Absent")


class AgendaPurpose(Vocab):
    """Purpose of an agenda item."""

    INFORMATION = ("information", "For information")
    DISCUSSION = ("discussion", "For discussion")
    DECISION = ("decision", "For decision")


class ItemState(Vocab):
    """State of an agenda item."""

    OPEN = ("open", "Not finished")
    DONE = ("done", "Finished")
    CARRIED = ("carried", "Carried to a later meeting")


class ContributionKind(Vocab):
    """Kind of contribution."""

    INSIGHT = ("insight", "Lived-experience insight")
    IDEA = ("idea", "Idea")
    CONCERN = ("concern", "Concern")
    QUESTION = ("question", "Question")
    SUGGESTION = ("suggestion", "Suggestion")
    AGREEMENT = ("agreement", "Agreement")
    DISSENT = ("dissent", "Dissent")
    #: Procedural speech (a welcome, a point of information, a thank-you): said, and
    #: recorded, but not a view the panel offers.
    COMMENT = ("comment", "Comment")


class DecisionMethod(Vocab):
    """Decision process."""

    CONSENSUS = ("consensus", "Consensus")
    VOTE = ("vote", "Vote")
    DELEGATED = ("delegated", "Delegated to the research team")
    DEFERRED = ("deferred", "Deferred")


#: The one name every screen, export and the command line give a decision's method
#: (how the panel decided); the stored field and the interchange format keep ``method``.
DECISION_PROCESS = "Decision process"


class InvolvementLevel(Vocab):
    """Involvement level."""

    # A ladder, lowest rung first.
    INFORM = ("inform", "Inform")
    CONSULT = ("consult", "Consult")
    INVOLVE = ("involve", "Involve")
    COLLABORATE = ("collaborate", "Collaborate")
    PANEL_LED = ("panel_led", "Panel-led")

    @property
    def rung(self) -> int:
        return list(InvolvementLevel).index(self) + 1


class DecisionStatus(Vocab):
    """Decision status."""

    PROPOSED = ("proposed", "Proposed")
    AGREED = ("agreed", "Agreed")
    REJECTED = ("rejected", "Rejected")
    DEFERRED = ("deferred", "Deferred")
    SUPERSEDED = ("superseded", "Superseded")
    REVERSED = ("reversed", "Reversed")


class ActionStatus(Vocab):
    """Action status."""

    OPEN = ("open", "Open")
    IN_PROGRESS = ("in_progress", "In progress")
    DONE = ("done", "Done")
    DROPPED = ("dropped", "Dropped")

    @property
    def is_closed(self) -> bool:
        return self in (ActionStatus.DONE, ActionStatus.DROPPED)


class MinutesStatus(Vocab):
    """Minutes status."""

    DRAFT = ("draft", "Draft")
    CIRCULATED = ("circulated", "Circulated")
    APPROVED = ("approved", "Approved")
    AMENDED = ("amended", "Replaced by an amended version")


class ReviewStatus(Vocab):
    """Review comment status."""

    OPEN = ("open", "Waiting for the coordinator")
    ACCEPTED = ("accepted", "Accepted: the record was amended")
    ANSWERED = ("answered", "Answered")
