"""The names check: words in a meeting's minutes that only look like a member's name.

Before minutes are exported or circulated, the coordinator goes through each suspected
mention once, in context (:meth:`NamesService.suspects`), and says what it is:
"this is <person>" (:meth:`NamesService.mark_person`) turns the word into a mention in
the text (``@[P-12]``), shown from then on exactly as that person's consent allows;
"not a name" (:meth:`NamesService.mark_not_a_name`) is remembered for those exact words
(:class:`~leap_desktop.domain.mentions.NameMark`), and the word is shown as typed.
Until then the word stays hidden in what the panel reads (the private side), and each
export says how many are unchecked (:meth:`NamesService.unchecked`).

Reached as ``service.names``; each mark is one audited, undoable change.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import RuleError
from ..domain.mentions import FREE_TEXT, NameMark, token
from ..domain.mentions import text_key as key_of
from ..domain.model import (AgendaItem, Attendance, CoProducer, Contribution, Decision, DecisionSource, Dissent,
                            Meeting, MinutesVersion, Panel, Person, Record, build)
from ..domain.redact import Redactor
from ..domain.vocab import Consent, MeetingStatus
from ..store import queries
from ..store.panel_store import new_id
from ..words import plural
from .core import PanelCore, Topic
from .minutes_snapshot import records_of
from .trace import people_by_id, redactor_for

if TYPE_CHECKING:
    from .meetings import MeetingService

CONTEXT = 40  # characters of context either side of a suspected word


@dataclass(frozen=True)
class Suspect:
    """A word of a meeting's record that looks like a member's name, not yet checked."""

    number: int  # in this check, from 1
    record: Record
    field: str
    start: int
    end: int
    word: str
    text: str
    candidates: tuple[Person, ...]
    people: tuple[Person, ...] = dataclasses.field(default=(), repr=False, compare=False)

    @property
    def spot(self) -> tuple[str, str, str, int, str]:
        """Where it is, whatever its number: table, record id, field, start, word."""
        return (self.record.TABLE, self.record.id, self.field, self.start, self.word)

    @property
    def where(self) -> str:
        """Which record and field, e.g. "C-12, what was said"."""
        ref = self.record.ref if self.record.ref != self.record.id else _NOUNS.get(type(self.record), "record")
        return f"{ref}, {_FIELD_WORDS.get(self.field, self.field.replace('_', ' '))}"

    def context(self, width: int = CONTEXT) -> tuple[str, str, str]:
        """(before, word, after): the words around it, as typed (mentions by name:
        the names check is the coordinator's)."""
        before = self.text[max(0, self.start - width):self.start]
        after = self.text[self.end:self.end + width]
        show = _as_typed(self.people)
        return (("…" if self.start > width else "") + show(before), self.word,
                show(after) + ("…" if self.end + width < len(self.text) else ""))

    def as_json(self) -> dict:
        before, word, after = self.context()
        return {"number": self.number, "where": self.where, "record": self.record.ref, "field": self.field,
                "start": self.start, "word": word, "before": before, "after": after,
                "could_be": [p.ref for p in self.candidates]}


class NamesService(Topic):
    """Suspected mentions in a meeting's minutes, and the coordinator's verdicts."""

    def __init__(self, core: PanelCore, meetings: "MeetingService"):
        super().__init__(core)
        self.meetings = meetings

    def suspects(self, meeting_id: str) -> list[Suspect]:
        """Each unchecked suspected mention in what the meeting's minutes show, once, in
        the order of the minutes' records."""
        meeting = self.core.get(Meeting, meeting_id)
        people = people_by_id(self.core)
        redactor = redactor_for(self.core, people)
        everyone = tuple(people.values())
        found: list[Suspect] = []
        seen: set[tuple[str, str, str, int]] = set()
        for record, field, text in self._texts(meeting):
            for guess in redactor.guesses(text):
                spot = (record.TABLE, record.id, field, guess.start)
                if spot in seen:
                    continue
                seen.add(spot)
                candidates = tuple(sorted((people[i] for i in guess.person_ids if i in people),
                                          key=lambda p: p.number or 0))
                found.append(Suspect(len(found) + 1, record, field, guess.start, guess.end, guess.word, text,
                                     candidates, everyone))
        return found

    def unchecked(self, meeting_id: str, *, anonymised: bool = False) -> int:
        """How many suspected mentions an export of these minutes hides unchecked (a
        named member's name counts only in the anonymised edition)."""
        redactor = redactor_for(self.core, anonymised=anonymised)
        return sum(1 for s in self.suspects(meeting_id)
                   if anonymised or redactor.hides_guess([p.id for p in s.candidates]))

    def note(self, meeting_id: str, *, anonymised: bool = False) -> str:
        """What an export says about names still to check ("" when none, and for
        approved minutes: they read as they were approved, see :meth:`locked`)."""
        if self.locked(meeting_id):
            return ""
        count = self.unchecked(meeting_id, anonymised=anonymised)
        if not count:
            return ""
        return (f"{plural(count, 'possible name')} not checked yet: left out of these minutes to be safe. "
                "Run the names check to show the words that are not names.")

    def locked(self, meeting_id: str) -> str:
        """For approved minutes, why a verdict changes what other screens and exports
        say but not these minutes ("" for minutes not yet approved)."""
        meeting = self.core.get(Meeting, meeting_id)
        if meeting.status is not MeetingStatus.MINUTES_APPROVED:
            return ""
        return (f"The minutes of {meeting.ref} are approved: they keep their names as they were approved. "
                "A word marked here changes the decision log and the screens, not these minutes.")

    # -- verdicts ------------------------------------------------------------------------------

    def mark_many(self, meeting_id: str, verdicts: dict[int, str | None]) -> int:
        """Several verdicts in one change, by the numbers of one listing: suspect number
        -> the id of the person it is, or None for not a name. Checks them all first."""
        found = {s.number: s for s in self.suspects(meeting_id)}
        for number in verdicts:
            self._suspect(meeting_id, number)  # a clear refusal before anything changes
        people = {pid: self.core.get(Person, pid) for pid in verdicts.values() if pid}
        for number, pid in verdicts.items():
            if pid:
                self._unlocked(found[number].record)
        targets = sorted(verdicts, key=lambda n: found[n].start, reverse=True)  # later words first
        with self.store.change(f"Names check: {plural(len(verdicts), 'word')}"):
            for number in targets:
                pid = verdicts[number]
                self.mark_spot(meeting_id, found[number].spot, people[pid].id if pid else None)
        return len(verdicts)

    def mark_spot(self, meeting_id: str, spot: tuple, person_id: str | None) -> Record:
        """A verdict on the suspect at ``spot`` (:attr:`Suspect.spot`), whatever its number
        now: the person it is, or None for not a name (an undo's redo uses this)."""
        now = next((s for s in self.suspects(meeting_id) if s.spot == tuple(spot)), None)
        if now is None:
            raise RuleError(f"“{spot[-1]}” is no longer a possible name to check there (it was changed since)")
        if person_id:
            return self.mark_person(meeting_id, now.number, person_id)
        return self.mark_not_a_name(meeting_id, now.number)

    def mark_person(self, meeting_id: str, number: int, person_id: str) -> Record:
        """Suspect ``number`` is this person: the word becomes a mention in its text."""
        suspect = self._suspect(meeting_id, number)
        person = self.core.get(Person, person_id)
        self._unlocked(suspect.record)
        text = suspect.text[:suspect.start] + token(person.number or 0) + suspect.text[suspect.end:]
        changed = _set_text(suspect.record, suspect.field, text)
        with self.store.change(f"Names check: “{suspect.word}” in {suspect.record.ref} is {person.ref}"):
            self._carry_marks(suspect.record, suspect.field, suspect.text, text)
            return self.store.update(changed)

    def mark_not_a_name(self, meeting_id: str, number: int) -> NameMark:
        """Suspect ``number`` is not a name: shown as typed from now on (for these words)."""
        suspect = self._suspect(meeting_id, number)
        mark = build(NameMark, {"record_table": suspect.record.TABLE, "record_id": suspect.record.id,
                                "field": suspect.field, "start": suspect.start, "word": suspect.word,
                                "text_key": key_of(suspect.text), "verdict": "not_a_name"}, id=new_id())
        with self.store.change(f"Names check: “{suspect.word}” in {suspect.record.ref} is not a name"):
            return self.store.insert(mark)

    def unmark(self, mark_id: str) -> NameMark:
        """Forget a "not a name" mark (the undo of :meth:`mark_not_a_name`)."""
        mark = self.core.get(NameMark, mark_id)
        with self.store.change(f"Names check: “{mark.word}” is to be checked again"):
            return self.store.delete(mark)

    def restore_text(self, record: Record, field: str) -> Record:
        """Put a text back as it was before a mention was made (the undo of :meth:`mark_person`)."""
        current = self.core.get(type(record), record.id)
        self._unlocked(current)
        with self.store.change(f"Names check: undo the mention in {record.ref}"):
            self._carry_marks(current, field, getattr(current, field) or "", getattr(record, field) or "")
            return self.store.update(_set_text(current, field, getattr(record, field)))

    def _carry_marks(self, record: Record, field: str, old: str, new: str) -> None:
        """The names check's own edit of a text keeps the marks on the words it did not
        touch (any other edit makes them stale: the words are checked again)."""
        prefix = 0
        while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        delta = len(new) - len(old)
        for mark in self.store.find(NameMark, record_table=record.TABLE, record_id=record.id, field=field,
                                    text_key=key_of(old)):
            if mark.start + len(mark.word) <= prefix:
                start = mark.start
            elif mark.start >= len(old) - suffix:
                start = mark.start + delta
            else:
                continue
            self.store.update(dataclasses.replace(mark, start=start, text_key=key_of(new)))

    # -- reading the record --------------------------------------------------------------------

    def _suspect(self, meeting_id: str, number: int) -> Suspect:
        found = self.suspects(meeting_id)
        if not isinstance(number, int) or not 1 <= number <= len(found):
            meeting = self.core.get(Meeting, meeting_id)
            if not found:
                raise RuleError(f"The minutes of {meeting.ref} have no possible names left to check")
            raise RuleError(f"There is no possible name {number} in the minutes of {meeting.ref} "
                            f"({plural(len(found), 'possible name')} to check: 'leap names {meeting.ref}' lists them)")
        return found[number - 1]

    def _texts(self, meeting: Meeting):
        rows = queries.minutes_rows(self.store, meeting, self.meetings.previous_meeting(meeting))
        panel = self.store.find(Panel, order_by="created_at", limit=1)
        versions = self.store.find(MinutesVersion, meeting_id=meeting.id, order_by="version")
        for record in [*panel, *records_of(rows), *versions]:
            if record.deleted_at is not None:
                continue
            for field in FREE_TEXT.get(record.TABLE, ()):
                text = getattr(record, field, None)
                if text:
                    yield record, field, text

    def _unlocked(self, record: Record) -> None:
        """A mention changes the record's text: refused where approved minutes record it."""
        meeting_id = None
        if isinstance(record, Meeting):
            meeting_id = record.id
        elif isinstance(record, (AgendaItem, Attendance, Decision, MinutesVersion)):
            meeting_id = record.meeting_id
        elif isinstance(record, Contribution):
            meeting_id = self.core.get(AgendaItem, record.item_id).meeting_id
        elif isinstance(record, (DecisionSource, CoProducer, Dissent)):
            meeting_id = self.core.get(Decision, record.decision_id).meeting_id
        meeting = self.store.get(Meeting, meeting_id) if meeting_id else None
        if meeting is not None and meeting.status is MeetingStatus.MINUTES_APPROVED:
            raise RuleError(f"{record.ref} is in the approved minutes of {meeting.ref}, which are locked: mark it "
                            "'not a name', or amend the minutes to make it a mention")


def _set_text(record: Record, field: str, text: str) -> Record:
    try:
        return record.changed(**{field: text})
    except RuleError as exc:
        raise RuleError(f"{record.ref}: {exc.message}") from None


def _as_typed(people) -> "callable":
    """Mentions shown by name, for the coordinator (everyone as if named)."""
    return Redactor([dataclasses.replace(p, consent=Consent.NAMED) for p in people]).render_mentions


_NOUNS = {Panel: "the panel's details", Attendance: "attendance", DecisionSource: "a decision's source",
          CoProducer: "a co-producer", Dissent: "dissent", MinutesVersion: "the minutes' versions"}
_FIELD_WORDS = {"text": "what was said", "title": "title", "notes": "notes", "outcome": "outcome",
                "rationale": "rationale", "summary": "summary", "status_note": "status note",
                "note": "note", "meeting_role": "meeting role", "place": "place", "name": "name",
                "advises": "study or service", "circulated_to": "circulated to",
                "amendment_reason": "reason for the amendment"}
