"""The Qt binding itself: a known-bad release must never be installed again.

PySide6 6.12.0 returns None from calls that return nothing without counting the
reference, so on Python 3.11 each such call wears None's count down until the app
aborts with "deallocating None". pyproject.toml keeps PySide6 below 6.12 for this.
"""

import sys

from PySide6.QtCore import QObject


def test_calls_that_return_nothing_do_not_wear_down_none(qapp):
    thing = QObject()
    before = sys.getrefcount(None)
    for number in range(2_000):
        thing.setObjectName(f"thing {number}")  # returns nothing
    assert sys.getrefcount(None) - before > -100
