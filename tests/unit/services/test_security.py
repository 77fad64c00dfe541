"""The security calls the window makes (services/security.py, ``service.security``):
keys, backups and restoring, asked of a service instead of the store."""

from __future__ import annotations

import pytest

from clock import FIXED_NOW
from leap_desktop.domain.errors import LeapError
from leap_desktop.services import PanelService
from leap_desktop.services import security
from leap_desktop.services.files import write_atomically


def test_change_key_encrypts_a_plain_file_then_changes_its_key(tmp_path):
    path = tmp_path / "plain.leap"
    with PanelService.open(path, create=True, encrypt=False) as svc:
        svc.set_panel(name="Plain")
        assert not svc.security.state.encrypted
        assert svc.security.state.where.startswith("plain.leap is not encrypted")
        first = svc.security.change_key(security.new_key())
        assert first.recovery_key and svc.security.state.encrypted
        second = svc.security.change_key(security.new_key())
        assert second.recovery_key and second.recovery_key != first.recovery_key
        backups = svc.security.automatic_backups()
        assert [security.backup_reason(b) for b in backups[:2]] == [
            "made before a change of key", "made before the file was encrypted"]
        assert all(b.parent == svc.security.backup_folder() for b in backups)
        assert svc.panel().name == "Plain"
    assert not path.read_bytes().startswith(b"SQLite format 3")


def test_restore_from_puts_a_backup_back_and_keeps_the_panel_as_it_was(service):
    service.security.change_key(security.new_key())  # makes a backup of the panel as it is
    kept = service.security.automatic_backups()[0]
    service.set_panel(name="Renamed since")
    saved = service.security.restore_from(kept)
    assert service.panel().name == "Test panel"
    assert saved.exists() and security.backup_reason(saved) == "made before a restore"


def test_the_panel_says_whether_it_is_read_only_and_its_clock(service):
    assert service.readonly is False and service.read_only_reason is None
    assert service.background_busy is False
    assert service.clock() == FIXED_NOW


def test_a_passphrase_too_short_is_refused_in_words():
    with pytest.raises(LeapError, match="at least 8 characters"):
        security.check_passphrase("short")


def test_saving_a_file_never_writes_over_a_panel_file(service, panel_path):
    before = panel_path.read_bytes()
    with pytest.raises(LeapError, match="is a panel file"):
        write_atomically(panel_path, b"an export")
    assert panel_path.read_bytes() == before
