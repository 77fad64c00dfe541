"""`leap trace`, `actions`, `agenda`, `search`, `decisions` and `meetings` show free text as
the panel may read it, in text and JSON (QA findings 5, 7 and 8), on the panel of
``tests/consent_panel.py``."""

import datetime as dt
import io
import json

import pytest

from leap_desktop.cli import main
from leap_desktop.services import PanelService

from consent_panel import HIDDEN, build_consent_panel, found

FIXED_NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.timezone.utc)


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "consent.leap"
    with PanelService.open(path, create=True, clock=lambda: FIXED_NOW) as svc:
        svc.set_panel(name="Consent panel")
        build_consent_panel(svc)
    return path


COMMANDS = (["trace", "D-1"], ["actions"], ["agenda", "M-1"], ["search", "plan"], ["decisions"], ["meetings"])


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_listings_keep_hidden_names_out_in_text_and_json(db, command):
    for json_flag in ([], ["--json"]):
        code, out, err = leap("--db", db, *command, *json_flag)
        assert code == 0, err
        assert found(out, HIDDEN) == [], f"leap {' '.join(command + json_flag)}"
        assert "[name removed]" in out or command[0] == "search" and json_flag == []


def test_what_each_listing_shows(db):
    _, out, _ = leap("--db", db, "actions", "--json")
    actions = {a["title"]: a["owner"] for a in json.loads(out)}
    assert actions == {
        "[name removed] to check": "Researcher",
        "T.V. to book the room": "T.V.",
        "[name removed] to send the plan": "Anonymous member",
    }
    _, out, _ = leap("--db", db, "agenda", "M-1", "--json")
    items = json.loads(out)["items"]
    assert [(i["title"], i["presenter"]) for i in items] == [("[name removed]'s proposal", None), ("T.V. presents", "T.V.")]
    assert items[0]["notes"] == "[name removed] to present; see [name removed]'s notes"
    _, out, _ = leap("--db", db, "trace", "D-1")
    assert "(owner: Anonymous member, due 2026-06-20)" in out and "Anonymous member 1\n" in out
    assert 'C-3 question: "[name removed] here: what did T.V. mean?"' in out


def test_searching_for_a_hidden_name_finds_nothing_and_says_why(db):
    code, out, err = leap("--db", db, "search", "zara")
    assert code == 0 and out == "(none)\n"
    assert err == "Names of members who are not shown by name are not searched for.\n"
    code, out, _ = leap("--db", db, "search", "Zara plan", "--json")
    hits = json.loads(out)
    assert {h["ref"] for h in hits} == {"D-1", "A-1"} and found(out, HIDDEN) == []
    code, out, _ = leap("--db", db, "decisions", "--search", "Quinn", "--json")
    assert json.loads(out) == []
