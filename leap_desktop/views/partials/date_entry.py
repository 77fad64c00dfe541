"""The one way a date, or a date and time, is typed anywhere in the app.

A plain text field: people type a date as they would write it ("15/12/2026 18:00",
"15 December 2026 6pm", "2026-12-15", "15/12", "today", "tomorrow 18:00", "next
Tuesday 6.30pm"; the day always first, as in the UK), and the quiet line under it says
how it was read, in words ("Tuesday 15 December 2026 at 18:00"), or what could not be
read. The reading is :func:`leap_desktop.words.read_when`, the same for the window, the
command and imports.

Two shapes, one behaviour:

* :class:`DateReading` drives a line edit and a hint label that a Designer form
  already has (the member form, the action dialog, the meeting details);
* :class:`DateEntry` is the field and its hint as one widget, for dialogs built in code
  (and for a form to promote a placeholder to).

``time=True`` asks for a date and a time of day (a meeting's start); with no time typed
the time it had is kept ("15/12" moves a 14:00 meeting to 15 December at 14:00).
``time=False`` is a day only (a due date, the day papers were sent). With ``ahead`` a
day and month typed with no year is the next one (a meeting, a due date), otherwise the
nearest to today (the day someone joined).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain.errors import RuleError
from ...words import DATE_EXAMPLE, WHEN_EXAMPLE, NotADate, read_when, typed_day, typed_when, when_words
from ..shell.theme import set_label_role

Today = Callable[[], "str | dt.date"]


class DateReading(QObject):
    """A date (or a date and time) typed into ``edit``, read back in ``hint``.

    :meth:`value` gives it as the services take it: ``YYYY-MM-DD`` (``time=False``) or
    ``YYYY-MM-DDTHH:MM``; None when the field is empty; a :class:`RuleError` on
    ``field`` saying why when it cannot be read."""

    EXAMPLE = "31/03/2026"

    def __init__(self, edit: QLineEdit, hint: QLabel, field: str, *, time: bool = False, empty: str = "",
                 today: Today | None = None, ahead: bool = False):
        super().__init__(edit)
        self.ahead = ahead  # a day and month with no year: the next one (else the nearest)
        self.edit, self.hint, self.field, self.time, self.empty = edit, hint, field, time, empty
        self._today = today or dt.date.today
        self.kept_time: dt.time | None = None  # the time a date typed alone keeps
        if not edit.accessibleDescription():
            edit.setAccessibleDescription(
                f"Type it as you would write it, like {WHEN_EXAMPLE if time else DATE_EXAMPLE}; "
                "the line below says how it was read")
        if not edit.placeholderText():
            edit.setPlaceholderText("like 15/12/2026 18:00, or tomorrow 6pm" if time else "like 15/12/2026, or today")
        hint.setWordWrap(True)
        if not hint.property("role"):
            set_label_role(hint, "hint")
        edit.textChanged.connect(self._show)
        self._show()

    # -- reading ----------------------------------------------------------------------

    def today(self) -> dt.date:
        value = self._today()
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])

    def _read(self) -> tuple[dt.date, dt.time | None] | None:
        """The date and time typed (the kept time filling in a missing one); None when
        empty; :class:`NotADate` when it cannot be read."""
        text = self.edit.text().strip()
        if not text:
            return None
        day, moment = read_when(text, self.today(), time=self.time, ahead=self.ahead)
        if self.time and moment is None:
            moment = self.kept_time
            if moment is None:
                raise NotADate(f"Add the time of day, like {typed_day(day)} 18:00")
        return day, moment

    def reading(self) -> str:
        """How the text in the field is read, in words (or why it cannot be)."""
        try:
            found = self._read()
        except NotADate as exc:
            return str(exc)
        if found is None:
            return self.empty
        return when_words(*found)

    def _show(self) -> None:
        text = self.reading()
        self.hint.setText(text)
        self.hint.setAccessibleName(text)
        self.hint.setVisible(bool(text))

    # -- values -----------------------------------------------------------------------

    def value(self) -> str | None:
        try:
            found = self._read()
        except NotADate as exc:
            raise RuleError(f"{exc}", self.field) from None
        if found is None:
            return None
        day, moment = found
        if not self.time:
            return day.isoformat()
        return f"{day.isoformat()}T{moment.hour:02d}:{moment.minute:02d}"  # type: ignore[union-attr]

    def value_or_text(self) -> str:
        """The value when it can be read, else the text as typed (for a service that
        says itself what is wrong)."""
        try:
            return self.value() or ""
        except RuleError:
            return self.edit.text()

    def set_value(self, value: str | None) -> None:
        """Show a stored date (``YYYY-MM-DD``) or moment (``YYYY-MM-DDTHH:MM``) as a
        person would type it: ``15/12/2026`` or ``15/12/2026 18:00``."""
        if not value:
            self.edit.setText("")
            return
        if self.time and len(value) >= 16:
            self.kept_time = dt.time(int(value[11:13]), int(value[14:16]))
            self.edit.setText(typed_when(value))
        else:
            self.edit.setText(typed_day(value))


class DateEntry(QWidget):
    """A date (or date and time) field with its reading underneath, as one widget.

    Give the label's buddy as this widget: focus goes to the text field. ``name`` and
    ``description`` are what a screen reader says for the field."""

    #: Enter was pressed or the field was left (as ``QLineEdit.editingFinished``).
    editingFinished = Signal()

    def __init__(self, name: str, description: str = "", *, field: str = "", time: bool = False, empty: str = "",
                 today: Today | None = None, ahead: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(name)
        if description:
            self.edit.setAccessibleDescription(description)
        self.hint = QLabel(self)
        self.hint.setAccessibleDescription(f"How the {name.lower()} was read")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(self.edit.focusPolicy())  # so a label's Alt key (its buddy) reaches the field
        self.reading = DateReading(self.edit, self.hint, field or name, time=time, empty=empty, today=today,
                                   ahead=ahead)
        self.edit.editingFinished.connect(self.editingFinished)

    def value(self) -> str | None:
        return self.reading.value()

    def set_value(self, value: str | None) -> None:
        self.reading.set_value(value)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - as QLineEdit, so forms treat both alike
        self.edit.setText(text)
