"""Undo and redo for edits: the one way a screen makes an undoable change.

``run_undoable(ctx, "Edit Amira Khan", do=..., undo=...)`` runs ``do`` now and, if the
services accepted it, puts it on the panel's undo stack; ``undo`` receives what ``do``
returned. A refusal (a LeapError) is raised to the caller, who shows it beside the
field at fault and keeps what was typed, and nothing goes on the stack; with
``report=True`` it is said in the window instead (``ctx.problem``) and the call
returns None. Each call is one audited change in the store, so undoing is itself
recorded: the audit log keeps the whole story.

:func:`adding` makes a ``do`` that adds a record and, on redo, brings the same record
back; ``views/partials/edits.py`` has the two shapes the record pages use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from ...domain.errors import LeapError

from ...models.context import AppContext


class ServiceCommand(QUndoCommand):
    """A change already made once (by :func:`run_undoable`), on the undo stack: undo
    and redo run the service calls again, and a refusal then is said in the window."""

    def __init__(self, ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], Any], result: Any):
        super().__init__(text)
        self.ctx = ctx
        self._do = do
        self._undo = undo
        self.result = result
        self._first = True
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
        if self._first:  # pushed after its first run
            self._first = False
            return
        self.result = self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo, self.result)


def run_undoable(ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[Any], Any], *,
                 report: bool = False) -> Any:
    """Run ``do`` now and put it on the undo stack as ``text``; return its result.

    A refusal (a LeapError) propagates to the caller and nothing goes on the stack; with
    ``report``, it is said in the window instead and the result is None. ``do`` runs
    again on redo, so a ``do`` that adds a record should restore it on its second run
    (see :func:`adding`)."""
    try:
        result = do()
    except LeapError as exc:
        if not report:
            raise
        ctx.problem.emit(str(exc))
        return None
    ctx.undo_stack.push(ServiceCommand(ctx, text, do, undo, result))
    return result


def adding(add: Callable[[], Any], restore: Callable[[Any], Any]) -> Callable[[], Any]:
    """A ``do`` for :func:`run_undoable` that adds a record the first time and brings
    the same record back (same reference, same id) on redo."""
    made: list[Any] = []

    def do() -> Any:
        if made:
            return restore(made[0])
        made.append(add())
        return made[0]

    return do
