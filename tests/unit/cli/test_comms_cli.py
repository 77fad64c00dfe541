"""leap invite, papers, papers-due, sent and publish on the demo panel (clock: 15 June 2026)."""

from __future__ import annotations

import io
import json

import datetime as dt

import pytest

from leap_desktop.cli import main
from leap_desktop.services import PanelService


def leap(db, *args):
    out, err = io.StringIO(), io.StringIO()
    code = main(["--db", str(db), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_path(tmp_path):
    """A small panel on the real clock (the command has no other): a meeting in ten
    days, Ben's posted papers due 14 days ahead (so late), Amira's in large print."""
    path = tmp_path / "p.leap"
    day = dt.date.today() + dt.timedelta(days=10)
    with PanelService.open(path, create=True) as s:
        s.set_panel(name="Test panel")
        ben = s.add_person(display_name="Ben Okafor", roles=["carer"], consent="named")
        amira = s.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
        s.add_meeting(title="Next panel", starts_at=f"{day.isoformat()} 14:00")
        s.comms.set_needs(ben.id, paper_format="posted", days_ahead=14)
        s.comms.set_needs(amira.id, paper_format="large_print", print_size=20)
        s.comms.set_needs(s.add_person(display_name="Dev Patel", roles=["carer"], consent="anonymous").id,
                          paper_format="plain_language")
    return path


def test_papers_due_names_the_late_pack_and_sent_records_it(demo_path):
    code, out, _ = leap(demo_path, "papers-due", "--json")
    data = json.loads(out)
    assert code == 0 and data["late"] == 1
    (late,) = [p for p in data["people"] if p["state"] == "late"]
    assert (late["name"], late["format"]) == ("Ben Okafor", "posted")
    code, _, err = leap(demo_path, "sent", data["meeting"], late["person"], "--how", "post")
    assert code == 0 and f"Papers pack (posted on paper) sent to {late['person']} Ben Okafor" in err
    assert json.loads(leap(demo_path, "papers-due", "--json")[1])["late"] == 0
    code, _, err = leap(demo_path, "sent", data["meeting"], late["person"], "--how", "pigeon")
    assert code == 1 and err.strip().endswith("(got 'pigeon')") and "Traceback" not in err


def test_invite_papers_and_publish_write_their_files(demo_path, tmp_path):
    meeting = json.loads(leap(demo_path, "papers-due", "--json")[1])["meeting"]
    code, _, err = leap(demo_path, "invite", meeting, "--out", str(tmp_path / "m.ics"))
    assert code == 0 and (tmp_path / "m.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert leap(demo_path, "invite", meeting, "--out", str(tmp_path / "m.txt"))[2].strip() == "leap: m.txt: the file name must end in .ics"
    code, out, _ = leap(demo_path, "papers", meeting, "--out", str(tmp_path / "packs"))
    names = sorted(p.rsplit("/", 1)[1] for p in out.split())
    assert code == 0 and names == [f"papers-{meeting}-large-print-20pt.docx", f"papers-{meeting}-plain-language.docx",
                                   f"papers-{meeting}-standard.docx"]
    code, _, err = leap(demo_path, "publish", "--out", str(tmp_path / "site"), "--anonymised")
    assert code == 0 and "Published the anonymised decision log" in err
    assert (tmp_path / "site" / "index.html").exists()
    (tmp_path / "afile").write_text("x")
    code, _, err = leap(demo_path, "publish", "--out", str(tmp_path / "afile"))
    assert code == 1 and "is a file; give a folder" in err


def test_needs_are_shown_and_recorded_from_the_command_line(demo_path):
    code, out, _ = leap(demo_path, "needs", "P-2", "--format", "large print", "--size", "24", "--contact", "post")
    assert code == 0 and out.strip() == "P-2 Amira Khan: Large print (24 pt), 7 days ahead, post"
    code, _, err = leap(demo_path, "needs", "P-2", "--size", "12")
    assert code == 1 and "Print size (points) must be between 16 and 48" in err
    assert json.loads(leap(demo_path, "needs", "P-2", "--json")[1])["print_size"] == 24


def test_meetings_show_the_first_day_papers_went_out(demo_path):
    code, out, _ = leap(demo_path, "meetings")
    assert code == 0 and "not yet" in out.splitlines()[1]
    assert leap(demo_path, "sent", "M-1", "P-2", "--on", "3/6/2026")[0] == 0
    assert leap(demo_path, "sent", "M-1", "panel", "--on", "1/6/2026")[0] == 0  # earlier, recorded later
    (meeting,) = json.loads(leap(demo_path, "meetings", "--json")[1])
    assert meeting["papers_sent_on"] == "2026-06-01"
    code, out, _ = leap(demo_path, "meetings")
    assert "2026-06-01" in out.splitlines()[1] and "not yet" not in out
