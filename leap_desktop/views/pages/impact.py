"""The impact log: what the panel was asked, what changed, why it matters, with the
researcher's and the public contributors' views side by side, filtered by UK Standard,
research stage and outcome. Entries are added, edited and drafted from a decision here
(views/dialogs/impact.py), views in either voice added, the uptake of an entry's
linked contributions marked, an entry or a view deleted (views/dialogs/impact_delete.py), and
the list of research stages edited (views/dialogs/research_stages.py); every change is undoable
(docs/impact.md)."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ...domain.impact_vocab import ImpactOutcome, Standard
from ...domain.model import ImpactEntry
from ...models.context import AppContext
from ...models.impact import ImpactModel
from ...models.roles import RowRole
from ...words import plural
from ..partials.flow import flow_rows
from ..partials.forms import load_form
from .base import Page
from ..partials.widgets import prepare_table, select_row


class ImpactPage(Page):
    PAGE_ID = "impact"
    TITLE = "Impact log"
    FORM = "impact_page.ui"
    WIDGETS = ("heading", "intro", "standardCombo", "stageCombo", "outcomeCombo", "impactTable",
               "detailText", "countLabel", "newButton", "editButton", "draftButton", "voiceButton", "uptakeButton",
               "deleteButton", "stagesButton")
    TABLES = frozenset({"impact_entries", "impact_links", "impact_voices", "research_stages", "people",
                        "contribution_uptake", "research_stage_marks"})
    MENU = "Impact &log"
    KEYS = (("Enter (on an entry)", "Edit the entry"),)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = load_form(self.FORM, self)
        self.model = ImpactModel(ctx, self)
        table = self.ui.impactTable
        table.setModel(self.model)
        self.columns = prepare_table(table, stretch_column=ImpactModel.ACTIVITY, stretch_min=30, widths={
            ImpactModel.REF: 6, ImpactModel.DATE: 16, ImpactModel.OUTCOME: 14, ImpactModel.STANDARDS: 24,
            ImpactModel.STAGE: 18, ImpactModel.VIEWS: 18})
        table.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())
        self._fill(self.ui.standardCombo, "Every UK Standard", [(s.label, s.value) for s in Standard])
        self._fill(self.ui.outcomeCombo, "Every outcome", [(o.label, o.value) for o in ImpactOutcome])
        for name, combo in (("standard", self.ui.standardCombo), ("stage", self.ui.stageCombo),
                            ("outcome", self.ui.outcomeCombo)):
            combo.currentIndexChanged.connect(lambda _i, n=name, c=combo: self._filter(n, c.currentData()))
        self._make_actions()
        table.activated.connect(lambda _index: self.edit_action.trigger())  # Enter (or a double click) on an entry
        # With large text the filters and the buttons go on to more lines.
        ui = self.ui
        flow_rows(self, ui.layout(), ui.findChild(QHBoxLayout, "filterRow"), ui.findChild(QHBoxLayout, "buttonRow"))
        self.refresh()

    def _make_actions(self) -> None:
        """The page's commands: in its menu (and Help > Keyboard shortcuts), with their
        keys, and behind the buttons, whose words and Alt keys they share."""
        ui = self.ui
        chosen = lambda: self.current() is not None  # noqa: E731

        def command(button, slot, shortcut=None, when=None):
            return self.page_action(button.text(), slot, shortcut=shortcut, button=button, enabled_when=when,
                                    description=button.accessibleDescription())

        self.new_action = command(ui.newButton, lambda: self.edit_entry(None), "Ctrl+Shift+N")
        self.edit_action = command(ui.editButton, self.edit_current, "F2", chosen)
        self.draft_action = command(ui.draftButton, self.draft_entry, "Ctrl+Shift+D")
        self.add_menu_separator()
        self.voice_action = command(ui.voiceButton, self.add_view, "Ctrl+Shift+V", chosen)
        self.uptake_action = command(ui.uptakeButton, self.mark_uptake, "Ctrl+Shift+U", chosen)
        self.delete_action = command(ui.deleteButton, self.delete, QKeySequence.StandardKey.Delete, chosen)
        # Delete only in the list (as in the agenda list), not in the window: never a
        # key that deletes from wherever the keyboard happens to be.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        ui.impactTable.addAction(self.delete_action)
        self.add_menu_separator()
        self.stages_action = command(ui.stagesButton, self.edit_stages)

    def _current_changed(self) -> None:
        self.update_actions()
        self.show_detail()

    # -- writing the log (views/dialogs/impact.py) ------------------------------------------------

    def _opened(self, dialog) -> None:
        """Show a dialog (window-modal); after a save, the entry it changed is selected."""
        keep = self.current()

        def saved() -> None:
            record = getattr(dialog, "saved", None)
            entry_id = getattr(record, "entry_id", None) or (record.id if isinstance(record, ImpactEntry) else None)
            self.refresh()
            self.show_record(entry_id or (keep.entry.id if keep else None))

        self.open_dialog(dialog, saved)

    def edit_current(self) -> None:
        row = self.current()
        if row is not None:
            self.edit_entry(row.entry)

    def edit_entry(self, entry=None, draft=None) -> None:
        from ..dialogs.impact import ImpactEntryDialog
        self._opened(ImpactEntryDialog(self.ctx, entry, draft, self))

    def draft_entry(self) -> None:
        from ..dialogs.impact import DraftImpactDialog
        chooser = DraftImpactDialog(self.ctx, self)
        self.open_dialog(chooser, lambda: self.edit_entry(None, chooser.draft))

    def add_view(self) -> None:
        from ..dialogs.impact import ImpactVoiceDialog
        row = self.current()
        if row is not None:
            self._opened(ImpactVoiceDialog(self.ctx, row.entry, parent=self))

    def mark_uptake(self) -> None:
        from ...domain.model import Contribution

        from ..dialogs.impact import UptakeDialog
        row = self.current()
        if row is None:
            return
        linked = [r for r in self.ctx.service.impact.linked(row.entry) if isinstance(r, Contribution)]
        if not linked:
            self.ctx.message.emit(f"{row.ref} has no linked contributions; link them in Edit entry")
            return
        self._opened(UptakeDialog(self.ctx, linked, self))

    def delete(self) -> None:
        from ..dialogs.impact_delete import DeleteImpactDialog
        row = self.current()
        if row is not None:
            self._opened(DeleteImpactDialog(self.ctx, row.entry, self))

    def edit_stages(self) -> None:
        from ..dialogs.research_stages import ResearchStagesDialog
        self.open_dialog(ResearchStagesDialog(self.ctx, self))

    def _fill_stages(self) -> None:
        """The stage filter follows the list of stages (added, renamed, moved, removed),
        keeping the stage chosen; if that stage has gone, every stage is shown."""
        combo = self.ui.stageCombo
        choices = [(s.name, s.id or s.name) for s in self.ctx.service.impact.stages()]
        if choices == [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())]:
            return
        keep, keep_text = combo.currentData(), combo.currentText()
        combo.blockSignals(True)
        self._fill(combo, "Every research stage", choices)
        index = combo.findData(keep) if keep else 0
        combo.setCurrentIndex(index if index >= 0 else max(combo.findText(keep_text), 0))
        combo.blockSignals(False)
        self.model.filters["stage"] = combo.currentData()

    @staticmethod
    def _fill(combo, everything: str, choices: list[tuple[str, str]]) -> None:
        combo.clear()
        combo.addItem(everything, None)
        for label, value in choices:
            combo.addItem(label, value)

    def _filter(self, name: str, value: str | None) -> None:
        self.model.filters[name] = value or None
        self.refresh()

    def refresh(self) -> None:
        keep = self.current()
        self._fill_stages()
        self.model.refresh()
        rows = self.model.rows()
        missing = sum(1 for e in rows if e.missing)
        text = plural(len(rows), "entry", "entries")
        if missing:
            text += f"; {missing:,} with a view missing"
        self.ui.countLabel.setText(text)
        row = self.model.row_of(keep.entry.id if keep else None)
        select_row(self.ui.impactTable, row if row >= 0 else 0)
        self.update_actions()
        self.show_detail()

    def current(self):
        index: QModelIndex = self.ui.impactTable.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def focus_first(self) -> None:
        self.ui.impactTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_record(self, record_id: str | None) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            select_row(self.ui.impactTable, row)

    def show_detail(self) -> None:
        e = self.current()
        self.ui.detailText.setHtml(detail_html(e) if e is not None else
                                   "<p>No entries yet. Add one with New entry, or start one from a "
                                   "decision's record with Draft from a decision.</p>")


def detail_html(e) -> str:
    """An entry as headed text, both voices side by side in reading order."""
    esc = lambda t: html.escape(t or "").replace("\n", "<br>")  # noqa: E731
    parts = [f"<h3>{esc(e.ref)}: {esc(e.activity)}</h3>",
             f"<p>{esc(', '.join(x for x in (e.date, e.meeting, e.item) if x))}</p>"]
    for label, value in (("How the public contributed", "\n".join(x for x in (e.how_contributed, *e.contributions) if x)),
                         ("What they hoped to influence", e.hoped_to_influence),
                         ("What changed", f"{e.outcome}." + (f" {e.what_changed}" if e.what_changed else "")),
                         ("Reason", e.reason), ("Decisions and actions", "\n".join(e.decisions + e.actions)),
                         ("Why it matters", e.why_it_matters), ("UK Standards", "; ".join(e.standards)),
                         ("Research stage", e.stage)):
        if value:
            parts.append(f"<p><b>{esc(label)}:</b> {esc(value)}</p>")
    for heading, views, none in (("The researcher's view", e.researcher, "No researcher's view yet."),
                                 ("Public contributors' views", e.public, "No public contributor's view yet.")):
        parts.append(f"<h4>{heading}</h4>")
        parts += [f"<p><b>{esc(v.by)}{', ' + esc(v.written_on) if v.written_on else ''}:</b> {esc(v.text)}</p>"
                  for v in views] or [f"<p>{none}</p>"]
    if e.missing:
        parts.append(f"<p><b>{esc(e.missing)}.</b></p>")
    return "".join(parts)
