"""The decision log's search box, typed into: it finds decisions by what shaped them and
who (as consent allows), with or without accents (issue 10, item 16)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from leap_desktop.views.pages.decision_log import DecisionLogPage

from .meeting_helpers import show


def refs(page) -> list[str]:
    return [page.model.index(r, page.model.REF).data() for r in range(page.model.rowCount())]


def search(page, qtbot, text: str) -> list[str]:
    page.ui.searchEdit.clear()
    page.ui.searchEdit.setFocus()
    for ch in text:  # as typed, a key at a time (QTest cannot type "â": a key event carrying it)
        if ch.isascii():
            qtbot.keyClicks(page.ui.searchEdit, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(page.ui.searchEdit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    assert page.ui.searchEdit.text() == text
    page.apply_filter()
    return refs(page)


def test_typing_a_source_word_or_a_co_producer_finds_the_decision(ctx, service, small_panel, qtbot):
    item = small_panel["item"]
    sian = service.add_person(display_name="Siân Llewelyn", roles=["lived_experience"], consent="named")
    said = service.add_contribution(item.id, sian.id, "insight", "The hospital letters frightened me.")
    decision = service.record_decision(title="Write to people in plain words", status="agreed",
                                       method="consensus", sources=[said.id])
    page = show(qtbot, DecisionLogPage(ctx))
    for typed in ("hospital", "Siân", "Sian", "llewelyn"):
        assert search(page, qtbot, typed) == [decision.ref], typed
    assert page.ui.countLabel.text() == "1 of 1 decision match"


def test_a_hidden_name_typed_without_its_accent_still_finds_nothing(ctx, service, small_panel, qtbot):
    """Siân is shown by role only; the decision's title names her (the panel reads
    "[name removed]"). Neither "Siân" nor "Sian" may find it."""
    service.add_person(display_name="Siân Hughes", roles=["carer"], consent="role_only")
    service.record_decision(title="Ask Siân about the carers' group", status="agreed", method="consensus")
    page = show(qtbot, DecisionLogPage(ctx))
    for typed in ("Siân", "Sian", "SIAN", "Hughes"):
        assert search(page, qtbot, typed) == [], typed
        assert page.ui.countLabel.text().endswith("Names of members who are not shown by name are not searched for.")
    assert search(page, qtbot, "carers") != []  # the other words still find it
