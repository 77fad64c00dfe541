"""File menu: panels (new, open, recent, demo, join from a shared folder), minutes, sync,
security and backups, close and quit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenuBar

from ..dialogs.minutes.menu import minutes_actions, minutes_menu
from .actions import add_action
from .sync_menu import SyncMixin


class FileMenuMixin(SyncMixin):
    """For MainWindow: builds the File menu and answers its commands."""

    def _build_file_menu(self, bar: QMenuBar) -> None:
        launcher = self.launcher
        file_menu = bar.addMenu("&File")
        # File > Minutes: on the meeting on screen (or the one chosen on the Meetings page).
        self.minutes_actions = minutes_actions(self.ctx, self, self.meeting_on_screen, opened=self._keep_dialog)
        self.minutes_menu = minutes_menu(self.minutes_actions, self)
        if launcher is not None:
            add_action(self, file_menu, "&New panel…", lambda: launcher.new_panel(self), "Ctrl+N",
                       "Make a new, empty panel file")
            add_action(self, file_menu, "&Open panel…", lambda: launcher.open_file(self), "Ctrl+O",
                       "Open a panel file on this computer")
            self.recent_menu = file_menu.addMenu("Open &recent")
            self.recent_menu.aboutToShow.connect(self._fill_recent)
            add_action(self, file_menu, "Open the &demo panel", lambda: launcher.open_demo(self),
                       tip="A made-up panel with a year of meetings, to try things out")
            add_action(self, file_menu, "&Join a panel from a shared folder…", lambda: launcher.join_panel(self),
                       tip="Make this laptop's own file of a panel another laptop syncs to a shared folder")
            file_menu.addSeparator()
        file_menu.addMenu(self.minutes_menu)
        add_action(self, file_menu, "P&apers and invitations…", self.show_papers,
                   tip="For the meeting on screen: who needs their papers by when, the invitation, the packs")
        add_action(self, file_menu, "P&ublish the decision log…", self.publish_log,
                   tip="Web pages of the decision log that open offline in any browser")
        file_menu.addSeparator()
        self._build_sync_entries(file_menu)
        file_menu.addSeparator()
        if launcher is not None:
            add_action(self, file_menu, "&Security settings…", self.show_security,
                       tip="How this panel file is protected: its key, passphrase and backups")
            self.restore_action = add_action(
                self, file_menu, "Restore from a &backup…", self.restore_from_backup,
                tip="Put one of this panel's backups in its place (the panel as it is now is backed up first)")
            file_menu.addSeparator()
            add_action(self, file_menu, "&Close panel", lambda: launcher.close_panel(), ["Ctrl+W", "Ctrl+F4"],
                       "Close this panel and go back to the start screen")
        add_action(self, file_menu, "&Quit", self._quit, "Ctrl+Q", "Close LEAP Desktop")

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.launcher.recent() if self.launcher else []
        if not paths:
            empty = self.recent_menu.addAction("No recent panels")
            empty.setEnabled(False)
            return
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}  ({path.parent})")
            action.triggered.connect(lambda _c=False, p=path: self.launcher.open_path(p, parent=self))

    def show_papers(self) -> None:
        """File > Papers and invitations…: on the meeting on screen, else the next one."""
        from PySide6.QtWidgets import QMessageBox

        from ..dialogs.papers import PapersDialog

        meeting_id = self.meeting_on_screen()
        if meeting_id is None:
            upcoming = self.ctx.service.comms.next_meeting()
            meeting_id = upcoming.id if upcoming else None
        if meeting_id is None:
            QMessageBox.information(self, "Papers and invitations", "Add a meeting on the Meetings page first.")
            return
        dialog = PapersDialog(self.ctx, meeting_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def publish_log(self) -> None:
        from ..dialogs.papers import publish_decision_log

        publish_decision_log(self.ctx, self)

    def show_security(self) -> None:
        from ..dialogs.security import SecuritySettingsDialog

        dialog = SecuritySettingsDialog(self.ctx.service.security, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def restore_from_backup(self) -> bool:
        """File > Restore from a backup…: choose one of the panel's backups and put it in
        place of the panel (backed up first); every page shows the restored panel."""
        from .launching import make_ask
        from ..dialogs.restore import restore_open_panel

        return restore_open_panel(self.ctx, self, ask=make_ask(self)) is not None

    def _quit(self) -> None:
        if self.launcher is not None:
            self.launcher.quit()
        else:
            self.close()
