"""Use-cases over a panel file, shared by the desktop app and the ``leap`` command."""

from ..store.queries import ActionRow, DecisionFilter, DecisionRow, MeetingSummary, SearchHit
from .panel import PanelService

__all__ = ["ActionRow", "DecisionFilter", "DecisionRow", "MeetingSummary", "PanelService", "SearchHit"]
