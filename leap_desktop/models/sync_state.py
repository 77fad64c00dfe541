"""This laptop's side of sync in the app: which shared folder the open panel syncs
with, and the status in words (File > Sync with a shared folder…, the status bar).

The folder is a path on this laptop (the other laptops reach the same folder by paths
of their own), so it is kept in this computer's settings (QSettings), never in the
panel file: it does not travel to the other laptops, and a copy or backup of the file
does not carry it. It is kept under the panel file's own id (its folder's name in the
shared folder, store/identity.py), so two panel files never share one, and a file that
is moved or renamed keeps its folder. A byte-for-byte copy of a file takes a fresh id
when opened for changes, so it asks again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from .. import words
from ..domain.errors import LeapError
from ..words import plural

if TYPE_CHECKING:
    from ..services.sync import Status
    from ..services import PanelService

FOLDER_KEY = "sync/folder/{laptop}"


class SyncPlace:
    """The shared folder of one open panel file, on this laptop, and what the last sync
    in this session said (its refused files and notes, which the status does not keep)."""

    def __init__(self, settings: QSettings, service: "PanelService"):
        self.settings = settings
        self.service = service
        self.refused: list[str] = []
        self.notes: list[str] = []
        self.synced_here = False  # a sync was made in this session
        self._laptop: str | None = None  # the file's own id: fixed while it is open
        #: called after each sync and change of folder (the window's status line)
        self.listeners: list[Callable[[], object]] = []

    def _told(self) -> None:
        for listener in list(self.listeners):
            listener()

    def _key(self) -> str | None:
        if self._laptop is None:  # asked once, not at every change the status bar follows
            try:
                self._laptop = self.service.sync.this_laptop()
            except LeapError:
                return None
        return FOLDER_KEY.format(laptop=self._laptop)

    def folder(self) -> Path | None:
        key = self._key()
        value = self.settings.value(key, "") if key else ""
        return Path(str(value)) if value else None

    def set_folder(self, folder: str | Path) -> None:
        key = self._key()
        if key is not None:
            self.settings.setValue(key, str(Path(folder).expanduser()))
            self.settings.sync()
        self._told()

    def sync(self, folder: str | Path):
        """Sync now with ``folder``; once it worked, it is this panel's folder here. A
        refusal (LeapError) changes nothing, the folder remembered included."""
        folder = Path(str(folder).strip()).expanduser()
        if not str(folder).strip() or str(folder) == ".":
            raise LeapError("Choose the shared folder first: one every laptop of this panel can reach")
        report = self.service.sync.sync(folder)
        self.set_folder(folder)
        self.refused, self.notes, self.synced_here = list(report.refused), list(report.notes), True
        self._told()
        return report


def status_words(status: "Status", now: dt.datetime | None = None) -> str:
    """The sync dialog's status, in sentences."""
    if status.last_synced is None:
        return "Not synced yet: choose the shared folder, then Sync now."
    text = (f"Last synced {words.moment_words(status.last_synced, now)}: {plural(status.sent, 'change')} sent, "
            f"{plural(status.received, 'change')} taken in.")
    if status.refused:
        text += f" {plural(status.refused, 'file')} refused."
    return text


def conflicts_words(count: int) -> str:
    if not count:
        return "No conflicts waiting."
    verb = "waits" if count == 1 else "wait"
    return f"{plural(count, 'conflict')} {verb} for you to settle: changes from two laptops that could not be merged."


def status_line(status: "Status", now: dt.datetime | None = None) -> str:
    """The main window's short line: ``Synced 10 minutes ago · 2 conflicts waiting``."""
    text = "Not synced yet" if status.last_synced is None else f"Synced {words.time_ago(status.last_synced, now)}"
    if status.refused:
        text += f" · {plural(status.refused, 'file')} refused"
    if status.conflicts_waiting:
        text += f" · {plural(status.conflicts_waiting, 'conflict')} waiting"
    return text
