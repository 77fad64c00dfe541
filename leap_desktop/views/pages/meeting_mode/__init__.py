"""Meeting mode: live capture during a meeting, item by item (see ``page.py``)."""

from .page import MeetingMode

__all__ = ["MeetingMode"]
