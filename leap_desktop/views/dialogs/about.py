"""Help > About LEAP Desktop: version, licence, the libraries it is built on, and where
the panel files are kept.

The details can be copied in one go (for a bug report or an IT department). The main
window's Help menu has the action that opens it (``views/shell/menus.py``
``about_action``), which imports this module when it is first chosen.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME, __version__
from ...domain.errors import LeapError
from ...paths import data_dir
from ...services.security import engine
from ..partials.icons import app_icon
from ..partials.screen_fit import ScreenFit

LICENCE = "GPL-3.0-or-later"
LICENCE_TEXT = (
    "LEAP Desktop is free software: you can share it and change it under the terms of the "
    'GNU General Public License, version 3 or any later version (<a href="https://www.gnu.org/licenses/gpl-3.0.html">'
    "GPL-3.0-or-later</a>). It comes with no warranty."
)
SUMMARY = "Meetings, contributions and traceable decisions for Lived Experience Advisory Panels."


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    note: str = ""


def _dist_version(name: str) -> str:
    from importlib import metadata  # when the dialog opens: not at every start (3 ms)

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _sqlcipher() -> Library:
    try:
        found = engine()
    except Exception as exc:  # a broken build says so here rather than failing the dialog
        return Library("SQLCipher", "unavailable", str(exc) if isinstance(exc, LeapError) else type(exc).__name__)
    version = found.cipher_version or "missing (this build ignores encryption keys)"
    return Library("SQLCipher", version,
                   f"through {found.driver} {_dist_version(found.driver)}, SQLite {found.sqlite_version}")


def _python_sqlite() -> str:
    try:
        return engine().python_sqlite_version
    except Exception:
        return "unknown"


def _keyring() -> Library:
    version = _dist_version("keyring")
    try:
        import keyring

        backend = keyring.get_keyring()
        name = getattr(backend, "name", type(backend).__name__)
    except Exception as exc:
        name = f"none available ({type(exc).__name__})"
    return Library("keyring", version, f"keys are kept by: {name}")


def libraries() -> list[Library]:
    """What this copy of LEAP Desktop runs on, with versions, in the order people ask."""
    return [
        Library("Python", platform.python_version(), sys.implementation.name),
        Library("Qt", qVersion(), f"through PySide6 {PYSIDE_VERSION}"),
        Library("SQLite", _python_sqlite(), "Python's sqlite3"),
        _sqlcipher(),
        Library("sqlite-utils", _dist_version("sqlite-utils")),
        Library("python-docx", _dist_version("python-docx"), "Word documents"),
        _keyring(),
        Library("platformdirs", _dist_version("platformdirs"), "where the data folder is"),
    ]


def details_text(libs: list[Library] | None = None) -> str:
    """The About details as plain text, as the Copy button puts them on the clipboard."""
    libs = libraries() if libs is None else libs
    folder = data_dir(create=False)
    frozen = "the one-folder bundle" if getattr(sys, "frozen", False) else "Python package"
    lines = [
        f"{APP_NAME} {__version__} ({frozen})",
        f"Licence: {LICENCE}",
        f"Data folder: {folder}{'' if folder.exists() else ' (not created yet)'}",
        f"System: {platform.system()} {platform.release()} ({platform.machine()})",
        "Libraries:",
    ]
    for lib in libs:
        lines.append(f"  {lib.name} {lib.version}" + (f" ({lib.note})" if lib.note else ""))
    return "\n".join(lines)


class AboutDialog(ScreenFit, QDialog):
    """Who made this, under what licence, and what it runs on. Escape or Close shuts it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("aboutDialog")
        self.setAccessibleName(f"About {APP_NAME}")
        self.libs = libraries()

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAccessibleName(f"{APP_NAME} icon")
        title = QLabel(f"<h2>{APP_NAME}</h2>")
        title.setAccessibleName(APP_NAME)
        self.version_label = QLabel(f"Version {__version__}")
        self.version_label.setObjectName("versionLabel")
        self.version_label.setAccessibleName(f"Version {__version__}")
        summary = QLabel(SUMMARY)
        summary.setWordWrap(True)
        header_text = QVBoxLayout()
        for widget in (title, self.version_label, summary):
            header_text.addWidget(widget)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(header_text, 1)

        self.licence_label = QLabel(LICENCE_TEXT)
        self.licence_label.setObjectName("licenceLabel")
        self.licence_label.setWordWrap(True)
        self.licence_label.setOpenExternalLinks(True)
        self.licence_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.licence_label.setAccessibleName("Licence")

        libraries_label = QLabel("&Built with:")
        self.libraries_view = QTreeWidget()
        self.libraries_view.setObjectName("librariesView")
        self.libraries_view.setAccessibleName("Libraries LEAP Desktop is built with")
        self.libraries_view.setAccessibleDescription("Each library's name, version and licence notes")
        self.libraries_view.setColumnCount(3)
        self.libraries_view.setHeaderLabels(["Library", "Version", "Notes"])
        self.libraries_view.setRootIsDecorated(False)
        self.libraries_view.setAlternatingRowColors(True)
        for lib in self.libs:
            QTreeWidgetItem(self.libraries_view, [lib.name, lib.version, lib.note])
        for column in range(2):
            self.libraries_view.resizeColumnToContents(column)
        self.libraries_view.setMinimumHeight(self.libraries_view.sizeHintForRow(0) * (len(self.libs) + 2))
        libraries_label.setBuddy(self.libraries_view)

        folder = data_dir(create=False)
        self.folder = folder
        self.folder_label = QLabel(
            f"Your panel files are kept in <b>{folder}</b>" + ("" if folder.exists() else " (it is created when you first save a panel)")
        )
        self.folder_label.setObjectName("folderLabel")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.folder_label.setAccessibleName(f"Data folder: {folder}")

        self.status = QLabel("")
        self.status.setObjectName("aboutStatus")
        self.status.setAccessibleName("Status")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy &details")
        self.copy_button.setObjectName("copyDetailsButton")
        self.copy_button.setAccessibleName("Copy details")
        self.copy_button.setAccessibleDescription("Copy the version, licence, libraries and data folder, e.g. for a bug report")
        self.copy_button.setToolTip("Copy the version, licence, libraries and data folder, e.g. for a bug report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button = QPushButton("&Open data folder")
        self.open_folder_button.setObjectName("openFolderButton")
        self.open_folder_button.setAccessibleName("Open data folder")
        self.open_folder_button.setAccessibleDescription("Show the folder where panel files and backups are kept")
        self.open_folder_button.setEnabled(folder.exists())
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        self.close_button.setAccessibleDescription("Close this window (Escape)")
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_folder_button.clicked.connect(self.open_folder)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.licence_label)
        layout.addWidget(libraries_label)
        layout.addWidget(self.libraries_view, 1)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(620, 440)
        # Settle the layout now, so the window's size limits are known before it is created
        # (some platforms cannot change them afterwards, and Qt warns).
        layout.activate()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def details(self) -> str:
        return details_text(self.libs)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.status.setText("Copied the details to the clipboard.")

    def open_folder(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))):
            self.status.setText(f"Could not open the folder; it is {self.folder}")
