"""The pages of the main window, in one list: to add a page, add its entry here.

Each entry names the page's module and class, and repeats the page's id, title and
menu (``Page.PAGE_ID``, ``TITLE``, ``MENU``; tests/ui/test_pages.py keeps the two in
step), so the window can list every page and make its menus without importing any
page: a page's module is imported, and the page made, the first time it is shown.

``NAVIGATION`` is the order of the list of pages down the side of the window; a page
registered here but not named there (a person, a meeting) is opened from a record.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Page


@dataclass(frozen=True)
class PageEntry:
    page_id: str
    title: str
    menu: str
    #: ``module:Class`` under leap_desktop.views.pages
    where: str

    def load(self) -> "type[Page]":
        module, _, name = self.where.partition(":")
        return getattr(importlib.import_module(f"{__package__}.{module}"), name)


ENTRIES: tuple[PageEntry, ...] = (
    PageEntry("people", "Panel members", "&Members", "people:PeoplePage"),
    PageEntry("decisions", "Decision log", "&Decisions", "decision_log:DecisionLogPage"),
    PageEntry("actions", "Actions", "&Actions", "actions:ActionsPage"),
    PageEntry("person", "A person's page", "&Person", "person:PersonPage"),
    PageEntry("meetings", "Meetings", "Meet&ings", "meetings:MeetingsPage"),
    PageEntry("meeting", "Meeting workspace", "Meeting &workspace", "meeting_workspace:MeetingWorkspace"),
    PageEntry("meeting_mode", "Meeting mode", "&Meeting mode", "meeting_mode:MeetingMode"),
    PageEntry("payments", "Payments", "&Payments", "payments:PaymentsPage"),
    PageEntry("impact", "Impact log", "Impact &log", "impact:ImpactPage"),
    PageEntry("reports", "Reports", "&Reports", "reports:ReportsPage"),
)

NAVIGATION: tuple[str, ...] = ("people", "meetings", "decisions", "actions", "impact", "reports", "payments")


def page_ids() -> list[str]:
    return [entry.page_id for entry in ENTRIES]


def entry(page_id: str) -> PageEntry | None:
    for candidate in ENTRIES:
        if candidate.page_id == page_id:
            return candidate
    return None


def page_class(page_id: str) -> "type[Page] | None":
    """The class of this page (its module imported now, if it was not yet)."""
    found = entry(page_id)
    return found.load() if found is not None else None


def all_pages() -> "list[type[Page]]":
    """Every page's class, in the order of ENTRIES (imports them all)."""
    return [candidate.load() for candidate in ENTRIES]


def default_page() -> str:
    """The page a panel opens on the first time: its meetings, else its members."""
    return "meetings" if entry("meetings") else "people"


def __getattr__(name: str):
    if name == "PAGES":  # every page class: for tests and tools, not at start-up
        return all_pages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
