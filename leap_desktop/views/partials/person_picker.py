"""The person picker: a name field that settles on one person on the panel.

Used for who spoke, an action's owner and who disagreed with a decision. A few
letters of a name (anywhere in it, any case) list the matches as you type; Enter
settles the one person they fit, writes their whole name in the field and says who
was found beside it ("Amira Khan, lived experience member"), or why no one was
("“Sa” fits Sam Patel, Sara Jones: type more of the name"). Typing again forgets
whoever was settled.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit

from ...domain import rules
from ...domain.model import Person
from ...domain.vocab import Consent
from ...models.member_choices import MemberChoicesModel
from ..meeting_kit import EnterFilter


class PersonPicker(QObject):
    #: Enter settled on a person: the person, and whether they were found just now
    #: (False: the field already named them).
    chosen = Signal(object, bool)

    def __init__(self, members: MemberChoicesModel, edit: QLineEdit, found: QLabel | None = None, *,
                 settle_on_enter: bool = True, parent: QObject | None = None):
        """``found`` says who was found (or why no one was); without it, :attr:`reason`
        keeps the words for the form to show. With ``settle_on_enter``, Enter in the
        field settles the name (the owner hears of it by :attr:`chosen`)."""
        super().__init__(parent if parent is not None else edit)
        self.members, self.edit, self.found = members, edit, found
        self.person: Person | None = None
        self.reason = ""
        completer = QCompleter(members, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        edit.setCompleter(completer)
        self.completer = completer
        if settle_on_enter:
            self._enter = EnterFilter(self.settle, self)
            edit.installEventFilter(self._enter)
            edit.returnPressed.connect(self.settle)  # when the completer hands Enter on
        edit.textEdited.connect(lambda _text: self._forget())

    def _forget(self) -> None:
        if self.person and self.edit.text() != picked_label(self.person):
            self.person = None
            self._say("")

    def _say(self, text: str) -> None:
        self.reason = text
        if self.found is not None:
            self.found.setText(text)
            if text:
                self.found.setAccessibleName(text)

    def settle(self) -> Person | None:
        """Enter in the field: settle who is meant, and say so by :attr:`chosen`."""
        if self.person is not None and self.edit.text() == picked_label(self.person):
            self.chosen.emit(self.person, False)
            return self.person
        self.person = self.resolve()
        if self.person is not None:
            self.chosen.emit(self.person, True)
        return self.person

    def current(self) -> Person | None:
        """The person the field names now: the one settled, or found afresh if the
        text changed since."""
        if self.person is None or self.edit.text() != picked_label(self.person):
            self.person = self.resolve()
        return self.person

    def clear(self) -> None:
        self.edit.setText("")
        self._say("")
        self.person = None

    def resolve(self) -> Person | None:
        """The one person the field's text names, shown beside it; or a plain reason."""
        self.completer.popup().hide()
        text = self.edit.text().strip()
        if not text:
            self._say("")
            return None
        if self.person is not None and text == picked_label(self.person):
            return self.person
        matches = self.members.matching(text)
        if len(matches) == 1:
            person = self.person = matches[0]  # remembered: the field now shows its label
            self.edit.setText(picked_label(person))
            self._say(found_words(person))
            return person
        if not matches:
            self._say(f"No one on the panel matches “{text}”.")
        else:
            names = ", ".join(picked_label(p) for p in matches[:4])
            self._say(f"“{text}” fits {names}: type more of the name.")
        return None


def picked_label(person: Person) -> str:
    """A person picked in a field the panel may see: by name if they are named, else as
    their consent allows with their reference, so the coordinator knows who it is and
    the room does not ("Anonymous member (P-2)", "Researcher (P-3)")."""
    if person.consent is Consent.NAMED:
        return person.display_name
    return f"{rules.attribute(person)} ({person.ref})"


def found_words(person: Person) -> str:
    """What a picker says of who it found, as their consent allows."""
    roles = rules.visible_roles(person)
    label = picked_label(person)
    said = f"{label}, {rules.roles_label(roles)}" if roles and person.consent is not Consent.ROLE_ONLY else label
    return said if person.consent is Consent.NAMED else f"{said}; shown as they asked"
