"""The minutes in Word, read back with python-docx as a reader (or a screen reader) would."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from leap_desktop.domain import rules
from leap_desktop.domain.model import Decision, Meeting, Person
from leap_desktop.domain.vocab import DecisionMethod
from leap_desktop.export import minutes_docx
from leap_desktop.services import minutes
from leap_desktop.services.trace import Voices, people_by_id

from clock import FIXED_NOW as NOW


def export(svc, meeting, **options) -> bytes:
    return minutes_docx.render(minutes.build_minutes(svc, meeting, **options), now=NOW)


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def bookmarks(document) -> list[str]:
    return [b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))]


def vote_meeting(svc) -> tuple[Meeting, Decision]:
    decision = next(d for d in svc.decisions() if d.method is DecisionMethod.VOTE and svc.dissent(d.id))
    return svc.get(Meeting, decision.meeting_id), decision


def test_minutes_show_each_person_exactly_as_their_consent_allows(demo):
    meeting, _ = vote_meeting(demo)
    text = all_text(read(export(demo, meeting)))
    people = {p.display_name: p for p in demo.people()}
    said_here = {c.person_id for i in demo.agenda(meeting.id) for c in demo.contributions(i.id)}
    for person in people.values():
        level = person.consent
        if level.value != "named":
            assert person.display_name not in text, f"{person.display_name} chose {level.label.lower()}"
        if level.value == "named" and person.id in said_here:
            assert person.display_name in text
        if level.value == "initials" and person.id in said_here:
            assert rules.initials(person.display_name) in text
    assert "Anonymous member" in text


def test_every_decision_is_there_with_its_coproducers_dissent_and_vote(demo):
    meeting, voted = vote_meeting(demo)
    document = read(export(demo, meeting))
    text = all_text(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    voices = Voices(people_by_id(demo))
    for decision in demo.decisions(meeting.id):
        assert f"Decision {decision.ref}: {decision.title}" in headings
        trace = demo.trace(decision.id)
        for coproducer in trace.coproducers:
            assert coproducer.voice.label in text
        for source in trace.sources:
            assert source.contribution.text in text
    assert "{} for, {} against, {} abstaining".format(*voted.votes) in text
    for dissent in demo.dissent(voted.id):
        assert dissent.text in text
        assert voices.of(dissent.person_id).label in text
    assert f"Involvement: {voted.level.label.lower()} (rung {voted.level.rung} of 5)" in text


def test_structure_is_built_on_word_styles_with_a_marked_table_header(demo):
    meeting = demo.resolve(Meeting, "M-12")
    document = read(export(demo, meeting))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title"
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Attendance", "Agenda", "Discussion and decisions", "Actions", "You said, we did",
                  "Co-authors", "Versions and approval"]
    items = demo.agenda(meeting.id)
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert h2 == [f"{i.position}. {i.title}" for i in items]
    assert styles.count("List Bullet") >= len([c for i in items for c in demo.contributions(i.id)])
    actions_table = document.tables[0]
    assert [c.text for c in actions_table.rows[0].cells] == ["Ref", "What", "Owner", "Due", "Status"]
    header = actions_table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"
    refs = [row.cells[0].text for row in actions_table.rows[1:]]
    item_ids = {i.id for i in items}
    decision_ids = {d.id for d in demo.decisions(meeting.id)}
    expected = [a.ref for a in demo.actions() if a.item_id in item_ids or a.decision_id in decision_ids]
    assert sorted(refs) == sorted(expected) and refs


def test_draft_is_marked_on_every_page_until_approved(demo):
    draft = read(export(demo, demo.resolve(Meeting, "M-12")))
    assert draft.sections[0].header.paragraphs[0].text.startswith("DRAFT")
    assert any(p.text.startswith("DRAFT (version 1") for p in draft.paragraphs)
    assert draft.core_properties.content_status == "Draft"
    approved = read(export(demo, demo.resolve(Meeting, "M-3")))
    assert approved.sections[0].header.paragraphs[0].text.startswith("Approved minutes")
    assert "DRAFT" not in all_text(approved)


def test_anchors_for_every_item_decision_and_action_and_a_marker(demo):
    meeting = demo.resolve(Meeting, "M-12")
    document = read(export(demo, meeting))
    names = bookmarks(document)
    for item in demo.agenda(meeting.id):
        assert f"leap_item_{item.number}" in names
    for decision in demo.decisions(meeting.id):
        assert f"leap_decision_{decision.number}" in names
    markers = [n for n in names if n.startswith("leap_meeting_")]
    assert markers == [minutes.marker_name(demo.panel().id, meeting, 1)]
    assert all(len(n) <= 40 for n in names), "Word keeps bookmark names of at most 40 characters"


def test_properties_name_the_panel_and_the_meeting(demo):
    meeting = demo.resolve(Meeting, "M-12")
    props = read(export(demo, meeting)).core_properties
    assert props.title == f"Minutes: {meeting.title}"
    assert props.author == demo.panel().name
    assert props.last_modified_by == "LEAP Desktop"
    assert "M-12" in props.subject and "minutes" in props.keywords
    assert props.revision == 1 and props.created.year == 2026


def test_you_said_we_did_lists_actions_completed_since_the_last_meeting(demo):
    meeting = demo.resolve(Meeting, "M-12")
    previous = demo.previous_meeting(meeting)
    done = demo.you_said_we_did(previous.day, meeting.day)
    assert done, "the demo closes an action between M-11 and M-12"
    document = read(export(demo, meeting))
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["You said", "We did", "Who, when"]
    we_did = "\n".join(row.cells[1].text for row in table.rows[1:])
    for action in done:
        assert action.outcome in we_did


def test_the_line_before_each_table_and_list_stays_on_its_page(demo):
    # "You said, we did" and its line once ended page 3 of the April minutes, its table
    # on page 4: the line that introduces a table or a list keeps with what it introduces.
    document = read(export(demo, demo.resolve(Meeting, "M-12")))
    body = list(document.element.body.iterchildren())
    lines = [docx.text.paragraph.Paragraph(e, document) for e, after in zip(body, body[1:])
             if e.tag == qn("w:p") and after.tag == qn("w:tbl")]
    lines = [p for p in lines if not p.style.name.startswith("Heading")]  # headings keep by their style
    lines += [p for p in document.paragraphs if p.text.startswith("These minutes record the words")]
    assert [p.text.split(",")[0] for p in lines] == [
        "Actions agreed at this meeting", "Actions completed since the last meeting (since M-11",
        "These minutes record the words of everyone who contributed"]
    assert [p.text for p in lines if not p.paragraph_format.keep_with_next] == []


def name_patterns(people: list[Person]) -> list[re.Pattern]:
    words = set()
    for p in people:
        for name in (p.display_name, p.preferred_name or ""):
            if name:
                words.add(name)
                words.update(part for part in name.split() if len(part) >= 2)
                words.add(rules.initials(name))
    return [re.compile(r"(?<![\w.])" + re.escape(w) + r"(?!\w)") for w in words]


def test_anonymised_minutes_have_no_name_or_initials_anywhere(demo):
    meeting, _ = vote_meeting(demo)
    data = export(demo, meeting, anonymised=True)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = "\n".join(package.read(name).decode("utf-8", "replace") for name in package.namelist() if name.endswith(".xml"))
    text = re.sub(r"<[^>]+>", " ", xml)
    for pattern in name_patterns(demo.people()):
        assert not pattern.search(text), f"found {pattern.pattern} in the anonymised minutes"
    document = read(data)
    assert "Lived experience member" in all_text(document)
    assert document.core_properties.author == demo.panel().name
    assert "anonymised" in document.core_properties.keywords


def test_names_inside_what_was_said_are_removed_when_anonymised(small_panel, service):
    s = small_panel
    service.edit_meeting(s["meeting"].id, status="held")
    service.add_contribution(s["item"].id, s["people"]["amira"].id, "agreement", "I agree with Ben Okafor and Cat.")
    data = minutes_docx.render(minutes.build_minutes(service, service.get(Meeting, s["meeting"].id), anonymised=True))
    text = all_text(read(data))
    assert "I agree with [name removed] and [name removed]." in text
    assert "Ben" not in text and "Amira" not in text


def test_an_old_version_is_shown_from_its_snapshot(demo):
    from leap_desktop.services import approval

    meeting = demo.resolve(Meeting, "M-11")
    later = demo.resolve(Meeting, "M-12")
    approval.approve(demo, meeting.id, later.id)
    item = demo.agenda(meeting.id)[2]
    approval.amend(demo, meeting.id, "The item title was wrong")
    demo.edit_item(item.id, title="A corrected title")
    current = all_text(read(export(demo, meeting)))
    old = all_text(read(export(demo, meeting, version=1)))
    assert "A corrected title" in current and "A corrected title" not in old
    assert item.title in old
    assert "The item title was wrong" in current  # the version history says why
    with pytest.raises(Exception, match="no version 7"):
        minutes.build_minutes(demo, meeting, version=7)
