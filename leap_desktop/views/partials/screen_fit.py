"""Dialogs that fit the screen: with large text on a small screen a dialog's contents
scroll (its row of buttons stays in view below them), the dialog is never larger than
the screen's free area, and wherever the keyboard goes (Tab, an Alt key) is scrolled
into view. :class:`FormDialog` does this for every form; :class:`ScreenFit` gives it
to a dialog laid out in code."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

#: Room kept for the window's frame and title bar, in pixels.
FRAME = QSize(16, 48)


def scroll_contents(window: QWidget, inner: QWidget | None = None) -> QScrollArea:
    """Put ``inner`` (by default everything ``window``'s layout holds) in a scroll
    area filling ``window``; a button box at the end of its layout goes below it."""
    layout = window.layout()
    if inner is None:
        inner = QWidget()
        inner.setObjectName("contents")
        inner.setLayout(layout)  # moves the layout, and the widgets it holds, into inner
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
    else:
        layout.removeWidget(inner)
    scroll = QScrollArea(window)
    scroll.setObjectName("formScroll")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(inner)
    layout.addWidget(scroll, 1)
    inner_layout = inner.layout()
    box = _last_button_box(inner_layout)
    if box is not None:
        inner_layout.removeWidget(box)
        margins = inner_layout.contentsMargins()
        holder = QWidget(window)
        holder.setObjectName("buttonsRow")
        row = QVBoxLayout(holder)
        row.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        box.setParent(holder)
        row.addWidget(box)
        layout.addWidget(holder)
        inner_layout.setContentsMargins(margins.left(), margins.top(), margins.right(), 0)
    # The old layout made its least size the window's: now the contents scroll instead.
    minimum = getattr(window, "MIN_WIDTH", 0) or 0
    window.setMinimumSize(min(minimum, fitted(window, QSize(minimum, 0)).width()), 0)
    window._fit_scroll = scroll  # noqa: SLF001 (for whole_size and keep_in_view)
    QApplication.instance().focusChanged.connect(lambda _old, new, w=window: keep_in_view(w, new))
    return scroll


def _last_button_box(layout: QLayout | None) -> QDialogButtonBox | None:
    if layout is None or layout.count() == 0:
        return None
    widget = layout.itemAt(layout.count() - 1).widget()
    return widget if isinstance(widget, QDialogButtonBox) else None


def keep_in_view(window: QWidget, new: QWidget | None) -> None:
    if new is None or not shiboken6.isValid(window) or not shiboken6.isValid(new):
        return
    scroll = getattr(window, "_fit_scroll", None)
    if scroll is not None and scroll.widget() is not None and scroll.widget().isAncestorOf(new):
        bring_into_view(scroll, new)


def bring_into_view(scroll: QScrollArea, widget: QWidget, margin: int = 16) -> None:
    """Scroll so all of ``widget`` can be seen when it fits (a box of notes, not only
    its first line, which is all Qt's ``ensureWidgetVisible`` shows of a text box);
    a widget taller or wider than the scroll area shows where its text cursor is."""
    inside = scroll.widget()
    room = scroll.viewport().size()
    if (inside is not None and inside.isAncestorOf(widget) and widget.width() + 2 * margin <= room.width()
            and widget.height() + 2 * margin <= room.height()):
        centre = widget.mapTo(inside, widget.rect().center())
        scroll.ensureVisible(centre.x(), centre.y(), widget.width() // 2 + margin, widget.height() // 2 + margin)
    else:
        scroll.ensureWidgetVisible(widget, margin, margin)


def whole_size(window: QWidget, hint: QSize) -> QSize:
    """The size that shows all of the scrolled contents (``hint``: the window's own,
    which counts the scroll area at its small default)."""
    scroll = getattr(window, "_fit_scroll", None)
    if scroll is None or scroll.widget() is None:
        return hint
    inner = scroll.widget().sizeHint()
    outside = hint - scroll.sizeHint()
    return QSize(max(hint.width(), inner.width() + max(0, outside.width())), inner.height() + max(0, outside.height()))


def fitted(window: QWidget, size: QSize) -> QSize:
    """``size``, no larger than the free area of the screen ``window`` opens on."""
    screen = (window.parentWidget() or window).screen()
    if screen is None:
        return size
    area = screen.availableGeometry()
    return QSize(min(size.width(), area.width() - FRAME.width()), min(size.height(), area.height() - FRAME.height()))


def keep_on_screen(window: QWidget) -> None:
    """Shrink ``window`` to the screen if it is larger, and move it onto the screen."""
    size = fitted(window, window.size())
    if size != window.size():
        window.resize(size)
    screen = window.screen()
    if screen is None:
        return
    area, frame = screen.availableGeometry(), window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class ScreenFit:
    """For a dialog laid out in code: the first time it is shown its contents go in a
    scroll area (if it is too large for the screen), and it is kept within the screen."""

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if getattr(self, "_fit_scroll", None) is None and self.layout() is not None:  # type: ignore[attr-defined]
            wanted = self.size()  # type: ignore[attr-defined]
            if fitted(self, wanted) != wanted:  # type: ignore[arg-type]
                scroll_contents(self)  # type: ignore[arg-type]
                self.resize(wanted)  # type: ignore[attr-defined]
        keep_on_screen(self)  # type: ignore[arg-type]
        super().showEvent(event)  # type: ignore[misc]
        keep_on_screen(self)  # type: ignore[arg-type]
