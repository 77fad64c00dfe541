"""Issue 10, item 18: names in free text done exactly: the names check, approved minutes
that never change when a member joins, and panels from before it (migration m008)."""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest

from leap_desktop.domain.errors import RuleError
from leap_desktop.domain.model import Contribution, Meeting
from leap_desktop.export import minutes_docx
from leap_desktop.services import PanelService, approval, minutes
from leap_desktop.store import frozen_names, migrations

from clock import FIXED_NOW as NOW
from panel_files import raw_connect
from unit.export.test_minutes_docx import all_text

GP = "Will my GP be told I am taking part?"


@pytest.fixture
def panel(service):
    zhang = service.add_person(display_name="张伟", roles=["lived_experience"], consent="role_only")
    amy = service.add_person(display_name="Amy Nolan", roles=["carer"], consent="named")
    zara = service.add_person(display_name="Zara Quinn", roles=["carer"], consent="anonymous")
    meeting = service.add_meeting(title="March panel", starts_at="2026-03-05 14:00")
    later = service.add_meeting(title="April panel", starts_at="2026-04-02 14:00")
    item = service.add_item(meeting.id, title="Consent forms", purpose="discussion")
    gp = service.add_contribution(item.id, amy.id, "question", GP)
    wei = service.add_contribution(item.id, zhang.id, "insight", "In my language wei is a greeting; 张伟 is me")
    service.set_meeting_status(meeting.id, "held")
    service.set_meeting_status(later.id, "held")
    return {"meeting": meeting, "later": later, "item": item, "gp": gp, "wei": wei, "amy": amy, "zara": zara,
            "zhang": zhang}


def said(service, meeting, **options) -> list[str]:
    built = minutes.build_minutes(service, service.get(Meeting, meeting.id), **options)
    return [s.text for s in built.items[0].said]


def docx_text(service, meeting, **options) -> str:
    built = minutes.build_minutes(service, service.get(Meeting, meeting.id), **options)
    return all_text(docx.Document(io.BytesIO(minutes_docx.render(built, now=NOW))))


def test_will_my_gp_is_a_suspect_to_check_not_a_silent_rewrite(panel, service):
    meeting = panel["meeting"]
    assert said(service, meeting)[0] == GP
    service.add_person(display_name="Will Hope", roles=["researcher"], consent="role_only")
    # Unchecked: the private side, and the export says so.
    assert said(service, meeting)[0] == "[name removed] my GP be told I am taking part?"
    assert service.names.unchecked(meeting.id) == 2  # "Will", and 张伟 in what they said
    assert service.names.note(meeting.id).startswith("2 possible names not checked yet")
    suspect = service.names.suspects(meeting.id)[0]
    assert (suspect.word, suspect.where, [p.display_name for p in suspect.candidates]) == (
        "Will", "C-1, what was said", ["Will Hope"])
    assert suspect.context() == ("", "Will", " my GP be told I am taking part?")
    service.names.mark_not_a_name(meeting.id, 1)
    service.names.mark_person(meeting.id, 1, panel["zhang"].id)
    assert service.names.suspects(meeting.id) == [] and service.names.note(meeting.id) == ""
    for anonymised in (False, True):
        assert GP in docx_text(service, meeting, anonymised=anonymised)
    assert service.check() == []


def test_zhang_weis_preferred_name_leaves_the_word_wei_to_the_names_check(panel, service):
    meeting = panel["meeting"]
    service.edit_person(panel["zhang"].id, preferred_name="Zhang Wei")
    assert said(service, meeting)[1] == "In my language [name removed] is a greeting; [name removed] is me"
    words = [(s.number, s.word) for s in service.names.suspects(meeting.id) if s.record.id == panel["wei"].id]
    assert words == [(1, "wei"), (2, "张伟")]
    service.names.mark_not_a_name(meeting.id, 1)
    service.names.mark_person(meeting.id, 1, panel["zhang"].id)  # now the first left: 张伟, who is P-1
    text = service.get(Contribution, panel["wei"].id).text
    assert text == "In my language wei is a greeting; @[P-1] is me"
    assert said(service, meeting)[1] == "In my language wei is a greeting; [lived experience member] is me"
    assert service.names.unchecked(meeting.id, anonymised=True) == 0


def test_a_named_members_name_is_checked_for_the_edition_for_publication_only(panel, service):
    meeting = panel["meeting"]
    service.add_contribution(panel["item"].id, panel["zara"].id, "idea", "Amy said so")
    service.names.mark_person(meeting.id, 1, panel["zhang"].id)  # 张伟, in what they said
    assert service.names.unchecked(meeting.id) == 0
    assert service.names.unchecked(meeting.id, anonymised=True) == 1
    service.names.mark_person(meeting.id, 1, panel["amy"].id)
    assert said(service, meeting)[2] == "Amy Nolan said so"
    assert said(service, meeting, anonymised=True)[2] == "[carer] said so"


def test_marking_refuses_a_number_not_listed_and_undoes(panel, service):
    meeting = panel["meeting"]
    service.names.mark_person(meeting.id, 1, panel["zhang"].id)  # 张伟, in what they said
    with pytest.raises(RuleError, match="no possible names left to check"):
        service.names.mark_not_a_name(meeting.id, 1)
    service.add_person(display_name="Will Hope", roles=["researcher"], consent="anonymous")
    with pytest.raises(RuleError, match=r"There is no possible name 4 in the minutes of M-1 \(1 possible name to check"):
        service.names.mark_not_a_name(meeting.id, 4)
    before = service.get(Contribution, panel["gp"].id)
    service.names.mark_person(meeting.id, 1, panel["amy"].id)
    service.names.restore_text(before, "text")
    assert service.get(Contribution, panel["gp"].id).text == GP
    mark = service.names.mark_not_a_name(meeting.id, 1)
    service.names.unmark(mark.id)
    assert service.names.unchecked(meeting.id) == 1


def test_approved_minutes_never_change_when_a_member_joins_or_is_renamed(panel, service):
    meeting, later = panel["meeting"], panel["later"]
    approval.circulate(service, meeting.id)
    approval.approve(service, meeting.id, later.id)
    before = {a: docx_text(service, meeting, anonymised=a) for a in (False, True)}
    service.add_person(display_name="Will Hope", roles=["researcher"], consent="anonymous")
    service.edit_person(panel["zhang"].id, preferred_name="Zhang Wei")
    assert {a: docx_text(service, meeting, anonymised=a) for a in (False, True)} == before
    assert GP in before[False]
    # An approved text is locked: a mention would change it; "not a name" changes no minutes.
    number = next(s.number for s in service.names.suspects(meeting.id) if s.word == "Will")
    with pytest.raises(RuleError, match="approved minutes of M-1, which are locked"):
        service.names.mark_person(meeting.id, number, panel["amy"].id)
    # Consent still applies to what was guessed at approval.
    service.edit_person(panel["zhang"].id, consent="named")
    assert "张伟 is me" in docx_text(service, meeting)
    # An earlier version, kept as its snapshot, reads the same way.
    approval.amend(service, meeting.id, "A typo")
    service.edit_person(panel["zhang"].id, consent="role_only")
    assert "In my language wei is a greeting; [name removed] is me" in docx_text(service, meeting, version=1)


def test_a_panel_from_before_names_check_keeps_its_approved_minutes_as_they_read(panel, service, panel_path,
                                                                                 monkeypatch):
    meeting, later = panel["meeting"], panel["later"]
    zara = panel["zara"]
    service.add_contribution(panel["item"].id, panel["amy"].id, "idea", "Zara and Will agree")
    approval.circulate(service, meeting.id)
    # Approved as an older LEAP Desktop did: a snapshot with no frozen names.
    plain = minutes.snapshot
    monkeypatch.setattr(approval.minutes, "snapshot", lambda rows, *args: plain(rows))
    approval.approve(service, meeting.id, later.id)
    monkeypatch.undo()
    before = {a: docx_text(service, meeting, anonymised=a) for a in (False, True)}
    assert "[name removed] and Will agree" in before[False]
    service.close()
    conn = raw_connect(panel_path) if _encrypted(panel_path) else __import__("sqlite3").connect(panel_path)
    conn.execute("DROP TABLE name_marks")
    conn.execute(f"DROP TABLE {frozen_names.FROZEN_NAMES}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm008_name_marks'")
    conn.execute(f"PRAGMA user_version = {migrations.schema_version() - 1}")
    conn.commit()
    conn.close()
    with PanelService.open(panel_path, clock=lambda: NOW) as svc:
        assert {a: docx_text(svc, meeting, anonymised=a) for a in (False, True)} == before  # nothing changed
        svc.add_person(display_name="Will Hope", roles=["researcher"], consent="anonymous")
        assert {a: docx_text(svc, meeting, anonymised=a) for a in (False, True)} == before
        assert svc.get(type(zara), zara.id).display_name == "Zara Quinn"
        assert svc.check() == []


def _encrypted(path) -> bool:
    return not path.read_bytes()[:16].startswith(b"SQLite format 3")


def test_the_interchange_carries_mentions_as_stored_and_marks_in_version_2(panel, service, tmp_path):
    from leap_desktop.services import interchange

    meeting = panel["meeting"]
    service.add_person(display_name="Will Hope", roles=["researcher"], consent="anonymous")
    service.names.mark_not_a_name(meeting.id, 1)  # "Will"
    service.names.mark_person(meeting.id, 1, panel["zhang"].id)  # 张伟
    document = interchange.export_document(service.store)
    assert document["version"] == 2 and len(document["name_marks"]) == 1
    text = interchange.dumps(document)
    assert "@[P-1] is me" in text
    with PanelService.open(tmp_path / "copy.leap", create=True, clock=lambda: NOW) as copy:
        interchange.import_document(copy.store, interchange.loads(text))
        assert said(copy, meeting) == [GP, "In my language wei is a greeting; [lived experience member] is me"]
        assert copy.names.unchecked(meeting.id) == 0  # the mark on "Will" came with it
        assert interchange.dumps(interchange.export_document(copy.store)) == text
        assert copy.check() == []
    for version in (1,):  # a file from before the names check: no marks
        older = {k: v for k, v in interchange.loads(text).items() if k not in interchange.ADDED_IN_VERSION_2}
        older["version"] = version
        for m in older["meetings"]:  # as version 1 wrote meetings
            m.pop("invite_sequence")
            m["papers_sent_on"] = None
        with PanelService.open(tmp_path / f"v{version}.leap", create=True, clock=lambda: NOW) as copy:
            interchange.import_document(copy.store, older)
            assert said(copy, meeting)[0] == "[name removed] my GP be told I am taking part?"  # to check again
    with pytest.raises(interchange.ImportRefused, match="name_marks: is not a field this format knows"):
        interchange.read_document(dict(older, name_marks=[]))  # a version 1 file may not carry them


def test_an_export_carries_the_names_frozen_for_minutes_approved_before_m008(panel, service, tmp_path,
                                                                             monkeypatch, panel_path):
    from leap_desktop.services import interchange

    meeting, later = panel["meeting"], panel["later"]
    approval.circulate(service, meeting.id)
    plain = minutes.snapshot
    monkeypatch.setattr(approval.minutes, "snapshot", lambda rows, *args: plain(rows))
    approval.approve(service, meeting.id, later.id)
    monkeypatch.undo()
    frozen_names.freeze_approved_minutes(service.store.conn)  # as m008 does for an older file
    before = docx_text(service, meeting)
    text = interchange.dumps(interchange.export_document(service.store))
    with PanelService.open(tmp_path / "copy.leap", create=True, clock=lambda: NOW) as copy:
        interchange.import_document(copy.store, interchange.loads(text))
        copy.add_person(display_name="Will Hope", roles=["researcher"], consent="anonymous")
        assert docx_text(copy, meeting) == before
        assert interchange.dumps(interchange.export_document(copy.store)).count('\\"names\\"') == 1


def test_an_import_refuses_a_mention_of_someone_not_in_the_document(panel, service, tmp_path):
    from leap_desktop.services import interchange

    service.edit_contribution(panel["gp"].id, text="Ask @[P-9] about it")
    document = interchange.export_document(service.store)
    with pytest.raises(interchange.ImportRefused,
                       match=r"meetings\[0\]\.agenda\[0\]\.contributions\[0\]\.text: mentions P-9, who is not among"):
        interchange.read_document(document)
    service.edit_contribution(panel["gp"].id, text="Ask @[P-2] about it")
    document = interchange.export_document(service.store)
    document["name_marks"] = [{"id": "0f0e0d0c-0b0a-4909-8807-060504030201", "created_at": "2026-06-15T10:00:00.000Z",
                               "updated_at": "2026-06-15T10:00:00.000Z", "deleted_at": None,
                               "record_table": "people", "record": panel["amy"].id, "field": "display_name",
                               "start": 0, "word": "Amy", "text_key": "0" * 32, "verdict": "not_a_name"}]
    with pytest.raises(interchange.ImportRefused, match=r"name_marks\[0\]\.field: people\.display_name is not a free text"):
        interchange.read_document(document)
