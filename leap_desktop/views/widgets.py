"""Small helpers that give every list and field the same calm, accessible behaviour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView, QWidget


class _RowHeightFollowsFont(QObject):
    """Keeps a table's row height right for its font, so larger text is never clipped."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        view.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        height = self.view.fontMetrics().height()
        self.view.verticalHeader().setDefaultSectionSize(height + max(10, height // 2))
        self.view.verticalHeader().setMinimumSectionSize(height + 4)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self.fit()
        return False


def prepare_table(view: QTableView, *, stretch_column: int | None = None) -> None:
    """Whole-row selection, Tab leaves the table (arrows move inside it), rows sized to
    the text, no grid lines, and a header that explains each column in its tooltip."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(stretch_column is None)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    _RowHeightFollowsFont(view)


def fit_columns(view: QTableView, widths: dict[int, int]) -> None:
    """Column widths in characters (never narrower than the column's title), so they
    grow with the text size."""
    chars = view.fontMetrics().averageCharWidth()
    header = view.horizontalHeader()
    model = view.model()
    for column, count in widths.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        title_width = header.fontMetrics().horizontalAdvance(title) + 28  # room for a sort arrow
        view.setColumnWidth(column, max(count * chars + 16, title_width))


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
