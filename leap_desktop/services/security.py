"""Keys, encryption, backups and restoring: what the Qt side and the command line ask
of a panel file's protection, so that both reach the store only through services.

:class:`SecurityService` is reached from an open panel as ``PanelService.security``
(Security settings, File > Restore from a backup…; ``leap encrypt``, ``rekey``,
``backup``, ``decrypt``, ``restore``, ``backups``, ``key-info``). The functions and names below it
need no open panel: the backups of a file that cannot be opened, the number of backups
kept, making a key, the keyring. Each is a thin call over the store's own
(store/keys.py, store/unlock.py, store/backup.py, store/protect.py); the store keeps
the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..store import backup as _backup
from ..store.connection import Engine, engine
from ..store.keys import PanelKey, check_passphrase, key_from_passphrase, new_key
from ..store.keys import KeyStore as _KeyStore
from ..store.panel_store import DamagedFile
from ..store.unlock import Ask, KeyNotKept, Security, UnlockRequest

if TYPE_CHECKING:
    from ..store.protect import DamagedRestore  # noqa: F401  (named in type hints as text)
    from .core import PanelCore

__all__ = [
    "Ask", "DamagedFile", "Engine", "KeyNotKept", "PanelKey", "Security", "SecurityService",
    "UnlockRequest", "backup_candidates", "backup_made_at", "backup_reason", "backups_root",
    "backups_to_keep", "check_passphrase", "engine", "key_from_passphrase", "keys_kept_where",
    "new_key", "set_backups_to_keep",
]


class SecurityService:
    """How one open panel file is protected, its key, and its automatic backups."""

    def __init__(self, core: "PanelCore"):
        self.store = core.store

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def state(self) -> Security:
        """Whether the file is encrypted and where its key is kept (``.where``, a sentence)."""
        return self.store.security

    def change_key(self, key: PanelKey) -> Security:
        """Encrypt the file with ``key``, or if it is encrypted already, change its key to
        ``key`` (a backup is made first). The new recovery key is in ``.recovery_key``,
        to be shown once."""
        if self.store.security.encrypted:
            return self.store.rekey(key)
        return self.store.encrypt(key)

    def backup_to(self, out: str | Path) -> Path:
        """Write a checked backup of the panel to the new file ``out``, with the same key
        (still encrypted if the panel is)."""
        return self.store.backup_to(out)

    def export_plaintext(self, out: str | Path) -> Path:
        """Write an UNENCRYPTED copy of the panel to the new file ``out``, checked first;
        the panel file itself stays as it is."""
        return self.store.export_plaintext(out)

    def backup_folder(self) -> Path:
        """The folder this file's automatic backups go in (not made if it is not there yet)."""
        return _backup.backup_folder(self.store.path, self.store.conn, create=False)

    def automatic_backups(self) -> list[Path]:
        """This file's automatic backups, newest first."""
        return _backup.automatic_backups(self.store.path, self.store.conn)

    def restore_from(self, source: str | Path, *, ask: Ask | None = None) -> Path:
        """Put the backup ``source`` (checked first) in place of the panel; the panel as it
        was is backed up first, and that backup is returned. See ``PanelStore.restore_from``."""
        return self.store.restore_from(source, ask=ask)


# -- with no panel open ---------------------------------------------------------------------


def backups_to_keep() -> int:
    """How many automatic backups of each panel file are kept."""
    return _backup.backups_to_keep()


def set_backups_to_keep(count: int) -> None:
    """Keep the newest ``count`` automatic backups of each panel file (a StoreError if
    ``count`` is out of range; nothing changed)."""
    _backup.set_backups_to_keep(count)


def backups_root() -> Path:
    """The folder that holds every panel file's backups (not made if it is not there)."""
    return _backup.backups_root(create=False)


def backup_candidates(path: Path) -> list[Path]:
    """The automatic backups of a panel file that cannot be opened, newest first."""
    return _backup.candidates(path)


def backup_made_at(backup_file: Path):
    """When a backup was made (a local datetime)."""
    return _backup.made_at(backup_file)


def backup_reason(backup_file: Path) -> str:
    """Why an automatic backup was made, in words ("" when its name does not say)."""
    return _backup.reason_words(backup_file)


def keys_kept_where() -> str:
    """Where this computer keeps panel keys, in words; starts "nowhere" when no keyring works."""
    return _KeyStore().where()
