"""How the panel decided has one name on every screen, "Decision process": the meeting's
decision form, the decision log's status dialog (its label said "How it was decided",
its screen reader name "Decision method") and the log's trace ("method: consensus")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from leap_desktop.domain.vocab import DecisionMethod, DecisionStatus
from leap_desktop.views.dialogs.decisions import DecisionStatusDialog

from .helpers import CTRL_SHIFT, activate, press, wait_dialog
from .test_decision_log_page import choose, select_status

K = Qt.Key


def words_about_method(root: QWidget) -> list[str]:
    """What a person or a screen reader is told on ``root`` that still says "method"."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        for text in (getattr(widget, "text", lambda: "")(), widget.accessibleName(), widget.accessibleDescription(),
                     widget.toolTip()):
            if isinstance(text, str) and "method" in text.lower():
                found.append(f"{widget.objectName()}: {text}")
    return found


def shown(label) -> str:
    return label.text().replace("&", "")


def test_the_status_dialog_says_decision_process_with_its_own_alt_key(window, qtbot):
    page = window.show_page("decisions")
    activate(window, qtbot)
    select_status(page, qtbot, DecisionStatus.PROPOSED)
    press(qtbot, K.Key_S, CTRL_SHIFT)
    dialog = wait_dialog(window, qtbot, DecisionStatusDialog)
    choose(qtbot, dialog.ui.statusCombo, "Agreed")
    ui = dialog.ui
    assert ui.methodLabel.isVisible()
    assert shown(ui.methodLabel) == ui.methodCombo.accessibleName() == "Decision process"
    assert words_about_method(dialog) == []
    ui.statusCombo.setFocus()
    press(qtbot, K.Key_P, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is ui.methodCombo
    dialog.reject()


def test_meeting_modes_decision_form_says_it_the_same_way(window, demo_service):
    page = window.show_page("meeting_mode", demo_service.meetings()[-2].id)
    ui = page.ui
    ui.sideTabs.setCurrentWidget(ui.decisionTab)
    assert shown(ui.methodLabel) == ui.methodCombo.accessibleName() == "Decision process"
    assert words_about_method(ui.decisionTab) == []


def test_the_decision_logs_trace_names_the_decision_process(window, qtbot, demo_service):
    decision = next(d for d in demo_service.decisions() if d.method is DecisionMethod.CONSENSUS)
    page = window.show_page("decisions", decision.id)
    qtbot.waitUntil(lambda: decision.ref in page.ui.traceView.toPlainText())
    text = page.ui.traceView.toPlainText()
    assert "decision process: consensus" in text
    assert "method" not in text.lower()
