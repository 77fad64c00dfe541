"""Issue 9, items 1 and 2: backups belong to one file, in a folder named only from what
LEAP Desktop controls (never from text in the file); copies keep their backups apart."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from leap_desktop.cli import main
from leap_desktop.services import PanelService, interchange
from leap_desktop.services.interchange import ImportRefused, read_document
from leap_desktop.services.demo import build_document

from panel_files import raw_connect


def leap(*args):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "a" / "b" / "c" / "d" / "data"
    monkeypatch.setenv("LEAP_DATA_DIR", str(folder))
    return folder


def backups_listed(db) -> list[str]:
    code, out, err = leap("--db", db, "backups")
    assert code == 0, err
    lines = out.splitlines()
    folder = lines[0].rsplit(" in ", 1)[1].rstrip(":")
    return [f"{folder}/{line.split()[-1]}" for line in lines[1:] if line.strip() != "(none yet)"]


@pytest.mark.parametrize("odd", ["/../../../..", "ab\x00cd", "..", "x/y"])
def test_a_panel_with_an_odd_id_works_and_its_backups_stay_in_the_data_folder(tmp_path, data, monkeypatch, odd):
    document = build_document(dt.date(2026, 6, 15))
    document["panel"]["id"] = odd
    db = tmp_path / "p.leap"
    # Written through the store, as an older LEAP Desktop that let any id in would have.
    monkeypatch.setattr(interchange, "_UUID", re.compile(r".+", re.S), raising=False)
    with PanelService.open(db, create=True) as svc:
        interchange.import_document(svc.store, document)
    monkeypatch.undo()
    monkeypatch.setenv("LEAP_DATA_DIR", str(data))
    for command in (["check"], ["export", "--out", tmp_path / "p.json"], ["backup", "--out", tmp_path / "b.leap"],
                    ["decisions"], ["trace", "D-1"], ["export-minutes", "M-12", "--out", tmp_path / "m.docx"],
                    ["backups", "--keep", "2"], ["rekey"]):
        code, _, err = leap("--db", db, *command)
        assert code == 0, (command, err)
        assert "unexpected problem" not in err
    made = {p for p in tmp_path.rglob("*.leap")} - {db, tmp_path / "b.leap"}
    assert made and all(data in p.parents for p in made), made
    assert len(backups_listed(db)) == 2


def test_import_refuses_ids_that_are_not_uuids(tmp_path):
    document = build_document(dt.date(2026, 6, 15))
    document["people"][1]["id"] = "/../../../.."
    source = tmp_path / "in.json"
    source.write_text(interchange.dumps(document), encoding="utf-8")
    code, _, err = leap("--db", tmp_path / "new.leap", "import", source)
    assert code == 1
    assert "people[1].id" in err and "must be a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e" in err, err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "new.leap").exists()


def test_two_demo_panels_of_one_name_keep_their_own_backups(tmp_path, data):
    one, two = tmp_path / "one" / "p.leap", tmp_path / "two" / "p.leap"
    for db in (one, two):
        db.parent.mkdir()
        assert leap("--db", db, "demo")[0] == 0
    first, second = backups_listed(one), backups_listed(two)  # each open makes the day's backup
    assert len(first) == 1 and len(second) == 1 and first != second
    assert leap("--db", one, "backups", "--keep", "1")[0] == 0
    assert leap("--db", one, "rekey")[0] == 0  # a backup and a rotation in one
    assert backups_listed(two) == second


def test_a_byte_copy_gets_its_own_backups_and_a_moved_file_keeps_its_own(tmp_path, data):
    db = tmp_path / "one" / "p.leap"
    db.parent.mkdir()
    assert leap("--db", db, "demo")[0] == 0
    mine = backups_listed(db)
    copy = tmp_path / "two" / "p.leap"
    copy.parent.mkdir()
    shutil.copy2(db, copy)
    code, out, err = leap("--db", copy, "people")
    assert code == 0
    assert err.count("is a copy of a panel file that is still in its first place") == 1
    theirs = backups_listed(copy)
    assert len(theirs) == 1 and theirs != mine
    assert "is a copy" not in leap("--db", copy, "people")[2]  # said once
    assert backups_listed(db) == mine
    moved = tmp_path / "three" / "p.leap"
    moved.parent.mkdir()
    os.rename(db, moved)
    code, _, err = leap("--db", moved, "people")
    assert code == 0 and "is a copy" not in err
    assert backups_listed(moved) == mine


def test_a_file_from_before_file_ids_keeps_its_backups(tmp_path, data):
    db = tmp_path / "p.leap"
    assert leap("--db", db, "demo")[0] == 0
    # Make it a file of the previous schema, with its backup where that version put it.
    conn = raw_connect(db)
    panel_id = conn.execute("SELECT id FROM panel").fetchone()[0]
    conn.execute("DROP TABLE file_identity")
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    table = next(n for n in names if "migrations" in n)
    conn.execute(f"DELETE FROM {table} WHERE name = 'm005_file_identity'")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    old = data / "backups" / f"p-{panel_id.replace('-', '')[:12]}"
    old.mkdir(parents=True)
    kept = old / "p-20260101-090000-daily.leap"
    shutil.copy2(db, kept)
    listed = backups_listed(db)
    assert any(n.endswith(kept.name) for n in listed) and any(n.endswith("-before-update.leap") for n in listed)
    assert not old.exists()


def test_restoring_a_backup_of_a_copy_keeps_the_files_own_backups(tmp_path, data):
    db = tmp_path / "one" / "p.leap"
    db.parent.mkdir()
    assert leap("--db", db, "demo")[0] == 0
    mine = backups_listed(db)
    folder = mine[0].rsplit("/", 1)[0]
    copy = tmp_path / "two" / "p.leap"
    copy.parent.mkdir()
    shutil.copy2(db, copy)
    assert leap("--db", copy, "backup", "--out", tmp_path / "copy-backup.leap")[0] == 0  # the copy's own id
    code, _, err = leap("--db", db, "restore", tmp_path / "copy-backup.leap")
    assert code == 0, err
    after = backups_listed(db)
    assert all(b.startswith(folder + "/") for b in after) and set(mine) <= set(after)
    assert any(b.endswith("-before-restore.leap") for b in after)
    code, _, err = leap("--db", db, "people")
    assert code == 0 and "is a copy" not in err
    assert not any(b.endswith("-before-restore.leap") for b in backups_listed(copy))


# A hostile run: whatever an id holds, an import refuses all but a UUID, in one plain line.

_SMALL = build_document(dt.date(2026, 6, 15))
_SMALL = {**_SMALL, "people": _SMALL["people"][:2], "meetings": [], "decisions": [], "actions": []}
_UUID_SHAPE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@settings(max_examples=80, deadline=None)
@given(odd=st.one_of(st.text(max_size=80), st.integers(), st.none(), st.lists(st.integers(), max_size=2),
                     st.sampled_from(["/../../../..", "a\x00b", "..", "\ud800", "0f8fad5b-d9cb-469f-a165-70867728950e\n"])),
       where=st.sampled_from(["panel", "people"]))
def test_any_id_that_is_not_a_uuid_is_refused_in_one_line(odd, where):
    if isinstance(odd, str) and _UUID_SHAPE.fullmatch(odd):
        return
    document = {**_SMALL, "panel": dict(_SMALL["panel"]), "people": [dict(p) for p in _SMALL["people"]]}
    (document["panel"] if where == "panel" else document["people"][1])["id"] = odd
    with pytest.raises(ImportRefused) as refused:
        read_document(document)
    message = str(refused.value)
    assert "\n" not in message and len(message) < 300
    if odd:  # an empty or missing id is refused as missing
        assert refused.value.where == ("panel.id" if where == "panel" else "people[1].id")
