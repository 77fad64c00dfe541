"""Reaching every member: each person's communication needs, the log of papers sent to
them, and who has their papers for the next meeting.

As the NHS Accessible Information Standard asks: each person's needs are asked,
recorded and acted on: the format their papers come in (large print at the size they
choose, plain language, electronic for a screen reader, posted, an interpreter or BSL),
their language, how many days ahead they need their papers, and how they like to be
contacted. The free-text access needs stay on the person (``Person.access_needs``).
Plain records like the rest of the panel's (see :mod:`.model`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from . import fields as f
from .errors import RuleError
from .record import Record
from .vocab import Vocab

#: RNIB's clear print guidance: large print is at least 16 point.
LARGE_PRINT_MIN = 16
LARGE_PRINT_MAX = 48
DAYS_AHEAD_DEFAULT = 7


class PaperFormat(Vocab):
    """Format of papers."""

    STANDARD = ("standard", "Standard print")
    LARGE_PRINT = ("large_print", "Large print")
    PLAIN_LANGUAGE = ("plain_language", "Plain language")
    SCREEN_READER = ("screen_reader", "Electronic, for a screen reader")
    POSTED = ("posted", "Posted on paper")
    INTERPRETER = ("interpreter", "Interpreter or BSL")

    @property
    def document(self) -> "PaperFormat":
        """The papers pack this format is made from: large print and plain language have
        their own; posted papers are standard print on paper; a screen reader reads the
        standard pack's headings and tables; an interpreter works from the plain one."""
        return {
            PaperFormat.LARGE_PRINT: PaperFormat.LARGE_PRINT,
            PaperFormat.PLAIN_LANGUAGE: PaperFormat.PLAIN_LANGUAGE,
            PaperFormat.INTERPRETER: PaperFormat.PLAIN_LANGUAGE,
        }.get(self, PaperFormat.STANDARD)


class ContactBy(Vocab):
    """How to contact them."""

    EMAIL = ("email", "Email")
    PHONE = ("phone", "Phone call")
    TEXT = ("text", "Text message")
    POST = ("post", "Post")
    SUPPORTER = ("supporter", "Through a carer or supporter")


class SentHow(Vocab):
    """How it was sent."""

    EMAIL = ("email", "By email")
    POST = ("post", "By post")
    BY_HAND = ("by_hand", "By hand")
    DOWNLOAD = ("download", "As a download link")
    SUPPORTER = ("supporter", "Through a carer or supporter")


@dataclass(frozen=True, kw_only=True)
class CommsNeeds(Record):
    """One person's communication needs (at most one record per person)."""

    person_id: str
    paper_format: PaperFormat = PaperFormat.STANDARD
    print_size: int | None = None  # points, for large print
    language: str | None = None  # recorded and shown; papers are made in English
    days_ahead: int = DAYS_AHEAD_DEFAULT
    contact_by: ContactBy | None = None

    TABLE: ClassVar[str] = "communication_needs"
    FIELDS: ClassVar[dict] = {
        "person_id": f.Ref("Person", required=True),
        "paper_format": f.Choice("Format of papers", PaperFormat),
        "print_size": f.Number("Print size (points)", LARGE_PRINT_MIN, LARGE_PRINT_MAX),
        "language": f.Text("Language", max_len=80),
        "days_ahead": f.Number("Days ahead papers are needed", 0, 60, required=True),
        "contact_by": f.Choice("How to contact them", ContactBy, required=False),
    }

    def check(self) -> None:
        if self.print_size is not None and self.paper_format is not PaperFormat.LARGE_PRINT:
            raise RuleError("A print size goes with large print only: choose large print, or clear the size",
                            "print_size")

    @property
    def size(self) -> int:
        """The print size their papers are made at (large print: their size, at least 16)."""
        if self.paper_format is PaperFormat.LARGE_PRINT:
            return max(self.print_size or LARGE_PRINT_MIN, LARGE_PRINT_MIN)
        return 12

    def describe(self) -> str:
        """In words, as a list shows it: "Large print (20 pt), 10 days ahead, by post"."""
        fmt = self.paper_format.label
        if self.paper_format is PaperFormat.LARGE_PRINT:
            fmt += f" ({self.size} pt)"
        parts = [fmt, f"{self.days_ahead} day{'s' if self.days_ahead != 1 else ''} ahead"]
        if self.contact_by:
            parts.append(self.contact_by.label.lower())
        if self.language:
            parts.append(self.language)
        return ", ".join(parts)


@dataclass(frozen=True, kw_only=True)
class SentPapers(Record):
    """One sending: what went to whom for a meeting, in which format, when and how.
    With no person, it went to the whole panel (as the old single "papers sent" date)."""

    meeting_id: str
    person_id: str | None = None
    what: str
    paper_format: PaperFormat | None = None
    sent_on: str
    how: SentHow | None = None

    TABLE: ClassVar[str] = "papers_sent"
    FIELDS: ClassVar[dict] = {
        "meeting_id": f.Ref("Meeting", required=True),
        "person_id": f.Ref("Person"),
        "what": f.Text("What was sent", required=True, max_len=200),
        "paper_format": f.Choice("Format sent", PaperFormat, required=False),
        "sent_on": f.Date("Sent on", required=True),
        "how": f.Choice("How it was sent", SentHow, required=False),
    }


COMMS_TYPES: tuple[type[Record], ...] = (CommsNeeds, SentPapers)


def due_on(meeting_day: str, days_ahead: int) -> str:
    """The day papers must be sent by to reach someone ``days_ahead`` before the meeting."""
    return (dt.date.fromisoformat(meeting_day) - dt.timedelta(days=days_ahead)).isoformat()


class DueState(Vocab):
    """Papers state."""

    SENT = ("sent", "Sent")
    LATE = ("late", "Late")
    DUE = ("due", "Due")


@dataclass(frozen=True)
class Due:
    """One person's papers for a meeting: what they need, by when, and whether sent."""

    person_id: str
    paper_format: PaperFormat
    size: int
    days_ahead: int
    due_on: str
    sent_on: str | None  # the first sending to them (or to the whole panel)

    def state(self, today: str) -> DueState:
        if self.sent_on:
            return DueState.SENT
        return DueState.LATE if today > self.due_on else DueState.DUE


def papers_due(meeting_day: str, people: list[str], needs: dict[str, CommsNeeds],
               sent: list[SentPapers]) -> list[Due]:
    """Who needs what by when for a meeting on ``meeting_day``: every person in
    ``people`` (ids), with their needs (standard print, 7 days ahead when none are
    recorded), earliest due first. A sending to the whole panel counts for everyone."""
    to_all = sorted(s.sent_on for s in sent if s.person_id is None)
    first: dict[str, str] = {}
    for s in sorted(sent, key=lambda s: s.sent_on):
        if s.person_id is not None:
            first.setdefault(s.person_id, s.sent_on)
    out = []
    for person_id in people:
        need = needs.get(person_id)
        fmt = need.paper_format if need else PaperFormat.STANDARD
        ahead = need.days_ahead if need else DAYS_AHEAD_DEFAULT
        size = need.size if need else 12
        when = first.get(person_id) or (to_all[0] if to_all else None)
        out.append(Due(person_id, fmt, size, ahead, due_on(meeting_day, ahead), when))
    out.sort(key=lambda d: (d.due_on, d.person_id))
    return out
