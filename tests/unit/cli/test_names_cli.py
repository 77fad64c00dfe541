"""Issue 10, item 18: ``leap names MEETING`` lists the words that only look like a
member's name, in context, and marks each as a person or as not a name."""

from __future__ import annotations

import io
import json

import pytest

from leap_desktop.cli import main
from leap_desktop.domain.model import Contribution
from leap_desktop.services import PanelService

from clock import FIXED_NOW


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "names.leap"
    with PanelService.open(path, create=True, clock=lambda: FIXED_NOW) as svc:
        svc.set_panel(name="Names panel")
        amy = svc.add_person(display_name="Amy Nolan", roles=["carer"], consent="named")
        svc.add_person(display_name="Dev Patel", roles=["lived_experience"], consent="anonymous")
        meeting = svc.add_meeting(title="March panel", starts_at="2026-03-05 14:00")
        item = svc.add_item(meeting.id, title="Consent", purpose="discussion")
        svc.add_contribution(item.id, amy.id, "question", "Will my GP be told? Dev asked the same.")
        svc.set_meeting_status(meeting.id, "held")
        svc.add_person(display_name="Will Hope", roles=["researcher"], consent="role_only")
    return path


def test_names_lists_each_suspect_in_context_then_marks_them(db, tmp_path):
    code, out, err = leap("--db", db, "names", "M-1")
    assert code == 0, err
    assert "1  C-1, what was said  P-3 Will Hope  «Will» my GP be told? Dev asked the same." in out
    assert "2  C-1, what was said  P-2 Dev Patel  Will my GP be told? «Dev» asked the same." in out
    assert "2 words left out of the minutes until checked" in err
    code, out, err = leap("--db", db, "names", "M-1", "--not-a-name", "1", "--person", "2", "P-2")
    assert code == 0, err
    assert "Checked 2 words in the minutes of M-1" in err
    assert "No possible names to check in the minutes of M-1." in out
    with PanelService.open(db) as svc:
        [said] = svc.store.find(Contribution)
        assert said.text == "Will my GP be told? @[P-2] asked the same."
        assert svc.redactor()(said.text) == "Will my GP be told? [name removed] asked the same."


def test_names_refuses_a_bad_number_and_changes_nothing(db):
    before = leap("--db", db, "names", "M-1", "--json")[1]
    for args, message in (
        (("--not-a-name", "7"), "There is no possible name 7 in the minutes of M-1 (2 possible names to check"),
        (("--not-a-name", "x"), "'x' is not the number of a word in the list"),
        (("--not-a-name", "1", "--person", "1", "P-1"), "Word 1 is given two verdicts"),
        (("--person", "2", "Nobody"), "No person called 'Nobody'"),
        (("--not-a-name", "1", "--not-a-name", "5"), "There is no possible name 5"),
    ):
        code, out, err = leap("--db", db, "names", "M-1", *args)
        assert code == 1 and message in err and "Traceback" not in err, (args, err)
    assert leap("--db", db, "names", "M-1", "--json")[1] == before
    data = json.loads(before)
    assert (data["unchecked"], data["unchecked_anonymised"]) == (2, 2)
    assert [s["word"] for s in data["suspects"]] == ["Will", "Dev"]


def test_exported_minutes_say_how_many_names_are_unchecked(db, tmp_path):
    code, _, err = leap("--db", db, "export-minutes", "M-1", "--out", tmp_path / "m.docx")
    assert code == 0 and "2 possible names not checked yet" in err
    leap("--db", db, "names", "M-1", "--not-a-name", "1", "--not-a-name", "2")
    code, _, err = leap("--db", db, "export-minutes", "M-1", "--out", tmp_path / "m.docx", "--overwrite")
    assert code == 0 and "not checked" not in err
