"""The review round trip end to end: export, comment in the file as a reviewer would
(python-docx's comments API), import, see the comments linked; bad files refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from leap_desktop.domain.errors import LeapError, RuleError
from leap_desktop.domain.model import AgendaItem, Decision, Meeting, Person
from leap_desktop.domain.vocab import MeetingStatus, MinutesStatus, ReviewStatus
from leap_desktop.export import minutes_docx, review_docx
from leap_desktop.services import approval, minutes, reviews

from clock import FIXED_NOW as NOW


def exported(svc, meeting, path, **options):
    path.write_bytes(minutes_docx.render(minutes.build_minutes(svc, meeting, **options), now=NOW))
    return path


def paragraph(document, starts):
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def comment_as_reviewers(source, target, meeting_decision: Decision):
    """Three reviewers comment in Word: on a decision, in the actions table, on the title."""
    document = docx.Document(str(source))
    heading = paragraph(document, f"Decision {meeting_decision.ref}")
    document.add_comment(heading.runs, text="Please say the workshop is paid time.", author="Amira Khan", initials="AK")
    cell = document.tables[0].rows[1].cells[1].paragraphs[0]
    document.add_comment(cell.runs, text="Can this be due a week later?", author="LIN", initials="LZ")
    document.add_comment(document.paragraphs[0].runs, text="Clear and readable, thank you.", author="A visitor", initials="AV")
    document.save(str(target))
    return target


def audit_count(svc) -> int:
    return svc.store.scalar("SELECT count(*) FROM audit")


@pytest.fixture
def returned(demo, tmp_path):
    meeting = demo.resolve(Meeting, "M-12")
    decision = demo.decisions(meeting.id)[0]
    source = exported(demo, meeting, tmp_path / "minutes.docx")
    return meeting, decision, comment_as_reviewers(source, tmp_path / "minutes-amira.docx", decision)


def test_comments_come_back_linked_to_what_they_were_made_on(demo, returned):
    meeting, decision, path = returned
    result = review_docx.import_review(demo, meeting, path)
    assert [r.text for r in result.added] == [
        "Please say the workshop is paid time.", "Can this be due a week later?", "Clear and readable, thank you."]
    on_decision, on_action, on_title = result.added
    assert on_decision.decision_id == decision.id
    assert on_decision.person_id == demo.resolve(Person, "Amira").id
    assert on_decision.quoted.startswith(f"Decision {decision.ref}")
    table_first = docx.Document(str(path)).tables[0].rows[1].cells[0].text
    assert demo.get(type(demo.actions()[0]), on_action.action_id).ref == table_first
    assert on_action.person_id == demo.resolve(Person, "Lin Zhou").id  # matched regardless of case
    assert on_title.person_id is None and on_title.reviewer == "A visitor"
    assert (on_title.item_id, on_title.decision_id, on_title.action_id) == (None, None, None)
    assert reviews.describe_anchor(demo, on_title) == "the minutes as a whole"
    assert demo.check() == []


def test_importing_the_same_file_twice_adds_nothing_twice(demo, returned):
    meeting, _, path = returned
    first = review_docx.import_review(demo, meeting, path)
    before = audit_count(demo)
    again = review_docx.import_review(demo, meeting, path)
    assert len(first.added) == 3 and again.added == [] and again.already == 3
    assert audit_count(demo) == before
    assert len(reviews.reviews(demo, meeting.id)) == 3


def test_a_file_with_one_more_comment_adds_only_that_one(demo, returned, tmp_path):
    meeting, _, path = returned
    review_docx.import_review(demo, meeting, path)
    document = docx.Document(str(path))
    document.add_comment(document.paragraphs[1].runs, text="One more thing.", author="Ben Okafor", initials="BO")
    document.save(str(tmp_path / "second.docx"))
    result = review_docx.import_review(demo, meeting, tmp_path / "second.docx")
    assert [r.text for r in result.added] == ["One more thing."] and result.already == 3


def test_accept_amends_the_record_and_answer_keeps_a_reply(demo, returned):
    meeting, decision, path = returned
    on_decision, on_action, on_title = review_docx.import_review(demo, meeting, path).added
    reviews.accept(demo, on_decision.ref, {"summary": "Members will co-write it, in paid time."})
    assert demo.get(Decision, decision.id).summary == "Members will co-write it, in paid time."
    accepted = demo.resolve(type(on_decision), on_decision.ref)
    assert accepted.status is ReviewStatus.ACCEPTED and accepted.resolved_on == "2026-06-15"
    reviews.answer(demo, on_title.ref, "Thank you!")
    assert demo.resolve(type(on_title), on_title.ref).reply == "Thank you!"
    with pytest.raises(RuleError, match="already accepted"):
        reviews.accept(demo, on_decision.ref, {"summary": "again"})
    with pytest.raises(RuleError, match="cannot be amended"):
        reviews.accept(demo, on_action.ref, {"owner_id": "x"})
    with pytest.raises(RuleError, match="Say what to change"):
        reviews.accept(demo, on_action.ref, {})
    summaries = [row[0] for row in demo.store.conn.execute("SELECT summary FROM audit WHERE tbl = 'decisions' ORDER BY seq DESC LIMIT 1")]
    assert summaries == [f"Accept review {on_decision.ref}: amend {decision.ref}"]
    assert demo.check() == []


def test_accepting_a_comment_on_approved_minutes_makes_a_new_version(demo, tmp_path):
    meeting = demo.resolve(Meeting, "M-11")
    approval.approve(demo, meeting.id, demo.resolve(Meeting, "M-12").id)
    path = exported(demo, meeting, tmp_path / "approved.docx")
    document = docx.Document(str(path))
    item = demo.agenda(meeting.id)[2]
    heading = paragraph(document, f"3. {item.title}")
    document.add_comment(heading.runs, text="The title should say 'draft'.", author="Carys Evans", initials="CE")
    document.save(str(path))
    (review,) = review_docx.import_review(demo, meeting, path).added
    assert review.item_id == item.id
    reviews.accept(demo, review.ref, {"title": item.title + " (draft)"})
    versions = approval.versions(demo, meeting.id)
    assert [(v.version, v.status) for v in versions] == [(1, MinutesStatus.AMENDED), (2, MinutesStatus.DRAFT)]
    assert versions[0].snapshot and "(draft)" not in versions[0].snapshot
    assert demo.get(Meeting, meeting.id).status is MeetingStatus.MINUTES_DRAFT
    assert demo.get(AgendaItem, item.id).title.endswith("(draft)")


def refused(demo, meeting, path, match):
    before = audit_count(demo)
    with pytest.raises(LeapError, match=match):
        review_docx.import_review(demo, meeting, path)
    assert audit_count(demo) == before, "a refused file changes nothing"


def test_bad_files_are_refused_plainly_and_change_nothing(demo, returned, tmp_path):
    meeting, _, path = returned
    (tmp_path / "notes.txt").write_text("My comments: all fine")
    refused(demo, meeting, tmp_path / "notes.txt", "is not a Word document")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    refused(demo, meeting, tmp_path / "old.doc", r"older Word file \(.doc\)")
    (tmp_path / "cut.docx").write_bytes(path.read_bytes()[:4000])
    refused(demo, meeting, tmp_path / "cut.docx", "is damaged")
    broken = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
    (tmp_path / "broken.docx").write_bytes(broken.getvalue())
    refused(demo, meeting, tmp_path / "broken.docx", "is damaged")
    plain = docx.Document()
    plain.add_paragraph("Minutes typed up again by hand")
    plain.save(str(tmp_path / "retyped.docx"))
    refused(demo, meeting, tmp_path / "retyped.docx", "has no LEAP anchors")
    refused(demo, demo.resolve(Meeting, "M-11"), path, r"holds the minutes of M-12 .*not of M-11")
    refused(demo, meeting, tmp_path / "missing.docx", "There is no file")


def test_minutes_from_another_panel_file_are_refused(demo, returned, service):
    _, _, path = returned
    held = service.add_meeting(title="Elsewhere", starts_at="2026-03-05 14:00", status="held")
    with pytest.raises(RuleError, match="different panel file"):
        review_docx.import_review(service, held, path)


def test_versions_and_reviews_travel_in_the_interchange_document(demo, returned, tmp_path):
    import json

    import jsonschema

    from leap_desktop.services import PanelService, interchange, interchange_schema

    meeting, _, path = returned
    review_docx.import_review(demo, meeting, path)
    earlier = demo.resolve(Meeting, "M-11")
    approval.approve(demo, earlier.id, meeting.id)
    approval.amend(demo, earlier.id, "A name was misspelt")
    text = interchange.dumps(interchange.export_document(demo.store))
    document = json.loads(text)
    jsonschema.validate(document, interchange_schema.json_schema())
    by_ref = {f"M-{m['number']}": m for m in document["meetings"]}
    assert len(by_ref["M-12"]["reviews"]) == 3
    assert [v["status"] for v in by_ref["M-11"]["minutes_versions"]] == ["amended", "draft"]
    with PanelService.open(tmp_path / "copy.leap", create=True) as copy:
        interchange.import_document(copy.store, document)
        assert interchange.dumps(interchange.export_document(copy.store)) == text
        assert copy.check() == []
