"""A damaged panel file: a backup put in its place without opening or overwriting it."""

from __future__ import annotations

import os
import stat

import pytest
from panel_files import damaged_panel

from leap_desktop.domain.errors import StoreError
from leap_desktop.services import PanelService
from leap_desktop.store.lock import PanelInUse
from leap_desktop.store.panel_store import DamagedFile


def test_the_message_offers_the_latest_good_backup_and_says_how(panel_path):
    good = damaged_panel(panel_path)
    with pytest.raises(DamagedFile) as caught:
        PanelService.open(panel_path)
    message = str(caught.value)
    assert caught.value.latest_backup == good
    assert f"The latest good backup is {good}, made " in message
    assert "Open the file in LEAP Desktop to restore it" in message
    assert f"'leap --db {panel_path} restore {good}'" in message
    assert "File > Restore" not in message  # no menu of that name


def test_restoring_over_a_damaged_file_keeps_it_byte_for_byte_beside_the_panel(panel_path):
    good = damaged_panel(panel_path)
    damaged_bytes = panel_path.read_bytes()
    with pytest.raises(DamagedFile):
        PanelService.open(panel_path)

    done = PanelService.restore_damaged(panel_path, good)

    assert done.panel == panel_path and done.backup == good
    assert done.damaged.parent == panel_path.parent
    assert done.damaged.name.startswith("panel.damaged-") and done.damaged.suffix == ".leap"
    assert done.damaged.read_bytes() == damaged_bytes
    assert stat.S_IMODE(done.damaged.stat().st_mode) == 0o600
    assert stat.S_IMODE(panel_path.stat().st_mode) == 0o600
    assert not list(panel_path.parent.glob(".*.part"))
    with PanelService.open(panel_path) as svc:  # the keyring's key still opens it
        names = [p.display_name for p in svc.people()]
        assert "Person 39" in names and "Added after the backup" not in names
        assert svc.check() == []  # the audit trail is compared with the backup's from now on
        svc.add_person(display_name="Carried on", roles=["carer"], consent="named")
    assert done.damaged.read_bytes() == damaged_bytes


def test_a_second_restore_the_same_minute_does_not_touch_the_first_damaged_file(panel_path):
    good = damaged_panel(panel_path)
    first = PanelService.restore_damaged(panel_path, good)
    kept = first.damaged.read_bytes()
    second = PanelService.restore_damaged(panel_path, good)
    assert second.damaged != first.damaged and first.damaged.read_bytes() == kept


def test_a_bad_backup_or_a_panel_in_use_changes_nothing(tmp_path, panel_path):
    good = damaged_panel(panel_path)
    before = panel_path.read_bytes(), os.stat(panel_path).st_mtime_ns
    junk = tmp_path / "junk.leap"
    junk.write_text("not a panel " * 100)
    broken = tmp_path / "broken.leap"
    broken.write_bytes(panel_path.read_bytes())
    for source, message in ((junk, "not a LEAP panel file"), (broken, "was not restored"),
                            (tmp_path / "missing.leap", "There is no backup file"), (panel_path, "panel file itself")):
        with pytest.raises(StoreError, match=message):
            PanelService.restore_damaged(panel_path, source)
    from leap_desktop.store import lock

    with lock.acquire(panel_path):  # another LEAP Desktop has it open
        with pytest.raises(PanelInUse):
            PanelService.restore_damaged(panel_path, good)
    assert (panel_path.read_bytes(), os.stat(panel_path).st_mtime_ns) == before
    assert sorted(p.name for p in panel_path.parent.iterdir() if "damaged" in p.name) == []


def test_the_damaged_files_write_ahead_log_goes_with_it(panel_path):
    good = damaged_panel(panel_path)
    wal = panel_path.with_name(panel_path.name + "-wal")
    wal.write_bytes(b"\x01" * 4096)  # pending changes a crash left, belonging to the damaged file
    done = PanelService.restore_damaged(panel_path, good)
    assert not wal.exists()
    assert done.damaged.with_name(done.damaged.name + "-wal").read_bytes() == b"\x01" * 4096
    with PanelService.open(panel_path) as svc:
        assert svc.check() == []
