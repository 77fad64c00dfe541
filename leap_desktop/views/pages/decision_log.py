"""The decision log: search and filter every decision, and read how each came about.

The list is a lazily fetched model (a page of decisions at a time), so a ten-year
panel opens at once and scrolls smoothly; typing in the search box waits for a
pause before searching. The pane beside the list shows the selected decision's
trace, with links to follow (Tab to reach them, Enter to follow one).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ...domain.model import Decision, Person
from ...domain.rules import allowed_statuses
from ...domain.vocab import DecisionStatus, InvolvementLevel
from ...models.roles import RecordRole
from ...models.decisions import DecisionLogModel
from ...models.format import choosable, panel_choices
from ...words import day, plural
from ...services import DecisionFilter
from ..partials import trace_html
from ...models.context import AppContext
from ..partials.feedback import tell_screen_reader
from ..partials.flow import flow_rows, settle
from ..partials.forms import load_form
from .base import Page
from ..partials.widgets import compact_combo, prepare_table, select_row, set_combo_data

SEARCH_PAUSE_MS = 250
#: How the list and the details share the page: the list is given LIST_ROWS rows (never
#: less than its old two fifths), the details keep at least DETAIL_LINES lines, and the
#: list never shows fewer than MIN_ROWS rows (at large text sizes the page scrolls).
LIST_ROWS, MIN_ROWS, DETAIL_LINES = 8, 6, 10


class DecisionLogPage(Page):
    PAGE_ID = "decisions"
    TITLE = "Decision log"
    FORM = "decision_log_page.ui"
    WIDGETS = ("heading", "intro", "searchEdit", "statusCombo", "meetingCombo", "levelCombo", "personCombo",
               "clearButton", "countLabel", "logSplitter", "decisionsTable", "detailFrame", "traceView",
               "statusButton", "addActionButton")
    MENU = "&Decisions"
    TABLES = frozenset({"decisions", "decision_sources", "decision_coproducers", "decision_dissent",
                        "actions", "people", "meetings", "contributions", "agenda_items"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.ui = load_form(self.FORM, self)
        ui = self.ui
        self.model = DecisionLogModel(ctx, self)
        self._shown_id: str | None = None
        self._traces = 0  # how many times the details were shown (each is a query and a page of HTML)

        table = ui.decisionsTable
        table.setModel(self.model)
        self.columns = prepare_table(table, stretch_column=DecisionLogModel.TITLE, widths={
            DecisionLogModel.REF: 6, DecisionLogModel.DATE: 11, DecisionLogModel.STATUS: 12,
            DecisionLogModel.LEVEL: 11, DecisionLogModel.MEETING: 6, DecisionLogModel.SOURCES: 6,
            DecisionLogModel.OPEN_ACTIONS: 6})
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        ui.logSplitter.setStretchFactor(0, 2)
        ui.logSplitter.setStretchFactor(1, 3)
        self._split_by_hand = False  # the person moved the divider: leave it where they put it
        ui.logSplitter.splitterMoved.connect(self._divider_moved)
        ui.logSplitter.installEventFilter(self)

        ui.traceView.anchorClicked.connect(self._follow)
        # Tab through the links of the details: each is said as the keyboard reaches it
        # (the caret moves silently otherwise).
        ui.traceView.installEventFilter(self)
        ui.traceView.document().setDocumentMargin(10)
        ui.traceView.document().setDefaultStyleSheet("h3 { margin-top: 14px; margin-bottom: 4px; }")

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        ui.searchEdit.textChanged.connect(lambda _text: self._search_timer.start())
        ui.searchEdit.returnPressed.connect(self._search_now)
        self._field_shortcut(ui.searchEdit, "Escape", self._escape_search)
        self._field_shortcut(ui.searchEdit, "Down", lambda: table.setFocus(Qt.FocusReason.ShortcutFocusReason))

        for combo, chars in ((ui.statusCombo, 10), (ui.meetingCombo, 24), (ui.levelCombo, 11), (ui.personCombo, 16)):
            compact_combo(combo, chars)
        self._fill_filters()
        for combo in (ui.statusCombo, ui.meetingCombo, ui.levelCombo, ui.personCombo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        ui.clearButton.clicked.connect(self.clear_filters)
        # With large text the search and the filters go on to more lines, rather than
        # making the page wider than the window; the search box keeps room for its hint.
        flow_rows(self, ui.layout(), ui.findChild(QHBoxLayout, "searchRow"), ui.findChild(QHBoxLayout, "filterRow"),
                  keep_wide={ui.searchEdit: ui.searchEdit.placeholderText()})

        self.clear_action = self.page_action(
            "&Clear search and filters", self.clear_filters, shortcut="Ctrl+Shift+X",
            description="Show every decision again", enabled_when=self.is_filtered)
        self.add_menu_separator()
        self.status_action = self.page_action(
            "Change &status…", self.change_status, shortcut="Ctrl+Shift+S",
            description="Agree, reject, defer or reverse the selected decision", button=ui.statusButton,
            enabled_when=lambda: (d := self.current()) is not None and bool(allowed_statuses(d)))
        self.add_action_action = self.page_action(
            "&Add an action for this decision…", self.add_action, shortcut="Ctrl+Shift+N",
            description="Add an action that carries out the selected decision", button=ui.addActionButton,
            enabled_when=lambda: self.current() is not None)
        self.trace_action = self.page_action(
            "Read the &details", self.focus_trace, shortcut="Ctrl+Shift+T",
            description="Move to the details of the selected decision (who shaped it and what came of it)",
            enabled_when=lambda: self.current() is not None)
        self.add_menu_separator()
        self.export_action = self.page_action(
            "&Export the decision log…", self.export,
            description="Write the decisions shown now (with this search and these filters) as a Word document or CSV")
        self.model.loaded.connect(self._show_count)
        self.apply_filter()

    @staticmethod
    def _field_shortcut(widget: QWidget, key: str, slot) -> None:
        action = QAction(widget)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        widget.addAction(action)

    # -- filters -----------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        ui = self.ui
        service = self.ctx.service
        keep = {combo: combo.currentData() for combo in (ui.statusCombo, ui.meetingCombo, ui.levelCombo, ui.personCombo)}
        for combo in keep:
            combo.blockSignals(True)
            combo.clear()
        ui.statusCombo.addItem("Any status", None)
        for status in DecisionStatus:
            ui.statusCombo.addItem(status.label, status.value)
        ui.meetingCombo.addItem("Any meeting", None)
        clean = self.model.panel_text
        for meeting in reversed(service.meetings()):
            ui.meetingCombo.addItem(
                f"{meeting.ref} \u00b7 {day(meeting.day, short=True)} \u00b7 {clean(meeting.title)}", meeting.id)
        ui.levelCombo.addItem("Any level", None)
        for level in InvolvementLevel:
            ui.levelCombo.addItem(level.label, level.value)
        ui.personCombo.addItem("Anyone", None)
        for label, person_id in panel_choices(service.people()):  # never people who are not named
            ui.personCombo.addItem(label, person_id)
        for combo, data in keep.items():
            set_combo_data(combo, data)
            combo.blockSignals(False)

    def current_filter(self) -> DecisionFilter:
        ui = self.ui
        status, level = ui.statusCombo.currentData(), ui.levelCombo.currentData()
        return DecisionFilter(
            text=self.search_text(),
            statuses=(status,) if status else (),
            levels=(level,) if level else (),
            meeting_id=ui.meetingCombo.currentData(),
            person_id=ui.personCombo.currentData(),
        )

    def search_text(self) -> str:
        """What is searched for: the words typed, less the names of people not shown by
        name (a match on one would tell which decisions mention them; the count line
        says so). Nothing left to look for finds nothing."""
        typed = self.ui.searchEdit.text()
        kept, dropped = self.model.panel_text.search_words(typed)
        self._names_dropped = dropped
        if dropped and not kept.strip():
            return "\u2026"  # no letters or digits: matches nothing, as `leap decisions --search` does
        return kept if dropped else typed

    def is_filtered(self) -> bool:
        return self.current_filter() != DecisionFilter()

    def apply_filter(self) -> None:
        """Show the decisions matching the search box and filters (keeping the selection
        if it still matches, otherwise choosing the newest)."""
        self._search_timer.stop()
        keep = self._shown_id
        self.model.set_filter(self.current_filter())
        self._select(keep)
        self.update_actions()
        tell_screen_reader(self.ui.countLabel, self.ui.countLabel.text())  # "12 of 3,039 decisions match"

    def _search_now(self) -> None:
        self.apply_filter()
        if self.model.rowCount():
            self.ui.decisionsTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def _escape_search(self) -> None:
        if self.ui.searchEdit.text():
            self.ui.searchEdit.clear()
            self.apply_filter()
        else:
            self.ui.decisionsTable.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_filters(self) -> None:
        ui = self.ui
        for combo in (ui.statusCombo, ui.meetingCombo, ui.levelCombo, ui.personCombo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        ui.searchEdit.blockSignals(True)
        ui.searchEdit.clear()
        ui.searchEdit.blockSignals(False)
        self.apply_filter()

    def _show_count(self) -> None:
        total = self.model.total
        if self.is_filtered():
            everything = self.ctx.service.count_decisions()
            if total:
                text = f"{total:,} of {plural(everything, 'decision')} match"
            else:
                text = "No decisions match. Try fewer or different words, or clear the filters (Ctrl+Shift+X)."
        else:
            text = plural(total, "decision") if total else "No decisions recorded yet."
        if self.model.rowCount() < total:
            text += f" (showing the newest {self.model.rowCount():,}; scroll for more)"
        if getattr(self, "_names_dropped", False):
            text = text.rstrip(".") + ". Names of members who are not shown by name are not searched for."
        self.ui.countLabel.setText(text)

    # -- the selected decision ------------------------------------------------------------------

    def current(self) -> Decision | None:
        index: QModelIndex = self.ui.decisionsTable.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def _select(self, decision_id: str | None) -> None:
        row = self.model.row_of(decision_id) if decision_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        traced = self._traces
        if row >= 0:
            select_row(self.ui.decisionsTable, row)
        if self._traces == traced:  # choosing the row did not show its details already
            self._show_trace()

    def _current_changed(self, *_args) -> None:
        self._show_trace()
        self.update_actions()

    def _show_trace(self) -> None:
        self._traces += 1
        decision = self.current()
        view = self.ui.traceView
        if decision is None:
            self._shown_id = None
            view.setHtml(trace_html.empty(
                "Choose a decision in the list to see who shaped it and what came of it."
                if self.model.total else "There are no decisions to show."))
            return
        self._shown_id = decision.id
        trace = self.ctx.service.trace(decision.id)
        links = {"decision", "person", "action"} | ({"meeting"} if "meeting" in self.ctx.pages else set())
        colour = self.palette().color(QPalette.ColorRole.Highlight).name()
        scroll = view.verticalScrollBar().value() if decision.id == getattr(self, "_scrolled_for", None) else 0
        view.setHtml(trace_html.render(trace, today=self.ctx.service.today(), links=links, bar_colour=colour))
        view.verticalScrollBar().setValue(scroll)
        self._scrolled_for = decision.id
        view.setAccessibleName(f"Details of {decision.ref} {trace.decision.title}")  # as the panel may read it

    def _link_reached(self) -> None:
        """Tab selects the next link of the details (Qt says nothing of it): say it."""
        if not shiboken6.isValid(self):
            return
        view = self.ui.traceView
        cursor = view.textCursor()
        words = cursor.selectedText().strip()
        inside = QTextCursor(cursor)
        inside.setPosition(cursor.selectionStart() + 1)  # the format of the link's first letter
        if not (view.hasFocus() and words and inside.charFormat().isAnchor()):
            return
        if words != getattr(self, "_link_said", None):
            self._link_said = words
            tell_screen_reader(view, f"Link: {words}. Enter opens it.")

    # -- how the list and the details share the page -----------------------------------------------

    def _divider_moved(self, *_args) -> None:
        self._split_by_hand = True

    def share_page(self) -> None:
        """Give the list enough rows to choose from at any text size (QA: at 175% it
        kept about three), and the details enough lines to read; each pane's least
        height grows with the text, so a small window scrolls rather than squeezes."""
        ui = self.ui
        table, trace, splitter = ui.decisionsTable, ui.traceView, ui.logSplitter
        row = table.verticalHeader().defaultSectionSize()
        chrome = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
        if table.horizontalScrollBar().isVisible():
            chrome += table.horizontalScrollBar().sizeHint().height()
        lines = trace.fontMetrics().lineSpacing()
        least = (chrome + MIN_ROWS * row, DETAIL_LINES * lines + 2 * trace.frameWidth() + 20)
        if least != (table.minimumHeight(), trace.minimumHeight()):
            table.setMinimumHeight(least[0])
            trace.setMinimumHeight(least[1])
            settle(self, splitter)  # the page grows now (it scrolls), so the sizes shared below are final
        if self._split_by_hand:
            return
        total = sum(splitter.sizes())
        if total <= 0:
            return
        least_details = ui.detailFrame.minimumSizeHint().height()
        wanted = max(chrome + LIST_ROWS * row, total * 2 // 5)
        list_height = max(table.minimumHeight(), min(wanted, total - least_details))
        splitter.setSizes([list_height, max(0, total - list_height)])

    def eventFilter(self, watched, event: QEvent) -> bool:  # type: ignore[no-untyped-def]
        if watched is self.ui.logSplitter and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.share_page()
        elif (watched is self.ui.traceView and event.type() == QEvent.Type.KeyPress
              and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            QTimer.singleShot(0, self._link_reached)  # once the browser has moved to the link
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "model"):
            self._split_by_hand = False  # a new text size: share the page afresh
            self.share_page()
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "model"):
            # The details are a document drawn in the theme's colours (links, bars): draw
            # them again in the new theme, as a restart would (now if on screen, else
            # when next shown).
            if self.isVisible():
                self._show_trace()
            else:
                self._stale = True

    def refresh(self) -> None:
        self._fill_filters()
        keep = self._shown_id
        self.model.refresh()
        self._select(keep)
        self.update_actions()

    def show_record(self, record_id: str | None) -> None:
        """Show a decision, or with a person's id, the decisions that person shaped."""
        if not record_id:
            return
        service = self.ctx.service
        person = service.find(Person, record_id)
        if person is not None:
            if choosable(person):  # the log never lists the decisions of someone not named together
                self.clear_filters()
                set_combo_data(self.ui.personCombo, record_id)
            return
        if service.find(Decision, record_id) is None:
            return
        row = self.model.ensure_loaded(record_id)
        if row < 0:  # filtered out: show the whole log again
            self.clear_filters()
            row = self.model.ensure_loaded(record_id)
        if row >= 0:
            select_row(self.ui.decisionsTable, row)
            self._show_trace()

    def focus_first(self) -> None:
        self.ui.decisionsTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def focus_trace(self) -> None:
        self.ui.traceView.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _follow(self, url: QUrl) -> None:
        kind, _, record_id = url.toString().partition(":")
        if kind == "decision":
            self.show_record(record_id)
        elif kind == "person":
            self.ctx.navigate.emit("person", record_id)
        elif kind == "action":
            self.ctx.navigate.emit("actions", record_id)
        elif kind == "meeting":
            self.ctx.navigate.emit("meeting", record_id)

    # -- commands ---------------------------------------------------------------------------------

    # The dialogs are imported when first opened: drawing the log needs none of them.

    def change_status(self) -> None:
        from ..dialogs.decisions import DecisionStatusDialog

        decision = self.current()
        if decision is not None and allowed_statuses(decision):
            self.open_dialog(DecisionStatusDialog(self.ctx, self.ctx.service.get(Decision, decision.id), self))

    def add_action(self) -> None:
        from ..dialogs.actions import ActionDialog

        decision = self.current()
        if decision is not None:
            dialog = ActionDialog(self.ctx, decision, self)
            self.open_dialog(dialog)


    def export(self) -> None:
        from ..dialogs.export import ExportDecisionsDialog

        self.open_dialog(ExportDecisionsDialog(self.ctx, self.current_filter(), self))
