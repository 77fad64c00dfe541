"""The ``leap`` command: the panel record from a terminal, over the same services as the app.

Each group of commands lives in its own module with a ``register(commands)``
function; this module builds the parser, opens the panel file, and turns every
known problem into one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.errors import LeapError

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
        from .opening import open_service

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


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="leap",
        description="LEAP Desktop on the command line: the panel's meetings, contributions, "
        "decisions and actions.",
    )
    parser.add_argument("--version", action="version", version=f"leap {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the panel file (default: $LEAP_DB, or panel.leap in your LEAP Desktop data folder)",
    )
    parser.add_argument("--as", dest="actor", metavar="NAME", help="who is making changes (for the audit log)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    from . import impact, minutes, payments, records, scripting, security, sync

    for module in (records, minutes, security, payments, impact, sync, scripting):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, out=None, err=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.actor:
        os.environ["LEAP_ACTOR"] = args.actor
    ctx = Context(args, out=out, err=err)
    try:
        code = args.handler(ctx) or EXIT_OK
        for note in ctx.closing_notes:
            ctx.note(note)
        return code
    except LeapError as exc:
        print(f"leap: {exc}", file=ctx.err)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("leap: stopped", file=ctx.err)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so plainly, details only on request
        if os.environ.get("LEAP_DEBUG"):
            raise
        print(
            f"leap: unexpected problem ({type(exc).__name__}). This is a bug in LEAP Desktop; "
            "run again with LEAP_DEBUG=1 to see the details for a bug report",
            file=ctx.err,
        )
        return EXIT_BUG
