"""The decision form: record a decision on the current item, with the contributions
ticked in the list as the ones that shaped it (one change). Ctrl+Enter records it.

Decisions stay in the log; a decision is changed later from the decision log.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from ....domain.errors import LeapError
from ....domain.model import AgendaItem
from ....domain.vocab import DecisionMethod, DecisionStatus, InvolvementLevel
from .... import words
from ....models.contributions import ContributionsModel
from ....models.item_records import ItemDecisionsModel
from ....models.member_choices import MemberChoicesModel
from ....models.context import AppContext
from ...partials.meeting_kit import EnterFilter, pass_undo_through
from ...partials.feedback import clear_problem, remember_descriptions, show_problem
from ...partials.mention_completer import attach_mentions
from ...partials.form_part import FormPart
from ...partials.person_picker import PersonPicker
from ...partials.widgets import prepare_table

#: The decision statuses a decision can be recorded with in the meeting.
NEW_DECISION_STATUSES = (DecisionStatus.AGREED, DecisionStatus.PROPOSED, DecisionStatus.REJECTED, DecisionStatus.DEFERRED)


class DecisionForm(FormPart):
    WIDGETS = (
        "decisionTab", "decisionTitleEdit", "methodCombo", "votesRow", "votesLabel", "votesForSpin",
        "votesAgainstSpin", "votesAbstainSpin", "levelCombo", "decisionStatusCombo", "summaryEdit", "dissentEdit",
        "dissentWhoEdit", "sourcesLabel", "recordDecisionButton", "decisionProblemLabel", "decisionsView",
    )

    #: A decision was recorded (the form is clear again).
    recorded = Signal(object)

    def __init__(self, ctx: AppContext, form: QWidget, members: MemberChoicesModel, contributions: ContributionsModel,
                 parent: QObject | None = None):
        """``contributions``: the current item's, whose ticks are the decision's sources."""
        super().__init__(ctx, form, parent)
        ui = self.ui
        ui.decisionProblemLabel.hide()
        self.item: AgendaItem | None = None
        self.contributions = contributions
        self.dissenter = PersonPicker(members, ui.dissentWhoEdit, settle_on_enter=False, parent=self)
        for method in DecisionMethod:
            ui.methodCombo.addItem(method.label, method.value)
        for level in InvolvementLevel:
            ui.levelCombo.addItem(level.label, level.value)
        ui.levelCombo.setCurrentIndex(ui.levelCombo.findData(InvolvementLevel.CONSULT.value))
        for status in NEW_DECISION_STATUSES:
            ui.decisionStatusCombo.addItem(status.label, status.value)
        ui.methodCombo.currentIndexChanged.connect(lambda _i: self._update_votes())
        contributions.tickedChanged.connect(self.show_sources)
        self.mentions = attach_mentions(ctx.service, ui.decisionTitleEdit, ui.summaryEdit, ui.dissentEdit, panel_facing=True)
        remember_descriptions([ui.decisionTitleEdit, ui.methodCombo, ui.votesForSpin, ui.dissentWhoEdit])
        self._undo_pass = pass_undo_through(ctx, self, [ui.decisionTitleEdit, ui.summaryEdit, ui.dissentEdit,
                                                        ui.dissentWhoEdit])

        self.model = ItemDecisionsModel(ctx, None, self)
        ui.decisionsView.setModel(self.model)
        prepare_table(ui.decisionsView, stretch_column=ItemDecisionsModel.TITLE, stretch_min=24, list_look=False,
                      fit_contents=True)
        self._enter = EnterFilter(self.record_decision, self, ctrl_only=True)
        for field in (ui.decisionTitleEdit, ui.methodCombo, ui.votesForSpin, ui.votesAgainstSpin, ui.votesAbstainSpin,
                      ui.levelCombo, ui.decisionStatusCombo, ui.summaryEdit, ui.dissentEdit, ui.dissentWhoEdit):
            field.installEventFilter(self._enter)
        ui.recordDecisionButton.clicked.connect(self.record_decision)
        self._update_votes()
        self.fit_text_size()

    def set_item(self, item: AgendaItem | None) -> None:
        self.item = item
        self.model.set_item(item.id if item else None)

    def set_enabled(self, enabled: bool) -> None:
        self.ui.decisionTab.setEnabled(enabled)

    def focus(self) -> None:
        self.ui.decisionTitleEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @property
    def tab(self) -> QWidget:
        return self.ui.decisionTab

    def fit_text_size(self) -> None:
        """Summary and dissent boxes a few lines high, in lines of the current text size."""
        line = self.ui.summaryEdit.fontMetrics().lineSpacing()
        self.ui.summaryEdit.setMaximumHeight(line * 4 + 12)
        self.ui.dissentEdit.setMaximumHeight(line * 3 + 12)

    def _update_votes(self) -> None:
        vote = self.ui.methodCombo.currentData() == DecisionMethod.VOTE.value
        self.ui.votesRow.setEnabled(vote)
        self.ui.votesLabel.setText("Votes" if vote else "Votes (for a vote only)")

    def show_sources(self) -> None:
        """Say which contributions are ticked as shaping the decision."""
        ticked = self.contributions.ticked()
        if not ticked:
            text = ("Shaped by: nothing ticked yet. Tick the contributions that shaped it in the contributions "
                    "list (Alt+O, then Space ticks the chosen one).")
        else:
            parts = [f"{c.ref} ({self.contributions.said_by(c)})" for c in ticked]
            text = f"Shaped by {words.plural(len(ticked), 'contribution')}: {', '.join(parts)}."
        self.ui.sourcesLabel.setText(text)
        self.ui.sourcesLabel.setAccessibleName(text)

    def record_decision(self):
        """Save the decision, with the ticked contributions as its sources (one change)."""
        ui = self.ui
        item = self.item
        if item is None:
            return None
        method = ui.methodCombo.currentData()
        values: dict[str, Any] = {
            "title": ui.decisionTitleEdit.text(),
            "item_id": item.id,
            "method": method,
            "level": ui.levelCombo.currentData(),
            "status": ui.decisionStatusCombo.currentData(),
            "summary": ui.summaryEdit.toPlainText(),
        }
        if method == DecisionMethod.VOTE.value:
            values.update(votes_for=ui.votesForSpin.value(), votes_against=ui.votesAgainstSpin.value(),
                          votes_abstain=ui.votesAbstainSpin.value())
        dissent_text = ui.dissentEdit.toPlainText().strip()
        dissenter = None
        if ui.dissentWhoEdit.text().strip():
            dissenter = self.dissenter.resolve()
            if dissenter is None:
                show_problem(ui.decisionProblemLabel, self.dissenter.reason or "Who disagreed?", ui.dissentWhoEdit)
                return None
            if not dissent_text:
                show_problem(ui.decisionProblemLabel, "Say what the disagreement was, in Dissent.", ui.dissentEdit)
                return None
        sources = [c.id for c in self.contributions.ticked()]
        fields = {"title": ui.decisionTitleEdit, "method": ui.methodCombo, "votes_for": ui.votesForSpin,
                  "status": ui.decisionStatusCombo, "summary": ui.summaryEdit}
        try:
            decision = self.service.record_decision(
                sources=sources,
                dissent=[(dissenter.id if dissenter else None, dissent_text)] if dissent_text else [],
                **values,
            )
        except LeapError as exc:
            field = fields.get(getattr(exc, "field", None) or "", ui.decisionTitleEdit)
            show_problem(ui.decisionProblemLabel, str(exc), field)
            return None
        clear_problem(ui.decisionProblemLabel, *fields.values())
        ui.decisionTitleEdit.setText("")
        ui.summaryEdit.setPlainText("")
        ui.dissentEdit.setPlainText("")
        self.dissenter.clear()
        for spin in (ui.votesForSpin, ui.votesAgainstSpin, ui.votesAbstainSpin):
            spin.setValue(0)
        self.contributions.clear_ticks()
        shaped = words.plural(len(sources), "contribution")
        self.say(
            f"Recorded {decision.ref}: {decision.status.label.lower()}, shaped by {shaped}. "
            "Decisions stay in the log; change one later from the decision log."
        )
        self.recorded.emit(decision)
        return decision
