"""Restoring a panel file from a backup, in the app.

* :func:`offer_backup`: a panel file that failed its check on open
  (:class:`~leap_desktop.services.security.DamagedFile`). A :class:`DamagedFileDialog`
  says so in plain words and offers "Restore the backup from <when>", "Choose another
  backup…" or Cancel. A backup is put in place of the damaged file without opening it
  and without overwriting it: the damaged file is kept beside it, renamed
  (``PanelService.restore_damaged``). The caller then opens the panel as usual.
* :func:`restore_open_panel`: File > Restore from a backup… on a panel that is open
  and healthy (``service.security.restore_from``: the file as it is now is backed up first).

Both let the person choose among the panel's automatic backups in a
:class:`BackupChooserDialog`, which names each by when it was made and why, and can
also take a backup kept elsewhere ("Another file…").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from ...domain.errors import LeapError
from ...words import day_and_time
from ...services import PanelService
from ...services.security import (
    Ask,
    DamagedFile,
    backup_candidates,
    backup_made_at,
    backup_reason,
    backups_root,
)
from ..partials.feedback import tell
from .form_dialog import FormDialog

if TYPE_CHECKING:
    from ...services.security import DamagedRestore
    from ...models.context import AppContext


def when_made(backup_file: Path) -> str:
    """``Thursday 26 November 2026 at 14:02``: when a backup was made, in words."""
    return day_and_time(backup_made_at(backup_file))


def describe(backup_file: Path) -> str:
    """A backup as the chooser lists it: when, and why it was made."""
    why = backup_reason(backup_file)
    return f"{when_made(backup_file)}: {why}" if why else f"{when_made(backup_file)}: {backup_file.name}"


class BackupChooserDialog(FormDialog):
    """Choose one backup of a panel file, newest first, or another file."""

    FORM = "backup_chooser_dialog.ui"
    SAVES, MARGINS, WIDTH_CHARS, MIN_WIDTH = False, 12, None, 480  # wires its own buttons
    WIDGETS = ("introLabel", "backupsLabel", "backupList", "hintLabel", "fileButton", "buttons")

    def __init__(self, title: str, intro: str, backups: list[Path], parent: QWidget | None = None,
                 *, folder: Path | None = None):
        super().__init__(None, parent, title=title)
        self.folder = folder or (backups[0].parent if backups else backups_root())
        ui = self.ui
        ui.introLabel.setText(intro)
        for path in backups:
            self._add(path, describe(path))
        ui.hintLabel.setText(
            "Each backup is checked before it is used; one that fails is refused and nothing changes."
            if backups else "No automatic backups of this panel were found on this computer. "
            "Choose a backup kept somewhere else with Another file."
        )
        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Restore")
        self.describe_buttons(ui.buttons, Ok=("Restore", "Restore the chosen backup"),
                              Cancel=("Cancel", "Change nothing (Escape)"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        ui.fileButton.clicked.connect(self.choose_file)
        ui.backupList.currentItemChanged.connect(lambda *_: self._update())
        if ui.backupList.count():
            ui.backupList.setCurrentRow(0)
            ui.backupList.setFocus()
        else:
            ui.fileButton.setFocus()
        self._update()

    def _add(self, path: Path, text: str, *, first: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(str(path))
        if first:
            self.ui.backupList.insertItem(0, item)
        else:
            self.ui.backupList.addItem(item)
        return item

    def _update(self) -> None:
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)

    def chosen(self) -> Path | None:
        item = self.ui.backupList.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a backup", str(self.folder),
                                              "Panel files (*.leap);;All files (*)")
        if not name:
            return
        path = Path(name)
        item = self._add(path, f"{path.name}, in {path.parent} (chosen file)", first=True)
        self.ui.backupList.setCurrentItem(item)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()


def choose_backup(title: str, intro: str, backups: list[Path], parent: QWidget | None) -> Path | None:
    dialog = BackupChooserDialog(title, intro, backups, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


# -- a damaged panel file ---------------------------------------------------------------------


class DamagedFileDialog(QMessageBox):
    """A panel file that failed its check: what happened, and what can be done."""

    def __init__(self, error: DamagedFile, parent: QWidget | None = None):
        super().__init__(parent)
        name = error.path.name
        self.setObjectName("damagedFileDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(f"{name} is damaged")
        self.setText(f"{name} is damaged, so it was not opened.")
        latest = error.latest_backup
        offer = (
            f"The latest good backup of it was made on {when_made(latest)}. Restoring it puts a copy "
            f"of that backup in place of {name}; anything added or changed since then will not be in it."
            if latest is not None else
            "No good automatic backup of it was found on this computer. If you have a backup of your "
            "own, you can choose it."
        )
        self.setInformativeText(
            f"Part of the file no longer reads as it was saved: the disk may be failing, the computer may "
            f"have stopped while it was being copied, or another program changed it. {name} has not been "
            f"changed, and it is kept: restoring a backup moves it aside, renamed {error.path.stem}.damaged-"
            f"<date and time>{error.path.suffix}, in the same folder.\n\n{offer}"
        )
        self.setDetailedText(f"What the check found: {error.problem}")
        self.setAccessibleName(self.windowTitle())
        self.setAccessibleDescription(f"{self.text()} {self.informativeText()}")
        self.restore_button = None
        if latest is not None:
            self.restore_button = self.addButton(f"&Restore the backup from {when_made(latest)}",
                                                 QMessageBox.ButtonRole.AcceptRole)
            self.restore_button.setAccessibleName(f"Restore the backup from {when_made(latest)}")
        self.choose_button = self.addButton(
            "&Choose another backup…" if latest is not None else "&Choose a backup…", QMessageBox.ButtonRole.ActionRole)
        self.choose_button.setAccessibleName(self.choose_button.text().replace("&", "").rstrip("…"))
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        self.cancel_button.setAccessibleDescription(f"Leave {name} as it is, shut")
        self.setDefaultButton(self.restore_button or self.choose_button)
        self.setEscapeButton(self.cancel_button)


def offer_backup(error: DamagedFile, parent: QWidget | None, *, ask: Ask | None = None) -> "DamagedRestore | None":
    """Ask what to do about a damaged panel file and, when asked, put a backup in its
    place (the damaged file kept beside it, renamed). None when nothing was restored
    (cancelled, or the backup was refused: that is said in a message)."""
    dialog = DamagedFileDialog(error, parent)
    dialog.exec()
    clicked = dialog.clickedButton()
    if clicked is dialog.restore_button and clicked is not None:
        source = error.latest_backup
    elif clicked is dialog.choose_button:
        name = error.path.name
        source = choose_backup(
            f"Restore {name} from a backup",
            f"Choose the backup to put in place of {name}. {name} itself is damaged: it is kept, "
            f"unchanged, beside the restored file under a name with 'damaged' in it.",
            backup_candidates(error.path), parent,
        )
    else:
        source = None
    if source is None:
        return None
    try:
        return PanelService.restore_damaged(error.path, source, ask=ask)
    except LeapError as exc:
        tell(parent, "The backup was not restored", str(exc))
        return None


def restored_note(done: "DamagedRestore") -> str:
    """What the window says once the restored panel is open."""
    return (
        f"{done.panel.name} was damaged: it now holds the backup from {when_made(done.backup)}. "
        f"The damaged file is kept, unchanged, as {done.damaged.name} in {done.damaged.parent}"
    )


# -- File > Restore from a backup… ----------------------------------------------------------------


def restore_open_panel(ctx: "AppContext", parent: QWidget | None, *, ask: Ask | None = None) -> Path | None:
    """Put one of the open panel's backups in its place (the panel as it is now is
    backed up first). Returns the backup restored, or None."""
    service = ctx.service
    name = ctx.path.name
    if service.readonly:
        ctx.problem.emit(f"{name} is open read-only, so it cannot be restored from a backup"
                         + (f": {service.read_only_reason}" if service.read_only_reason else ""))
        return None
    source = choose_backup(
        "Restore from a backup",
        f"Choose the backup to put in place of {name}. Anything added or changed since it was made "
        f"will no longer be in the panel. {name} as it is now is backed up first, so this can be undone "
        "by restoring that backup.",
        service.security.automatic_backups(), parent,
    )
    if source is None:
        return None
    try:
        saved = service.security.restore_from(source, ask=ask)
    except LeapError as exc:
        ctx.problem.emit(f"The backup was not restored: {exc}")
        return None
    ctx.undo_stack.clear()  # what could be undone was in the panel as it was
    ctx.message.emit(
        f"Restored the backup from {when_made(source)}. The panel as it was is kept in {saved.name}, "
        "under Restore from a backup"
    )
    return source
