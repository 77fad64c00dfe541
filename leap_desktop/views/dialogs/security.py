"""Dialogs about keys and backups: unlock a panel file, the recovery key (shown once), and
Security settings. Standalone widgets over the key calls of ``services/security.py``:

* :func:`dialog_ask` gives ``PanelStore.open(..., ask=...)`` its answer when the keyring
  cannot: an :class:`UnlockDialog` saying why and where keys are kept;
* :class:`RecoveryKeyDialog` shows a new recovery key once, with Copy and Print;
* :class:`SecuritySettingsDialog` changes the key or passphrase and the number of
  automatic backups kept.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

from ...domain.errors import LeapError
from ...services.security import (
    SecurityService,
    UnlockRequest,
    backups_to_keep,
    check_passphrase,
    key_from_passphrase,
    new_key,
    set_backups_to_keep,
)
from .form_dialog import FormDialog


class UnlockDialog(FormDialog):
    """Ask for the recovery key or passphrase of one panel file, saying why."""

    FORM = "unlock_dialog.ui"
    SAVES, MARGINS, WIDTH_CHARS, MIN_WIDTH = False, 12, None, 480  # wires its own buttons
    WIDGETS = ("reasonLabel", "whereLabel", "secretLabel", "secretEdit", "showCheck", "buttons")

    def __init__(self, request: UnlockRequest, parent: QWidget | None = None):
        super().__init__(None, parent, title=f"Open {request.path.name}")
        ui = self.ui
        ui.reasonLabel.setText(f"{request.reason}.")
        name = request.path.name
        type_it = f"To open {name} now, type its recovery key (shown when the file was made) or its passphrase."
        if request.where.startswith("nowhere"):
            # No keyring at all: nothing to unlock, and nothing to say it is kept in.
            ui.whereLabel.setText(
                f"LEAP Desktop cannot keep the key of {name} on this computer, so it asks for it each time "
                f"{name} is opened. {type_it}"
            )
        else:
            ui.whereLabel.setText(
                f"{request.keys_kept}. {type_it} If the keyring is locked, you can also unlock it (for example "
                "by logging in again) and try again."
            )
        ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Open")
        self.describe_buttons(ui.buttons, Ok=("Open", f"Open {request.path.name} with this recovery key or passphrase"),
                              Cancel=("Cancel", "Leave the file shut (Escape)"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        ui.showCheck.toggled.connect(
            lambda on: ui.secretEdit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        )
        ui.reasonLabel.setAccessibleName(f"{request.reason}")
        ui.secretEdit.setFocus()

    def secret(self) -> str:
        return self.ui.secretEdit.text().strip()


def dialog_ask(parent: QWidget | None = None):
    """An ``ask`` callback for ``PanelStore.open`` that shows an :class:`UnlockDialog`."""

    def ask(request: UnlockRequest) -> str | None:
        dialog = UnlockDialog(request, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.secret() or None

    return ask


class RecoveryKeyDialog(FormDialog):
    """A new recovery key, shown once: copy it, print it, keep it safe."""

    FORM = "recovery_key_dialog.ui"
    SAVES, MARGINS, WIDTH_CHARS, MIN_WIDTH = False, 12, None, 480  # wires its own buttons
    WIDGETS = ("introLabel", "keyLabel", "whereLabel", "statusLabel", "copyButton", "printButton", "doneButton")

    def __init__(self, recovery_key: str, where: str, panel_name: str, parent: QWidget | None = None):
        super().__init__(None, parent, title="Your recovery key")
        self.recovery_key = recovery_key
        self.panel_name = panel_name
        ui = self.ui
        groups = recovery_key.split("-")
        lines = ["  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
        ui.introLabel.setText(
            f"{panel_name} is encrypted. This is its recovery key. Print it or write it down, and keep "
            "it somewhere safe away from this computer: it opens the file if the keyring is lost, "
            "locked or reset. It will not be shown again."
        )
        ui.keyLabel.setText("\n".join(lines))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.Bold)
        ui.keyLabel.setFont(font)
        ui.keyLabel.setAccessibleDescription(" ".join(groups))
        ui.whereLabel.setText(f"{where}.")
        ui.copyButton.clicked.connect(self.copy)
        ui.printButton.clicked.connect(lambda: self.print_key())
        ui.doneButton.clicked.connect(self.accept)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.ui.statusLabel.setText("Copied. Paste it somewhere safe, then clear your clipboard.")

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        groups = self.recovery_key.split("-")
        lines = "<br>".join("&nbsp;&nbsp;".join(groups[i : i + 4]) for i in range(0, len(groups), 4))
        doc.setHtml(
            f"<h2>LEAP Desktop recovery key</h2><p>Panel file: {self.panel_name}</p>"
            f"<p style='font-family: monospace; font-size: 16pt'><b>{lines}</b></p>"
            "<p>This key opens the panel file when the keyring cannot. Keep this page somewhere safe "
            "and private: anyone with it and the file can read the panel.</p>"
        )
        return doc

    def print_key(self, printer: QPrinter | None = None) -> bool:
        """Print the key; with no ``printer``, ask the person which one (QPrintDialog)."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            chooser = QPrintDialog(printer, self)
            if chooser.exec() != QDialog.DialogCode.Accepted:
                return False
        self.document().print_(printer)
        self.ui.statusLabel.setText("Sent to the printer.")
        return True


class SecuritySettingsDialog(FormDialog):
    """How the open panel file is protected; change its key or passphrase; backups kept."""

    FORM = "security_settings_dialog.ui"
    SAVES, MARGINS, WIDTH_CHARS, MIN_WIDTH = False, 12, None, 480  # wires its own buttons
    WIDGETS = ("stateLabel", "keyGroup", "newKeyButton", "passLabel", "passEdit", "againLabel", "againEdit",
               "passButton", "backupGroup", "keepLabel", "keepSpin", "folderLabel", "messageLabel", "buttons")

    def __init__(self, security: SecurityService, parent: QWidget | None = None, *, show_recovery_key=None):
        """``security``: the open panel's ``service.security``."""
        super().__init__(None, parent, title="Security settings")
        self.security = security
        # How a new recovery key is shown (a RecoveryKeyDialog; tests replace it).
        self.show_recovery_key = show_recovery_key or self._show_recovery_key
        ui = self.ui
        ui.keepSpin.setValue(backups_to_keep())
        ui.keepSpin.valueChanged.connect(self._keep_changed)
        ui.newKeyButton.clicked.connect(self.make_new_key)
        ui.passButton.clicked.connect(self.use_passphrase)
        ui.buttons.rejected.connect(self.reject)
        ui.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.describe_buttons(ui.buttons, Close=("Close", "Close the security settings (Escape); changes are already made"))
        self._refresh()

    def _refresh(self) -> None:
        security = self.security.state
        ui = self.ui
        if security.encrypted:
            ui.stateLabel.setText(f"This panel file is encrypted. {security.where}.")
            ui.newKeyButton.setText("Make a &new key…")
        else:
            ui.stateLabel.setText(f"{security.where}.")
            ui.newKeyButton.setText("&Encrypt this panel file…")
        ui.newKeyButton.setAccessibleName(ui.newKeyButton.text().replace("&", "").rstrip("…"))
        ui.folderLabel.setText(
            f"Backups are made before every update, before a key change, and once a day, in "
            f"{self.security.backup_folder()}."
        )

    def _say(self, text: str) -> None:
        self.ui.messageLabel.setText(text)
        self.ui.messageLabel.setAccessibleName(text)

    def _keep_changed(self, value: int) -> None:
        try:
            set_backups_to_keep(value)
        except LeapError as exc:
            self._say(str(exc))
            return
        self._say(f"LEAP Desktop now keeps the newest {value} automatic backups of each panel file.")

    def _apply(self, key) -> bool:
        try:
            security = self.security.change_key(key)
        except LeapError as exc:
            self._say(f"The key was not changed: {exc}")
            return False
        self.show_recovery_key(security.recovery_key, security.where)
        security.recovery_key = None
        notes = " ".join(n + "." for n in security.notes)
        self._say(("The key was changed. " + notes).strip())
        self._refresh()
        return True

    def make_new_key(self) -> bool:
        return self._apply(new_key())

    def use_passphrase(self) -> bool:
        first, again = self.ui.passEdit.text(), self.ui.againEdit.text()
        try:
            check_passphrase(first)
        except LeapError as exc:
            self._say(str(exc))
            self.ui.passEdit.setFocus()
            return False
        if first != again:
            self._say("The two passphrases differ; nothing was changed.")
            self.ui.againEdit.setFocus()
            return False
        done = self._apply(key_from_passphrase(first, new_key().salt))
        if done:
            self.ui.passEdit.clear()
            self.ui.againEdit.clear()
        return done

    def _show_recovery_key(self, recovery_key: str, where: str) -> None:
        RecoveryKeyDialog(recovery_key, where, self.security.path.name, self).exec()


__all__ = ["RecoveryKeyDialog", "SecuritySettingsDialog", "UnlockDialog", "dialog_ask"]
