"""Small pieces the meetings screens share: page actions with their shortcuts, keys
(Enter to save, Enter on a row, Tab out of a date, Ctrl+Z through a field), text that
follows the text size, and carrying an item on as one undoable change. What a screen
says (announcements, refusals, warnings) is in ``partials/feedback.py``; undoable
changes are made through ``undo.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ...domain.model import AgendaItem, Meeting
from ...models.roles import RecordIdRole
from ...models.context import AppContext
from .undo import run_undoable


def scale_font(widget: QWidget, factor: float, *, bold: bool = False, base: QFont | None = None) -> None:
    """Make ``widget``'s text ``factor`` times ``base`` (the page's font), so it
    follows the system text size instead of a fixed point size. Call again when the
    page's font changes. The widget is marked ``ownFont``, so a warning look given to it
    (:func:`set_warning`) changes only its colour."""
    widget.setProperty("ownFont", True)
    font = QFont(base if base is not None else widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold)
    widget.setFont(font)


# -- actions --------------------------------------------------------------------------


def make_action(
    owner: QWidget,
    text: str,
    slot: Callable[[], Any],
    shortcuts: Iterable[str | QKeySequence.StandardKey] = (),
    *,
    tip: str | None = None,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    on: Iterable[QWidget] = (),
) -> QAction:
    """A page action (for buttons, menus and shortcuts), added to ``owner`` and to
    each widget in ``on``; its tooltip names its shortcut.

    Its keys work anywhere in the window while ``owner`` is shown (a page hidden behind
    another page answers no keys), or with ``context=WidgetShortcut`` only while one of
    the ``on`` widgets has the keyboard. The page lists it in its menu with
    ``Page.list_in_menu``."""
    action = QAction(text, owner)
    keys = [QKeySequence(s) for s in shortcuts]
    if keys:
        action.setShortcuts(keys)
    action.setShortcutContext(context)
    described = tip or text.replace("&", "")
    if keys:
        described += f" ({' or '.join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)})"
    action.setToolTip(described)
    action.setStatusTip(described)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    for widget in on:
        widget.addAction(action)
    return action


def shortcut_text(action: QAction, limit: int | None = None) -> str:
    """The action's keys in words ("Ctrl+Up or Alt+Shift+Up"), the first ``limit`` only if given."""
    keys = action.shortcuts()[:limit] if limit else action.shortcuts()
    return " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


# -- keys -----------------------------------------------------------------------------


class EnterFilter(QObject):
    """Calls ``on_enter`` when Enter or Return is pressed in a watched widget.

    For a multi-line text box, Shift+Enter still starts a new line; with
    ``ctrl_only``, only Ctrl+Enter submits (so Enter makes a new line, as in notes).
    """

    def __init__(self, on_enter: Callable[[], Any], parent: QObject | None = None, *, ctrl_only: bool = False):
        super().__init__(parent)
        self.on_enter = on_enter
        self.ctrl_only = ctrl_only

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            mods = event.modifiers()  # type: ignore[attr-defined]
            if mods & Qt.KeyboardModifier.ShiftModifier and isinstance(watched, QPlainTextEdit):
                return False  # a new line
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if self.ctrl_only and not ctrl:
                return False
            self.on_enter()
            return True
        return False


class EnterOnRow(QObject):
    """Enter on a row of a watched list or table calls ``on_row`` with that row's record id
    (opening a meeting, going to an agenda item): the keyboard twin of a double click."""

    def __init__(self, on_row: Callable[[str], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.on_row = on_row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            index = watched.currentIndex()  # type: ignore[attr-defined]
            if index.isValid():
                self.on_row(index.data(RecordIdRole))
                return True
        return False


def carry_undoable(ctx: AppContext, item: AgendaItem, title: str) -> tuple[AgendaItem, Meeting]:
    """Carry ``item`` (shown as ``title``) to the next meeting as one undoable edit.

    Returns the new item and the meeting it went to; a refusal raises LeapError."""
    service = ctx.service
    copy = run_undoable(
        ctx,
        f"Carry '{title}' to the next meeting",
        do=lambda: service.carry_item(item.id),
        undo=lambda _: service.uncarry_item(item.id),
    )
    return copy, service.get(Meeting, copy.meeting_id)


class UndoPassThrough(QObject):
    """Lets Ctrl+Z reach the panel's undo stack from a text field that has nothing of
    its own to undo (a field just cleared after a save), instead of being swallowed.

    With a window-wide Undo shortcut, the shortcut now fires; without one, the key
    press arrives here and the stack is undone directly.
    """

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx

    @staticmethod
    def _local_undo(widget: QObject, redo: bool) -> bool:
        if isinstance(widget, QLineEdit):
            return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
        if isinstance(widget, QPlainTextEdit):
            doc = widget.document()
            return doc.isRedoAvailable() if redo else doc.isUndoAvailable()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)  # type: ignore[attr-defined]
        redo = event.matches(QKeySequence.StandardKey.Redo)  # type: ignore[attr-defined]
        if not (undo or redo) or self._local_undo(watched, redo):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.ignore()  # let a window-wide Undo shortcut have it
            return True
        if undo:
            self.ctx.undo_stack.undo()
        else:
            self.ctx.undo_stack.redo()
        return True


class TabLeaves(QObject):
    """Tab and Shift+Tab leave a date or time field (instead of stepping through its
    day, month and year): the arrow keys move between those, as its description says."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # type: ignore[attr-defined]
            backwards = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
            target = watched.previousInFocusChain() if backwards else watched.nextInFocusChain()  # type: ignore[attr-defined]
            while target is not None and target is not watched and (
                watched.isAncestorOf(target)  # type: ignore[attr-defined]
                or not (target.isVisible() and target.isEnabled() and target.focusPolicy() & Qt.FocusPolicy.TabFocus)
            ):
                target = target.previousInFocusChain() if backwards else target.nextInFocusChain()
            if target is not None and target is not watched:
                target.setFocus(Qt.FocusReason.BacktabFocusReason if backwards else Qt.FocusReason.TabFocusReason)
            return True
        return False


class UndoKeys:
    """For pages: Ctrl+Z / Ctrl+Shift+Z that reach the page (from a list or a button)
    undo and redo the panel's changes, even where no window-wide Undo exists."""

    ctx: AppContext

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.matches(QKeySequence.StandardKey.Undo):
            self.ctx.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.ctx.undo_stack.redo()
            return
        super().keyPressEvent(event)  # type: ignore[misc]


def pass_undo_through(ctx: AppContext, owner: QObject, fields: Iterable[QWidget]) -> UndoPassThrough:
    """Let Ctrl+Z in these fields undo the panel's last change when they have nothing
    of their own to undo."""
    keeper = UndoPassThrough(ctx, owner)
    for field in fields:
        field.installEventFilter(keeper)
        line = field.lineEdit() if hasattr(field, "lineEdit") and callable(field.lineEdit) else None  # type: ignore[attr-defined]
        if line is not None:
            line.installEventFilter(keeper)
    return keeper
