"""The minutes commands end to end, as a coordinator would type them."""

import csv
import io
import json

import docx
import pytest

from leap_desktop.cli import main


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.leap"
    assert leap("--db", path, "demo")[0] == 0
    return path


def test_export_comment_import_accept_round_trip(db, tmp_path):
    out = tmp_path / "m12.docx"
    code, _, err = leap("--db", db, "export-minutes", "M-12", "--out", out)
    assert code == 0 and "Wrote the minutes of M-12 (version 1, draft)" in err
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    document = docx.Document(str(out))
    heading = next(p for p in document.paragraphs if p.text.startswith("Decision D-"))
    document.add_comment(heading.runs, text="Say it is paid time.", author="Amira Khan", initials="AK")
    document.save(str(out))
    code, printed, err = leap("--db", db, "import-review", "M-12", out)
    assert code == 0 and "1 new comment" in err and "R-1  Amira Khan (P-1) on decision D-" in printed
    code, _, err = leap("--db", db, "import-review", "M-12", out)
    assert "0 new comments, 1 already imported" in err
    code, printed, _ = leap("--db", db, "reviews", "M-12", "--json")
    (review,) = json.loads(printed)
    assert review["reviewer"] == "Amira Khan" and review["person"] == "P-1" and review["status"] == "open"
    code, _, err = leap("--db", db, "accept-review", "R-1", "--set", "summary=Members write it, in paid time.")
    assert code == 0, err
    code, printed, _ = leap("--db", db, "trace", review["on"], "--json")
    assert json.loads(printed)["decision"]["summary"] == "Members write it, in paid time."
    assert leap("--db", db, "check")[0] == 0


def test_circulate_approve_and_lock(db):
    # M-12 was held last month; M-13 is next week's meeting, still to come.
    code, _, err = leap("--db", db, "approve", "M-12", "--at", "M-13")
    assert code == 1 and "M-13 is on " in err and "in the future: minutes are approved at a meeting that has been held" in err
    code, _, err = leap("--db", db, "approve", "M-11", "--at", "M-12")  # M-11's minutes are circulated
    assert code == 0 and "approved at M-12 by decision D-" in err
    code, _, err = leap("--db", db, "approve", "M-11", "--at", "M-12")
    assert code == 1 and "already approved" in err and "Traceback" not in err
    assert leap("--db", db, "amend-minutes", "M-11", "--reason", "Typo")[0] == 0
    assert leap("--db", db, "circulate", "M-12", "--to", "all members")[0] == 0


def test_exports_with_the_decision_log_filters(db, tmp_path):
    code, _, err = leap("--db", db, "export-decisions", "--out", tmp_path / "d.csv", "--level", "panel-led")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text(encoding="utf-8-sig"))))
    _, listed, _ = leap("--db", db, "decisions", "--level", "panel-led", "--json")
    assert [r["Ref"] for r in rows] == [d["ref"] for d in json.loads(listed)]
    assert all(r["Involvement level"] == "Panel-led" for r in rows)
    code, _, err = leap("--db", db, "export-decisions", "--out", tmp_path / "d.docx", "--status", "reversed")
    assert f"Wrote 1 decision to {tmp_path / 'd.docx'}" in err  # the demo reverses one decision
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "d.docx")).paragraphs)
    assert "Decision log" in text and "status reversed" in text
    code, _, _ = leap("--db", db, "export-actions", "--out", tmp_path / "a.csv", "--overdue")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    assert rows and all(r["Overdue"] == "yes" for r in rows)


def test_wrong_file_names_are_refused_in_one_line(db, tmp_path):
    for args, message in (
        (["export-minutes", "M-12", "--out", tmp_path / "m.pdf"], "must end in .docx"),
        (["export-actions", "--out", tmp_path / "a.docx"], "must end in .csv"),
        (["export-minutes", "M-13", "--out", tmp_path / "m.docx"], "has not been held yet"),
        (["export-minutes", "M-99", "--out", tmp_path / "m.docx"], "No meeting M-99"),
        (["export-minutes", "M-12", "--out", tmp_path / "nowhere" / "m.docx"], "does not exist"),
    ):
        code, _, err = leap("--db", db, *args)
        assert code == 1 and message in err and len(err.strip().splitlines()) == 1, err
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".*part"))


def test_exporting_a_held_meetings_minutes_puts_them_in_draft(tmp_path):
    """Issue 10, item 20: `leap export-minutes` of a meeting that was only held moves it
    on to "minutes in draft", as the app's Export minutes does."""
    from leap_desktop.services import PanelService

    path = tmp_path / "held.leap"
    with PanelService.open(path, create=True) as svc:
        meeting = svc.add_meeting(title="May panel", starts_at="2026-05-07 14:00", status="held")
    code, _, err = leap("--db", path, "export-minutes", meeting.ref, "--out", tmp_path / "m.docx")
    assert code == 0, err
    code, printed, _ = leap("--db", path, "meetings", "--json")
    assert [m["status"] for m in json.loads(printed)] == ["minutes_draft"]
