"""A person's page: what they contributed, whether each was taken up (the decisions it
shaped, noted, or not taken up and why: Mark uptake… records it), and their actions.

This is the coordinator's view of one member, so it shows their name; the same page
says how they appear everywhere else (as their attribution consent allows).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QWidget

from ...domain import rules
from ...domain.comms import CommsNeeds, PaperFormat
from ...domain.model import Person
from ...models.actions import ActionsModel
from ...models.roles import RecordRole, RowRole
from ...models.format import choosable, has_left, membership
from ...words import plural
from ...models.person import ContributionsModel, ShapedDecisionsModel, shaped_decisions
from ...models.context import AppContext
from ..partials.flow import flow_rows
from ..partials.forms import load_form
from .base import Page
from ..dialogs.person import PersonDialog
from ..partials.widgets import compact_combo, prepare_table, select_row, set_combo_data


class PersonPage(Page):
    PAGE_ID = "person"
    TITLE = "A person's page"
    FORM = "person_page.ui"
    WIDGETS = ("personCombo", "editButton", "logButton", "heading", "summaryLabel", "consentLabel", "commsLabel",
               "feedbackButton", "sectionsSplitter", "contributionsHeading", "uptakeButton", "contributionsTable",
               "decisionsHeading",
               "decisionsTable", "actionsHeading", "actionsTable")
    MENU = "&Person"
    TABLES = frozenset({"people", "contributions", "decisions", "decision_sources",
                        "decision_coproducers", "actions", "attendance", "meetings", "agenda_items",
                        "communication_needs", "contribution_uptake"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = load_form(self.FORM, self)
        self.person: Person | None = None
        ui = self.ui

        self.contributions = ContributionsModel(ctx, self)
        self.decisions = ShapedDecisionsModel(ctx, self)
        self.actions_model = ActionsModel(ctx, self, as_panel_reads=False)  # the coordinator's page
        self.actions_model.show = "all"
        ui.actionsTable.setModel(self.actions_model)
        ui.actionsTable.hideColumn(ActionsModel.OWNER)  # it is always this person
        ui.contributionsTable.setModel(self.contributions)
        ui.decisionsTable.setModel(self.decisions)
        self.columns = [
            # What they said keeps its room at any text size: with large text the agenda
            # item, the kind and the date wrap on to more lines first.
            prepare_table(ui.contributionsTable, stretch_column=ContributionsModel.TEXT, stretch_min=20, widths={
                ContributionsModel.DATE: 11, ContributionsModel.MEETING: 6, ContributionsModel.ITEM: 26,
                ContributionsModel.KIND: 24, ContributionsModel.TAKEN_UP: 22}, wrap_until=30, grow_rows=True,
                wrap=(ContributionsModel.ITEM, ContributionsModel.KIND, ContributionsModel.TAKEN_UP,
                      ContributionsModel.DATE), wrap_lines={ContributionsModel.DATE: 2}),
            prepare_table(ui.decisionsTable, stretch_column=ShapedDecisionsModel.TITLE, widths={
                ShapedDecisionsModel.REF: 6, ShapedDecisionsModel.STATUS: 11, ShapedDecisionsModel.DATE: 11,
                ShapedDecisionsModel.HOW: 40}),
            prepare_table(ui.actionsTable, stretch_column=ActionsModel.TITLE, widths={
                ActionsModel.REF: 6, ActionsModel.DUE: 30, ActionsModel.STATUS: 26,
                ActionsModel.OUTCOME: 30, ActionsModel.DECISION: 8}),
        ]
        ui.contributionsTable.setWordWrap(True)
        ui.contributionsTable.setTextElideMode(Qt.TextElideMode.ElideNone)
        # A row taller than the list (large text, a long reason it was not taken up) is
        # scrolled through line by line rather than jumped over.
        ui.contributionsTable.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        ui.sectionsSplitter.setStretchFactor(0, 5)
        ui.sectionsSplitter.setStretchFactor(1, 3)
        ui.sectionsSplitter.setStretchFactor(2, 2)

        ui.contributionsTable.activated.connect(self._open_contribution)
        ui.decisionsTable.activated.connect(self._open_decision)
        ui.actionsTable.activated.connect(self._open_action)
        compact_combo(ui.personCombo, 24)
        ui.personCombo.activated.connect(lambda _i: self.show_record(ui.personCombo.currentData()))

        self.edit_action = self.page_action(
            "&Edit details…", self.edit_person, shortcut="F2",
            description="Change this person's details", button=ui.editButton,
            enabled_when=lambda: self.person is not None)
        self.log_action = self.page_action(
            "Show in the &decision log", self.show_in_log, shortcut="Ctrl+Shift+D",
            description="List the decisions this person shaped in the decision log (for people shown by name "
                        "or initials: the log never picks out the decisions of someone who is not named)",
            button=ui.logButton,
            enabled_when=lambda: self.person is not None and choosable(self.person))
        self.feedback_action = self.page_action(
            "What your input &changed…", self.write_feedback,
            description="Write this person's 'What your input changed' document in Word",
            button=ui.feedbackButton, enabled_when=lambda: self.person is not None)
        self.uptake_action = self.page_action(
            "Mark &uptake…", self.mark_uptake, shortcut="Ctrl+Shift+U",
            description="Say whether the contribution chosen in What they said was noted, or not taken up and why",
            button=ui.uptakeButton, enabled_when=lambda: self.current_contribution() is not None)
        ui.contributionsTable.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        flow_rows(self, ui.layout(), ui.findChild(QHBoxLayout, "personRow"))  # on to more lines with large text
        self._stale = True  # filled in when shown: for the person asked for, or the first

    # -- what is shown -----------------------------------------------------------------------

    def _fill_people(self) -> None:
        combo = self.ui.personCombo
        combo.blockSignals(True)
        combo.clear()
        today = self.ctx.service.today()
        for person in self.ctx.service.people():
            suffix = " (left the panel)" if has_left(person, today) else ""
            combo.addItem(f"{person.display_name}{suffix}", person.id)
        set_combo_data(combo, self.person.id if self.person else None)
        combo.blockSignals(False)

    def show_record(self, record_id: str | None) -> None:
        self.person = self.ctx.service.find(Person, record_id) if record_id else None
        self._stale = False
        self.refresh()

    def refresh(self) -> None:
        service = self.ctx.service
        if self.person is not None:
            self.person = service.find(Person, self.person.id)
        if self.person is None:  # nobody chosen yet (or they were removed): the first person
            people = service.people()
            self.person = people[0] if people else None
        self._fill_people()
        ui = self.ui
        if self.person is None:
            ui.heading.setText("<h2>No one on the panel yet</h2>")
            ui.summaryLabel.setText("Add members on the Panel members page.")
            ui.consentLabel.clear()
            ui.commsLabel.clear()
            self.contributions.set_rows([])
            self.decisions.set_rows([])
            self.actions_model.set_rows([])
            self.update_actions()
            return
        person = self.person
        history = service.person_history(person.id)
        ui.heading.setText(f"<h2>{html.escape(person.display_name)}</h2>")
        ui.heading.setAccessibleName(person.display_name)
        facts = [", ".join(r.label for r in person.roles)]
        if person.preferred_name and person.preferred_name != person.display_name:
            facts.append(f"prefers {person.preferred_name}")
        if person.pronouns:
            facts.append(person.pronouns)
        facts.append(membership(person, service.today()))
        facts.append(f"attended {plural(history.meetings_attended, 'meeting')}"
                     + (f" ({history.hours:g} hours with preparation)" if history.hours else ""))
        ui.summaryLabel.setText(" · ".join(facts))
        shown = rules.attribute(person)
        ui.consentLabel.setText(
            f"Attribution consent: {person.consent.label.lower()}. In the decision log, minutes and "
            f"exports they appear as \u201c{shown}\u201d."
        )
        if not choosable(person):
            ui.consentLabel.setText(
                ui.consentLabel.text() + " The decision log does not pick out their decisions (that would link "
                "them together); the ones they shaped are listed here.")
        if person.access_needs:
            ui.consentLabel.setText(ui.consentLabel.text() + f" Access needs: {person.access_needs}")
        ui.commsLabel.setText(comms_read_back(service.comms.needs(person.id)))
        self.contributions.set_rows(history.contributions)
        shaped = shaped_decisions(history)
        self.decisions.set_rows(shaped)
        self.actions_model.set_filter(show="all", owner_id=person.id)
        ui.contributionsHeading.setText(f"<b>What they said</b> ({plural(len(history.contributions), 'contribution')})")
        ui.decisionsHeading.setText(f"<b>Decisions they shaped</b> ({plural(len(shaped), 'decision')})")
        ui.actionsHeading.setText(f"<b>Their actions</b> ({plural(self.actions_model.rowCount(), 'action')})")
        self.update_actions()

    def focus_first(self) -> None:
        self.ui.personCombo.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- commands -------------------------------------------------------------------------------

    def edit_person(self) -> None:
        if self.person is not None:
            self.open_dialog(PersonDialog(self.ctx, self.person, self))

    def show_in_log(self) -> None:
        if self.person is not None and choosable(self.person):
            self.ctx.navigate.emit("decisions", self.person.id)

    def _open_decision(self, index) -> None:
        decision = index.data(RecordRole)
        if decision is not None:
            self.ctx.navigate.emit("decisions", decision.id)

    def _open_contribution(self, index) -> None:
        entry = index.data(RowRole)
        if entry is not None and entry.decisions:
            self.ctx.navigate.emit("decisions", entry.decisions[0].id)

    def _open_action(self, index) -> None:
        action = index.data(RecordRole)
        if action is not None:
            self.ctx.navigate.emit("actions", action.id)


    def current_contribution(self):
        """The contribution chosen in What they said, if any."""
        index = self.ui.contributionsTable.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def mark_uptake(self) -> None:
        """Was the chosen contribution taken up: the Impact page's dialog, for this one."""
        from ..dialogs.impact import UptakeDialog

        contribution = self.current_contribution()
        if contribution is not None:
            self.open_dialog(UptakeDialog(self.ctx, [contribution], self),
                             lambda: self.show_contribution(contribution.id))

    def show_contribution(self, contribution_id: str) -> None:
        row = self.contributions.row_of(contribution_id)
        if row >= 0:
            select_row(self.ui.contributionsTable, row)
        self.ui.contributionsTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def write_feedback(self) -> None:
        """Save "What your input changed" for this person (views/partials/feedback_save.py)."""
        from ..partials.feedback_save import save_feedback

        if self.person is not None:
            save_feedback(self, self.ctx.service, self.person)


def comms_read_back(needs: CommsNeeds | None) -> str:
    """Their communication needs in words, as the coordinator reads them back to them."""
    if needs is None:
        return "Communication needs: none recorded yet (papers go in standard print, 7 days ahead)."
    text = f"Communication needs: papers in {needs.paper_format.label.lower()}"
    if needs.paper_format is PaperFormat.LARGE_PRINT:
        text += f" at {needs.size} point"
    text += f", {plural(needs.days_ahead, 'day')} before the meeting"
    if needs.contact_by:
        text += f"; how to contact them: {needs.contact_by.label.lower()}"
    if needs.language:
        text += f"; language: {needs.language}"
    return text + "."
