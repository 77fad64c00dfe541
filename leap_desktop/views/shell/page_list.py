"""The list of pages down the side of the main window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..pages import NAVIGATION, entry


def nav_shortcut(page_id: str) -> QKeySequence:
    """Ctrl+1, Ctrl+2, ... in the order of the page list."""
    return QKeySequence(f"Ctrl+{NAVIGATION.index(page_id) + 1}")


class _RoomyItems(QStyledItemDelegate):
    """Page names set in from the edge, with the selection still full width (drawn, not
    styled: a style sheet would stop the list following View > Text size)."""

    INDENT = 14

    def paint(self, painter, option, index) -> None:  # noqa: D401 (Qt's signature)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(opt.font)
        style.drawItemText(
            painter, opt.rect.adjusted(self.INDENT, 0, -4, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), opt.palette, True, text,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        painter.restore()


class PageList(QListWidget):
    """One row per page of ``NAVIGATION``; ``chosen(page_id)`` when a row is chosen by
    the keyboard or the pointer (not when :meth:`select` shows the page on screen)."""

    chosen = Signal(str)
    #: Enter or Escape in the list: back to the page on screen.
    leave = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAccessibleName("Pages")
        self.setAccessibleDescription("The pages of this panel. Use the arrow keys to move between them.")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop: Tab goes round the page on screen and never falls into this
        # list (which would change page); F6 or View > Page list comes here instead.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setItemDelegate(_RoomyItems(self))
        for page_id in NAVIGATION:
            found = entry(page_id)
            if found is None:
                continue
            item = QListWidgetItem(found.title)
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            item.setToolTip(f"Go to {found.title} ({nav_shortcut(page_id).toString(QKeySequence.SequenceFormat.NativeText)})")
            self.addItem(item)
        self.currentItemChanged.connect(self._changed)
        self.fit()

    def fit(self) -> None:
        """Roomy entries, sized from the current text size."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.item(i).text()) for i in range(self.count())), default=100)
        width = widest + 3 * metrics.averageCharWidth() + 40 + _RoomyItems.INDENT
        for row in range(self.count()):
            self.item(row).setSizeHint(QSize(width - 8, metrics.height() + 18))
        self.setFixedWidth(width)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit()  # its own new font (when the text size changes, the window's refit can come first)

    def select(self, page_id: str) -> None:
        """Mark the page on screen (no row for a page not in the list)."""
        self.blockSignals(True)
        self.setCurrentRow(-1)
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == page_id:
                self.setCurrentRow(row)
        self.blockSignals(False)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            self.leave.emit()
            return
        super().keyPressEvent(event)

    def _changed(self, item: QListWidgetItem | None, _previous=None) -> None:
        # A row made current only because the list got the keyboard is not chosen
        # (Qt does that, without selecting it, on the first focus): only a row picked
        # with the arrow keys or the pointer, which selects it, changes the page.
        if item is not None and item.isSelected():
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
