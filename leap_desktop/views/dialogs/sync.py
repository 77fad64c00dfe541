"""File > Sync with a shared folder…: choose the folder once, Sync now, and see how the
last sync went in words (docs/sync.md).

The folder is remembered for this panel on this laptop only (models/sync_state.py).
Sync now sends this laptop's changes and takes the other laptops' (a year of changes
takes a fraction of a second, so the window waits, with a busy pointer); every page
shows what came in (the service tells the pages' models). A refusal (the folder gone,
a read-only file, a panel not encrypted) is said plainly beside the folder and changes
nothing. Files refused by the sync are listed, one line each; conflicts waiting open
the conflicts dialog (Settle the conflicts…). By keyboard: Alt+F the folder, Alt+H to
choose it, Alt+S Sync now, Alt+T the conflicts, Escape closes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

from ...domain.errors import LeapError
from ...models.context import AppContext
from ...models.sync_state import SyncPlace, conflicts_words, status_words
from ...services.sync_shown import laptop_name
from ...words import plural
from .form_dialog import FormDialog
from ..partials.feedback import announce, clear_problem, show_problem
from ..shell.theme import set_label_role


class SyncDialog(FormDialog):
    FORM = "sync_dialog.ui"
    SAVES, MARGINS, WIDTH_CHARS, MIN_WIDTH = False, 12, 90, 420
    WIDGETS = ("introLabel", "folderLabel", "folderEdit", "chooseButton", "hintLabel", "syncButton", "statusLabel",
               "detailsLabel", "conflictsLabel", "conflictsButton", "messageLabel", "buttons")
    TITLE = "Sync with a shared folder"

    def __init__(self, ctx: AppContext, place: SyncPlace | None = None, parent: QWidget | None = None, *,
                 choose_folder: Callable[[str], str] | None = None,
                 open_conflicts: Callable[[], object] | None = None):
        """``choose_folder(start)`` asks for a folder (by default the system's folder
        chooser; tests give their own); ``open_conflicts`` opens the conflicts dialog
        (by default over this dialog)."""
        super().__init__(ctx, parent)
        self.place = place or SyncPlace(ctx.settings, ctx.service)
        self.choose_folder = choose_folder or self._ask_folder
        self.open_conflicts = open_conflicts or self._open_conflicts
        ui = self.ui
        self.folder = ui.folderEdit
        remembered = self.place.folder()
        self.folder.setText(str(remembered) if remembered else "")
        ui.chooseButton.clicked.connect(lambda _c=False: self.choose())
        ui.syncButton.clicked.connect(lambda _c=False: self.sync_now())
        ui.conflictsButton.clicked.connect(lambda _c=False: self.open_conflicts())
        self.folder.returnPressed.connect(self.sync_now)
        self.folder.setProperty("plainDescription", self.folder.accessibleDescription())
        close = ui.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        ui.buttons.rejected.connect(self.reject)
        self.describe_buttons(ui.buttons, Close=("Close", "Close this window (Escape); every sync is already saved"))
        ui.messageLabel.hide()
        try:
            here = f" In the shared folder, this one is {laptop_name(ctx.service.sync.this_laptop())}."
        except LeapError:
            here = ""
        ui.hintLabel.setText("Chosen once for this panel on this laptop, and kept on this laptop only: each "
                             f"laptop chooses the folder as it reaches it.{here}")
        self.refresh()
        (ui.syncButton if remembered else self.folder).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- what is shown ------------------------------------------------------------------

    def refresh(self) -> None:
        """The status, the last sync's refused files and notes, the conflicts waiting."""
        ui = self.ui
        status = self.ctx.service.sync.status()
        text = status_words(status)
        ui.statusLabel.setText(text)
        ui.statusLabel.setAccessibleName(f"Sync status: {text}")
        details = []
        if self.place.refused:
            details.append(f"{plural(len(self.place.refused), 'file')} in the folder could not be used (taken at a "
                           "later sync once whole):")
            details += [f"• {line}" for line in self.place.refused]
        elif status.refused and not self.place.synced_here:
            details.append("Sync now again to see which files were refused, and why.")
        details += [f"• {line}" for line in self.place.notes]
        ui.detailsLabel.setText("\n".join(details))
        ui.detailsLabel.setAccessibleName("\n".join(details))
        ui.detailsLabel.setVisible(bool(details))
        waiting = status.conflicts_waiting
        ui.conflictsLabel.setText(conflicts_words(waiting))
        ui.conflictsButton.setVisible(bool(waiting))
        ui.conflictsButton.setText("Se&ttle the conflicts…" if waiting > 1 else "Se&ttle the conflict…")
        ui.conflictsButton.setAccessibleName(ui.conflictsButton.text().replace("&", ""))
        if self.isVisible():
            self._grow()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        QTimer.singleShot(0, self._grow)

    def _grow(self) -> None:
        """Taller (never beyond the screen) when there is more to say, so it is read
        without scrolling where the screen has room."""
        if not shiboken6.isValid(self) or not self.isVisible():
            return
        inner, viewport = self.scroller.widget(), self.scroller.viewport()
        layout = inner.layout()
        layout.activate()
        width = max(viewport.width(), inner.minimumSizeHint().width())
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else inner.sizeHint().height()
        wanted = self.fitted(QSize(self.width(), needed + self.height() - viewport.height()))
        if wanted.height() > self.height():
            self.resize(wanted)

    def say(self, text: str) -> None:
        set_label_role(self.ui.messageLabel, None)
        announce(self.ui.messageLabel, text, self.ctx)

    # -- doing -----------------------------------------------------------------------------

    def choose(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        chosen = self.choose_folder(start)
        if chosen:
            self.folder.setText(str(Path(chosen)))
            if Path(chosen).is_dir():
                self.place.set_folder(chosen)
            self.ui.syncButton.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask_folder(self, start: str) -> str:
        return QFileDialog.getExistingDirectory(self, "Choose the shared folder", start)

    def sync_now(self) -> bool:
        """Sync with the folder typed or chosen; True when it synced."""
        ui = self.ui
        clear_problem(ui.messageLabel, self.folder)
        ui.messageLabel.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = self.place.sync(self.folder.text())
        except LeapError as exc:
            QGuiApplication.restoreOverrideCursor()
            show_problem(ui.messageLabel, str(exc), self.folder, lead="Not synced")
            return False
        QGuiApplication.restoreOverrideCursor()
        self.folder.setText(str(self.place.folder() or self.folder.text()))
        self.refresh()
        said = (f"Synced: {plural(report.sent, 'change')} sent, {plural(report.received, 'change')} taken in"
                + (f", {plural(len(report.refused), 'file')} refused" if report.refused else "")
                + (f"; {plural(report.conflicts, 'new conflict')} to settle" if report.conflicts else "") + ".")
        self.say(said)
        target = ui.conflictsButton if ui.conflictsButton.isVisible() else ui.statusLabel
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _open_conflicts(self) -> None:
        from .conflicts import ConflictsDialog

        dialog = ConflictsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._conflicts_closed())
        self.conflicts_dialog = dialog
        dialog.open()

    def _conflicts_closed(self) -> None:
        self.refresh()
        self.ui.syncButton.setFocus(Qt.FocusReason.OtherFocusReason)
