"""The two shapes of undoable edit the record pages make: add a record, or change records.

Undoing a change puts the records back exactly as they were (``service.revert``), so
an undo never has to pass the rules a person would (an agreed decision cannot be
"un-agreed" by hand, but Undo can put it back to proposed). Undoing an add removes
the new record, and Redo brings the same record back (same reference), rather than
making another. Every step is an audited change in the panel file, made through
:func:`views.undo.run_undoable`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ...domain.model import Record
from ...models.context import AppContext
from .undo import adding, run_undoable

R = TypeVar("R", bound=Record)


def add_record(
    ctx: AppContext,
    text: str,
    cls: type[R],
    create: Callable[[], R],
    remove: Callable[[str], Any],
    *,
    form: bool = True,
) -> R | None:
    """Add a record as an undoable edit. With ``form``, a refusal raises its LeapError;
    without, it is said in the window and the result is None."""
    do = adding(create, lambda record: ctx.service.restore(cls, record.id))
    return run_undoable(ctx, text, do, lambda record: remove(record.id), report=not form)


def change_records(
    ctx: AppContext,
    text: str,
    before: Sequence[Record],
    do: Callable[[], Any],
    *,
    form: bool = False,
) -> Any:
    """Run ``do`` as an undoable edit whose undo puts ``before`` back as it was. With
    ``form``, a refusal raises its LeapError; without, it is said in the window and
    the result is None."""
    snapshot = list(before)

    def undo(_: Any) -> Any:
        return ctx.service.revert(snapshot, f"Undo: {text}")

    return run_undoable(ctx, text, do, undo, report=not form)
