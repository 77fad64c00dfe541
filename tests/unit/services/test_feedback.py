""""What your input changed" (issue 13): it names its member, everyone else as their
consent allows, and agrees with the minutes' "You said, we did"."""

from __future__ import annotations

import io

import docx
import pytest

from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.impact_vocab import Uptake
from leap_desktop.domain.model import Person
from leap_desktop.export import feedback_docx
from leap_desktop.services import feedback, minutes

from clock import FIXED_NOW as NOW
from consent_panel import build_consent_panel, found

ZARA = ("Zara", "Zed", "Quinn", "Z.Q.")  # anonymous
RHYS = ("Rhys", "Morgan", "R.M.")  # role only
TESS = ("Tess", "Vale")  # initials


def text_of(fb, **options) -> str:
    document = docx.Document(io.BytesIO(feedback_docx.render(fb, now=NOW, **options)))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs + section.footer.paragraphs)
    props = document.core_properties
    parts += [props.title, props.subject, props.author, props.comments, props.keywords]
    return "\n".join(parts)


@pytest.fixture
def panel(service):
    return build_consent_panel(service)


def person(service, name):
    return service.resolve(Person, name)


def test_each_document_names_its_member_and_no_one_else_against_their_consent(panel, service):
    meeting = panel["meeting"]
    made = dict((p.display_name, fb) for p, fb in feedback.for_meeting(service, meeting))
    assert sorted(made) == ["Amy Nolan", "Rhys Morgan", "Tess Vale", "Zara Quinn"], "everyone present"
    amy = text_of(made["Amy Nolan"])
    assert "What your input changed: Amy Nolan" in amy
    assert found(amy, ZARA + RHYS + TESS) == [], "anonymous, role-only and initials people are not named"
    zara = text_of(made["Zara Quinn"])
    assert "What your input changed: Zara Quinn" in zara, "her own document names her"
    assert found(zara, RHYS + TESS) == []
    rhys = text_of(made["Rhys Morgan"])
    assert "Rhys Morgan" in rhys and found(rhys, ZARA + TESS) == []
    assert "I agree with [name removed]'s point; [name removed] said it. [name removed] too" in amy


def test_what_was_said_and_shaped_with_what_happened_next(panel, service):
    amy = person(service, "amy")
    other = service.add_contribution(panel["item"].id, amy.id, "suggestion", "Send papers two weeks ahead.")
    service.impact.mark_uptake(other.ref, "not taken up", "The papers are only ready a week before.")
    fb = feedback.build_feedback(service, amy)
    assert [s.ref for s in fb.said] == ["C-2", "C-4", other.ref]
    assert [s.uptake for s in fb.said] == [Uptake.SHAPED, Uptake.SHAPED, Uptake.NOT_TAKEN_UP]
    (decision,) = fb.decisions
    assert decision.ref == panel["decision"].ref and decision.from_refs == ["C-2", "C-4"]
    assert {a.what for a in decision.next_steps} == {"[name removed] to send the plan", "[name removed] to check"}
    text = text_of(fb)
    assert "Send papers two weeks ahead." in text and "The papers are only ready a week before." in text
    assert "What was not taken up, and why" in text and "Decisions your input shaped" in text
    assert "My private worry (Amy, just this once)." in text, "her own words, her own name: it is hers"


def test_you_said_we_did_is_the_minutes_list_for_this_member(panel, service):
    later = panel["later"]
    check = next(a for a in service.actions() if a.title == "Rhys to check")
    service.edit_action(check.id, closed_on="2026-03-20")
    room = next(a for a in service.actions() if a.title == "Tess to book the room")
    service.set_action_status(room.id, "done", outcome="Booked")
    service.edit_action(room.id, closed_on="2026-03-21")
    for p in (person(service, "amy"), person(service, "tess")):
        service.set_attendance(later.id, p.id, status="present")
    built = minutes.build_minutes(service, later)
    assert [a.ref for a in built.you_said_we_did] == [check.ref, room.ref]
    made = {p.display_name: fb for p, fb in feedback.for_meeting(service, later)}
    assert made["Amy Nolan"].you_said_we_did == built.you_said_we_did[:1], "the same line, word for word"
    assert made["Tess Vale"].you_said_we_did == [], "her words shaped no decision"
    assert made["Amy Nolan"].said == [], "she said nothing at this meeting"


def test_the_period_limits_what_was_said(panel, service):
    amy = person(service, "amy")
    assert feedback.build_feedback(service, amy, since="2026-03-06").said == []
    assert len(feedback.build_feedback(service, amy, since="2026-03-01", until="2026-03-31").said) == 2
    with pytest.raises(RuleError, match=r"The period starts \(2026-04-01\) after it ends \(2026-03-01\)"):
        feedback.build_feedback(service, amy, since="2026-04-01", until="2026-03-01")
    with pytest.raises(RuleError, match="--from must be a date like 2026-03-31"):
        feedback.build_feedback(service, amy, since="March")


def test_nobody_present_is_refused(panel, service):
    with pytest.raises(RuleError, match="Nobody is recorded as present at M-2"):
        feedback.for_meeting(service, panel["later"])


def test_a_meeting_not_yet_held_has_no_feedback(panel, service):
    planned = service.add_meeting(title="May panel", starts_at="2026-05-07 14:00")
    service.set_attendance(planned.id, person(service, "amy").id, status="present")
    with pytest.raises(RuleError, match="M-3 has not been held \\(planned\\)"):
        feedback.for_meeting(service, planned)
