"""The security dialogs, driven by keyboard as a coordinator would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from leap_desktop.services import PanelService
from leap_desktop.store import backup
from leap_desktop.store.keys import parse_recovery_key
from leap_desktop.store.unlock import UnlockRequest
from leap_desktop.views.dialogs.security import (
    RecoveryKeyDialog,
    SecuritySettingsDialog,
    UnlockDialog,
    dialog_ask,
)

KEY = "1E12-0C21-EF0D-B5FB-1D65-7AE1-16F3-BA96-7C56-8640-36B6-5A0E-378C-8773-4330-0981"


def request(path=Path("/tmp/panel.leap"), attempt=1):
    return UnlockRequest(path, "The keyring is locked", "the system keyring (Secret Service: GNOME Keyring or KWallet)", attempt)


def test_unlock_dialog_says_why_and_where_and_hides_the_secret(qtbot):
    dialog = UnlockDialog(request())
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.reasonLabel.text() == "The keyring is locked."
    assert "GNOME Keyring" in ui.whereLabel.text() and "recovery key" in ui.whereLabel.text()
    assert ui.secretEdit.echoMode() == QLineEdit.EchoMode.Password
    assert ui.secretLabel.buddy() is ui.secretEdit
    qtbot.keyClicks(ui.secretEdit, f"  {KEY} ")
    ui.showCheck.setChecked(True)
    assert ui.secretEdit.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.secret() == KEY
    for widget in (ui.secretEdit, ui.showCheck):
        assert widget.accessibleName()


def test_dialog_ask_opens_a_locked_file_with_the_recovery_key(qtbot, tmp_path, locked_keyring):
    path = tmp_path / "p.leap"
    with PanelService.open(path, create=True) as svc:
        recovery = svc.store.security.recovery_key
        svc.set_panel(name="Locked panel")

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, UnlockDialog)
        qtbot.keyClicks(dialog.ui.secretEdit, recovery)
        qtbot.keyClick(dialog.ui.secretEdit, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    with PanelService.open(path, ask=dialog_ask()) as svc:
        assert svc.panel().name == "Locked panel"


def test_cancelling_the_unlock_dialog_opens_nothing(qtbot, tmp_path, locked_keyring):
    path = tmp_path / "p.leap"
    PanelService.open(path, create=True).close()
    before = path.read_bytes()

    def cancel():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    from leap_desktop.domain.errors import StoreError

    with pytest.raises(StoreError, match="no recovery key or passphrase was given"):
        PanelService.open(path, ask=dialog_ask())
    assert path.read_bytes() == before


def test_recovery_key_dialog_copies_and_prints(qtbot, tmp_path):
    dialog = RecoveryKeyDialog(KEY, "The key of p.leap is kept in the system keyring", "p.leap")
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.keyLabel.text().splitlines()[0] == "1E12  0C21  EF0D  B5FB"
    assert "will not be shown again" in ui.introLabel.text()
    qtbot.mouseClick(ui.copyButton, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == KEY
    assert parse_recovery_key(QGuiApplication.clipboard().text()) is not None
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "key.pdf"))
    assert dialog.print_key(printer)
    assert (tmp_path / "key.pdf").read_bytes().startswith(b"%PDF")
    assert "Sent to the printer" in ui.statusLabel.text()
    for button in (ui.copyButton, ui.printButton, ui.doneButton):
        assert button.accessibleName() and button.focusPolicy() != Qt.FocusPolicy.NoFocus
    QGuiApplication.clipboard().clear()


def test_security_settings_change_key_passphrase_and_backups(qtbot, service):
    shown = []
    dialog = SecuritySettingsDialog(service.security, show_recovery_key=lambda key, where: shown.append((key, where)))
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert ui.stateLabel.text().startswith("This panel file is encrypted. The key of panel.leap is kept in")
    qtbot.mouseClick(ui.newKeyButton, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and parse_recovery_key(shown[0][0]) is not None
    assert ui.messageLabel.text().startswith("The key was changed.")
    qtbot.keyClicks(ui.passEdit, "short")
    qtbot.mouseClick(ui.passButton, Qt.MouseButton.LeftButton)
    assert ui.messageLabel.text() == "The passphrase is too short: use at least 8 characters"
    ui.passEdit.clear()
    qtbot.keyClicks(ui.passEdit, "a long passphrase")
    qtbot.keyClicks(ui.againEdit, "a long passphrasf")
    qtbot.mouseClick(ui.passButton, Qt.MouseButton.LeftButton)
    assert ui.messageLabel.text() == "The two passphrases differ; nothing was changed."
    ui.againEdit.clear()
    qtbot.keyClicks(ui.againEdit, "a long passphrase")
    qtbot.mouseClick(ui.passButton, Qt.MouseButton.LeftButton)
    assert len(shown) == 2 and ui.passEdit.text() == ""
    assert service.check() == []
    ui.keepSpin.setValue(4)
    try:
        assert backup.backups_to_keep() == 4
        assert "keeps the newest 4" in ui.messageLabel.text()
    finally:
        backup.set_backups_to_keep(backup.DEFAULT_KEEP)
    assert ui.passLabel.buddy() is ui.passEdit and ui.keepLabel.buddy() is ui.keepSpin
    assert ui.buttons.button(QDialogButtonBox.StandardButton.Close) is not None


def test_security_settings_encrypts_a_plain_file(qtbot, tmp_path):
    path = tmp_path / "plain.leap"
    with PanelService.open(path, create=True, encrypt=False) as svc:
        svc.set_panel(name="Plain")
        shown = []
        dialog = SecuritySettingsDialog(svc.security, show_recovery_key=lambda key, where: shown.append(key))
        qtbot.addWidget(dialog)
        assert dialog.ui.stateLabel.text().startswith("plain.leap is not encrypted")
        assert dialog.ui.newKeyButton.text() == "&Encrypt this panel file…"
        qtbot.mouseClick(dialog.ui.newKeyButton, Qt.MouseButton.LeftButton)
        assert shown and svc.store.security.encrypted
        assert dialog.ui.stateLabel.text().startswith("This panel file is encrypted.")
    assert not path.read_bytes().startswith(b"SQLite format 3")


def test_with_no_keyring_the_unlock_dialog_does_not_speak_of_unlocking_one(qtbot):
    nowhere = UnlockRequest(Path("/tmp/panel.leap"), "No keyring works on this computer",
                            "nowhere: no keyring works on this computer", 1)
    dialog = UnlockDialog(nowhere)
    qtbot.addWidget(dialog)
    assert dialog.ui.reasonLabel.text() == "No keyring works on this computer."
    assert dialog.ui.whereLabel.text() == (
        "LEAP Desktop cannot keep the key of panel.leap on this computer, so it asks for it each time panel.leap "
        "is opened. To open panel.leap now, type its recovery key (shown when the file was made) or its passphrase.")
    assert "unlock" not in dialog.ui.whereLabel.text().lower()
    locked = UnlockDialog(request())  # a keyring that is there but locked: unlocking it helps
    qtbot.addWidget(locked)
    assert "If the keyring is locked, you can also unlock it" in locked.ui.whereLabel.text()
