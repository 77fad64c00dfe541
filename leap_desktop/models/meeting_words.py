"""Dates, times and durations in plain words, for the meetings screens.

Written out here (not with ``strftime``) so the words do not change with the
computer's locale settings halfway through a sentence that is otherwise English.
"""

from __future__ import annotations

import datetime as dt

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _date(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value[:10])


def day_long(value: str | dt.date) -> str:
    """``Thursday 4 June 2026``"""
    day = _date(value)
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def day_short(value: str | dt.date, *, year: bool = True) -> str:
    """``Thu 4 Jun 2026`` (or ``Thu 4 Jun``)"""
    day = _date(value)
    text = f"{DAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"
    return f"{text} {day.year}" if year else text


def day_month(value: str | dt.date) -> str:
    """``28 May 2026``"""
    day = _date(value)
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def start_time(starts_at: str) -> str:
    """``14:00`` from ``2026-06-04T14:00``"""
    return starts_at[11:16]


def when_short(starts_at: str) -> str:
    """``Thu 4 Jun 2026, 14:00``"""
    return f"{day_short(starts_at)}, {start_time(starts_at)}"


def clock_after(starts_at: str, minutes: int) -> str:
    """The wall-clock time ``minutes`` after a meeting's start: ``14:25``."""
    moment = dt.datetime.fromisoformat(starts_at) + dt.timedelta(minutes=minutes)
    return moment.strftime("%H:%M")


def when_long(starts_at: str, planned_minutes: int | None) -> str:
    """``Thursday 4 June 2026, 14:00 to 16:00``"""
    text = f"{day_long(starts_at)}, {start_time(starts_at)}"
    if planned_minutes:
        text += f" to {clock_after(starts_at, planned_minutes)}"
    return text


def minutes(count: int | float) -> str:
    count = int(count)
    return "1 minute" if count == 1 else f"{count} minutes"


def hours(count: float) -> str:
    text = f"{count:g}"
    return "1 hour" if text == "1" else f"{text} hours"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def local_time(stamp: str | None) -> str:
    """The local clock time of a stored UTC timestamp: ``14:03``."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%H:%M")


def days_between(today: str, day: str) -> int:
    return (_date(day) - _date(today)).days


def in_days(today: str, day: str) -> str:
    """``today``, ``tomorrow``, ``in 3 days``, ``yesterday``, ``5 days ago``"""
    gap = days_between(today, day)
    if gap == 0:
        return "today"
    if gap == 1:
        return "tomorrow"
    if gap == -1:
        return "yesterday"
    return f"in {gap} days" if gap > 0 else f"{-gap} days ago"
