"""Checks on a whole import document that reading it record by record does not make.

``services/interchange.py`` reads each record and checks its fields and references;
these look across the document (or below the records) for what would otherwise be
refused only when the panel file is being written, after a file and its recovery key
were made: numbers too long to be read or stored, broken characters anywhere, a link
listed twice, and replacement loops. Each refusal names where in the document it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Protocol

from ..domain import rules
from ..domain.errors import LeapError
from ..domain.mentions import FREE_TEXT, NameMark, mentioned
from ..domain.model import Attendance, CoProducer, Decision, DecisionSource, Person, Record
from ..domain.reports import ReportText



class _Parsed(Protocol):
    """A record read from the document, and where it stood (services/interchange.py)."""

    record: Record
    where: str

#: Digits in a whole number: no field of the format needs more than ten, and each field
#: checks its own range; past this, a number is not even read (Python itself will not
#: turn more than 4,300 digits into a number).
MAX_DIGITS = 100
_TOO_LONG = 10**MAX_DIGITS


class TooLong:
    """A whole number in the JSON text too long to read: refused, with its place in
    the document, by :func:`check_values`."""

    def __init__(self, digits: int):
        self.digits = digits


class ImportRefused(LeapError):
    """The document was refused as a whole; nothing was written."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


_refused = ImportRefused


# -- reading the JSON text -------------------------------------------------------------------


def parse_int(text: str) -> int | TooLong:
    """``json.loads``'s reader of whole numbers: a number thousands of digits long is
    not read (Python's own limit would make it an unexpected error), but marked."""
    digits = len(text.lstrip("-"))
    return TooLong(digits) if digits > MAX_DIGITS else int(text)


def parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 24 else text[:21] + "..."
        raise _refused("", f"The file holds a number too large to be read ({shown})")
    return value


def parse_constant(name: str) -> Any:
    raise _refused("", f"The file is not valid JSON ({name} is not a number JSON allows)")


JSON_HOOKS: dict[str, Callable[[str], Any]] = {
    "parse_int": parse_int,
    "parse_float": parse_float,
    "parse_constant": parse_constant,
}


# -- every value, below the records ---------------------------------------------------------


def _broken(text: str) -> str | None:
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            return f"U+{ord(ch):04X}"
    return None


def check_values(document: Any) -> None:
    """Refuse a broken character (half of a surrogate pair, which no file can store)
    in any text or field name, and any whole number too long to read, wherever they
    are: ids and references are not read as text fields, and every whole-number field
    checks its own range."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            broken = _broken(value)
            if broken:
                raise _refused(where, f"contains a broken character ({broken}) that cannot be saved")
        elif isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        elif isinstance(value, TooLong):
            raise _refused(where, f"is a number {value.digits:,} digits long; no LEAP panel document has "
                                  f"numbers longer than {MAX_DIGITS} digits")
        elif isinstance(value, int):
            if abs(value) >= _TOO_LONG:
                raise _refused(where, f"is a number more than {MAX_DIGITS} digits long; no LEAP panel "
                                      "document has numbers that long")
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _broken(key):
                    raise _refused(where, f"has a field name with a broken character ({_broken(key)}) in it")
                stack.append((f"{where}.{key}" if where else str(key), item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{index}]", item) for index, item in enumerate(value))


# -- across the records ------------------------------------------------------------------------

#: Links a decision or meeting may hold once for each person or contribution (the panel
#: file keeps one of each; recording one again updates it).
_ONCE: dict[type[Record], tuple[str, str, str]] = {
    Attendance: ("meeting_id", "person_id", "is listed twice for this person at this meeting"),
    DecisionSource: ("decision_id", "contribution_id", "lists the same contribution twice as a source of this decision"),
    CoProducer: ("decision_id", "person_id", "lists the same person twice as a co-producer of this decision"),
    ReportText: ("report", "field", "is the second text for the same part of this report"),
}


def check_once(parsed: list["_Parsed"]) -> None:
    seen: dict[tuple[type[Record], str, str], str] = {}
    for item in parsed:
        record = item.record
        rule = _ONCE.get(type(record))
        if rule is None or record.deleted_at is not None:
            continue
        parent, other, problem = rule
        key = (type(record), getattr(record, parent), getattr(record, other))
        if key in seen:
            raise _refused(item.where, f"{problem} (also at {seen[key]})")
        seen[key] = item.where


def check_replacements(parsed: list["_Parsed"]) -> None:
    where = {item.record.id: item.where for item in parsed if isinstance(item.record, Decision)}
    decisions = [item.record for item in parsed if isinstance(item.record, Decision)]
    for decision, problem in rules.replacement_problems(decisions):  # type: ignore[arg-type]
        raise _refused(f"{where[decision.id]}.supersedes", problem)


def check_document(parsed: list["_Parsed"]) -> None:
    """The checks across records, after each record and reference has passed."""
    check_once(parsed)
    check_replacements(parsed)
    check_mentions(parsed)


def check_mentions(parsed: list["_Parsed"]) -> None:
    """Every mention (``@[P-12]``) is of a person in the document, and every "not a
    name" mark is on a free text of a record in it."""
    numbers = {item.record.number for item in parsed if isinstance(item.record, Person)}
    records = {(item.record.TABLE, item.record.id) for item in parsed}
    for item in parsed:
        record = item.record
        if isinstance(record, NameMark):
            if record.field not in FREE_TEXT.get(record.record_table, ()):
                raise _refused(f"{item.where}.field", f"{record.record_table}.{record.field} is not a free text")
            if (record.record_table, record.record_id) not in records:
                raise _refused(f"{item.where}.record", f"no {record.record_table} record with id {record.record_id}")
            continue
        for name in FREE_TEXT.get(record.TABLE, ()):
            for number in mentioned(getattr(record, name, None)):
                if number not in numbers:
                    raise _refused(f"{item.where}.{name}", f"mentions P-{number}, who is not among the document's people")
