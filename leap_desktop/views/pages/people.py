"""Panel members: the list of everyone on the panel, to add, edit and mark as having left."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ...domain.model import Person
from ...models.roles import RecordRole
from ...models.format import has_left
from ...words import plural
from ...models.people import PeopleModel
from ...models.context import AppContext
from ..partials.flow import flow_rows
from ..partials.forms import load_form
from .base import Page
from ..dialogs.person import LeaveDialog, PersonDialog
from ..partials.widgets import prepare_table, select_row


class PeoplePage(Page):
    PAGE_ID = "people"
    TITLE = "Panel members"
    FORM = "people_page.ui"
    WIDGETS = ("heading", "intro", "addButton", "editButton", "openButton", "leftButton",
               "includeLeftCheck", "peopleTable", "countLabel")
    MENU = "&Members"
    TABLES = frozenset({"people"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = load_form(self.FORM, self)
        self.model = PeopleModel(ctx, self)
        table = self.ui.peopleTable
        table.setModel(self.model)
        self.columns = prepare_table(table, stretch_column=PeopleModel.ACCESS, stretch_min=24, widths={
            PeopleModel.NAME: 20, PeopleModel.ROLES: 32, PeopleModel.CONSENT: 12,
            PeopleModel.SHOWN_AS: 22, PeopleModel.MEMBERSHIP: 24})
        table.activated.connect(lambda _index: self.open_person())
        table.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        self.ui.includeLeftCheck.toggled.connect(self._include_left)

        self.add_action = self.page_action(
            "&Add a member…", self.add_person, shortcut="Ctrl+Shift+N",
            description="Add someone to the panel", button=self.ui.addButton)
        self.edit_action = self.page_action(
            "&Edit details…", self.edit_person, shortcut="F2",
            description="Change the selected person's details", button=self.ui.editButton,
            enabled_when=lambda: self.current() is not None)
        self.open_action = self.page_action(
            "&Open their page", self.open_person, shortcut="Ctrl+Return",
            description="What the selected person contributed and which decisions it shaped",
            button=self.ui.openButton, enabled_when=lambda: self.current() is not None)
        self.left_action = self.page_action(
            "Mark as having &left…", self.mark_left, shortcut="Ctrl+Shift+L",
            description="Record that the selected person has left the panel; their history is kept",
            button=self.ui.leftButton,
            enabled_when=lambda: (p := self.current()) is not None and not has_left(p, self.ctx.service.today()))
        # With large text the buttons and "Include people who have left" go on to more lines.
        flow_rows(self, self.ui.layout(), self.ui.findChild(QHBoxLayout, "commandRow"))
        self.refresh()

    # -- what is shown -----------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current()
        self.model.refresh()
        people = self.model.rows()
        today = self.ctx.service.today()
        active = sum(1 for p in people if not has_left(p, today))
        text = plural(len(people), "person", "people")
        if active != len(people):
            text += f": {active:,} on the panel now, {len(people) - active:,} who have left"
        self.ui.countLabel.setText(text)
        row = self.model.row_of(keep.id if keep else None)
        select_row(self.ui.peopleTable, row if row >= 0 else 0)
        self.update_actions()

    def _include_left(self, include: bool) -> None:
        self.model.include_left = include
        self.refresh()

    def current(self) -> Person | None:
        index: QModelIndex = self.ui.peopleTable.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def focus_first(self) -> None:
        self.ui.peopleTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_record(self, record_id: str | None) -> None:
        row = self.model.row_of(record_id)
        if row < 0 and record_id and not self.ui.includeLeftCheck.isChecked():
            self.ui.includeLeftCheck.setChecked(True)
            row = self.model.row_of(record_id)
        if row >= 0:
            select_row(self.ui.peopleTable, row)

    # -- commands -------------------------------------------------------------------------------

    def add_person(self) -> None:
        dialog = PersonDialog(self.ctx, None, self)
        self.open_dialog(dialog, lambda: self.show_record(dialog.saved.id if dialog.saved else None))

    def edit_person(self) -> None:
        person = self.current()
        if person is None:
            return
        self.open_dialog(PersonDialog(self.ctx, self.ctx.service.get(Person, person.id), self))

    def mark_left(self) -> None:
        person = self.current()
        if person is None:
            return
        self.open_dialog(LeaveDialog(self.ctx, person, self))

    def open_person(self) -> None:
        person = self.current()
        if person is not None:
            self.ctx.navigate.emit("person", person.id)

