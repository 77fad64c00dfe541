"""A cut-off audit trail is noticed (QA finding 13 and L11): the end of the chain is noted
outside the file, at each clean close and beside each automatic backup, and `leap check`
says when the file's trail ends before what was seen; dropped guards are reported."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from leap_desktop.cli import main
from leap_desktop.paths import data_dir
from leap_desktop.services import PanelService
from leap_desktop.store import anchor

from panel_files import raw_connect

FIXED_NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.timezone.utc)


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def reopen(path):
    return PanelService.open(path, clock=lambda: FIXED_NOW)


def last_seq(path) -> int:
    with reopen(path) as svc:
        return svc.store.scalar("SELECT max(seq) FROM audit")


def cut_the_newest_change(path) -> None:
    """What QA did with the recovery key and the sqlcipher shell: drop the guard, remove
    the newest audit entry and the record it made."""
    conn = raw_connect(path)
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)")
    conn.execute("DELETE FROM actions WHERE number = (SELECT max(number) FROM actions)")
    conn.commit()
    conn.close()


@pytest.fixture
def panel(small_panel, service, panel_path):
    service.add_action(title="Book the room", owner_id=small_panel["people"]["amira"].id)
    service.close()  # a clean close notes where the trail reached
    return panel_path


def test_a_cut_off_tail_and_the_dropped_guard_are_reported(panel):
    seen = last_seq(panel)
    cut_the_newest_change(panel)
    code, out, _ = leap("--db", panel, "check", "--json")
    assert code == 1
    problems = [(p["where"], p["problem"]) for p in json.loads(out)["problems"]]
    assert problems[0] == (
        "audit log",
        "the guard that stops its entries being changed or deleted was removed outside LEAP Desktop "
        "(missing: audit_no_delete)",
    )
    where, problem = problems[1]
    assert where == "panel file"
    assert problem.startswith(f"the audit trail ends at entry {seen - 1}, but this computer last saw entry {seen} (on ")
    assert "the newest changes are missing" in problem


def test_opening_and_closing_the_cut_file_does_not_make_it_look_right(panel):
    seen = last_seq(panel)
    cut_the_newest_change(panel)
    for _ in range(2):
        assert leap("--db", panel, "people")[0] == 0  # opened for changes and closed cleanly
    code, out, _ = leap("--db", panel, "check")
    assert code == 1 and f"the audit trail ends at entry {seen - 1}, but this computer last saw entry {seen}" in out
    # Work carries on in the file; the note stays until someone says the copy is the one to keep.
    with reopen(panel) as svc:
        svc.add_person(display_name="Later", roles=["carer"], consent="named")
    assert leap("--db", panel, "check")[0] == 1
    code, _, err = leap("--db", panel, "check", "--accept-older-copy")
    assert "compared with where it ends today" in err
    code, out, _ = leap("--db", panel, "check")
    assert "the audit trail ends" not in out and "audit_no_delete" in out


def test_the_automatic_backups_remember_it_when_this_computer_has_no_note(panel):
    with reopen(panel):  # the day's automatic backup is made on opening
        pass
    seen = last_seq(panel)
    cut_the_newest_change(panel)
    (data_dir() / anchor.RECORD_FILE).unlink()  # a new data folder, say
    code, out, _ = leap("--db", panel, "check")
    assert code == 1
    assert f"the audit trail ends at entry {seen - 1}, but the automatic backup panel-" in out
    assert f"-daily.leap last saw entry {seen}" in out


def test_restoring_an_older_backup_on_purpose_is_not_reported(panel, tmp_path):
    backup = tmp_path / "before.leap"
    assert leap("--db", panel, "backup", "--out", backup)[0] == 0
    with reopen(panel) as svc:
        svc.add_person(display_name="After the backup", roles=["carer"], consent="named")
    assert leap("--db", panel, "restore", backup)[0] == 0
    code, out, _ = leap("--db", panel, "check")
    assert (code, out) == (0, "All good: the file is intact, the audit trail is unbroken, and every record matches it.\n")
