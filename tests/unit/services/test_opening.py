"""The opening the app and the command share (services/opening.py): secrets from the
environment once each, a file in use opened read-only, a new panel under a temporary name."""

from __future__ import annotations

from pathlib import Path

import pytest

from leap_desktop.services import PanelService, opening
from leap_desktop.store.unlock import UnlockRequest


def request(path: Path) -> UnlockRequest:
    return UnlockRequest(path, "The keyring is locked", "the test keyring", 1)


def test_the_environment_secrets_are_given_once_each_recovery_key_first(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_RECOVERY_KEY", "recovery words")
    monkeypatch.setenv("LEAP_PASSPHRASE", "a passphrase")
    asked = []
    ask = opening.asking(lambda req, tried: asked.append(tried) or "typed")
    answers = [ask(request(tmp_path / "p.leap")) for _ in range(4)]
    assert answers == ["recovery words", "a passphrase", "typed", "typed"]
    assert asked[0] == ["LEAP_RECOVERY_KEY", "LEAP_PASSPHRASE"]


def test_the_first_secret_comes_before_the_environment_and_none_twice(tmp_path, monkeypatch):
    monkeypatch.delenv("LEAP_RECOVERY_KEY", raising=False)
    monkeypatch.setenv("LEAP_PASSPHRASE", "the demo's own")
    ask = opening.asking(None, first="the demo's own")
    assert ask(request(tmp_path / "p.leap")) == "the demo's own"
    assert ask(request(tmp_path / "p.leap")) is None  # the same secret is not given again; no one to ask


def test_a_file_open_for_changes_elsewhere_opens_read_only_and_says_why(tmp_path):
    path = tmp_path / "panel.leap"
    with PanelService.open(path, create=True, backups=False) as first:
        first.set_panel(name="In use")
        second = opening.open_existing(path, backups=False)
        try:
            assert second.store.readonly
            assert second.store.read_only_reason.endswith("has it open for changes")
            assert second.panel().name == "In use"
        finally:
            second.close()


def test_a_new_panel_takes_its_name_only_when_complete(tmp_path):
    path = tmp_path / "new.leap"
    with pytest.raises(RuntimeError):
        with opening.building(path) as temporary:
            with PanelService.open(temporary, create=True, backups=False) as svc:
                svc.set_panel(name="Half made")
                raise RuntimeError("interrupted")
    assert not path.exists() and list(tmp_path.iterdir()) == []
    with opening.building(path) as temporary:
        assert temporary != path and temporary.parent == path.parent
        with PanelService.open(temporary, create=True, backups=False) as svc:
            svc.set_panel(name="Whole")
    with PanelService.open(path) as svc:
        assert svc.panel().name == "Whole"
