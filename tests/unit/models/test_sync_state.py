"""The sync state in words, as the sync dialog and the status bar say it."""

from __future__ import annotations

import datetime as dt

from leap_desktop.models.sync_state import conflicts_words, status_line, status_words
from leap_desktop.services.sync import Status

NOW = dt.datetime(2026, 6, 15, 14, 30).astimezone()


def at(minutes_ago: int) -> str:
    moment = (NOW - dt.timedelta(minutes=minutes_ago)).astimezone(dt.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def status(last=None, sent=0, received=0, refused=0, waiting=0) -> Status:
    return Status(last_synced=last, sent=sent, received=received, refused=refused, conflicts_waiting=waiting,
                  files_applied=0, devices=0)


def test_the_status_bar_line_is_short():
    assert status_line(status(), NOW) == "Not synced yet"
    assert status_line(status(at(10)), NOW) == "Synced 10 minutes ago"
    assert status_line(status(at(0), waiting=2), NOW) == "Synced just now · 2 conflicts waiting"
    assert status_line(status(at(60 * 26), refused=1, waiting=1), NOW) == (
        "Synced yesterday · 1 file refused · 1 conflict waiting")


def test_the_dialog_says_it_in_sentences():
    assert status_words(status(), NOW) == "Not synced yet: choose the shared folder, then Sync now."
    assert status_words(status(at(25), sent=3, received=1, refused=2), NOW) == (
        "Last synced today at 14:05: 3 changes sent, 1 change taken in. 2 files refused.")
    assert conflicts_words(0) == "No conflicts waiting."
    assert conflicts_words(1).startswith("1 conflict waits for you to settle")
    assert conflicts_words(3).startswith("3 conflicts wait for you to settle")
