"""What every command is given: its arguments, the panel file, and output helpers
(:class:`Context`), and how a command is added to the parser (:func:`add_command`).

Below every command module (they import this, never the package's ``__init__``), so
the ``leap`` command's modules import one another without a cycle.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .opening import open_service

EXIT_OK = 0
EXIT_PROBLEM = 1  # the user can fix it: bad input, missing file, broken rule
EXIT_USAGE = 2  # argparse's own code for a malformed command line
EXIT_BUG = 70


class Context:
    """What a command needs: its arguments, the panel file, and output helpers."""

    def __init__(self, args: argparse.Namespace, out=None, err=None):
        self.args = args
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.closing_notes: list[str] = []

    @property
    def db_path(self) -> Path:
        if self.args.db:
            return Path(self.args.db).expanduser()
        env = os.environ.get("LEAP_DB")
        if env:
            return Path(env).expanduser()
        from ..paths import data_dir, default_panel_path

        folder = data_dir(create=False)
        if not folder.exists():  # a first start: say where panels will live
            data_dir()
            self.note(f"Created your LEAP Desktop data folder {folder} (only your user account can open it)")
        return default_panel_path()

    def open(self, *, create: bool = False, **options: Any):
        """Open the panel file through the one opening path (keys, locks, migrations)."""
        return open_service(self, create=create, **options)

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def note(self, text: str) -> None:
        """A message about what happened, on stderr so stdout stays clean for data."""
        print(text, file=self.err)

    def note_at_end(self, text: str) -> None:
        """A note said once the command has finished (not when it was refused: the
        refusal says it in its one line)."""
        if text not in self.closing_notes:
            self.closing_notes.append(text)

    def emit(self, data: Any, render: Callable[[], None]) -> None:
        """Print ``data`` as JSON with ``--json``, otherwise call ``render``."""
        if getattr(self.args, "json", False):
            self.print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            render()


def add_command(commands: argparse._SubParsersAction, name: str, handler, help: str, *,
                json_flag: bool = False) -> argparse.ArgumentParser:
    """Add one ``leap`` command; with ``json_flag`` it takes ``--json`` like every listing."""
    parser = commands.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler)
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    return parser


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line plus a hint."""

    usage_hint: str | None = None  # said after a usage error, e.g. how to search for "-payment"

    def error(self, message: str):  # type: ignore[override]
        hint = f"; {self.usage_hint}" if self.usage_hint else ""
        self.exit(EXIT_USAGE, f"{self.prog}: {message}{hint} (see '{self.prog} --help')\n")
