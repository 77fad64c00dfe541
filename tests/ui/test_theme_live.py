"""Switching the theme while the app runs (View > High-contrast theme, Ctrl+Shift+H)
must look exactly as the app looks after a restart in that theme: quiet hint lines
readable on the new background, and the open decision's details redrawn in the new
theme's colours (links, the bars of the share of sources)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextFrame, QTextTable
from PySide6.QtWidgets import QApplication

from leap_desktop.views.pages.decision_log import DecisionLogPage

from .helpers import CTRL_SHIFT, activate, press


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(text: QColor, background: QColor) -> float:
    """The WCAG contrast ratio of text (its transparency laid over the background)."""
    a = text.alphaF()
    seen = QColor.fromRgbF(*(a * t + (1 - a) * b for t, b in zip(
        (text.redF(), text.greenF(), text.blueF()), (background.redF(), background.greenF(), background.blueF()))))
    light, dark = sorted((_luminance(seen), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def trace_colours(page) -> tuple[set[str], set[str]]:
    """The colours the details pane draws its links and its bars in."""
    document = page.ui.traceView.document()
    links, bars = set(), set()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.isValid() and fragment.charFormat().isAnchor():
                links.add(fragment.charFormat().foreground().color().name())
            fragments += 1
        block = block.next()

    def walk(frame: QTextFrame) -> None:
        if isinstance(frame, QTextTable):
            for row in range(frame.rows()):
                for column in range(frame.columns()):
                    background = frame.cellAt(row, column).format().background()
                    if background.style() != Qt.BrushStyle.NoBrush:
                        bars.add(background.color().name())
        for child in frame.childFrames():
            walk(child)

    walk(document.rootFrame())
    return links, bars


def test_switching_the_theme_live_looks_as_it_does_after_a_restart(window, appearance, demo_ctx, demo_service, qtbot):
    page = window.show_page("decisions")
    decision = next(r.decision for r in demo_service.decision_log()
                    if any(c.voice.named for c in demo_service.trace(r.decision.id).coproducers))
    page.show_record(decision.id)
    activate(window, qtbot)
    for high_contrast in (True, False, True):
        press(qtbot, Qt.Key.Key_H, CTRL_SHIFT)  # View > High-contrast theme
        assert appearance.high_contrast is high_contrast
        QApplication.processEvents()
        background = page.palette().color(QPalette.ColorRole.Window)
        for hint in (page.ui.intro, page.ui.countLabel):  # e.g. "15 decisions"
            assert contrast(hint.palette().color(QPalette.ColorRole.WindowText), background) >= 4.5, hint.text()
        links, bars = trace_colours(page)
        base = page.ui.traceView.viewport().palette().color(QPalette.ColorRole.Base)
        assert links and all(contrast(QColor(link), base) >= 4.5 for link in links), (links, base.name())

        # What a restart in this theme would show: a page made afresh now.
        fresh = DecisionLogPage(demo_ctx)
        qtbot.addWidget(fresh)
        fresh.show_record(decision.id)
        assert (links, bars) == trace_colours(fresh)
        assert bars == {QApplication.palette().color(QPalette.ColorRole.Highlight).name()}
        for name in ("intro", "countLabel"):
            live, new = getattr(page.ui, name), getattr(fresh.ui, name)
            assert live.palette().color(QPalette.ColorRole.WindowText) == new.palette().color(
                QPalette.ColorRole.WindowText)


def test_a_theme_switch_on_another_page_reaches_the_decision_log_when_shown(window, appearance, demo_ctx,
                                                                          demo_service, qtbot):
    page = window.show_page("decisions")
    decision = demo_service.decision_log()[0].decision
    page.show_record(decision.id)
    window.show_page("actions")
    activate(window, qtbot)
    press(qtbot, Qt.Key.Key_H, CTRL_SHIFT)
    assert appearance.high_contrast
    page = window.show_page("decisions")
    QApplication.processEvents()
    fresh = DecisionLogPage(demo_ctx)
    qtbot.addWidget(fresh)
    fresh.show_record(decision.id)
    assert page.current().id == decision.id
    assert trace_colours(page) == trace_colours(fresh)
    assert trace_colours(page)[1] == {"#ffff00"}  # the high-contrast theme's yellow
