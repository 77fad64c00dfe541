"""Reviewers' comments on the minutes: taking them in, and what the coordinator does.

The Word file is read in ``leap_desktop/export/review_docx.py``; this module gets the
plain facts (who, when, what, which bookmark) and turns them into :class:`Review`
records linked to the item, decision or action they were made on and to the panel
member who made them (matched by name; otherwise kept as the name given). Importing
the same file again adds nothing: each comment has a fingerprint.

The coordinator then accepts a comment (amends the record through the usual services,
audited, in the same change; approved minutes are amended to a new version first) or
answers it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain import rules
from ..domain.errors import NotFound, RuleError, shown
from ..domain.model import (
    BY_PREFIX,
    Action,
    AgendaItem,
    Contribution,
    Decision,
    Meeting,
    Person,
    Record,
    Review,
    build,
)
from ..domain.vocab import MeetingStatus, ReviewStatus
from ..store.panel_store import new_id
from ..words import plural
from . import approval, minutes

if TYPE_CHECKING:
    from .panel import PanelService


@dataclass(frozen=True)
class FileComment:
    """One comment as read from a Word file."""

    comment_id: int
    author: str
    initials: str | None
    date: str | None
    text: str
    quoted: str | None
    anchor: str | None  # the bookmark it was made on: "leap_decision_7", or None


@dataclass(frozen=True)
class ReviewFile:
    """What a returned file holds: whose minutes, which version, and the comments."""

    name: str
    meeting_number: int | None
    version: int | None
    check: str | None
    anchors: int
    comments: list[FileComment] = field(default_factory=list)
    unreadable: int = 0  # comments whose text could not be read as written (skipped)


@dataclass
class ImportResult:
    meeting: Meeting
    added: list[Review]
    already: int  # comments that were imported before
    version: int | None
    unreadable: int = 0  # skipped: their text could not be read as written
    empty: int = 0  # skipped: no text at all

    def describe(self) -> str:
        parts = [plural(len(self.added), "new comment")]
        if self.already:
            parts.append(f"{self.already} already imported")
        if self.unreadable:
            parts.append(
                f"{self.unreadable} skipped because {'its' if self.unreadable == 1 else 'their'} text could not be "
                "read (it uses XML entities, which Word never writes: ask the reviewer to type it again)"
            )
        if self.empty:
            parts.append(f"{self.empty} skipped because {'it has' if self.empty == 1 else 'they have'} no text")
        return f"Minutes of {self.meeting.ref}: " + ", ".join(parts)


_ANCHOR_CLASSES = {"item": AgendaItem, "decision": Decision, "action": Action}


def check_file_is_for(service: "PanelService", meeting: Meeting, file: ReviewFile) -> None:
    """Refuse a file that holds another meeting's (or another panel's) minutes."""
    panel = service.panel()
    if file.meeting_number is None or file.check is None:
        raise RuleError(
            f"{file.name} does not say which meeting's minutes it holds (its LEAP marker is missing); "
            "export the minutes again and ask for comments on that file"
        )
    expected = minutes.meeting_check(panel.id if panel else "", meeting.id)
    if file.meeting_number == meeting.number and file.check == expected:
        return
    for other in service.meetings():
        if other.number == file.meeting_number and minutes.meeting_check(panel.id if panel else "", other.id) == file.check:
            raise RuleError(
                f"{file.name} holds the minutes of {other.ref} ({other.title}), not of {meeting.ref}; "
                f"import it with: leap import-review {other.ref} {file.name}"
            )
    raise RuleError(f"{file.name} holds minutes from a different panel file, not from this panel's {meeting.ref}")


def fingerprint(meeting: Meeting, comment: FileComment, occurrence: int) -> str:
    """The same comment in the same place by the same person at the same time: Word may
    renumber comments when it saves, so the comment's number is not part of it."""
    key = "\x1f".join([meeting.id, comment.author.strip(), comment.date or "", comment.text.strip(),
                       comment.anchor or "", str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def match_reviewer(people: list[Person], author: str) -> Person | None:
    key = author.strip().casefold()
    if not key:
        return None
    found = [p for p in people if key in {p.display_name.casefold(), (p.preferred_name or "").casefold()}]
    return found[0] if len(found) == 1 else None


def _anchor_record(service: "PanelService", anchor: str | None) -> Record | None:
    match = minutes.ANCHOR.match(anchor or "")
    if not match:
        return None
    record = service.store.by_number(_ANCHOR_CLASSES[match.group(1)], int(match.group(2)))
    return record if record is not None and record.deleted_at is None else None


def import_comments(service: "PanelService", meeting: Meeting, file: ReviewFile) -> ImportResult:
    """Add the file's comments as reviews of ``meeting``'s minutes, once each."""
    rules.check_has_minutes(meeting)
    check_file_is_for(service, meeting, file)
    people = service.people()
    existing = {r.fingerprint for r in service.store.find(Review, meeting_id=meeting.id, include_deleted=True)}
    seen: Counter = Counter()
    added: list[Review] = []
    already = 0
    empty = 0
    pending = []
    for comment in file.comments:
        text = comment.text.strip()
        if not text:
            empty += 1
            continue
        key = (comment.author.strip(), comment.date, text, comment.anchor)
        seen[key] += 1
        print_ = fingerprint(meeting, comment, seen[key])
        if print_ in existing:
            already += 1
            continue
        existing.add(print_)
        anchored = _anchor_record(service, comment.anchor)
        person = match_reviewer(people, comment.author)
        values: dict[str, Any] = {
            "meeting_id": meeting.id,
            "version": file.version,
            "person_id": person.id if person else None,
            "reviewer": comment.author.strip() or comment.initials or "Unnamed reviewer",
            "text": text,
            "quoted": (comment.quoted or "").strip()[:2_000] or None,
            "commented_at": comment.date,
            "fingerprint": print_,
            "source": file.name[:500],
        }
        if isinstance(anchored, AgendaItem):
            values["item_id"] = anchored.id
        elif isinstance(anchored, Decision):
            values["decision_id"] = anchored.id
        elif isinstance(anchored, Action):
            values["action_id"] = anchored.id
        pending.append(build(Review, values, id=new_id()))
    if pending:
        with service.store.change(f"Import review comments on the minutes of {meeting.ref} from {file.name}"):
            for review in pending:
                added.append(service.store.insert(review))
    return ImportResult(meeting=meeting, added=added, already=already, version=file.version,
                        unreadable=file.unreadable, empty=empty)


# -- reading ------------------------------------------------------------------------------------


def reviews(service: "PanelService", meeting_id: str) -> list[Review]:
    return service.store.find(Review, meeting_id=meeting_id, order_by="number")


def anchor_of(service: "PanelService", review: Review) -> Record | None:
    for cls, ref in ((AgendaItem, review.item_id), (Decision, review.decision_id), (Action, review.action_id)):
        if ref:
            return service.store.get(cls, ref, include_deleted=True)
    return None


def describe_anchor(service: "PanelService", review: Review) -> str:
    record = anchor_of(service, review)
    if isinstance(record, AgendaItem):
        return f"item {record.ref} '{record.title}'"
    if isinstance(record, Decision):
        return f"decision {record.ref} '{record.title}'"
    if isinstance(record, Action):
        return f"action {record.ref} '{record.title}'"
    return "the minutes as a whole"


def reviewer_label(service: "PanelService", review: Review) -> str:
    """The reviewer's name as they gave it, and whom it matched."""
    if review.person_id:
        person = service.store.get(Person, review.person_id, include_deleted=True)
        if person is not None:
            return f"{review.reviewer} ({person.ref})"
    return f"{review.reviewer} (not matched to a panel member)"


def as_json(service: "PanelService", review: Review) -> dict[str, Any]:
    record = anchor_of(service, review)
    return {
        "ref": review.ref,
        "reviewer": review.reviewer,
        "person": service.store.get(Person, review.person_id, include_deleted=True).ref if review.person_id else None,
        "on": record.ref if record is not None else None,
        "on_label": describe_anchor(service, review),
        "text": review.text,
        "quoted": review.quoted,
        "commented_at": review.commented_at,
        "version": review.version,
        "status": review.status.value,
        "status_label": review.status.label,
        "reply": review.reply,
        "resolved_on": review.resolved_on,
        "file": review.source,
    }


# -- what the coordinator does -------------------------------------------------------------------

#: The fields a coordinator may amend from a review, per kind of record.
AMENDABLE: dict[type[Record], tuple[str, ...]] = {
    Meeting: ("title", "place"),
    AgendaItem: ("title", "notes"),
    Contribution: ("text",),
    Decision: ("title", "text", "rationale", "summary"),
    Action: ("title", "due_on", "outcome"),
}


def _open_review(service: "PanelService", review_ref: str) -> Review:
    review = service.resolve(Review, review_ref)
    if review.status is not ReviewStatus.OPEN:
        raise RuleError(f"{review.ref} is already {review.status.label.split(':')[0].lower()}")
    return review


def _target(service: "PanelService", review: Review, target: str | None) -> Record:
    meeting = service.get(Meeting, review.meeting_id)
    if not target:
        return anchor_of(service, review) or meeting
    text = target.strip()
    prefix = text[:1].upper()
    cls = BY_PREFIX.get(prefix)
    if cls not in AMENDABLE:
        raise NotFound(f"{shown(text)} is not something in the minutes (use a reference like D-3, I-12, C-40, A-7 or M-2)")
    record = service.resolve(cls, text)
    home = _meeting_of(service, record)
    if home != meeting.id and not (isinstance(record, Action)):
        raise RuleError(f"{record.ref} is not part of the minutes of {meeting.ref}")
    return record


def _meeting_of(service: "PanelService", record: Record) -> str | None:
    if isinstance(record, Meeting):
        return record.id
    if isinstance(record, AgendaItem):
        return record.meeting_id
    if isinstance(record, Contribution):
        return service.get(AgendaItem, record.item_id).meeting_id
    if isinstance(record, Decision):
        return record.meeting_id
    return None


def accept(service: "PanelService", review_ref: str, changes: dict[str, Any], *, target: str | None = None,
           note: str | None = None) -> Review:
    """Accept a comment by amending the record: one audited change. Approved minutes are
    amended to a new version first (the approved one is kept)."""
    review = _open_review(service, review_ref)
    record = _target(service, review, target)
    if not changes:
        fields = ", ".join(AMENDABLE[type(record)])
        raise RuleError(f"Say what to change in {record.ref} to accept {review.ref} (one of: {fields}), or answer it instead")
    allowed = AMENDABLE[type(record)]
    for name in changes:
        if name not in allowed:
            raise RuleError(f"{shown(name)} cannot be amended from a review of {record.ref}; choose one of: {', '.join(allowed)}", name)
    record.changed(**changes)  # refuse bad values before anything is written
    meeting = service.get(Meeting, review.meeting_id)
    edit = {
        Meeting: service.edit_meeting,
        AgendaItem: service.edit_item,
        Contribution: service.edit_contribution,
        Decision: service.edit_decision,
        Action: service.edit_action,
    }[type(record)]
    summary = ", ".join(changes)
    with service.store.change(f"Accept review {review.ref}: amend {record.ref}"):
        if meeting.status is MeetingStatus.MINUTES_APPROVED and _meeting_of(service, record) == meeting.id:
            # No reviewer's name: the reason is printed in the minutes, which the panel reads
            # (the name as Word gives it is not necessarily one the person agreed to show).
            approval.amend(service, meeting.id, f"Review {review.ref} accepted: {review.text[:200]}")
        edit(record.id, **changes)
        reply = note or f"Accepted: {record.ref} amended ({summary})."
        return service.store.update(
            review.changed(status=ReviewStatus.ACCEPTED, reply=reply, resolved_on=service.today())
        )


def answer(service: "PanelService", review_ref: str, text: str) -> Review:
    """Answer a comment without changing the record."""
    review = _open_review(service, review_ref)
    updated = review.changed(status=ReviewStatus.ANSWERED, reply=text, resolved_on=service.today())
    with service.store.change(f"Answer review {review.ref}"):
        return service.store.update(updated)
