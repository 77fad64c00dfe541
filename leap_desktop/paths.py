"""Where things live: the user's data folder, the default panel file, bundled assets.

Works the same from a source checkout, an installed package and a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "leap-desktop"


def data_dir(create: bool = True) -> Path:
    """The user's data folder for LEAP Desktop (``LEAP_DATA_DIR`` overrides it).

    Created owner-only on first use, since it holds health information.
    """
    override = os.environ.get("LEAP_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    if create and not path.exists():
        make_private_folder(path)
    return path


def make_private_folder(path: str | os.PathLike) -> Path:
    """Create the folder ``path`` and every missing folder above it, each owner-only
    (0700): ``mkdir(parents=True, mode=...)`` gives the mode to the last one only."""
    path = Path(path)
    missing = []
    here = path
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
    return path


def default_panel_path() -> Path:
    return data_dir() / "panel.leap"


def root() -> Path:
    """The folder holding ``resources/`` and ``ui/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    return root().joinpath("resources", *parts)


def ui_file(name: str) -> Path:
    return root().joinpath("ui", name)
