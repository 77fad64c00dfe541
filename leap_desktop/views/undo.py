"""Undo and redo for edits: each user edit is a QUndoCommand over service calls.

``push(ctx, "Edit Amira Khan", do=..., undo=...)`` runs ``do`` and, if the service
accepted it, puts it on the undo stack; ``undo`` receives what ``do`` returned. Each
call is one audited change in the store, so undoing is itself recorded: the audit log
keeps the whole story.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from ..domain.errors import LeapError

from .context import AppContext


class ServiceCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]):
        super().__init__(text)
        self.ctx = ctx
        self._do = do
        self._undo = undo
        self.result: Any = None

        self.refused = False

    def _run(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except LeapError as exc:
            # Refused: say why, and let Qt drop the command (an obsolete command is
            # removed from the stack instead of being kept).
            self.refused = True
            self.setObsolete(True)
            self.ctx.problem.emit(str(exc))
            return None

    def redo(self) -> None:
        self.result = self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo, self.result)


def push(ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]) -> Any:
    """Run ``do`` as an undoable edit; return its result, or None if it was refused."""
    command = ServiceCommand(ctx, text, do, undo)
    ctx.undo_stack.push(command)  # runs command.redo()
    return None if command.refused else command.result
