"""What the windows ask of the app's launcher (views/shell/app.py ``Launcher``), and how the
app asks for a file's key: below the windows, so that they need not import the app."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ...services import opening
from ...services.opening import Ask

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .theme import Appearance


class Launching(Protocol):
    """The launcher, as the main window, its File menu and the start screen see it."""

    appearance: "Appearance"

    def recent(self) -> list[Path]: ...

    def forget(self, path: Path) -> None: ...

    def open_path(self, path: str | os.PathLike, *, parent: "QWidget | None" = None, ask: Ask | None = None) -> bool: ...

    def open_file(self, parent: "QWidget | None" = None) -> bool: ...

    def new_panel(self, parent: "QWidget | None" = None) -> None: ...

    def open_demo(self, parent: "QWidget | None" = None) -> bool: ...

    def join_panel(self, parent: "QWidget | None" = None) -> None: ...

    def close_panel(self) -> None: ...

    def quit(self) -> None: ...


def make_ask(parent: "QWidget | None", *, interactive: bool = True, first: str | None = None) -> Ask:
    """How the app answers when the keyring cannot give a file's key.

    First ``first`` (the demo panel's own passphrase), then ``LEAP_RECOVERY_KEY`` or
    ``LEAP_PASSPHRASE`` from the environment (as the ``leap`` command does, for scripts
    and headless machines: services/opening.py); then, when a person is there, the
    unlock dialog, which says why and where keys are kept. Without a person
    (``--screenshot``), the file stays shut and the reason is reported.
    """
    if not interactive:
        return opening.asking(None, first=first)

    def dialog(request: opening.UnlockRequest, _tried: list[str]) -> str | None:
        # The unlock dialog, imported when a key is first asked for: usually the keyring
        # has it, and the dialogs would only slow the start.
        from ..dialogs.security import dialog_ask

        return dialog_ask(parent)(request)

    return opening.asking(dialog, first=first)
