"""Opening an unchanged file skips the page-by-page check; any outside change brings it back."""

import os

import pytest

from leap_desktop.services import PanelService
from leap_desktop.store import backup
from leap_desktop.store.panel_store import DamagedFile

from .test_security import damage_page, make_panel


@pytest.fixture
def page_checks(monkeypatch):
    """Counts the full page scans made when files are opened."""
    calls = []
    real = backup.check_connection

    def counting(conn, **options):
        calls.append(options)
        return real(conn, **options)

    monkeypatch.setattr(backup, "check_connection", counting)
    return calls


def test_reopening_a_file_left_cleanly_skips_the_scan(panel_path, page_checks):
    make_panel(panel_path).close()
    page_checks.clear()
    with PanelService.open(panel_path, backups=False) as svc:
        assert svc.people()
    assert page_checks == []


def test_a_change_from_outside_brings_the_scan_back_and_damage_is_found(panel_path, page_checks):
    svc = make_panel(panel_path)
    for n in range(40):
        svc.add_person(display_name=f"Person {n}", roles=["carer"], access_needs="x" * 300, consent="named")
    svc.close()
    page_checks.clear()
    damage_page(panel_path, panel_path.stat().st_size // 4096 - 1)
    with pytest.raises(DamagedFile):
        PanelService.open(panel_path, backups=False)
    assert len(page_checks) == 1


def test_a_file_touched_by_another_program_is_checked_again(panel_path, page_checks):
    make_panel(panel_path).close()
    stat = panel_path.stat()
    os.utime(panel_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    page_checks.clear()
    PanelService.open(panel_path, backups=False).close()
    assert len(page_checks) == 1


def test_a_crash_that_leaves_a_log_is_checked_again(panel_path, page_checks):
    svc = make_panel(panel_path)
    svc.close()
    svc = PanelService.open(panel_path, backups=False)
    svc.add_person(display_name="Written, then the laptop died", roles=["carer"], consent="named")
    assert os.path.getsize(f"{panel_path}-wal") > 0
    svc.store._lock.release()  # no clean close: the log stays, nothing is noted
    svc.store._lock = None
    svc.store._closed = True
    page_checks.clear()
    with PanelService.open(panel_path, backups=False) as again:
        assert "Written, then the laptop died" in [p.display_name for p in again.people()]
    assert len(page_checks) == 1
