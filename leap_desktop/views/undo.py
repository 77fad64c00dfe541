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

from ..models.context import AppContext


class ServiceCommand(QUndoCommand):
    def __init__(
        self,
        ctx: AppContext,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[Any], Any],
        *,
        report: bool = True,
    ):
        super().__init__(text)
        self.ctx = ctx
        self._do = do
        self._undo = undo
        self._report = report
        self.result: Any = None
        self.refused = False
        self.error: LeapError | None = None

    def _run(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except LeapError as exc:
            # Refused: say why, and let Qt drop the command (an obsolete command is
            # removed from the stack instead of being kept).
            self.refused = True
            self.error = exc
            self.setObsolete(True)
            if self._report:
                self.ctx.problem.emit(str(exc))
            return None

    def redo(self) -> None:
        self.result = self._run(self._do)

    def undo(self) -> None:
        self._report = True  # only the first run is reported by a form; undo always says
        self._run(self._undo, self.result)


def push(ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]) -> Any:
    """Run ``do`` as an undoable edit; return its result, or None if it was refused."""
    command = ServiceCommand(ctx, text, do, undo)
    ctx.undo_stack.push(command)  # runs command.redo()
    return None if command.refused else command.result


def push_form(ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], Any]) -> Any:
    """Like :func:`push`, for a form: a refusal raises the LeapError instead of reporting
    it, so the form can show it beside the field at fault and keep what was typed."""
    command = ServiceCommand(ctx, text, do, undo, report=False)
    ctx.undo_stack.push(command)
    if command.error is not None:
        raise command.error
    return command.result
