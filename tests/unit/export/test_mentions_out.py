"""Issue 10, item 18: a mention (``@[P-12]``) shows its person exactly as their consent
allows in every output: minutes named and anonymised, the decision log (Word and CSV),
the action list, a trace, search results, the screens' text and the command."""

from __future__ import annotations

import io
import json

import docx
import pytest

from leap_desktop.cli import main
from leap_desktop.export import csv_export, decisions_docx
from leap_desktop.models.free_text import PanelText
from leap_desktop.services import PanelService

from clock import FIXED_NOW as NOW
from .test_consent_in_text import minutes_text
from .test_minutes_docx import all_text

NAMED = "I agree with @[P-1], @[P-2], @[P-3] and @[P-4]"
SHOWN = "I agree with Amy Nolan, [name removed], [researcher] and T.V."
ANONYMISED = "I agree with [lived experience member], [name removed], [researcher] and [practitioner]"


@pytest.fixture
def panel(service):
    amy = service.add_person(display_name="Amy Nolan", roles=["lived_experience"], consent="named")
    service.add_person(display_name="Zara Quinn", roles=["carer"], consent="anonymous")
    service.add_person(display_name="Rhys Morgan", roles=["researcher"], consent="role_only")
    service.add_person(display_name="Tess Vale", roles=["practitioner"], consent="initials")
    meeting = service.add_meeting(title="Plan with @[P-2]", starts_at="2026-03-05 14:00")
    item = service.add_item(meeting.id, title="@[P-3]'s item", purpose="decision", notes="@[P-4] to present")
    said = service.add_contribution(item.id, amy.id, "agreement", NAMED)
    decision = service.record_decision(title="Adopt @[P-2]'s plan", text=NAMED, method="consensus", status="agreed",
                                       level="collaborate", item_id=item.id, sources=[(said.id, None)])
    service.add_action(title="@[P-3] to send the plan", owner_id=amy.id, due_on="2026-06-20", decision_id=decision.id)
    meeting = service.set_meeting_status(meeting.id, "held")
    return {"meeting": meeting, "decision": decision}


def no_token(text: str) -> bool:
    return "@[" not in text and "P-2" not in text and "P-3" not in text


def test_minutes_named_and_anonymised(panel, service):
    named = minutes_text(service, panel["meeting"])
    assert SHOWN in named and "Minutes: Plan with [name removed]" in named
    assert "[researcher]'s item" in named and "T.V. to present" in named
    assert "[researcher] to send the plan" in named and no_token(named)
    anonymised = minutes_text(service, panel["meeting"], anonymised=True)
    assert ANONYMISED in anonymised and no_token(anonymised) and "Amy" not in anonymised


def test_decision_log_action_list_and_trace(panel, service):
    rows = service.decision_log()
    for anonymised, expected in ((False, SHOWN), (True, ANONYMISED)):
        log = all_text(docx.Document(io.BytesIO(decisions_docx.render(service, rows, filters="", anonymised=anonymised,
                                                                       now=NOW))))
        table = csv_export.decisions_csv(service, rows, anonymised=anonymised).decode("utf-8-sig")
        actions = csv_export.actions_csv(service, service.actions(), anonymised=anonymised).decode("utf-8-sig")
        assert "D-1: Adopt [name removed]'s plan" in log and no_token(log)
        assert expected in table and no_token(table)
        assert "to send the plan" in actions and no_token(actions)
    trace = json.dumps(service.trace(panel["decision"].id).as_json(), ensure_ascii=False)
    assert SHOWN in trace and "Adopt [name removed]'s plan" in trace and no_token(trace)


def test_screens_and_search_results(panel, service):
    shown = PanelText(service)
    assert shown(NAMED) == SHOWN
    hits = service.search("agree")
    assert hits and all(no_token(shown(h.snippet)) for h in hits)


def test_the_command_shows_mentions_as_consent_allows(panel, panel_path):
    service_path = str(panel_path)
    for args in (("decisions",), ("trace", "D-1"), ("actions",), ("agenda", "M-1"), ("search", "agree"),
                 ("meetings",)):
        out, err = io.StringIO(), io.StringIO()
        assert main(["--db", service_path, *args], out=out, err=err) == 0, err.getvalue()
        assert no_token(out.getvalue()), (args, out.getvalue())
    out = io.StringIO()
    main(["--db", service_path, "trace", "D-1"], out=out, err=io.StringIO())
    assert "[name removed]" in out.getvalue()
