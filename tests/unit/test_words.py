"""The words and dates people read, from the one module every layer uses (leap_desktop.words)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import leap_desktop
from leap_desktop import words

PACKAGE = Path(leap_desktop.__file__).resolve().parent


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 decisions"), (1, "1 decision"), (2, "2 decisions"), (1204, "1,204 decisions"),
     (1_000_000, "1,000,000 decisions")],
)
def test_counts_have_a_thousands_separator(count, expected):
    assert words.plural(count, "decision") == expected


def test_irregular_plurals_are_given():
    assert words.plural(1, "person", "people") == "1 person"
    assert words.plural(3, "person", "people") == "3 people"
    assert words.plural(1, "apology", "apologies") == "1 apology"
    assert words.plural(2, "apology", "apologies") == "2 apologies"


def test_minutes_and_hours():
    assert words.minutes(1) == "1 minute"
    assert words.minutes(25.9) == "25 minutes"
    assert words.minutes(1500) == "1,500 minutes"
    assert words.hours(1) == "1 hour"
    assert words.hours(1.5) == "1.5 hours"


@pytest.mark.parametrize(
    ("names", "expected"),
    [([], ""), (["Ben"], "Ben"), (["Ben", "Asha"], "Ben and Asha"),
     (["Ben", "Asha", "Carol"], "Ben, Asha and Carol")],
)
def test_lists_of_names_read_as_a_sentence(names, expected):
    assert words.names_list(names) == expected
    assert words.names_list(iter(names)) == expected


def test_roles_are_listed_the_same_way():
    from leap_desktop.domain import rules
    from leap_desktop.domain.vocab import Role

    assert rules.roles_label([]) == "panel member"
    assert rules.roles_label([Role.CARER]) == "carer"
    assert rules.roles_label([Role.CARER, Role.RESEARCHER, Role.FACILITATOR]) == "carer, researcher and facilitator"


def test_dates_in_words():
    assert words.day("2026-03-05") == "5 March 2026"
    assert words.day("2026-03-05T14:00") == "5 March 2026"
    assert words.day(dt.date(2026, 3, 5), short=True) == "5 Mar 2026"
    assert words.day(None) == "" and words.day("") == ""
    assert words.day("soon") == "soon"  # not a date: shown as typed
    assert words.day_long("2026-06-04") == "Thursday 4 June 2026"
    assert words.day_short("2026-06-04") == "Thu 4 Jun 2026"
    assert words.day_short("2026-06-04", year=False) == "Thu 4 Jun"
    assert words.month_year(dt.date(2026, 9, 1)) == "September 2026"


def test_documents_leave_out_a_missing_date():
    assert words.long_date(None) is None
    assert words.long_date("2026-06-04") == "4 June 2026"
    assert words.long_date("2026-06-04", weekday=True) == "Thursday 4 June 2026"


def test_a_moment_in_words():
    moment = dt.datetime(2026, 11, 26, 14, 2, 59)
    assert words.day_and_time(moment) == "Thursday 26 November 2026 at 14:02"


def test_days_between_counts_from_the_first_date_to_the_second():
    assert words.days_between("2026-03-01", "2026-03-11") == 10  # 10 days overdue on the 11th
    assert words.days_between("2026-03-11", "2026-03-01") == -10
    assert words.days_between(dt.date(2026, 12, 31), "2027-01-01T09:00") == 1


def test_in_days():
    today = "2026-06-04"
    assert [words.in_days(today, d) for d in ("2026-06-04", "2026-06-05", "2026-06-03", "2026-06-09", "2026-05-30")] == [
        "today", "tomorrow", "yesterday", "in 5 days", "5 days ago"]


def test_times_of_day():
    assert words.start_time("2026-06-04T14:00") == "14:00"
    assert words.when_short("2026-06-04T14:00") == "Thu 4 Jun 2026, 14:00"
    assert words.clock_after("2026-06-04T23:30", 45) == "00:15"
    assert words.when_long("2026-06-04T14:00", 120) == "Thursday 4 June 2026, 14:00 to 16:00"
    assert words.when_long("2026-06-04T14:00", None) == "Thursday 4 June 2026, 14:00"
    assert words.local_time(None) == "" and words.local_time("not a time") == ""
    assert words.local_time("2026-06-04T14:03:00") == "14:03"  # no zone: taken as local


def test_words_is_plain_python():
    """Importable by every layer: nothing from Qt, SQL or the rest of the package."""
    tree = ast.parse((PACKAGE / "words.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "." for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"__future__", "datetime", "re", "collections.abc", "unicodedata"}


def test_there_is_one_list_of_month_names_and_one_plural():
    """No second copy of the wording helpers grows back elsewhere in the package, and no
    month or day name comes from strftime (%B, %A follow the computer's language, so a
    French locale would slip "juin" into an English sentence)."""
    copies = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "words.py":
            continue
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") in {
                "plural", "days_between", "long_date", "when_words", "names_list", "month_year", "parse_day"}:
                copies.append(f"{path.relative_to(PACKAGE)}: def {node.name}")
        if '"September"' in text or "%B" in text or "%A" in text:
            copies.append(f"{path.relative_to(PACKAGE)}: month or day names")
    assert copies == []


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_when_something_happened_on_this_computers_clock():
    now = dt.datetime(2026, 6, 15, 14, 30).astimezone()
    assert words.moment_words(_utc(now - dt.timedelta(minutes=25)), now) == "today at 14:05"
    assert words.moment_words(_utc(now - dt.timedelta(days=1, hours=5)), now) == "yesterday at 09:30"
    assert words.moment_words(_utc(now - dt.timedelta(days=11)), now) == "on Thursday 4 June 2026 at 14:30"
    assert words.moment_words(None, now) == "" and words.moment_words("soon", now) == ""


def test_how_long_ago_short():
    now = dt.datetime(2026, 6, 15, 14, 30).astimezone()
    ago = [dt.timedelta(seconds=20), dt.timedelta(minutes=1), dt.timedelta(minutes=10), dt.timedelta(hours=3),
           dt.timedelta(days=1), dt.timedelta(days=4), dt.timedelta(days=30)]
    assert [words.time_ago(_utc(now - gap), now) for gap in ago] == [
        "just now", "1 minute ago", "10 minutes ago", "3 hours ago", "yesterday", "4 days ago", "on 16 May 2026"]
    assert words.time_ago("", now) == ""
