"""Words and dates as people read them: one place for the window, the command and the
documents.

Plain Python (no Qt, no SQL), so every layer may import it; it sits beside ``domain/``
at the bottom of the package. Day and month names are written out here rather than
taken from ``strftime`` (``%B``, ``%A``), so the words do not change with the computer's
locale settings halfway through a sentence that is otherwise English.

The choices made once, here, for everything the panel reads:

* Counts have a thousands separator: ``1,204 decisions``.
* Dates read day first, month in words: ``5 March 2026``; with the weekday,
  ``Thursday 5 March 2026``; short, ``Thu 5 Mar 2026``.
* :func:`days_between` takes (start, end) and counts from start to end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


# -- counts and lists ---------------------------------------------------------------------


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``1 decision``, ``1,204 decisions``; ``plural(2, "person", "people")`` -> ``2 people``."""
    word = noun if count == 1 else (plural_noun or noun + "s")
    return f"{count:,} {word}"


def names_list(names: Iterable[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` (no comma before "and"); empty for none."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def sentence(text: str) -> str:
    """``text`` ending with one full stop: ``from B.O.`` stays as it is, ``from Ben``
    gets its stop (never ``B.O..``)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def minutes(count: int | float) -> str:
    """``1 minute``, ``25 minutes`` (a part of a minute is dropped)."""
    return plural(int(count), "minute")


def hours(count: float) -> str:
    """``1 hour``, ``1.5 hours``."""
    text = f"{count:g}"
    return "1 hour" if text == "1" else f"{text} hours"


# -- dates ----------------------------------------------------------------------------------


def as_date(value: str | dt.date) -> dt.date:
    """A date from ``YYYY-MM-DD`` (anything after the tenth character is ignored)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value[:10])


def day(value: str | dt.date | None, *, short: bool = False) -> str:
    """``5 March 2026`` (``5 Mar 2026`` when short); empty for no date; text that is not
    a date is given back as it is."""
    if not value:
        return ""
    try:
        date = as_date(value)
    except ValueError:
        return str(value)
    month = MONTHS[date.month - 1]
    return f"{date.day} {month[:3] if short else month} {date.year}"


def long_date(value: str | dt.date | None, weekday: bool = False) -> str | None:
    """For documents: ``5 March 2026`` (``Thursday 5 March 2026`` with the weekday);
    None when there is no date, so the document can leave the line out."""
    if not value:
        return None
    return day_long(value) if weekday else day(value)


def day_long(value: str | dt.date) -> str:
    """``Thursday 4 June 2026``"""
    date = as_date(value)
    return f"{DAYS[date.weekday()]} {day(date)}"


def day_short(value: str | dt.date, *, year: bool = True) -> str:
    """``Thu 4 Jun 2026`` (or ``Thu 4 Jun``)"""
    date = as_date(value)
    text = f"{DAYS[date.weekday()][:3]} {date.day} {MONTHS[date.month - 1][:3]}"
    return f"{text} {date.year}" if year else text


def month_year(value: str | dt.date) -> str:
    """``March 2026``"""
    date = as_date(value)
    return f"{MONTHS[date.month - 1]} {date.year}"


def day_and_time(moment: dt.datetime) -> str:
    """``Thursday 26 November 2026 at 14:02``: a moment such as when a backup was made."""
    return f"{day_long(moment.date())} at {moment.hour:02d}:{moment.minute:02d}"


def days_between(start: str | dt.date, end: str | dt.date) -> int:
    """Days from ``start`` to ``end``: positive when ``end`` is later.

    ``days_between(due_on, today)`` is how many days an action is overdue;
    ``days_between(today, meeting_day)`` how many days until a meeting."""
    return (as_date(end) - as_date(start)).days


def in_days(today: str | dt.date, value: str | dt.date) -> str:
    """``today``, ``tomorrow``, ``in 3 days``, ``yesterday``, ``5 days ago``"""
    gap = days_between(today, value)
    if gap == 0:
        return "today"
    if gap == 1:
        return "tomorrow"
    if gap == -1:
        return "yesterday"
    return f"in {plural(gap, 'day')}" if gap > 0 else f"{plural(-gap, 'day')} ago"


# -- times of day -----------------------------------------------------------------------------


def start_time(starts_at: str) -> str:
    """``14:00`` from ``2026-06-04T14:00``"""
    return starts_at[11:16]


def when_short(starts_at: str) -> str:
    """``Thu 4 Jun 2026, 14:00``"""
    return f"{day_short(starts_at)}, {start_time(starts_at)}"


def clock_after(starts_at: str, count: int) -> str:
    """The wall-clock time ``count`` minutes after a meeting's start: ``14:25``."""
    moment = dt.datetime.fromisoformat(starts_at) + dt.timedelta(minutes=count)
    return f"{moment.hour:02d}:{moment.minute:02d}"


def when_long(starts_at: str, planned_minutes: int | None) -> str:
    """``Thursday 4 June 2026, 14:00 to 16:00``"""
    text = f"{day_long(starts_at)}, {start_time(starts_at)}"
    if planned_minutes:
        text += f" to {clock_after(starts_at, planned_minutes)}"
    return text


def local_time(stamp: str | None) -> str:
    """The local clock time of a stored UTC timestamp: ``14:03``; empty if it is not one."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.hour:02d}:{moment.minute:02d}"


# -- reading a date typed by a person -------------------------------------------------------


_MONTH_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBERS = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})")
_WORDS = re.compile(r"(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")


def parse_day(text: str) -> str | None:
    """A date typed the way people write them, as ``YYYY-MM-DD``; None if ``text`` is
    not a real date.

    Takes ``2026-03-31``, and the day first, as in the UK: ``31/03/2026``, ``31/3/26``,
    ``31.03.2026``, ``31-03-2026``, ``31 March 2026``, ``Tue 31 Mar 2026``. Forms show
    how they read it (``Tuesday 31 March 2026``), so a swapped day and month is seen.
    """
    key = " ".join(text.strip().casefold().split())
    if match := _ISO.fullmatch(key):
        year, month, day_ = (int(part) for part in match.groups())
    elif match := _NUMBERS.fullmatch(key):
        day_, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if len(match.group(4)) == 2:
            year += 2000
    elif (match := _WORDS.fullmatch(key)) and match.group(2) in _MONTH_NUMBERS:
        day_, month, year = int(match.group(1)), _MONTH_NUMBERS[match.group(2)], int(match.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day_).isoformat()
    except ValueError:
        return None
