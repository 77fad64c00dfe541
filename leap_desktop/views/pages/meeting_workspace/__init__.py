"""The meeting workspace: one meeting's agenda, attendance and details (see ``page.py``)."""

from .page import MeetingWorkspace

__all__ = ["MeetingWorkspace"]
