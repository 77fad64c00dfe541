"""Consent in everything the panel reads, free text included (QA findings 4, 5, 7 and 8),
on the panel of ``tests/consent_panel.py``."""

from __future__ import annotations

import csv
import io
import json

import docx
import pytest

from leap_desktop.domain.model import Meeting
from leap_desktop.export import csv_export, decisions_docx, minutes_docx, review_docx
from leap_desktop.services import approval, minutes, reviews

from consent_panel import EVERYONE, HIDDEN, build_consent_panel, found

from clock import FIXED_NOW as NOW
from .test_minutes_docx import all_text


@pytest.fixture
def panel(service):
    return build_consent_panel(service)


def minutes_text(service, meeting, **options) -> str:
    built = minutes.build_minutes(service, meeting, **options)
    return all_text(docx.Document(io.BytesIO(minutes_docx.render(built, now=NOW))))


def test_named_minutes_keep_hidden_names_out_of_free_text(panel, service):
    text = minutes_text(service, panel["meeting"])
    assert found(text, HIDDEN) == []
    assert "I agree with [name removed]'s point; [name removed] said it. [name removed] too" in text
    assert "what did T.V. mean?" in text and "Amy Nolan" in text
    assert "Minutes: Meeting with [name removed]" in text and "[name removed]'s house" in text
    assert "My private worry ([name removed], just this once)." in text, "her anonymous remark does not name her"


def test_anonymised_minutes_have_no_name_in_any_case(panel, service):
    text = minutes_text(service, panel["meeting"], anonymised=True)
    assert found(text, EVERYONE) == []


@pytest.mark.parametrize("anonymised", [False, True])
def test_an_anonymous_chair_presenter_or_owner_is_not_tied_to_their_words(panel, service, anonymised):
    built = minutes.build_minutes(service, panel["meeting"], anonymised=anonymised)
    text = minutes_text(service, panel["meeting"], anonymised=anonymised)
    # Counted under Attendance, not listed with their role at the meeting.
    assert "(chair)" not in text
    assert "and 1 member who chose to stay anonymous" in text and "Present (4):" in text
    assert [a.name for a in built.present if a.name.startswith("Anonymous")] == []
    # No presenter for the item they presented; the other item still says who presented.
    first, second = built.items[:2]
    assert first.presenter is None and second.presenter == ("Practitioner" if anonymised else "T.V.")
    # What they said keeps its numbered label; the action they own does not carry it.
    assert any(s.by == "Anonymous member 1" for s in first.said)
    assert [a.owner for a in built.actions if a.what.endswith("to send the plan")] == ["Anonymous member"]


def test_trace_free_text_and_owners_follow_consent(panel, service):
    data = service.trace(panel["decision"].id).as_json()
    text = json.dumps(data, ensure_ascii=False)
    assert found(text, HIDDEN) == []
    assert data["decision"]["title"] == "Adopt [name removed]'s plan"
    assert {a["owner"] for a in data["actions"]} == {"Anonymous member", "Researcher"}
    assert "Anonymous member 1" in {c["name"] for c in data["coproducers"]}


def test_decision_and_action_exports_keep_hidden_names_out(panel, service, tmp_path):
    rows = service.decision_log()
    for anonymised, forms in ((False, HIDDEN), (True, EVERYONE)):
        decisions = csv_export.decisions_csv(service, rows, anonymised=anonymised).decode("utf-8-sig")
        actions = csv_export.actions_csv(service, service.actions(), anonymised=anonymised).decode("utf-8-sig")
        log = all_text(docx.Document(io.BytesIO(decisions_docx.render(service, rows, filters="", anonymised=anonymised, now=NOW))))
        for text in (decisions, actions, log):
            assert found(text, forms) == []
    table = list(csv.DictReader(io.StringIO(csv_export.actions_csv(service, service.actions()).decode("utf-8-sig"))))
    assert {r["What"]: r["Owner"] for r in table} == {
        "[name removed] to check": "Researcher",
        "T.V. to book the room": "T.V.",
        "[name removed] to send the plan": "Anonymous member",
    }
    assert table[0]["Outcome"] == "[name removed] checked with [name removed]"


def test_an_accepted_review_does_not_print_the_reviewers_name_in_the_minutes(panel, service, tmp_path):
    meeting, later = panel["meeting"], panel["later"]
    approval.circulate(service, meeting.id)
    approval.approve(service, meeting.id, later.id)
    path = tmp_path / "approved.docx"
    path.write_bytes(minutes_docx.render(minutes.build_minutes(service, meeting), now=NOW))
    document = docx.Document(str(path))
    heading = next(p for p in document.paragraphs if p.text.startswith("1. "))
    document.add_comment(heading.runs, text="Please fix the title.", author="Zara Quinn", initials="ZQ")
    document.save(str(path))
    (review,) = review_docx.import_review(service, meeting, path).added
    reviews.accept(service, review.ref, {"title": "The proposal"})
    assert approval.versions(service, meeting.id)[-1].amendment_reason == f"Review {review.ref} accepted: Please fix the title."
    text = minutes_text(service, service.get(Meeting, meeting.id))
    assert f"Review {review.ref} accepted: Please fix the title." in text
    assert found(text, HIDDEN) == []
