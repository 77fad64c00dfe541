"""Rules that involve more than one record, status changes, and attribution.

Plain functions over domain values. The services call them before writing; the
importer calls them over a whole document before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..words import names_list
from .errors import RuleError
from .model import Action, Contribution, Decision, Meeting, Person
from .vocab import (
    ActionStatus,
    Consent,
    DecisionStatus,
    MeetingStatus,
    MinutesStatus,
    Role,
    RoleGroup,
)

# -- status changes ---------------------------------------------------------------

DECISION_TRANSITIONS: dict[DecisionStatus, frozenset[DecisionStatus]] = {
    DecisionStatus.PROPOSED: frozenset(
        {DecisionStatus.AGREED, DecisionStatus.REJECTED, DecisionStatus.DEFERRED}
    ),
    DecisionStatus.DEFERRED: frozenset(
        {DecisionStatus.PROPOSED, DecisionStatus.AGREED, DecisionStatus.REJECTED}
    ),
    DecisionStatus.AGREED: frozenset({DecisionStatus.SUPERSEDED, DecisionStatus.REVERSED}),
    DecisionStatus.REJECTED: frozenset({DecisionStatus.PROPOSED}),
    DecisionStatus.SUPERSEDED: frozenset(),
    DecisionStatus.REVERSED: frozenset(),
}

ACTION_TRANSITIONS: dict[ActionStatus, frozenset[ActionStatus]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED}),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED}),
    ActionStatus.DONE: frozenset({ActionStatus.OPEN}),
    ActionStatus.DROPPED: frozenset({ActionStatus.OPEN}),
}

MEETING_TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED}),
    MeetingStatus.HELD: frozenset({MeetingStatus.MINUTES_DRAFT, MeetingStatus.PLANNED}),
    MeetingStatus.MINUTES_DRAFT: frozenset({MeetingStatus.MINUTES_CIRCULATED}),
    MeetingStatus.MINUTES_CIRCULATED: frozenset(
        {MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_DRAFT}
    ),
    # An amendment after approval starts a new draft version of the minutes.
    MeetingStatus.MINUTES_APPROVED: frozenset({MeetingStatus.MINUTES_DRAFT}),
    MeetingStatus.CANCELLED: frozenset({MeetingStatus.PLANNED}),
}


def _check_transition(table, old, new, what: str) -> None:
    if old == new or new in table[old]:
        return
    allowed = sorted(s.label.lower() for s in table[old])
    hint = f"it can become: {', '.join(allowed)}" if allowed else "it cannot change any more"
    raise RuleError(f"A {what} that is {old.label.lower()} cannot become {new.label.lower()}; {hint}", "status")


def check_decision_transition(old: DecisionStatus, new: DecisionStatus) -> None:
    _check_transition(DECISION_TRANSITIONS, old, new, "decision")


def allowed_statuses(decision: Decision) -> list[DecisionStatus]:
    """What a decision can become by hand (superseded comes only from a replacement)."""
    allowed = DECISION_TRANSITIONS[decision.status] - {DecisionStatus.SUPERSEDED}
    return [status for status in DecisionStatus if status in allowed]


def check_action_transition(old: ActionStatus, new: ActionStatus) -> None:
    _check_transition(ACTION_TRANSITIONS, old, new, "action")


def check_meeting_transition(old: MeetingStatus, new: MeetingStatus) -> None:
    _check_transition(MEETING_TRANSITIONS, old, new, "meeting")


# -- rules across records -----------------------------------------------------------


def check_member(person: Person | None, what: str, on_day: str | None = None) -> Person:
    """``person`` must be someone on this panel (and active on ``on_day`` if given)."""
    if person is None or person.deleted_at is not None:
        raise RuleError(f"{what} must be a person on this panel")
    if on_day and person.active_to and person.active_to < on_day:
        raise RuleError(
            f"{what}: {person.display_name} left the panel on {person.active_to}"
        )
    return person


def check_contribution(contribution: Contribution, person: Person | None) -> None:
    check_member(person, "The person who spoke")
    assert person is not None
    override = contribution.attribution
    if override is not None and override.privacy < person.consent.privacy:
        raise RuleError(
            f"This contribution can only be attributed more privately than "
            f"{person.display_name}'s consent ({person.consent.label.lower()}), "
            f"not as {override.label.lower()}",
            "attribution",
        )


def check_action(action: Action, owner: Person | None, on_day: str | None = None) -> None:
    check_member(owner, "The action's owner", on_day)


def check_supersedes(new: Decision, old: Decision | None) -> None:
    """``new`` replaces ``old``: ``old`` must exist and be in force (agreed)."""
    if new.supersedes_id is None:
        return
    if old is None or old.deleted_at is not None:
        raise RuleError("The decision this one replaces is not in this panel's log", "supersedes_id")
    if old.id == new.id:
        raise RuleError("A decision cannot replace itself", "supersedes_id")
    if old.status not in (DecisionStatus.AGREED, DecisionStatus.SUPERSEDED):
        raise RuleError(
            f"Only an agreed decision can be replaced; {old.ref} is {old.status.label.lower()}",
            "supersedes_id",
        )


def _chain_words(chain: list[Decision]) -> str:
    """"D-2 replaces D-3, which replaces D-2" (cut short for a long loop)."""
    refs = [d.ref for d in chain] + [chain[0].ref]
    if len(refs) > 6:
        refs = refs[:4] + ["...", refs[-1]]
    return refs[0] + " replaces " + ", which replaces ".join(refs[1:])


def check_not_circular(new: Decision, older: Iterable[Decision]) -> None:
    """``older`` is what ``new`` would replace, then what that replaces, and so on:
    ``new`` must not be among them (a decision cannot end up replacing itself)."""
    chain = [new]
    for decision in older:
        if decision.id == new.id:
            raise RuleError(
                f"{_chain_words(chain)}: a decision cannot end up replacing itself", "supersedes_id"
            )
        chain.append(decision)


def replacement_problems(decisions: Iterable[Decision]) -> list[tuple[Decision, str]]:
    """Replacement links no panel can have, each with the decision at fault.

    A loop (D-2 replaces D-3, which replaces D-2; or longer), among all decisions,
    removed ones too (the trace follows those); and a decision replaced by two
    decisions in force (agreed, not removed), which recording a replacement refuses.
    """
    by_id = {d.id: d for d in decisions}
    problems: list[tuple[Decision, str]] = []
    done: set[str] = set()
    for start in sorted(by_id.values(), key=lambda d: d.number or 0):
        path: list[Decision] = []
        on_path: dict[str, int] = {}
        current: Decision | None = start
        while current is not None and current.id not in done:
            if current.id in on_path:
                loop = path[on_path[current.id]:]
                first = min(range(len(loop)), key=lambda i: loop[i].number or 0)
                loop = loop[first:] + loop[:first]
                problems.append((loop[0], f"{_chain_words(loop)}: a decision cannot end up replacing itself"))
                break
            on_path[current.id] = len(path)
            path.append(current)
            current = by_id.get(current.supersedes_id) if current.supersedes_id else None
        done.update(on_path)
    replacing: dict[str, list[Decision]] = {}
    for decision in by_id.values():
        if decision.supersedes_id and decision.deleted_at is None and decision.status is DecisionStatus.AGREED:
            replacing.setdefault(decision.supersedes_id, []).append(decision)
    for old_id, newer in replacing.items():
        if len(newer) > 1:
            newer.sort(key=lambda d: d.number or 0)
            old = by_id.get(old_id)
            refs = ", ".join(d.ref for d in newer[:-1]) + f" and {newer[-1].ref}"
            each = "all" if len(newer) > 2 else "both"
            problems.append((
                newer[-1],
                f"{refs} {each} replace {old.ref if old else 'one decision'}, and are {each} in force: "
                "a decision is replaced by one decision only",
            ))
    return problems


def check_decision_meeting(decision: Decision, meeting: Meeting | None, item_meeting_id: str | None) -> None:
    if decision.item_id is not None and decision.meeting_id is not None:
        if item_meeting_id != decision.meeting_id:
            raise RuleError("The agenda item is not on the agenda of the decision's meeting", "item_id")


# -- attribution ----------------------------------------------------------------------


def effective_consent(consent: Consent, override: Consent | None = None) -> Consent:
    """The most private of a person's consent and a per-contribution override."""
    if override is None or override.privacy < consent.privacy:
        return consent
    return override


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return "?"
    return "".join(p[0].upper() + "." for p in parts)


def roles_label(roles: tuple[Role, ...] | list[Role]) -> str:
    return names_list(r.label.lower() for r in roles) or "panel member"


def attribute(person: Person, override: Consent | None = None, *, anonymised: bool = False) -> str:
    """The name to show for ``person``, as their consent allows.

    ``anonymised`` is the publication view: no names or initials at all, roles kept
    (except for people who chose to be anonymous, whose role is not shown either).
    """
    level = effective_consent(person.consent, override)
    if anonymised and level.privacy < Consent.ROLE_ONLY.privacy:
        level = Consent.ROLE_ONLY
    if level is Consent.NAMED:
        return person.display_name
    if level is Consent.INITIALS:
        return initials(person.display_name)
    if level is Consent.ROLE_ONLY:
        label = roles_label(person.roles)
        return label[:1].upper() + label[1:]
    return "Anonymous member"


def visible_roles(person: Person, override: Consent | None = None) -> tuple[Role, ...]:
    """Roles may be shown unless the person (or this contribution) is anonymous."""
    if effective_consent(person.consent, override) is Consent.ANONYMOUS:
        return ()
    return person.roles


def role_group(roles: tuple[Role, ...]) -> RoleGroup:
    """Where a person's voice counts in the balance: the first group (in the order
    :class:`~leap_desktop.domain.vocab.RoleGroup` declares them, lived experience first)
    that one of their roles belongs to."""
    groups = {r.group for r in roles}
    return next((group for group in RoleGroup if group in groups), RoleGroup.OBSERVERS)


# -- agenda timing ----------------------------------------------------------------------


class AgendaTiming:
    """Allotted minutes against the meeting's planned length."""

    def __init__(self, allotted: list[int | None], planned: int | None):
        self.total = sum(m or 0 for m in allotted)
        self.planned = planned
        self.unallotted = sum(1 for m in allotted if m is None)

    @property
    def over_by(self) -> int:
        return max(0, self.total - self.planned) if self.planned else 0

    @property
    def is_over(self) -> bool:
        return self.over_by > 0

    def describe(self) -> str:
        if not self.planned:
            return f"{self.total} minutes allotted (no planned length set)"
        if self.is_over:
            return (
                f"Over time: {self.total} minutes allotted, {self.over_by} more than the "
                f"{self.planned} planned"
            )
        return f"{self.total} of {self.planned} minutes allotted ({self.planned - self.total} spare)"


# -- minutes: versions, circulation, approval, the lock ---------------------------------------

MINUTES_TRANSITIONS: dict[MinutesStatus, frozenset[MinutesStatus]] = {
    MinutesStatus.DRAFT: frozenset({MinutesStatus.CIRCULATED}),
    # Circulated minutes can still be corrected (they stay circulated) and are approved
    # at a later meeting.
    MinutesStatus.CIRCULATED: frozenset({MinutesStatus.APPROVED}),
    # Approved minutes are locked: the only change is an amendment, which replaces this
    # version by a new draft version and keeps this one as it was approved.
    MinutesStatus.APPROVED: frozenset({MinutesStatus.AMENDED}),
    MinutesStatus.AMENDED: frozenset(),
}

#: The meeting status that goes with each status of its current minutes.
MEETING_STATUS_OF_MINUTES = {
    MinutesStatus.DRAFT: MeetingStatus.MINUTES_DRAFT,
    MinutesStatus.CIRCULATED: MeetingStatus.MINUTES_CIRCULATED,
    MinutesStatus.APPROVED: MeetingStatus.MINUTES_APPROVED,
}


def check_minutes_transition(old: MinutesStatus, new: MinutesStatus) -> None:
    if old == new or new in MINUTES_TRANSITIONS[old]:
        return
    if old is MinutesStatus.DRAFT and new is MinutesStatus.APPROVED:
        raise RuleError("Minutes are circulated to the panel before they are approved", "status")
    if old is MinutesStatus.APPROVED:
        raise RuleError("These minutes are approved and locked: amend them to make a new version", "status")
    _check_transition(MINUTES_TRANSITIONS, old, new, "version of the minutes")


def minutes_status_of(meeting: Meeting) -> MinutesStatus | None:
    """The status of a meeting's minutes as its own status says (None: no minutes yet)."""
    return {
        MeetingStatus.HELD: MinutesStatus.DRAFT,
        MeetingStatus.MINUTES_DRAFT: MinutesStatus.DRAFT,
        MeetingStatus.MINUTES_CIRCULATED: MinutesStatus.CIRCULATED,
        MeetingStatus.MINUTES_APPROVED: MinutesStatus.APPROVED,
    }.get(meeting.status)


def check_has_minutes(meeting: Meeting) -> MinutesStatus:
    """A meeting has minutes once it has been held."""
    status = minutes_status_of(meeting)
    if status is None:
        if meeting.status is MeetingStatus.CANCELLED:
            raise RuleError(f"{meeting.ref} ({meeting.title}) was cancelled, so it has no minutes")
        raise RuleError(f"{meeting.ref} ({meeting.title}) has not been held yet, so it has no minutes")
    return status


def is_locked(meeting: Meeting | None) -> bool:
    return meeting is not None and meeting.status is MeetingStatus.MINUTES_APPROVED


def check_minutes_unlocked(meeting: Meeting | None, what: str = "its record", change: str = "changed") -> None:
    """Approved minutes are locked: what they record changes only through an amendment.
    The refusal says "..., so {what} cannot be {change}" ("its agenda", "changed")."""
    if is_locked(meeting):
        assert meeting is not None
        raise RuleError(
            f"The minutes of {meeting.ref} ({meeting.title}) are approved, so {what} cannot be {change}; "
            f"amend the minutes first (leap amend-minutes {meeting.ref} --reason ...): the approved "
            "version is kept and a new version is started"
        )


def check_approval(meeting: Meeting, at: Meeting, today: str | None = None) -> None:
    """Minutes are approved by a decision of a later meeting, one that has been held
    (not one still planned, nor one in the future)."""
    if at.id == meeting.id:
        raise RuleError(f"Minutes are approved at a later meeting, not at {meeting.ref} itself")
    if (at.starts_at, at.number or 0) <= (meeting.starts_at, meeting.number or 0):
        raise RuleError(
            f"{at.ref} ({at.day}) is not later than {meeting.ref} ({meeting.day}): minutes are "
            "approved at a later meeting"
        )
    if at.status is MeetingStatus.CANCELLED:
        raise RuleError(f"{at.ref} was cancelled, so it cannot approve minutes")
    if today is not None and at.day > today:
        raise RuleError(
            f"{at.ref} is on {at.day}, in the future: minutes are approved at a meeting that has "
            "been held, so record the approval once it has taken place"
        )
    if at.status is MeetingStatus.PLANNED:
        raise RuleError(
            f"{at.ref} ({at.day}) has not been marked held: minutes are approved at a meeting that "
            f"has taken place. Mark {at.ref} held first (Finish the meeting in meeting mode, or "
            "change its status on the Meetings page)"
        )
