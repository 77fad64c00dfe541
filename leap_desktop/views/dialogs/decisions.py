"""Changing a decision's status from the decision log: agree (with how), reject, defer,
reverse (with a reason). Only the changes the panel's rules allow are offered."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain import rules
from ...domain.errors import RuleError
from ...domain.model import Decision
from ...domain.vocab import DecisionMethod, DecisionStatus
from ...models.context import AppContext
from ..partials.edits import change_records
from .form_dialog import FormDialog, text_of

#: How each status reads as a choice in the dialog.
STATUS_CHOICES = {
    DecisionStatus.AGREED: "Agreed",
    DecisionStatus.REJECTED: "Rejected",
    DecisionStatus.DEFERRED: "Deferred to a later meeting",
    DecisionStatus.PROPOSED: "Back to proposed (to be decided again)",
    DecisionStatus.REVERSED: "Reversed (no longer stands)",
}
SETTLED = (DecisionStatus.AGREED, DecisionStatus.REJECTED)


allowed_statuses = rules.allowed_statuses  # the decision log asks it too, before this dialog is needed


class DecisionStatusDialog(FormDialog):
    FORM = "decision_status_dialog.ui"
    WIDGETS = ("introLabel", "formError", "statusCombo", "statusError", "methodLabel", "methodCombo",
               "methodError", "votesLabel", "votesBox", "forSpin", "againstSpin", "abstainSpin",
               "votesError", "reasonLabel", "reasonEdit", "reasonError", "buttons")
    FIELD_ERRORS = {
        "status": ("statusCombo", "statusError"),
        "method": ("methodCombo", "methodError"),
        "votes_for": ("forSpin", "votesError"),
        "votes_against": ("againstSpin", "votesError"),
        "votes_abstain": ("abstainSpin", "votesError"),
        "status_note": ("reasonEdit", "reasonError"),
    }

    def __init__(self, ctx: AppContext, decision: Decision, parent: QWidget | None = None):
        super().__init__(ctx, parent, title=f"Change the status of {decision.ref}")
        self.decision = decision
        self.saved: Decision | None = None
        ui = self.ui
        choices = allowed_statuses(decision)
        names = ", ".join(STATUS_CHOICES[s].split(" (")[0].lower() for s in choices)
        can = f"It can become: {names}." if choices else "It cannot change any more."
        ui.introLabel.setText(
            f"{decision.ref} \u201c{ctx.service.redactor()(decision.title)}\u201d is {decision.status.label.lower()}. {can}"
        )
        for status in choices:
            ui.statusCombo.addItem(STATUS_CHOICES[status], status.value)
        for method in (DecisionMethod.CONSENSUS, DecisionMethod.VOTE, DecisionMethod.DELEGATED):
            ui.methodCombo.addItem(method.label, method.value)
        if decision.method in (DecisionMethod.CONSENSUS, DecisionMethod.VOTE, DecisionMethod.DELEGATED):
            ui.methodCombo.setCurrentIndex(ui.methodCombo.findData(decision.method.value))
        if decision.votes:
            for spin, count in zip((ui.forSpin, ui.againstSpin, ui.abstainSpin), decision.votes):
                spin.setValue(count)
        ui.statusCombo.currentIndexChanged.connect(self._update_fields)
        ui.methodCombo.currentIndexChanged.connect(self._update_fields)
        self._update_fields()
        self.ok_button().setEnabled(bool(choices))
        ui.statusCombo.setFocus()

    def status(self) -> DecisionStatus | None:
        data = self.ui.statusCombo.currentData()
        return DecisionStatus(data) if data else None

    def method(self) -> DecisionMethod:
        return DecisionMethod(self.ui.methodCombo.currentData())

    def _update_fields(self) -> None:
        ui = self.ui
        settled = self.status() in SETTLED
        for widget in (ui.methodLabel, ui.methodCombo):
            widget.setVisible(settled)
        voting = settled and self.method() is DecisionMethod.VOTE
        for widget in (ui.votesLabel, ui.votesBox):
            widget.setVisible(voting)
        if self.status() is DecisionStatus.REVERSED:
            ui.reasonLabel.setText("&Reason (needed)")
            ui.reasonEdit.setAccessibleName("Reason, needed")
        else:
            ui.reasonLabel.setText("&Note (optional)")
            ui.reasonEdit.setAccessibleName("Note, optional")

    def default_focus(self) -> QWidget:
        return self.ui.statusCombo

    def changes(self) -> dict[str, Any]:
        ui = self.ui
        status = self.status()
        if status is None:
            raise RuleError(f"{self.decision.ref} cannot change any more", "status")
        changes: dict[str, Any] = {"status": status.value, "status_note": text_of(ui.reasonEdit)}
        counts: tuple[int | None, ...] = (None, None, None)
        if status in SETTLED:
            changes["method"] = self.method().value
            if self.method() is DecisionMethod.VOTE:
                counts = (ui.forSpin.value(), ui.againstSpin.value(), ui.abstainSpin.value())
        elif status is DecisionStatus.DEFERRED:
            changes["method"] = DecisionMethod.DEFERRED.value
        if "method" in changes:
            changes.update(zip(("votes_for", "votes_against", "votes_abstain"), counts))
        return changes

    def save(self) -> None:
        service = self.ctx.service
        current = service.get(Decision, self.decision.id)
        before = [current]
        if current.supersedes_id:  # agreeing a replacement also changes the one it replaces
            replaced = service.find(Decision, current.supersedes_id)
            if replaced is not None:
                before.append(replaced)
        changes = self.changes()
        label = DecisionStatus(changes["status"]).label.lower()
        self.saved = change_records(
            self.ctx, f"Mark {current.ref} {label}", before,
            lambda: service.set_decision_status(current.id, **changes), form=True,
        )
        self.ctx.message.emit(f"{current.ref} is now {label}")
