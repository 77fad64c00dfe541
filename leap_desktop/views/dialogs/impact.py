"""Writing the impact log in the app (issue 13): an entry (new, edited, or drafted from a
decision's record and then edited), a view in either voice, and whether a contribution
was taken up. Every change goes through ``service.impact`` and is undoable.

The Impact page may be on a screen the panel sees, so people and free text in these
dialogs' lists and hints are shown as each person's consent allows; what the coordinator
types is kept as typed (like the rest of the app's editors)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWidget

from ...domain import rules
from ...domain.errors import LeapError, RuleError
from ...domain.impact_vocab import ImpactOutcome, Standard, Uptake, VoiceKind
from ...domain.model import Action, Contribution, Decision, ImpactEntry, ImpactVoice, Person, Record
from ...models.context import AppContext
from ...models.format import has_left
from ...services.impact import PUBLIC_ROLES, RESEARCH_ROLES, Draft
from ...words import day
from .actions import owner_choice
from ..partials.date_entry import DateReading
from ..partials.edits import add_record
from .form_dialog import FormDialog, text_of
from ..partials.undo import adding, run_undoable
from ..partials.widgets import set_combo_data

#: The UK Standards' check boxes in the entry form.
STANDARD_CHECKS = {Standard.INCLUSIVE_OPPORTUNITIES: "inclusiveCheck", Standard.WORKING_TOGETHER: "togetherCheck",
                   Standard.SUPPORT_AND_LEARNING: "supportCheck", Standard.COMMUNICATIONS: "communicationsCheck",
                   Standard.IMPACT: "impactCheck", Standard.GOVERNANCE: "governanceCheck"}
TEXTS = {"title": "titleEdit", "how_contributed": "howEdit", "hoped_to_influence": "hopedEdit",
         "what_changed": "changedEdit", "outcome_reason": "reasonEdit", "why_it_matters": "whyEdit"}
LINKABLE = {"C": Contribution, "D": Decision, "A": Action}


def short(text: str, length: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "\u2026"


def record_line(service, record: Record) -> str:
    """A linked record in one line, as the panel may read it."""
    redact = service.redactor()
    if isinstance(record, Contribution):
        person = service.find(Person, record.person_id)
        who = rules.attribute(person, record.attribution) if person else "unknown"
        return f"{record.ref} {who}, {record.kind.label.lower()}: {short(redact(record.text))}"
    return f"{record.ref} {short(redact(record.title))}"


class ImpactEntryDialog(FormDialog):
    """A new impact log entry, an edited one, or one drafted from a decision. Undoable."""

    FORM = "impact_entry_dialog.ui"
    WIDGETS = ("introLabel", "formError", "titleEdit", "titleError", "meetingCombo", "itemCombo", "itemError",
               "dateEdit", "dateHint", "dateError", "howEdit", "hopedEdit", "outcomeCombo", "reasonEdit",
               "reasonError", "changedEdit", "whyEdit", "standardsGroup", *STANDARD_CHECKS.values(), "stageCombo",
               "linksEdit", "linksHint", "linksError", "buttons")
    FIELD_ERRORS = {"title": ("titleEdit", "titleError"), "item_id": ("itemCombo", "itemError"),
                    "activity_on": ("dateEdit", "dateError"), "outcome_reason": ("reasonEdit", "reasonError"),
                    "links": ("linksEdit", "linksError")}
    WIDTH_CHARS = 110  # long meeting titles and contributions in the lists

    def __init__(self, ctx: AppContext, entry: ImpactEntry | None = None, draft: Draft | None = None,
                 parent: QWidget | None = None):
        title = f"Edit {entry.ref}" if entry else ("Draft an impact log entry" if draft else "Add an impact log entry")
        super().__init__(ctx, parent, title=title)
        self.entry, self.draft, self.saved = entry, draft, None
        service, ui = ctx.service, self.ui
        self.impact = service.impact
        ui.introLabel.setText(
            "Drafted from the record: check it and edit it before saving." if draft else
            "What the panel was asked, how members contributed, what changed and why it matters. "
            "The researcher's and the public contributors' views are added on the Impact page.")
        redact = service.redactor()
        ui.meetingCombo.addItem("No meeting", None)
        for m in service.meetings():
            ui.meetingCombo.addItem(f"{m.ref} {redact(m.title)}, {day(m.starts_at[:10])}", m.id)
        ui.meetingCombo.currentIndexChanged.connect(lambda _i: self._fill_items())
        self.date = DateReading(ui.dateEdit, ui.dateHint, "activity_on", empty="The meeting's day, if it has one",
                                today=service.today)
        for o in ImpactOutcome:
            ui.outcomeCombo.addItem(o.label, o.value)
        ui.stageCombo.addItem("No research stage", None)
        self.stages = self.impact.stages()
        for s in self.stages:
            ui.stageCombo.addItem(s.name, s.name)
        ui.linksEdit.textChanged.connect(self._show_links)
        values, links = self._start()
        self._fill(values, links)
        ui.titleEdit.setFocus()

    def _start(self) -> tuple[dict, list[Record]]:
        if self.draft is not None:
            return dict(self.draft.values), list(self.draft.links)
        if self.entry is not None:
            e = self.entry
            values = {name: getattr(e, name) for name in (*TEXTS, "meeting_id", "item_id", "activity_on",
                                                          "outcome", "standards", "stage_id")}
            return values, self.impact.linked(e)
        return {}, []

    def _fill(self, values: dict, links: list[Record]) -> None:
        ui = self.ui
        for name, widget in TEXTS.items():
            self.widget(widget).setPlainText(values.get(name) or "")
        set_combo_data(ui.meetingCombo, values.get("meeting_id"))
        self._fill_items()
        set_combo_data(ui.itemCombo, values.get("item_id"))
        self.date.set_value(values.get("activity_on"))
        outcome = values.get("outcome") or ImpactOutcome.PENDING
        set_combo_data(ui.outcomeCombo, ImpactOutcome.parse(outcome, "What changed").value)
        for standard, name in STANDARD_CHECKS.items():
            self.widget(name).setChecked(standard in (values.get("standards") or ()))
        stage = next((s.name for s in self.stages if s.id and s.id == values.get("stage_id")), None)
        set_combo_data(ui.stageCombo, stage)
        ui.linksEdit.setText(", ".join(r.ref for r in links))

    def _fill_items(self) -> None:
        combo, meeting_id = self.ui.itemCombo, self.ui.meetingCombo.currentData()
        keep = combo.currentData()
        combo.clear()
        combo.addItem("No agenda item", None)
        if meeting_id:
            redact = self.ctx.service.redactor()
            for item in self.ctx.service.agenda(meeting_id):
                combo.addItem(f"{item.ref} {short(redact(item.title))}", item.id)
        set_combo_data(combo, keep)

    def default_focus(self) -> QWidget:
        return self.ui.titleEdit

    def linked(self) -> list[Record]:
        """The records typed in the links box (a RuleError on ``links`` for one not found)."""
        found = []
        for ref in (r for r in re.split(r"[,;\s]+", self.ui.linksEdit.text()) if r):
            cls = LINKABLE.get(ref[:1].upper())
            if cls is None:
                raise RuleError(f"Link a contribution (C-3), a decision (D-2) or an action (A-9), not {ref!r}", "links")
            try:
                found.append(self.ctx.service.resolve(cls, ref))
            except LeapError as exc:
                raise RuleError(str(exc), "links") from None
        return found

    def _show_links(self) -> None:
        try:
            records = self.linked()
        except RuleError as exc:
            self.ui.linksHint.setText(str(exc))
            return
        self.ui.linksHint.setText("\n".join(record_line(self.ctx.service, r) for r in records) or "Nothing linked")

    def values(self) -> dict:
        ui = self.ui
        values = {name: text_of(self.widget(widget)).strip() or None for name, widget in TEXTS.items()}
        values["title"] = values["title"] or ""
        values.update(meeting_id=ui.meetingCombo.currentData(), item_id=ui.itemCombo.currentData(),
                      activity_on=self.date.value(), outcome=ui.outcomeCombo.currentData(),
                      standards=[s.value for s, name in STANDARD_CHECKS.items() if self.widget(name).isChecked()])
        return values

    def save(self) -> None:
        values, refs = self.values(), [r.ref for r in self.linked()]
        stage = self.ui.stageCombo.currentData()
        impact = self.impact
        if self.entry is None:
            if self.draft is not None:
                values["drafted_from_id"] = self.draft.values.get("drafted_from_id")
            # Undo deletes the entry with its links; Redo brings the same entry back with them.
            self.saved = run_undoable(self.ctx, "Add impact log entry",
                                      adding(lambda: impact.add_entry(links=refs, stage=stage, **values),
                                             lambda e: impact.restore_entry(e.id)),
                                      lambda e: impact.remove_entry(e.id))
            self.ctx.message.emit(f"Added {self.saved.ref} to the impact log")
            return
        before = self.ctx.service.get(ImpactEntry, self.entry.id)
        old = {name: getattr(before, name) for name in (*TEXTS, "meeting_id", "item_id", "activity_on", "outcome",
                                                        "standards", "stage_id")}
        old_refs = [r.ref for r in impact.linked(before)]
        self.saved = run_undoable(
            self.ctx, f"Edit {before.ref}",
            lambda: impact.edit_entry(before.id, stage=stage or "none", links=refs, **values),
            lambda _e: impact.edit_entry(before.id, links=old_refs, **old))
        self.ctx.message.emit(f"Saved {before.ref}")


class DraftImpactDialog(FormDialog):
    """Choose the decision to draft an entry from; the draft then opens in the editor."""

    FORM = "draft_impact_dialog.ui"
    WIDGETS = ("introLabel", "formError", "decisionCombo", "decisionHint", "decisionError", "buttons")
    FIELD_ERRORS = {"decision": ("decisionCombo", "decisionError")}
    TITLE = "Draft from a decision"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.draft: Draft | None = None
        service, ui = ctx.service, self.ui
        ui.introLabel.setText("The draft is assembled only from what the record already says: the item, the "
                              "contributions it drew on, the decision, its actions and their outcomes.")
        redact = service.redactor()
        for d in service.decisions():
            if service.sources(d.id):
                ui.decisionCombo.addItem(f"{d.ref} {short(redact(d.title))}", d.ref)
        ui.decisionHint.setText("Only decisions with contributions recorded as their sources are listed."
                                if ui.decisionCombo.count() else "No decision has its sources recorded yet.")
        self.ok_button().setText("&Draft")
        ui.decisionCombo.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.decisionCombo

    def save(self) -> None:
        ref = self.ui.decisionCombo.currentData()
        if not ref:
            raise RuleError("Choose a decision", "decision")
        try:
            self.draft = self.ctx.service.impact.draft(ref)
        except LeapError as exc:
            raise RuleError(str(exc), "decision") from None


class ImpactVoiceDialog(FormDialog):
    """Add the researcher's view or a public contributor's reflection to an entry. Undoable."""

    FORM = "impact_voice_dialog.ui"
    WIDGETS = ("introLabel", "formError", "kindCombo", "personCombo", "personError", "textEdit", "textError",
               "writtenEdit", "writtenHint", "writtenError", "buttons")
    FIELD_ERRORS = {"person_id": ("personCombo", "personError"), "text": ("textEdit", "textError"),
                    "written_on": ("writtenEdit", "writtenError")}

    def __init__(self, ctx: AppContext, entry: ImpactEntry, kind: VoiceKind = VoiceKind.RESEARCHER,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent, title=f"Add a view to {entry.ref}")
        self.entry, self.saved = entry, None
        ui = self.ui
        ui.introLabel.setText(f"{entry.ref}: {short(ctx.service.redactor()(entry.title), 120)}")
        for k in VoiceKind:
            ui.kindCombo.addItem(k.label, k.value)
        set_combo_data(ui.kindCombo, kind.value)
        ui.kindCombo.currentIndexChanged.connect(lambda _i: self._fill_people())
        self.written = DateReading(ui.writtenEdit, ui.writtenHint, "written_on", empty="Today",
                                   today=ctx.service.today)
        self._fill_people()
        ui.kindCombo.setFocus()

    def kind(self) -> VoiceKind:
        return VoiceKind.parse(self.ui.kindCombo.currentData(), "Whose view")

    def _fill_people(self) -> None:
        """Only the people who may write this voice, named as their consent allows."""
        combo, service = self.ui.personCombo, self.ctx.service
        keep = combo.currentData()
        roles = RESEARCH_ROLES if self.kind() is VoiceKind.RESEARCHER else PUBLIC_ROLES
        combo.clear()
        combo.addItem("Choose who wrote it", None)
        today = service.today()
        for person in service.people():
            if set(person.roles) & roles and not has_left(person, today):
                combo.addItem(owner_choice(person), person.id)
        set_combo_data(combo, keep)

    def default_focus(self) -> QWidget:
        return self.ui.textEdit

    def save(self) -> None:
        person_id = self.ui.personCombo.currentData()
        if not person_id:
            raise RuleError("Choose who wrote this view", "person_id")
        text, written_on, kind = text_of(self.ui.textEdit).strip(), self.written.value(), self.kind()
        impact = self.ctx.service.impact
        self.saved = add_record(self.ctx, f"Add a view to {self.entry.ref}", ImpactVoice,
                                create=lambda: impact.add_voice(self.entry.id, kind, person_id, text,
                                                                written_on=written_on),
                                remove=impact.remove_voice)
        self.ctx.message.emit(f"Added the {kind.label.lower()} to {self.entry.ref}")


class UptakeDialog(FormDialog):
    """Was a contribution taken up: noted, or not taken up with the reason. Undoable."""

    FORM = "uptake_dialog.ui"
    WIDGETS = ("introLabel", "formError", "contributionCombo", "contributionHint", "statusCombo", "statusError",
               "reasonEdit", "reasonError", "buttons")
    FIELD_ERRORS = {"status": ("statusCombo", "statusError"), "reason": ("reasonEdit", "reasonError")}
    TITLE = "Was it taken up?"

    def __init__(self, ctx: AppContext, contributions: list[Contribution], parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.saved = None
        ui, service = self.ui, ctx.service
        ui.introLabel.setText("Members hear about the \u201cno\u201ds too: say why a contribution was not taken up. "
                              "One that is a source of a decision shaped it.")
        for c in contributions:
            ui.contributionCombo.addItem(record_line(service, c), c.id)
        for u in (Uptake.NOTED, Uptake.NOT_TAKEN_UP, Uptake.UNKNOWN):
            ui.statusCombo.addItem(u.label, u.value)
        ui.contributionCombo.currentIndexChanged.connect(lambda _i: self._show_current())
        self._show_current()
        ui.contributionCombo.setFocus()

    def contribution(self) -> Contribution | None:
        found = self.ui.contributionCombo.currentData()
        return self.ctx.service.get(Contribution, found) if found else None

    def _show_current(self) -> None:
        c = self.contribution()
        if c is None:
            self.ui.contributionHint.setText("No contributions are linked to this entry")
            return
        status, reason, shaped = self.ctx.service.impact.uptake(c)
        for widget in (self.ui.statusCombo, self.ui.reasonEdit):
            widget.setEnabled(not shaped)
        if shaped:
            self.ui.contributionHint.setText(f"It shaped {', '.join(d.ref for d in shaped)}.")
        else:
            self.ui.contributionHint.setText(f"Now: {status.label.lower()}.")
            set_combo_data(self.ui.statusCombo, status.value)
            self.ui.reasonEdit.setPlainText(reason or "")

    def default_focus(self) -> QWidget:
        return self.ui.statusCombo

    def save(self) -> None:
        c = self.contribution()
        if c is None:
            raise RuleError("There is no contribution to mark")
        impact = self.ctx.service.impact
        status, reason = self.ui.statusCombo.currentData(), text_of(self.ui.reasonEdit).strip() or None
        before, before_reason, shaped = impact.uptake(c)
        if shaped:
            raise RuleError(f"{c.ref} shaped {', '.join(d.ref for d in shaped)}, so it was taken up; take it off "
                            "the decision's sources first to mark it otherwise")
        self.saved = run_undoable(self.ctx, f"Uptake of {c.ref}",
                                  lambda: impact.mark_uptake(c.id, status, reason),
                                  lambda _u: impact.mark_uptake(c.id, before.value, before_reason))
        self.ctx.message.emit(f"{c.ref}: {Uptake.parse(status, 'Was it taken up').label.lower()}")
