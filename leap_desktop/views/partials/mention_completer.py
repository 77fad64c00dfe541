"""Mentioning a panel member in free text: "@" and a few letters, then pick from a list.

Typing ``@zh`` in a free-text field lists the members those letters fit (display name,
preferred name, initials, as Who spoke does); Up and Down move through the list, Enter
or Tab puts the mention in the text, Escape closes the list and leaves the letters.
The text then holds ``@[P-12]`` (see docs/concepts.md, "Mentions"): every screen and
export shows that person exactly as their consent allows.

On a screen the panel may see (``panel_facing``), the list shows people as their
consent allows, with their reference ("Anonymous member (P-4)"), never a hidden name.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ...domain import rules
from ...domain.mentions import token
from ...domain.model import Person
from ...domain.vocab import Consent
from ...models.member_choices import find_people
from .person_picker import picked_label

#: "@" at the start or after a space or bracket, then the letters typed so far.
TYPING = re.compile(r"(?:^|(?<=[\s(\[\"“]))@([^\s@\[\]]{1,40})$")
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


class MentionCompleter(QObject):
    """Offers a list of members after "@" in ``edit`` (a line or a text box)."""

    def __init__(self, service, edit: QWidget, *, panel_facing: bool = False, parent: QObject | None = None):
        super().__init__(parent if parent is not None else edit)
        self.service, self.edit, self.panel_facing = service, edit, panel_facing
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.popup().setAccessibleName("Members to mention")
        self.completer.popup().installEventFilter(self)  # after the completer's own: runs first
        self._typed: tuple[int, int] | None = None  # where "@letters" is in the text
        if isinstance(edit, QLineEdit):
            edit.textEdited.connect(lambda _t: self.update())
        else:
            edit.textChanged.connect(self.update)
        edit.setAccessibleDescription(((edit.accessibleDescription() or "").rstrip(".") +
                                       ". Type @ and a few letters of a name to mention a member").lstrip(". "))

    # -- what is typed ---------------------------------------------------------------------

    def _before_cursor(self) -> tuple[str, int]:
        edit = self.edit
        if isinstance(edit, QLineEdit):
            return edit.text()[:edit.cursorPosition()], edit.cursorPosition()
        cursor = edit.textCursor()
        return edit.toPlainText()[:cursor.position()], cursor.position()

    def update(self) -> None:
        """After each key: list who the letters after "@" fit, or close the list."""
        before, at = self._before_cursor()
        match = TYPING.search(before)
        people = find_people(self.service.people(), match.group(1)) if match else []
        popup = self.completer.popup()
        if not people:
            self._typed = None
            popup.hide()
            return
        self._typed = (at - len(match.group(0)), at)
        self.model.clear()
        for person in people[:12]:
            item = QStandardItem(self.label(person))
            item.setData(person.number, PERSON_ROLE)
            item.setData(self.label(person), Qt.ItemDataRole.AccessibleTextRole)
            self.model.appendRow(item)
        rect = self.edit.cursorRect() if not isinstance(self.edit, QLineEdit) else self.edit.rect()
        rect.setWidth(max(240, popup.sizeHintForColumn(0) + 24))
        self.completer.complete(rect)
        popup.setCurrentIndex(self.model.index(0, 0))

    def label(self, person: Person) -> str:
        if self.panel_facing:
            shown = picked_label(person)
            return f"{shown} ({rules.roles_label(person.roles)})" if person.consent is Consent.NAMED else shown
        return f"{person.display_name} ({person.ref}, {rules.roles_label(person.roles)}, shown as {rules.attribute(person)})"

    # -- choosing ----------------------------------------------------------------------------

    def choose(self, row: int | None = None) -> bool:
        """Put the mention of the person chosen in the list in place of "@letters"."""
        popup = self.completer.popup()
        index = popup.currentIndex() if row is None else self.model.index(row, 0)
        if self._typed is None or not index.isValid():
            return False
        number = index.data(PERSON_ROLE)
        start, end = self._typed
        popup.hide()
        self._typed = None
        mention = token(number) + " "
        edit = self.edit
        if isinstance(edit, QLineEdit):
            text = edit.text()
            edit.setText(text[:start] + mention + text[end:])
            edit.setCursorPosition(start + len(mention))
        else:
            cursor = edit.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
            cursor.insertText(mention)
            edit.setTextCursor(cursor)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.completer.popup() and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                if self.choose():
                    return True  # the mention is in: the field does not also get the Enter
            if key == Qt.Key.Key_Escape:
                self.completer.popup().hide()
                self._typed = None
                return True
        return super().eventFilter(watched, event)


def attach_mentions(service, *edits: QWidget, panel_facing: bool = False) -> list[MentionCompleter]:
    """Mentions by "@" in each of ``edits`` (QLineEdit, QPlainTextEdit or QTextEdit)."""
    return [MentionCompleter(service, e, panel_facing=panel_facing)
            for e in edits if isinstance(e, (QLineEdit, QPlainTextEdit, QTextEdit))]
