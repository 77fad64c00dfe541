"""The Reports page (issue 14) by keyboard: a period typed as people write dates, each
chart with its table and text alternative, the narrative parts saved and undone, the
exports, and the chart following the text size and the high-contrast theme."""

from __future__ import annotations

import docx
from PySide6.QtCore import Qt

from .helpers import activate, press, type_text

K = Qt.Key


def reports_page(window, qtbot, **kw):
    page = window.show_page("reports")
    activate(window, qtbot)
    return page


def test_the_page_shows_each_chart_with_its_table_and_text_alternative(window, qtbot, demo_service):
    page = reports_page(window, qtbot)
    combo = page.ui.chartCombo
    report = demo_service.analytics.participation()
    assert combo.count() >= len(report.charts) + 3
    assert combo.itemText(1) == "Chart: Share of contributions, by role group"
    combo.setCurrentIndex(1)
    chart = page.chart_view.chart
    assert page.chart_view.accessibleName() == "Share of contributions, by role group"
    assert page.chart_view.canvas.accessibleDescription() == chart.alt
    assert page.ui.altText.text() == f"Text alternative: {chart.alt}"
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Role group", "People", "Contributions", "Share of contributions"]
    assert page.model.index(1, 3).data() == "fewer than 3", "anonymised by default"
    tables = [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i).startswith("Table:")]
    assert "Table: You said, we did: how long it takes" in tables
    assert not any("not heard" in t for t in tables)


def test_a_typed_period_and_the_coordinators_view(window, qtbot, demo_service):
    page = reports_page(window, qtbot)
    page.ui.fromEdit.setFocus()
    type_text(qtbot, "1/1/2026", page.ui.fromEdit)
    assert page.ui.fromHint.text() == "Thursday 1 January 2026"
    page.ui.toEdit.setText("31 March 2026")
    page.ui.anonymisedCheck.setChecked(False)
    page.ui.showButton.click()
    assert page.ui.periodLabel.text() == "1 January 2026 to 31 March 2026: 3 held meetings"
    combo = page.ui.chartCombo
    assert combo.findText("Table: Members not heard for several meetings") >= 0, "for the coordinator, unticked"
    page.ui.fromEdit.setText("banana")
    page.ui.showButton.click()
    assert page.ui.statusLabel.text().startswith("Cannot show the figures: From: \u201cbanana\u201d is not a date")
    assert page.ui.periodLabel.text() == "1 January 2026 to 31 March 2026: 3 held meetings", "the figures kept"


def test_narrative_parts_are_saved_kept_and_undone(window, qtbot, demo_ctx, demo_service):
    page = reports_page(window, qtbot)
    combo = page.ui.partCombo
    combo.setCurrentIndex(combo.findText("UK Standard: Communications"))
    assert "Did information reach people in time" in page.ui.guidanceLabel.text()
    page.ui.narrativeEdit.setFocus()
    type_text(qtbot, "Papers go out a week before.", page.ui.narrativeEdit)
    page.ui.saveTextButton.click()
    assert demo_service.reports.text("standards", "communications") == "Papers go out a week before."
    assert page.ui.statusLabel.text() == "Saved UK Standard: Communications"
    demo_ctx.undo_stack.undo()
    assert demo_service.reports.text("standards", "communications") == ""
    assert page.ui.narrativeEdit.toPlainText() == "", "the page follows the undo"
    demo_ctx.undo_stack.redo()
    assert page.ui.narrativeEdit.toPlainText() == "Papers go out a week before."


def test_exports_write_the_reports(window, qtbot, tmp_path, demo_service):
    page = reports_page(window, qtbot)
    asked = []
    page.ask = lambda parent, title, suggested, filters: (asked.append(suggested) or str(tmp_path / name), filters)
    name = "gripp2"
    page.ui.gripp2Button.click()
    assert docx.Document(str(tmp_path / "gripp2.docx")).paragraphs[0].text.startswith("GRIPP2 short form")
    name = "standards.docx"
    page.ui.standardsButton.click()
    assert docx.Document(str(tmp_path / name)).paragraphs[0].text.startswith("UK Standards")
    name = "p.docx"
    page.ui.participationButton.click()
    assert len(docx.Document(str(tmp_path / name)).inline_shapes) == 8
    name = "t.csv"
    page.ui.csvButton.click()
    assert (tmp_path / "t-spoke.csv").exists()
    assert page.ui.statusLabel.text().startswith("Wrote 16 CSV files")
    assert asked[0].endswith("gripp2-report.docx")


def test_the_chart_follows_text_size_and_high_contrast(window, qtbot, appearance):
    page = reports_page(window, qtbot)
    before = page.chart_view.style
    assert before.paper.lower() != "#000000"
    appearance.set_scale(2.0)
    qtbot.waitUntil(lambda: page.chart_view.style.font_size > before.font_size * 1.5)
    appearance.set_high_contrast(True)
    qtbot.waitUntil(lambda: page.chart_view.style.paper == "#000000")
    assert page.chart_view.style.ink == "#FFFFFF" and page.chart_view.style.palette[0] == "#FFFF00"


def test_at_twice_the_text_size_the_chart_keeps_every_word_on_it_as_its_side_is_resized(window, qtbot, appearance):
    from chart_words import off_the_figure

    window.resize(1366, 768)
    page = reports_page(window, qtbot)
    appearance.set_scale(2.0)
    view = page.chart_view
    qtbot.waitUntil(lambda: view.style.font_size > 15)
    page.ui.chartCombo.setCurrentIndex(page.ui.chartCombo.findText("Chart: Share of those present who spoke, per meeting"))
    assert view.chart.axis == "Share of those present who spoke"
    total = sum(page.ui.splitter.sizes())
    for share in (0.6, 0.0):  # and narrowed as far as it goes
        page.ui.splitter.setSizes([int(total * share), total - int(total * share)])
        qtbot.waitUntil(lambda: abs(view.figure.bbox.width - view.canvas.width() * view.canvas.device_pixel_ratio) < 2)
        view.canvas.draw()
        assert off_the_figure(view.figure) == [], share
        assert view.figure.axes[0].yaxis.label.get_text().split() == ["Share", "of", "those", "present", "who",
                                                                      "spoke", "(%)"]
