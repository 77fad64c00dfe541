"""``leap sync``, ``leap sync-status`` and ``leap conflicts``: two laptops, one panel (docs/sync.md)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import asdict
from pathlib import Path

from ..domain.errors import LeapError
from ..words import plural
from .context import add_command


def register(commands: argparse._SubParsersAction) -> None:
    p = add_command(commands, "sync", cmd_sync, "send this laptop's changes to a shared folder and take the others'",
                    json_flag=True)
    p.add_argument("--folder", required=True, metavar="DIR",
                   help="the shared folder (OneDrive, Nextcloud, Syncthing, a network share, a USB stick)")
    add_command(commands, "sync-status", cmd_status, "when this panel last synced, and what waits", json_flag=True)
    p = add_command(commands, "conflicts", cmd_conflicts, "changes from other laptops waiting for you to settle",
                    json_flag=True)
    p.add_argument("--all", action="store_true", help="include the ones already settled")
    p.add_argument("--settle", type=int, metavar="N", help="settle conflict N (with --use)")
    p.add_argument("--use", choices=("kept", "waiting"),
                   help="which version to keep: the one in the panel now, or the one that waited")


def _secret(ctx) -> str:
    for name in ("LEAP_RECOVERY_KEY", "LEAP_PASSPHRASE"):
        if os.environ.get(name):
            return os.environ[name]
    stdin = getattr(ctx, "stdin", None) or sys.stdin
    if not (hasattr(stdin, "isatty") and stdin.isatty()):
        raise LeapError(f"{ctx.db_path.name} does not exist yet: to make it from the shared folder, set "
                        "LEAP_RECOVERY_KEY (or LEAP_PASSPHRASE) to the panel's recovery key or passphrase")
    secret = getpass.getpass("The panel's recovery key or passphrase (Enter to stop): ").strip()
    if not secret:
        raise LeapError("Stopped: nothing was made")
    return secret


def _join(ctx, folder: Path):
    """Make the panel file from the shared folder, then sync it as a device of its own
    (services/joining.py, as the app does)."""
    from ..services import joining
    from .opening import open_service

    path = ctx.db_path
    report = joining.join(path, folder, _secret(ctx),
                          open_file=lambda building, ask: open_service(ctx, path=building, shown=path, ask=ask,
                                                                defer_daily_backup=True))
    ctx.note(f"Made {path.name} from the shared folder: it is a laptop of its own in this panel's sync from now on")
    return report


def cmd_sync(ctx) -> int:
    folder = Path(ctx.args.folder).expanduser()
    if not folder.is_dir():
        raise LeapError(f"The shared folder {folder} does not exist, or is not a folder; nothing was synced")
    if not ctx.db_path.exists():
        report = _join(ctx, folder)
        waiting = 0
    else:
        with ctx.open() as svc:
            report = svc.sync.sync(folder)
            waiting = svc.sync.status().conflicts_waiting
    for line in report.refused + report.notes:
        ctx.note(line)

    def render() -> None:
        ctx.print(f"Synced: {plural(report.sent, 'change')} sent, {plural(report.received, 'change')} taken in "
                  f"from {plural(report.files_in, 'file')}"
                  + (f"; {plural(waiting, 'conflict')} waiting (see 'leap conflicts')" if waiting else "") + ".")

    ctx.emit({**asdict(report), "conflicts_waiting": waiting}, render)
    return 0


def cmd_status(ctx) -> int:
    with ctx.open() as svc:
        status = svc.sync.status()

    def render() -> None:
        if status.last_synced is None:
            ctx.print("Not synced yet: run 'leap sync --folder DIR' with a folder every laptop can reach.")
            return
        ctx.print(f"Last synced {status.last_synced}: {plural(status.sent, 'change')} sent, "
                  f"{plural(status.received, 'change')} taken in"
                  + (f", {plural(status.refused, 'file')} refused" if status.refused else "") + ".")
        ctx.print(f"Changes taken from {plural(status.devices, 'other laptop')}; "
                  f"{plural(status.conflicts_waiting, 'conflict')} waiting.")

    ctx.emit(asdict(status), render)
    return 0


def cmd_conflicts(ctx) -> int:
    a = ctx.args
    if (a.settle is None) != (a.use is None):
        raise LeapError("To settle a conflict give both --settle N and --use kept|waiting")
    with ctx.open() as svc:
        if a.settle is not None:
            done = svc.sync.settle(a.settle, a.use)
            ctx.print(f"Settled conflict {done.number} on {done.what}: {done.settled_how}.")
            return 0
        conflicts = svc.sync.conflicts(settled=a.all)
        me = svc.sync.this_laptop()
        made = {c.number: svc.sync.waiting_from(c) for c in conflicts}

    def origin(c) -> str:
        """Where the waiting version was made (not always the laptop whose file brought it)."""
        device = made.get(c.number)
        if device is None:
            return f"came with laptop {c.device[:8]}'s changes"
        return "waiting version made on this laptop" if device == me else f"from laptop {device[:8]}"

    def render() -> None:
        if not conflicts:
            ctx.print("No conflicts waiting.")
            return
        for c in conflicts:
            state = f"settled: {c.settled_how}" if c.settled_at else "waiting"
            ctx.print(f"{c.number}. {c.what} ({state}; {c.reason}; {origin(c)})")
            for name, kept, waiting in c.differences():
                ctx.print(f"     {name}: now {kept!r}; waiting {waiting!r}")
        ctx.print("Settle one with 'leap conflicts --settle N --use kept' (or --use waiting).")

    ctx.emit([{**asdict(c), "differences": c.differences(), "waiting_from": made[c.number]} for c in conflicts], render)
    return 0
