"""The Reports page (issue 14): participation and influence for a period typed as people
write dates, one chart at a time beside its table with its text alternative written
under it; the narrative parts of GRIPP2 and the UK Standards, written here (undoable)
and kept in the panel; and the reports exported to Word or CSV.

Every figure comes from ``service.analytics`` (the same as ``leap report`` and the
documents); the chart is drawn by ``views/partials/chart_canvas.py`` (matplotlib, loaded when the
page is first shown).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from ...domain.errors import LeapError
from ...domain.impact_vocab import Standard
from ...domain.reports import GRIPP2_LONG, GRIPP2_SHORT, QUESTIONS, ReportKind
from ...models.context import AppContext
from ...models.figures import FigureTableModel
from ...services.files import write_atomically
from ...words import long_date
from ..partials.date_entry import DateReading
from ..partials.flow import flow_rows
from ..partials.forms import load_form
from .base import Page
from ..shell.theme import set_label_role
from ..partials.feedback import announce, show_problem
from ..partials.undo import run_undoable
from ..partials.widgets import SplitterFlip, compact_combo, prepare_table

#: The chart and its table sit side by side when the page is this many characters wide
#: (of the current text size), the table below the chart if not.
SIDE_BY_SIDE_CHARS = 120


def parts() -> list[tuple[str, str, str, str]]:
    """(report, field, label, guidance) for every narrative part, GRIPP2 first."""
    seen, out = set(), []
    for section in (*GRIPP2_SHORT, *GRIPP2_LONG):
        if section.key not in seen:
            seen.add(section.key)
            out.append((ReportKind.GRIPP2, section.key, f"GRIPP2: {section.heading.lstrip('0123456789. ')}",
                        section.guidance))
    for standard in Standard:
        out.append((ReportKind.STANDARDS, standard.value, f"UK Standard: {standard.label}",
                    "Answer its reflective questions: " + " ".join(QUESTIONS[standard])))
    return out


class ReportsPage(Page):
    PAGE_ID = "reports"
    TITLE = "Reports"
    MENU = "&Reports"
    FORM = "reports_page.ui"
    WIDGETS = ("fromEdit", "fromHint", "toEdit", "toHint", "anonymisedCheck", "showButton", "chartCombo", "chartArea",
               "altText", "definitionText", "figureTable", "partCombo", "narrativeEdit", "guidanceLabel",
               "saveTextButton", "gripp2Button", "gripp2LongButton", "standardsButton", "participationButton",
               "csvButton", "statusLabel", "periodLabel")
    TABLES = frozenset({"report_texts"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, ask=None):
        super().__init__(ctx, parent)
        self.ui = ui = load_form(self.FORM, self)
        self.ask = ask or QFileDialog.getSaveFileName  # where to save (tests give their own)
        today = ctx.service.today
        self.start = DateReading(ui.fromEdit, ui.fromHint, "from", empty="From the beginning of the record", today=today)
        self.end = DateReading(ui.toEdit, ui.toHint, "to", empty="To the end of the record", today=today)
        ui.anonymisedCheck.setChecked(True)
        from ..partials.chart_canvas import ChartView

        self.chart_view = ChartView(ui.chartArea)
        layout = QVBoxLayout(ui.chartArea)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart_view)
        self.model = FigureTableModel(self)
        ui.figureTable.setModel(self.model)
        prepare_table(ui.figureTable)
        compact_combo(ui.chartCombo, 44)
        ui.chartCombo.currentIndexChanged.connect(lambda _i: self.show_choice())
        self.parts = parts()
        for report, field, label, _ in self.parts:
            ui.partCombo.addItem(label, (report, field))
        ui.partCombo.currentIndexChanged.connect(lambda _i: self.show_part())
        self.page_action("Sho&w figures", self.show_figures, button=ui.showButton,
                         description="Work out the figures and charts for the period typed")
        self.page_action("Save te&xt", self.save_text, button=ui.saveTextButton,
                         description="Keep what you wrote for this part of the reports")
        self.add_menu_separator()
        for button, what in ((ui.gripp2Button, "gripp2"), (ui.gripp2LongButton, "gripp2_long"),
                             (ui.standardsButton, "standards"), (ui.participationButton, "participation"),
                             (ui.csvButton, "csv")):
            self.page_action(button.text(), lambda w=what: self.export(w), button=button,
                             description=button.accessibleDescription())
        # With large text the rows go on to more lines and the table goes below the chart,
        # rather than off the side of the window.
        # The date fields keep room for their hint ("like 15/12/2026, or today").
        flow_rows(self, ui.layout(), *(ui.findChild(QHBoxLayout, name)
                                       for name in ("periodRow", "chartRow", "partRow", "exportRow")),
                  keep_wide={ui.fromEdit: ui.fromEdit.placeholderText(), ui.toEdit: ui.toEdit.placeholderText()})
        # The table's share is worked out once the page has its new size (after the event
        # that changed it).
        self._table_timer = QTimer(self)
        self._table_timer.setSingleShot(True)
        self._table_timer.setInterval(0)
        self._table_timer.timeout.connect(self._fit_table)
        self._flip = SplitterFlip(ui.splitter, self, SIDE_BY_SIDE_CHARS, on_change=lambda _stacked: self._table_timer.start())
        ui.splitter.installEventFilter(self)
        self.report = None
        self.show_figures()
        self.show_part()

    # -- the figures ------------------------------------------------------------------------------

    def period(self):
        days = []
        for reading, what in ((self.start, "From"), (self.end, "To")):
            try:
                days.append(reading.value())
            except LeapError as exc:
                raise LeapError(f"{what}: {exc}") from None
        return self.ctx.service.analytics.period(*days)

    def show_figures(self) -> None:
        try:
            period = self.period()
        except LeapError as exc:
            announce(self.ui.statusLabel, f"Cannot show the figures: {exc}")
            set_label_role(self.ui.statusLabel, "error")
            self.ui.fromEdit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        set_label_role(self.ui.statusLabel, "hint")
        anonymised = self.ui.anonymisedCheck.isChecked()
        self.report = self.ctx.service.analytics.participation(period, anonymised=anonymised, named=not anonymised)
        self.ui.periodLabel.setText(f"{period.words()}: {self.report.meetings:,} held meetings")
        combo = self.ui.chartCombo
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for chart in self.report.charts:
            combo.addItem(f"Chart: {chart.title}", ("chart", chart.key))
        charted = {c.table.key for c in self.report.charts}
        for key, table in self.report.tables.items():
            if key not in charted:
                combo.addItem(f"Table: {table.title}", ("table", key))
        found = combo.findData(keep)
        combo.setCurrentIndex(found if found >= 0 else 0)
        combo.blockSignals(False)
        self.show_choice()
        announce(self.ui.statusLabel, f"Figures for {period.words()}", self.ctx)

    def current_chart(self):
        kind, key = self.ui.chartCombo.currentData() or ("", "")
        return next((c for c in self.report.charts if c.key == key), None) if kind == "chart" and self.report else None

    def show_choice(self) -> None:
        if self.report is None:
            return
        kind, key = self.ui.chartCombo.currentData() or ("", "")
        chart = self.current_chart()
        table = chart.table if chart else self.report.tables.get(key)
        self.chart_view.show_chart(chart)
        self.ui.altText.setText(f"Text alternative: {chart.alt}" if chart else "A table, with no chart.")
        self.ui.definitionText.setText(table.definition if table else "")
        self.model.show_table(table)
        self._fit_table()
        self.ui.figureTable.setAccessibleName(f"Table: {table.title}" if table else "Table")

    def _fit_table(self) -> None:
        """Each column as wide as its words and its title (a title was cut: "Average
        present per me"); beside the chart, the table is given the room for all of
        them when the page has it (up to three fifths), the chart the rest."""
        table, splitter = self.ui.figureTable, self.ui.splitter
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        table.resizeColumnsToContents()
        for column in range(header.count()):
            header.resizeSection(column, max(header.sectionSize(column), header.sectionSizeHint(column)))
        whole = header.length() + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        total = sum(splitter.sizes())
        if splitter.orientation() == Qt.Orientation.Horizontal and total > 0:
            share = min(whole, total * 3 // 5)
            splitter.setSizes([total - share - splitter.handleWidth(), share])
        # The last column takes any room to spare; when there is none, the table scrolls
        # sideways rather than cut a column's title.
        header.setStretchLastSection(header.length() < table.viewport().width())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.ui.splitter and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._table_timer.start()
        return False

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_table_timer"):
            self._table_timer.start()

    # -- the narrative parts ----------------------------------------------------------------------

    def current_part(self) -> tuple[str, str]:
        return self.ui.partCombo.currentData()

    def show_part(self) -> None:
        report, field = self.current_part()
        guidance = next(g for r, f, _, g in self.parts if (r, f) == (report, field))
        self.ui.guidanceLabel.setText(guidance)
        self.ui.narrativeEdit.setPlainText(self.ctx.service.reports.text(report, field))

    def save_text(self) -> None:
        report, field = self.current_part()
        reports = self.ctx.service.reports
        old, new = reports.text(report, field), self.ui.narrativeEdit.toPlainText()
        label = self.ui.partCombo.currentText()
        if run_undoable(self.ctx, f"Write {label}", lambda: reports.set_text(report, field, new),
                        lambda _r: reports.set_text(report, field, old), report=True) is not None:
            announce(self.ui.statusLabel, f"Saved {label}", self.ctx)

    def refresh(self) -> None:
        """Another change to the narrative parts (an undo, the command line): show it."""
        self.show_part()

    # -- exporting --------------------------------------------------------------------------------

    def export(self, what: str) -> Path | None:
        suffix = ".csv" if what == "csv" else ".docx"
        suggested = str(Path.home() / f"{what.replace('_', '-')}-report{suffix}")
        path, _ = self.ask(self.window(), "Save the report", suggested,
                           "CSV files (*.csv)" if what == "csv" else "Word document (*.docx)")
        if not path:
            return None
        out = Path(path)
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        try:
            written = self._write(what, out, self.period())
        except LeapError as exc:
            show_problem(self.ui.statusLabel, str(exc))
            return None
        announce(self.ui.statusLabel, f"Wrote {written}", self.ctx)
        return out

    def _write(self, what: str, out: Path, period) -> str:
        service = self.ctx.service
        if what in ("gripp2", "gripp2_long", "standards"):
            from ...export import gripp2_docx, standards_docx

            data = gripp2_docx.gather(service, period)
            write_atomically(out, standards_docx.render(data) if what == "standards"
                             else gripp2_docx.render(data, long=what == "gripp2_long"))
            return str(out)
        report = service.analytics.participation(period)
        if what == "csv":
            from ...export import report_csv

            files = report_csv.files(report, out)
            for path, data in files.items():
                write_atomically(path, data)
            return f"{len(files)} CSV files ({out.stem}-*.csv) in {out.parent}"
        from ...export import report_docx

        name = service.redactor(anonymised=True)(self.ctx.panel_name()) or "Panel"
        write_atomically(out, report_docx.participation(report, panel_name=name, produced=long_date(service.today()) or "",
                                                        now=service.clock()))
        return str(out)

    def focus_first(self) -> None:
        self.ui.fromEdit.setFocus(Qt.FocusReason.OtherFocusReason)
