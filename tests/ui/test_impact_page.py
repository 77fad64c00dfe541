"""The Impact page (issue 13): the log with both voices, whose view is missing, and
filters by UK Standard, research stage and outcome; on the demo panel."""

from __future__ import annotations

from leap_desktop.models.impact import ImpactModel
from leap_desktop.services.impact_view import build_log


def refs(page) -> list[str]:
    model = page.model
    return [model.index(r, ImpactModel.REF).data() for r in range(model.rowCount())]


def choose(combo, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def test_the_log_with_both_voices_and_filters(window):
    page = window.show_page("impact")
    assert refs(page) == ["E-1", "E-3", "E-2", "E-4"]
    assert page.ui.countLabel.text() == "4 entries; 2 with a view missing"
    detail = page.ui.detailText.toPlainText()
    assert "The researcher's view" in detail and "Eleanor Whitfield, 11 October 2025:" in detail
    assert "Carys Evans" in detail and "Public contributors' views" in detail
    choose(page.ui.standardCombo, "Governance")
    assert refs(page) == ["E-3"]
    assert page.ui.detailText.toPlainText().endswith("No public contributor's view yet.")
    assert page.model.index(0, ImpactModel.VIEWS).data() == "researcher"
    choose(page.ui.standardCombo, "Every UK Standard")
    choose(page.ui.stageCombo, "Dissemination")
    assert refs(page) == ["E-4"]
    choose(page.ui.stageCombo, "Every research stage")
    choose(page.ui.outcomeCombo, "Adapted")
    assert refs(page) == ["E-3"]


def test_the_page_follows_a_change(window):
    page = window.show_page("impact")
    service = window.ctx.service
    service.impact.add_voice("E-3", "public", "amira", "It was our choice, not theirs.", written_on="2026-04-20")
    assert page.ui.countLabel.text() == "4 entries; 1 with a view missing"
    assert page.model.rows() == build_log(service)


def test_a_persons_page_writes_what_their_input_changed(window, tmp_path, monkeypatch):
    import docx
    from PySide6.QtWidgets import QFileDialog

    from leap_desktop.domain.model import Person

    service = window.ctx.service
    dev = service.resolve(Person, "Dev Patel")  # chose to stay anonymous: his own document names him
    page = window.show_page("person", dev.id)
    asked = []

    def ask(parent, title, suggested, filters):
        asked.append(suggested)
        return str(tmp_path / "dev"), "Word document, large print (*.docx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    assert page.ui.feedbackButton.isEnabled()
    page.ui.feedbackButton.click()
    written = tmp_path / "dev.docx"
    assert asked[0].endswith(f"what-your-input-changed-{dev.ref}.docx"), "a reference, not a name"
    document = docx.Document(str(written))
    assert document.core_properties.title == "What your input changed: Dev Patel"
    assert document.core_properties.keywords.endswith("large print")
