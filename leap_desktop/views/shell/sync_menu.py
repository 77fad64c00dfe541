"""Sync in the main window: File > Sync with a shared folder… and File > Sync
conflicts…, and the sync state at the right of the status bar ("Synced 10 minutes ago ·
2 conflicts waiting") once this panel has a shared folder on this laptop."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMenu

from ...domain.errors import LeapError
from ...models.sync_state import SyncPlace, status_line
from .actions import add_action

#: How often the status bar's "10 minutes ago" is said again.
TICK_MS = 60_000


class SyncMixin:
    """For MainWindow (through the File menu): the sync commands and the sync state."""

    def _build_sync_entries(self, file_menu: QMenu) -> None:
        self.sync_place = SyncPlace(self.ctx.settings, self.ctx.service)
        self.sync_place.listeners.append(self.refresh_sync_status)
        self.sync_action = add_action(
            self, file_menu, "S&ync with a shared folder…", self.show_sync,
            tip="Send this laptop's changes to a folder the panel's other laptops reach, and take theirs")
        self.conflicts_action = add_action(
            self, file_menu, "Sync conflic&ts…", self.show_conflicts,
            tip="Changes from two laptops that were not merged on their own: keep one version of each")

    def _build_sync_status(self) -> None:
        label = QLabel(self.status_line.bar)
        label.setObjectName("syncStatus")
        label.setAccessibleName("Sync")
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.bar.addPermanentWidget(label)
        self.sync_status = label
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(TICK_MS)
        self.sync_timer.timeout.connect(self.refresh_sync_status)
        self.sync_timer.start()
        self.ctx.changed.connect(lambda _tables: self.refresh_sync_status())
        self.refresh_sync_status()

    def refresh_sync_status(self) -> None:
        """Say the sync state in the status bar, when this panel syncs on this laptop."""
        label = getattr(self, "sync_status", None)
        if label is None or getattr(self, "_closed", False):
            return
        if self.sync_place.folder() is None:
            label.hide()
            return
        try:
            status = self.ctx.service.sync.status()
        except LeapError:
            label.hide()
            return
        text = status_line(status)
        label.setText(text)
        label.setToolTip(f"{text}. File > Sync with a shared folder… syncs now")
        label.setAccessibleDescription(text)
        label.show()
        self.conflicts_action.setText(f"Sync conflic&ts ({status.conflicts_waiting})…"
                                      if status.conflicts_waiting else "Sync conflic&ts…")

    def show_sync(self) -> None:
        from ..dialogs.sync import SyncDialog

        dialog = SyncDialog(self.ctx, self.sync_place, self, open_conflicts=None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.refresh_sync_status())
        self._keep_dialog(dialog)
        dialog.open()

    def show_conflicts(self) -> None:
        from ..dialogs.conflicts import ConflictsDialog

        dialog = ConflictsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.refresh_sync_status())
        self._keep_dialog(dialog)
        dialog.open()
