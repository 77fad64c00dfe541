"""LEAP Desktop: meetings, contributions and traceable decisions for Lived Experience
Advisory Panels."""

from __future__ import annotations


def _version() -> str:
    """The version lives in pyproject.toml only; read it from the installed metadata,
    or from pyproject.toml in a source checkout or bundle."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("leap-desktop")
    except PackageNotFoundError:
        import re
        from pathlib import Path

        for base in (Path(__file__).resolve().parent.parent, Path(__file__).resolve().parent):
            pyproject = base / "pyproject.toml"
            if pyproject.exists():
                match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
                if match:
                    return match.group(1)
        return "0+unknown"


__version__ = _version()
APP_NAME = "LEAP Desktop"
