"""Opening the panel file for a command: the one path every command takes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..services import PanelService

if TYPE_CHECKING:
    from . import Context


def open_service(ctx: "Context", *, create: bool = False) -> PanelService:
    path = ctx.db_path
    if create and not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    return PanelService.open(path, create=create)
