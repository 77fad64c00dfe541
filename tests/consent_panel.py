"""A panel built to test consent in free text (QA findings 4, 5, 7 and 8).

Zara Quinn ("Zed"), a carer who chose to stay anonymous, chairs the meeting, presents
an item, speaks, co-produces, dissents and owns an action; Rhys Morgan, a researcher
shown by role only; Tess Vale, a practitioner shown by initials; Amy Nolan, named, who
made one remark anonymous. People write each other's names in free text, in upper and
lower case, as they do in a meeting.
"""

import re

HIDDEN = ("Zara", "Zed", "Quinn", "Z.Q.", "Rhys", "Morgan", "R.M.", "Tess", "Vale")  # never in panel-facing text
EVERYONE = HIDDEN + ("Amy", "Nolan", "T.V.")  # none of these in the edition for publication


def found(text: str, forms) -> list[str]:
    """The name forms of ``forms`` in ``text``, in any case."""
    return [f for f in forms if re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", text, re.IGNORECASE)]


def build_consent_panel(s):
    """Build the panel described above in the open service ``s``; returns its records."""
    s.set_panel(name="Consent panel", advises="A study run by Zara Quinn's team")
    amy = s.add_person(display_name="Amy Nolan", roles=["lived_experience"], consent="named")
    zara = s.add_person(display_name="Zara Quinn", preferred_name="Zed", roles=["carer"], consent="anonymous")
    rhys = s.add_person(display_name="Rhys Morgan", roles=["researcher"], consent="role_only")
    tess = s.add_person(display_name="Tess Vale", roles=["practitioner"], consent="initials")
    meeting = s.add_meeting(title="Meeting with Zara Quinn", starts_at="2026-03-05 14:00", place="Zara's house")
    later = s.add_meeting(title="April panel", starts_at="2026-04-02 14:00")
    for p in (amy, zara, rhys, tess):
        s.set_attendance(meeting.id, p.id, status="present", meeting_role="chair" if p is zara else None)
    item = s.add_item(meeting.id, title="zara's proposal", purpose="decision", presenter_id=zara.id,
                      notes="Zara Quinn to present; see RHYS's notes")
    other = s.add_item(meeting.id, title="Tess presents", purpose="discussion", presenter_id=tess.id)
    c1 = s.add_contribution(item.id, zara.id, "insight", "As a carer I found this hard.")
    c2 = s.add_contribution(item.id, amy.id, "agreement", "I agree with zara's point; Zed said it. Z.Q. too")
    c3 = s.add_contribution(item.id, rhys.id, "question", "Rhys here: what did tess mean?")
    c4 = s.add_contribution(item.id, amy.id, "concern", "My private worry (Amy, just this once).", attribution="anonymous")
    decision = s.record_decision(
        title="Adopt Zara's plan", text="Zara Quinn's plan is adopted.", rationale="Rhys agreed.", summary="We use Zed's plan",
        method="vote", votes_for=3, votes_against=1, votes_abstain=0, status="agreed", level="collaborate", item_id=item.id,
        sources=[(c1.id, "Zara's insight"), (c2.id, None), (c3.id, None), (c4.id, "Amy's own worry")],
        coproducers=[(zara.id, "Zara drafted it"), (rhys.id, None)],
        dissent=[(zara.id, "I, Zara, disagree with part"), (None, "Someone disagreed with Tess")],
    )
    s.add_action(title="Zara to send the plan", owner_id=zara.id, due_on="2026-06-20", decision_id=decision.id)
    done = s.add_action(title="Rhys to check", owner_id=rhys.id, due_on="2026-03-20", decision_id=decision.id)
    s.add_action(title="Tess to book the room", owner_id=tess.id, due_on="2026-03-25", item_id=other.id)
    s.set_action_status(done.id, "done", outcome="Rhys checked with zara quinn")
    meeting = s.set_meeting_status(meeting.id, "held")
    later = s.set_meeting_status(later.id, "held")
    return {"meeting": meeting, "later": later, "decision": decision, "item": item}
