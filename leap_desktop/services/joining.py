"""A laptop joining a panel from the shared folder: the one way the app (File > Join a
panel from a shared folder…, the start screen) and the command (``leap --db NEW sync
--folder DIR`` on a file that does not exist yet) both take.

The folder's files name no panel in words: the panel is the one whose files open with
the recovery key or passphrase given (store/sync_join.py). The new file is made under a
temporary name beside its own (store/newfile.py), with the panel's key, and filled by a
first sync; it takes its name only once that sync is done, so a refusal or a kill
part-way leaves nothing at that name.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import LeapError
from ..store import sync_join
from . import opening

if TYPE_CHECKING:
    from ..store.sync_engine import Report
    from .panel import PanelService

#: Opens the file being made, given an ``ask`` that answers with the panel's key.
Opener = Callable[[Path, opening.Ask], AbstractContextManager["PanelService"]]


def check_folder(folder: str | Path) -> Path:
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise LeapError(f"The shared folder {folder} does not exist, or is not a folder; nothing was made")
    return folder


def join(path: str | Path, folder: str | Path, secret: str, *, open_file: Opener | None = None) -> "Report":
    """Make the panel file ``path`` from the panel in ``folder`` that ``secret`` (its
    recovery key or passphrase) opens, and sync it: from then on it is a laptop of its
    own. ``open_file`` opens the file being made (by default ``PanelService.open``,
    leaving out the day's backup: there is nothing in it to back up)."""
    from .panel import PanelService

    path, folder = Path(path).expanduser(), check_folder(folder)
    secret = (secret or "").strip()
    if not secret:
        raise LeapError("Type the panel's recovery key or passphrase; nothing was made")
    if path.exists() and path.stat().st_size > 0:
        raise LeapError(f"There is already a file at {path}: choose a new name for this laptop's panel file")
    digest, key = sync_join.find_panel(folder, secret)
    # No day's backup of the empty file being made (it would go under its temporary name).
    opener = open_file or (lambda building, ask: PanelService.open(building, ask=ask, defer_daily_backup=True))
    with opening.building(path) as building:
        sync_join.make_file(building, key)
        with opener(building, opening.asking(first=key.recovery_key)) as svc:
            return svc.sync.sync(folder, digest=digest)
