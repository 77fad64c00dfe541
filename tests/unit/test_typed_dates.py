"""Dates and times typed as people write them, day first as in the UK (issue 10, item 10):
one reading (``words.read_when``) for every date field in the app."""

import datetime as dt

import pytest

from leap_desktop.words import NotADate, parse_day, read_when, when_words

TODAY = dt.date(2026, 12, 8)  # a Tuesday


def read(text, **kw):
    return when_words(*read_when(text, TODAY, **kw))


@pytest.mark.parametrize("typed, meant", [
    ("15/12/2026 18:00", "Tuesday 15 December 2026 at 18:00"),
    ("15 December 2026 6pm", "Tuesday 15 December 2026 at 18:00"),
    ("2026-12-15", "Tuesday 15 December 2026"),
    ("15/12", "Tuesday 15 December 2026"),
    ("15.12", "Tuesday 15 December 2026"),
    ("today", "Tuesday 8 December 2026"),
    ("Today", "Tuesday 8 December 2026"),
    ("tomorrow 18:00", "Wednesday 9 December 2026 at 18:00"),
    ("tomorrow at 6pm", "Wednesday 9 December 2026 at 18:00"),
    ("yesterday", "Monday 7 December 2026"),
    ("today at 18:00", "Tuesday 8 December 2026 at 18:00"),
    ("today 18.00", "Tuesday 8 December 2026 at 18:00"),
    ("next Tuesday 6.30pm", "Tuesday 15 December 2026 at 18:30"),
    ("tuesday", "Tuesday 15 December 2026"),  # the coming one, never today
    ("Fri", "Friday 11 December 2026"),
    ("thurs at noon", "Thursday 10 December 2026 at 12:00"),
    ("on Monday at 10am", "Monday 14 December 2026 at 10:00"),
    ("18:00 tomorrow", "Wednesday 9 December 2026 at 18:00"),
    ("15/12/2026 at 6:30 pm", "Tuesday 15 December 2026 at 18:30"),
    ("15/12/26", "Tuesday 15 December 2026"),
    ("15-12-2026", "Tuesday 15 December 2026"),
    ("15.12.2026 09:05", "Tuesday 15 December 2026 at 09:05"),
    ("Tue 15 Dec 2026", "Tuesday 15 December 2026"),
    ("Tuesday, 15th December 2026, 2pm", "Tuesday 15 December 2026 at 14:00"),
    ("15th of December", "Tuesday 15 December 2026"),
    ("December 15, 2026", "Tuesday 15 December 2026"),  # the month's name says which is which
    ("15 sept 2027", "Wednesday 15 September 2027"),
    ("  15   Dec  ", "Tuesday 15 December 2026"),
    ("15/1", "Friday 15 January 2027"),  # the nearest 15 January: next month, not eleven months ago
    ("3/12", "Thursday 3 December 2026"),  # last week
    ("in 3 days", "Friday 11 December 2026"),
    ("in 2 weeks", "Tuesday 22 December 2026"),
    ("1/2/2027 midnight", "Monday 1 February 2027 at 00:00"),
    ("12am 1/2/2027", "Monday 1 February 2027 at 00:00"),
    ("12pm 1/2/2027", "Monday 1 February 2027 at 12:00"),
])
def test_real_phrasings_are_read_day_first(typed, meant):
    assert read(typed) == meant


def test_the_day_always_comes_first():
    assert read("3/4/2026") == "Friday 3 April 2026"
    assert read("12/11/2026") == "Thursday 12 November 2026"


def test_ahead_means_the_next_one_for_a_meeting_or_a_due_date():
    june = dt.date(2026, 6, 15)
    assert read_when("15/12", june)[0] == dt.date(2025, 12, 15)  # half a year either way: the nearer
    assert read_when("15/12", june, ahead=True)[0] == dt.date(2026, 12, 15)
    assert read_when("3 March", june, ahead=True)[0] == dt.date(2027, 3, 3)


@pytest.mark.parametrize("typed, message", [
    ("31/02/2026", "There is no 31 February 2026"),
    ("29/2/2027", "There is no 29 February 2027"),
    ("15/13/2026", "There is no month 13: the day comes first, then the month, as in 15/12/2026"),
    ("12/31/2026", "There is no month 31: the day comes first"),  # the US order is not guessed at
    ("today 25:00", "25:00 is not a time of day: the hours go up to 23 and the minutes to 59"),
    ("tomorrow 18:75", "18:75 is not a time of day"),
    ("tomorrow 13pm", "13pm is not a time: with am or pm the hour is 1 to 12"),
    ("18:00", "Type the day as well as the time, like today 18:00"),
    ("banana", "\u201cbanana\u201d is not a date I can read: type it as you would write it, like 15/12/2026 18:00"),
    ("next week", "\u201cnext week\u201d is not a date I can read"),
    ("15", "\u201c15\u201d is not a date I can read"),
    ("31 Foo 2026", "\u201c31 Foo 2026\u201d is not a date I can read"),
    ("Funday 15 Dec", "\u201cFunday 15 Dec\u201d is not a date I can read"),
    ("", "Nothing typed yet"),
])
def test_what_cannot_be_read_is_refused_saying_why(typed, message):
    with pytest.raises(NotADate) as refused:
        read_when(typed, TODAY)
    assert str(refused.value).startswith(message)


def test_a_date_only_field_refuses_a_time():
    assert read("15/12/2026", time=False) == "Tuesday 15 December 2026"
    with pytest.raises(NotADate, match="Type only the day here, with no time"):
        read_when("15/12/2026 18:00", TODAY, time=False)


def test_words_that_need_today_say_so_without_it():
    with pytest.raises(NotADate, match="Type the year too"):
        read_when("15/12", None)
    assert parse_day("today") is None and parse_day("today", "2026-12-08") == "2026-12-08"
    assert parse_day("15 Dec", TODAY) == "2026-12-15"
