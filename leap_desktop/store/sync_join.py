"""A laptop joining a panel from the shared folder: a new panel file made from it.

The folder's files name no panel in words, and may hold several panels: the panel is
the one whose files open with the recovery key or passphrase given. The new file has
the same key and salt as the panel's first file (the salt travels in every sync file's
header), so the same recovery key and passphrase open it; it gets a device id of its
own (its file id), and the sync that follows fills it.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import LeapError
from . import migrations, sync_format as fmt
from .connection import connect
from .keys import KeyStore, PanelKey, keys_from_secret
from .keyring_safe import keep_key


def find_panel(folder: Path, secret: str) -> tuple[str, PanelKey]:
    """The panel digest and key of the panel in ``folder`` that ``secret`` opens."""
    if not folder.is_dir():
        raise LeapError(f"The shared folder {folder} does not exist, or is not a folder")
    panels = [p for p in sorted(folder.iterdir()) if p.is_dir() and fmt.HEX32.match(p.name)]
    for panel in panels:
        devices, _ = fmt.devices(folder, panel.name)
        for device in devices:
            numbers, _ = fmt.sequences(fmt.device_folder(folder, panel.name, device))
            if not numbers:
                continue
            path = fmt.file_path(folder, panel.name, device, numbers[0])
            try:
                data = fmt.read_file(path, path.name)
                header, _ = fmt.read_header(data, path.name)
                salt = bytes.fromhex(header.salt)
            except (fmt.Refused, ValueError):
                continue
            for key in keys_from_secret(secret, salt):
                try:
                    fmt.open_sealed(data, path.name, key.raw)
                except fmt.Refused:
                    continue
                return panel.name, key
            break  # this panel's files are sealed with another key
    if not panels:
        raise LeapError(f"There is no panel in the shared folder {folder} yet: sync from a laptop that has it first")
    raise LeapError(f"No panel in {folder} opens with this recovery key or passphrase; nothing was made")


def make_file(path: Path, key: PanelKey) -> None:
    """An empty, up-to-date panel file at ``path`` with ``key`` (its salt included)."""
    conn = connect(path, create=True, key=key)
    try:
        migrations.apply(conn)
    finally:
        conn.close()
    keep_key(KeyStore(), key)
