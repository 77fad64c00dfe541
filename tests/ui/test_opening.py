"""open_panel(): the one way the app opens a panel file, with keys, locks and new files."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from leap_desktop.services import PanelService
from leap_desktop.services.demo import DEMO_PASSPHRASE
from leap_desktop.store.keys import KeyStore, read_salt
from leap_desktop.views.shell.app import Launcher, open_panel
from leap_desktop.views.shell.main_window import MainWindow

PASSPHRASE = "a long sentence about tea"


@pytest.fixture
def keyless_panel(tmp_path):
    """An encrypted panel whose key is not in the keyring (a new laptop, a reset keyring)."""
    path = tmp_path / "ours.leap"
    with PanelService.open(path, create=True, passphrase=PASSPHRASE) as svc:
        svc.set_panel(name="Our panel")
    KeyStore().forget(read_salt(path))
    return path


def boxes() -> list[str]:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    texts = [b.text() for b in found]
    for box in found:
        box.close()
    return texts


def test_a_file_whose_key_is_not_in_the_keyring_opens_with_its_passphrase(keyless_panel, settings, monkeypatch, qapp):
    monkeypatch.delenv("LEAP_PASSPHRASE", raising=False)
    monkeypatch.delenv("LEAP_RECOVERY_KEY", raising=False)
    assert open_panel(keyless_panel, settings=settings, interactive=False) is None
    [message] = boxes()
    assert "ours.leap cannot be opened" in message or "ours.leap" in message
    assert "Traceback" not in message

    monkeypatch.setenv("LEAP_PASSPHRASE", PASSPHRASE)  # as for the leap command
    ctx = open_panel(keyless_panel, settings=settings, interactive=False)
    assert ctx is not None and ctx.panel_name() == "Our panel"
    ctx.close()


def test_a_wrong_answer_is_refused_plainly_and_changes_nothing(keyless_panel, settings, monkeypatch, qapp):
    before = keyless_panel.read_bytes()
    monkeypatch.setenv("LEAP_PASSPHRASE", "not the right one at all")
    assert open_panel(keyless_panel, settings=settings, interactive=False) is None
    assert boxes()
    assert keyless_panel.read_bytes() == before


def test_a_file_open_for_changes_elsewhere_opens_read_only_and_says_so(demo_path, settings, appearance, qtbot, qapp):
    with PanelService.open(demo_path):  # another LEAP Desktop has it open for changes
        ctx = open_panel(demo_path, settings=settings, interactive=False)
        assert ctx is not None and ctx.service.store.readonly
        window = MainWindow(ctx, None, appearance=appearance, remember=False)
        qtbot.addWidget(window)
        assert window.windowTitle().endswith("(read-only)")
        assert "open read-only" in window.statusBar().currentMessage()
        window.show()
        people = window.show_page("people")
        assert people.model.rowCount() > 0  # everything can be read
        ctx.problem.connect(lambda text: None)
        from leap_desktop.views.partials.edits import change_records

        person = people.current()
        result = change_records(ctx, "Edit", [person], lambda: ctx.service.edit_person(person.id, pronouns="they/them"))
        assert result is None
        assert any("is open read-only, so nothing was saved" in text for text in boxes())
        window.close()


def test_the_demo_panel_is_encrypted_and_opens_without_a_keyring_entry(settings, appearance, tmp_path, monkeypatch, qtbot):
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEAP_PASSPHRASE", raising=False)
    launcher = Launcher(settings, appearance)
    assert launcher.open_demo(None)
    path = launcher.window.ctx.path
    assert launcher.window.ctx.service.store.security.encrypted
    launcher.close_panel()
    KeyStore().forget(read_salt(path))  # as on a machine with no keyring
    assert launcher.open_demo(None)  # its own passphrase opens it
    launcher.close_panel()
    launcher.start_screen.close()
    assert DEMO_PASSPHRASE == "demo panel passphrase"  # the same as make run uses (scripts/run-demo)
