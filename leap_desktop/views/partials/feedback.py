"""How a screen says what happened: an announcement a screen reader hears (and the
status bar shows), a refusal beside the field at fault, and a warning in words."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QWidget

from ...models.context import AppContext
from ..theme import set_label_role


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
