"""The impact log's commands end to end, on the demo panel (issue 13)."""

from __future__ import annotations

import csv
import io
import json

import docx
import pytest

from leap_desktop.cli import main
from leap_desktop.services import interchange


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(demo_path):
    return demo_path


def test_impact_lists_the_log_and_whose_view_is_missing(db):
    code, printed, _ = leap("--db", db, "impact", "--json")
    data = json.loads(printed)
    assert code == 0 and [e["ref"] for e in data["entries"]] == ["E-1", "E-3", "E-2", "E-4"], "by date"
    by_ref = {e["ref"]: e for e in data["entries"]}
    assert by_ref["E-3"]["missing"] == "No public contributor's view yet"
    assert by_ref["E-4"]["missing"] == "The researcher's view is missing"
    assert data["uptake"]["not_taken_up"] == 3 and data["uptake"]["noted"] == 3
    code, printed, _ = leap("--db", db, "impact", "--standard", "governance")
    assert "E-3" in printed and "E-1 " not in printed and "E-3: No public contributor's view yet" in printed
    code, _, err = leap("--db", db, "impact", "--standard", "teamwork")
    assert code == 1 and err.startswith("leap: UK Standard must be one of") and "Traceback" not in err


def test_impact_log_to_csv_and_word(db, tmp_path):
    code, _, err = leap("--db", db, "impact-log", "--out", tmp_path / "log.csv")
    assert code == 0 and "Wrote 4 impact log entries" in err
    rows = list(csv.DictReader(io.StringIO((tmp_path / "log.csv").read_text(encoding="utf-8-sig"))))
    assert [r["Ref"] for r in rows] == ["E-1", "E-3", "E-2", "E-4"]
    code, _, err = leap("--db", db, "impact-log", "--out", tmp_path / "log.docx", "--stage", "recruitment")
    assert code == 0 and "Wrote 1 impact log entry" in err
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "log.docx")).paragraphs)
    assert "stage recruitment" in text and "E-2:" in text
    code, _, err = leap("--db", db, "impact-log", "--out", tmp_path / "log.pdf")
    assert code == 1 and "log.pdf: the file name must end in .docx or .csv" in err


def test_feedback_for_one_member_and_for_everyone_present(db, tmp_path):
    out = tmp_path / "amira.docx"
    code, _, err = leap("--db", db, "feedback", "amira", "--from", "2026-01-01", "--out", out, "--large-print")
    assert code == 0 and "Wrote 'What your input changed' for P-1" in err
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert docx.Document(str(out)).core_properties.keywords.endswith("large print")
    folder = tmp_path / "m12"
    code, _, err = leap("--db", db, "feedback", "--all", "M-12", "--out", folder)
    assert code == 0 and "feedback documents for M-12" in err
    names = sorted(p.name for p in folder.iterdir())
    assert names and all(n.startswith("feedback-M-12-P-") and n.endswith(".docx") for n in names)
    _, listed, _ = leap("--db", db, "people", "--json")
    for person in json.loads(listed):
        assert not any(part.casefold() in " ".join(names).casefold() for part in person["name"].split())


@pytest.mark.parametrize("args, message", [
    (["feedback", "--out", "x.docx"], "Say whose feedback (PERSON), or --all MEETING"),
    (["feedback", "amira", "--all", "M-12", "--out", "x"], "Say whose feedback"),
    (["feedback", "amira", "--out", "x.pdf"], "must end in .docx"),
    (["feedback", "--all", "M-12", "--from", "2026-01-01", "--out", "x"], "--from and --to go with one person"),
    (["feedback", "amira", "--from", "soon", "--out", "x.docx"], "--from must be a date like 2026-03-31"),
    (["feedback", "--all", "M-13", "--out", "x"], "M-13 has not been held (planned), so there is no feedback from it yet"),
])
def test_feedback_refusals_are_one_line(db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, _, err = leap("--db", db, *args)
    assert code == 1 and message in err and err.count("\n") == 1 and not (tmp_path / "x").exists()


def test_add_draft_edit_view_stage_and_uptake(db):
    code, _, err = leap("--db", db, "add-impact", "How should findings be shared?", "--item", "I-45",
                        "--standards", "communications", "--stage", "dissemination", "--link", "C-140")
    assert code == 0 and "Added E-5" in err
    code, _, err = leap("--db", db, "edit-impact", "E-5", "--outcome", "not_adopted")
    assert code == 1 and "Say why it was not adopted (the reason)" in err
    code, _, err = leap("--db", db, "edit-impact", "E-5", "--outcome", "not_adopted", "--reason", "No budget",
                        "--unlink", "C-140", "--link", "D-13")
    assert code == 0, err
    code, _, err = leap("--db", db, "add-view", "E-5", "public", "lin", "We were asked early.", "--on", "2026-06-01")
    assert code == 0 and "Added the public contributor's view to E-5. The researcher's view is missing" in err
    code, _, err = leap("--db", db, "add-view", "E-5", "researcher", "ellie", "Useful.")
    assert code == 0 and err.strip().endswith("to E-5")
    _, printed, _ = leap("--db", db, "impact", "--json")
    e5 = next(e for e in json.loads(printed)["entries"] if e["ref"] == "E-5")
    assert e5["decisions"][0].startswith("D-13") and e5["contributions"] == [] and e5["reason"] == "No budget"
    assert e5["stage"] == "Dissemination" and e5["standards"] == ["communications"]
    code, _, err = leap("--db", db, "draft-impact", "D-13")
    assert code == 0 and "Drafted E-6 from D-13: only text already in the record" in err
    assert leap("--db", db, "set-stage", "D-13", "analysis") == (0, "", "D-13: research stage Analysis\n")
    assert leap("--db", db, "add-stage", "Evaluation")[0] == 0
    assert leap("--db", db, "rename-stage", "evaluation", "Evaluation and review")[0] == 0
    _, printed, _ = leap("--db", db, "stages", "--json")
    assert json.loads(printed)[-1] == {"position": 12, "name": "Evaluation and review", "used_by": []}
    code, _, err = leap("--db", db, "remove-stage", "design")
    assert code == 1 and "The research stage Design is in use" in err
    assert leap("--db", db, "remove-stage", "evaluation")[0] == 0
    code, _, err = leap("--db", db, "mark-uptake", "C-147", "noted")
    assert code == 1 and "C-147 shaped D-15, so it was taken up" in err
    code, _, err = leap("--db", db, "mark-uptake", "C-148", "not-taken-up")
    assert code == 1 and "Say why it was not taken up" in err
    assert leap("--db", db, "mark-uptake", "C-148", "not-taken-up", "--reason", "Too late")[2] == "C-148: not taken up (Too late)\n"
    assert leap("--db", db, "check")[0] == 0


def test_stages_say_what_uses_them_and_move(db):
    code, printed, _ = leap("--db", db, "stages")
    lines = printed.splitlines()
    assert code == 0 and lines[0].split() == ["#", "RESEARCH", "STAGE", "USED", "BY"]
    assert lines[6].split() == ["6", "Peer", "researcher", "training", "1", "agenda", "item"], "the demo's own stage"
    assert lines[2].endswith("Design                        1 decision and 1 impact log entry")
    _, printed, _ = leap("--db", db, "stages", "--json")
    stages = json.loads(printed)
    assert stages[1] == {"position": 2, "name": "Design", "used_by": ["D-5", "E-1"]}
    assert stages[5]["used_by"][0].startswith("I-")
    code, _, err = leap("--db", db, "remove-stage", "peer")
    assert code == 1 and err.startswith("leap: The research stage Peer researcher training is in use, so it stays on "
                                        f"the list. It is the stage of agenda item {stages[5]['used_by'][0]}. Set "
                                        "that to another stage, or to none, first.")
    assert leap("--db", db, "move-stage", "peer", "2") == (0, "", "Peer researcher training is now research stage 2 "
                                                                  "of 11\n")
    _, printed, _ = leap("--db", db, "stages", "--json")
    assert [s["name"] for s in json.loads(printed)][:3] == ["Identifying and prioritising", "Peer researcher training",
                                                           "Design"]
    for bad in ("0", "12", "first"):
        code, _, err = leap("--db", db, "move-stage", "peer", bad)
        assert code == 1 and err == f"leap: Say a place in the list from 1 to 11, not '{bad}'\n"
    assert leap("--db", db, "remove-stage", "ethics")[0] == 0
    _, printed, _ = leap("--db", db, "stages", "--json")
    assert [s["position"] for s in json.loads(printed)] == list(range(1, 11)), "no gap where Ethics was"
    assert leap("--db", db, "check")[0] == 0


def test_deleting_an_entry_and_a_view(db):
    code, _, err = leap("--db", db, "remove-view", "E-1", "researcher", "ellie")
    assert (code, err) == (0, "Deleted the researcher's view from E-1. The researcher's view is missing\n")
    code, _, err = leap("--db", db, "remove-view", "E-1", "researcher", "ellie")
    assert code == 1 and err.startswith("leap: There is no researcher's view by P-")
    code, _, err = leap("--db", db, "remove-view", "E-1", "public", "amira", "--on", "31/02/2026")
    assert code == 1 and "must be a real date" in err and "Traceback" not in err
    _, printed, _ = leap("--db", db, "impact", "--json")
    linked = next(e for e in json.loads(printed)["entries"] if e["ref"] == "E-2")["decisions"][0].split()[0]
    code, _, err = leap("--db", db, "remove-impact", "E-2")
    assert (code, err) == (0, "Deleted E-2 from the impact log, with 2 views and 4 links; the contributions, "
                              "decisions and actions it linked to stay\n")
    _, printed, _ = leap("--db", db, "impact", "--json")
    assert [e["ref"] for e in json.loads(printed)["entries"]] == ["E-1", "E-3", "E-4"]
    code, _, err = leap("--db", db, "remove-impact", "E-2")
    assert code == 1 and err.startswith("leap: No impact log entry 'E-2' in this panel")
    code, printed, _ = leap("--db", db, "trace", linked)
    assert code == 0 and printed.startswith(linked), "what the entry linked to is still in the record"
    assert leap("--db", db, "check")[0] == 0


def test_a_version_1_document_still_imports(demo_path, tmp_path):
    code, printed, _ = leap("--db", demo_path, "export")
    assert code == 0
    document = json.loads(printed)
    assert document["version"] == interchange.VERSION == 2 and len(document["impact_log"]) == 4
    for name in interchange.ADDED_IN_VERSION_2:
        document.pop(name)
    document["version"] = 1
    (tmp_path / "v1.json").write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "v1.leap"
    code, _, err = leap("--db", target, "import", tmp_path / "v1.json")
    assert code == 0, err
    code, printed, _ = leap("--db", target, "impact", "--json")
    assert json.loads(printed)["entries"] == []
    document["version"] = 2
    (tmp_path / "v2.json").write_text(json.dumps(document), encoding="utf-8")
    code, _, err = leap("--db", tmp_path / "v2.leap", "import", tmp_path / "v2.json")
    assert code == 1 and "is missing (use [] for none)" in err
