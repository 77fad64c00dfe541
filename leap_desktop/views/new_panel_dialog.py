"""File > New panel: a name, an optional purpose, and where to save the file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain.errors import RuleError
from ..domain.model import Panel
from ..paths import data_dir
from .form_dialog import FormDialog, text_of


def file_name_for(name: str) -> str:
    """A tidy file name from a panel's name: ``Our LEAP`` -> ``our-leap.leap``."""
    stem = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
    return f"{stem or 'panel'}.leap"


class NewPanelDialog(FormDialog):
    FORM = "new_panel_dialog.ui"
    WIDGETS = ("introLabel", "formError", "nameEdit", "nameError", "purposeEdit", "purposeError",
               "fileBox", "fileEdit", "browseButton", "fileError", "buttons")
    FIELD_ERRORS = {
        "name": ("nameEdit", "nameError"),
        "purpose": ("purposeEdit", "purposeError"),
        "file": ("fileEdit", "fileError"),
    }
    TITLE = "New panel"
    WIDTH_CHARS = 100  # room for the file's full path

    def __init__(self, create: Callable[[Path, dict], object], parent: QWidget | None = None, folder: Path | None = None):
        """``create(path, panel values)`` makes and opens the panel, raising a LeapError
        (shown in this dialog, with what was typed kept) if it cannot."""
        super().__init__(None, parent)
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
        self.path = path
        self.create(path, values)
