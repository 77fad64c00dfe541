"""What every model, page and dialog is given: the open panel, the undo stack, and a
way to run a change that reports problems plainly instead of crashing.

Pages never reach for a global application object: they get an :class:`AppContext`.
It lives below the views (the models follow its ``changed`` signal) and reaches the
panel only through the service's public calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from ..domain.errors import LeapError
from ..services import PanelService

T = TypeVar("T")


class AppContext(QObject):
    """The open panel as the Qt side sees it.

    ``changed`` is emitted after every committed change with the names of the tables it
    touched, so models refresh themselves; ``problem`` carries a plain-language message
    for the window to show (status bar and a dialog), with what the user typed kept;
    ``navigate`` asks the main window to show a page, e.g. ``("person", person_id)``.
    """

    changed = Signal(object)  # set[str] of table names
    problem = Signal(str)
    message = Signal(str)  # a short note for the status bar ("Saved contribution C-12")
    navigate = Signal(str, object)  # (page id, record id or None): "show me this person"
    #: the day's automatic backup, made in the background: (path or None, problem or "")
    backup_finished = Signal(object, str)
    #: a bug in the background work: the exception, for the error dialog to report
    background_bug = Signal(object)

    def __init__(self, service: PanelService, settings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.settings = settings or QSettings()
        self.undo_stack = QUndoStack(self)
        #: the page ids the main window can show (filled in by the window), so a page
        #: only offers links to pages that exist
        self.pages: set[str] = set()
        #: things to say once the window is up (opened read-only, a backup that failed...)
        self.opening_notes: list[str] = []
        service.listen(self._on_change)

    @property
    def path(self):
        return self.service.path

    def panel_name(self) -> str:
        panel = self.service.panel()
        return panel.name if panel is not None else self.service.path.stem

    def _on_change(self, change) -> None:  # a store Change: the tables it touched
        self.changed.emit(set(change.tables))

    def attempt(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a service call; on a known problem emit ``problem`` and return None.

        Unknown exceptions are bugs: they propagate to the application's error dialog.
        """
        try:
            return action(*args, **kwargs)
        except LeapError as exc:
            self.problem.emit(str(exc))
            return None

    def start_daily_backup(self) -> bool:
        """Make today's automatic backup in a worker thread, if the panel was opened
        with it left for later (``open_panel`` does that, so the window is not held up
        by it). ``backup_finished`` says how it went, and ``background_bug`` carries a
        bug's exception, in this (the window's) thread."""

        def done(path, problem: BaseException | None) -> None:  # in the worker thread
            if problem is None:
                self.backup_finished.emit(path, "")
            elif isinstance(problem, LeapError):
                self.backup_finished.emit(None, str(problem))
            else:
                self.background_bug.emit(problem)

        return self.service.start_daily_backup(done)

    def detach(self) -> None:
        """Stop following the panel's changes (the service stays open)."""
        self.service.stop_listening(self._on_change)

    def close(self) -> None:
        self.detach()
        self.service.close()
