"""How a screen says what happened: an announcement a screen reader hears (and the
status bar shows), a refusal beside the field at fault, a warning in words, and a known
problem in a small window (:func:`tell`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

from ...models.context import AppContext
from ..shell.theme import set_label_role


def tell_screen_reader(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now (polite: after what it is reading), about
    ``widget``; nothing on screen changes."""
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def announce(label: QLabel | None, text: str, ctx: AppContext | None = None) -> None:
    """Show ``text`` in ``label``, tell a screen reader, and (given ``ctx``) put it in
    the status bar. Empty text hides the label."""
    if label is not None:
        label.setText(text)
        label.setAccessibleName(text)
        label.setVisible(bool(text))
        tell_screen_reader(label, text)
    if ctx is not None and text:
        ctx.message.emit(text)


def show_problem(label: QLabel, message: str, field: QWidget | None = None, *, lead: str = "Not saved") -> None:
    """A refused change: the reason next to the field, in words (never colour alone),
    and focus back on the field with what was typed kept. ``lead`` says what did not
    happen ("Not synced")."""
    text = f"{lead}: {message}" if message else ""
    label.setText(text)
    label.setAccessibleName(text)
    set_label_role(label, "error" if text else None)
    label.setVisible(bool(text))
    if field is not None:
        field.setAccessibleDescription(text or field.property("plainDescription") or "")
        if text:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
    tell_screen_reader(label, text)


def clear_problem(label: QLabel, *fields: QWidget) -> None:
    show_problem(label, "")
    for field in fields:
        field.setAccessibleDescription(field.property("plainDescription") or field.accessibleDescription())


def remember_descriptions(widgets: Iterable[QWidget]) -> None:
    """Keep each field's own accessible description, to restore after a problem."""
    for widget in widgets:
        if widget.property("plainDescription") is None:
            widget.setProperty("plainDescription", widget.accessibleDescription())


def set_warning(label: QLabel, text: str, warn: bool) -> None:
    """A line that may be a warning: the words carry it ("Over time: ..."), a sign and
    bold, in the theme's problem colour, repeat it for those who can see them. The look
    comes from the palette (never a style sheet), so it follows Text size and the
    high-contrast theme."""
    shown = f"⚠ {text}" if warn else text
    label.setText(shown)
    label.setAccessibleName(text)
    set_label_role(label, "error" if warn else None)


def tell(parent: QWidget | None, title: str, text: str, *, warning: bool = True) -> QMessageBox:
    """Show a plain message without stopping the app (the window stays usable behind it):
    a known problem (a ``LeapError``'s message), or a note. What was typed stays where it was."""
    from PySide6.QtWidgets import QMessageBox  # made ready when first shown, not at every start

    box = QMessageBox(parent)
    box.setObjectName("problemMessage" if warning else "noteMessage")
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        # No window owns it: keep it alive until it is closed.
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        _unowned.add(box)
        box.finished.connect(lambda _result: _unowned.discard(box))
    box.open()
    return box


_unowned: set[QMessageBox] = set()
