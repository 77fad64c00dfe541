"""File > New panel: a name, an optional purpose, and where to save the file.

Where no keyring can keep the new panel's key (none works on this computer, or it is
locked), the dialog offers a passphrase, with the same rules as ``leap init`` (at least
8 characters, typed twice), so that the recovery key is not the only way in. Leaving
it empty and pressing Make the panel again relies on the recovery key alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ...domain.errors import LeapError, RuleError
from ...domain.model import Panel
from ...paths import data_dir
from ...services.security import KeyNotKept, check_passphrase, keys_kept_where
from .form_dialog import FormDialog, text_of


def file_name_for(name: str) -> str:
    """A tidy file name from a panel's name: ``Our LEAP`` -> ``our-leap.leap``."""
    stem = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
    return f"{stem or 'panel'}.leap"


class NewPanelDialog(FormDialog):
    FORM = "new_panel_dialog.ui"
    WIDGETS = ("introLabel", "formError", "nameEdit", "nameError", "purposeEdit", "purposeError",
               "fileBox", "fileEdit", "browseButton", "fileError", "passphraseBox", "passphraseIntro",
               "passEdit", "againEdit", "passError", "buttons")
    FIELD_ERRORS = {
        "name": ("nameEdit", "nameError"),
        "purpose": ("purposeEdit", "purposeError"),
        "file": ("fileEdit", "fileError"),
        "passphrase": ("passEdit", "passError"),
    }
    TITLE = "New panel"
    WIDTH_CHARS = 100  # room for the file's full path

    def __init__(self, create: Callable[[Path, dict], object], parent: QWidget | None = None, folder: Path | None = None):
        """``create(path, panel values, **how the key is kept)`` makes and opens the
        panel, raising a LeapError (shown in this dialog, with what was typed kept) if it
        cannot; ``KeyNotKept`` (no keyring) makes the dialog offer a passphrase. The key
        options are ``passphrase=...`` or ``recovery_key_only=True``, given only when the
        passphrase is offered."""
        super().__init__(None, parent)
        #: the passphrase is offered: no keyring can keep the key (``where`` when known)
        self.no_keyring: str | None = None
        self._warned_empty = False
        self.ui.passphraseBox.hide()
        reason = _no_keyring()
        if reason:
            self.offer_passphrase(reason)
        self.create = create
        self.folder = folder or data_dir()
        self.path: Path | None = None
        self._file_edited = False
        self.ui.fileEdit.setText(str(self.folder / "panel.leap"))
        self.ui.nameEdit.textChanged.connect(self._suggest_file)
        self.ui.fileEdit.textEdited.connect(lambda _t: setattr(self, "_file_edited", True))
        self.ui.browseButton.clicked.connect(self.browse)
        ok = self.ok_button()
        ok.setText("&Make the panel")
        ok.setAccessibleName("Make the panel")
        ok.setAccessibleDescription("Make the new panel file and open it")
        self.ui.nameEdit.setFocus()

    def default_focus(self) -> QWidget:
        return self.ui.nameEdit

    def _suggest_file(self, name: str) -> None:
        if not self._file_edited:
            folder = Path(self.ui.fileEdit.text()).expanduser().parent if self.ui.fileEdit.text() else self.folder
            self.ui.fileEdit.setText(str(folder / file_name_for(name)))

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the new panel as", self.ui.fileEdit.text(), "Panel files (*.leap)"
        )
        if path:
            if not path.endswith(".leap"):
                path += ".leap"
            self.ui.fileEdit.setText(path)
            self._file_edited = True

    def save(self) -> None:
        values = Panel.clean({"name": self.ui.nameEdit.text(), "purpose": text_of(self.ui.purposeEdit)}, partial=True)
        text = self.ui.fileEdit.text().strip()
        if not text:
            raise RuleError("Say where to save the panel file", "file")
        path = Path(text).expanduser()
        if path.suffix != ".leap":
            path = path.with_name(path.name + ".leap")
        if path.exists():
            raise RuleError(f"There is already a file at {path}; choose another name or folder", "file")
        if not path.parent.is_dir():
            raise RuleError(f"The folder {path.parent} does not exist", "file")
        options = self._key_options()
        self.path = path
        try:
            self.create(path, values, **options)
        except KeyNotKept as exc:  # the keyring could not take the key: nothing was made
            self.offer_passphrase(exc.reason)
            self._warned_empty = True  # said below: pressing again with no passphrase goes on
            raise RuleError(
                "Choose a passphrase to open the new panel with (at least 8 characters, typed twice), "
                "or leave both boxes empty and press Make the panel again to rely on the recovery key alone",
                "passphrase",
            ) from None

    def offer_passphrase(self, reason: str) -> None:
        """Show the passphrase boxes, saying why."""
        self.no_keyring = reason
        ui = self.ui
        ui.passphraseIntro.setText(
            f"{reason.rstrip('.')}, so LEAP Desktop cannot keep the new panel's key for you. It will open "
            "with its recovery key (shown once, when it is made) or with a passphrase you choose here. "
            "A passphrase is easier to keep: choose one of at least 8 characters that only you and the "
            "people who run the panel know."
        )
        ui.passphraseBox.show()
        self.resize(self.width(), self.sizeHint().height())

    def _key_options(self) -> dict:
        """How the new panel's key is kept, from the passphrase boxes (when offered)."""
        if self.no_keyring is None:
            return {}
        first, again = self.ui.passEdit.text(), self.ui.againEdit.text()
        if not first and not again:
            if not self._warned_empty:
                self._warned_empty = True
                raise RuleError(
                    "No passphrase: the recovery key, shown once when the panel is made, will be the only "
                    "way to open it. Type a passphrase, or press Make the panel again to go on without one",
                    "passphrase",
                )
            return {"recovery_key_only": True}
        try:
            check_passphrase(first)
        except LeapError as exc:
            raise RuleError(str(exc), "passphrase") from None
        if first != again:
            raise RuleError("The two passphrases differ: type the same one in both boxes", "passphrase")
        return {"passphrase": first}


def _no_keyring() -> str | None:
    """Why no keyring can keep a key here, when that is known without asking it (no
    keyring is set up at all); a locked or broken keyring is found when the panel is made."""
    where = keys_kept_where()
    return "No keyring works on this computer" if where.startswith("nowhere") else None
