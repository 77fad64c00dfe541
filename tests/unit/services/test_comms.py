"""Communication needs, the papers sent log, papers due and the invitation's version."""

from __future__ import annotations

import copy

import pytest

from leap_desktop.domain.comms import DueState, PaperFormat
from leap_desktop.domain.errors import RuleError
from leap_desktop.services import PanelService, interchange
from leap_desktop.services.import_checks import ImportRefused
from leap_desktop.store import migrations
from leap_desktop.store.comms_migration import moved_id


def test_needs_are_recorded_changed_and_a_size_goes_with_large_print_only(service):
    amira = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    needs = service.comms.set_needs(amira.id, paper_format="large print", print_size=20, days_ahead=10,
                                    language="Welsh", contact_by="post")
    assert needs.describe() == "Large print (20 pt), 10 days ahead, post, Welsh"
    assert service.comms.needs(amira.id).size == 20
    changed = service.comms.set_needs(amira.id, paper_format="screen_reader")
    assert (changed.paper_format, changed.print_size, changed.days_ahead) == (PaperFormat.SCREEN_READER, None, 10)
    with pytest.raises(RuleError, match="A print size goes with large print only"):
        service.comms.set_needs(amira.id, print_size=18)
    with pytest.raises(RuleError, match="Print size .points. must be between 16 and 48"):
        service.comms.set_needs(amira.id, paper_format="large_print", print_size=12)
    assert service.comms.needs(amira.id).paper_format is PaperFormat.SCREEN_READER  # nothing changed
    assert service.check() == []


def test_papers_due_says_who_needs_what_by_when_and_who_is_late(service):
    # The clock is at 15 June 2026; the meeting is on 25 June.
    amira = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    ben = service.add_person(display_name="Ben Okafor", roles=["carer"], consent="initials")
    cat = service.add_person(display_name="Cat Rhodes", roles=["researcher"], consent="role_only")
    service.add_meeting(title="Past", starts_at="2026-05-01 14:00")
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-25 14:00")
    service.comms.set_needs(ben.id, paper_format="posted", days_ahead=14)  # due 11 June: late
    service.comms.set_needs(amira.id, paper_format="large_print", print_size=22, days_ahead=7)  # due 18 June
    service.comms.record_sent(meeting.id, cat.id, how="email", on="2026-06-12")
    due = service.comms.papers_due()
    assert due.meeting.id == meeting.id
    lines = [(x.person.display_name, x.due.paper_format.value, x.due.due_on, x.state) for x in due.lines]
    assert lines == [
        ("Ben Okafor", "posted", "2026-06-11", DueState.LATE),
        ("Amira Khan", "large_print", "2026-06-18", DueState.DUE),
        ("Cat Rhodes", "standard", "2026-06-18", DueState.SENT),
    ]
    assert [x.person.display_name for x in due.late] == ["Ben Okafor"]
    sent = service.comms.record_sent(meeting.id, ben.id, how="post")
    assert sent.paper_format is PaperFormat.POSTED  # from his needs
    assert service.comms.papers_due().late == []
    assert service.comms.formats_needed(meeting.id) == [(PaperFormat.STANDARD, 12), (PaperFormat.LARGE_PRINT, 22)]


def test_the_invitation_version_rises_when_time_or_place_changes_or_it_is_cancelled(service):
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-25 14:00", place="Room 1")
    assert meeting.invite_sequence == 0
    assert service.edit_meeting(meeting.id, title="June panel (renamed)").invite_sequence == 0
    assert service.edit_meeting(meeting.id, starts_at="2026-06-25 15:00").invite_sequence == 1
    assert service.edit_meeting(meeting.id, place="Room 2").invite_sequence == 2
    assert service.edit_meeting(meeting.id, planned_minutes=90).invite_sequence == 3
    assert service.set_meeting_status(meeting.id, "cancelled").invite_sequence == 4


def _old_file(path, monkeypatch):
    """A panel file as LEAP Desktop wrote it before m007: meetings with a papers sent
    date (written as the old app did, audited)."""
    index = migrations._names.index("m007_communication_needs")
    monkeypatch.setattr(migrations, "_names", migrations._names[:index])
    monkeypatch.setattr(migrations, "_steps", migrations._steps[:index])
    monkeypatch.setattr(migrations, "_registry", None)
    later = {"communication_needs", "papers_sent", "name_marks", "report_texts"}  # made by m007 and after
    monkeypatch.setattr(migrations, "RECORD_TABLES", tuple(t for t in migrations.RECORD_TABLES if t not in later))
    svc = PanelService.open(path, create=True)
    svc.set_panel(name="Old panel")
    store = svc.store
    ids = []
    with store.change("Add meetings (as the old app did)"):
        for number, (title, day, sent) in enumerate((("March panel", "2026-03-05T14:00", "2026-02-26"),
                                                     ("April panel", "2026-04-02T14:00", None)), start=1):
            row = {"id": f"00000000-0000-4000-8000-00000000000{number}", "created_at": store._change.at,
                   "updated_at": store._change.at, "deleted_at": None, "number": number, "title": title,
                   "starts_at": day, "planned_minutes": 120, "place": None, "papers_sent_on": sent, "status": "planned"}
            store.db["meetings"].insert(row)
            store.conn.execute(
                "INSERT INTO audit VALUES (:seq, :at, :actor, :change_id, :summary, :op, :tbl, "
                ":row_id, :before, :after, :prev_hash, :hash)",
                store._audit("insert", "meetings", row["id"], None, store._row("meetings", row["id"])),
            )
            ids.append(row["id"])
    assert svc.check() == []
    svc.close()
    monkeypatch.undo()
    return ids[0]


def test_the_update_moves_each_papers_sent_date_into_the_log_and_the_file_still_checks(tmp_path, monkeypatch):
    path = tmp_path / "old.leap"
    meeting_id = _old_file(path, monkeypatch)
    with PanelService.open(path) as svc:
        (sent,) = svc.comms.sent(meeting_id)
        assert (sent.id, sent.person_id, sent.sent_on, sent.what) == (moved_id(meeting_id), None, "2026-02-26", "Papers")
        assert [m.invite_sequence for m in svc.meetings()] == [0, 0]
        assert svc.check() == []  # every record matches its audit trail
        svc.edit_meeting(meeting_id, place="Room 3")
        assert svc.check() == []


def test_needs_and_the_sent_log_travel_in_the_interchange_format(service):
    amira = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-25 14:00")
    service.comms.set_needs(amira.id, paper_format="large_print", print_size=24, days_ahead=9)
    service.comms.record_sent(meeting.id, amira.id, how="post", on="2026-06-14")
    document = interchange.export_document(service.store)
    assert document["version"] == interchange.VERSION == 2
    assert document["communication_needs"][0]["print_size"] == 24
    assert document["papers_sent"][0]["how"] == "post"
    assert document["meetings"][0]["invite_sequence"] == 0


def test_an_older_document_brings_its_papers_sent_dates_into_the_log(tmp_path, service):
    meeting = service.add_meeting(title="June panel", starts_at="2026-06-25 14:00")
    document = interchange.export_document(service.store)
    old = copy.deepcopy(document)
    old["version"] = 1
    for key in interchange.ADDED_IN_VERSION_2:
        del old[key]
    del old["meetings"][0]["invite_sequence"]
    old["meetings"][0]["papers_sent_on"] = "2026-06-10"
    with PanelService.open(tmp_path / "new.leap", create=True) as svc:
        interchange.import_document(svc.store, old)
        (sent,) = svc.comms.sent(meeting.id)
        assert (sent.person_id, sent.sent_on) == (None, "2026-06-10")
        assert svc.check() == []
    old["meetings"][0]["papers_sent_on"] = "10/06/2026"
    with PanelService.open(tmp_path / "bad.leap", create=True) as svc:
        with pytest.raises(ImportRefused, match=r"meetings\[0\]\.papers_sent_on: Papers sent on must be a real date"):
            interchange.import_document(svc.store, old)
    v4 = copy.deepcopy(document)
    v4["meetings"][0]["papers_sent_on"] = "2026-06-10"
    with PanelService.open(tmp_path / "v4.leap", create=True) as svc:
        with pytest.raises(ImportRefused, match=r"meetings\[0\]\.papers_sent_on: is not a field"):
            interchange.import_document(svc.store, v4)


def test_the_demo_has_large_print_posted_and_screen_reader_members_and_one_late_pack(demo_service):
    formats = {n.paper_format.value for n in demo_service.comms.all_needs().values()}
    assert {"large_print", "posted", "screen_reader"} <= formats
    due = demo_service.comms.papers_due()
    assert [line.person.display_name for line in due.late] == ["Ben Okafor"]
