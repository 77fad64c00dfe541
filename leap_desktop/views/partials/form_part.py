"""A part of a page: one job of a screen built from one Designer form.

A page loads its form once and hands it to each of its parts. A part takes the
widgets it names in ``WIDGETS`` (and only those) as ``self.ui``, is given what else it
needs (the context, a model another part owns), and reports back by Qt signals: the
page connects them, so no part reaches into the page or into another part.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...models.context import AppContext


class FormPart(QObject):
    WIDGETS: tuple[str, ...] = ()

    #: Something to say on the page's status line; True: in the window's status bar too.
    announced = Signal(str, bool)
    #: A refusal for the page's problem line (empty: the problem is over).
    problem = Signal(str)

    def __init__(self, ctx: AppContext, form: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.service
        found = {}
        for name in self.WIDGETS:
            widget = form.findChild(QWidget, name)
            if widget is None:
                raise LookupError(f"The form has no widget {name!r} for {type(self).__name__}")
            found[name] = widget
        self.ui = SimpleNamespace(**found)

    def say(self, text: str, *, status_bar: bool = True) -> None:
        self.announced.emit(text, status_bar)
