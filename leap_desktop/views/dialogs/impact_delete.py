"""Deleting from the impact log: a whole entry (with its views and links), or one view
on it. The dialog is the confirmation: it says what goes and what stays, and its button
says Delete. Each deletion is a tombstone, like every deletion, and Edit > Undo brings it
back (``service.impact.restore_entry``, or the view restored).

The Impact page may be on a screen the panel sees, so people and free text here are
shown as each person's consent allows (services/impact_view.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.errors import RuleError
from ...domain.impact_vocab import VoiceKind
from ...domain.model import Action, Contribution, Decision, ImpactEntry, ImpactVoice
from ...models.context import AppContext
from ...services.impact_view import build_log
from ...words import names_list, plural
from .form_dialog import FormDialog
from .impact import short
from ..partials.undo import run_undoable

#: The choice that deletes the whole entry (the others are a view's id).
WHOLE_ENTRY = "entry"


class DeleteImpactDialog(FormDialog):
    """Delete the chosen entry, or one of its views, after saying what goes. Undoable."""

    FORM = "delete_impact_dialog.ui"
    WIDGETS = ("introLabel", "formError", "whatCombo", "whatHint", "whatError", "buttons")
    FIELD_ERRORS = {"what": ("whatCombo", "whatError")}
    WIDTH_CHARS = 90

    def __init__(self, ctx: AppContext, entry: ImpactEntry, parent: QWidget | None = None):
        super().__init__(ctx, parent, title=f"Delete from {entry.ref}")
        self.entry, self.deleted = entry, None
        service, ui = ctx.service, self.ui
        (self.view,) = build_log(service, [entry])
        linked = service.impact.linked(entry)
        self.links = {cls: sum(isinstance(r, cls) for r in linked) for cls in (Contribution, Decision, Action)}
        ui.introLabel.setText(f"{entry.ref}: {short(self.view.activity, 120)}\nChoose what to delete. Nothing else "
                              "changes, and Edit > Undo (Ctrl+Z) brings it back.")
        ui.whatCombo.addItem(f"The whole entry {entry.ref}, with its views and links", WHOLE_ENTRY)
        for v in [*self.view.researcher, *self.view.public]:
            when = f", {v.written_on}" if v.written_on else ""
            ui.whatCombo.addItem(f"{v.kind.label} by {v.by}{when}: \u201c{short(v.text, 50)}\u201d", v.voice_id)
        ui.whatCombo.currentIndexChanged.connect(lambda _i: self._show_what())
        ok = self.ok_button()
        ok.setText("&Delete")
        ok.setAccessibleName("Delete")
        ok.setAccessibleDescription("Delete what is chosen (Enter); Edit > Undo brings it back")
        self._show_what()
        ui.whatCombo.setFocus()
        self.resize(self.fitted(self.sizeHint().expandedTo(self.size())))  # now that its words are in

    def default_focus(self) -> QWidget:
        return self.ui.whatCombo

    def _show_what(self) -> None:
        self.ui.whatHint.setText(self.consequence(self.ui.whatCombo.currentData()))

    def consequence(self, what: str | None) -> str:
        """What goes and what stays, in words."""
        ref, view = self.entry.ref, self.view
        if what == WHOLE_ENTRY:
            views = len(view.researcher) + len(view.public)
            links = [plural(n, noun) for cls, noun in ((Contribution, "contribution"), (Decision, "decision"),
                                                       (Action, "action")) if (n := self.links[cls])]
            linked = f"its links to {names_list(links)}" if links else "no links"
            return (f"{ref} goes from the impact log, with {plural(views, 'view')} and {linked}. The contributions, "
                    "decisions and actions themselves stay in the record.")
        for views, kind in ((view.researcher, VoiceKind.RESEARCHER), (view.public, VoiceKind.PUBLIC)):
            if any(v.voice_id == what for v in views):
                text = f"Only this view goes; {ref} stays in the log."
                if len(views) == 1:
                    text += (" The researcher's view will then be missing." if kind is VoiceKind.RESEARCHER
                             else " It will then have no public contributor's view.")
                return text
        return ""

    def save(self) -> None:
        what = self.ui.whatCombo.currentData()
        if not what:
            raise RuleError("Choose what to delete", "what")
        service, ref = self.ctx.service, self.entry.ref  # the undo outlives this dialog
        impact = service.impact
        if what == WHOLE_ENTRY:
            entry_id = self.entry.id
            self.deleted = run_undoable(self.ctx, f"Delete {ref}", lambda: impact.remove_entry(entry_id),
                                        lambda e: impact.restore_entry(e.id))
            self.ctx.message.emit(f"Deleted {ref} from the impact log (Edit > Undo brings it back)")
            return
        self.deleted = run_undoable(self.ctx, f"Delete a view from {ref}", lambda: impact.remove_voice(what),
                                    lambda v: service.restore(ImpactVoice, v.id))
        self.ctx.message.emit(f"Deleted the {self.deleted.kind.label.lower()} from {ref} "
                              "(Edit > Undo brings it back)")
