"""The ``leap`` command: the panel record from a terminal, over the same services as the app.

Each group of commands lives in its own module with a ``register(commands)``
function (over cli/context.py: the ``Context`` and ``add_command``); this module builds the parser, opens the panel file, and turns every
known problem into one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from .. import __version__
from ..domain.errors import LeapError
from . import comms, impact, minutes, names, payments, records, reports, scripting, security, sync
from .context import EXIT_BUG, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, Context, Parser, add_command

__all__ = ["EXIT_BUG", "EXIT_OK", "EXIT_PROBLEM", "EXIT_USAGE", "Context", "add_command", "build_parser", "main"]


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
    for module in (records, minutes, names, security, payments, impact, comms, reports, sync, scripting):
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
