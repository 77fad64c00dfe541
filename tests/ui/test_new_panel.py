"""New panel in the app: an interrupted creation leaves no file under the panel's name,
and where no keyring can keep the key, a passphrase is offered (the rules of leap init)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from leap_desktop.domain.errors import StoreError
from leap_desktop.services import PanelService
from leap_desktop.store.unlock import KeyNeeded
from leap_desktop.views.shell.app import Launcher, open_panel

from .helpers import press, type_text

K = Qt.Key
PASSPHRASE = "tea at the community centre"

KILL_DURING = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from leap_desktop.views.shell.app import open_panel
    where = sys.argv[2]

    def die(*_args):
        os.kill(os.getpid(), signal.SIGKILL)

    def setup(service):
        service.set_panel(name="Killed while being made")
        if where == "setup":
            die()

    open_panel(sys.argv[1], create=True, setup=setup, raise_problems=True,
               show_recovery_key=die if where == "recovery key" else (lambda *a: None))
""")


@pytest.mark.parametrize("moment", ["setup", "recovery key"])
def test_a_kill_while_a_panel_is_made_leaves_no_file_under_its_name(tmp_path, moment, settings, qapp):
    path = tmp_path / "ours.leap"
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", LEAP_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", KILL_DURING, str(path), moment], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == -9, done.stderr  # killed part-way
    assert not path.exists()  # nothing unusable under the panel's name
    # Making it again clears what the killed attempt left (a hidden .ours.leap.new).
    ctx = open_panel(path, create=True, setup=lambda s: s.set_panel(name="Ours"), settings=settings,
                     raise_problems=True, show_recovery_key=lambda *a: None)
    try:
        assert ctx.panel_name() == "Ours" and ctx.path == path
    finally:
        ctx.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["ours.leap"]


def test_a_refused_panel_leaves_nothing_beside_it(tmp_path, qapp):
    with pytest.raises(StoreError, match="There is already a file at"):
        (tmp_path / "taken.leap").write_text("mine")
        open_panel(tmp_path / "taken.leap", create=True, raise_problems=True, show_recovery_key=lambda *a: None)
    assert (tmp_path / "taken.leap").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.leap"]


@pytest.fixture
def launcher(settings, appearance, tmp_path, monkeypatch):
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "data"))
    launch = Launcher(settings, appearance)
    shown = []
    launch.show_recovery_key = lambda key, where, name: shown.append((key, where, name))
    launch.shown = shown
    yield launch
    for window in (launch.window, launch.start_screen):
        if window is not None:
            window.close()


def new_panel_dialog(launcher, qtbot, path):
    launcher.show_start()
    launcher.new_panel(launcher.start_screen)
    dialog = launcher.dialog
    qtbot.waitUntil(dialog.isVisible)
    type_text(qtbot, "Carers' Panel", dialog.ui.nameEdit)
    dialog.ui.fileEdit.setText(str(path))
    return dialog


def test_with_no_keyring_new_panel_offers_a_passphrase(launcher, tmp_path, qtbot, no_keyring):
    path = tmp_path / "carers.leap"
    dialog = new_panel_dialog(launcher, qtbot, path)
    ui = dialog.ui
    assert ui.passphraseBox.isVisible()
    assert ui.passphraseIntro.text().startswith(
        "No keyring works on this computer, so LEAP Desktop cannot keep the new panel's key for you.")
    press(qtbot, K.Key_Return, widget=ui.nameEdit)  # nothing typed in the passphrase boxes: said once
    assert dialog.isVisible() and ui.passError.text().startswith("No passphrase: the recovery key, shown once")
    type_text(qtbot, "short", ui.passEdit)
    type_text(qtbot, "short", ui.againEdit)
    press(qtbot, K.Key_Return, widget=ui.nameEdit)
    assert ui.passError.text() == "The passphrase is too short: use at least 8 characters"
    ui.passEdit.setText(PASSPHRASE)
    ui.againEdit.setText(PASSPHRASE + "!")
    press(qtbot, K.Key_Return, widget=ui.nameEdit)
    assert ui.passError.text() == "The two passphrases differ: type the same one in both boxes"
    assert not path.exists()
    ui.againEdit.setText(PASSPHRASE)
    press(qtbot, K.Key_Return, widget=ui.nameEdit)
    qtbot.waitUntil(lambda: launcher.window is not None)
    [(recovery, where, name)] = launcher.shown  # the recovery key is still shown, once
    assert name == "carers.leap" and "not stored on this computer" in where
    launcher.close_panel()
    with pytest.raises(KeyNeeded):
        PanelService.open(path)  # no keyring holds it...
    with PanelService.open(path, passphrase=PASSPHRASE) as svc:  # ...the passphrase opens it
        assert svc.panel().name == "Carers' Panel"
    with PanelService.open(path, passphrase=recovery) as svc:  # and so does the recovery key
        assert svc.panel().name == "Carers' Panel"


def test_with_no_keyring_the_recovery_key_alone_is_a_choice(launcher, tmp_path, qtbot, no_keyring):
    path = tmp_path / "carers.leap"
    dialog = new_panel_dialog(launcher, qtbot, path)
    press(qtbot, K.Key_Return, widget=dialog.ui.nameEdit)
    assert not path.exists() and dialog.isVisible()
    press(qtbot, K.Key_Return, widget=dialog.ui.nameEdit)  # again: no passphrase, on purpose
    qtbot.waitUntil(lambda: launcher.window is not None)
    [(recovery, _where, _name)] = launcher.shown
    launcher.close_panel()
    with PanelService.open(path, passphrase=recovery) as svc:
        assert svc.panel().name == "Carers' Panel"


def test_a_locked_keyring_is_found_when_the_panel_is_made(launcher, tmp_path, qtbot, locked_keyring):
    path = tmp_path / "carers.leap"
    dialog = new_panel_dialog(launcher, qtbot, path)
    assert not dialog.ui.passphraseBox.isVisible()  # not known until it is asked
    press(qtbot, K.Key_Return, widget=dialog.ui.nameEdit)
    assert dialog.isVisible() and dialog.ui.passphraseBox.isVisible() and not path.exists()
    assert dialog.ui.passphraseIntro.text().startswith("The keyring is locked, so LEAP Desktop cannot keep")
    assert dialog.ui.passError.text().startswith("Choose a passphrase to open the new panel with")
    dialog.ui.passEdit.setText(PASSPHRASE)
    dialog.ui.againEdit.setText(PASSPHRASE)
    press(qtbot, K.Key_Return, widget=dialog.ui.nameEdit)
    qtbot.waitUntil(lambda: launcher.window is not None)
    launcher.close_panel()
    with PanelService.open(path, passphrase=PASSPHRASE) as svc:
        assert svc.panel().name == "Carers' Panel"
