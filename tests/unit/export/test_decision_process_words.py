"""One name for how the panel decided, "Decision process", wherever a person reads it:
the Word minutes and decision log, the published pages, the spreadsheet and the command
line (the meeting form said "Decision process", the rest "How", "method" or "Method").
The file and the interchange format keep the field's name, ``method``."""

from __future__ import annotations

import csv
import io
import json

import docx
import pytest

from leap_desktop.cli import main
from leap_desktop.domain.model import Meeting
from leap_desktop.domain.vocab import DecisionMethod
from leap_desktop.export import csv_export, decisions_docx, minutes_docx
from leap_desktop.export.publish_html import publish
from leap_desktop.services import DecisionFilter, minutes

from clock import FIXED_NOW as NOW
from .test_minutes_docx import all_text


def voted(svc):
    return next(d for d in svc.decisions() if d.method is DecisionMethod.VOTE)


def vote_words(decision) -> str:
    return "Decision process: Vote ({} for, {} against, {} abstaining).".format(*decision.votes)


def labels(document) -> list[str]:
    """The words in the Strong style a paragraph starts with ("Why:", "Co-produced by:")."""
    return [p.runs[0].text.strip() for p in document.paragraphs if p.runs and p.runs[0].style.name == "Strong"]


def test_the_word_minutes_and_decision_log_say_decision_process(demo):
    decision = voted(demo)
    meeting = demo.get(Meeting, decision.meeting_id)
    built = minutes.build_minutes(demo, meeting)
    log = decisions_docx.render(demo, demo.decision_log(DecisionFilter()), filters="", now=NOW)
    for data in (minutes_docx.render(built, now=NOW), log):
        document = docx.Document(io.BytesIO(data))
        assert vote_words(decision) in all_text(document)
        bold = labels(document)
        assert "Decision process:" in bold
        assert not [label for label in bold if label.startswith(("How", "Method"))], bold


def test_the_published_log_and_the_spreadsheet_say_decision_process(demo, tmp_path):
    decision = voted(demo)
    publish(demo, tmp_path / "site")
    page = (tmp_path / "site" / f"{decision.ref.lower()}.html").read_text(encoding="utf-8")
    assert "<dt>Decision process</dt><dd>Vote (" in page
    assert "<dt>How</dt>" not in page and "Method" not in page
    undecided = next(d for d in demo.decisions() if d.method is None)
    page = (tmp_path / "site" / f"{undecided.ref.lower()}.html").read_text(encoding="utf-8")
    assert "<dt>Decision process</dt><dd>Not recorded</dd>" in page  # a value, like "Vote", not a clause
    rows = list(csv.reader(io.StringIO(
        csv_export.decisions_csv(demo, demo.decision_log(DecisionFilter())).decode("utf-8-sig"))))
    assert "Decision process" in rows[0] and "Method" not in rows[0]
    row = next(r for r in rows[1:] if r[0] == decision.ref)
    assert row[rows[0].index("Decision process")] == "Vote"


def leap(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_says_decision_process_and_still_takes_method(demo_path, capsys):
    code, out, err = leap("--db", str(demo_path), "decisions", "--json")
    assert code == 0, err
    ref = next(d["ref"] for d in json.loads(out) if d["method"] == "vote")  # the field keeps its name
    code, out, err = leap("--db", str(demo_path), "trace", ref)
    assert code == 0, err
    assert "| Decision process: Vote (" in out and "Method" not in out
    code, _, err = leap("--db", str(demo_path), "record-decision", "Meet in the library", "--method", "show of hands")
    assert code != 0
    assert "Decision process must be one of: consensus, vote, delegated, deferred" in err
    with pytest.raises(SystemExit):
        main(["record-decision", "--help"])
    assert "the decision process: consensus, vote, delegated or deferred" in " ".join(capsys.readouterr().out.split())
