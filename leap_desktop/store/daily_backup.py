"""The day's automatic backup, made in a worker thread while the panel carries on.

The desktop app opens a panel without it (``defer_daily_backup``) so that its window
comes up at once, then asks ``PanelStore.start_daily_backup``; closing the store, and
every change of key or restore, waits for it first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ..domain.errors import StoreError
from . import backup
from .connection import connect, driver, known_sql_error
from .keys import PanelKey

Done = Callable[[Path | None, BaseException | None], None]


class DailyBackup:
    """Today's backup of the panel file at ``path``: whether it is due, and its worker.

    ``key()`` gives the file's key at the moment the backup starts (it changes when the
    file is encrypted or its key is changed)."""

    def __init__(self, path: Path, key: Callable[[], PanelKey | None]):
        self.path = path
        self._key = key
        self.due = False
        self._thread: threading.Thread | None = None

    def make(self) -> Path | None:
        """Make today's automatic backup if it is still due; its path, or None.

        Safe to call from another thread while the store carries on: it opens a
        read-only connection of its own (with the file's key) and uses only that one, in
        the thread that made it. The copy (SQLite's backup API) and the row counts it is
        checked against are read in one snapshot, so changes committed meanwhile on the
        store's own connection neither block it nor spoil the check. Raises
        :class:`StoreError` with a plain message when it cannot be made; an SQLite
        error that is not about the file or the computer (``sql_errors``) is a bug and
        is raised as it is."""
        key = self._key()
        try:
            conn = connect(self.path, readonly=True, key=key, plaintext=key is None)
        except StoreError as exc:
            raise StoreError(f"the file could not be read for it ({exc})") from None
        try:
            if not backup.daily_due(self.path, conn):
                self.due = False
                return None
            conn.execute("BEGIN")  # one read snapshot for the copy and its check
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            try:
                made = backup.make_automatic(conn, self.path, key, "daily")
            finally:
                conn.rollback()
        except driver.Error as exc:  # by its code: disk full, read-only, busy, ...
            if (known := known_sql_error(exc, self.path)) is None:
                raise  # a bug, not the disk: ``done`` hands it to the report dialog
            raise StoreError(known) from None
        finally:
            conn.close()
        self.due = False
        return made

    def start(self, done: Done | None = None) -> threading.Thread | None:
        """Make today's backup (if due) in a worker thread; ``done(path, problem)`` is
        called from that thread when it ends (``problem`` is the exception, if any)."""
        if not self.due:
            return None
        if self._thread is not None and self._thread.is_alive():
            return self._thread

        def work() -> None:
            try:
                made = self.make()
            except BaseException as exc:  # handed to ``done``: the caller decides how to say it
                if done is not None:
                    done(None, exc)
                return
            if done is not None:
                done(made, None)

        self._thread = threading.Thread(target=work, name="leap-daily-backup", daemon=False)
        self._thread.start()
        return self._thread

    @property
    def busy(self) -> bool:
        """Whether the backup is being made now."""
        return self._thread is not None and self._thread.is_alive()

    def wait(self) -> None:
        """Wait for the backup being made, if it is."""
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join()
