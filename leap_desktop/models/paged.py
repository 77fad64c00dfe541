"""A table model that is fetched a page at a time, so a ten-year panel's decision log
opens at once: the one base (models/table.py) with Qt's ``canFetchMore``/``fetchMore``."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Signal

from .table import Index, Row, TableModel

if TYPE_CHECKING:
    from .context import AppContext


class PagedTableModel(TableModel[Row]):
    """A table model that holds only the pages a view has asked for: it knows how many
    rows there are (:meth:`count`) and brings the next page (:meth:`fetch_page`) as the
    list is scrolled. A refresh keeps as many rows loaded as were shown.

    The first page (after the list starts again: its page opened, a filter changed) is
    :attr:`FIRST_PAGE` rows, a screenful with room to spare, so the list appears at
    once; the next pages are :attr:`PAGE_SIZE` rows. A view whose last row can be seen
    asks for the next page itself (a tall screen, small text)."""

    PAGE_SIZE = 200
    FIRST_PAGE = 50

    loaded = Signal()  # after a refresh or a page more: the count may have changed

    def __init__(self, ctx: AppContext | None, parent: QObject | None = None, *, page_size: int | None = None,
                 first_page: int | None = None):
        super().__init__(ctx, parent)
        self.page_size = page_size or self.PAGE_SIZE
        self.first_page = min(first_page or self.FIRST_PAGE, self.page_size)
        self.total = 0
        self._fetching = False  # fetchMore can be re-entered from a view's slot: never twice

    def count(self) -> int:
        raise NotImplementedError

    def fetch_page(self, limit: int, offset: int) -> Sequence[Row]:
        raise NotImplementedError

    def fetch(self) -> Sequence[Row]:
        self.total = self.count()
        return self.fetch_page(max(self.first_page, len(self._rows)), 0)

    def refresh(self) -> None:
        super().refresh()
        self.loaded.emit()

    def restart(self) -> None:
        """Start again from the first page (after the filter changed)."""
        if self.panel_text is not None:
            self.panel_text.update()
        self.total = self.count()
        self._reset(self.fetch_page(self.first_page, 0))
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._fetching and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        try:
            more = list(self.fetch_page(self.page_size, len(self._rows)))
            if not more:  # the list shrank since it was counted
                self.total = len(self._rows)
            else:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
                self._rows.extend(more)
                self.endInsertRows()
        finally:
            self._fetching = False
        self.loaded.emit()

    def fetch_all(self) -> None:
        """Load every row (e.g. before jumping to the end)."""
        while self.canFetchMore():
            self.fetchMore()

    def ensure_loaded(self, record_id: Hashable) -> int:
        """Load pages until ``record_id`` is shown; its row, or -1 if it is not in the list."""
        row = self.row_of(record_id)
        while row < 0 and self.canFetchMore():
            self.fetchMore()
            row = self.row_of(record_id)
        return row
