"""The pages of the main window share one small interface."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .context import AppContext


class Page(QWidget):
    """A screen of the main window (people, meetings, decisions, actions, ...).

    ``PAGE_ID`` names it for ``--screenshot --page`` and for remembering the last page;
    ``TITLE`` is what the navigation shows. A page refreshes itself when the context
    says its data changed, and ``focus_first()`` puts keyboard focus somewhere useful
    when the page is shown.
    """

    PAGE_ID = ""
    TITLE = ""
    FORM: str | None = None
    WIDGETS: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"{self.PAGE_ID}Page")
        self.setAccessibleName(self.TITLE)

    def focus_first(self) -> None:
        self.focusNextChild()

    def show_record(self, record_id: str | None) -> None:
        """Show one record on this page (a person, a meeting, a decision), if it has one."""
