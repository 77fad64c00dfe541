"""The person picker: a name field that settles on one person on the panel.

Used for who spoke, an action's owner and who disagreed with a decision. A few
letters (of the name or the preferred name, initials, or a role word such as "carer";
accents and case do not matter: "sian" finds Siân) open a list of the people they fit
as you type; Down in the field opens it too, with everyone when nothing is typed.
Those marked present at the meeting come first. The arrow keys move through the list
and Enter picks; Enter without the list settles the one person the letters fit,
writes their whole name in the field and says who was found beside it ("Amira Khan,
lived experience member"), or why no one was ("“Sa” fits Sam Patel, Sara Jones: type
more of the name"; "No one on the panel matches “zx”": the letters are selected, so
the next ones typed start again). Typing again forgets whoever was settled.

The list is the coordinator's own screen, so it names people as the register does;
what it shows for someone anonymous is their name and role, as the line beside the
field does, and nothing more is said aloud about them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLabel, QLineEdit

from ...domain import rules
from ...domain.model import Person
from ...domain.vocab import Consent
from ...models.member_choices import MemberChoicesModel, fold
from .meeting_kit import EnterFilter
from .feedback import tell_screen_reader

#: The data of a row in the list: the person's id, and the name written into the field.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2


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
        self._picked_now = False  # a row was just picked in the list (Enter follows)
        self.list_model = QStandardItemModel(self)
        # The list is filled here as the letters change (the readings are ours: accents,
        # roles, initials), so the completer shows it as it is, unfiltered.
        completer = QCompleter(self.list_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(NAME_ROLE)
        completer.setWidget(edit)
        completer.setMaxVisibleItems(8)
        popup = completer.popup()
        popup.setAccessibleName(f"{edit.accessibleName() or 'People'}: the people these letters fit")
        popup.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        completer.activated[QModelIndex].connect(self._picked)
        self.completer = completer
        self._keys = _ListKeys(self)
        edit.installEventFilter(self._keys)
        self.settle_on_enter = settle_on_enter
        if settle_on_enter:
            self._enter = EnterFilter(self.settle, self)
            edit.installEventFilter(self._enter)
            edit.returnPressed.connect(self._enter_from_list)  # the list hands Enter on
        edit.textEdited.connect(self._on_typed)

    # -- the list ---------------------------------------------------------------------

    def _on_typed(self, text: str) -> None:
        self._forget()
        if text.strip():
            self.show_list()
        else:
            self.completer.popup().hide()

    def show_list(self, letters: str | None = None) -> bool:
        """Open the list of the people the letters (the field's, unless given) fit:
        everyone for no letters, those present first. False: they fit nobody (the list
        stays shut)."""
        people = self.members.choices(self.edit.text() if letters is None else letters)
        self.list_model.clear()
        for person in people:
            row = QStandardItem(self._row_text(person))
            row.setData(person.id, ID_ROLE)
            row.setData(person.display_name, NAME_ROLE)
            row.setEditable(False)
            self.list_model.appendRow(row)
        if not people:
            self.completer.popup().hide()
            return False
        self.completer.setCompletionPrefix("")
        # As wide as its longest row (no name cut short), within the window.
        popup = self.completer.popup()
        metrics = popup.fontMetrics()
        wanted = max(metrics.horizontalAdvance(self.list_model.item(r).text()) for r in range(self.list_model.rowCount()))
        wanted += popup.verticalScrollBar().sizeHint().width() + 4 * metrics.averageCharWidth()
        room = self.edit.window().width() - self.edit.mapTo(self.edit.window(), QPoint(0, 0)).x()
        self.completer.complete(QRect(0, 0, max(self.edit.width(), min(wanted, room)), self.edit.height()))
        self.completer.popup().setCurrentIndex(QModelIndex())  # nothing picked until an arrow key
        return True

    def _row_text(self, person: Person) -> str:
        """A row of the list: the name as the register has it, the preferred name, the
        roles, and whether they are marked present."""
        here = ", present" if self.members.is_present(person) else ""
        if person.consent is not Consent.NAMED:  # the list may be on the room's screen too
            roles = rules.visible_roles(person)
            shown = f", {rules.roles_label(roles)}" if roles and person.consent is not Consent.ROLE_ONLY else ""
            return f"{picked_label(person)}{shown}{here}"
        name = person.display_name
        preferred = person.preferred_name
        if preferred and fold(preferred) not in fold(name):  # "张伟 (Zhang Wei)", not "Amira Khan (Amira)"
            name += f" ({preferred})"
        return f"{name}, {rules.roles_label(person.roles)}{here}"

    def _person_at(self, index: QModelIndex) -> Person | None:
        if not index.isValid():
            return None
        return next((p for p in self.members.people() if p.id == index.data(ID_ROLE)), None)

    def _picked(self, index: QModelIndex) -> None:
        """A row picked in the list (Enter or a click): their name in the field."""
        person = self._person_at(index)
        if person is not None:
            self._take(person)
            self._picked_now = True

    def _enter_from_list(self) -> None:
        """Enter reached the field from the list (the completer hands it on, at times
        before it says which row was picked): the row chosen with the arrows wins."""
        person = self._person_at(self.completer.popup().currentIndex())
        if person is not None:
            self._take(person)
            self._picked_now = True
        self.settle()

    # -- settling ---------------------------------------------------------------------

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

    def _take(self, person: Person) -> None:
        self.person = person  # remembered: the field now shows its label
        self.edit.setText(picked_label(person))
        self._say(found_words(person))

    def settle(self) -> Person | None:
        """Enter in the field: settle who is meant, and say so by :attr:`chosen`."""
        if self.person is not None and self.edit.text() == picked_label(self.person):
            self.chosen.emit(self.person, self._picked_now)
            self._picked_now = False
            return self.person
        self.person = self.resolve()
        if self.person is not None:
            self.chosen.emit(self.person, True)
        elif self.edit.text().strip():
            # Nobody settled: the keyboard stays here, the letters selected, so what is
            # typed next starts a new search instead of running on after them.
            self.edit.selectAll()
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
        popup = self.completer.popup()
        popup.hide()
        popup.setCurrentIndex(QModelIndex())
        text = self.edit.text().strip()
        if not text:
            self._say("")
            return None
        if self.person is not None and text == picked_label(self.person):
            return self.person
        matches = self.members.matching(text)
        if len(matches) == 1:
            self._take(matches[0])
            return matches[0]
        if not matches:
            self._say(f"No one on the panel matches “{text}”.")
        else:
            names = ", ".join(picked_label(p) for p in matches[:4])
            self._say(f"“{text}” fits {names}: type more of the name.")
        tell_screen_reader(self.edit, self.reason)  # the words beside the field, heard as well
        return None


class _ListKeys(QObject):
    """Down or Up in the field (the list shut) opens the list: everyone when nothing
    is typed, those present first."""

    def __init__(self, picker: PersonPicker):
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)  # type: ignore[attr-defined]
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]
                and not self.picker.completer.popup().isVisible()):
            picker = self.picker
            settled = picker.person is not None and picker.edit.text() == picked_label(picker.person)
            picker.show_list("" if settled else None)  # someone settled: Down offers everyone
            return True
        return False


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
