"""LEAP Desktop: meetings, contributions and traceable decisions for Lived Experience
Advisory Panels."""

from __future__ import annotations


def _version() -> str:
    """The version lives in pyproject.toml only: read it from pyproject.toml beside the
    package (a source checkout or bundle), else from the installed metadata (slower:
    importlib.metadata looks through every installed package, at every start)."""
    import re
    from pathlib import Path

    for base in (Path(__file__).resolve().parent.parent, Path(__file__).resolve().parent):
        pyproject = base / "pyproject.toml"
        if pyproject.is_file():
            text = pyproject.read_text(encoding="utf-8")
            match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
            if match and re.search(r'^name\s*=\s*"leap-desktop"', text, re.M):
                return match.group(1)
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("leap-desktop")
    except PackageNotFoundError:
        return "0+unknown"


__version__ = _version()
APP_NAME = "LEAP Desktop"
