"""Rows of controls that go onto more lines when the page is narrow (large text on a
laptop screen), rather than making the page wider than the window, so nothing in the
row, or beside it, is cut off or off screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QBoxLayout, QComboBox, QHBoxLayout, QLabel, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)


class FlowRow(QObject):
    """The units of a row (a label with its field, a button) left to right, going on to
    the next line when the next does not fit the page's width. The lines are boxes
    made once; a change of width moves the units between them (no layout of our own,
    so Qt alone owns every layout and item). A unit in ``grow`` (a search box) takes
    the room its line has to spare, as it did in the form's row. A label and its field
    too wide for a line together go one above the other."""

    def __init__(self, page: QWidget, holder: QWidget, units: list[QWidget], margins: int, spacing: int,
                 grow: frozenset[QWidget] = frozenset()):
        super().__init__(holder)
        self.page, self.units, self.margins, self.spacing, self.grow = page, units, margins, spacing, grow
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(spacing)
        self.lines: list[QHBoxLayout] = []
        for _ in units:
            line = QHBoxLayout()
            line.setSpacing(spacing)
            box.addLayout(line)
            line.addStretch(1)
            self.lines.append(line)
        self.where: list[int] = [-1] * len(units)
        self._watched: QWidget | None = None
        self._watched_part: QWidget | None = None
        page.installEventFilter(self)
        self.update()

    def available(self) -> int:
        """The width the row can have: its page's scroll area's, when it is in one, less
        what the page puts around the part the row is in (a tab, a group box)."""
        holder = self.page.parentWidget()
        if holder is not None and holder is not self._watched:
            holder.installEventFilter(self)
            self._watched = holder
        width = holder.width() if holder is not None else self.page.width()
        part = self._part()
        if part is not self.page and part.width() > 0:
            width -= self.page.width() - part.width()
        return max(1, width - self.margins)

    def _part(self) -> QWidget:
        """The widget whose layout holds the row: the page, or a part of it."""
        part = self.lines[0].parentWidget().parentWidget()
        if part is None or not self.page.isAncestorOf(part):
            return self.page
        if part is not self._watched_part:
            part.installEventFilter(self)
            self._watched_part = part
        return part

    def update(self) -> None:
        room = self.available()
        stacked = self._stack_pairs(room)
        wanted = self._lines(room)
        if self.where[0] >= 0 and max(wanted) < max(self.where) and not stacked:
            # Back on to fewer lines only with some room to spare: a window made a little
            # wider does not make the rows (and all below them) jump.
            wanted = self._lines(room - max(48, room // 10))
            if max(wanted) >= max(self.where):
                return
        if wanted == self.where and not stacked:
            return
        self._move(wanted)

    def _stack_pairs(self, room: int) -> bool:
        """A label above its field when the two are too wide for a line side by side;
        True if one changed."""
        changed = False
        for unit in self.units:
            box = unit.layout()
            if box is None or unit.property("flowPair") is not True:
                continue
            label, field = box.itemAt(0).widget(), box.itemAt(1).widget()
            least = field.minimumSizeHint().expandedTo(field.minimumSize()).width()
            across = label.sizeHint().width() + box.spacing() + max(least, field.sizeHint().width())
            direction = QBoxLayout.Direction.TopToBottom if across > room else QBoxLayout.Direction.LeftToRight
            if box.direction() != direction:
                box.setDirection(direction)
                changed = True
        return changed

    def _lines(self, room: int) -> list[int]:
        used, line = 0, 0
        wanted = []
        for unit in self.units:
            width = unit.sizeHint().width() if not unit.isHidden() else 0
            if used and used + self.spacing + width > room:
                line, used = line + 1, 0
            used += (self.spacing if used else 0) + width
            wanted.append(line)
        return wanted

    def _move(self, wanted: list[int]) -> None:
        for unit, now in zip(self.units, self.where):
            if now >= 0:
                self.lines[now].removeWidget(unit)
        for unit, line in zip(self.units, wanted):
            target = self.lines[line]
            target.insertWidget(target.count() - 1, unit, 1 if unit in self.grow else 0)
        for number, line in enumerate(self.lines):  # the end of a line takes what no unit on it does
            growing = any(where == number and unit in self.grow for unit, where in zip(self.units, wanted))
            line.setStretch(line.count() - 1, 0 if growing else 1)
        self.where = wanted
        # Settle the page now (not at the next turn of the event loop), so what is
        # measured below the rows, such as a divider the person moves, is final.
        settle(self.page, self.lines[0].parentWidget())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.ParentChange):
            if not self.page.isVisible():
                return False  # (hidden, or being taken down): done when it is shown
            if not (event.type() == QEvent.Type.Resize and watched is self.page and self._part() is not self.page):
                # (a page's new width, its part's old one: the part's own resize follows)
                self.update()
        return False


def settle(page: QWidget, changed: QWidget | None = None) -> None:
    """Lay ``page`` out again now, from ``changed`` (a widget in it whose size changed)
    up, then the scroll area it is in, which gives it its new height: what is measured
    next is final, not what it was before the next turn of the event loop."""
    chain = [changed or page]
    while chain[-1] is not page and chain[-1].parentWidget() is not None:
        chain.append(chain[-1].parentWidget())
    for widget in chain:  # each layout it is in forgets the sizes it kept (a splitter, a tab do not say so at once)
        widget.updateGeometry()
    for widget in chain:
        if widget.layout() is not None:
            widget.layout().activate()
    viewport = page.parentWidget()
    scroller = viewport.parentWidget() if viewport is not None else None
    if isinstance(scroller, QScrollArea) and scroller.widget() is page:
        QApplication.sendEvent(scroller, QEvent(QEvent.Type.LayoutRequest))


def flow_rows(page: QWidget, parent_layout: QBoxLayout, *rows: QHBoxLayout, keep_wide: dict | None = None) -> None:
    """Turn each row (an ``QHBoxLayout`` in ``parent_layout``) into a flowing one, a
    label kept beside the field it names. ``keep_wide`` maps a widget to the least
    number of characters it keeps (a search box must show what was typed), or to a
    text it shows whole (its hint). A field
    that took the row's spare room in the form (stretched, or one that expands, as a
    text field does) takes the room its line has to spare. The order Tab goes in is
    kept as it was."""
    order = _tab_order(page)
    for row in rows:
        index = parent_layout.indexOf(row)
        holder = QWidget(page)
        holder.setObjectName(f"{row.objectName()}Flow")
        spacing = max(6, row.spacing())
        items = []
        stretched: set[QWidget] = set()
        while row.count():
            widget = row.itemAt(0).widget()
            if widget is not None and (row.stretch(0) > 0 or widget.sizePolicy().horizontalPolicy().value
                                       & QSizePolicy.PolicyFlag.ExpandFlag.value):
                stretched.add(widget)
            item = row.takeAt(0)
            if item.widget() is not None:
                items.append(item.widget())
        units: list[QWidget] = []
        pending: QLabel | None = None
        for widget in items:
            if isinstance(widget, QLabel) and widget.buddy() is not None:
                pending = widget
                continue
            if pending is not None and pending.buddy() is widget:
                pair = QWidget(holder)
                pair.setObjectName(f"{widget.objectName()}Pair")
                pair.setProperty("flowPair", True)
                box = QHBoxLayout(pair)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(pending)
                box.addWidget(widget, 1)
                units.append(pair)
                if widget in stretched:
                    stretched.add(pair)
                pending = None
                continue
            if pending is not None:
                units.append(pending)
                pending = None
            units.append(widget)
        if pending is not None:
            units.append(pending)
        FlowRow(page, holder, units, _side_margins(parent_layout), spacing,
                frozenset(unit for unit in units if unit in stretched))
        # The emptied row stays where it was (taking no room): taking a layout out of
        # the one Qt made from the form would leave two owners of it.
        parent_layout.insertWidget(index, holder)
    for widget, chars in (keep_wide or {}).items():
        KeepWide(widget, chars)
    for first, second in zip(order, order[1:]):
        QWidget.setTabOrder(first, second)


class KeepWide(QObject):
    """A field at least ``chars`` characters of the current text size wide; with
    ``chars`` a text (a field's hint), wide enough to show that text whole."""

    def __init__(self, widget: QWidget, chars: int | str):
        super().__init__(widget)
        self.widget, self.chars = widget, chars
        widget.installEventFilter(self)
        self.update()

    def update(self) -> None:
        metrics = self.widget.fontMetrics()
        if isinstance(self.chars, str):  # the text, the frame's margins, a clear button
            self.widget.setMinimumWidth(metrics.horizontalAdvance(self.chars) + 2 * metrics.height())
        else:
            self.widget.setMinimumWidth(self.chars * metrics.averageCharWidth())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self.update()
        return False


def _side_margins(layout: QBoxLayout) -> int:
    """The left and right margins around ``layout``'s rows: its own, and those of the
    layouts it is inside, up to its widget's."""
    def path(outer, target) -> list | None:
        if outer is target:
            return [outer]
        for index in range(outer.count()):
            inner = outer.itemAt(index).layout()
            found = path(inner, target) if inner is not None else None
            if found is not None:
                return [outer, *found]
        return None

    top = layout.parentWidget().layout() if layout.parentWidget() is not None else None
    chain = (path(top, layout) if top is not None else None) or [layout]
    return sum(m.left() + m.right() for m in (each.contentsMargins() for each in chain))


class BoxFlip(QObject):
    """The two parts of ``layout`` side by side while the page has room for
    ``min_chars`` characters of the current text size across, one above the other
    when it has not (large text, a small window), so neither is squeezed or pushed off
    the side of the window; the page then scrolls down. The same as
    :class:`.widgets.SplitterFlip`, for parts in a layout rather than a splitter."""

    def __init__(self, layout: QBoxLayout, page: QWidget, min_chars: int, on_update=None):
        super().__init__(page)
        self.layout, self.page, self.min_chars = layout, page, min_chars
        self.on_update = on_update  # told, after each change of size, whether the parts are one above the other
        self._watched: QWidget | None = None
        page.installEventFilter(self)
        self.update()

    def update(self) -> None:
        holder = self.page.parentWidget()
        if holder is not None and holder is not self._watched:
            holder.installEventFilter(self)
            self._watched = holder
        width = holder.width() if holder is not None else self.page.width()
        chars = width / max(1, self.page.fontMetrics().averageCharWidth())
        wanted = QBoxLayout.Direction.LeftToRight if chars >= self.min_chars else QBoxLayout.Direction.TopToBottom
        if self.on_update is not None:
            self.on_update(wanted == QBoxLayout.Direction.TopToBottom)
        if self.layout.direction() != wanted:
            self.layout.setDirection(wanted)
            settle(self.page, self.layout.parentWidget())

    def side_by_side(self) -> bool:
        return self.layout.direction() == QBoxLayout.Direction.LeftToRight

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() in (QEvent.Type.FontChange, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.ParentChange)
                and self.page.isVisible()):  # (hidden, or being taken down: done when it is shown)
            self.update()
        return False


def _tab_order(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and len(found) < 500:
        inner = isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox))
        if (root.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not inner
                and widget.focusProxy() is None and widget not in found):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found

