"""Notes about panel files in the data folder (store/path_notes.py): kept by a hash of
the path, written whole, and never a reason to fail."""

from __future__ import annotations

import stat

import pytest

from leap_desktop.store.path_notes import PathNotes
from panel_files import returns_without_a_writer


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("LEAP_DATA_DIR", str(folder))
    return folder


def test_a_note_is_kept_under_a_hash_not_the_path(data_folder, tmp_path):
    notes = PathNotes("notes.json")
    panel = tmp_path / "Amira's panel.leap"
    notes.put(panel, {"seen": 3})
    assert notes.get(panel) == {"seen": 3}
    assert PathNotes("notes.json").get(tmp_path / "." / "Amira's panel.leap") == {"seen": 3}  # the same file
    written = (data_folder / "notes.json").read_text(encoding="utf-8")
    assert "Amira" not in written and str(tmp_path) not in written
    assert stat.S_IMODE((data_folder / "notes.json").stat().st_mode) == 0o600


def test_forgetting_one_file_keeps_the_others(data_folder, tmp_path):
    notes = PathNotes("notes.json")
    notes.put(tmp_path / "a.leap", "a")
    notes.put(tmp_path / "b.leap", "b")
    notes.forget(tmp_path / "a.leap")
    assert notes.get(tmp_path / "a.leap") is None and notes.get(tmp_path / "b.leap") == "b"


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", ""])
def test_an_unreadable_file_of_notes_counts_as_none(data_folder, tmp_path, text):
    (data_folder / "notes.json").write_text(text, encoding="utf-8")
    notes = PathNotes("notes.json")
    assert notes.load() == {} and notes.get(tmp_path / "a.leap") is None
    notes.put(tmp_path / "a.leap", "a")  # and is replaced by a good one
    assert notes.get(tmp_path / "a.leap") == "a"


def test_only_the_newest_notes_are_kept_when_limited(data_folder, tmp_path):
    notes = PathNotes("notes.json", keep=2)
    for name in ("a", "b", "c"):
        notes.put(tmp_path / f"{name}.leap", name)
    notes.put(tmp_path / "b.leap", "b again")  # noting it again makes it the newest
    notes.put(tmp_path / "d.leap", "d")
    assert [notes.get(tmp_path / f"{n}.leap") for n in "abcd"] == [None, "b again", None, "d"]


def test_a_note_that_cannot_be_written_fails_nothing(data_folder, tmp_path):
    (data_folder / "notes.json").mkdir()  # a folder where the file should be
    notes = PathNotes("notes.json")
    notes.put(tmp_path / "a.leap", "a")
    assert notes.get(tmp_path / "a.leap") is None


def test_a_named_pipe_in_place_of_the_notes_does_not_hang_the_start(data_folder, tmp_path):
    import os

    os.mkfifo(data_folder / "notes.json")
    notes = PathNotes("notes.json")
    assert returns_without_a_writer(data_folder / "notes.json", lambda: notes.get(tmp_path / "p.leap")) is None


def test_named_pipes_in_place_of_a_lock_or_a_backups_note_read_as_nothing(data_folder, tmp_path):
    """A shared folder may hold anything under the lock's name: it is read as no holder."""
    import os

    from leap_desktop.store import backup
    from leap_desktop.store.lock import lock_path, read_holder

    panel = tmp_path / "p.leap"
    os.mkfifo(lock_path(panel))
    assert returns_without_a_writer(lock_path(panel), lambda: read_holder(panel)) is None
    os.mkfifo(data_folder / backup.SETTINGS_FILE)
    keep = returns_without_a_writer(data_folder / backup.SETTINGS_FILE, backup.backups_to_keep)
    assert keep == 10
