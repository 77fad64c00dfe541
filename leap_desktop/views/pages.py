"""The pages of the main window, in one list: to add a page, append its class.

``NAVIGATION`` is the order of the list of pages down the side of the window; a page
registered here but not named there (a person, a meeting) is opened from a record.
"""

from __future__ import annotations

from .actions_page import ActionsPage
from .decision_log_page import DecisionLogPage
from .impact_page import ImpactPage
from .meeting_mode import MeetingMode
from .meeting_workspace import MeetingWorkspace
from .meetings import MeetingsPage
from .page import Page
from .people_page import PeoplePage
from .person_page import PersonPage

PAGES: list[type[Page]] = [
    PeoplePage, DecisionLogPage, ActionsPage, PersonPage,
    MeetingsPage, MeetingWorkspace, MeetingMode, ImpactPage,
]

NAVIGATION: tuple[str, ...] = ("people", "meetings", "decisions", "actions", "impact")


def page_ids() -> list[str]:
    return [cls.PAGE_ID for cls in PAGES]


def page_class(page_id: str) -> type[Page] | None:
    for cls in PAGES:
        if cls.PAGE_ID == page_id:
            return cls
    return None


def default_page() -> str:
    """The page a panel opens on the first time: its meetings, else its members."""
    return "meetings" if page_class("meetings") else "people"
