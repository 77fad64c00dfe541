"""The meeting's clocks: minutes spent on the meeting, and on each of its items.

Plain Python over a clock that only goes forward (``time.monotonic``; tests give their
own). Going back to an item resumes its time where it was left.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class MeetingClock:
    def __init__(self, now: Callable[[], float] = time.monotonic):
        self.now = now
        self._item_seconds: dict[str, float] = {}
        self._item_id: str | None = None
        self._item_since: float | None = None
        self._meeting_since: float | None = None

    def restart(self, item_id: str | None) -> None:
        """Time the meeting, and every item, from now, on ``item_id``."""
        self._item_seconds.clear()
        self._item_id = item_id
        self._meeting_since = self.now()
        self._item_since = self._meeting_since if item_id else None

    def go_to(self, item_id: str | None) -> None:
        """Stop timing the current item (keeping its time) and time ``item_id``."""
        now = self.now()
        if self._item_id is not None and self._item_since is not None:
            self._item_seconds[self._item_id] = self._item_seconds.get(self._item_id, 0.0) + now - self._item_since
        self._item_id = item_id
        self._item_since = now if item_id else None

    def restart_item(self) -> None:
        """Count the current item's time from now."""
        if self._item_id is None:
            return
        self._item_seconds[self._item_id] = 0.0
        self._item_since = self.now()

    def item_minutes(self) -> int:
        if self._item_id is None:
            return 0
        seconds = self._item_seconds.get(self._item_id, 0.0)
        if self._item_since is not None:
            seconds += self.now() - self._item_since
        return max(0, int(seconds // 60))

    def meeting_minutes(self) -> int | None:
        """Minutes since the meeting's clock started (None: it has not)."""
        if self._meeting_since is None:
            return None
        return max(0, int((self.now() - self._meeting_since) // 60))
