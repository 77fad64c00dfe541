"""Small helpers that give every list and field the same calm, accessible behaviour."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit, QSplitter, QStyle, QTableView, QWidget,
)

from .date_entry import DateReading


class TableFit(QObject):
    """Keeps a table readable at any text size and window width.

    Row heights follow the font, so larger text is never clipped. Column widths are
    given in characters (never narrower than the column's title) and are worked out
    again when the text size changes; the one stretching column takes the room that
    is left, but never less than ``stretch_min`` characters: when the window is too
    narrow for that, the table scrolls sideways instead of squeezing the text away.

    With ``fit_contents``, every column not named in ``widths`` is as wide as its
    contents (worked out again when the rows change), for short lists whose words vary
    (an agenda, attendance). With ``row_heights=False`` the rows keep the height the
    view gives them (rows that grow with wrapped text).

    Columns named in ``wrap`` (in a view that wraps words and whose rows grow with
    them) give up room when the stretching column would otherwise have fewer than
    ``WRAP_UNTIL`` characters (``wrap_until`` for one table): they narrow down to their
    longest word and their text goes onto more lines, rather than the main column being
    squeezed or the table scrolling sideways. They give up room in the order given;
    ``wrap_lines`` keeps a column to at most so many lines (a date on two lines, not
    one word a line).

    With ``grow_rows`` (a view that wraps words), each row is made as tall as its
    wrapped text, plus a third of a line of room, once the columns are set: worked out
    here, once, rather than by the view at every change of a column's width.

    Nothing is worked out while the table is hidden (a page being made, a pane not
    shown): it is fitted when it is shown, at the width it is shown at. Fitting a long
    list reads every row, so fitting it first at a made-up width costs as much again.
    """

    WRAP_UNTIL = 40  # characters the stretching column is given first, by columns that wrap

    def __init__(self, view: QTableView, widths: dict[int, int], stretch: int | None, stretch_min: int = 30,
                 *, fit_contents: bool = False, row_heights: bool = True, wrap: tuple[int, ...] = (),
                 wrap_until: int | None = None, wrap_lines: dict[int, int] | None = None,
                 grow_rows: bool = False):
        super().__init__(view)
        self.grow_rows = grow_rows
        self._generation = 0  # counts changes to the rows' contents
        self._fitted: tuple | None = None
        if wrap_until is not None:
            self.WRAP_UNTIL = wrap_until  # this table's own (see the class's doc)
        self.wrap_lines = dict(wrap_lines or {})
        self.view = view
        self.widths = dict(widths)
        self.stretch = stretch
        self.stretch_min = stretch_min
        self.fit_contents = fit_contents
        self.row_heights = row_heights
        self.wrap = tuple(wrap)
        #: the least width of each wrapping column, by what it depends on (the rows, the text size)
        self._narrowest_found: dict[tuple, int] = {}
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # its width changes when a scroll bar comes and goes
        model = view.model()
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged,
                           model.layoutChanged):
                signal.connect(self._rows_changed)
        self.fit()

    def _rows_changed(self, *_args) -> None:
        self._generation += 1
        self._narrowest_found.clear()
        if self.fit_contents:
            self.fit()

    def _state(self) -> tuple:
        """What the widths depend on: the view's width, the text size, the rows and
        which columns show. Events that change none of them need no new fit."""
        view = self.view
        model = view.model()
        metrics = view.fontMetrics()
        columns = model.columnCount() if model is not None else 0
        return (view.viewport().width(), metrics.height(), metrics.averageCharWidth(),
                model.rowCount() if model is not None else 0, columns,
                tuple(view.isColumnHidden(c) for c in range(columns)), self._generation)

    def fit(self) -> None:
        view = self.view
        if not shiboken6.isValid(view):
            return  # the table is being taken down (its model tells of its rows going)
        if not view.isVisible():
            self._fitted = None  # fitted when it is shown (the Show event)
            return
        self._fit()
        self._fitted = self._state()

    def _fit(self) -> None:
        view = self.view
        metrics = view.fontMetrics()
        height = metrics.height()
        if self.row_heights:
            view.verticalHeader().setDefaultSectionSize(height + max(10, height // 2))
            view.verticalHeader().setMinimumSectionSize(height + 4)
        chars = metrics.averageCharWidth()
        header = view.horizontalHeader()
        model = view.model()
        columns = model.columnCount() if model is not None else 0
        used = 0
        widths: dict[int, int] = {}
        for column in range(columns) if self.fit_contents else self.widths:
            if column == self.stretch:
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
            count = self.widths.get(column)
            if count is None:
                width = max(view.sizeHintForColumn(column) + 8, header.fontMetrics().horizontalAdvance(title) + 28)
            else:
                width = max(count * chars + 16, header.fontMetrics().horizontalAdvance(title) + 28)
            widths[column] = width
            if not view.isColumnHidden(column):
                used += width
        if self.stretch is not None:
            wanted = max(self.stretch_min, self.WRAP_UNTIL) * chars
            used -= self._give_up(widths, wanted - (view.viewport().width() - used - 1))
            # Still no room for the stretching column's least (200 % text in a laptop's
            # window): the wrapping columns take one more line each, then two, rather
            # than the table scrolling sideways.
            for more_lines in (1, 2):
                used -= self._give_up(widths, self.stretch_min * chars - (view.viewport().width() - used - 1),
                                      more_lines)
        for column, width in widths.items():
            if view.columnWidth(column) != width:
                view.setColumnWidth(column, width)
        if self.stretch is not None:
            room = view.viewport().width() - used - 1
            width = max(self.stretch_min * chars, room)
            if view.columnWidth(self.stretch) != width:
                view.setColumnWidth(self.stretch, width)
        if self.grow_rows:
            self._grow_rows()

    def _grow_rows(self) -> None:
        """Rows as tall as their wrapped words, with a third of a line between rows, so
        the lines of one row are not read as the next row's."""
        view = self.view
        header = view.verticalHeader()
        room = max(6, view.fontMetrics().height() // 3)
        view.resizeRowsToContents()
        for row in range(view.model().rowCount() if view.model() is not None else 0):
            header.resizeSection(row, header.sectionSize(row) + room)

    def _give_up(self, widths: dict[int, int], short: int, more_lines: int = 0) -> int:
        """Narrow the wrapping columns, in their order, until ``short`` pixels are found
        or each is at its narrowest; returns the pixels found."""
        found = 0
        for column in self.wrap:
            if short - found <= 0 or column not in widths or self.view.isColumnHidden(column):
                continue
            give = min(short - found, widths[column] - self._narrowest(column, more_lines))
            if give > 0:
                widths[column] -= give
                found += give
        return found

    def _narrowest(self, column: int, more_lines: int = 0) -> int:
        """The least width a wrapping column can have: its title (on two lines at most),
        its longest word, and room for each cell in at most its ``wrap_lines`` lines;
        each with ``more_lines`` lines more."""
        view = self.view
        model = view.model()
        header = view.horizontalHeader()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        metrics = view.fontMetrics()
        lines = self.wrap_lines.get(column)
        if lines is not None:
            lines += more_lines
        title_lines = 2 + more_lines
        key = (column, lines, title_lines, view.font().key(), header.font().key(), model.rowCount(), self._generation)
        found = self._narrowest_found.get(key)
        if found is None:  # the same rows at the same text size: worked out once, not at each width
            widest = 0
            for row in range(model.rowCount()):
                words = str(model.index(row, column).data() or "").split()
                if words:
                    widest = max(widest, _wrap_width(words, metrics, lines))
            if isinstance(header, WrappingHeader) and title.split():  # its title on two lines at most (or more)
                found = max(widest + 16, _wrap_width(title.split(), header.fontMetrics(), title_lines) + 28)
            else:
                found = max(widest + 16, header.fontMetrics().horizontalAdvance(title) + 28)
            self._narrowest_found[key] = found
        return found

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.Resize, QEvent.Type.Show):
            if shiboken6.isValid(self.view) and self._state() != self._fitted:
                self.fit()
        return False


class WrappingHeader(QHeaderView):
    """Column titles that go on to a second line when their column is narrowed (the
    Meetings page's lists at large text), rather than keeping each column as wide as its
    title in one line, which made the list scroll sideways. The header grows to the
    height of its tallest title."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag(int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)))
        self.sectionResized.connect(lambda *_: self._taller_or_shorter())

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802 (Qt's name)
        size = super().sectionSizeFromContents(logical)
        model = self.model()
        title = str(model.headerData(logical, self.orientation()) or "") if model is not None else ""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        width = self.sectionSize(logical) - 2 * margin
        if title and width > 0:
            lines = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), title)
            size.setHeight(max(size.height(), lines.height() + 2 * margin))
        return size

    def _taller_or_shorter(self) -> None:
        """A column's new width may take its title on to more lines, or fewer."""
        if self.count():
            self.headerDataChanged(self.orientation(), 0, self.count() - 1)  # Qt measures the titles again


def _wrap_width(words: list[str], metrics, lines: int | None) -> int:
    """The least width in which ``words`` wrap onto at most ``lines`` lines (any number
    when None: the longest word)."""
    space = metrics.horizontalAdvance(" ")
    widths = [metrics.horizontalAdvance(word) for word in words]
    longest = max(widths)
    if lines is None or lines >= len(words):
        return longest

    def fits(width: int) -> bool:
        count, used = 1, 0
        for word in widths:
            if used and used + space + word > width:
                count, used = count + 1, word
            else:
                used = used + space + word if used else word
        return count <= lines

    low, high = longest, sum(widths) + space * (len(widths) - 1)
    while low < high:  # the narrowest width that still fits, by halving
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return low


class SplitterFlip(QObject):
    """Two panes side by side while the page has room for ``min_chars`` characters of
    the current text size across, one above the other when it has not (large text, a
    small window): the panes are never squeezed until their words no longer fit. The
    page then scrolls down, as every page does when it is too big for the window."""

    def __init__(self, splitter: QSplitter, page: QWidget, min_chars: int, on_change=None):
        super().__init__(splitter)
        self.splitter, self.page, self.min_chars = splitter, page, min_chars
        self.on_change = on_change  # told True when the panes go one above the other
        page.installEventFilter(self)
        self._watched: QWidget | None = None
        self.update()

    def available(self) -> int:
        """The width the page can have: its scroll area's, when it is in one."""
        holder = self.page.parentWidget()
        if holder is not None and holder is not self._watched:
            holder.installEventFilter(self)
            self._watched = holder
        return holder.width() if holder is not None else self.page.width()

    def update(self) -> None:
        chars = self.available() / max(1, self.page.fontMetrics().averageCharWidth())
        wanted = Qt.Orientation.Horizontal if chars >= self.min_chars else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.splitter.setChildrenCollapsible(False)
            if self.on_change is not None:
                self.on_change(wanted == Qt.Orientation.Vertical)
        # One above the other, each pane keeps the height it needs (the page scrolls);
        # side by side, they share the height as the splitter likes.
        for index in range(self.splitter.count()):
            pane = self.splitter.widget(index)
            pane.setMinimumHeight(pane.sizeHint().height() if wanted == Qt.Orientation.Vertical else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.ParentChange):
            self.update()
        return False


def prepare_table(
    view: QTableView,
    *,
    widths: dict[int, int] | None = None,
    stretch_column: int | None = None,
    stretch_min: int = 30,
    list_look: bool = True,
    **fit: Any,
) -> TableFit:
    """The one way a table is set up: whole rows chosen one at a time, no row numbers,
    columns a person can widen, and sizes that follow the text (``widths``,
    ``stretch_column``, ``stretch_min`` and ``fit``: see :class:`TableFit`).

    With ``list_look`` (the record lists), also: Tab leaves the table (arrows move
    inside it), no editing in place, alternating rows without grid lines, one line a
    row, and a header that explains each column in its tooltip. Without it (the
    meetings screens' lists, whose forms and pages set their own look), the rest is
    left as the form has it."""
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_column is None)
    if list_look:
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return TableFit(view, widths or {}, stretch_column, stretch_min, **fit)


def select_row(view: QTableView, row: int) -> None:
    """Make ``row`` current and selected, and scroll to it."""
    model = view.model()
    if model is None or not (0 <= row < model.rowCount()):
        return
    index = model.index(row, 0)
    view.setCurrentIndex(index)
    view.selectRow(row)
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)


def compact_combo(combo: QComboBox, chars: int) -> None:
    """A drop-down list as wide as ``chars`` characters, whatever its longest entry, so a
    long meeting title never makes the window wider than the screen; the open list
    still shows entries in full."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)


def set_combo_data(combo: QComboBox, data: object) -> None:
    """Choose the entry whose data is ``data`` (the first entry if none has it)."""
    index = combo.findData(data)
    combo.setCurrentIndex(index if index >= 0 else 0)


def mark_error_label(label: QLabel) -> None:
    label.setProperty("role", "error")
    label.setWordWrap(True)


def describe(widget: QWidget, name: str, description: str) -> None:
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)


class DayField(DateReading):
    """A day typed as people write dates (``31/03/2026``, ``31 March 2026``, ``today``),
    read back in words in ``hint``: :class:`~leap_desktop.views.partials.date_entry.DateReading`
    for a day only."""

    def __init__(self, edit: QLineEdit, hint: QLabel, field: str, *, empty: str = "", today=None, ahead: bool = False):
        super().__init__(edit, hint, field, time=False, empty=empty, today=today, ahead=ahead)
