"""Labels for Designer forms (registered with the form loader, so a form names them)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget


class OneLineLabel(QLabel):
    """A line of words that keeps to one line while it has the room, and goes on to
    more lines when it has not (a clock at 200 % text in a narrow window), rather than
    making the page wider than the window.

    Qt's own word-wrapping label asks for about 20 characters a line whatever the room,
    so "Meeting: 12 of 90 minutes" went on to two lines beside empty space; this one
    asks for its whole line, and the layout narrows it only when it must (its least
    width is still its longest word). With :meth:`set_preferred_width` it asks for no
    more than that width, and wraps beyond it, so its neighbours are narrowed last."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self._preferred: int | None = None

    def set_preferred_width(self, width: int | None) -> None:
        """Ask for at most ``width`` pixels (None: the whole line)."""
        if width != self._preferred:
            self._preferred = width
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        if not self.wordWrap() or not self.text():
            return hint
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        line = self.fontMetrics().size(0, self.text()).width() + extra + 1
        if self._preferred is None:
            width = max(hint.width(), line)
        else:
            width = min(line, max(self._preferred, self.minimumSizeHint().width()))
        width = min(width, self.maximumWidth())
        return QSize(width, max(self.minimumHeight(), self.heightForWidth(width)))
