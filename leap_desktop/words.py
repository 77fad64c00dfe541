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
import unicodedata
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


def fold(text: str) -> str:
    """``text`` for comparing as a search does: accents taken off and case folded
    (``Siân`` and ``SIAN`` are both ``sian``), as SQLite's ``remove_diacritics 2`` does."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


def _local_moment(stamp: str | None) -> dt.datetime | None:
    """A stored UTC timestamp (``2026-06-15T13:05:00.000Z``) on this computer's clock."""
    if not stamp:
        return None
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone()  # a stamp with no zone is taken as this computer's time


def _now_like(moment: dt.datetime, now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).astimezone(moment.tzinfo)


def moment_words(stamp: str | None, now: dt.datetime | None = None) -> str:
    """When something happened (a stored UTC timestamp), on this computer's clock:
    ``today at 14:05``, ``yesterday at 09:30``, ``on Thursday 4 June 2026 at 14:02``;
    empty if it is not a timestamp."""
    moment = _local_moment(stamp)
    if moment is None:
        return ""
    at = f"at {moment.hour:02d}:{moment.minute:02d}"
    gap = (_now_like(moment, now).date() - moment.date()).days
    if gap == 0:
        return f"today {at}"
    if gap == 1:
        return f"yesterday {at}"
    return f"on {day_long(moment.date())} {at}"


def time_ago(stamp: str | None, now: dt.datetime | None = None) -> str:
    """How long ago a stored UTC timestamp was, short: ``just now``, ``1 minute ago``,
    ``10 minutes ago``, ``3 hours ago``, ``yesterday``, ``4 days ago``, then
    ``on 4 June 2026``; empty if it is not a timestamp."""
    moment = _local_moment(stamp)
    if moment is None:
        return ""
    now = _now_like(moment, now)
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{plural(int(seconds // 60), 'minute')} ago"
    days = (now.date() - moment.date()).days
    if days == 0:
        return f"{plural(int(seconds // 3600), 'hour')} ago"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{plural(days, 'day')} ago"
    return f"on {day(moment.date())}"


# -- reading a date typed by a person -------------------------------------------------------


_MONTH_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
_DAY_NUMBERS = {
    **{name.casefold(): number for number, name in enumerate(DAYS)},
    **{name[:3].casefold(): number for number, name in enumerate(DAYS)},
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBERS = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?")
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_WORDS = re.compile(rf"(?:([a-z]+)\s+)?{_ORDINAL}\s+(?:of\s+)?([a-z]+)\.?(?:\s+(\d{{4}}))?")
_US_WORDS = re.compile(rf"([a-z]+)\.?\s+{_ORDINAL}(?:\s+(\d{{4}}))?")  # December 15 2026: the month says which is which
_RELATIVE = re.compile(r"in\s+(\d{1,3})\s+(day|days|week|weeks)")
_WEEKDAY = re.compile(r"(?:(next|this|on)\s+)?([a-z]+)")
_TIME = re.compile(r"(\d{1,2})(?:\s*[:.]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?")
_TIME_WORDS = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}

#: How a date is asked for in messages; with a time of day where one is wanted.
DATE_EXAMPLE = "15/12/2026, 15 December 2026, today or next Tuesday"
WHEN_EXAMPLE = "15/12/2026 18:00, 15 December 2026 6pm or tomorrow at 18:00"


class NotADate(ValueError):
    """What was typed cannot be read as a date (or a time); the message says why, in
    words for the person who typed it."""


def _key(text: str) -> str:
    text = text.strip().casefold().replace(",", " ")
    return " ".join(text.split())


def _year_near(day_: int, month: int, today: dt.date, ahead: bool = False) -> dt.date:
    """A day and month with no year: the one nearest ``today`` (15/1 typed in December is
    next January; 3/12 typed in January is last December); with ``ahead``, the next one
    from today on (a meeting or a due date)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(year, month, day_))
        except ValueError:
            continue
    if not candidates:
        raise NotADate(f"There is no {day_} {MONTHS[month - 1]}")
    if ahead:
        return min(d for d in candidates if d >= today) if any(d >= today for d in candidates) else candidates[-1]
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def _real_date(year: int, month: int, day_: int) -> dt.date:
    if not 1 <= month <= 12:
        raise NotADate(f"There is no month {month}: the day comes first, then the month, as in 15/12/2026")
    try:
        return dt.date(year, month, day_)
    except ValueError:
        raise NotADate(f"There is no {day_} {MONTHS[month - 1]} {year}") from None


def _read_day(key: str, today: dt.date | None, ahead: bool = False) -> dt.date | None:
    """The date in ``key`` (already lower case), None when it is not written as one."""
    def needs_today() -> dt.date:
        if today is None:
            raise NotADate("Type the year too, like 15/12/2026")
        return today

    if key in ("today", "now"):
        return needs_today()
    if key == "tomorrow":
        return needs_today() + dt.timedelta(days=1)
    if key == "yesterday":
        return needs_today() - dt.timedelta(days=1)
    if match := _RELATIVE.fullmatch(key):
        count = int(match.group(1)) * (7 if match.group(2).startswith("week") else 1)
        return needs_today() + dt.timedelta(days=count)
    if match := _ISO.fullmatch(key):
        year, month, day_ = (int(part) for part in match.groups())
        return _real_date(year, month, day_)
    if match := _NUMBERS.fullmatch(key):
        day_, month, year = int(match.group(1)), int(match.group(3)), match.group(4)
        if year is None:
            if not 1 <= month <= 12:
                raise NotADate(f"There is no month {month}: the day comes first, then the month, as in 15/12")
            return _year_near(day_, month, needs_today(), ahead)
        return _real_date(int(year) + (2000 if len(year) == 2 else 0), month, day_)
    if (match := _WORDS.fullmatch(key)) and match.group(3) in _MONTH_NUMBERS:
        if match.group(1) and match.group(1) not in _DAY_NUMBERS:
            return None
        day_, month, year = int(match.group(2)), _MONTH_NUMBERS[match.group(3)], match.group(4)
        return _year_near(day_, month, needs_today(), ahead) if year is None else _real_date(int(year), month, day_)
    if (match := _US_WORDS.fullmatch(key)) and match.group(1) in _MONTH_NUMBERS:
        month, day_, year = _MONTH_NUMBERS[match.group(1)], int(match.group(2)), match.group(3)
        return _year_near(day_, month, needs_today(), ahead) if year is None else _real_date(int(year), month, day_)
    if (match := _WEEKDAY.fullmatch(key)) and match.group(2) in _DAY_NUMBERS:
        start = needs_today()
        ahead = (_DAY_NUMBERS[match.group(2)] - start.weekday()) % 7 or 7  # the coming one, never today
        return start + dt.timedelta(days=ahead)
    return None


def _read_time(key: str) -> dt.time | None:
    """The time of day in ``key``; None when it is not written as one."""
    if key in _TIME_WORDS:
        return dt.time(*_TIME_WORDS[key])
    match = _TIME.fullmatch(key)
    if not match or (match.group(2) is None and match.group(3) is None):
        return None  # a lone number is not a time
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise NotADate(f"{key} is not a time: with am or pm the hour is 1 to 12")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise NotADate(f"{key} is not a time of day: the hours go up to 23 and the minutes to 59")
    return dt.time(hour, minute)


def _split_time(words: list[str], today: dt.date | None, ahead: bool) -> tuple[dt.date | None, dt.time | None]:
    """A date and a time written one after the other ("tomorrow at 6pm", "18:00 15/12"):
    the time is the last (or first) one to three words."""
    for cut in range(1, min(4, len(words))):
        for date_words, time_words in ((words[:-cut], words[-cut:]), (words[cut:], words[:cut])):
            date_words = [w for w in date_words if w != "at"]
            time_text = " ".join(w for w in time_words if w != "at")
            if not date_words or not time_text:
                continue
            day_ = _read_day(" ".join(date_words), today, ahead)
            if day_ is not None:
                moment = _read_time(time_text)  # a date and a time that is not one: say why
                if moment is not None:
                    return day_, moment
    return None, None


def read_when(text: str, today: dt.date | None = None, *, time: bool = True,
              ahead: bool = False) -> tuple[dt.date, dt.time | None]:
    """A date, and a time of day if one was typed, as people write them (UK: the day
    always comes first); a :class:`NotADate` saying why when it cannot be read.

    Dates: ``15/12/2026``, ``15/12/26``, ``15.12.2026``, ``15-12-2026``, ``2026-12-15``,
    ``15 December 2026``, ``15th Dec``, ``Tue 15 Dec 2026``, ``December 15 2026``, ``15/12``
    and ``15 Dec`` (the nearest 15 December to today), ``today``, ``tomorrow``,
    ``yesterday``, ``in 3 days``, ``in 2 weeks``, ``Tuesday`` or ``next Tuesday`` (the
    coming Tuesday, never today). Times, after the date (or before it), with or without
    "at": ``18:00``, ``18.00``, ``6pm``, ``6.30pm``, ``6:30 am``, ``noon``, ``midnight``.
    Words that need today's date (today, 15/12) need ``today``. With ``time=False`` a
    time of day is refused (a due date is a day)."""
    key = _key(text)
    if not key:
        raise NotADate("Nothing typed yet")
    day_ = _read_day(key, today, ahead)
    moment = None
    if day_ is None:
        day_, moment = _split_time(key.split(" "), today, ahead)
    if day_ is None:
        if _read_time(key.removeprefix("at ")) is not None:
            raise NotADate("Type the day as well as the time, like today 18:00")
        example = WHEN_EXAMPLE if time else DATE_EXAMPLE
        raise NotADate(f"\u201c{text.strip()}\u201d is not a date I can read: type it as you would write it, like {example}")
    if moment is not None and not time:
        raise NotADate("Type only the day here, with no time: like 15/12/2026")
    return day_, moment


def parse_day(text: str, today: str | dt.date | None = None) -> str | None:
    """A date typed the way people write them (see :func:`read_when`), as ``YYYY-MM-DD``;
    None if ``text`` is not a real date. Without ``today`` it needs the year.

    Forms show how they read it (``Tuesday 31 March 2026``), so a swapped day and month
    is seen."""
    try:
        day_, moment = read_when(text, as_date(today) if today else None, time=False)
    except NotADate:
        return None
    return day_.isoformat()


def when_words(day_: dt.date, moment: dt.time | None) -> str:
    """``Tuesday 15 December 2026 at 18:00`` (or only the day)."""
    text = day_long(day_)
    return f"{text} at {moment.hour:02d}:{moment.minute:02d}" if moment is not None else text


def typed_day(value: str | dt.date) -> str:
    """A stored date as a person would type it back: ``15/12/2026``."""
    date = as_date(value)
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def typed_when(starts_at: str) -> str:
    """A stored ``YYYY-MM-DDTHH:MM`` as a person would type it back: ``15/12/2026 18:00``."""
    return f"{typed_day(starts_at)} {start_time(starts_at)}"
