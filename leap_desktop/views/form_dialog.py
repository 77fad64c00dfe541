"""Dialogs laid out by a form from ``ui/``, that show a refusal beside the field at fault.

A subclass names its form and widgets (like a page), maps record fields to the input
and the error label beside it, and implements :meth:`FormDialog.save`, which raises a
:class:`LeapError` when the change is refused. The dialog then stays open with what
was typed, shows the message next to the field (``RuleError.field``) or at the top,
moves the focus there and tells a screen reader. Nothing is lost by a failed save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from ..domain.errors import LeapError, RuleError
from ..models.context import AppContext
from .forms import load_form


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now (polite: after what it is reading)."""
    if QAccessible.isActive():
        event = QAccessibleAnnouncementEvent(widget, text)
        QAccessible.updateAccessibility(event)


class FormDialog(QDialog):
    FORM: str = ""
    WIDGETS: tuple[str, ...] = ()
    #: record field -> (input widget, error label) in the form
    FIELD_ERRORS: dict[str, tuple[str, str]] = {}
    TITLE = ""
    WIDTH_CHARS = 84  # a comfortable width, in characters of the current text size

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None, *, title: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        self.ui = load_form(self.FORM, self)
        self.setWindowTitle(title or self.TITLE)
        self.setAccessibleName(title or self.TITLE)
        self.buttons: QDialogButtonBox = self.ui.buttons
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("&Save")
            ok.setAccessibleName("Save")
            ok.setAccessibleDescription("Save and close (Enter, or Ctrl+Enter in a text box)")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setAccessibleName("Cancel")
            cancel.setAccessibleDescription("Close without saving (Escape)")
        # Enter makes a new line in a text box; Ctrl+Enter saves from anywhere in the form.
        save = QAction(self)
        save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        save.triggered.connect(lambda _checked=False: self.submit())
        self.addAction(save)
        self._descriptions: dict[str, str] = {}
        self.clear_errors()
        hint = self.sizeHint()
        self.resize(max(hint.width(), self.WIDTH_CHARS * self.fontMetrics().averageCharWidth()), hint.height())

    def widget(self, name: str) -> QWidget:
        found = self.ui.findChild(QWidget, name)
        if found is None:
            raise LookupError(f"{self.FORM} has no widget {name!r}")
        return found

    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # -- errors -------------------------------------------------------------------------

    def clear_errors(self) -> None:
        labels = [self.ui.formError] + [self.widget(label) for _, label in self.FIELD_ERRORS.values()]
        for label in labels:
            label.clear()
            label.hide()
        for name, description in self._descriptions.items():
            self.widget(name).setAccessibleDescription(description)
        self._descriptions.clear()

    def show_error(self, exc: LeapError) -> None:
        message = str(exc)
        target = self.FIELD_ERRORS.get(exc.field) if isinstance(exc, RuleError) and exc.field else None
        if target is None:
            label: QLabel = self.ui.formError
            label.setText(message)
            label.show()
            focus = self.default_focus()
        else:
            field_name, label_name = target
            label = self.widget(label_name)
            label.setText(message)
            label.show()
            focus = self.widget(field_name)
            self._descriptions.setdefault(field_name, focus.accessibleDescription())
            focus.setAccessibleDescription(f"Problem: {message}. {self._descriptions[field_name]}")
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(label, f"Not saved. {message}")

    def default_focus(self) -> QWidget | None:
        return None

    # -- saving -------------------------------------------------------------------------

    def submit(self) -> None:
        """OK: try to save; on a refusal stay open, keep what was typed, say why."""
        self.clear_errors()
        try:
            self.save()
        except LeapError as exc:
            self.show_error(exc)
            return
        self.accept()

    def save(self) -> None:
        """Make the change (through ``views.undo``); raise LeapError if refused."""
        raise NotImplementedError


def text_of(widget: QWidget) -> str:
    """What was typed in a line edit or text box."""
    if hasattr(widget, "toPlainText"):
        return widget.toPlainText()
    return widget.text()
