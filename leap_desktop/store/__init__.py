"""The panel file: SQLite through sqlite-utils, migrations, audit log, search."""

from .panel_store import Change, PanelStore

__all__ = ["Change", "PanelStore"]
