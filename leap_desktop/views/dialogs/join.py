"""Join a panel from a shared folder… (the start screen, File menu): make this laptop's
own panel file from a panel another laptop syncs to a shared folder.

Choose the folder, type the panel's recovery key or passphrase, choose where the new
file goes; Join makes it (services/joining.py, as ``leap --db NEW sync --folder DIR``
does) and the window opens it, syncing with that folder from then on. A refusal (no
panel in the folder, a key that opens none, a file already there) is said at the top
and nothing is made. By keyboard: Alt+O the folder, Alt+H to choose it, Alt+R the key,
Alt+S to show it, Alt+P the new file, Alt+W to choose it, Enter joins, Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from ...domain.errors import LeapError
from ...paths import data_dir
from .form_dialog import FormDialog

#: ``join(path, folder, secret)``: makes and opens the new panel file, or raises LeapError.
Join = Callable[[Path, Path, str], object]


class JoinPanelDialog(FormDialog):
    FORM = "join_panel_dialog.ui"
    WIDGETS = ("introLabel", "formError", "folderLabel", "folderEdit", "chooseFolderButton", "secretLabel",
               "secretEdit", "showCheck", "fileLabel", "fileEdit", "chooseFileButton", "buttons")
    MARGINS, WIDTH_CHARS, MIN_WIDTH = 12, 72, 420
    TITLE = "Join a panel from a shared folder"

    def __init__(self, join: Join, parent: QWidget | None = None, *,
                 choose_folder: Callable[[str], str] | None = None,
                 choose_file: Callable[[str], str] | None = None):
        super().__init__(None, parent)
        self.join = join
        self.choose_folder = choose_folder or self._ask_folder
        self.choose_file = choose_file or self._ask_file
        ui = self.ui
        ok = self.ok_button()
        ok.setText("&Join")
        ok.setAccessibleName("Join")
        ok.setAccessibleDescription("Make the new panel file from the shared folder and open it (Enter)")
        ui.fileEdit.setText(str(_free_name(data_dir(create=False) / "shared-panel.leap")))
        ui.chooseFolderButton.clicked.connect(lambda _c=False: self._choose_folder())
        ui.chooseFileButton.clicked.connect(lambda _c=False: self._choose_file())
        ui.showCheck.toggled.connect(
            lambda on: ui.secretEdit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        ui.folderEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def default_focus(self) -> QWidget | None:
        return self.ui.folderEdit

    def _choose_folder(self) -> None:
        chosen = self.choose_folder(self.ui.folderEdit.text().strip() or str(Path.home()))
        if chosen:
            self.ui.folderEdit.setText(str(Path(chosen)))
            self.ui.secretEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose_file(self) -> None:
        chosen = self.choose_file(self.ui.fileEdit.text().strip())
        if chosen:
            path = Path(chosen)
            self.ui.fileEdit.setText(str(path if path.suffix == ".leap" else path.with_name(path.name + ".leap")))

    def _ask_folder(self, start: str) -> str:
        return QFileDialog.getExistingDirectory(self, "Choose the shared folder", start)

    def _ask_file(self, start: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save the new panel file as", start, "Panel files (*.leap)")
        return path

    def save(self) -> None:
        ui = self.ui
        folder, name = ui.folderEdit.text().strip(), ui.fileEdit.text().strip()
        if not folder:
            raise LeapError("Choose the shared folder first: the one the panel's other laptops sync with")
        if not name:
            raise LeapError("Say where to save the new panel file")
        path = Path(name).expanduser()
        if path.suffix != ".leap":
            path = path.with_name(path.name + ".leap")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.join(path, Path(folder).expanduser(), ui.secretEdit.text())
        finally:
            QGuiApplication.restoreOverrideCursor()


def _free_name(path: Path) -> Path:
    """``path``, or ``NAME-2.leap``, ``NAME-3.leap``... when a file is there already."""
    number = 2
    found = path
    while found.exists():
        found = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return found
