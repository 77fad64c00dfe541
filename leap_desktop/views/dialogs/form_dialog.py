"""Dialogs laid out by a form from ``ui/``: the one dialog base of the app.

A subclass names its form and widgets (like a page). A dialog that saves a record
(``SAVES``, the default) maps record fields to the input and the error label beside
it, and implements :meth:`FormDialog.save`, which raises a :class:`LeapError` when
the change is refused. The form sits in a scroll area and the dialog is never larger
than the screen's free area: with large text on a small screen the form scrolls, to
wherever the keyboard goes (Tab or an Alt key), while its buttons stay in view below
it. The dialog then stays open with what was typed, shows the
message next to the field (``RuleError.field``) or at the top, moves the focus there
and tells a screen reader. Nothing is lost by a failed save. A dialog that does not
save a record (unlocking a file, the recovery key, choosing a backup) sets
``SAVES = False`` and wires its own buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...domain.errors import LeapError, RuleError
from ...models.context import AppContext
from ..partials.forms import load_form
from ..partials.feedback import tell_screen_reader
from ..partials.screen_fit import fitted, keep_on_screen, scroll_contents, whole_size


class FormDialog(QDialog):
    FORM: str = ""
    WIDGETS: tuple[str, ...] = ()
    #: record field -> (input widget, error label) in the form
    FIELD_ERRORS: dict[str, tuple[str, str]] = {}
    TITLE = ""
    #: OK saves through :meth:`save` (the form has ``buttons`` and ``formError``);
    #: False: the dialog wires its own buttons.
    SAVES = True
    #: Room around a form that has no margins of its own, in pixels.
    MARGINS = 0
    #: Opened this wide, in characters of the current text size (None: as the form asks).
    WIDTH_CHARS: int | None = 84
    #: The least width, in pixels.
    MIN_WIDTH = 0

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None, *, title: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(type(self).__name__)
        if self.MARGINS:
            QVBoxLayout(self).setContentsMargins(self.MARGINS, self.MARGINS, self.MARGINS, self.MARGINS)
        self.ui = load_form(self.FORM, self)
        self.scroller = scroll_contents(self, self.ui)
        self.setWindowTitle(title or self.TITLE)
        self.setAccessibleName(title or self.TITLE)
        if self.MIN_WIDTH:
            self.setMinimumWidth(self.MIN_WIDTH)
        self._descriptions: dict[str, str] = {}
        if self.SAVES:
            self._wire_saving()
        width = self.sizeHint().width()
        if self.WIDTH_CHARS:
            width = max(width, self.WIDTH_CHARS * self.fontMetrics().averageCharWidth())
        self.resize(self.fitted(QSize(width, self.sizeHint().height())))

    # -- fitting the screen -----------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As large as the whole form (the scroll area alone would ask for less)."""
        return whole_size(self, super().sizeHint())

    def fitted(self, size: QSize) -> QSize:
        """``size``, no larger than the free area of the screen the dialog opens on."""
        return fitted(self, size)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """However it was sized, the dialog opens within the screen (the form scrolls)."""
        keep_on_screen(self)
        super().showEvent(event)
        keep_on_screen(self)

    def _wire_saving(self) -> None:
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
        self.clear_errors()

    def describe_buttons(self, box: QDialogButtonBox, **described: tuple[str, str]) -> None:
        """Names and descriptions for a button box's buttons, by their standard names
        (``Ok=("Open", "Open the panel file with this key")``)."""
        for standard, (name, description) in described.items():
            button = box.button(getattr(QDialogButtonBox.StandardButton, standard))
            if button is not None:
                button.setAccessibleName(name)
                button.setAccessibleDescription(description)

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
        tell_screen_reader(label, f"Not saved. {message}")

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
